package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// Evidence files in bundles (store/bundle/blobs.go): the attachments
// travel as their signed audit entries, with the rest of the history; the
// bytes follow as blob records, one piece at a time, unless the bundle is
// written with --no-files. On import the pieces are staged and checked
// against their hashes while decoding; the merge then applies each
// attachment's revisions by model.CurrentAttachment and copies the files
// not held, inside SQLite, piece by piece.

// collectBlobs writes the bytes of every file attached (and not removed,
// or waiting for a reopening) to the selection's findings that this database holds, each checked
// against its hash as it goes, and returns their total length.
func collectBlobs(ctx context.Context, q queryer, s selection, enc *bundle.Encoder) (int64, error) {
	sums, err := stringsOf(ctx, q, `SELECT DISTINCT a.sha256 FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
		WHERE (a.removed = 0 OR a.pending = 1) AND a.assessment_id IN (SELECT value FROM json_each(?)) ORDER BY a.sha256`, jsonList(s.assessments))
	if err != nil {
		return 0, fmt.Errorf("read evidence: %w", err)
	}
	var total int64
	for _, sum := range sums {
		n, err := sendBlob(ctx, q, sum, enc)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// sendBlob writes one file's pieces.
func sendBlob(ctx context.Context, q queryer, sum string, enc *bundle.Encoder) (int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT seq, data FROM blob_chunks WHERE sha256 = ? ORDER BY seq", sum)
	if err != nil {
		return 0, fmt.Errorf("read evidence: %w", err)
	}
	defer closeRows(rows)
	h := sha256.New()
	var n int64
	next := 0
	for rows.Next() {
		var c bundle.BlobChunk
		if err := rows.Scan(&c.Seq, &c.Data); err != nil {
			return 0, fmt.Errorf("read evidence: %w", err)
		}
		// Pieces are renumbered from 0 as they go: the stored numbering
		// is the store's business.
		c.SHA256, c.Seq = sum, next
		next++
		h.Write(c.Data)
		n += int64(len(c.Data))
		if err := enc.Blob(c); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read evidence: %w", err)
	}
	if next == 0 {
		// An empty file is one empty piece, so it arrives too.
		if err := enc.Blob(bundle.BlobChunk{SHA256: sum, Data: []byte{}}); err != nil {
			return 0, err
		}
	}
	if hex.EncodeToString(h.Sum(nil)) != sum {
		return 0, model.NewError(model.EDamagedFile, fmt.Errorf("blob %s does not match its hash", sum[:12]), blobName(ctx, q, sum))
	}
	return n, nil
}

// stringsOf runs a query of one text column.
func stringsOf(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer closeRows(rows)
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Blob stages one piece of a file (the decoder checks the file's hash
// once its last piece has passed).
func (l *stageLoader) Blob(c bundle.BlobChunk) error {
	data := c.Data
	if data == nil {
		data = []byte{}
	}
	_, err := l.exec("blob", c.SHA256, c.Seq, data)
	return err
}

// mergeEvidence applies the staged attachment revisions, one attachment
// at a time (each with the revision held, by model.CurrentAttachment, so
// the outcome does not depend on the order bundles arrive in), then copies
// the files not held yet.
func (t *txn) mergeEvidence(ctx context.Context, changed []string, res *ImportResult) error {
	ids, err := stringsOf(ctx, t, "SELECT DISTINCT entity_id FROM stage.entries WHERE kind = 'attachment' ORDER BY entity_id")
	if err != nil {
		return fmt.Errorf("read staged evidence: %w", err)
	}
	views := assessmentViews{}
	for _, id := range ids {
		if err := t.mergeAttachment(ctx, id, views); err != nil {
			return err
		}
	}
	// An assessment finalized or reopened by this bundle shows its files
	// as its seal says, or again as the merge says.
	for _, id := range changed {
		if err := t.reviewAttachments(ctx, id, views); err != nil {
			return err
		}
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO main.blob_chunks(sha256, seq, data) SELECT sha256, seq, data FROM stage.blob_chunks
		WHERE sha256 NOT IN (SELECT sha256 FROM main.blobs) ORDER BY sha256, seq`); err != nil {
		return fmt.Errorf("write evidence: %w", err)
	}
	r, err := t.ExecContext(ctx, `INSERT INTO main.blobs(sha256, size) SELECT sha256, sum(length(data)) FROM stage.blob_chunks
		WHERE sha256 NOT IN (SELECT sha256 FROM main.blobs) GROUP BY sha256`)
	if err != nil {
		return fmt.Errorf("write evidence: %w", err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return fmt.Errorf("write evidence: %w", err)
	}
	res.Files = int(n)
	if err := t.QueryRowContext(ctx, `SELECT count(*) FROM main.attachments WHERE pending = 1
		AND (id IN (SELECT entity_id FROM stage.entries WHERE kind = 'attachment') OR assessment_id IN (SELECT value FROM json_each(?)))`,
		jsonList(changed)).Scan(&res.FilesWaiting); err != nil {
		return fmt.Errorf("read evidence: %w", err)
	}
	if err := t.QueryRowContext(ctx, `SELECT count(DISTINCT sha256) FROM main.attachments WHERE (removed = 0 OR pending = 1)
		AND id IN (SELECT entity_id FROM stage.entries WHERE kind = 'attachment') AND sha256 NOT IN (SELECT sha256 FROM main.blobs)`).
		Scan(&res.FilesMissing); err != nil {
		return fmt.Errorf("read evidence: %w", err)
	}
	return nil
}

// mergeAttachment merges one attachment's staged revisions with the one
// held. Every revision of one attachment must be about the same file on
// the same finding.
func (t *txn) mergeAttachment(ctx context.Context, id string, views assessmentViews) error {
	revs, err := bodies[model.Attachment](ctx, t, "SELECT new FROM stage.entries WHERE kind = 'attachment' AND entity_id = ?", id)
	if err != nil {
		return fmt.Errorf("read staged evidence: %w", err)
	}
	held, found, err := t.heldAttachment(ctx, id)
	if err != nil {
		return err
	}
	if found {
		revs = append(revs, held.Attachment)
	}
	for i := range revs {
		if revs[i].AssessmentID, err = t.canon(ctx, "assessment", revs[i].AssessmentID); err != nil {
			return err
		}
		if !sameFile(revs[i], revs[0]) {
			return contentErr(revs[i].Name, "two revisions of one evidence file disagree on what it is")
		}
	}
	return t.placeAttachment(ctx, model.CurrentAttachment(revs), held, found, views)
}

// sameFile says whether two revisions are of one attachment: the same
// file, on the same finding, attached by the same person and device.
func sameFile(a, b model.Attachment) bool {
	return a.ID == b.ID && a.AssessmentID == b.AssessmentID && a.ItemCode == b.ItemCode && a.SHA256 == b.SHA256 &&
		a.Name == b.Name && a.Size == b.Size && a.MediaType == b.MediaType && a.AddedBy == b.AddedBy &&
		a.AddedAt.Equal(b.AddedAt) && a.AddedDevice == b.AddedDevice
}

// checkBlobs reads every evidence file held, piece by piece, against its
// hash (kiemtra check): a file damaged on disk is named by an attachment
// that holds it.
func checkBlobs(ctx context.Context, q queryer, rep *CheckReport) error {
	sums, err := stringsOf(ctx, q, "SELECT sha256 FROM blobs ORDER BY sha256")
	if err != nil {
		return fmt.Errorf("read evidence: %w", err)
	}
	for _, sum := range sums {
		err := writeBlob(ctx, q, sum, "", io.Discard)
		if model.ErrorCode(err) != model.EDamagedFile {
			if err != nil {
				return err
			}
			continue
		}
		rep.add(model.NewError(model.EDamagedFile, err, blobName(ctx, q, sum)))
	}
	return nil
}

// blobName is a file name an attachment of content sum gives it, for a
// message (the hash's first digits when none does).
func blobName(ctx context.Context, q queryer, sum string) string {
	var name string
	if err := q.QueryRowContext(ctx, "SELECT json_extract(body, '$.name') FROM attachments WHERE sha256 = ? ORDER BY id LIMIT 1",
		sum).Scan(&name); err != nil || name == "" {
		return sum[:12]
	}
	return name
}
