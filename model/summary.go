package model

import (
	"slices"
	"unicode/utf8"
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
	// Stream, when set, reads the findings from where they are kept
	// instead of Findings and Recommendations holding them (both are then
	// empty): a summary of a million findings is written without holding
	// them. FindingStats and RecommendationStats describe the two lists
	// either way, for writers that size their columns before the first row.
	Stream              FindingStream
	FindingStats        FindingStats
	RecommendationStats FindingStats
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

// FindingStream calls fn with each finding of a summary in the order
// Summary.Findings lists them; with recsOnly, only those with a kiến nghị
// (Summary.Recommendations). The row is reused after fn returns.
type FindingStream func(recsOnly bool, fn func(*FindingRow) error) error

// FindingStats describes a list of FindingRows without holding it: how
// many rows, the longest text of each column in characters (runes), and
// which states and results occur.
type FindingStats struct {
	Rows                                     int
	UnitCode, UnitName, FieldCode, ItemCode  int
	ItemText, Note, Evidence, Recommendation int
	Kinds                                    []UnitKind    // sorted
	States                                   []RecordState // sorted
	Results                                  []Result      // sorted
}

// ListStats is FindingStats of Findings (recsOnly: Recommendations): as
// kept beside the stream when the summary has one, else worked out from
// the list, so a summary put together by hand is described too.
func (s *Summary) ListStats(recsOnly bool) FindingStats {
	if s.Stream != nil {
		if recsOnly {
			return s.RecommendationStats
		}
		return s.FindingStats
	}
	list := s.Findings
	if recsOnly {
		list = s.Recommendations
	}
	var st FindingStats
	for i := range list {
		st.add(&list[i])
	}
	return st
}

func (st *FindingStats) add(f *FindingRow) {
	st.Rows++
	st.UnitCode = max(st.UnitCode, utf8.RuneCountInString(f.UnitCode))
	st.UnitName = max(st.UnitName, utf8.RuneCountInString(f.UnitName))
	st.FieldCode = max(st.FieldCode, utf8.RuneCountInString(f.FieldCode))
	st.ItemCode = max(st.ItemCode, utf8.RuneCountInString(f.ItemCode))
	st.ItemText = max(st.ItemText, utf8.RuneCountInString(f.ItemText))
	st.addContent(&f.Finding)
	st.addKindState(f.Kind.Code, f.State)
}

// addItem is add's part for what changes from one finding of a record to
// the next, addRecord the part every row of the record shares: a builder
// counts the unit's name once per record, not once per finding.
func (st *FindingStats) addItem(field *Field, it *Item, f *Finding) {
	st.Rows++
	st.FieldCode = max(st.FieldCode, utf8.RuneCountInString(field.Code))
	st.ItemCode = max(st.ItemCode, utf8.RuneCountInString(it.Code))
	st.ItemText = max(st.ItemText, utf8.RuneCountInString(it.Text))
	st.addContent(f)
}

func (st *FindingStats) addRecord(r *UnitRecord, kind UnitKind, state RecordState) {
	st.UnitCode = max(st.UnitCode, utf8.RuneCountInString(r.Unit.Code))
	st.UnitName = max(st.UnitName, utf8.RuneCountInString(r.Unit.Name))
	st.addKindState(kind, state)
}

func (st *FindingStats) addContent(f *Finding) {
	st.Note = max(st.Note, utf8.RuneCountInString(f.Note))
	st.Evidence = max(st.Evidence, utf8.RuneCountInString(f.Evidence))
	st.Recommendation = max(st.Recommendation, utf8.RuneCountInString(f.Recommendation))
	if !slices.Contains(st.Results, f.Result) {
		st.Results = append(st.Results, f.Result)
		slices.Sort(st.Results)
	}
}

func (st *FindingStats) addKindState(kind UnitKind, state RecordState) {
	if !slices.Contains(st.Kinds, kind) {
		st.Kinds = append(st.Kinds, kind)
		slices.Sort(st.Kinds)
	}
	if !slices.Contains(st.States, state) {
		st.States = append(st.States, state)
		slices.Sort(st.States)
	}
}
