package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
)

// AssessmentOf returns the assessment of the unit with code unitCode in an
// inspection; model.ErrNotFound when the unit is not part of it.
func (db *DB) AssessmentOf(ctx context.Context, inspectionID, unitCode string) (model.Assessment, error) {
	a, err := scanAssessment(db.sql.QueryRowContext(ctx, "SELECT "+prefixCols("a.", assessmentCols)+
		" FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.inspection_id = ? AND u.code = ?",
		inspectionID, upper(unitCode)))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("unit %s in inspection %s: %w", upper(unitCode), inspectionID, notFound(upper(unitCode)))
	}
	if err != nil {
		return a, fmt.Errorf("read assessment: %w", db.translate(err))
	}
	return a, nil
}

// InspectionsOfYear lists the inspections of one year, by title.
func (db *DB) InspectionsOfYear(ctx context.Context, year int) ([]model.Inspection, error) {
	all, err := db.Inspections(ctx)
	if err != nil {
		return nil, err
	}
	var out []model.Inspection
	for _, in := range all {
		if in.Year == year {
			out = append(out, in)
		}
	}
	return out, nil
}

// UnitRecord gathers what the inspection record of one assessment shows.
// kinds names the kinds of unit (checklists.Kinds()); a kind it lacks is
// shown by its code.
func (db *DB) UnitRecord(ctx context.Context, assessmentID string, kinds []model.KindInfo) (model.UnitRecord, error) {
	var r model.UnitRecord
	a, err := db.Assessment(ctx, assessmentID)
	if err != nil {
		return r, fmt.Errorf("unit record: %w", err)
	}
	in, err := db.Inspection(ctx, a.InspectionID)
	if err != nil {
		return r, fmt.Errorf("unit record: %w", err)
	}
	u, err := scanUnit(db.sql.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE id = ?", a.UnitID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("unit record: unit %s: %w", a.UnitID, notFound(short(a.UnitID)))
	}
	if err != nil {
		return r, fmt.Errorf("unit record: %w", db.translate(err))
	}
	cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	if err != nil {
		return r, fmt.Errorf("unit record: %w", err)
	}
	fs, err := db.Findings(ctx, assessmentID)
	if err != nil {
		return r, fmt.Errorf("unit record: %w", err)
	}
	// The record prints the unit as it was at the visit, whatever it is
	// called or counted as now.
	u = a.UnitAsVisited(u)
	r = model.UnitRecord{Inspection: in, Unit: u, Kind: model.KindOf(kinds, u.Kind), Assessment: a, Checklist: cl, Findings: fs}
	r.Scorecard = model.Score(cl, contents(fs))
	if r.FollowUps, err = db.FollowUpsFor(ctx, assessmentID); err != nil {
		return r, fmt.Errorf("unit record: %w", err)
	}
	if r.SelfScores, err = db.SelfScores(ctx, assessmentID); err != nil {
		return r, fmt.Errorf("unit record: %w", err)
	}
	if r.Evidence, err = db.evidenceFiles(ctx, assessmentID); err != nil {
		return r, fmt.Errorf("unit record: %w", err)
	}
	return r, nil
}

func contents(fs []model.Finding) map[string]model.Content {
	m := make(map[string]model.Content, len(fs))
	for _, f := range fs {
		m[f.ItemCode] = f.Content()
	}
	return m
}

// UnitRecords gathers the records of every assessment of the inspections,
// reading all their findings in one query.
func (db *DB) UnitRecords(ctx context.Context, kinds []model.KindInfo, inspectionIDs ...string) ([]model.UnitRecord, []model.Inspection, error) {
	return db.unitRecords(ctx, kinds, allFindings, inspectionIDs...)
}

