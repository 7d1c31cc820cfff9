package model

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// builderRecords are records of two checklists with drafts, a finalized
// unit with an item left, không áp dụng and kiến nghị of which one is only
// spaces.
func builderRecords() ([]UnitRecord, Inspection, []KindInfo) {
	in := Inspection{ID: "i1", Year: 2022, Title: "Kiểm tra CCHC 2022"}
	so, huyen := summaryChecklist("so", "so"), summaryChecklist("huyen", "huyen")
	kinds := []KindInfo{{Code: "so", Name: "Sở, ban, ngành", Order: 1}, {Code: "huyen", Name: "UBND cấp huyện", Order: 2}}
	pass := func(max Points) Content { return Content{Result: ResultPass, Score: max} }
	fail := Content{Result: ResultFail, Note: "Chưa ban hành kế hoạch năm", Recommendation: "Ban hành ngay", Deadline: NewDate(2022, 12, 31)}
	blank := Content{Result: ResultPartial, Score: 100, Note: "Thiếu", Recommendation: " \t\u00a0", Evidence: "Sổ theo dõi văn bản đến"}
	return []UnitRecord{
		rec(in, "STP", "so", so, StatusFinalized, map[string]Content{"1.1.1": pass(400), "1.1.2": blank, "2.1.1": pass(400)}),
		rec(in, "SYT", "so", so, StatusDraft, map[string]Content{"1.1.1": fail}),
		rec(in, "SKHDT", "so", so, StatusDraft, nil),
		rec(in, "BINHGIANG", "huyen", huyen, StatusFinalized, map[string]Content{"1.1.1": fail, "1.1.2": pass(200), "2.1.1": pass(400)}),
		rec(in, "NAMSACH", "huyen", huyen, StatusFinalized, map[string]Content{"1.1.1": fail, "1.1.2": {Result: ResultNotApplicable}}),
		rec(in, "X1", "vung", huyen, StatusDraft, map[string]Content{"2.1.1": {Result: ResultFail, Note: "Không niêm yết", Recommendation: "Niêm yết đủ"}}),
	}, in, kinds
}

// A builder that keeps no findings gives the same summary as one that
// does, less the two lists; the statistics describe those lists exactly.
func TestSummaryBuilderWithoutFindings(t *testing.T) {
	records, in, kinds := builderRecords()
	full := BuildSummary(records, []Inspection{in}, kinds)
	b := NewSummaryBuilder(kinds, false)
	for _, r := range records {
		b.Add(r)
	}
	light := b.Summary([]Inspection{in})
	if light.Findings != nil || light.Recommendations != nil {
		t.Fatalf("a builder keeping nothing holds %d findings, %d recommendations", len(light.Findings), len(light.Recommendations))
	}
	if len(full.Findings) != 10 || len(full.Recommendations) != 4 {
		t.Fatalf("%d findings, %d recommendations; want 10 and 4", len(full.Findings), len(full.Recommendations))
	}
	want := full
	want.Findings, want.Recommendations = nil, nil
	if !reflect.DeepEqual(light, want) {
		t.Errorf("without findings:\n%+v\nwith them:\n%+v", light, want)
	}
	for name, c := range map[string]struct {
		got  FindingStats
		list []FindingRow
	}{"findings": {full.FindingStats, full.Findings}, "recommendations": {full.RecommendationStats, full.Recommendations}} {
		if w := statsOf(c.list); !reflect.DeepEqual(c.got, w) {
			t.Errorf("%s: stats %+v, want %+v", name, c.got, w)
		}
	}

	// Each record's rows, in row order, are Summary.Findings.
	byID := map[string]*UnitRecord{}
	for i := range records {
		byID[records[i].Assessment.ID] = &records[i]
	}
	var rows []FindingRow
	for _, row := range full.Rows {
		rows = append(rows, byID[row.AssessmentID].FindingRows(row.Kind, row.State)...)
	}
	if !reflect.DeepEqual(rows, full.Findings) {
		t.Errorf("FindingRows by row:\n%+v\nSummary.Findings:\n%+v", rows, full.Findings)
	}
}

// statsOf is FindingStats worked out from the list itself.
func statsOf(list []FindingRow) FindingStats {
	var st FindingStats
	n := utf8.RuneCountInString
	seenK, seenS, seenR := map[UnitKind]bool{}, map[RecordState]bool{}, map[Result]bool{}
	for _, f := range list {
		st.Rows++
		st.UnitCode, st.UnitName = max(st.UnitCode, n(f.UnitCode)), max(st.UnitName, n(f.UnitName))
		st.FieldCode, st.ItemCode, st.ItemText = max(st.FieldCode, n(f.FieldCode)), max(st.ItemCode, n(f.ItemCode)), max(st.ItemText, n(f.ItemText))
		st.Note, st.Evidence = max(st.Note, n(f.Finding.Note)), max(st.Evidence, n(f.Finding.Evidence))
		st.Recommendation = max(st.Recommendation, n(f.Finding.Recommendation))
		seenK[f.Kind.Code], seenS[f.State], seenR[f.Finding.Result] = true, true, true
	}
	for _, k := range []UnitKind{"huyen", "so", "vung"} { // sorted
		if seenK[k] {
			st.Kinds = append(st.Kinds, k)
		}
	}
	for _, s := range []RecordState{StateDraft, StateFinal, StateIncomplete, StateNotStarted} { // sorted
		if seenS[s] {
			st.States = append(st.States, s)
		}
	}
	for r := Result(0); r < 10; r++ {
		if seenR[r] {
			st.Results = append(st.Results, r)
		}
	}
	return st
}
