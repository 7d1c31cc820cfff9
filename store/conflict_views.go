package store

import (
	"context"
	"fmt"

	"kiemtra/model"
)

// ConflictViews lists every open conflict for the TUI, by unit and item,
// with this computer's value first when one of the two is, the item's
// text, the devices' names and whether the assessment is finalized. It
// reads them in one query and one read transaction; each checklist is
// loaded once.
func (db *DB) ConflictViews(ctx context.Context) ([]model.ConflictView, error) {
	if err := db.refreshConflicts(ctx); err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	type row struct {
		view               model.ConflictView
		checklist, version string
		current, other     model.Finding
	}
	var rows []row
	var names map[string]string
	err := db.read(ctx, func(q queryer) error {
		var err error
		if names, err = deviceNames(ctx, q); err != nil {
			return err
		}
		rs, err := q.QueryContext(ctx, `SELECT `+conflictCols+`, a.status, a.checklist_id, a.checklist_version
			FROM conflicts c JOIN assessments a ON a.id = c.assessment_id JOIN units u ON u.id = a.unit_id
			WHERE c.resolved_at = '' ORDER BY u.code, c.item_code, c.id`)
		if err != nil {
			return fmt.Errorf("read conflicts: %w", err)
		}
		defer closeRows(rs)
		for rs.Next() {
			var c Conflict
			var status, clID, clVersion string
			if c, err = scanConflictWith(rs, &status, &clID, &clVersion); err != nil {
				return err
			}
			rows = append(rows, row{
				view: model.ConflictView{ID: c.ID, AssessmentID: c.AssessmentID, InspectionID: c.InspectionID,
					UnitCode: c.UnitCode, UnitName: c.UnitName, ItemCode: c.ItemCode, DetectedAt: c.DetectedAt,
					Finalized: model.Status(status) == model.StatusFinalized},
				checklist: clID, version: clVersion, current: c.Current, other: c.Other,
			})
		}
		if err := rs.Err(); err != nil {
			return fmt.Errorf("read conflicts: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	out := make([]model.ConflictView, 0, len(rows))
	for _, r := range rows {
		v := r.view
		cl, err := db.Checklist(ctx, r.checklist, r.version)
		if err != nil {
			return nil, fmt.Errorf("list conflicts: %w", err)
		}
		if it, ok := cl.Item(v.ItemCode); ok {
			v.ItemText = it.Text
		}
		side := func(f model.Finding) model.ConflictSide {
			return model.ConflictSide{Finding: f, DeviceName: nameOf(names, f.Device), Local: f.Device == db.device}
		}
		v.A, v.B = side(r.current), side(r.other)
		if v.B.Local && !v.A.Local {
			v.A, v.B = v.B, v.A
		}
		out = append(out, v)
	}
	return out, nil
}