// unitRecords is UnitRecords reading the findings with read.
func (db *DB) unitRecords(ctx context.Context, kinds []model.KindInfo, read func(context.Context, queryer, string, func(model.Finding)) error,
	inspectionIDs ...string) ([]model.UnitRecord, []model.Inspection, error) {
	var recs []model.UnitRecord
	var ins []model.Inspection
	for _, id := range inspectionIDs {
		in, err := db.Inspection(ctx, id)
		if err != nil {
			return nil, nil, fmt.Errorf("summary: %w", err)
		}
		ins = append(ins, in)
		first := len(recs)
		recs, err = db.appendRecords(ctx, recs, in, kinds)
		if err != nil {
			return nil, nil, fmt.Errorf("summary: %w", err)
		}
		byAssessment := make(map[string]int, len(recs)-first)
		for i := first; i < len(recs); i++ {
			byAssessment[recs[i].Assessment.ID] = i
		}
		if len(recs) == first {
			continue
		}
		for i := first; i < len(recs); i++ {
			recs[i].Findings = make([]model.Finding, 0, recs[i].Checklist.ItemCount())
		}
		err = read(ctx, db.sql, id, func(f model.Finding) {
			if i, ok := byAssessment[f.AssessmentID]; ok {
				recs[i].Findings = append(recs[i].Findings, f)
			}
		})
		if err != nil {
			return nil, nil, fmt.Errorf("summary: %w", db.translate(err))
		}
		self, err := inspectionSelfScores(ctx, db.sql, id)
		if err != nil {
			return nil, nil, fmt.Errorf("summary: %w", db.translate(err))
		}
		for aid, ss := range self {
			if i, ok := byAssessment[aid]; ok {
				recs[i].SelfScores = ss
			}
		}
		for i := first; i < len(recs); i++ {
			recs[i].Scorecard = model.Score(recs[i].Checklist, contents(recs[i].Findings))
		}
	}
	return recs, ins, nil
}

// appendRecords appends a record (without findings) for every assessment of
// the inspection, with its unit and checklist.
func (db *DB) appendRecords(ctx context.Context, recs []model.UnitRecord, in model.Inspection, kinds []model.KindInfo) ([]model.UnitRecord, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+assessmentUnitCols+
		" FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.inspection_id = ? AND "+listedAssessment("a")+" ORDER BY u.code, a.id", in.ID)
	if err != nil {
		return nil, fmt.Errorf("list assessments: %w", db.translate(err))
	}
	defer closeRows(rows)
	first := len(recs)
	for rows.Next() {
		var r model.UnitRecord
		if r.Assessment, r.Unit, err = scanAssessmentUnit(rows); err != nil {
			return nil, fmt.Errorf("list assessments: %w", db.translate(err))
		}
		r.Unit = r.Assessment.UnitAsVisited(r.Unit)
		r.Inspection, r.Kind = in, model.KindOf(kinds, r.Unit.Kind)
		recs = append(recs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list assessments: %w", db.translate(err))
	}
	closeRows(rows)
	for i := first; i < len(recs); i++ {
		cl, err := db.Checklist(ctx, recs[i].Assessment.ChecklistID, recs[i].Assessment.ChecklistVersion)
		if err != nil {
			return nil, err
		}
		recs[i].Checklist = cl
	}
	return recs, nil
}

// addFollowUp gives a summary every kiến nghị issued to its units up to
// its last year, with today as the day overdue ones are counted at.
func (db *DB) addFollowUp(ctx context.Context, s *model.Summary) error {
	s.AsOf = model.DateOf(db.now())
	if len(s.Rows) == 0 {
		return nil
	}
	maxYear := 0
	for _, in := range s.Inspections {
		maxYear = max(maxYear, in.Year)
	}
	var codes []string
	for _, r := range s.Rows {
		codes = append(codes, r.Unit.Code)
	}
	recs, err := db.Recommendations(ctx, RecommendationFilter{UnitCodes: codes, MaxYear: maxYear})
	if err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	s.FollowUp = recs
	return nil
}

// allFindings is inspectionFindings handing each finding to add.
func allFindings(ctx context.Context, q queryer, inspectionID string, add func(model.Finding)) error {
	fs, err := inspectionFindings(ctx, q, inspectionID)
	for _, f := range fs {
		add(f)
	}
	return err
}

// ReportData gathers what the báo cáo kết quả kiểm tra of an inspection
// shows: the inspection, its summary and every unit's record.
func (db *DB) ReportData(ctx context.Context, kinds []model.KindInfo, inspectionID string) (model.ReportData, error) {
	recs, ins, err := db.UnitRecords(ctx, kinds, inspectionID)
	if err != nil {
		return model.ReportData{}, err
	}
	s := model.BuildSummary(recs, ins, kinds)
	if err := db.addFollowUp(ctx, &s); err != nil {
		return model.ReportData{}, err
	}
	return model.ReportData{Inspection: ins[0], Summary: s, Records: recs}, nil
}
