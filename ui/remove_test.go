package ui

import (
	"context"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// TestRemovingAUnitAndAnInspection: d asks first; n keeps; y removes a
// unit without findings from the list (audited by the store); a unit
// with findings is refused with the reason; an inspection without
// findings comes off the list the same way.
func TestRemovingAUnitAndAnInspection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	in := a.start.inspections[a.start.insCursor]
	held := a.start.rows[0]
	v := model.Visit{Unit: model.Unit{Code: "SXDTEST", Name: "Sở Xây dựng", Kind: held.unit.Kind},
		ChecklistID: held.assessment.ChecklistID, ChecklistVersion: held.assessment.ChecklistVersion}
	added, err := db.AddVisit(ctx, "Nguyễn Thị Hương", in.ID, v)
	if err != nil {
		t.Fatal(err)
	}
	a = keys(t, a, "r", "tab")
	a = selectRow(t, a, added.ID)
	before := len(a.start.rows)
	a = keys(t, a, "d")
	requireContains(t, a, "Xoá đơn vị Sở Xây dựng khỏi đợt kiểm tra?")
	a = keys(t, a, "n")
	if a.start.asking != nil || len(a.start.rows) != before {
		t.Fatalf("n: asking %v, %d rows", a.start.asking, len(a.start.rows))
	}
	a = keys(t, a, "d", "y")
	if len(a.start.rows) != before-1 {
		t.Fatalf("after y: %d rows, want %d", len(a.start.rows), before-1)
	}
	for _, r := range a.start.rows {
		if r.assessment.ID == added.ID {
			t.Fatal("the removed unit is still listed")
		}
	}
	requireStatus(t, a, "Đã xoá Sở Xây dựng khỏi đợt kiểm tra; thêm lại đơn vị (a) sẽ khôi phục.")
	// A unit with findings stays, and the status line says why.
	var syt string // a draft with findings
	for _, r := range a.start.rows {
		if fs, err := db.Findings(ctx, r.assessment.ID); err == nil && len(fs) > 0 && r.assessment.Status == model.StatusDraft {
			syt = r.assessment.ID
		}
	}
	a = selectRow(t, a, syt)
	a = keys(t, a, "d", "y")
	if len(a.start.rows) != before-1 || !a.status.isErr ||
		!strings.Contains(a.status.text, "đã có kết quả đánh giá trong đợt này") {
		t.Fatalf("a unit with findings: %d rows, status %q", len(a.start.rows), a.status.text)
	}
	// An inspection without findings.
	empty, err := db.SaveInspection(ctx, "Nguyễn Thị Hương", model.Inspection{Year: 2030, Title: "Tạo nhầm"})
	if err != nil {
		t.Fatal(err)
	}
	a = keys(t, a, "tab", "r")
	for a.start.insCursor > 0 {
		a = keys(t, a, "up")
	}
	for i := 0; a.start.inspections[a.start.insCursor].ID != empty.ID; i++ {
		if i > len(a.start.inspections) {
			t.Fatalf("the inspection is not listed:\n%s", screen(a))
		}
		a = keys(t, a, "down")
	}
	n := len(a.start.inspections)
	a = keys(t, a, "d")
	requireContains(t, a, "Xoá đợt kiểm tra “Tạo nhầm”?")
	a = keys(t, a, "enter")
	if len(a.start.inspections) != n-1 {
		t.Fatalf("after removing the inspection: %d, want %d", len(a.start.inspections), n-1)
	}
	requireStatus(t, a, "Đã xoá đợt kiểm tra “Tạo nhầm”.")
}

// selectRow moves the unit list's cursor to the assessment id.
func selectRow(t *testing.T, a App, id string) App {
	t.Helper()
	for i, r := range a.start.rows {
		if r.assessment.ID != id {
			continue
		}
		for a.start.unitCursor > i {
			a = keys(t, a, "up")
		}
		for a.start.unitCursor < i {
			a = keys(t, a, "down")
		}
		return a
	}
	t.Fatalf("%s is not listed", id)
	return a
}
