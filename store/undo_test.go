package store

import (
	"context"
	"errors"
	"testing"

	"kiemtra/model"
)

// current is the stored finding of item on d (zero if none).
func current(t *testing.T, d *device, item string) model.Finding {
	t.Helper()
	return findingsByItem(t, d)[item]
}

func undo(t *testing.T, d *device, item string) (model.Finding, error) {
	t.Helper()
	return d.db.UndoFinding(context.Background(), d.name, d.a.ID, item, current(t, d, item).Revision)
}

// TestUndoGoesBackOneChangeAtATime: each undo takes back one more change,
// as a revision of its own; a change after an undo is undone to what the
// undo restored; nothing left to undo says so.
func TestUndoGoesBackOneChangeAtATime(t *testing.T) {
	t.Parallel()
	d := newDevice(t, "Nguyễn Thị Hương")
	handEdited := model.Content{Result: model.ResultPartial, Score: 75} // 0,75 typed by hand
	d.save(t, "1.1.2", handEdited)
	d.save(t, "1.1.2", model.Content{Result: model.ResultPass, Score: 200}) // "1" pressed over it
	d.save(t, "1.1.2", model.Content{Result: model.ResultFail, Note: "Thiếu nhiệm vụ số hoá."})

	for i, want := range []model.Content{{Result: model.ResultPass, Score: 200}, handEdited, {}} {
		before := current(t, d, "1.1.2")
		got, err := undo(t, d, "1.1.2")
		if err != nil {
			t.Fatalf("undo %d: %v", i+1, err)
		}
		if got.Content() != want || got.BaseRevision != before.Revision || got.Revision == before.Revision || got.UpdatedBy != d.name {
			t.Fatalf("undo %d gave %+v (based on %s), want %+v based on %s", i+1, got, got.BaseRevision, want, before.Revision)
		}
		if stored := current(t, d, "1.1.2"); stored.Revision != got.Revision {
			t.Fatalf("undo %d: stored %+v", i+1, stored)
		}
	}
	if _, err := undo(t, d, "1.1.2"); model.ErrorCode(err) != model.ENothingToUndo || len(model.ErrorParams(err)) != 1 ||
		model.ErrorParams(err)[0] != "1.1.2" {
		t.Fatalf("a fourth undo: %v", err)
	}
	// A change after undoing, then undo: back to what the undo restored.
	d.save(t, "1.1.2", handEdited)
	d.save(t, "1.1.2", model.Content{Result: model.ResultPass, Score: 200})
	if got, err := undo(t, d, "1.1.2"); err != nil || got.Content() != handEdited {
		t.Fatalf("undo after new changes: %+v %v", got, err)
	}
	// Every step is in the audit chain, which still verifies.
	if err := d.db.VerifyChain(context.Background(), d.db.Device()); err != nil {
		t.Fatal(err)
	}
}

func TestUndoRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDevice(t, "Nguyễn Thị Hương")
	if _, err := d.db.UndoFinding(ctx, d.name, d.a.ID, "1.1.1", ""); model.ErrorCode(err) != model.ENothingToUndo {
		t.Fatalf("undo of an item never answered: %v", err)
	}
	first := d.save(t, "1.1.1", pass)
	d.save(t, "1.1.1", fail)
	if _, err := d.db.UndoFinding(ctx, d.name, d.a.ID, "1.1.1", first.Revision); !errors.Is(err, model.ErrStale) {
		t.Fatalf("undo based on an old revision: %v", err)
	}
	if _, err := d.db.UndoFinding(ctx, "", d.a.ID, "1.1.1", current(t, d, "1.1.1").Revision); model.ErrorCode(err) != model.EInvalid {
		t.Fatalf("undo without an inspector: %v", err)
	}
	d.save(t, "1.1.1", pass)
	d.save(t, "1.1.2", partial)
	d.save(t, "2.1.1", lvlHalf)
	if _, err := d.db.Finalize(ctx, d.name, d.a.ID); err != nil {
		t.Fatal(err)
	}
	before := current(t, d, "1.1.1")
	if _, err := undo(t, d, "1.1.1"); !errors.Is(err, model.ErrFinalized) {
		t.Fatalf("undo on a finalized assessment: %v", err)
	}
	if after := current(t, d, "1.1.1"); after.Revision != before.Revision {
		t.Fatal("a refused undo changed the finding")
	}
}

// TestUndoTravelsAndHistoryTells: an undo reaches another laptop in a
// bundle like any change, and each laptop's history of the item lists
// every change with who, when, which device, old and new.
func TestUndoTravelsAndHistoryTells(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	a.save(t, "1.1.2", partial)
	a.save(t, "1.1.2", model.Content{Result: model.ResultPass, Score: 200})
	if _, err := undo(t, a, "1.1.2"); err != nil {
		t.Fatal(err)
	}
	b.importFiles(t, a.bundle(t, "a.ktb"))
	if got := current(t, b, "1.1.2"); got.Content() != partial {
		t.Fatalf("B holds %+v after the import, want the undone value", got.Content())
	}
	// B undoes once more: before A's first answer, nothing.
	if got, err := undo(t, b, "1.1.2"); err != nil || got.Content() != (model.Content{}) {
		t.Fatalf("B's undo: %+v %v", got, err)
	}
	hist, err := b.db.FindingChanges(ctx, b.a.ID, "1.1.2")
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		actor  string
		action model.ChangeAction
		local  bool
		hadOld bool
		old    model.Content
		new    model.Content
	}
	want := []step{
		{"Lê Thu Trang", model.ActionSave, false, false, model.Content{}, partial},
		{"Lê Thu Trang", model.ActionSave, false, true, partial, model.Content{Result: model.ResultPass, Score: 200}},
		{"Lê Thu Trang", model.ActionUndo, false, true, model.Content{Result: model.ResultPass, Score: 200}, partial},
		{"Phạm Đức Long", model.ActionUndo, true, true, partial, model.Content{}},
	}
	if len(hist) != len(want) {
		t.Fatalf("history: %+v", hist)
	}
	for i, w := range want {
		h := hist[i]
		got := step{h.Actor, h.Action, h.Local, h.HadOld, h.Old, h.New}
		if got != w {
			t.Errorf("change %d: %+v, want %+v", i+1, got, w)
		}
		if h.Local && h.Device != b.db.Device() || !h.Local && (h.Device != a.db.Device() || h.DeviceName != "Lê Thu Trang") {
			t.Errorf("change %d: device %s named %q", i+1, h.Device, h.DeviceName)
		}
		// The two test laptops' clocks do not agree (B's is behind), as
		// real ones never quite do: the order follows the changes.
	}
	if none, err := b.db.FindingChanges(ctx, b.a.ID, "2.1.1"); err != nil || len(none) != 0 {
		t.Fatalf("an item never answered: %v %v", none, err)
	}
}
