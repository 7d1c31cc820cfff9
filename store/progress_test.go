package store

import (
	"context"
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
	// Back to schema 5: what migration 006 adds goes.
	for _, q := range []string{"DROP TRIGGER progress_add", "DROP TRIGGER progress_remove", "DROP TRIGGER progress_change",
		"DROP TRIGGER progress_rekey", "DROP TRIGGER checklist_items_add", "DROP TABLE progress", "DROP TABLE checklist_items",
		"DROP TABLE checklist_totals",
		"DELETE FROM schema_migrations WHERE version >= 6"} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
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
