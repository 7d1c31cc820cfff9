package store

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"kiemtra/model"
)

// rulesChecklist uses the per-item rules: 1.1.1 may not be marked không
// áp dụng, 1.1.2 counts it as full marks, 1.1.3 loses 0.5 a case from 2
// points.
func rulesChecklist() *model.Checklist {
	c := &model.Checklist{
		ID: "rules", Version: "1", Title: "Bộ tiêu chí có quy tắc", Kind: "so", Hash: "rules-1",
		Fields: []model.Field{{Code: "1", Title: "Thủ tục hành chính", Max: 400, Criteria: []model.Criterion{{Code: "1.1", Title: "Giải quyết hồ sơ",
			Items: []model.Item{
				{Code: "1.1.1", Text: "Có quy chế không?", Max: 100, Scoring: model.ScoringBinary, NA: model.NANotAllowed},
				{Code: "1.1.2", Text: "Có hồ sơ liên thông không?", Max: 100, Scoring: model.ScoringPartial, NA: model.NAFull},
				{Code: "1.1.3", Text: "Hồ sơ trễ hạn không xin lỗi", Max: 200, Scoring: model.ScoringDeduction, PerCase: 50},
			}}}}},
	}
	c.Index()
	return c
}

// newRulesFixture is newFixture with rulesChecklist.
func newRulesFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2025, 10, 1, 8, 0, 0, 0, time.UTC)}
	db, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"), WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { check(t, db.Close()) })
	if _, err := db.AddChecklists(ctx, true, rulesChecklist()); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportPlan(ctx, "Lê Thu Trang", &model.Plan{
		Inspection: model.Inspection{Year: 2025, Title: "Kiểm tra CCHC năm 2025"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"},
			Date: model.NewDate(2025, 10, 1), ChecklistID: "rules"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ovs, err := db.Overviews(ctx, res.Inspection.ID)
	if err != nil || len(ovs) != 1 {
		t.Fatalf("overviews: %v %d", err, len(ovs))
	}
	return fixture{db: db, a: ovs[0].Assessment, in: res.Inspection, clk: c}
}

// TestFindingKeepsItsCases: a deduction item's cases are stored with the
// finding, read back by every query, in the audit's old and new values,
// and counted in the scores; a change of cases alone is a new revision.
// Before, the findings table had no cases and every deduction finding with
// a case read back as one that no longer fitted its item.
func TestFindingKeepsItsCases(t *testing.T) {
	t.Parallel()
	f := newRulesFixture(t)
	ctx := context.Background()
	three := model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.3", Result: model.ResultPartial, Score: 50, Cases: 3,
		Note: "3 hồ sơ trễ hạn không có phiếu xin lỗi", UpdatedBy: "Lê Thu Trang"}
	first, err := f.db.SaveFinding(ctx, three)
	if err != nil {
		t.Fatal(err)
	}
	if first.Cases != 3 {
		t.Errorf("saved cases %d", first.Cases)
	}
	two := three
	two.Cases, two.Score, two.BaseRevision = 2, 100, first.Revision
	second, err := f.db.SaveFinding(ctx, two)
	if err != nil {
		t.Fatal(err)
	}
	if second.Revision == first.Revision {
		t.Fatal("a change of cases alone wrote no revision")
	}
	fs, err := f.db.Findings(ctx, f.a.ID)
	if err != nil || len(fs) != 1 || fs[0].Cases != 2 || fs[0].Score != 100 {
		t.Fatalf("findings: %+v %v", fs, err)
	}
	all, err := f.db.InspectionFindings(ctx, f.in.ID)
	if err != nil || len(all) != 1 || all[0].Cases != 2 {
		t.Errorf("inspection findings: %+v %v", all, err)
	}
	ovs, err := f.db.Overviews(ctx, f.in.ID)
	if err != nil || len(ovs) != 1 || ovs[0].Scorecard.Overall.Score != 100 {
		t.Errorf("overview: %+v %v", ovs, err)
	}
	hist, err := f.db.History(ctx, first.ID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history: %d entries, %v", len(hist), err)
	}
	casesOf := func(js string) int {
		t.Helper()
		var v model.Finding
		if err := json.Unmarshal([]byte(js), &v); err != nil {
			t.Fatalf("audit value %q: %v", js, err)
		}
		return v.Cases
	}
	if got := casesOf(hist[0].New); got != 3 {
		t.Errorf("first entry's new value has %d cases", got)
	}
	if old, cur := casesOf(hist[1].Old), casesOf(hist[1].New); old != 3 || cur != 2 {
		t.Errorf("second entry: old %d cases, new %d", old, cur)
	}
	// Saving the same content again writes nothing.
	same := two
	same.BaseRevision = second.Revision
	if again, err := f.db.SaveFinding(ctx, same); err != nil || again.Revision != second.Revision {
		t.Errorf("identical save: %v %s", err, again.Revision)
	}
}

// TestSaveFindingHoldsToTheItemsRules: không áp dụng is refused on an item
// that does not allow it and must be full marks where it counts as such; a
// deduction's score and result must be what its cases give; cases belong
// to deduction items only. Nothing refused is written.
func TestSaveFindingHoldsToTheItemsRules(t *testing.T) {
	t.Parallel()
	f := newRulesFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    model.Finding
	}{
		{"N/A where not allowed", model.Finding{ItemCode: "1.1.1", Result: model.ResultNotApplicable}},
		{"N/A full without the points", model.Finding{ItemCode: "1.1.2", Result: model.ResultNotApplicable}},
		{"deduction score not from its cases", model.Finding{ItemCode: "1.1.3", Result: model.ResultPartial, Score: 150, Cases: 3}},
		{"deduction result not from its cases", model.Finding{ItemCode: "1.1.3", Result: model.ResultPass, Score: 200, Cases: 1}},
		{"deduction with cases and no result", model.Finding{ItemCode: "1.1.3", Cases: 1}},
		{"deduction with negative cases", model.Finding{ItemCode: "1.1.3", Result: model.ResultPass, Score: 200, Cases: -1}},
		{"cases on another mode", model.Finding{ItemCode: "1.1.2", Result: model.ResultPass, Score: 100, Cases: 1}},
	} {
		tc.f.AssessmentID, tc.f.UpdatedBy = f.a.ID, "Lê Thu Trang"
		if _, err := f.db.SaveFinding(ctx, tc.f); !errors.Is(err, model.ErrScore) {
			t.Errorf("%s: err = %v, want a score error", tc.name, err)
		}
	}
	if fs, err := f.db.Findings(ctx, f.a.ID); err != nil || len(fs) != 0 {
		t.Fatalf("refused saves wrote %+v (%v)", fs, err)
	}
	for _, ok := range []model.Finding{
		{ItemCode: "1.1.2", Result: model.ResultNotApplicable, Score: 100},
		{ItemCode: "1.1.3", Result: model.ResultFail, Cases: 7},
	} {
		ok.AssessmentID, ok.UpdatedBy = f.a.ID, "Lê Thu Trang"
		if _, err := f.db.SaveFinding(ctx, ok); err != nil {
			t.Errorf("%s %s: %v", ok.ItemCode, ok.Result, err)
		}
	}
	ovs, err := f.db.Overviews(ctx, f.in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if o := ovs[0].Scorecard.Overall; o.Score != 100 || o.AdjustedMax != 400 || o.Answered != 2 {
		t.Errorf("scores: %+v", o)
	}
}

// TestBundleCarriesCases: a deduction finding's cases travel in a bundle
// and arrive as they were.
func TestBundleCarriesCases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mk := func(name string) *device {
		f := newRulesFixture(t)
		if err := f.db.SetSetting(ctx, SettingInspector, name); err != nil {
			t.Fatal(err)
		}
		return &device{fixture: f, name: name, dir: filepath.Dir(f.db.Path())}
	}
	a, b := mk("Lê Thu Trang"), mk("Sở Nội vụ")
	trustAll(t, a, b)
	a.save(t, "1.1.3", model.Content{Result: model.ResultPartial, Score: 50, Cases: 3, Note: "3 hồ sơ trễ hạn"})
	b.importFiles(t, a.bundle(t, "a1.kiemtra"))
	got := findingsByItem(t, b)["1.1.3"]
	if got.Cases != 3 || got.Score != 50 || got.Result != model.ResultPartial {
		t.Errorf("arrived as %+v", got)
	}
}
