package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// newInspection creates an inspection from the start screen and leaves it
// selected.
func newInspection(t *testing.T, a App, title, year string) App {
	t.Helper()
	a = keys(t, a, "n", title, "tab", "backspace", "backspace", "backspace", "backspace", year, "ctrl+s")
	if a.start.formKind != noForm {
		t.Fatalf("new inspection form still open: %s", a.start.details.err)
	}
	if in, _ := a.start.selected(); in.Title != title {
		t.Fatalf("selected inspection %q, want %q", in.Title, title)
	}
	return a
}

// chooseKind moves the add-unit form's kind to k.
func chooseKind(t *testing.T, a App, k model.UnitKind) App {
	t.Helper()
	i := kindIndex(a.c.kinds, k)
	for n := 0; a.start.form.choice(unitFieldKind) != i; n++ {
		if n > len(a.c.kinds) {
			t.Fatalf("kind %s not offered", k)
		}
		a = keys(t, a, "right")
	}
	return a
}

// TestAddUnitOffersTheUnitHeld is the case in the app: a 2023
// inspection adds code STP, which the demo's finalized 2022 record of Sở
// Tư pháp uses. The form offers that unit, its name and kind filled in and
// locked (tab passes them by), and adds it as it is; the 2022 record still
// names it. Adding STP to 2023 again is refused. Before, the form took a
// new name and kind and rewrote the unit everywhere.
func TestAddUnitOffersTheUnitHeld(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = newInspection(t, a, "Kiểm tra CCHC năm 2023", "2023")
	a = keys(t, a, "a", "stp")
	requireContains(t, a, "Đơn vị đã có: Sở Tư pháp (Sở, ban, ngành)")
	f := a.start.form
	if f.value(unitFieldName) != "Sở Tư pháp" || !f.fields[unitFieldName].locked || !f.fields[unitFieldKind].locked ||
		a.c.kinds[f.choice(unitFieldKind)].Code != "so" {
		t.Fatalf("form for STP: name %q locked %v/%v", f.value(unitFieldName), f.fields[unitFieldName].locked, f.fields[unitFieldKind].locked)
	}
	// The locked fields take no keys: tab goes from the code to the date.
	a = keys(t, a, "tab")
	if a.start.form.focus != unitFieldDate {
		t.Fatalf("tab from the code went to field %d", a.start.form.focus)
	}
	a = keys(t, a, "02/10/2023", "enter", "enter")
	if a.start.formKind != noForm {
		t.Fatalf("form still open: %s", a.start.form.err)
	}
	u, err := db.UnitByCode(ctx, "STP")
	if err != nil || u.Name != "Sở Tư pháp" || u.Kind != "so" {
		t.Fatalf("unit STP now %+v %v", u, err)
	}
	if len(a.start.rows) != 1 || a.start.rows[0].unit.Name != "Sở Tư pháp" || a.start.rows[0].checklist != "so-ban-nganh@2026.1" {
		t.Fatalf("2023 rows %+v", a.start.rows)
	}
	// Typing another code opens the fields again, empty.
	a = keys(t, a, "a", "stp", "backspace")
	if f := a.start.form; f.fields[unitFieldName].locked || f.value(unitFieldName) != "" {
		t.Errorf("code ST: name %q locked %v", f.value(unitFieldName), f.fields[unitFieldName].locked)
	}
	a = keys(t, a, "p", "tab", "enter", "enter")
	requireContains(t, a, "đơn vị STP đã có trong đợt kiểm tra này.")
	if rows, err := db.InspectionAssessments(ctx, a.start.rowsFor); err != nil || len(rows) != 1 {
		t.Errorf("assessments of 2023: %d %v", len(rows), err)
	}
}

// unitsFail is a store whose unit list cannot be read, so the form cannot
// offer the unit held: the store's own refusal must reach the person.
type unitsFail struct{ Store }

func (unitsFail) Units(context.Context) ([]model.Unit, error) {
	return nil, errors.New("no units today")
}

