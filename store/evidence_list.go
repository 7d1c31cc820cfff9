package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"kiemtra/model"
)

// EvidenceFilter picks attachments: by inspection, unit code, item code or
// assessment (each "" for any); removed ones only when asked, and with
// WithPending the attachments waiting for their finalized assessment to be
// reopened (EvidenceRow.Pending) even when the record does not show them.
type EvidenceFilter struct {
	InspectionID string
	UnitCode     string
	ItemCode     string
	AssessmentID string
	WithRemoved  bool
	WithPending  bool
}

// EvidenceRow is one attachment as a list shows it: where it belongs and
// whether its bytes are here (false: it came in a bundle sent without
// files, and the file is still to come).
//
// Removed is what the record shows. Pending marks an attachment or a
// removal made on a laptop that had not seen the assessment's
// finalization: kept, but not applied to the signed record until it is
// reopened (Removed then shows the record, the history says otherwise).
type EvidenceRow struct {
	model.EvidenceFile
	InspectionID string `json:"inspection_id"`
	UnitCode     string `json:"unit_code"`
	Pending      bool   `json:"pending,omitempty"`
}

// Evidence lists the attachments f picks, by unit, item, then when they
// were attached.
func (db *DB) Evidence(ctx context.Context, f EvidenceFilter) ([]EvidenceRow, error) {
	var out []EvidenceRow
	err := db.read(ctx, func(q queryer) error {
		var err error
		out, err = evidenceRows(ctx, q, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	return out, nil
}

// evidenceRows is Evidence inside a read.
func evidenceRows(ctx context.Context, q queryer, f EvidenceFilter) ([]EvidenceRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT at.body, at.removed, at.pending, a.inspection_id, u.code, b.sha256 IS NOT NULL
		FROM attachments at JOIN assessments a ON a.id = at.assessment_id JOIN units u ON u.id = a.unit_id
		LEFT JOIN blobs b ON b.sha256 = at.sha256
		WHERE (?1 = '' OR a.inspection_id = ?1) AND (?2 = '' OR u.code = ?2) AND (?3 = '' OR at.item_code = ?3)
			AND (?4 = '' OR at.assessment_id = ?4) AND (?5 OR at.removed = 0 OR ?6 AND at.pending = 1)`,
		f.InspectionID, strings.ToUpper(strings.TrimSpace(f.UnitCode)), strings.TrimSpace(f.ItemCode), f.AssessmentID, f.WithRemoved,
		f.WithPending)
	if err != nil {
		return nil, err
	}
	defer closeRows(rows)
	var out []EvidenceRow
	for rows.Next() {
		var r EvidenceRow
		var body string
		var removed bool
		if err := rows.Scan(&body, &removed, &r.Pending, &r.InspectionID, &r.UnitCode, &r.Received); err != nil {
			return nil, err
		}
		if err := decodeBody(body, &r.Attachment); err != nil {
			return nil, err
		}
		r.Removed = removed
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortEvidence(out)
	return out, nil
}

// evidenceFiles are the files attached to one assessment's findings.
func (db *DB) evidenceFiles(ctx context.Context, assessmentID string) ([]model.EvidenceFile, error) {
	rows, err := db.Evidence(ctx, EvidenceFilter{AssessmentID: assessmentID})
	if err != nil {
		return nil, err
	}
	out := make([]model.EvidenceFile, len(rows))
	for i, r := range rows {
		out[i] = r.EvidenceFile
	}
	return out, nil
}

// EvidenceCounts is, by item code, how many files (not removed) are
// attached to the findings of one assessment: what the checklist's "có tệp
// đính kèm" filter keeps.
func (db *DB) EvidenceCounts(ctx context.Context, assessmentID string) (map[string]int, error) {
	fs, err := db.evidenceFiles(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	n := make(map[string]int, len(fs))
	for _, f := range fs {
		n[f.ItemCode]++
	}
	return n, nil
}

// sortEvidence orders rows by unit, item, when attached, name.
func sortEvidence(rs []EvidenceRow) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		switch {
		case a.UnitCode != b.UnitCode:
			return a.UnitCode < b.UnitCode
		case a.ItemCode != b.ItemCode:
			return a.ItemCode < b.ItemCode
		case !a.AddedAt.Equal(b.AddedAt):
			return a.AddedAt.Before(b.AddedAt)
		case a.Name != b.Name:
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
}

// FindingEvidence lists the files attached to one finding (not removed).
func (db *DB) FindingEvidence(ctx context.Context, assessmentID, itemCode string) ([]model.EvidenceFile, error) {
	rows, err := db.Evidence(ctx, EvidenceFilter{AssessmentID: assessmentID, ItemCode: itemCode})
	if err != nil {
		return nil, err
	}
	out := make([]model.EvidenceFile, len(rows))
	for i, r := range rows {
		out[i] = r.EvidenceFile
	}
	return out, nil
}

// PendingEvidence lists the attachments and removals that wait for their
// finalized assessment to be reopened (of one inspection, "" for all).
func (db *DB) PendingEvidence(ctx context.Context, inspectionID string) ([]EvidenceRow, error) {
	rows, err := db.Evidence(ctx, EvidenceFilter{InspectionID: inspectionID, WithRemoved: true, WithPending: true})
	if err != nil {
		return nil, err
	}
	var out []EvidenceRow
	for _, r := range rows {
		if r.Pending {
			out = append(out, r)
		}
	}
	return out, nil
}
