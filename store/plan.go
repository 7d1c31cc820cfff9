package store

import (
	"context"
	"fmt"

	"kiemtra/model"
)

// PlanResult counts what importing a plan changed.
type PlanResult struct {
	Inspection  model.Inspection
	Units       int // units in the plan
	Assessments int // assessments in the plan (new or already there)
	New         int // assessments created by this import
}

// VisitError is a visit of a plan that ImportPlan refused: the unit's
// code, and why (an error with a model code).
type VisitError struct {
	Unit string
	Err  error
}

func (e *VisitError) Error() string { return "unit " + e.Unit + ": " + e.Err.Error() }

// Unwrap returns why.
func (e *VisitError) Unwrap() error { return e.Err }

// ImportPlan records an inspection plan: the inspection, its units and one
// draft assessment per visit, in one transaction. Importing the same plan
// again changes nothing; a corrected plan updates the inspection and the
// visits' dates and places but never touches findings, nor a unit held
// under another name or kind (refused with ErrUnitExists: RenameUnit
// renames). Every visit's checklist must be held by the database, be for
// the unit's kind and be meant for the visit's day (an empty version means
// the newest held that is).
func (db *DB) ImportPlan(ctx context.Context, actor string, p *model.Plan) (PlanResult, error) {
	res := PlanResult{}
	in := normInspection(p.Inspection)
	if in.ID == "" {
		in.ID = model.DerivedID("inspection", fmt.Sprint(in.Year), in.Title)
	}
	if in.ReportDays == 0 {
		in.ReportDays = 15
	}
	// Check every visit before the transaction (Checklist reads through
	// the one pooled connection): a unit code held by a unit of another
	// name or kind is refused, never renamed; the checklist must be for the
	// unit's kind, the kind must exist on the visit's day, and the version
	// must be meant for it; without a version the newest valid one is
	// taken. One refused visit refuses the plan, and nothing is written.
	versions := make([]string, len(p.Visits))
	for i, v := range p.Visits {
		u := normUnit(v.Unit)
		if _, _, err := db.checkNewUnit(ctx, u); err != nil {
			return res, fmt.Errorf("import plan: %w", &VisitError{Unit: u.Code, Err: err})
		}
		cl, err := db.visitChecklist(ctx, in, u.Kind, v.Date, v.ChecklistID, v.ChecklistVersion)
		if err != nil {
			return res, fmt.Errorf("import plan: %w", &VisitError{Unit: u.Code, Err: err})
		}
		versions[i] = cl.Version
	}
	err := db.tx(ctx, func(t *txn) error {
		if err := t.saveInspection(ctx, actor, in); err != nil {
			return err
		}
		for i, v := range p.Visits {
			u, err := t.saveUnit(ctx, actor, v.Unit)
			if err != nil {
				return fmt.Errorf("unit %s: %w", v.Unit.Code, err)
			}
			res.Units++
			var before int
			if err := t.QueryRowContext(ctx, "SELECT count(*) FROM assessments WHERE inspection_id = ? AND unit_id = ?", in.ID, u.ID).Scan(&before); err != nil {
				return fmt.Errorf("unit %s: read assessments: %w", v.Unit.Code, err)
			}
			a, err := checkVisit(model.Assessment{
				InspectionID: in.ID, UnitID: u.ID, ChecklistID: v.ChecklistID, ChecklistVersion: versions[i],
				Date: v.Date, Place: v.Place, StartTime: v.StartTime, EndTime: v.EndTime, RecordNo: v.RecordNo,
				Copies: v.Copies, Participants: v.Participants, Conclusion: v.Conclusion,
			})
			if err != nil {
				return fmt.Errorf("unit %s: %w", v.Unit.Code, err)
			}
			_, err = t.addAssessment(ctx, actor, a)
			if err != nil {
				return fmt.Errorf("unit %s: %w", v.Unit.Code, err)
			}
			res.Assessments++
			if before == 0 {
				res.New++
			}
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("import plan: %w", err)
	}
	if res.Inspection, err = db.Inspection(ctx, in.ID); err != nil {
		return res, fmt.Errorf("import plan: %w", err)
	}
	return res, nil
}
