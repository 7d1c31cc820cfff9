package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/model"
)

// partialItem moves the checklist to the next item scored by hand or with
// đạt một phần at half (scoring "partial").
func partialItem(t *testing.T, a App) App {
	t.Helper()
	for cursorItem(a).Scoring != model.ScoringPartial || a.sess.content[cursorItem(a).Code].Result.Answered() {
		a = keys(t, a, "j")
	}
	return a
}

// TestUndoBringsBackAHandEditedScore: 1 over a score of 0,75 typed by
// hand says so, and u brings the 0,75 back, as a stored revision.
func TestUndoBringsBackAHandEditedScore(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := partialItem(t, openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT"))
	it := cursorItem(a)
	aid := a.sess.assessment.ID
	a = keys(t, a, "enter", "2", "tab")
	for range a.editor.score.Value() {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "0,75", "esc")
	handmade, _ := storedFinding(t, db, aid, it.Code)
	if handmade.Score != 75 || handmade.Result != model.ResultPartial {
		t.Fatalf("stored %+v, want đạt một phần 0,75", handmade)
	}
	a = keys(t, a, "1")
	requireStatus(t, a, "Mục "+it.Code+": điểm 0,75 nhập tay đã thay bằng "+a.c.pts(it.Max)+". Nhấn u để lấy lại.")
	if f, _ := storedFinding(t, db, aid, it.Code); f.Result != model.ResultPass {
		t.Fatalf("1 stored %+v", f)
	}
	a = keys(t, a, "u")
	f, _ := storedFinding(t, db, aid, it.Code)
	if f.Content() != handmade.Content() || f.Revision == handmade.Revision {
		t.Fatalf("after u: %+v, want the hand-made value as a new revision", f)
	}
	if cursorItem(a).Code != it.Code || a.sess.content[it.Code] != handmade.Content() {
		t.Fatalf("after u the cursor is on %s, the screen shows %+v", cursorItem(a).Code, a.sess.content[it.Code])
	}
	requireStatus(t, a, "Đã hoàn tác mục "+it.Code+": Đạt · "+a.c.pts(it.Max)+" → Đạt một phần · 0,75. Nhấn u để hoàn tác tiếp.")
}

// TestUndoTakesBackTheSessionsChangesNewestFirst: u goes back through
// this session's changes item by item, then through the older changes of
// the item under the cursor; a restarted app undoes from the history.
func TestUndoTakesBackTheSessionsChangesNewestFirst(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	aid := a.sess.assessment.ID
	first, second := cursorItem(a).Code, a.sess.items[a.checklist.cursor+1].Code
	a = keys(t, a, "1", "4") // đạt, then không áp dụng on the next item
	a = keys(t, a, "u")
	if f, _ := storedFinding(t, db, aid, second); f.Result.Answered() || cursorItem(a).Code != second {
		t.Fatalf("the first u: %s stored %+v, cursor on %s", second, f, cursorItem(a).Code)
	}
	a = keys(t, a, "u")
	if f, _ := storedFinding(t, db, aid, first); f.Result.Answered() || cursorItem(a).Code != first {
		t.Fatalf("the second u: %s stored %+v, cursor on %s", first, f, cursorItem(a).Code)
	}
	a = keys(t, a, "u")
	requireStatus(t, a, "mục "+first+" không còn thay đổi nào để hoàn tác.")

	// After a restart, the item's stored history is undone.
	a = keys(t, a, "1")
	b := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	for cursorItem(b).Code != first {
		b = keys(t, b, "k")
	}
	b = keys(t, b, "u")
	if f, _ := storedFinding(t, db, aid, first); f.Result.Answered() || b.sess.content[first].Result.Answered() {
		t.Fatalf("undo after a restart left %+v", f)
	}
}

// TestEditorUndoTakesBackWhatWasTyped: ctrl+z in a text field stores what
// is typed, then takes it back; the field shows the value before.
func TestEditorUndoTakesBackWhatWasTyped(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	code := cursorItem(a).Code
	a = keys(t, a, "3", "Thiếu sổ theo dõi", "tab")
	a = keys(t, a, "Biên bản số 12")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlZ})
	f, _ := storedFinding(t, db, a.sess.assessment.ID, code)
	if f.Note != "Thiếu sổ theo dõi" || f.Evidence != "" {
		t.Fatalf("after ctrl+z: %+v", f)
	}
	if a.screen != screenEditor || a.editor.evidence.Value() != "" || a.editor.note.Value() != "Thiếu sổ theo dõi" {
		t.Fatalf("the editor shows note %q evidence %q", a.editor.note.Value(), a.editor.evidence.Value())
	}
	// Each undo is in the audit trail under the inspector's name.
	hist, err := db.FindingChanges(t.Context(), a.sess.assessment.ID, code)
	if err != nil || len(hist) == 0 || hist[len(hist)-1].Action != model.ActionUndo || hist[len(hist)-1].Actor != "Nguyễn Thị Hương" {
		t.Fatalf("history: %+v %v", hist, err)
	}
}

// TestEditorShowsTheItemsHistory: ctrl+l in the editor lists every change
// of the item with who, when, on which device, and old → new.
func TestEditorShowsTheItemsHistory(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	code := cursorItem(a).Code
	a = keys(t, a, "enter")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlL})
	requireStatus(t, a, "Mục này chưa có thay đổi nào được lưu.")
	a = keys(t, a, "1", "3", "Thiếu sổ theo dõi", "shift+tab", "shift+tab")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlL})
	if !a.editor.history.open || a.typing() {
		t.Fatalf("ctrl+l: history open %v, typing %v", a.editor.history.open, a.typing())
	}
	device := model.ShortID(db.Device())
	requireContains(t, a, "Lịch sử mục "+code+" (3 thay đổi)",
		"18/10/2022 14:32:05 · Nguyễn Thị Hương · máy này ("+device+") · ghi",
		"Chưa đánh giá → Đạt · "+a.c.pts(cursorItem(a).Max),
		"Đạt · "+a.c.pts(cursorItem(a).Max)+" → Chưa đạt · 0",
		"Ghi chú: (trống) → “Thiếu sổ theo dõi”")
	a = keys(t, a, "esc")
	if a.editor.history.open || a.screen != screenEditor {
		t.Fatal("esc did not close the history")
	}
}
