package model

import (
	"reflect"
	"testing"
)

// mapRows is what FindingRows did before RowMaker, item by item through a
// map of the record's findings by code: the reference RowMaker must
// match.
func mapRows(r *UnitRecord, kind KindInfo, st RecordState) []FindingRow {
	var out []FindingRow
	if r.Checklist == nil {
		return out
	}
	byCode := map[string]*Finding{}
	for i := range r.Findings {
		byCode[r.Findings[i].ItemCode] = &r.Findings[i]
	}
	for fi := range r.Checklist.Fields {
		fl := &r.Checklist.Fields[fi]
		for ci := range fl.Criteria {
			for ii := range fl.Criteria[ci].Items {
				it := &fl.Criteria[ci].Items[ii]
				if f, ok := byCode[it.Code]; ok && f.Result.Answered() {
					out = append(out, findingRow(r, fl, it, f, kind, st, r.checklistRef()))
				}
			}
		}
	}
	return out
}

// TestRowMakerIsTheMapOfFindings: one RowMaker over records of several
// checklists — one with two items of the same code, a record with two
// findings of one code, findings of no item, unanswered ones, a record
// without a checklist — makes, into the slice it is handed back, the rows
// a map of each record's findings gives.
func TestRowMakerIsTheMapOfFindings(t *testing.T) {
	in := Inspection{ID: "i1", Year: 2022}
	so, huyen := summaryChecklist("so", "so"), summaryChecklist("huyen", "huyen")
	twice := summaryChecklist("twice", "so")
	twice.Fields[1].Criteria[0].Items = append(twice.Fields[1].Criteria[0].Items, Item{Code: "1.1.1", Text: "Lặp mã", Max: 100})
	pass := Content{Result: ResultPass, Score: 400}
	records := []UnitRecord{
		rec(in, "STP", "so", so, StatusFinalized, map[string]Content{"1.1.1": pass, "1.1.2": {Result: ResultNotApplicable},
			"2.1.1": {Result: ResultFail, Note: "Không niêm yết", Recommendation: "Niêm yết đủ"}, "9.9.9": pass}),
		rec(in, "BINHGIANG", "huyen", huyen, StatusDraft, map[string]Content{"2.1.1": pass, "1.1.2": {}}),
		rec(in, "STC", "so", twice, StatusDraft, map[string]Content{"1.1.1": {Result: ResultPartial, Score: 100, Note: "một"}}),
		rec(in, "SYT", "so", so, StatusDraft, nil),
		{Inspection: in, Unit: Unit{Code: "X"}, Findings: []Finding{{ItemCode: "1.1.1", Result: ResultPass}}},
	}
	// Two findings of one code: the last one is the item's.
	records[0].Findings = append(records[0].Findings, Finding{AssessmentID: "a-STP", ItemCode: "1.1.1", Result: ResultFail, Note: "sau"})
	var m RowMaker
	var dst []FindingRow
	for round := range 2 {
		for i := range records {
			r := &records[i]
			want := mapRows(r, KindInfo{Code: r.Unit.Kind}, r.State())
			dst = m.Rows(dst, r, KindInfo{Code: r.Unit.Kind}, r.State())
			if len(dst) != len(want) || (len(want) > 0 && !reflect.DeepEqual(dst, want)) {
				t.Errorf("round %d, %s: rows\n%+v\nwant\n%+v", round, r.Unit.Code, dst, want)
			}
			if fr := r.FindingRows(KindInfo{Code: r.Unit.Kind}, r.State()); len(fr) != len(want) || (len(want) > 0 && !reflect.DeepEqual(fr, want)) {
				t.Errorf("round %d, %s: FindingRows\n%+v\nwant\n%+v", round, r.Unit.Code, fr, want)
			}
		}
	}
	if got := m.Rows(nil, &records[2], KindInfo{}, StateDraft); len(got) != 2 || got[0].ItemCode != "1.1.1" || got[1].ItemCode != "1.1.1" ||
		got[1].FieldCode != "2" || got[0].Finding.Note != "một" || got[1].Finding.Note != "một" {
		t.Errorf("two items of one code: %+v", got)
	}
	if got := m.Rows(nil, &records[0], KindInfo{}, StateFinal); len(got) != 3 || got[0].Finding.Note != "sau" {
		t.Errorf("two findings of one code: %+v", got)
	}
}
