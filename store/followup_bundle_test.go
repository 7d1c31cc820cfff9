package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
)

// followOffices is Sở Nội vụ twice (two databases in the same state, to
// import in both orders) and two laptops, all holding STP's finalized 2022
// record with a kiến nghị and a 2023 visit to STP; rec is that kiến nghị
// (the finding), v2023 the 2023 visit's assessment ID.
type followOffices struct {
	o1, o2, a, b *device
	rec          model.Finding
	v2023        string
}

func newFollowOffices(t *testing.T) followOffices {
	t.Helper()
	ctx := context.Background()
	f := followOffices{o1: newDevice(t, "Văn phòng Sở"), o2: newDevice(t, "Văn phòng Sở (bản sao)"),
		a: newDevice(t, "Máy chị Hương"), b: newDevice(t, "Máy anh Nam")}
	trustAll(t, f.o1, f.o2, f.a, f.b)
	f.rec = f.o1.save(t, "1.1.1", model.Content{Result: model.ResultFail, Score: 0, Note: "Chưa ban hành kế hoạch",
		Recommendation: "Ban hành kế hoạch CCHC năm 2023", Deadline: model.NewDate(2022, 12, 31)})
	if _, err := f.o1.db.Finalize(ctx, f.o1.name, f.o1.a.ID); err != nil {
		t.Fatal(err)
	}
	b2022 := f.o1.bundle(t, "2022.kbundle")
	for _, d := range []*device{f.o2, f.a, f.b} {
		d.importFiles(t, b2022)
	}
	plan := &model.Plan{Inspection: model.Inspection{Year: 2023, Title: "Kiểm tra CCHC năm 2023"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "stp", Name: "Sở Tư pháp", Kind: "so"}, Date: model.NewDate(2023, 10, 10), ChecklistID: "test"}}}
	for _, d := range []*device{f.o1, f.o2, f.a, f.b} {
		res, err := d.db.ImportPlan(ctx, "Lê Thu Trang", plan)
		if err != nil {
			t.Fatal(err)
		}
		a, err := d.db.AssessmentOf(ctx, res.Inspection.ID, "STP")
		if err != nil {
			t.Fatal(err)
		}
		if f.v2023 != "" && a.ID != f.v2023 {
			t.Fatalf("the 2023 visit is %s on one database and %s on another", a.ID, f.v2023)
		}
		f.v2023 = a.ID
		d.in = res.Inspection
		d.a = a
	}
	return f
}

func (f followOffices) follow(t *testing.T, d *device, st model.FixStatus, note string) {
	t.Helper()
	if _, err := d.db.SaveFollowUp(context.Background(), model.FollowUp{AssessmentID: f.v2023, RecommendationID: f.rec.ID,
		Status: st, Note: note, Evidence: "Kế hoạch số 12/KH-STP", Stamp: model.Stamp{UpdatedBy: d.name}}); err != nil {
		t.Fatalf("%s follows up: %v", d.name, err)
	}
}

// stampedDump is the follow-up, fix report and self-score rows and their
// whole history, comparably.
func stampedDump(t *testing.T, db *DB) string {
	t.Helper()
	return dumpRows(t, db,
		"SELECT id, assessment_id, recommendation_id, status, revision, body FROM follow_ups ORDER BY id",
		"SELECT id, unit_code, number, received, revision, body FROM fix_reports ORDER BY id",
		"SELECT id, assessment_id, item_code, revision, body FROM self_scores ORDER BY id",
		"SELECT device, dev_seq, entity, entity_id, revision, hash, new FROM audit WHERE entity IN ('follow_up', 'fix_report', 'self_score') ORDER BY device, dev_seq",
	)
}

