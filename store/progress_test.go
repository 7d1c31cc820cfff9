package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"kiemtra/checklists"
	"kiemtra/model"
)

// progressMatchesScore checks that InspectionProgress gives, for every
// assessment of the inspection, the four numbers model.Score gives on the
// findings themselves.
func progressMatchesScore(t *testing.T, db *DB, inspectionID, when string) {
	t.Helper()
	ctx := context.Background()
	got, err := db.InspectionProgress(ctx, inspectionID)
	if err != nil {
		t.Fatal(err)
	}
	ovs, err := db.Overviews(ctx, inspectionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ovs) || len(ovs) == 0 {
		t.Fatalf("%s: progress of %d assessments, %d in the inspection", when, len(got), len(ovs))
	}
	for _, o := range ovs {
		sc := o.Scorecard.Overall
		want := model.Progress{Answered: sc.Answered, Total: sc.Total, Score: sc.Score, Max: sc.Max, AdjustedMax: sc.AdjustedMax}
		if got[o.Assessment.ID] != want {
			t.Errorf("%s: %s: progress %+v, scored from its findings %+v", when, o.Unit.Code, got[o.Assessment.ID], want)
		}
	}
}

func TestInspectionProgressFollowsFindings(t *testing.T) {
	ctx := context.Background()
	db := openUITestDB(t)
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	progressMatchesScore(t, db, in.ID, "demo data")

	as, err := db.InspectionAssessments(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	var draft model.Assessment
	for _, a := range as {
		if a.Status == model.StatusDraft {
			draft = a
		}
	}
	cl, err := db.Checklist(ctx, draft.ChecklistID, draft.ChecklistVersion)
	if err != nil {
		t.Fatal(err)
	}
	items := cl.Items()
	revs := map[string]string{}
	fs, err := db.Findings(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		revs[f.ItemCode] = f.Revision
	}
	save := func(it model.Item, c model.Content) {
		t.Helper()
		f := model.Finding{AssessmentID: draft.ID, ItemCode: it.Code, UpdatedBy: "Lê Thị Hoa", BaseRevision: revs[it.Code]}
		f.Apply(c)
		saved, err := db.SaveFinding(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		revs[it.Code] = saved.Revision
	}
	// New answers of every kind, a change of result and score, and an
	// answer cleared again.
	save(items[0], model.Content{Result: model.ResultPass, Score: items[0].Max})
	save(items[1], model.Content{Result: model.ResultFail, Note: "Không có hồ sơ."})
	save(items[2], model.Content{Result: model.ResultNotApplicable})
	save(items[3], model.Content{Result: model.ResultPass, Score: items[3].Max})
	progressMatchesScore(t, db, in.ID, "after new answers")
	save(items[0], model.Content{Result: model.ResultFail, Note: "Hồ sơ không đầy đủ."})
	save(items[3], model.Content{Result: model.ResultUnassessed})
	save(items[2], model.Content{Result: model.ResultPass, Score: items[2].Max})
	progressMatchesScore(t, db, in.ID, "after changed and cleared answers")

	// A finding for an item its checklist lacks (as a bundle from a
	// trusted but broken laptop could carry) counts neither here nor in
	// Score.
	if _, err := db.sql.ExecContext(ctx, `INSERT INTO findings(id, assessment_id, item_code, result, score, updated_by, updated_at, device, revision)
		VALUES ('x-finding', ?, '99.99.99', 'pass', 500, 'x', '2030-01-01T00:00:00.000000000Z', 'x', 'x-revision')`, draft.ID); err != nil {
		t.Fatal(err)
	}
	progressMatchesScore(t, db, in.ID, "with a finding outside the checklist")
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM findings WHERE id = 'x-finding' OR item_code = ?`, items[1].Code); err != nil {
		t.Fatal(err)
	}
	progressMatchesScore(t, db, in.ID, "after findings deleted")
}

// TestProgressMigration: a database from before the progress table gets
// it filled from the findings it already holds.
func TestProgressMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	cls, err := checklists.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddChecklists(ctx, true, cls...); err != nil {
		t.Fatal(err)
	}
	if err := db.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	// Back to schema 7: what migration 008 adds goes.
	undoMigrationsAfter(t, db, 7)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	progressMatchesScore(t, db, in.ID, "after the migration")
}

// TestProgressFollowsTheItemsNARule: không áp dụng counts as the item's
// rule says — left out of the maximum, full marks, or no answer at all.
func TestProgressFollowsTheItemsNARule(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), "na.db"))
	cl := testChecklist()
	cl.ID, cl.Hash = "na-rules", "na-rules-1"
	cl.Fields[0].Criteria[0].Items[0].NA = model.NAFull
	cl.Fields[0].Criteria[0].Items[1].NA = model.NANotAllowed
	cl.Index()
	if _, err := db.AddChecklists(ctx, false, cl); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportPlan(ctx, "Lê Thị Hoa", &model.Plan{
		Inspection: model.Inspection{Year: 2022, Title: "Kiểm tra năm 2022"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"},
			Date: model.NewDate(2022, 10, 18), ChecklistID: "na-rules"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.AssessmentOf(ctx, res.Inspection.ID, "STP")
	if err != nil {
		t.Fatal(err)
	}
	// Every item marked không áp dụng, as a bundle may carry it even where
	// the rule forbids it.
	for i, code := range []string{"1.1.1", "1.1.2", "2.1.1"} {
		if _, err := db.sql.ExecContext(ctx, `INSERT INTO findings(id, assessment_id, item_code, result, score, updated_by, updated_at, device, revision)
			VALUES (?, ?, ?, 'na', 0, 'x', '2022-10-18T08:00:00.000000000Z', 'x', ?)`, "f"+code, a.ID, code, fmt.Sprint("rev-", i)); err != nil {
			t.Fatal(err)
		}
	}
	progressMatchesScore(t, db, res.Inspection.ID, "every item không áp dụng")
	got, err := db.InspectionProgress(ctx, res.Inspection.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 1.1.1 earns its 100 and stays in; 1.1.2 is unanswered and stays in;
	// 2.1.1 leaves the maximum.
	if p := got[a.ID]; p.Answered != 2 || p.Score != 100 || p.AdjustedMax != 300 {
		t.Errorf("progress %+v, want 2 answered, 100 points of 300", p)
	}
	if _, err := db.sql.ExecContext(ctx, `UPDATE findings SET result = 'pass', score = 100 WHERE item_code = '1.1.1'`); err != nil {
		t.Fatal(err)
	}
	progressMatchesScore(t, db, res.Inspection.ID, "after a change")
}
