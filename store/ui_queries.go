package store

import (
	"context"
	"fmt"

	"kiemtra/model"
)

// This file holds the queries the TUI needs in terms of model types only,
// so that package ui can declare its Store interface without importing
// store (nothing in ui may depend on the database package); import.go's
// ImportPath and conflict_views.go serve its Importer.

// InspectionAssessments lists an inspection's assessments, ordered by visit
// date then unit ID, so a unit list is stable between reloads.
func (db *DB) InspectionAssessments(ctx context.Context, inspectionID string) ([]model.Assessment, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+assessmentCols+
		" FROM assessments WHERE inspection_id = ? AND "+listedAssessment("assessments")+" ORDER BY visit_date, unit_id", inspectionID)
	if err != nil {
		return nil, fmt.Errorf("list assessments: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []model.Assessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, fmt.Errorf("list assessments: %w", db.translate(err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list assessments: %w", db.translate(err))
	}
	return out, nil
}

// InspectionFindings returns the current findings of every assessment of an
// inspection in one query (for the progress column of the unit list).
func (db *DB) InspectionFindings(ctx context.Context, inspectionID string) ([]model.Finding, error) {
	fs, err := inspectionFindings(ctx, db.sql, inspectionID)
	if err != nil {
		return nil, db.translate(err)
	}
	return fs, nil
}

// inspectionFindings reads the current findings of an inspection's
// assessments, by assessment and item.
func inspectionFindings(ctx context.Context, q queryer, inspectionID string) ([]model.Finding, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+prefixCols("f.", findingCols)+
		" FROM findings f JOIN assessments a ON a.id = f.assessment_id WHERE a.inspection_id = ? ORDER BY f.assessment_id, f.item_code",
		inspectionID)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	var out []model.Finding
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	return out, nil
}

// SaveUnitSide records the inspected unit's side of an assessment (its
// representative, their position, the unit's comments) and the team's
// strengths, taking them from a; place and date are kept as they are.
// It is SaveRemarks for callers that know only model types.
func (db *DB) SaveUnitSide(ctx context.Context, actor string, a model.Assessment) (model.Assessment, error) {
	cur, err := db.Assessment(ctx, a.ID)
	if err != nil {
		return cur, fmt.Errorf("save remarks: %w", err)
	}
	return db.SaveRemarks(ctx, actor, a.ID, AssessmentRemarks{
		Representative:         a.Representative,
		RepresentativePosition: a.RepresentativePosition,
		UnitComments:           a.UnitComments,
		Strengths:              a.Strengths,
		Place:                  cur.Place,
		Date:                   cur.Date,
	})
}
