package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// provinceChecklist is a copy of a built-in checklist under another ID,
// as a Sở Nội vụ makes its own from kiemtra's.
func provinceChecklist(t *testing.T, ref, id string) *model.Checklist {
	t.Helper()
	cls, err := checklists.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cls {
		if c.Ref() == ref {
			c.ID, c.Title = id, "Bộ tiêu chí của tỉnh: "+c.Title
			c.Hash = checklists.Hash(c)
			return c
		}
	}
	t.Fatalf("no built-in %s", ref)
	return nil
}

// TestAddUnitOffersEveryChecklistHeld: a checklist added from a
// province's file is offered for its kind, before the built-ins, and the
// list under the form says where each came from: built in, or the file
// and the first digits of its SHA-256. A checklist for another kind, or
// not meant for the day, is not offered. Before, the form offered the
// built-in checklists only: one added with kiemtra checklist add could
// only be reached through a plan file.
func TestAddUnitOffersEveryChecklistHeld(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openStore(t, false, "Nguyễn Thị Hương")
	own := provinceChecklist(t, "so-ban-nganh@2026.2", "tieu-chi-hai-duong")
	old := provinceChecklist(t, "so-ban-nganh@2026.1", "tieu-chi-cu")
	old.ValidUntil = model.NewDate(2024, 12, 31)
	old.Hash = checklists.Hash(old)
	xa := provinceChecklist(t, "ubnd-xa@2026.2", "tieu-chi-xa")
	if _, err := db.AddChecklistFiles(ctx, store.ChecklistFile{Checklist: own, Name: "/home/a/tieu-chi.xlsx", SHA256: "0123456789abcdef"},
		store.ChecklistFile{Checklist: old, Name: "cu.yaml", SHA256: "ffff0000"},
		store.ChecklistFile{Checklist: xa, Name: "xa.xlsx", SHA256: "aaaa1111"}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = newInspection(t, a, "Kiểm tra CCHC năm 2025", "2025")
	a = keys(t, a, "a", "SXD", "tab", "Sở Xây dựng", "tab")
	a = chooseKind(t, a, "so")
	a = keys(t, a, "tab", "15/08/2025", "tab")
	want := "tieu-chi-hai-duong@2026.2 so-ban-nganh@2026.2 so-ban-nganh@2026.1 kiem-soat-tthc@2026.1"
	if got := strings.Join(offered(a), " "); got != want {
		t.Errorf("offered for a sở on 15/08/2025: %s, want %s", got, want)
	}
	requireContains(t, a, "Bộ tiêu chí (4)",
		"› tieu-chi-hai-duong@2026.2  nạp từ tệp tieu-chi.xlsx (SHA-256 01234567…) lúc ",
		"  so-ban-nganh@2026.2        có sẵn trong kiemtra · ")
	a = keys(t, a, "enter")
	if a.start.formKind != noForm || len(a.start.rows) != 1 || a.start.rows[0].checklist != "tieu-chi-hai-duong@2026.2" {
		t.Fatalf("rows %+v, err %q", a.start.rows, a.start.form.err)
	}
	// In English, too.
	a = newTestApp(t, db, i18n.EN, 120, 40)
	a = keys(t, a, "a", "SKHDT", "tab", "Sở Kế hoạch", "tab")
	a = chooseKind(t, a, "so")
	requireContains(t, a, "added from tieu-chi.xlsx (SHA-256 01234567…) on ", "built into kiemtra")
}

// heldFail is a store whose checklists cannot be listed.
type heldFail struct{ Store }

func (heldFail) HeldChecklists(context.Context) ([]model.HeldChecklist, error) {
	return nil, model.NewError(model.ECorrupt, errors.New("bad sector"), "/k.db")
}

// TestAddUnitChecklistsUnreadable: when the checklists held cannot be
// read, the form says why in the catalogue's words and adds nothing.
func TestAddUnitChecklistsUnreadable(t *testing.T) {
	t.Parallel()
	db := openStore(t, false, "Nguyễn Thị Hương")
	a := newTestApp(t, heldFail{db}, i18n.VI, 120, 40)
	a = newInspection(t, a, "Kiểm tra CCHC năm 2025", "2025")
	a = keys(t, a, "a", "SXD", "tab", "Sở Xây dựng", "tab", "tab", "15/08/2025", "enter", "enter")
	if a.start.formKind != addUnitForm || len(a.start.rows) != 0 {
		t.Fatalf("a unit was added without its checklist: %+v", a.start.rows)
	}
	requireContains(t, a, "✗ Không đọc được dữ liệu")
}
