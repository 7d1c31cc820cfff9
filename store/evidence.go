package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// Evidence files (model/evidence.go): an attachment row per file attached
// to a finding, its bytes in blobs/blob_chunks once per content. Every
// attachment and removal is a revision with its audit entry (entity
// "attachment"), so it is signed, travels in bundles and merges by
// model.CurrentAttachment.

// AttachEvidence attaches the file at path to the finding of item
// itemCode in assessment assessmentID, for actor. The file must be a
// regular file (ENotRegular) of at most model.MaxEvidenceBytes
// (EEvidenceTooLarge, checked before a byte is read); it is read once, in
// chunks, hashed as it goes into the database. The same content is stored
// once; the same content attached twice to one finding is one attachment
// (the one held is returned). The assessment must be a draft.
func (db *DB) AttachEvidence(ctx context.Context, actor, assessmentID, itemCode, path string) (model.Attachment, error) {
	who, err := actorName(actor, "evidence")
	if err != nil {
		return model.Attachment{}, err
	}
	a, err := db.Assessment(ctx, assessmentID)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach evidence: %w", err)
	}
	cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach evidence: %w", err)
	}
	if _, ok := cl.Item(itemCode); !ok {
		return model.Attachment{}, fmt.Errorf("attach evidence: item %s: %w", itemCode, notFound(itemCode))
	}
	f, st, err := safefile.OpenRegular(path)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach evidence: %w", err)
	}
	defer closeFile(f)
	if st.Size() > model.MaxEvidenceBytes {
		return model.Attachment{}, model.NewError(model.EEvidenceTooLarge, nil, path, model.SizeWords(st.Size()),
			model.SizeWords(model.MaxEvidenceBytes))
	}
	name := nfc(filepath.Base(path))
	var saved model.Attachment
	err = db.tx(ctx, func(t *txn) error {
		cur, err := getAssessment(ctx, t, a.ID)
		if err != nil {
			return err
		}
		if cur.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		sum, size, head, err := t.putBlob(ctx, f, path)
		if err != nil {
			return err
		}
		var held model.Attachment
		found, err := bodyOf(t.QueryRowContext(ctx, `SELECT body FROM attachments
			WHERE assessment_id = ? AND item_code = ? AND sha256 = ? AND removed = 0 ORDER BY id LIMIT 1`, a.ID, itemCode, sum), &held)
		if err != nil {
			return fmt.Errorf("read attachments: %w", err)
		}
		if found {
			saved = held
			return nil
		}
		now := t.now()
		at := model.Attachment{ID: model.NewID(), AssessmentID: a.ID, ItemCode: itemCode, SHA256: sum, Name: name, Size: size,
			MediaType: mediaType(name, head), AddedBy: who, AddedAt: now, AddedDevice: t.device}
		at.Stamp = model.Stamp{UpdatedBy: who, UpdatedAt: now, Device: t.device, Revision: model.NewID()}
		if err := at.Check(); err != nil {
			return fmt.Errorf("attach %s: %w", path, invalid("name"))
		}
		saved = at
		return t.writeAttachment(ctx, at, "attach", "")
	})
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach evidence %s: %w", path, err)
	}
	return saved, nil
}

// putBlob reads r to its end into the blob store, in chunks, hashing as it
// goes, and returns the content's SHA-256, its length and its first bytes
// (to name its type). The chunks go in under a provisional name and are
// renamed by their hash once it is known; content already held is kept
// once. More than model.MaxEvidenceBytes is refused (the file grew after
// its size was checked).
func (t *txn) putBlob(ctx context.Context, r io.Reader, path string) (sum string, size int64, head []byte, err error) {
	tmp := "tmp-" + model.NewID()
	h := sha256.New()
	buf := make([]byte, model.BlobChunkBytes)
	for seq := 0; ; seq++ {
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			size += int64(n)
			if size > model.MaxEvidenceBytes {
				return "", 0, nil, model.NewError(model.EEvidenceTooLarge, nil, path, model.SizeWords(size),
					model.SizeWords(model.MaxEvidenceBytes))
			}
			if head == nil {
				head = append([]byte(nil), buf[:min(n, 512)]...)
			}
			h.Write(buf[:n])
			if _, err := t.ExecContext(ctx, "INSERT INTO blob_chunks(sha256, seq, data) VALUES (?,?,?)", tmp, seq, buf[:n]); err != nil {
				return "", 0, nil, fmt.Errorf("write evidence: %w", err)
			}
		}
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			return "", 0, nil, safefile.Wrap(path, rerr)
		}
	}
	sum = hex.EncodeToString(h.Sum(nil))
	var n int
	if err := t.QueryRowContext(ctx, "SELECT count(*) FROM blobs WHERE sha256 = ?", sum).Scan(&n); err != nil {
		return "", 0, nil, fmt.Errorf("read evidence: %w", err)
	}
	if n > 0 {
		_, err = t.ExecContext(ctx, "DELETE FROM blob_chunks WHERE sha256 = ?", tmp)
	} else if _, err = t.ExecContext(ctx, "UPDATE blob_chunks SET sha256 = ? WHERE sha256 = ?", sum, tmp); err == nil {
		_, err = t.ExecContext(ctx, "INSERT INTO blobs(sha256, size) VALUES (?,?)", sum, size)
	}
	if err != nil {
		return "", 0, nil, fmt.Errorf("write evidence: %w", err)
	}
	return sum, size, head, nil
}

