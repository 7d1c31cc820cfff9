package ui

import (
	"context"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

func TestCreateInspectionAndAddUnit(t *testing.T) {
	t.Parallel()
	db := openStore(t, false, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	requireContains(t, a, "Chưa có đợt kiểm tra nào")
	a = keys(t, a, "a")
	requireContains(t, a, "Hãy tạo hoặc chọn một đợt kiểm tra trước.")
	a = keys(t, a, "n")
	if a.start.formKind != newInspectionForm {
		t.Fatal("n did not open the form")
	}
	// Year is proposed from the clock (2022); the title is required, and
	// the focus goes back to it.
	a = keys(t, a, "tab", "tab", "ctrl+s")
	requireContains(t, a, "Cần nhập tên đợt kiểm tra.")
	a = keys(t, a, "Kiểm tra CCHC năm 2022 (đột xuất)", "ctrl+s")
	ins, err := db.Inspections(context.Background())
	if err != nil || len(ins) != 1 || ins[0].Title != "Kiểm tra CCHC năm 2022 (đột xuất)" || ins[0].Year != 2022 {
		t.Fatalf("inspections: %+v %v", ins, err)
	}
	requireContains(t, a, "2022 · Kiểm tra CCHC năm 2022", "Chưa có đơn vị nào")
	// Add a commune: choosing the kind proposes its checklist.
	a = keys(t, a, "a", "xabm", "tab", "UBND xã Bình Minh", "tab")
	var xa int
	for i, k := range a.c.kinds {
		if k.Code == "xa" {
			xa = i
		}
	}
	for a.start.form.choice(unitFieldKind) != xa {
		a = keys(t, a, "right")
	}
	a = keys(t, a, "tab", "31/02/2022", "enter", "enter")
	requireContains(t, a, "Ngày không hợp lệ")
	a = keys(t, a, "shift+tab")
	for range "31/02/2022" {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "15/11/2022", "enter")
	proposed := a.start.unitForm.cls[a.start.form.choice(unitFieldChecklist)].Checklist
	if proposed.Kind != "xa" || proposed.Ref() != "ubnd-xa@2026.1" {
		t.Fatalf("proposed checklist %s for kind xa on 15/11/2022", proposed.Ref())
	}
	a = keys(t, a, "enter")
	if a.start.formKind != noForm {
		t.Fatalf("form still open: %s", a.start.form.err)
	}
	requireContains(t, a, "UBND xã Bình Minh (XABM)", "15/11/2022", "0/")
	if !a.start.focusUnits || len(a.start.rows) != 1 {
		t.Fatalf("new unit not selected: %+v", a.start.rows)
	}
	r := a.start.rows[0]
	if r.assessment.ChecklistID != proposed.ID || r.unit.Kind != model.UnitKind("xa") || r.assessment.Date != model.NewDate(2022, 11, 15) {
		t.Fatalf("stored row %+v", r)
	}
	// And it opens.
	a = keys(t, a, "enter")
	if a.screen != screenChecklist || a.sess.unit.Code != "XABM" {
		t.Fatalf("screen %s", a.screen)
	}
}

func TestDebouncedSaveWhileTyping(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	a.c.debounce = debounceDelay
	a = keys(t, a, "enter", "3")
	a, cmd := a.update(keyMsg("Đang gõ"))
	if cmd == nil {
		t.Fatal("typing returned no debounce command")
	}
	// One tick at a time, however many keys come before it.
	a, cmd = a.update(keyMsg(" dở"))
	if cmd != nil {
		t.Fatal("a second key asked for a second tick")
	}
	code := a.sess.items[a.editor.index].Code
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, code); f.Note != "" {
		t.Fatalf("saved before the pause: %q", f.Note)
	}
	// A tick asked for before the last key saves nothing and asks for
	// another; the tick for the last key saves.
	a, cmd = a.update(debounceMsg{seq: a.editor.seq - 1})
	if cmd == nil {
		t.Fatal("a tick that came while typing went on asked for no other")
	}
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, code); f.Note != "" {
		t.Fatalf("stale tick saved: %q", f.Note)
	}
	a = send(t, a, debounceMsg{seq: a.editor.seq})
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, code); f.Note != "Đang gõ dở" {
		t.Fatalf("after the pause: %q", f.Note)
	}
	// Typing that never pauses is stored anyway after a few ticks.
	for i := range maxDebounceTicks {
		a, _ = a.update(keyMsg(" x"))
		a, cmd = a.update(debounceMsg{seq: a.editor.seq - 1})
		if i == maxDebounceTicks-1 {
			a = drive(t, a, cmd) // the save
		}
		want := "Đang gõ dở"
		if i == maxDebounceTicks-1 {
			want = "Đang gõ dở x x x x"
		}
		if f, _ := storedFinding(t, db, a.sess.assessment.ID, code); f.Note != want {
			t.Fatalf("after %d ticks typing outran, stored %q, want %q", i+1, f.Note, want)
		}
	}
	if a.screen != screenEditor || a.editor.focus != focusNote {
		t.Fatal("the debounced save moved the focus")
	}
}
