package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
)

// A visit is a unit added to an inspection against a checklist version:
// the checklist must be for the unit's kind, the kind must still exist on
// the visit's day, and the version must be meant for that day
// (model.CheckVisit). Without a version the newest one valid then is
// taken (model.NewestValid). These are checked before the transaction,
// with the checklists read through the one connection.

// checklistVersions lists every version of a checklist held.
func (db *DB) checklistVersions(ctx context.Context, id string) ([]*model.Checklist, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT version FROM checklists WHERE id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("list versions of %s: %w", id, db.translate(err))
	}
	defer closeRows(rows)
	var versions []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("list versions of %s: %w", id, db.translate(err))
		}
		versions = append(versions, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list versions of %s: %w", id, db.translate(err))
	}
	closeRows(rows)
	out := make([]*model.Checklist, 0, len(versions))
	for _, v := range versions {
		cl, err := db.Checklist(ctx, id, v)
		if err != nil {
			return nil, err
		}
		out = append(out, cl)
	}
	return out, nil
}

// visitChecklist is the checklist version a visit of a unit of kind k on
// d in the inspection in uses: version if given (refused with the reason
// if it does not fit the visit), else the newest held that fits.
func (db *DB) visitChecklist(ctx context.Context, in model.Inspection, k model.UnitKind, d model.Date, id, version string) (*model.Checklist, error) {
	if version != "" {
		cl, err := db.Checklist(ctx, id, version)
		if err != nil {
			return nil, err
		}
		if err := model.CheckVisit(db.kinds, in, k, d, cl); err != nil {
			return nil, err
		}
		return cl, nil
	}
	versions, err := db.checklistVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, fmt.Errorf("checklist %s: %w", id, notFound(id))
	}
	return model.NewestValid(versions, db.kinds, in, k, d)
}

// AddVisit adds a unit to an inspection, as the app's add-unit form does:
// the unit v.Unit (created if its code is new; if held, it must be named
// with its own name and kind, else ErrUnitExists and nothing changes),
// visited on v.Date at v.Place against v.ChecklistID at
// v.ChecklistVersion ("" for the newest valid then). A unit already part
// of the inspection is refused with EUnitInInspection. The new
// assessment keeps the unit's name and kind as they are.
func (db *DB) AddVisit(ctx context.Context, actor, inspectionID string, v model.Visit) (model.Assessment, error) {
	var a model.Assessment
	in, err := db.Inspection(ctx, inspectionID)
	if err != nil {
		return a, fmt.Errorf("add unit: %w", err)
	}
	u := normUnit(v.Unit)
	held, exists, err := db.checkNewUnit(ctx, u)
	if err != nil {
		return a, fmt.Errorf("add unit %s: %w", u.Code, err)
	}
	if exists {
		// A unit taken off the inspection (remove.go) may come back.
		if got, err := db.AssessmentOf(ctx, in.ID, held.Code); err == nil && !got.Removed {
			return a, model.NewError(model.EUnitInInspection, nil, held.Code)
		} else if err != nil && !errors.Is(err, model.ErrNotFound) {
			return a, fmt.Errorf("add unit %s: %w", u.Code, err)
		}
	}
	cl, err := db.visitChecklist(ctx, in, u.Kind, v.Date, v.ChecklistID, v.ChecklistVersion)
	if err != nil {
		return a, fmt.Errorf("add unit %s: %w", u.Code, err)
	}
	err = db.tx(ctx, func(t *txn) error {
		saved, err := t.saveUnit(ctx, actor, u)
		if err != nil {
			return err
		}
		var n int
		if err := t.QueryRowContext(ctx, "SELECT count(*) FROM assessments WHERE inspection_id = ? AND unit_id = ? AND "+
			listedAssessment("assessments"), in.ID, saved.ID).Scan(&n); err != nil {
			return fmt.Errorf("read assessments: %w", err)
		}
		if n > 0 {
			return model.NewError(model.EUnitInInspection, nil, saved.Code)
		}
		a, err = t.addAssessment(ctx, actor, model.Assessment{InspectionID: in.ID, UnitID: saved.ID,
			ChecklistID: cl.ID, ChecklistVersion: cl.Version, Date: v.Date, Place: v.Place})
		return err
	})
	if err != nil {
		return a, fmt.Errorf("add unit %s: %w", u.Code, err)
	}
	return a, nil
}

// checkAssessment checks a visit given by IDs (AddAssessment, SaveRemarks
// with a new date) against its unit's kind and its checklist version.
func (db *DB) checkAssessment(ctx context.Context, a model.Assessment) error {
	in, err := db.Inspection(ctx, a.InspectionID)
	if err != nil {
		return err
	}
	u, err := scanUnit(db.sql.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE id = ?", a.UnitID))
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("unit %s: %w", a.UnitID, notFound(short(a.UnitID)))
	}
	if err != nil {
		return fmt.Errorf("read unit %s: %w", a.UnitID, db.translate(err))
	}
	u = a.UnitAsVisited(u)
	cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	if err != nil {
		return err
	}
	return model.CheckVisit(db.kinds, in, u.Kind, a.Date, cl)
}
