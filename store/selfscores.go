package store

import (
	"context"
	"fmt"

	"kiemtra/model"
)

// SelfImport says what loading a unit's self-assessment changed.
type SelfImport struct {
	Saved     int // items whose score or evidence changed
	Unchanged int // items that said what was held
	Cleared   int // items scored before, left blank now
}

// SaveSelfScores records a unit's self-assessment (tự đánh giá) for its
// assessment, one revision per item that changed, in one transaction: the
// unit's latest workbook is its word, so each is based on whatever is
// held. An entry with Scored false takes back a score held (its evidence
// may stay); one for an item with nothing held and nothing given is
// skipped. Every item must be in the assessment's checklist and every
// score one the item allows (model.Item.CheckSelfScore), else nothing is
// written (EInvalid, EScore); a finalized assessment is refused
// (ErrFinalized): its record was signed with the scores it has.
func (db *DB) SaveSelfScores(ctx context.Context, actor, assessmentID string, scores []model.SelfScore) (SelfImport, error) {
	var res SelfImport
	actor, err := actorName(actor, "self-assessment")
	if err != nil {
		return res, err
	}
	a, err := db.Assessment(ctx, assessmentID)
	if err != nil {
		return res, fmt.Errorf("save self-assessment: %w", err)
	}
	cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	if err != nil {
		return res, fmt.Errorf("save self-assessment: %w", err)
	}
	for i, s := range scores {
		it, ok := cl.Item(s.ItemCode)
		if !ok {
			return res, fmt.Errorf("save self-assessment: item %s in %s: %w", s.ItemCode, cl.Ref(), notFound(s.ItemCode))
		}
		if s.Scored {
			if err := it.CheckSelfScore(s.Score); err != nil {
				return res, fmt.Errorf("save self-assessment: item %s: %w", s.ItemCode, err)
			}
		} else {
			scores[i].Score = 0
		}
		scores[i].Evidence = text(s.Evidence)
	}
	err = db.tx(ctx, func(t *txn) error {
		res = SelfImport{}
		cur, err := getAssessment(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if cur.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		for _, s := range scores {
			s.ID, s.AssessmentID = model.SelfScoreID(assessmentID, s.ItemCode), assessmentID
			var held model.SelfScore
			found, err := bodyOf(t.QueryRowContext(ctx, "SELECT body FROM self_scores WHERE id = ?", s.ID), &held)
			if err != nil {
				return fmt.Errorf("read self-assessment: %w", err)
			}
			switch {
			case !found && !s.Scored && s.Evidence == "":
				continue
			case found && held.SameContent(s):
				res.Unchanged++
				continue
			case found && held.Scored && !s.Scored:
				res.Cleared++
			default:
				res.Saved++
			}
			if s.Stamp, err = t.stampOn(ctx, actor, s.RecordKind(), s.ID, held.Revision); err != nil {
				return err
			}
			if err := t.upsertSelfScore(ctx, s); err != nil {
				return err
			}
			old := ""
			if found {
				old = jsonOf(held)
			}
			if err := t.auditRevision(ctx, s, old); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return SelfImport{}, fmt.Errorf("save self-assessment: %w", err)
	}
	return res, nil
}

// upsertSelfScore writes a self-score row as given.
func (t *txn) upsertSelfScore(ctx context.Context, s model.SelfScore) error {
	if _, err := t.ExecContext(ctx, `INSERT INTO self_scores(id, assessment_id, item_code, revision, body) VALUES (?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, body = excluded.body`,
		s.ID, s.AssessmentID, s.ItemCode, s.Revision, jsonOf(s)); err != nil {
		return fmt.Errorf("write self-assessment: %w", err)
	}
	return nil
}

// SelfScores returns the unit's own scores for an assessment, by item.
func (db *DB) SelfScores(ctx context.Context, assessmentID string) ([]model.SelfScore, error) {
	out, err := bodies[model.SelfScore](ctx, db.sql, "SELECT body FROM self_scores WHERE assessment_id = ? ORDER BY item_code", assessmentID)
	if err != nil {
		return nil, fmt.Errorf("read self-assessment: %w", db.translate(err))
	}
	return out, nil
}

// inspectionSelfScores reads the self-assessments of every assessment of
// an inspection, by assessment.
func inspectionSelfScores(ctx context.Context, q queryer, inspectionID string) (map[string][]model.SelfScore, error) {
	all, err := bodies[model.SelfScore](ctx, q, `SELECT s.body FROM self_scores s JOIN assessments a ON a.id = s.assessment_id
		WHERE a.inspection_id = ? ORDER BY s.assessment_id, s.item_code`, inspectionID)
	if err != nil {
		return nil, fmt.Errorf("read self-assessments: %w", err)
	}
	out := map[string][]model.SelfScore{}
	for _, s := range all {
		out[s.AssessmentID] = append(out[s.AssessmentID], s)
	}
	return out, nil
}