// Two laptops record what became of the same 2022 kiến nghị in 2023, one
// "đã khắc phục", the other "chưa khắc phục"; one also loads the unit's
// self-assessment, the other its report on the fixes. Sở Nội vụ imports
// both bundles in either order: the same rows and history either way,
// both statuses kept as a conflict, nothing lost; a save at the office
// settles it, and its bundle settles it on the other copy too.
func TestFollowUpsMergeFromTwoLaptops(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFollowOffices(t)
	f.follow(t, f.a, model.FixDone, "Đã ban hành kế hoạch")
	if _, err := f.a.db.SaveSelfScores(ctx, "Sở Tư pháp", f.v2023, []model.SelfScore{
		{ItemCode: "1.1.1", Scored: true, Score: 100, Evidence: "KH số 12/KH-STP"}}); err != nil {
		t.Fatal(err)
	}
	f.follow(t, f.b, model.FixNotDone, "Chưa thấy kế hoạch")
	if _, err := f.b.db.SaveFixReport(ctx, model.FixReport{UnitCode: "STP", Number: "45/BC-STP", Received: model.NewDate(2023, 3, 1),
		Covers: []string{f.rec.ID}, Stamp: model.Stamp{UpdatedBy: f.b.name}}); err != nil {
		t.Fatal(err)
	}
	ba, bb := f.a.bundle(t, "a.kbundle"), f.b.bundle(t, "b.kbundle")
	f.o1.importFiles(t, ba)
	rep := f.o1.importFiles(t, bb)
	f.o2.importFiles(t, bb)
	f.o2.importFiles(t, ba)
	if got := rep.Results[0]; got.StampedConflicts != 1 || got.StampedAccepted == 0 {
		t.Errorf("second bundle: %d changed, %d in conflict; want one conflict", got.StampedAccepted, got.StampedConflicts)
	}
	d1, d2 := stampedDump(t, f.o1.db), stampedDump(t, f.o2.db)
	if d1 != d2 {
		t.Fatalf("the two import orders differ:\n%s\nvs\n%s", d1, d2)
	}
	for _, want := range []string{`"status":"done"`, `"status":"not_done"`, "45/BC-STP", "KH số 12/KH-STP"} {
		if !strings.Contains(d1, want) {
			t.Errorf("the office lost %s:\n%s", want, d1)
		}
	}
	id := model.FollowUpID(f.v2023, f.rec.ID)
	for _, o := range []*device{f.o1, f.o2} {
		cs, err := o.db.StampedConflicts(ctx, "follow_up", id)
		check(t, err)
		if len(cs) != 1 || len(cs[0].Others) != 1 {
			t.Fatalf("%s: conflicts %+v", o.name, cs)
		}
		statuses := []string{string(cs[0].Current.(model.FollowUp).Status), string(cs[0].Others[0].(model.FollowUp).Status)}
		if strings.Join(statuses, ",") != "done,not_done" && strings.Join(statuses, ",") != "not_done,done" {
			t.Errorf("%s: the conflict holds %v", o.name, statuses)
		}
		recs, err := o.db.FollowUpsFor(ctx, f.v2023)
		check(t, err)
		if len(recs) != 1 || len(recs[0].Checks) != 1 || recs[0].Checks[0].Status != cs[0].Current.(model.FollowUp).Status ||
			len(recs[0].Reports) != 1 {
			t.Errorf("%s: the 2023 visit follows up %+v", o.name, recs)
		}
		ss, err := o.db.SelfScores(ctx, f.v2023)
		check(t, err)
		if len(ss) != 1 || ss[0].Score != 100 {
			t.Errorf("%s: self-scores %+v", o.name, ss)
		}
	}

	if all, err := f.o1.db.AllStampedConflicts(ctx); err != nil || len(all) != 1 || all[0].ID != id {
		t.Errorf("every conflict held: %+v, %v", all, err)
	}

	// The office settles it; its bundle settles it on the copy.
	fus, err := f.o1.db.FollowUps(ctx, f.v2023)
	check(t, err)
	if len(fus) != 1 {
		t.Fatalf("the office holds %d follow-ups", len(fus))
	}
	if _, err := f.o1.db.SaveFollowUp(ctx, model.FollowUp{AssessmentID: f.v2023, RecommendationID: f.rec.ID, Status: model.FixInProgress,
		Note: "Đã ban hành, chưa triển khai", Stamp: model.Stamp{UpdatedBy: f.o1.name, BaseRevision: fus[0].Revision}}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []*device{f.o1, f.o2} {
		if o == f.o2 {
			f.o2.importFiles(t, f.o1.bundle(t, "o1.kbundle"))
		}
		cs, err := o.db.StampedConflicts(ctx, "follow_up", id)
		check(t, err)
		fus, err := o.db.FollowUps(ctx, f.v2023)
		check(t, err)
		if len(cs) != 0 || len(fus) != 1 || fus[0].Status != model.FixInProgress || len(fus[0].Merged) != 1 {
			t.Errorf("%s after the office's save: conflicts %+v, follow-ups %+v", o.name, cs, fus)
		}
	}
	if all, err := f.o2.db.AllStampedConflicts(ctx); err != nil || len(all) != 0 {
		t.Errorf("conflicts left on the copy: %+v, %v", all, err)
	}
	if d1, d2 := stampedDump(t, f.o1.db), stampedDump(t, f.o2.db); d1 != d2 {
		t.Errorf("the copies differ after the office's bundle:\n%s\nvs\n%s", d1, d2)
	}
}

// A bundle whose follow-up or self-score is one the app would never have
// saved — an unknown status, a score above the item's maximum, another
// laptop's name on it — is refused whole, and nothing changes.
func TestForgedFollowUpsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		entity string
		mutate func(string) string
		code   model.Code
	}{
		{"unknown status", "follow_up", func(s string) string { return strings.Replace(s, `"status":"done"`, `"status":"burnt"`, 1) }, model.EBundleContent},
		{"score above the maximum", "self_score", func(s string) string { return strings.Replace(s, `"score":100`, `"score":999`, 1) }, model.EBundleContent},
		{"another author", "follow_up", func(s string) string {
			return strings.Replace(s, `"updated_by":"Máy chị Hương"`, `"updated_by":"Giám đốc Sở"`, 1)
		}, model.EAuthorship},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFollowOffices(t)
			f.follow(t, f.a, model.FixDone, "Đã ban hành kế hoạch")
			if _, err := f.a.db.SaveSelfScores(ctx, "Sở Tư pháp", f.v2023, []model.SelfScore{{ItemCode: "1.1.1", Scored: true, Score: 100}}); err != nil {
				t.Fatal(err)
			}
			var rowid int64
			check(t, f.a.db.sql.QueryRow("SELECT seq FROM audit WHERE entity = ? ORDER BY seq DESC LIMIT 1", tc.entity).Scan(&rowid))
			rewriteEntryForTest(t, f.a.db, rowid, func(e *AuditEntry) { e.New = tc.mutate(e.New) })
			path := uncheckedBundle(t, f.a, "forged.kbundle")
			before := dump(t, f.o1.db) + stampedDump(t, f.o1.db)
			rep, err := f.o1.db.Import(ctx, []string{path}, ImportOptions{})
			check(t, err)
			if len(rep.Results) != 1 || model.ErrorCode(rep.Results[0].Err) != tc.code {
				t.Fatalf("import: %+v, want %s", rep.Results, tc.code)
			}
			if after := dump(t, f.o1.db) + stampedDump(t, f.o1.db); after != before {
				t.Errorf("a refused bundle changed the database")
			}
			if filepath.Base(rep.Results[0].File) != "forged.kbundle" {
				t.Errorf("refusal names %s", rep.Results[0].File)
			}
		})
	}
}

