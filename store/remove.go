package store

import (
	"context"
	"fmt"
	"strconv"

	"kiemtra/model"
)

// A unit added to an inspection by mistake, or an inspection created by
// mistake, can be taken off the list while it holds no findings. Nothing
// is deleted: the removal is a revision of the record (Removed set,
// audited with action "remove") that travels in bundles like any other,
// so every laptop takes it off too; adding the unit again brings the same
// record back. Should another laptop have recorded findings in it
// meanwhile, the merged record holds them and is listed all the same:
// a removal never hides work.

// findingHeld is true for a findings row that holds something: a result
// or a text (a result cleared with 0 and nothing written holds nothing).
const findingHeld = "(f.result <> '' OR f.note <> '' OR f.evidence <> '' OR f.recommendation <> '')"

// listedAssessment is the condition on an assessments row (named as) for
// it to be listed: not removed, or holding findings all the same.
func listedAssessment(as string) string {
	return "NOT (coalesce(json_extract(" + as + ".doc, '$.removed'), 0) = 1 AND NOT EXISTS (SELECT 1 FROM findings f " +
		"WHERE f.assessment_id = " + as + ".id AND " + findingHeld + "))"
}

// listedInspection is the same for an inspections row.
const listedInspection = "NOT (coalesce(json_extract(inspections.doc, '$.removed'), 0) = 1 AND NOT EXISTS (SELECT 1 FROM findings f " +
	"JOIN assessments r ON r.id = f.assessment_id WHERE r.inspection_id = inspections.id AND " + findingHeld + "))"

// RemoveVisit takes a unit off its inspection: refused while its
// assessment holds findings (EUnitHasFindings, naming the unit and how
// many) and on a finalized one (ErrFinalized).
func (db *DB) RemoveVisit(ctx context.Context, actor, assessmentID string) error {
	actor, err := actorName(actor, "removal")
	if err != nil {
		return err
	}
	err = db.tx(ctx, func(t *txn) error {
		a, err := getAssessment(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if a.Removed {
			return nil
		}
		if a.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		var n int
		var code string
		if err := t.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM findings f WHERE f.assessment_id = ? AND "+findingHeld+
			"), (SELECT code FROM units WHERE id = ?)", a.ID, a.UnitID).Scan(&n, &code); err != nil {
			return fmt.Errorf("count findings: %w", err)
		}
		if n > 0 {
			return model.NewError(model.EUnitHasFindings, nil, code, strconv.Itoa(n))
		}
		a.Removed = true
		return t.writeAssessment(ctx, actor, "remove", a)
	})
	if err != nil {
		return fmt.Errorf("remove unit from the inspection: %w", err)
	}
	return nil
}

// RemoveInspection takes an inspection off the list: refused while any of
// its units holds findings (EInspectionHasFindings, with the title, how
// many findings and in how many units).
func (db *DB) RemoveInspection(ctx context.Context, actor, inspectionID string) error {
	actor, err := actorName(actor, "removal")
	if err != nil {
		return err
	}
	err = db.tx(ctx, func(t *txn) error {
		in, err := getInspection(ctx, t, inspectionID)
		if err != nil {
			return err
		}
		if in.Removed {
			return nil
		}
		var n, units int
		if err := t.QueryRowContext(ctx, "SELECT count(*), count(DISTINCT f.assessment_id) FROM findings f JOIN assessments r ON r.id = f.assessment_id "+
			"WHERE r.inspection_id = ? AND "+findingHeld, in.ID).Scan(&n, &units); err != nil {
			return fmt.Errorf("count findings: %w", err)
		}
		if n > 0 {
			return model.NewError(model.EInspectionHasFindings, nil, in.Title, strconv.Itoa(n), strconv.Itoa(units))
		}
		old := in
		in.Removed = true
		if err := t.upsertInspection(ctx, in, t.now()); err != nil {
			return err
		}
		_, err = t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "inspection", EntityID: in.ID, Action: "remove",
			Old: jsonOf(old), New: jsonOf(in)})
		return err
	})
	if err != nil {
		return fmt.Errorf("remove inspection: %w", err)
	}
	return nil
}

// retakeChecklist gives a removed assessment added again the checklist it
// is added with, while no finding row was made against the old one.
func (t *txn) retakeChecklist(ctx context.Context, held *model.Assessment, a model.Assessment) error {
	if a.ChecklistID == "" || held.ChecklistID == a.ChecklistID && held.ChecklistVersion == a.ChecklistVersion {
		return nil
	}
	var n int
	if err := t.QueryRowContext(ctx, "SELECT count(*) FROM findings WHERE assessment_id = ?", held.ID).Scan(&n); err != nil {
		return fmt.Errorf("count findings: %w", err)
	}
	if n > 0 {
		return nil
	}
	if _, err := t.ExecContext(ctx, "UPDATE assessments SET checklist_id = ?, checklist_version = ? WHERE id = ?",
		a.ChecklistID, a.ChecklistVersion, held.ID); err != nil {
		return fmt.Errorf("write assessment: %w", err)
	}
	held.ChecklistID, held.ChecklistVersion = a.ChecklistID, a.ChecklistVersion
	return nil
}
