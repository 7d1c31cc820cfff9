package store

import (
	"context"
	"errors"
	"testing"

	"kiemtra/model"
)

// TestRemoveOnlyWhatHoldsNothing: a unit, then an inspection, come off
// the lists while they hold no findings; with one they are refused with
// the reason; the removal is audited; adding the unit again brings the
// same record back.
func TestRemoveOnlyWhatHoldsNothing(t *testing.T) {
	ctx := context.Background()
	d := newDevice(t, "A")
	other, err := d.db.AddVisit(ctx, d.name, d.a.InspectionID, model.Visit{Unit: model.Unit{Code: "SXD", Name: "Sở Xây dựng", Kind: "so"},
		ChecklistID: d.a.ChecklistID, ChecklistVersion: d.a.ChecklistVersion})
	if err != nil {
		t.Fatal(err)
	}
	d.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."})
	// The unit with a finding stays.
	err = d.db.RemoveVisit(ctx, d.name, d.a.ID)
	if model.ErrorCode(err) != model.EUnitHasFindings || model.ErrorParams(err)[1] != "1" {
		t.Fatalf("removing a unit with a finding: %v", err)
	}
	// The other goes, audited.
	if err := d.db.RemoveVisit(ctx, d.name, other.ID); err != nil {
		t.Fatal(err)
	}
	listed := func() []string {
		as, err := d.db.InspectionAssessments(ctx, d.a.InspectionID)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		return ids
	}
	if got := listed(); len(got) != 1 || got[0] != d.a.ID {
		t.Fatalf("listed after the removal: %v", got)
	}
	h, err := d.db.History(ctx, other.ID)
	if err != nil || len(h) == 0 || h[len(h)-1].Action != "remove" || h[len(h)-1].Revision == "" || h[len(h)-1].Actor != d.name {
		t.Fatalf("the removal is not an audited revision: %+v %v", h, err)
	}
	// The inspection holds a finding: it stays.
	err = d.db.RemoveInspection(ctx, d.name, d.a.InspectionID)
	if model.ErrorCode(err) != model.EInspectionHasFindings || len(model.ErrorParams(err)) != 3 || model.ErrorParams(err)[2] != "1" {
		t.Fatalf("removing an inspection with a finding: %v", err)
	}
	// Added again, the unit is the same record, listed.
	back, err := d.db.AddVisit(ctx, d.name, d.a.InspectionID, model.Visit{Unit: model.Unit{Code: "SXD", Name: "Sở Xây dựng", Kind: "so"},
		ChecklistID: d.a.ChecklistID, ChecklistVersion: d.a.ChecklistVersion})
	if err != nil || back.ID != other.ID || back.Removed {
		t.Fatalf("added again: %+v %v", back, err)
	}
	if got := listed(); len(got) != 2 {
		t.Fatalf("listed after adding it again: %v", got)
	}
	// An inspection without findings goes.
	in, err := d.db.SaveInspection(ctx, d.name, model.Inspection{Year: 2023, Title: "Tạo nhầm"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.db.RemoveInspection(ctx, d.name, in.ID); err != nil {
		t.Fatal(err)
	}
	ins, err := d.db.Inspections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ins {
		if x.ID == in.ID {
			t.Fatal("the removed inspection is still listed")
		}
	}
	if err := d.db.RemoveVisit(ctx, "", other.ID); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("a removal without an inspector: %v", err)
	}
}

// TestRemovalTravels: a unit taken off an inspection on one laptop comes
// off on the laptop that imports the bundle; on a laptop where findings
// were recorded in it meanwhile, it stays listed with them.
func TestRemovalTravels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b, c := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long"), newDevice(t, "Vũ Minh Anh")
	trustAll(t, a, b, c)
	c.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."})
	if err := a.db.RemoveVisit(ctx, a.name, a.a.ID); err != nil {
		t.Fatal(err)
	}
	file := a.bundle(t, "a.ktb")
	listed := func(d *device) int {
		as, err := d.db.InspectionAssessments(ctx, d.a.InspectionID)
		if err != nil {
			t.Fatal(err)
		}
		return len(as)
	}
	if n := listed(b); n != 1 {
		t.Fatalf("B lists %d units before the import", n)
	}
	b.importFiles(t, file)
	if n := listed(b); n != 0 {
		t.Fatalf("B still lists the unit A removed (%d)", n)
	}
	c.importFiles(t, file)
	if n := listed(c); n != 1 {
		t.Fatalf("C, whose finding is in the unit, lists %d units", n)
	}
	if f := current(t, c, "1.1.1"); f.Note != "Chưa ban hành kế hoạch." {
		t.Fatalf("C's finding: %+v", f)
	}
}
