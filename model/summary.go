package model

import (
	"sort"
	"strings"
)

// Summary is the consolidated result of one inspection, or of every
// inspection of a year, across units: what Sở Nội vụ publishes. Every slice
// is in a fixed order, so the same records always give the same Summary.
type Summary struct {
	Year        int          // the year when every inspection is of one year, else 0
	Inspections []Inspection // by year, then title, then ID
	Kinds       []KindInfo   // the kinds of unit that appear, in ranking order
	Fields      []SummaryField
	// Rows holds one row per assessed unit, by kind, then rank (ranked rows
	// first), then unit code.
	Rows            []SummaryRow
	Progress        []KindProgress // one per kind in Kinds, then the total
	Shortcomings    []ItemStat
	Recommendations []FindingRow // every finding with a kiến nghị
	Findings        []FindingRow // every finding recorded
	// SelfAssessments ranks the units that assessed themselves by how far
	// they were from the inspection's scores (RankSelf).
	SelfAssessments []SelfRankRow
	// FollowUp is every kiến nghị issued to the summary's units up to its
	// last year, open and closed, with what later visits found
	// (SortRecommendations); AsOf is the day Overdue is counted at.
	// The store fills both.
	FollowUp []Recommendation
	AsOf     Date
}

// SummaryField is one field (lĩnh vực) column of the summary table: the
// union of the fields of every checklist used, by code.
type SummaryField struct {
	Code  string
	Title string
}

// SummaryRow is one unit's result in the summary.
type SummaryRow struct {
	InspectionID string
	AssessmentID string
	Unit         Unit
	Kind         KindInfo
	ChecklistRef string
	Date         Date
	State        RecordState
	// Fields holds the unit's tally for each of Summary.Fields, in the same
	// order; a field the unit's checklist lacks has Present false.
	Fields  []SummaryCell
	Overall Tally
	Percent float64
	// Band and Rank are set only for ranked (StateFinal) rows: an unfinished
	// unit is never classified nor ranked as if it had scored low. Band is
	// also left zero when the checklist's bands have no basis
	// (Checklist.Classifies).
	Band            Band
	Rank            int
	Shortcomings    int
	Recommendations int
}

// SummaryCell is one unit's tally in one field.
type SummaryCell struct {
	Present bool
	Tally
}

// KindProgress counts the units of one kind by state. Kind.Code is "" in
// the total row.
type KindProgress struct {
	Kind       KindInfo
	Units      int
	NotStarted int
	Draft      int
	Incomplete int
	Final      int
}

// ItemStat is one checklist item found lacking in at least one unit: the
// most common shortcomings come first.
type ItemStat struct {
	ChecklistID string
	FieldCode   string
	FieldTitle  string
	ItemCode    string
	Text        string
	Units       int      // units where the item is chưa đạt or đạt một phần
	Fail        int      // of which chưa đạt
	Partial     int      // of which đạt một phần
	Draft       int      // of Units, how many records are not final yet
	Assessed    int      // units where the item was assessed (không áp dụng excluded)
	UnitCodes   []string // the units with the shortcoming, in row order
}

// FindingRow is one finding with the names a table needs beside it.
type FindingRow struct {
	InspectionID string
	UnitCode     string
	UnitName     string
	Kind         KindInfo
	State        RecordState
	ChecklistRef string
	FieldCode    string
	FieldTitle   string
	ItemCode     string
	ItemText     string
	Max          Points
	Finding      Finding
}

