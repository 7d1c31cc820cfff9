package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"kiemtra/model"
)

// followUpFixture is the demo database (2022: STP and BINHGIANG finalized)
// with a 2023 inspection visiting STP and STC again.
type followUpFixture struct {
	db       *DB
	stp2022  model.Assessment
	stp2023  model.Assessment
	stc2023  model.Assessment
	recs2022 []model.Finding // STP's 2022 findings with a kiến nghị
}

func newFollowUpFixture(t *testing.T) followUpFixture {
	t.Helper()
	ctx := context.Background()
	db := openDemoCopy(t)
	ins, err := db.InspectionsOfYear(ctx, 2022)
	check(t, err)
	var f followUpFixture
	f.db = db
	f.stp2022, err = db.AssessmentOf(ctx, ins[0].ID, "STP")
	check(t, err)
	if f.stp2022.Status != model.StatusFinalized {
		t.Fatalf("the demo's STP record is %s, want finalized", f.stp2022.Status)
	}
	fs, err := db.Findings(ctx, f.stp2022.ID)
	check(t, err)
	for _, x := range fs {
		if x.Recommendation != "" {
			f.recs2022 = append(f.recs2022, x)
		}
	}
	if len(f.recs2022) < 2 {
		t.Fatalf("the demo's STP record has %d recommendations, the test needs two", len(f.recs2022))
	}
	res, err := db.ImportPlan(ctx, "Nguyễn Thị Hương", &model.Plan{
		Inspection: model.Inspection{Year: 2023, Title: "Kiểm tra công tác cải cách hành chính năm 2023",
			Start: model.NewDate(2023, 10, 2), End: model.NewDate(2023, 11, 30)},
		Visits: []model.Visit{
			{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"}, Date: model.NewDate(2023, 10, 10), ChecklistID: "so-ban-nganh"},
			{Unit: model.Unit{Code: "STC", Name: "Sở Tài chính", Kind: "so"}, Date: model.NewDate(2023, 10, 12), ChecklistID: "so-ban-nganh"},
		},
	})
	check(t, err)
	f.stp2023, err = db.AssessmentOf(ctx, res.Inspection.ID, "STP")
	check(t, err)
	f.stc2023, err = db.AssessmentOf(ctx, res.Inspection.ID, "STC")
	check(t, err)
	return f
}

func (f followUpFixture) save(t *testing.T, a model.Assessment, recID string, st model.FixStatus, base string) model.FollowUp {
	t.Helper()
	fu, err := f.db.SaveFollowUp(context.Background(), model.FollowUp{AssessmentID: a.ID, RecommendationID: recID, Status: st,
		Note: "Đã xem báo cáo", Evidence: "Báo cáo số 45/BC-STP", Stamp: model.Stamp{UpdatedBy: "Vũ Hoàng Nam", BaseRevision: base}})
	check(t, err)
	return fu
}

func auditCount(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	check(t, db.sql.QueryRowContext(context.Background(), "SELECT count(*) FROM audit").Scan(&n))
	return n
}

// A unit inspected in 2022 and again in 2023 sees its 2022 kiến nghị in
// 2023, records what became of them, and a third visit sees only those
// still open.
func TestFollowUpFromOneInspectionToTheNext(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFollowUpFixture(t)
	due, err := f.db.FollowUpsFor(ctx, f.stp2023.ID)
	check(t, err)
	if len(due) != len(f.recs2022) {
		t.Fatalf("2023 follows up %d recommendations, want STP's %d of 2022", len(due), len(f.recs2022))
	}
	for i, r := range due {
		src := f.recs2022[i]
		if r.ID != src.ID || r.Text != src.Recommendation || r.Deadline != src.Deadline || r.ItemCode != src.ItemCode ||
			r.Year != 2022 || r.UnitCode != "STP" || r.AssessmentID != f.stp2022.ID || r.ItemText == "" || r.Status() != "" {
			t.Errorf("recommendation %d = %+v, want the 2022 finding %s (%q)", i, r, src.ItemCode, src.Recommendation)
		}
	}
	if r := due[0]; r.ConclusionNo != "15" || r.RecordNo != "01" {
		t.Errorf("where it came from: record %q, thông báo %q; want 01 and 15 (the demo's)", r.RecordNo, r.ConclusionNo)
	}
	// STC's 2022 record was never finalized: nothing was issued to follow up.
	if other, err := f.db.FollowUpsFor(ctx, f.stc2023.ID); err != nil || len(other) != 0 {
		t.Errorf("STC 2023 follows up %d (err %v), want none", len(other), err)
	}

	done := f.save(t, f.stp2023, due[0].ID, model.FixDone, "")
	if done.Checked != f.stp2023.Date || done.Revision == "" || done.BaseRevision != "" || done.ID != model.FollowUpID(f.stp2023.ID, due[0].ID) {
		t.Errorf("saved %+v: want checked on the visit's day, a first revision", done)
	}
	f.save(t, f.stp2023, due[1].ID, model.FixInProgress, "")
	again := f.save(t, f.stp2023, due[0].ID, model.FixDone, done.Revision)
	if again.Revision != done.Revision {
		t.Errorf("saving the same status again made revision %s", again.Revision)
	}

	rec, err := f.db.UnitRecord(ctx, f.stp2023.ID, nil)
	check(t, err)
	if len(rec.FollowUps) != len(due) {
		t.Fatalf("the 2023 record shows %d earlier recommendations, want %d", len(rec.FollowUps), len(due))
	}
	if c, ok := rec.FollowUps[0].At(f.stp2023.ID); !ok || c.Status != model.FixDone || c.Note != "Đã xem báo cáo" || c.Year != 2023 {
		t.Errorf("the 2023 record's first follow-up = %+v, %v", c, ok)
	}
	if c, ok := rec.FollowUps[1].At(f.stp2023.ID); !ok || c.Status != model.FixInProgress {
		t.Errorf("the 2023 record's second follow-up = %+v, %v", c, ok)
	}

	open, err := f.db.Recommendations(ctx, RecommendationFilter{UnitCodes: []string{"stp"}, Open: true})
	check(t, err)
	for _, r := range open {
		if r.ID == due[0].ID {
			t.Errorf("a recommendation checked as done is listed as open")
		}
	}
	if len(open) != len(due)-1 {
		t.Errorf("%d open, want %d", len(open), len(due)-1)
	}

	// 2024: only the ones not closed in 2023.
	res, err := f.db.ImportPlan(ctx, "x", &model.Plan{
		Inspection: model.Inspection{Year: 2024, Title: "Kiểm tra năm 2024", Start: model.NewDate(2024, 10, 1)},
		Visits: []model.Visit{{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"}, Date: model.NewDate(2024, 10, 8),
			ChecklistID: "so-ban-nganh"}}})
	check(t, err)
	a2024, err := f.db.AssessmentOf(ctx, res.Inspection.ID, "STP")
	check(t, err)
	due2024, err := f.db.FollowUpsFor(ctx, a2024.ID)
	check(t, err)
	if len(due2024) != len(due)-1 || due2024[0].ID != due[1].ID {
		t.Errorf("2024 follows up %d, want the %d left open", len(due2024), len(due)-1)
	} else if c, ok := due2024[0].Before(a2024, 2024); !ok || c.Status != model.FixInProgress {
		t.Errorf("2024 sees the 2023 check as %+v, %v", c, ok)
	}
	// What 2024 found never changes what the 2023 record lists.
	rec, err = f.db.UnitRecord(ctx, f.stp2023.ID, nil)
	check(t, err)
	if len(rec.FollowUps) != len(due) {
		t.Errorf("after 2024, the 2023 record shows %d, want %d", len(rec.FollowUps), len(due))
	}
}

func TestSaveFollowUpRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFollowUpFixture(t)
	due, err := f.db.FollowUpsFor(ctx, f.stp2023.ID)
	check(t, err)
	first := f.save(t, f.stp2023, due[0].ID, model.FixNotDone, "")
	before := auditCount(t, f.db)
	base := model.FollowUp{AssessmentID: f.stp2023.ID, RecommendationID: due[0].ID, Status: model.FixDone,
		Stamp: model.Stamp{UpdatedBy: "x", BaseRevision: first.Revision}}
	cases := map[string]struct {
		edit func(model.FollowUp) model.FollowUp
		code model.Code
	}{
		"stale base": {func(fu model.FollowUp) model.FollowUp { fu.BaseRevision = ""; return fu }, model.EStale},
		"bad status": {func(fu model.FollowUp) model.FollowUp { fu.Status = "fixed"; return fu }, model.EInvalid},
		"no actor":   {func(fu model.FollowUp) model.FollowUp { fu.UpdatedBy = " "; return fu }, model.EInvalid},
		"another unit's recommendation": {func(fu model.FollowUp) model.FollowUp {
			fu.AssessmentID, fu.BaseRevision = f.stc2023.ID, ""
			return fu
		}, model.ENotFound},
		"its own inspection's": {func(fu model.FollowUp) model.FollowUp {
			fu.AssessmentID, fu.BaseRevision = f.stp2022.ID, ""
			return fu
		}, model.EFinalized},
		"not a recommendation": {func(fu model.FollowUp) model.FollowUp { fu.RecommendationID = model.NewID(); return fu }, model.ENotFound},
	}
	for name, tc := range cases {
		_, err := f.db.SaveFollowUp(ctx, tc.edit(base))
		if model.ErrorCode(err) != tc.code {
			t.Errorf("%s: err %v (%s), want %s", name, err, model.ErrorCode(err), tc.code)
		}
	}
	if n := auditCount(t, f.db); n != before {
		t.Errorf("refused saves wrote %d audit entries", n-before)
	}
}

