package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"kiemtra/model"
)

// This file holds the queries the TUI needs in terms of model types only,
// so that package ui can declare its Store interface without importing
// store (nothing in ui may depend on the database package).

// InspectionAssessments lists an inspection's assessments, ordered by visit
// date then unit ID, so a unit list is stable between reloads.
func (db *DB) InspectionAssessments(ctx context.Context, inspectionID string) ([]model.Assessment, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+assessmentCols+
		" FROM assessments WHERE inspection_id = ? ORDER BY visit_date, unit_id", inspectionID)
	if err != nil {
		return nil, fmt.Errorf("list assessments: %w", translate(err))
	}
	defer rows.Close()
	var out []model.Assessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, fmt.Errorf("list assessments: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list assessments: %w", translate(err))
	}
	return out, nil
}

// InspectionFindings returns the current findings of every assessment of an
// inspection in one query (for the progress column of the unit list).
func (db *DB) InspectionFindings(ctx context.Context, inspectionID string) ([]model.Finding, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+prefixCols("f.", findingCols)+
		" FROM findings f JOIN assessments a ON a.id = f.assessment_id WHERE a.inspection_id = ? ORDER BY f.assessment_id, f.item_code",
		inspectionID)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", translate(err))
	}
	defer rows.Close()
	var out []model.Finding
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read findings: %w", translate(err))
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

// Error codes returned by ErrorCode.
const (
	CodeStale     = "stale"
	CodeFinalized = "finalized"
	CodeDiskFull  = "disk_full"
	CodeReadOnly  = "read_only"
	CodeBusy      = "busy"
	CodeCorrupt   = "corrupt"
	CodeGaps      = "gaps"
	CodeNotFound  = "not_found"
	CodeInvalid   = "invalid"
	CodeResolved  = "resolved"
)

// ErrorCode classifies an error from the store into a short code ("" when
// it is none of the known kinds), in the manner of wtf's ErrorCode: callers
// that must not import store pick their message from the code.
func (db *DB) ErrorCode(err error) string {
	var gaps *GapError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrStale):
		return CodeStale
	case errors.Is(err, model.ErrFinalized):
		return CodeFinalized
	case errors.Is(err, ErrDiskFull):
		return CodeDiskFull
	case errors.Is(err, ErrReadOnly):
		return CodeReadOnly
	case errors.Is(err, ErrBusy):
		return CodeBusy
	case errors.Is(err, ErrCorrupt):
		return CodeCorrupt
	case errors.As(err, &gaps):
		return CodeGaps
	case errors.Is(err, ErrConflictResolved):
		return CodeResolved
	case errors.Is(err, model.ErrNotFound):
		return CodeNotFound
	case errors.Is(err, model.ErrInvalid), errors.Is(err, model.ErrScore):
		return CodeInvalid
	}
	return ""
}

// IsBundleFile reports whether the file at path starts like a bundle, by
// reading its first bytes only; the TUI imports the bundles of a folder
// and skips everything else (receipts, documents) in it.
func IsBundleFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(bundleMagic))
	if _, err := io.ReadFull(f, head); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return false, nil
		}
		return false, err
	}
	return bytes.Equal(head, []byte(bundleMagic)), nil
}
