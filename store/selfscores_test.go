package store

import (
	"context"
	"errors"
	"testing"

	"kiemtra/model"
)

func TestSelfScores(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFollowUpFixture(t)
	a := f.stp2023
	cl, err := f.db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	check(t, err)
	items := cl.Items()
	one, two := items[0], items[1]
	res, err := f.db.SaveSelfScores(ctx, "Sở Tư pháp", a.ID, []model.SelfScore{
		{ItemCode: one.Code, Scored: true, Score: one.Max, Evidence: "QĐ số 12/QĐ-STP"},
		{ItemCode: two.Code, Scored: true, Score: 0},
		{ItemCode: items[2].Code}, // left blank, nothing held: skipped
	})
	check(t, err)
	if res != (SelfImport{Saved: 2}) {
		t.Errorf("first load %+v, want 2 saved", res)
	}
	// The inspector scores the first item lower than the unit did.
	_, err = f.db.SaveFinding(ctx, model.Finding{AssessmentID: a.ID, ItemCode: one.Code, Result: model.ResultFail, Score: 0,
		Note: "Chưa ban hành", UpdatedBy: "Vũ Hoàng Nam"})
	check(t, err)
	rec, err := f.db.UnitRecord(ctx, a.ID, nil)
	check(t, err)
	cmp := rec.SelfComparison()
	c, ok := cmp.Item(one.Code)
	if !ok || !c.Compared || c.Self != one.Max || c.Verified != 0 || c.Diff() != one.Max || c.Evidence != "QĐ số 12/QĐ-STP" {
		t.Errorf("item %s compared %+v, %v", one.Code, c, ok)
	}
	if c, ok := cmp.Item(two.Code); !ok || c.Compared || !c.Unassessed {
		t.Errorf("item %s (not assessed yet) %+v", two.Code, c)
	}
	if cmp.Overall.Claimed != 2 || cmp.Overall.Compared != 1 || cmp.Overall.Diff() != one.Max || cmp.Fields[0].Diff() != one.Max {
		t.Errorf("overall %+v, field %+v", cmp.Overall, cmp.Fields[0])
	}

	// A second workbook: the same first score, the second taken back.
	res, err = f.db.SaveSelfScores(ctx, "Sở Tư pháp", a.ID, []model.SelfScore{
		{ItemCode: one.Code, Scored: true, Score: one.Max, Evidence: "QĐ số 12/QĐ-STP"},
		{ItemCode: two.Code},
	})
	check(t, err)
	if res != (SelfImport{Unchanged: 1, Cleared: 1}) {
		t.Errorf("second load %+v", res)
	}
	ss, err := f.db.SelfScores(ctx, a.ID)
	check(t, err)
	if len(ss) != 2 || ss[1].Scored || ss[1].BaseRevision == "" {
		t.Errorf("held %+v", ss)
	}

	before := auditCount(t, f.db)
	_, err = f.db.SaveSelfScores(ctx, "x", a.ID, []model.SelfScore{{ItemCode: one.Code, Scored: true, Score: one.Max + 1}})
	if !errors.Is(err, model.ErrScore) {
		t.Errorf("a score above the maximum: %v", err)
	}
	_, err = f.db.SaveSelfScores(ctx, "x", a.ID, []model.SelfScore{{ItemCode: "99.9", Scored: true}})
	if !errors.Is(err, model.ErrNotFound) {
		t.Errorf("an item not in the checklist: %v", err)
	}
	_, err = f.db.SaveSelfScores(ctx, "x", f.stp2022.ID, []model.SelfScore{{ItemCode: one.Code, Scored: true}})
	if !errors.Is(err, model.ErrFinalized) {
		t.Errorf("a finalized record: %v", err)
	}
	if n := auditCount(t, f.db); n != before {
		t.Errorf("refused loads wrote %d audit entries", n-before)
	}
}