// BuildSummary computes the consolidated summary of the records of
// inspections. kinds gives the names and the ranking order of the kinds of
// unit; a kind it lacks is listed after the others under its code.
func BuildSummary(records []UnitRecord, inspections []Inspection, kinds []KindInfo) Summary {
	var s Summary
	s.Inspections = append([]Inspection(nil), inspections...)
	sort.SliceStable(s.Inspections, func(i, j int) bool {
		a, b := s.Inspections[i], s.Inspections[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	for i, in := range s.Inspections {
		if i == 0 {
			s.Year = in.Year
		} else if in.Year != s.Year {
			s.Year = 0
		}
	}

	// Kinds in ranking order: by Order, then code.
	kindSet := map[UnitKind]KindInfo{}
	for _, r := range records {
		kindSet[r.Unit.Kind] = KindOf(kinds, r.Unit.Kind)
	}
	for _, k := range kindSet {
		s.Kinds = append(s.Kinds, k)
	}
	sort.Slice(s.Kinds, func(i, j int) bool {
		if s.Kinds[i].Order != s.Kinds[j].Order {
			return s.Kinds[i].Order < s.Kinds[j].Order
		}
		return s.Kinds[i].Code < s.Kinds[j].Code
	})
	kindOrder := make([]UnitKind, len(s.Kinds))
	for i, k := range s.Kinds {
		kindOrder[i] = k.Code
	}

	// Rank, then order the records as the ranking does. The rank key sorts
	// ties by unit code; the assessment ID keeps it unique when a unit was
	// inspected twice in a year.
	entries := make([]RankEntry, len(records))
	byKey := make(map[string]int, len(records))
	states := make([]RecordState, len(records))
	for i := range records {
		r := &records[i]
		states[i] = r.State()
		key := r.Unit.Code + "\x00" + r.Inspection.ID + "\x00" + r.Assessment.ID
		byKey[key] = i
		entries[i] = RankEntry{UnitID: key, Kind: r.Unit.Kind, Percent: r.Scorecard.Overall.Percent(),
			Eligible: states[i].Ranked()}
	}
	ranked := Rank(entries, kindOrder)

	fieldIdx := map[string]int{}
	for _, e := range ranked {
		r := &records[byKey[e.UnitID]]
		if r.Checklist == nil {
			continue
		}
		for _, f := range r.Checklist.Fields {
			if _, ok := fieldIdx[f.Code]; !ok {
				fieldIdx[f.Code] = -1
				s.Fields = append(s.Fields, SummaryField{Code: f.Code, Title: f.Title})
			}
		}
	}
	sort.SliceStable(s.Fields, func(i, j int) bool { return CodeLess(s.Fields[i].Code, s.Fields[j].Code) })
	for i, f := range s.Fields {
		fieldIdx[f.Code] = i
	}

	type statKey struct{ checklist, item string }
	stats := map[statKey]*ItemStat{}
	order := map[statKey]int{} // checklist position of the item, for ties
	progress := map[UnitKind]*KindProgress{}
	for _, k := range s.Kinds {
		progress[k.Code] = &KindProgress{Kind: k}
	}

	total := 0
	for i := range records {
		total += len(records[i].Findings)
	}
	s.Findings = make([]FindingRow, 0, total)
	for _, e := range ranked {
		i := byKey[e.UnitID]
		r := &records[i]
		st := states[i]
		row := SummaryRow{
			InspectionID: r.Inspection.ID, AssessmentID: r.Assessment.ID, Unit: r.Unit,
			Kind: KindOf(kinds, r.Unit.Kind), Date: r.Assessment.Date, State: st,
			Fields: make([]SummaryCell, len(s.Fields)), Overall: r.Scorecard.Overall,
			Percent: r.Scorecard.Overall.Percent(), Rank: e.Rank,
		}
		if r.Checklist != nil {
			row.ChecklistRef = r.Checklist.Ref()
		}
		// Only a ranked record of a checklist whose bands have a basis is
		// classified: the annual index's thresholds do not classify an
		// inspection.
		if st.Ranked() && r.Checklist != nil && r.Checklist.Classifies() {
			row.Band = r.Scorecard.Band
		}
		for _, fs := range r.Scorecard.Fields {
			if j, ok := fieldIdx[fs.Code]; ok {
				row.Fields[j] = SummaryCell{Present: true, Tally: fs.Tally}
			}
		}
		p := progress[r.Unit.Kind]
		p.Units++
		switch st {
		case StateNotStarted:
			p.NotStarted++
		case StateDraft:
			p.Draft++
		case StateIncomplete:
			p.Incomplete++
		case StateFinal:
			p.Final++
		}

		for pos, ri := range r.Items() {
			if !ri.Answered {
				continue
			}
			fr := FindingRow{
				InspectionID: r.Inspection.ID, UnitCode: r.Unit.Code, UnitName: r.Unit.Name, Kind: row.Kind,
				State: st, ChecklistRef: row.ChecklistRef, FieldCode: ri.FieldCode, FieldTitle: ri.FieldTitle,
				ItemCode: ri.Item.Code, ItemText: ri.Item.Text, Max: ri.Item.Max, Finding: ri.Finding,
			}
			s.Findings = append(s.Findings, fr)
			if strings.TrimSpace(ri.Finding.Recommendation) != "" {
				s.Recommendations = append(s.Recommendations, fr)
				row.Recommendations++
			}
			if ri.Finding.Result == ResultNotApplicable {
				continue
			}
			k := statKey{r.Checklist.ID, ri.Item.Code}
			stat := stats[k]
			if stat == nil {
				stat = &ItemStat{ChecklistID: r.Checklist.ID, FieldCode: ri.FieldCode, FieldTitle: ri.FieldTitle,
					ItemCode: ri.Item.Code, Text: ri.Item.Text}
				stats[k] = stat
				order[k] = pos
			}
			stat.Assessed++
			if !ri.Finding.Result.Shortcoming() {
				continue
			}
			row.Shortcomings++
			stat.Units++
			stat.UnitCodes = append(stat.UnitCodes, r.Unit.Code)
			if ri.Finding.Result == ResultFail {
				stat.Fail++
			} else {
				stat.Partial++
			}
			if st != StateFinal && st != StateIncomplete {
				stat.Draft++
			}
		}
		s.Rows = append(s.Rows, row)
		if len(r.SelfScores) > 0 {
			if cmp := r.SelfComparison(); !cmp.Empty() {
				s.SelfAssessments = append(s.SelfAssessments, SelfRankRow{InspectionID: r.Inspection.ID,
					AssessmentID: r.Assessment.ID, Unit: r.Unit, Kind: row.Kind, State: st, SelfTally: cmp.Overall})
			}
		}
	}
	s.SelfAssessments = RankSelf(s.SelfAssessments)

	sum := KindProgress{}
	for _, k := range s.Kinds {
		p := progress[k.Code]
		s.Progress = append(s.Progress, *p)
		sum.Units += p.Units
		sum.NotStarted += p.NotStarted
		sum.Draft += p.Draft
		sum.Incomplete += p.Incomplete
		sum.Final += p.Final
	}
	s.Progress = append(s.Progress, sum)

	keys := make([]statKey, 0, len(stats))
	for k, st := range stats {
		if st.Units > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := stats[keys[i]], stats[keys[j]]
		if a.Units != b.Units {
			return a.Units > b.Units
		}
		if a.Fail != b.Fail {
			return a.Fail > b.Fail
		}
		if a.ChecklistID != b.ChecklistID {
			return a.ChecklistID < b.ChecklistID
		}
		if order[keys[i]] != order[keys[j]] {
			return order[keys[i]] < order[keys[j]]
		}
		return CodeLess(a.ItemCode, b.ItemCode)
	})
	for _, k := range keys {
		s.Shortcomings = append(s.Shortcomings, *stats[k])
	}
	return s
}