func TestFixReports(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFollowUpFixture(t)
	r := model.FixReport{UnitCode: "stp", Number: " 45/BC-STP ", Received: model.NewDate(2022, 11, 20),
		Covers: []string{f.recs2022[1].ID, f.recs2022[0].ID, f.recs2022[1].ID}, Note: "Báo cáo đủ nội dung.",
		Stamp: model.Stamp{UpdatedBy: "Vũ Hoàng Nam"}}
	saved, err := f.db.SaveFixReport(ctx, r)
	check(t, err)
	if saved.UnitCode != "STP" || saved.Number != "45/BC-STP" || len(saved.Covers) != 2 || saved.Covers[0] > saved.Covers[1] {
		t.Errorf("saved %+v", saved)
	}
	recs, err := f.db.Recommendations(ctx, RecommendationFilter{UnitCodes: []string{"STP"}})
	check(t, err)
	covered := 0
	for _, rec := range recs {
		if len(rec.Reports) == 1 && rec.Reports[0].Number == "45/BC-STP" {
			covered++
		}
	}
	if covered != 2 {
		t.Errorf("%d recommendations list the report, want 2", covered)
	}
	// Recording it again with the revision held corrects it; without, it
	// is refused: someone else's correction is never overwritten.
	r.Note, r.BaseRevision = "Bổ sung tài liệu.", saved.Revision
	fixed, err := f.db.SaveFixReport(ctx, r)
	check(t, err)
	if fixed.Note != "Bổ sung tài liệu." || fixed.BaseRevision != saved.Revision {
		t.Errorf("corrected %+v", fixed)
	}
	r.BaseRevision = saved.Revision
	if _, err := f.db.SaveFixReport(ctx, r); !errors.Is(err, model.ErrStale) {
		t.Errorf("a save on an old revision: %v, want stale", err)
	}
	bad := model.FixReport{UnitCode: "STC", Number: "1", Received: model.NewDate(2022, 12, 1), Covers: []string{f.recs2022[0].ID},
		Stamp: model.Stamp{UpdatedBy: "x"}}
	if _, err := f.db.SaveFixReport(ctx, bad); model.ErrorCode(err) != model.ENotFound {
		t.Errorf("a report covering another unit's recommendation: %v", err)
	}
	bad.Covers, bad.Received = nil, model.Date{}
	if _, err := f.db.SaveFixReport(ctx, bad); model.ErrorCode(err) != model.EInvalid {
		t.Errorf("a report without the day received: %v", err)
	}
	list, err := f.db.FixReports(ctx, "STP")
	check(t, err)
	if len(list) != 1 || list[0].Note != "Bổ sung tài liệu." {
		t.Errorf("fix reports %+v", list)
	}
}