// One visit created on two laptops (two assessment IDs, unified by the
// merge), each loading the unit's self-assessment: both laptops end with
// one score per item, the same one, and both revisions in the history.
func TestSelfScoresOfAVisitCreatedTwice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newLegacyDevice(t, "Lê Thu Trang"), newLegacyDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	if a.a.ID == b.a.ID {
		t.Fatal("fixture: the two laptops' assessment IDs should differ")
	}
	// A's scores are the later ones: on B, B's own row gives way to A's,
	// and B's revisions must still travel.
	a.clk.t = a.clk.t.Add(time.Hour)
	for i, d := range []*device{a, b} {
		if _, err := d.db.SaveSelfScores(ctx, "Sở Tư pháp", d.a.ID, []model.SelfScore{
			{ItemCode: "1.1.2", Scored: true, Score: model.Points(100 + 50*i)}, {ItemCode: "2.1.1", Scored: true, Score: 100}}); err != nil {
			t.Fatal(err)
		}
	}
	b.importFiles(t, a.bundle(t, "a1.ktb"))
	a.importFiles(t, b.bundle(t, "b1.ktb"))
	a.importFiles(t, b.bundle(t, "b2.ktb"))
	b.importFiles(t, a.bundle(t, "a2.ktb"))
	da, db := stampedDump(t, a.db), stampedDump(t, b.db)
	if da != db {
		t.Fatalf("the laptops differ:\n%s\nvs\n%s", da, db)
	}
	keep := min(a.a.ID, b.a.ID)
	ss, err := a.db.SelfScores(ctx, keep)
	check(t, err)
	if len(ss) != 2 {
		t.Fatalf("self-scores of the visit: %+v", ss)
	}
	if n := strings.Count(da, `"item_code":"1.1.2"`); n < 3 {
		t.Errorf("the history holds %d revisions of 1.1.2's score, want both laptops' (and the row)", n)
	}
}
