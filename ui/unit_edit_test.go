package ui

import (
	"context"
	"strings"
	"testing"

	"kiemtra/i18n"
)

// TestCorrectingAUnit: e on the units pane opens the unit's name and kind;
// the store takes the correction (audited, as a revision of the unit), the
// list shows the new name, and the status line says so. With the
// inspections pane focused, e is the inspection's.
func TestCorrectingAUnit(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	if a.screen != screenStart {
		t.Fatalf("screen %s", a.screen)
	}
	a = keys(t, a, "e")
	if a.start.formKind != newInspectionForm {
		t.Fatalf("e on the inspections pane opened form %d", a.start.formKind)
	}
	a = keys(t, a, "esc", "tab")
	row := a.start.rows[a.start.unitCursor]
	a = keys(t, a, "e")
	if a.start.formKind != editUnitForm || a.start.form.value(editUnitName) != row.unit.Name {
		t.Fatalf("e on the units pane: form %d holding %q, want the unit form with %q", a.start.formKind,
			a.start.form.value(editUnitName), row.unit.Name)
	}
	// An empty name is refused, and nothing changes.
	a = keys(t, a, "end", "ctrl+u", "enter", "enter")
	if a.start.formKind != editUnitForm || a.start.form.err != "Cần nhập tên đơn vị." {
		t.Fatalf("an empty name: form %d, error %q", a.start.formKind, a.start.form.err)
	}
	fixed := row.unit.Name + " tỉnh Hải Dương"
	a = keys(t, a, "shift+tab", fixed, "enter", "enter")
	if a.start.formKind != noForm {
		t.Fatalf("the form is still open: %q", a.start.form.err)
	}
	requireStatus(t, a, "Đã sửa thông tin đơn vị "+row.unit.Code+": "+fixed+" ("+a.c.kindName(row.unit.Kind)+").")
	u, err := db.UnitByCode(context.Background(), row.unit.Code)
	if err != nil || u.Name != fixed {
		t.Fatalf("stored %+v %v", u, err)
	}
	if !strings.Contains(screen(a), fixed) {
		t.Fatalf("the list does not show the new name:\n%s", screen(a))
	}
	entries, err := db.History(context.Background(), u.ID)
	if err != nil || len(entries) == 0 || entries[len(entries)-1].Actor != "Nguyễn Thị Hương" || entries[len(entries)-1].Revision == "" {
		t.Fatalf("the correction is not audited as a revision: %+v %v", entries, err)
	}
	if !a.start.focusUnits {
		t.Fatal("the units pane lost the focus")
	}
	// Nothing changed: the form closes without a word to the store.
	before := len(entries)
	a = keys(t, a, "e", "enter", "enter")
	after, err := db.History(context.Background(), u.ID)
	if err != nil || len(after) != before || a.start.formKind != noForm {
		t.Fatalf("an unchanged unit was stored again: %d entries, was %d (%v)", len(after), before, err)
	}
}

// TestCorrectingAnInspection: e on the inspections pane corrects the
// inspection's details; the store keeps the change as an audited revision
// of the inspection, which bundles carry.
func TestCorrectingAnInspection(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	in := a.start.inspections[a.start.insCursor]
	a = keys(t, a, "e", "end", " (đợt 2)", "ctrl+s")
	if a.start.formKind != noForm {
		t.Fatalf("the form is still open: %q", a.start.details.err)
	}
	got, err := db.Inspection(context.Background(), in.ID)
	if err != nil || got.Title != in.Title+" (đợt 2)" {
		t.Fatalf("stored %q %v", got.Title, err)
	}
	h, err := db.History(context.Background(), in.ID)
	if err != nil || len(h) == 0 || h[len(h)-1].Action != "save" || h[len(h)-1].Revision == "" || h[len(h)-1].Actor != "Nguyễn Thị Hương" {
		t.Fatalf("the correction is not an audited revision: %+v %v", h, err)
	}
	if a.start.inspections[a.start.insCursor].Title != got.Title {
		t.Fatalf("the list shows %q", a.start.inspections[a.start.insCursor].Title)
	}
}