// TestAddUnitStoreRefusesRename: when the form could not offer the unit
// held, a code held under another name is still refused, by the store, in
// words that name the unit held; nothing is renamed.
func TestAddUnitStoreRefusesRename(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, unitsFail{db}, i18n.VI, 120, 40)
	a = newInspection(t, a, "Kiểm tra CCHC năm 2023", "2023")
	a = keys(t, a, "a", "STP", "tab", "Tên bị ghi đè", "tab")
	a = chooseKind(t, a, "so")
	a = keys(t, a, "tab", "02/10/2023", "enter", "enter")
	requireContains(t, a, "mã STP đã là của đơn vị Sở Tư pháp (Sở, ban, ngành)")
	if u, _ := db.UnitByCode(context.Background(), "STP"); u.Name != "Sở Tư pháp" {
		t.Errorf("unit renamed to %q", u.Name)
	}
}

// offered lists the add-unit form's checklist options, in order.
func offered(a App) []string {
	var out []string
	for _, h := range a.start.unitForm.cls {
		out = append(out, h.Checklist.Ref())
	}
	return out
}

// TestAddUnitChecklistFitsTheVisit: the checklist field offers only the
// checklists for the chosen kind (no xã checklist for a sở) that are
// valid on the visit's date, newest version first; a UBND cấp huyện dated
// on or after 1 July 2025 is refused in the form with the reason. Before,
// every checklist was offered, and each of these was accepted.
func TestAddUnitChecklistFitsTheVisit(t *testing.T) {
	t.Parallel()
	db := openStore(t, false, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = newInspection(t, a, "Kiểm tra CCHC năm 2025", "2025")
	a = keys(t, a, "a", "SXD", "tab", "Sở Xây dựng", "tab")
	a = chooseKind(t, a, "so")
	for _, h := range a.start.unitForm.cls {
		if cl := h.Checklist; !cl.AppliesTo("so") {
			t.Errorf("a sở is offered %s (for %v)", cl.Ref(), cl.AllKinds())
		}
	}
	// No date yet: every version for a sở, the newest first.
	if got := strings.Join(offered(a), " "); got != "so-ban-nganh@2026.2 so-ban-nganh@2026.1 kiem-soat-tthc@2026.1" {
		t.Errorf("offered for a sở with no date: %s", got)
	}
	// 2026.2 and the TTHC-control checklist are for visits from 1 July
	// 2025: not offered in March.
	a = keys(t, a, "tab", "04/03/2025", "tab")
	if got := strings.Join(offered(a), " "); got != "so-ban-nganh@2026.1" {
		t.Errorf("offered for a sở on 04/03/2025: %s", got)
	}
	a = keys(t, a, "shift+tab")
	for range "04/03/2025" {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "15/08/2025", "tab")
	if got := strings.Join(offered(a), " "); got != "so-ban-nganh@2026.2 so-ban-nganh@2026.1 kiem-soat-tthc@2026.1" {
		t.Errorf("offered for a sở on 15/08/2025: %s", got)
	}
	a = keys(t, a, "enter")
	if a.start.formKind != noForm || len(a.start.rows) != 1 || a.start.rows[0].checklist != "so-ban-nganh@2026.2" {
		t.Fatalf("a sở on 15/08/2025: rows %+v, err %q", a.start.rows, a.start.form.err)
	}

	a = keys(t, a, "a", "GIALOC", "tab", "UBND huyện Gia Lộc", "tab")
	a = chooseKind(t, a, "huyen")
	a = keys(t, a, "tab", "01/07/2025", "enter", "enter")
	requireContains(t, a, "UBND cấp huyện không còn từ ngày 01/07/2025")
	if a.start.formKind != addUnitForm || len(a.start.rows) != 1 {
		t.Fatalf("a huyện on 01/07/2025 was added: %+v", a.start.rows)
	}
	a = keys(t, a, "shift+tab", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"backspace", "backspace", "backspace", "backspace", "30/06/2025", "enter", "enter")
	got := map[string]string{}
	for _, r := range a.start.rows {
		got[r.unit.Code] = r.checklist
	}
	if a.start.formKind != noForm || len(a.start.rows) != 2 || got["GIALOC"] != "ubnd-huyen@2026.2" {
		t.Fatalf("a huyện on 30/06/2025: form %v, rows %+v, err %q", a.start.formKind, a.start.rows, a.start.form.err)
	}
	if !strings.Contains(screen(a), "UBND huyện Gia Lộc") {
		t.Errorf("the new unit is not listed")
	}
}