// Recommendations for some units are the ones of those units among all,
// the same in every field, whatever the letter case of the codes; the
// year limit applies with them.
func TestRecommendationsOfSomeUnits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDemoCopy(t)
	all, err := db.Recommendations(ctx, RecommendationFilter{})
	check(t, err)
	byUnit := map[string][]model.Recommendation{}
	for _, r := range all {
		byUnit[r.UnitCode] = append(byUnit[r.UnitCode], r)
	}
	if len(byUnit) < 2 {
		t.Fatalf("the demo has recommendations for %d units, the test needs two", len(byUnit))
	}
	var both []model.Recommendation
	var codes []string
	for code, rs := range byUnit {
		got, err := db.Recommendations(ctx, RecommendationFilter{UnitCodes: []string{strings.ToLower(code)}})
		check(t, err)
		if !reflect.DeepEqual(got, rs) {
			t.Errorf("%s: %d recommendations, want its %d of all", code, len(got), len(rs))
		}
		codes = append(codes, code)
		both = append(both, rs...)
	}
	got, err := db.Recommendations(ctx, RecommendationFilter{UnitCodes: append(codes, "KHONGCO")})
	check(t, err)
	if len(got) != len(all) || len(both) != len(all) {
		t.Errorf("every unit named: %d recommendations, want %d", len(got), len(all))
	}
	if got, err := db.Recommendations(ctx, RecommendationFilter{UnitCodes: []string{"KHONGCO"}}); err != nil || len(got) != 0 {
		t.Errorf("a unit with none: %d, %v", len(got), err)
	}
	if got, err := db.Recommendations(ctx, RecommendationFilter{UnitCodes: codes[:1], MaxYear: 2000}); err != nil || len(got) != 0 {
		t.Errorf("before any inspection: %d, %v", len(got), err)
	}
}
