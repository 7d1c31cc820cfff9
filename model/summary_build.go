package model

import (
	"slices"
	"sort"
	"strings"
)

// BuildSummary computes the consolidated summary of the records of
// inspections. kinds gives the names and the ranking order of the kinds of
// unit; a kind it lacks is listed after the others under its code.
func BuildSummary(records []UnitRecord, inspections []Inspection, kinds []KindInfo) Summary {
	b := NewSummaryBuilder(kinds, true)
	for i := range records {
		b.Add(records[i])
	}
	return b.Summary(inspections)
}

// SummaryBuilder computes a summary one record at a time, so that a
// summary of a million findings never holds them all: Add keeps of each
// record only what the summary needs once every record is in (its score,
// state and the items it assessed), not its findings.
type SummaryBuilder struct {
	kinds []KindInfo
	keep  bool // hold the findings' rows in Findings and Recommendations
	recs  []builtRecord
	items map[*Checklist][]RecordItem // each checklist's items in order, without findings
	rows  RowMaker
	// assessed is Add's scratch: a record's assessed items, before they
	// are copied at their length.
	assessed []assessedItem

	findingStats, recStats FindingStats
}

// builtRecord is what the builder keeps of one record.
type builtRecord struct {
	rec             UnitRecord // without its findings
	state           RecordState
	assessed        []assessedItem // in checklist order
	recommendations int
	self            *SelfComparison
	rows            []FindingRow // when the builder keeps them
}

// assessedItem is an item answered other than không áp dụng: its position
// in the checklist's items and its result. Eight bytes, as a summary
// holds one for nearly every finding until the records are ranked.
type assessedItem struct {
	pos    int32
	result uint8 // a Result
}

// NewSummaryBuilder returns a builder; with keepFindings the summary holds
// every finding's row (Summary.Findings and Recommendations), else only
// their FindingStats.
func NewSummaryBuilder(kinds []KindInfo, keepFindings bool) *SummaryBuilder {
	return &SummaryBuilder{kinds: kinds, keep: keepFindings, items: map[*Checklist][]RecordItem{}}
}

// Add takes one record with its findings and scorecard; the builder keeps
// none of its findings unless it keeps the rows.
func (b *SummaryBuilder) Add(r UnitRecord) {
	br := builtRecord{state: r.State()}
	kind, ref := KindOf(b.kinds, r.Unit.Kind), r.checklistRef()
	var rows, recs int // of this record, for the statistics' per-record part
	assessed := b.assessed[:0]
	b.rows.eachAnswered(&r, func(pos int, field *Field, it *Item, f *Finding) {
		rec := strings.TrimSpace(f.Recommendation) != ""
		rows++
		b.findingStats.addItem(field, it, f)
		if rec {
			recs++
			br.recommendations++
			b.recStats.addItem(field, it, f)
		}
		if b.keep {
			br.rows = append(br.rows, findingRow(&r, field, it, f, kind, br.state, ref))
		}
		if f.Result != ResultNotApplicable {
			assessed = append(assessed, assessedItem{pos: int32(pos), result: uint8(f.Result)})
		}
	})
	if rows > 0 {
		b.findingStats.addRecord(&r, kind.Code, br.state)
	}
	if recs > 0 {
		b.recStats.addRecord(&r, kind.Code, br.state)
	}
	br.assessed = slices.Clone(assessed) // as long as it is: most of what a summary holds
	b.assessed = assessed
	if len(r.SelfScores) > 0 {
		if cmp := r.SelfComparison(); !cmp.Empty() {
			br.self = &cmp
		}
	}
	if r.Checklist != nil {
		if _, ok := b.items[r.Checklist]; !ok {
			b.items[r.Checklist] = (&UnitRecord{Checklist: r.Checklist}).Items()
		}
	}
	r.Findings = nil
	br.rec = r
	b.recs = append(b.recs, br)
}

