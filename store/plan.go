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

// ImportPlan records an inspection plan: the inspection, its units and one
// draft assessment per visit, in one transaction. Importing the same plan
// again changes nothing; a corrected plan updates the inspection, units and
// visit dates but never touches findings. Every visit's checklist must be
// held by the database (an empty version means the newest held).
func (db *DB) ImportPlan(ctx context.Context, actor string, p *model.Plan) (PlanResult, error) {
	res := PlanResult{}
	in := normInspection(p.Inspection)
	if in.ID == "" {
		in.ID = model.DerivedID("inspection", fmt.Sprint(in.Year), in.Title)
	}
	if in.ReportDays == 0 {
		in.ReportDays = 15
	}
	// Resolve checklist versions before the transaction: Checklist reads
	// through the one pooled connection.
	versions := make([]string, len(p.Visits))
	for i, v := range p.Visits {
		cl, err := db.Checklist(ctx, v.ChecklistID, v.ChecklistVersion)
		if err != nil {
			return res, fmt.Errorf("import plan: unit %s: %w", v.Unit.Code, err)
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
			_, err = t.addAssessment(ctx, actor, model.Assessment{
				InspectionID: in.ID, UnitID: u.ID, ChecklistID: v.ChecklistID, ChecklistVersion: versions[i],
				Date: v.Date, Place: v.Place,
			})
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
