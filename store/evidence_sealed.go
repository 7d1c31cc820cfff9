package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
)

// A finalized assessment's files are those its seal names
// (model.ViewAttachment): an attachment or removal from a laptop that had
// not seen the finalization is kept in the attachment's row (its body is
// the current revision by the normal merge) but not shown (removed says
// what the record shows), marked pending until the assessment is
// reopened, when every attachment of it is placed again.

// assessmentViews caches, by assessment ID, what placing its attachments
// needs.
type assessmentViews map[string]model.AssessmentView

// heldRow is an attachment row: its current revision and what the record
// shows of it.
type heldRow struct {
	model.Attachment
	shownRemoved, pending bool
}

// heldAttachment reads the row of attachment id.
func (t *txn) heldAttachment(ctx context.Context, id string) (heldRow, bool, error) {
	var h heldRow
	var body string
	err := t.QueryRowContext(ctx, "SELECT body, removed, pending FROM main.attachments WHERE id = ?", id).
		Scan(&body, &h.shownRemoved, &h.pending)
	if errors.Is(err, sql.ErrNoRows) {
		return h, false, nil
	}
	if err == nil {
		err = decodeBody(body, &h.Attachment)
	}
	if err != nil {
		return h, false, fmt.Errorf("read attachment: %w", err)
	}
	return h, true, nil
}

// placeAttachment writes the row of an attachment whose revisions merge to
// cur, showing what its assessment's seal allows; a row already so is
// left alone.
func (t *txn) placeAttachment(ctx context.Context, cur model.Attachment, held heldRow, found bool, views assessmentViews) error {
	v, ok := views[cur.AssessmentID]
	if !ok {
		var err error
		if v, err = assessmentView(ctx, t, cur.AssessmentID); err != nil {
			return err
		}
		views[cur.AssessmentID] = v
	}
	removed, pending := model.ViewAttachment(v, cur)
	if found && cur.Revision == held.Revision && removed == held.shownRemoved && pending == held.pending {
		return nil
	}
	return t.upsertAttachment(ctx, cur, removed, pending)
}

// reviewAttachments places again every attachment of an assessment whose
// shown revision changed (finalized or reopened).
func (t *txn) reviewAttachments(ctx context.Context, assessmentID string, views assessmentViews) error {
	delete(views, assessmentID)
	ids, err := stringsOf(ctx, t, "SELECT id FROM main.attachments WHERE assessment_id = ? ORDER BY id", assessmentID)
	if err != nil {
		return fmt.Errorf("read attachments: %w", err)
	}
	for _, id := range ids {
		held, found, err := t.heldAttachment(ctx, id)
		if err != nil {
			return err
		}
		if err := t.placeAttachment(ctx, held.Attachment, held, found, views); err != nil {
			return err
		}
	}
	return nil
}
