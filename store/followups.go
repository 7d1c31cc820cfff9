package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
)

// SaveFollowUp records what a visit found of an earlier kiến nghị: its
// status, the day checked (the visit's day when not given), a note and the
// evidence seen, in one transaction with its audit entry. The visit must
// be a draft (a signed biên bản stays as signed: ErrFinalized) and the
// recommendation one it follows up: made for the same unit at an earlier
// visit of another inspection, in a finalized record (else ENotFound).
// f.BaseRevision must be the revision the screen loaded ("" for a first
// check), else ErrStale; saving what is held writes nothing.
func (db *DB) SaveFollowUp(ctx context.Context, f model.FollowUp) (model.FollowUp, error) {
	actor, err := actorName(f.UpdatedBy, "follow-up")
	if err != nil {
		return f, err
	}
	f.Note, f.Evidence = text(f.Note), text(f.Evidence)
	if err := f.Content().Check(); err != nil {
		return f, fmt.Errorf("save follow-up: %w", invalid("status"))
	}
	var saved model.FollowUp
	err = db.tx(ctx, func(t *txn) error {
		a, err := getAssessment(ctx, t, f.AssessmentID)
		if err != nil {
			return err
		}
		if a.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		recID, err := t.dueRecommendation(ctx, a, f.RecommendationID)
		if err != nil {
			return err
		}
		f.RecommendationID = recID
		if f.Checked.IsZero() {
			f.Checked = a.Date
		}
		f.ID = model.FollowUpID(a.ID, recID)
		var cur model.FollowUp
		held, err := bodyOf(t.QueryRowContext(ctx, "SELECT body FROM follow_ups WHERE id = ?", f.ID), &cur)
		if err != nil {
			return fmt.Errorf("read follow-up: %w", err)
		}
		if err := checkBase(f.BaseRevision, cur.Revision); err != nil {
			return err
		}
		if f.Stamp, err = t.stampOn(ctx, actor, f.RecordKind(), f.ID, cur.Revision); err != nil {
			return err
		}
		// The same again writes nothing, unless another laptop's value
		// stands beside it: then saving it settles the conflict.
		if held && cur.Content() == f.Content() && len(f.Merged) == 0 {
			saved = cur
			return nil
		}
		if err := t.upsertFollowUp(ctx, f); err != nil {
			return err
		}
		old := ""
		if held {
			old = jsonOf(cur)
		}
		saved = f
		return t.auditRevision(ctx, f, old)
	})
	if err != nil {
		return f, fmt.Errorf("save follow-up: %w", err)
	}
	return saved, nil
}

const upsertFollowUpSQL = `INSERT INTO follow_ups(id, assessment_id, recommendation_id, status, revision, body) VALUES (?,?,?,?,?,?)
	ON CONFLICT(id) DO UPDATE SET status = excluded.status, revision = excluded.revision, body = excluded.body`

// upsertFollowUp writes a follow-up row as given.
func (t *txn) upsertFollowUp(ctx context.Context, f model.FollowUp) error {
	if _, err := t.ExecContext(ctx, upsertFollowUpSQL, f.ID, f.AssessmentID, f.RecommendationID, string(f.Status), f.Revision,
		jsonOf(f)); err != nil {
		return fmt.Errorf("write follow-up: %w", err)
	}
	return nil
}

// dueRecommendation checks that recommendation id (or an alias of it) is
// one visit a follows up, and returns the ID it is kept under.
func (t *txn) dueRecommendation(ctx context.Context, a model.Assessment, id string) (string, error) {
	canon, err := t.canon(ctx, "finding", id)
	if err != nil {
		return "", err
	}
	var srcInspection, visit string
	var year, aYear int
	err = t.QueryRowContext(ctx, `SELECT sa.inspection_id, sa.visit_date, si.year, ti.year
		FROM findings f JOIN assessments sa ON sa.id = f.assessment_id JOIN inspections si ON si.id = sa.inspection_id
		JOIN units su ON su.id = sa.unit_id, assessments ta JOIN units tu ON tu.id = ta.unit_id
		JOIN inspections ti ON ti.id = ta.inspection_id
		WHERE f.id = ? AND ta.id = ? AND sa.status = 'finalized' AND f.recommendation != '' AND su.code = tu.code`,
		canon, a.ID).Scan(&srcInspection, &visit, &year, &aYear)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("recommendation %s: %w", short(id), notFound(short(id)))
	}
	if err != nil {
		return "", fmt.Errorf("read recommendation: %w", err)
	}
	d, err := model.ParseDate(visit)
	if err != nil {
		return "", fmt.Errorf("recommendation %s: visit date: %w", short(id), err)
	}
	if srcInspection == a.InspectionID || !a.Earlier(year, d, aYear) {
		return "", fmt.Errorf("recommendation %s is not an earlier visit's: %w", short(id), notFound(short(id)))
	}
	return canon, nil
}

// FollowUps lists the checks a visit recorded, by recommendation.
func (db *DB) FollowUps(ctx context.Context, assessmentID string) ([]model.FollowUp, error) {
	out, err := bodies[model.FollowUp](ctx, db.sql, "SELECT body FROM follow_ups WHERE assessment_id = ? ORDER BY recommendation_id", assessmentID)
	if err != nil {
		return nil, fmt.Errorf("read follow-ups: %w", db.translate(err))
	}
	return out, nil
}
