package store

import (
	"context"
	"fmt"
	"sort"

	"kiemtra/model"
)

// RecommendationFilter selects recommendations; the zero value is every
// one ever issued.
type RecommendationFilter struct {
	UnitCodes []string // only these units ("" or none: every unit)
	MaxYear   int      // only those of inspections up to this year (0: every year)
	Open      bool     // only those still open
}

// Recommendations lists the kiến nghị of every finalized record (a finding
// with a recommendation), with what later visits found of each and the
// unit's reports that cover it, by unit, then oldest first.
func (db *DB) Recommendations(ctx context.Context, f RecommendationFilter) ([]model.Recommendation, error) {
	var codes []string
	for _, c := range f.UnitCodes {
		if c = upper(c); c != "" {
			codes = append(codes, c)
		}
	}
	var recs []model.Recommendation
	type source struct{ checklist, version string }
	sources := map[int]source{}
	err := db.read(ctx, func(q queryer) error {
		canon, err := findingCanon(ctx, q)
		if err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, `SELECT f.id, f.item_code, f.recommendation, f.deadline, a.id, a.inspection_id, a.visit_date,
			a.unit_name, a.doc, a.checklist_id, a.checklist_version, i.year, i.title, u.code, u.name
			FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN inspections i ON i.id = a.inspection_id
			JOIN units u ON u.id = a.unit_id
			WHERE a.status = 'finalized' AND f.recommendation != '' AND (?1 = 0 OR i.year <= ?1)
			AND (?2 = 0 OR u.code IN (SELECT value FROM json_each(?3)))
			ORDER BY a.id`, f.MaxYear, len(codes), jsonList(codes))
		if err != nil {
			return fmt.Errorf("read recommendations: %w", err)
		}
		defer closeRows(rows)
		// Rows come by assessment: each record's document is read once.
		var a model.Assessment
		for rows.Next() {
			var r model.Recommendation
			var deadline, visit, unitName, doc, clID, clVersion, heldName string
			if err := rows.Scan(&r.ID, &r.ItemCode, &r.Text, &deadline, &r.AssessmentID, &r.InspectionID, &visit,
				&unitName, &doc, &clID, &clVersion, &r.Year, &r.Inspection, &r.UnitCode, &heldName); err != nil {
				return fmt.Errorf("read recommendations: %w", err)
			}
			if r.Deadline, err = model.ParseDate(deadline); err != nil {
				return fmt.Errorf("recommendation %s: deadline: %w", r.ItemCode, err)
			}
			if r.VisitDate, err = model.ParseDate(visit); err != nil {
				return fmt.Errorf("recommendation %s: visit date: %w", r.ItemCode, err)
			}
			if a.ID != r.AssessmentID {
				a = model.Assessment{ID: r.AssessmentID}
				if err := readAssessmentDoc(&a, doc); err != nil {
					return err
				}
			}
			r.RecordNo, r.ConclusionNo, r.ConclusionDate = a.RecordNo, a.Conclusion.Number, a.Conclusion.Date
			r.UnitName = unitName
			if r.UnitName == "" {
				r.UnitName = heldName
			}
			if c, ok := canon[r.ID]; ok {
				r.ID = c
			}
			sources[len(recs)] = source{clID, clVersion}
			recs = append(recs, r)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read recommendations: %w", err)
		}
		closeRows(rows)
		return attachFollowUps(ctx, q, recs, canon)
	})
	if err != nil {
		return nil, fmt.Errorf("list recommendations: %w", err)
	}
	checklists := map[source]*model.Checklist{}
	for i := range recs {
		s := sources[i]
		cl, ok := checklists[s]
		if !ok {
			var err error
			if cl, err = db.Checklist(ctx, s.checklist, s.version); err != nil {
				return nil, fmt.Errorf("list recommendations: %w", err)
			}
			checklists[s] = cl
		}
		if it, ok := cl.Item(recs[i].ItemCode); ok {
			recs[i].ItemText = it.Text
		}
	}
	model.SortRecommendations(recs)
	if f.Open {
		open := recs[:0]
		for _, r := range recs {
			if r.Open() {
				open = append(open, r)
			}
		}
		recs = open
	}
	return recs, nil
}

// attachFollowUps gives each recommendation the checks made of it and the
// reports covering it, under whichever ID they name it by.
func attachFollowUps(ctx context.Context, q queryer, recs []model.Recommendation, canon map[string]string) error {
	if len(recs) == 0 {
		return nil
	}
	byID := make(map[string]int, len(recs))
	for i, r := range recs {
		byID[r.ID] = i
	}
	idOf := func(id string) (int, bool) {
		if c, ok := canon[id]; ok {
			id = c
		}
		i, ok := byID[id]
		return i, ok
	}
	rows, err := q.QueryContext(ctx, `SELECT fu.body, a.inspection_id, a.visit_date, i.year FROM follow_ups fu
		JOIN assessments a ON a.id = fu.assessment_id JOIN inspections i ON i.id = a.inspection_id`)
	if err != nil {
		return fmt.Errorf("read follow-ups: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var body, visit string
		var c model.Check
		if err := rows.Scan(&body, &c.InspectionID, &visit, &c.Year); err != nil {
			return fmt.Errorf("read follow-ups: %w", err)
		}
		if err := decodeBody(body, &c.FollowUp); err != nil {
			return err
		}
		if c.VisitDate, err = model.ParseDate(visit); err != nil {
			return fmt.Errorf("follow-up %s: visit date: %w", short(c.ID), err)
		}
		if i, ok := idOf(c.RecommendationID); ok {
			recs[i].Checks = append(recs[i].Checks, c)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read follow-ups: %w", err)
	}
	closeRows(rows)
	reports, err := bodies[model.FixReport](ctx, q, "SELECT body FROM fix_reports ORDER BY received, number")
	if err != nil {
		return fmt.Errorf("read fix reports: %w", err)
	}
	for _, rep := range reports {
		for _, id := range rep.Covers {
			if i, ok := idOf(id); ok && recs[i].UnitCode == rep.UnitCode {
				recs[i].Reports = append(recs[i].Reports, rep)
			}
		}
	}
	for i := range recs {
		model.SortChecks(recs[i].Checks)
		sort.SliceStable(recs[i].Reports, func(a, b int) bool {
			return recs[i].Reports[a].Received.Before(recs[i].Reports[b].Received)
		})
	}
	return nil
}

// FollowUpsFor lists the earlier kiến nghị visit assessmentID follows up
// (model.FollowUpsDue): those made for the same unit (by code) at earlier
// visits of other inspections, not closed before this one.
func (db *DB) FollowUpsFor(ctx context.Context, assessmentID string) ([]model.Recommendation, error) {
	a, err := db.Assessment(ctx, assessmentID)
	if err != nil {
		return nil, fmt.Errorf("follow-ups: %w", err)
	}
	in, err := db.Inspection(ctx, a.InspectionID)
	if err != nil {
		return nil, fmt.Errorf("follow-ups: %w", err)
	}
	var code string
	if err := db.sql.QueryRowContext(ctx, "SELECT code FROM units WHERE id = ?", a.UnitID).Scan(&code); err != nil {
		return nil, fmt.Errorf("follow-ups: unit %s: %w", short(a.UnitID), db.translate(err))
	}
	all, err := db.Recommendations(ctx, RecommendationFilter{UnitCodes: []string{code}})
	if err != nil {
		return nil, err
	}
	return model.FollowUpsDue(a, in.Year, all), nil
}
