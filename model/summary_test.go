package model

import (
	"reflect"
	"testing"
	"time"
)

// summaryChecklist has two fields: 1 = 1.1.1 (4, binary), 1.1.2 (2, partial);
// 2 = 2.1.1 (4, partial). Bands: Tốt ≥ 90, Khá ≥ 70, Yếu below.
func summaryChecklist(id string, kind UnitKind) *Checklist {
	cl := &Checklist{ID: id, Version: "1", Kind: kind,
		Bands:      []Band{{Label: "Tốt", MinPercent: 90}, {Label: "Khá", MinPercent: 70}, {Label: "Yếu", MinPercent: 0}},
		BandsBasis: "a decision giving these bands",
		Fields: []Field{
			{Code: "1", Title: "Chỉ đạo, điều hành", Max: 600, Criteria: []Criterion{{Code: "1.1", Items: []Item{
				{Code: "1.1.1", Text: "Kế hoạch CCHC", Max: 400, Scoring: ScoringBinary},
				{Code: "1.1.2", Text: "Báo cáo CCHC", Max: 200, Scoring: ScoringPartial},
			}}}},
			{Code: "2", Title: "Thủ tục hành chính", Max: 400, Criteria: []Criterion{{Code: "2.1", Items: []Item{
				{Code: "2.1.1", Text: "Niêm yết TTHC", Max: 400, Scoring: ScoringPartial},
			}}}},
		}}
	cl.Index()
	return cl
}

// rec makes a record with findings given as item → content.
func rec(in Inspection, code string, kind UnitKind, cl *Checklist, status Status, cs map[string]Content) UnitRecord {
	r := UnitRecord{Inspection: in, Unit: Unit{ID: "u-" + code, Code: code, Name: "Đơn vị " + code, Kind: kind},
		Assessment: Assessment{ID: "a-" + code, InspectionID: in.ID, Status: status, Date: NewDate(2022, time.October, 18)},
		Checklist:  cl}
	for item, c := range cs {
		f := Finding{AssessmentID: r.Assessment.ID, ItemCode: item}
		f.Apply(c)
		r.Findings = append(r.Findings, f)
	}
	r.Scorecard = Score(cl, cs)
	return r
}