// RemoveEvidence removes attachment id (its last digits, as lists show it, will do) from its
// finding: a new revision, audited, based on the one held; the bytes stay
// for the history and for other findings that hold the same content.
// Removing a removed attachment changes nothing. The assessment must be a
// draft.
func (db *DB) RemoveEvidence(ctx context.Context, actor, id string) (model.Attachment, error) {
	who, err := actorName(actor, "evidence")
	if err != nil {
		return model.Attachment{}, err
	}
	full, err := db.resolveAttachment(ctx, id)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("remove evidence: %w", err)
	}
	var saved model.Attachment
	err = db.tx(ctx, func(t *txn) error {
		var cur model.Attachment
		found, err := bodyOf(t.QueryRowContext(ctx, "SELECT body FROM attachments WHERE id = ?", full), &cur)
		if err != nil {
			return fmt.Errorf("read attachment: %w", err)
		}
		if !found {
			return notFound(short(id))
		}
		if cur.Removed {
			saved = cur
			return nil
		}
		a, err := getAssessment(ctx, t, cur.AssessmentID)
		if err != nil {
			return err
		}
		if a.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		old := jsonOf(cur)
		next := cur
		next.Removed = true
		next.Stamp = t.newStamp(who, cur.Revision)
		saved = next
		return t.writeAttachment(ctx, next, "remove", old)
	})
	if err != nil {
		return model.Attachment{}, fmt.Errorf("remove evidence: %w", err)
	}
	return saved, nil
}

// resolveAttachment finds the attachment a full or shortened ID names.
func (db *DB) resolveAttachment(ctx context.Context, id string) (string, error) {
	if id == "" || strings.ContainsAny(id, "%_") {
		return "", notFound(id)
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT id FROM attachments WHERE id = ?1 OR (length(?1) >= 4 AND id LIKE '%' || ?1) LIMIT 2", id)
	if err != nil {
		return "", db.translate(fmt.Errorf("read attachments: %w", err))
	}
	defer closeRows(rows)
	var ids []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", db.translate(fmt.Errorf("read attachments: %w", err))
		}
		ids = append(ids, s)
	}
	if err := rows.Err(); err != nil {
		return "", db.translate(fmt.Errorf("read attachments: %w", err))
	}
	switch len(ids) {
	case 0:
		return "", notFound(id)
	case 1:
		return ids[0], nil
	}
	return "", model.NewError(model.EAmbiguous, nil, id)
}

const upsertAttachmentSQL = `INSERT INTO attachments(id, assessment_id, item_code, sha256, removed, pending, revision, body)
	VALUES (?,?,?,?,?,?,?,?)
	ON CONFLICT(id) DO UPDATE SET assessment_id = excluded.assessment_id, item_code = excluded.item_code, sha256 = excluded.sha256,
		removed = excluded.removed, pending = excluded.pending, revision = excluded.revision, body = excluded.body`

// upsertAttachment writes an attachment row: a, its current revision, and
// what the record shows of it (removed; pending when the two disagree
// until a reopening, see placeAttachment).
func (t *txn) upsertAttachment(ctx context.Context, a model.Attachment, removed, pending bool) error {
	if _, err := t.ExecContext(ctx, upsertAttachmentSQL, a.ID, a.AssessmentID, a.ItemCode, a.SHA256, removed, pending, a.Revision,
		jsonOf(a)); err != nil {
		return fmt.Errorf("write attachment: %w", err)
	}
	return nil
}

// writeAttachment stores revision a and its signed audit entry (action
// "attach" or "remove"; old is the previous revision's JSON).
func (t *txn) writeAttachment(ctx context.Context, a model.Attachment, action, old string) error {
	if err := t.upsertAttachment(ctx, a, a.Removed, false); err != nil {
		return err
	}
	_, err := t.appendAudit(ctx, AuditEntry{Actor: a.UpdatedBy, Entity: "attachment", EntityID: a.ID, Action: action,
		At: a.UpdatedAt, Old: old, New: jsonOf(a), Revision: a.Revision, BaseRevision: a.BaseRevision})
	return err
}

// closeFile closes a file only read.
func closeFile(f interface{ Close() error }) { _ = f.Close() } // read-only: nothing to lose

// WriteEvidence streams the bytes of the content sha256 to w, chunk by
// chunk, checking them against their hash as they go: a blob damaged on
// disk is named (EDamagedFile) rather than passed on. Content not held
// (an attachment that came without its file) is EEvidenceMissing, naming
// name.
func (db *DB) WriteEvidence(ctx context.Context, sum, name string, w io.Writer) error {
	return db.read(ctx, func(q queryer) error { return writeBlob(ctx, q, sum, name, w) })
}

// writeBlob is WriteEvidence inside a read.
func writeBlob(ctx context.Context, q queryer, sum, name string, w io.Writer) error {
	var size int64
	err := q.QueryRowContext(ctx, "SELECT size FROM blobs WHERE sha256 = ?", sum).Scan(&size)
	if errors.Is(err, sql.ErrNoRows) {
		return model.NewError(model.EEvidenceMissing, nil, name)
	}
	if err != nil {
		return fmt.Errorf("read evidence: %w", err)
	}
	rows, err := q.QueryContext(ctx, "SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY seq", sum)
	if err != nil {
		return fmt.Errorf("read evidence: %w", err)
	}
	defer closeRows(rows)
	h := sha256.New()
	var n int64
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&data); err != nil {
			return fmt.Errorf("read evidence: %w", err)
		}
		h.Write(data)
		n += int64(len(data))
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read evidence: %w", err)
	}
	if n != size || hex.EncodeToString(h.Sum(nil)) != sum {
		return model.NewError(model.EDamagedFile, fmt.Errorf("blob %s does not match its hash", sum[:12]), name)
	}
	return nil
}
