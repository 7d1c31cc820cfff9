package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
)

// bodyLines is the screen without its header, status and help lines.
func bodyLines(a App) []string {
	lines := strings.Split(screen(a), "\n")
	if len(lines) < 4 {
		return nil
	}
	return lines[1 : len(lines)-2]
}

// selectedRow is the index of the line holding the selection marker "›"
// at the start of a list row, or -1.
func selectedRow(lines []string) int {
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "› ") {
			return i
		}
	}
	return -1
}

// TestResizeReachesEditor: the editor laid out at 120×40 and shrunk to
// 70×24 wraps the note to the new width and keeps every field on screen.
func TestResizeReachesEditor(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	note := "Hồ sơ lưu trữ của đơn vị không đầy đủ, thiếu sổ theo dõi và chưa có kế hoạch kiểm tra nội bộ năm 2022"
	a = keys(t, a, "enter", "3", note)
	a = send(t, a, tea.WindowSizeMsg{Width: 70, Height: 24})
	s := screen(a)
	var noteLines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "│ ") && strings.TrimSpace(strings.TrimPrefix(l, "│ ")) != "" {
			noteLines = append(noteLines, l)
		}
	}
	if len(noteLines) == 0 {
		t.Fatalf("no text area lines on screen:\n%s", s)
	}
	truncated := 0
	for _, l := range noteLines {
		if strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			truncated++
		}
	}
	if truncated == len(noteLines) {
		t.Fatalf("every text area line is cut short after the resize:\n%s", s)
	}
	joined := strings.Join(strings.Fields(strings.ReplaceAll(s, "│", " ")), " ")
	if !strings.Contains(joined, note) {
		t.Fatalf("the note is not all on screen after the resize:\n%s", s)
	}
	for _, label := range []string{"Kết quả", "Điểm", "Ghi chú", "Tài liệu kiểm chứng đã xem", "Kiến nghị", "Hạn khắc phục"} {
		if !strings.Contains(s, label) {
			t.Fatalf("field %q fell off the screen after the resize:\n%s", label, s)
		}
	}
}

// TestChecklistScrollsOnlyAtTheEdge: in a list longer than its window the
// cursor moves up inside the window; the list does not scroll on every ↑.
func TestChecklistScrollsOnlyAtTheEdge(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 80, 16)
	a = openDemoUnit(t, a, "SYT")
	// Field 1 of the built-in checklist for sở has 12 items; the window
	// shows 5 of them at this size.
	for range 11 {
		a = keys(t, a, "j")
	}
	before := bodyLines(a)
	at := selectedRow(before)
	if at < 0 {
		t.Fatalf("no selected row:\n%s", screen(a))
	}
	a = keys(t, a, "k")
	after := bodyLines(a)
	if got := selectedRow(after); got != at-1 {
		t.Fatalf("after ↑ the selection is on line %d, want %d (one up, no scrolling):\n%s", got, at-1, screen(a))
	}
	// The item rows above the old selection did not move.
	title := -1
	for i, l := range before {
		if strings.Contains(l, "Mục của lĩnh vực 1 ·") {
			title = i
		}
	}
	if title < 0 || title >= at-1 {
		t.Fatalf("no item rows above the selection:\n%s", screen(a))
	}
	for i := title + 1; i < at-1; i++ {
		if before[i] != after[i] {
			t.Fatalf("line %d changed on ↑:\nbefore %q\nafter  %q", i, before[i], after[i])
		}
	}
}

// TestSummaryScrollsBackAfterOvershoot: scrolling far past the end of the
// unit summary and back up one line shows the line above.
func TestSummaryScrollsBackAfterOvershoot(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 80, 24)
	a = openDemoUnit(t, a, "STP")
	a = keys(t, a, "s")
	for range 200 {
		a = keys(t, a, "j")
	}
	bottom := bodyLines(a)
	a = keys(t, a, "k")
	up := bodyLines(a)
	if strings.Join(bottom, "\n") == strings.Join(up, "\n") {
		t.Fatalf("k after 200 j changed nothing:\n%s", screen(a))
	}
	if up[1] != bottom[0] {
		t.Fatalf("k did not scroll up one line:\nbefore %q\nafter  %q", bottom[0], up[1])
	}
}

// TestAppCopiesShareNothing: Bubble Tea copies the App on every update,
// so acting on one copy must leave another as it was: the session, the
// save pipeline and the editor's fields are values.
func TestAppCopiesShareNothing(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	code := cursorItem(a).Code
	before := screen(a)
	b := keys(t, a, "3", "Thiếu kế hoạch", "esc")
	if b.sess.content[code].Note != "Thiếu kế hoạch" {
		t.Fatalf("the copy did not change: %+v", b.sess.content[code])
	}
	if got := screen(a); got != before {
		t.Fatalf("changing a copy changed the original:\n%s", got)
	}
	if c, ok := a.sess.content[code]; ok || len(a.saves.queue) != 0 {
		t.Fatalf("the original's session holds %+v, queue %v", c, a.saves.queue)
	}
	e := keys(t, a, "enter", "tab", "tab", "abc")
	e2 := keys(t, e, "xyz")
	if e.editor.note.Value() != "abc" || e2.editor.note.Value() != "abcxyz" {
		t.Fatalf("typing in a copy's note: original %q, copy %q", e.editor.note.Value(), e2.editor.note.Value())
	}
}