func TestBuildSummary(t *testing.T) {
	in := Inspection{ID: "i1", Year: 2022, Title: "Kiểm tra CCHC 2022", ReportDays: 15}
	so, huyen := summaryChecklist("so", "so"), summaryChecklist("huyen", "huyen")
	kinds := []KindInfo{{Code: "so", Name: "Sở, ban, ngành", Order: 1}, {Code: "huyen", Name: "UBND cấp huyện", Order: 2}}
	pass := func(max Points) Content { return Content{Result: ResultPass, Score: max} }
	fail := Content{Result: ResultFail, Note: "Chưa ban hành", Recommendation: "Ban hành ngay", Deadline: NewDate(2022, 12, 31)}
	partial := func(s Points) Content { return Content{Result: ResultPartial, Score: s} }
	records := []UnitRecord{
		// 10/10 = 100 %: Tốt, rank 1 among sở.
		rec(in, "STP", "so", so, StatusFinalized, map[string]Content{"1.1.1": pass(400), "1.1.2": pass(200), "2.1.1": pass(400)}),
		// 4+1+4 = 9/10 = 90 %: Tốt, rank 2.
		rec(in, "STC", "so", so, StatusFinalized, map[string]Content{"1.1.1": pass(400), "1.1.2": partial(100), "2.1.1": pass(400)}),
		// Draft at 100 % so far: listed, never ranked nor classified.
		rec(in, "SYT", "so", so, StatusDraft, map[string]Content{"1.1.1": pass(400)}),
		// Nothing recorded.
		rec(in, "SKHDT", "so", so, StatusDraft, nil),
		// Huyện: 0+2+4 = 6/10 = 60 %: Yếu, rank 1 among huyện (ranked separately).
		rec(in, "BINHGIANG", "huyen", huyen, StatusFinalized, map[string]Content{"1.1.1": fail, "1.1.2": pass(200), "2.1.1": pass(400)}),
		// Same 60 % → shares rank 1.
		rec(in, "AAA", "huyen", huyen, StatusFinalized, map[string]Content{"1.1.1": fail, "1.1.2": pass(200), "2.1.1": pass(400)}),
		// Finalized with 2.1.1 unanswered: incomplete, not ranked.
		rec(in, "NAMSACH", "huyen", huyen, StatusFinalized, map[string]Content{"1.1.1": fail, "1.1.2": {Result: ResultNotApplicable}}),
	}
	s := BuildSummary(records, []Inspection{in}, kinds)

	if s.Year != 2022 || len(s.Inspections) != 1 {
		t.Errorf("year %d, %d inspections", s.Year, len(s.Inspections))
	}
	if got := []UnitKind{s.Kinds[0].Code, s.Kinds[1].Code}; !reflect.DeepEqual(got, []UnitKind{"so", "huyen"}) || len(s.Kinds) != 2 {
		t.Errorf("kinds %v", s.Kinds)
	}
	if len(s.Fields) != 2 || s.Fields[0].Code != "1" || s.Fields[1].Title != "Thủ tục hành chính" {
		t.Errorf("fields %+v", s.Fields)
	}

	type want struct {
		code  string
		state RecordState
		rank  int
		band  string
		pct   float64
	}
	wants := []want{
		{"STP", StateFinal, 1, "Tốt", 100},
		{"STC", StateFinal, 2, "Tốt", 90},
		{"SKHDT", StateNotStarted, 0, "", 0},
		{"SYT", StateDraft, 0, "", 40}, // 4 of an adjusted 10
		{"AAA", StateFinal, 1, "Yếu", 60},
		{"BINHGIANG", StateFinal, 1, "Yếu", 60},
		{"NAMSACH", StateIncomplete, 0, "", 0},
	}
	if len(s.Rows) != len(wants) {
		t.Fatalf("%d rows, want %d", len(s.Rows), len(wants))
	}
	for i, w := range wants {
		r := s.Rows[i]
		if r.Unit.Code != w.code || r.State != w.state || r.Rank != w.rank || r.Band.Label != w.band || r.Percent != w.pct {
			t.Errorf("row %d = %s %s rank %d band %q %.2f%%, want %+v", i, r.Unit.Code, r.State, r.Rank, r.Band.Label, r.Percent, w)
		}
	}
	// Field cells: STC field 1 is 5 of 6.
	if c := s.Rows[1].Fields[0]; !c.Present || c.Score != 500 || c.Max != 600 {
		t.Errorf("STC field 1 = %+v", c)
	}

	wantProgress := []KindProgress{
		{Kind: kinds[0], Units: 4, NotStarted: 1, Draft: 1, Final: 2},
		{Kind: kinds[1], Units: 3, Incomplete: 1, Final: 2},
		{Units: 7, NotStarted: 1, Draft: 1, Incomplete: 1, Final: 4},
	}
	if !reflect.DeepEqual(s.Progress, wantProgress) {
		t.Errorf("progress = %+v\nwant %+v", s.Progress, wantProgress)
	}

	// Shortcomings: huyen 1.1.1 fails in 3 units (AAA, BINHGIANG, NAMSACH),
	// then so 1.1.2 partial in STC. 1.1.2 is N/A in NAMSACH, so not assessed there.
	if len(s.Shortcomings) != 2 {
		t.Fatalf("shortcomings = %+v", s.Shortcomings)
	}
	top := s.Shortcomings[0]
	if top.ChecklistID != "huyen" || top.ItemCode != "1.1.1" || top.Units != 3 || top.Fail != 3 || top.Assessed != 3 ||
		!reflect.DeepEqual(top.UnitCodes, []string{"AAA", "BINHGIANG", "NAMSACH"}) || top.Draft != 0 {
		t.Errorf("top shortcoming = %+v", top)
	}
	second := s.Shortcomings[1]
	if second.ChecklistID != "so" || second.ItemCode != "1.1.2" || second.Units != 1 || second.Partial != 1 || second.Assessed != 2 {
		t.Errorf("second shortcoming = %+v", second)
	}

	if len(s.Recommendations) != 3 || s.Recommendations[0].UnitCode != "AAA" ||
		s.Recommendations[0].Finding.Recommendation != "Ban hành ngay" || s.Recommendations[2].State != StateIncomplete {
		t.Errorf("recommendations = %+v", s.Recommendations)
	}
	// Findings: 3+3+1+0 for sở, 3+3+2 for huyện, in row then checklist order.
	if len(s.Findings) != 15 {
		t.Errorf("%d findings, want 15", len(s.Findings))
	}
	if f := s.Findings[0]; f.UnitCode != "STP" || f.ItemCode != "1.1.1" || f.Max != 400 || f.FieldTitle != "Chỉ đạo, điều hành" {
		t.Errorf("first finding = %+v", f)
	}

	// The same records in another order give the same summary.
	rev := append([]UnitRecord(nil), records...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if s2 := BuildSummary(rev, []Inspection{in}, kinds); !reflect.DeepEqual(s, s2) {
		t.Error("summary depends on the order of the records")
	}
}

func TestBuildSummaryUnknownKindAndYears(t *testing.T) {
	a := Inspection{ID: "a", Year: 2022, Title: "B"}
	b := Inspection{ID: "b", Year: 2023, Title: "A"}
	cl := summaryChecklist("x", "vung")
	s := BuildSummary([]UnitRecord{rec(a, "X1", "vung", cl, StatusDraft, nil)}, []Inspection{b, a}, nil)
	if s.Year != 0 {
		t.Errorf("mixed years: Year = %d, want 0", s.Year)
	}
	if s.Inspections[0].ID != "a" {
		t.Errorf("inspections not sorted by year: %+v", s.Inspections)
	}
	if len(s.Kinds) != 1 || s.Kinds[0].Name != "vung" {
		t.Errorf("unknown kind = %+v", s.Kinds)
	}
	empty := BuildSummary(nil, nil, nil)
	if len(empty.Rows) != 0 || len(empty.Progress) != 1 || empty.Progress[0].Units != 0 {
		t.Errorf("empty summary = %+v", empty)
	}
}

func TestUnitRecordHelpers(t *testing.T) {
	in := Inspection{ID: "i", Year: 2022, ReportDays: 15}
	cl := summaryChecklist("so", "so")
	r := rec(in, "STP", "so", cl, StatusDraft, map[string]Content{
		"2.1.1": {Result: ResultPartial, Score: 200, Recommendation: "Cập nhật niêm yết"},
		"1.1.1": {Result: ResultFail, Note: "Chưa có"},
		"1.1.2": {Result: ResultPass, Score: 200},
	})
	items := r.Items()
	if len(items) != 3 || items[0].Item.Code != "1.1.1" || !items[0].Answered || items[2].FieldTitle != "Thủ tục hành chính" {
		t.Errorf("items = %+v", items)
	}
	sh := r.Shortcomings()
	if len(sh) != 2 || sh[0].Item.Code != "1.1.1" || sh[1].Item.Code != "2.1.1" {
		t.Errorf("shortcomings = %+v", sh)
	}
	if rc := r.Recommendations(); len(rc) != 1 || rc[0].Item.Code != "2.1.1" {
		t.Errorf("recommendations = %+v", rc)
	}
	// The fixes are reported on counted from the thông báo kết luận, not
	// from the visit: the unit learns what to fix from the thông báo.
	if !r.FixReportDue().IsZero() {
		t.Errorf("no thông báo yet, yet a due date %s (counted from the visit?)", r.FixReportDue())
	}
	r.Assessment.Conclusion.Date = NewDate(2022, time.December, 5)
	if d := r.FixReportDue(); d != NewDate(2022, time.December, 20) {
		t.Errorf("fix report due %s, want 20/12/2022", d)
	}
	r.Inspection.ReportDays = 0
	if d := r.FixReportDue(); d != NewDate(2022, time.December, 20) {
		t.Errorf("default 15 days: %s", d)
	}
	r.Inspection.ReportDays = 10
	if d := r.FixReportDue(); d != NewDate(2022, time.December, 15) {
		t.Errorf("10 days: %s", d)
	}
	if r.State() != StateDraft {
		t.Errorf("state %s", r.State())
	}
}

func TestCodeLess(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"1.2.9", "1.2.10", true},
		{"1.2.10", "1.2.9", false},
		{"2", "10", true},
		{"1.1", "1.1.1", true},
		{"1.1.1", "1.1", false},
		{"A", "B", true},
		{"3.a", "3.b", true},
		{"1", "1", false},
	}
	for _, tc := range tests {
		if got := CodeLess(tc.a, tc.b); got != tc.want {
			t.Errorf("CodeLess(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// Bands without a basis classify nothing: the row is ranked, its band
// left empty, as the documents print no "Xếp loại" then.
func TestBuildSummaryNoBandsBasis(t *testing.T) {
	in := Inspection{ID: "i", Year: 2022}
	cl := summaryChecklist("so", "so")
	cl.BandsBasis = ""
	s := BuildSummary([]UnitRecord{rec(in, "STP", "so", cl, StatusFinalized, map[string]Content{
		"1.1.1": {Result: ResultPass, Score: 400}, "1.1.2": {Result: ResultPass, Score: 200}, "2.1.1": {Result: ResultPass, Score: 400},
	})}, []Inspection{in}, nil)
	if r := s.Rows[0]; r.Rank != 1 || r.Band.Label != "" {
		t.Errorf("row %+v: ranked 1, no band", r)
	}
}
