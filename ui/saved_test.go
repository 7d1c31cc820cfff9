package ui

import (
	"strings"
	"testing"

	"kiemtra/i18n"
)

// savedMark is what the status line says on its right: whether what the
// screen shows is stored.
func savedMark(a App) string {
	lines := strings.Split(screen(a), "\n")
	line := strings.TrimRight(lines[len(lines)-2], " ")
	for _, m := range []string{"Chưa lưu", "Đang lưu…", "Đã lưu 14:32:05"} {
		if strings.HasSuffix(line, m) {
			return m
		}
	}
	return ""
}

// TestSavedShownOnlyForWhatWasSaved: "Đã lưu" with the time of the last
// save is shown only when it covers what the screen shows; while a field
// holds text typed and not yet stored, or refused, or whose save failed,
// or a details form holds what the record does not, the status line says
// "Chưa lưu".
func TestSavedShownOnlyForWhatWasSaved(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	full := false
	a := newTestApp(t, failingStore{db, &full}, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	a = keys(t, a, "1")
	if got := savedMark(a); got != "Đã lưu 14:32:05" {
		t.Fatalf("after a save the status says %q", got)
	}
	// Typing a note: not stored until the editor commits it.
	a = keys(t, a, "j", "3", "Thiếu sổ theo dõi")
	if got := savedMark(a); got != "Chưa lưu" {
		t.Fatalf("while a note is typed the status says %q:\n%s", got, screen(a))
	}
	a = keys(t, a, "tab")
	if got := savedMark(a); got != "Đã lưu 14:32:05" {
		t.Fatalf("after the note was stored the status says %q", got)
	}
	// A score the item cannot take stays on screen, not stored.
	a = keys(t, a, "esc", "j", "enter", "2", "tab")
	for range a.editor.score.Value() {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "99", "tab")
	if a.editor.errs[focusScore] == "" || savedMark(a) != "Chưa lưu" {
		t.Fatalf("an invalid score: error %q, status %q", a.editor.errs[focusScore], savedMark(a))
	}
	// A save that failed.
	full = true
	a = keys(t, a, "esc", "esc", "j", "4")
	if !a.status.isErr || savedMark(a) != "Chưa lưu" {
		t.Fatalf("a failed save: error %v, status %q", a.status.isErr, savedMark(a))
	}
	// The visit's details, typed and not yet stored; a date that does not
	// exist cannot be.
	full = false
	a = keys(t, a, "ctrl+s", "s", "e", "Hội trường tầng 2")
	if got := savedMark(a); got != "Chưa lưu" {
		t.Fatalf("while the visit's place is typed the status says %q", got)
	}
	a = keys(t, a, "ctrl+s")
	if got := savedMark(a); got != "Đã lưu 14:32:05" || a.summary.mode != summaryBrowse {
		t.Fatalf("after the visit was stored the status says %q (mode %s)", got, a.summary.mode)
	}
	a = keys(t, a, "e", "tab", "ctrl+u", "31/02/2022")
	if got := savedMark(a); got != "Chưa lưu" {
		t.Fatalf("with a date that does not exist the status says %q", got)
	}
	a = keys(t, a, "esc")
	if got := savedMark(a); got != "Đã lưu 14:32:05" {
		t.Fatalf("after esc left the form unsaved the status says %q", got)
	}
}