// FindingRows is every answered item of the record as a summary row, in
// checklist order, as Summary.Findings lists them; kind and st are the
// record's row's (SummaryRow.Kind, State). RowMaker makes them for many
// records.
func (r *UnitRecord) FindingRows(kind KindInfo, st RecordState) []FindingRow {
	return new(RowMaker).Rows(make([]FindingRow, 0, len(r.Findings)), r, kind, st)
}

func (r *UnitRecord) checklistRef() string {
	if r.Checklist == nil {
		return ""
	}
	return r.Checklist.Ref()
}

func findingRow(r *UnitRecord, field *Field, it *Item, f *Finding, kind KindInfo, st RecordState, ref string) FindingRow {
	return FindingRow{
		InspectionID: r.Inspection.ID, UnitCode: r.Unit.Code, UnitName: r.Unit.Name, Kind: kind,
		State: st, ChecklistRef: ref, FieldCode: field.Code, FieldTitle: field.Title,
		ItemCode: it.Code, ItemText: it.Text, Max: it.Max, Finding: *f,
	}
}

// Summary is the summary of every record added, of the inspections.
func (b *SummaryBuilder) Summary(inspections []Inspection) Summary {
	var s Summary
	kinds, records := b.kinds, b.recs
	s.FindingStats, s.RecommendationStats = b.findingStats, b.recStats
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
		kindSet[r.rec.Unit.Kind] = KindOf(kinds, r.rec.Unit.Kind)
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
	for i := range records {
		r := &records[i].rec
		key := r.Unit.Code + "\x00" + r.Inspection.ID + "\x00" + r.Assessment.ID
		byKey[key] = i
		entries[i] = RankEntry{UnitID: key, Kind: r.Unit.Kind, Percent: r.Scorecard.Overall.Percent(),
			Eligible: records[i].state.Ranked()}
	}
	ranked := Rank(entries, kindOrder)

	fieldIdx := map[string]int{}
	for _, e := range ranked {
		r := &records[byKey[e.UnitID]].rec
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

	if b.keep {
		s.Findings = make([]FindingRow, 0, b.findingStats.Rows)
	}
	for _, e := range ranked {
		br := &records[byKey[e.UnitID]]
		r := &br.rec
		st := br.state
		row := SummaryRow{
			InspectionID: r.Inspection.ID, AssessmentID: r.Assessment.ID, Unit: r.Unit,
			Kind: KindOf(kinds, r.Unit.Kind), Date: r.Assessment.Date, State: st,
			Fields: make([]SummaryCell, len(s.Fields)), Overall: r.Scorecard.Overall,
			Percent: r.Scorecard.Overall.Percent(), Rank: e.Rank, Recommendations: br.recommendations,
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
		for _, fr := range br.rows {
			s.Findings = append(s.Findings, fr)
			if strings.TrimSpace(fr.Finding.Recommendation) != "" {
				s.Recommendations = append(s.Recommendations, fr)
			}
		}

		items := b.items[r.Checklist]
		for _, a := range br.assessed {
			ri := items[a.pos]
			k := statKey{r.Checklist.ID, ri.Item.Code}
			stat := stats[k]
			if stat == nil {
				stat = &ItemStat{ChecklistID: r.Checklist.ID, FieldCode: ri.FieldCode, FieldTitle: ri.FieldTitle,
					ItemCode: ri.Item.Code, Text: ri.Item.Text}
				stats[k] = stat
				order[k] = int(a.pos)
			}
			stat.Assessed++
			result := Result(a.result)
			if !result.Shortcoming() {
				continue
			}
			row.Shortcomings++
			stat.Units++
			stat.UnitCodes = append(stat.UnitCodes, r.Unit.Code)
			if result == ResultFail {
				stat.Fail++
			} else {
				stat.Partial++
			}
			if st != StateFinal && st != StateIncomplete {
				stat.Draft++
			}
		}
		s.Rows = append(s.Rows, row)
		if br.self != nil {
			s.SelfAssessments = append(s.SelfAssessments, SelfRankRow{InspectionID: r.Inspection.ID,
				AssessmentID: r.Assessment.ID, Unit: r.Unit, Kind: row.Kind, State: st, SelfTally: br.self.Overall})
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
