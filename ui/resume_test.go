package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"kiemtra/i18n"
)

// statusRight is the right end of the status line: when the current
// finding was saved.
func statusRight(a App) string {
	lines := strings.Split(screen(a), "\n")
	line := strings.TrimRight(lines[len(lines)-2], " ")
	if i := strings.LastIndex(line, "Đã lưu "); i >= 0 {
		return line[i:]
	}
	return ""
}

// TestReopensWhereTheInspectorStopped: leaving a unit, or quitting from
// its editor, the next start opens that unit on that item, and says so.
func TestReopensWhereTheInspectorStopped(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	a = keys(t, a, "l", "j", "j")
	want := cursorItem(a).Code
	if a = keys(t, a, "esc"); a.screen != screenStart {
		t.Fatalf("esc: screen %s", a.screen)
	}
	b := newTestApp(t, db, i18n.VI, 120, 40)
	if b.screen != screenChecklist || b.sess.unit.Code != "SYT" || cursorItem(b).Code != want {
		t.Fatalf("restart: screen %s, unit %q, item %s (want SYT %s)", b.screen, b.sess.unit.Code, cursorItem(b).Code, want)
	}
	requireStatus(t, b, "Mở lại nơi làm việc lần trước: Sở Y tế, mục "+want+". esc về danh sách đơn vị.")

	// Quitting from the editor of another unit's item.
	c := openDemoUnit(t, b, "STTTT")
	c = keys(t, c, "j", "j", "j", "enter", "pgdown")
	want = c.sess.items[c.editor.index].Code
	c = keys(t, c, "ctrl+c")
	if !quit(c) {
		t.Fatal("ctrl+c did not quit")
	}
	d := newTestApp(t, db, i18n.VI, 120, 40)
	if d.sess.unit.Code != "STTTT" || cursorItem(d).Code != want {
		t.Fatalf("after quitting: unit %q item %s, want STTTT %s", d.sess.unit.Code, cursorItem(d).Code, want)
	}
}

// TestReopensOnTheLastSavedFinding: a finding saved after the place was
// remembered (the app was killed) is where the inspector stopped; a place
// naming a unit that is gone opens the list.
func TestReopensOnTheLastSavedFinding(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	// Opening the unit remembered its first item; answer one further on
	// and "kill" the app (no quit, no esc).
	a = keys(t, a, "j", "j", "j", "j", "1")
	want := a.sess.items[a.checklist.cursor-1].Code
	past := resumePoint{assessmentID: a.sess.assessment.ID, item: a.sess.items[0].Code, at: fixedNow.Add(-time.Minute)}
	if err := db.SetSetting(ctx, settingResume, past.String()); err != nil {
		t.Fatal(err)
	}
	b := newTestApp(t, db, i18n.VI, 120, 40)
	if cursorItem(b).Code != want {
		t.Fatalf("reopened on %s, want the item saved last, %s", cursorItem(b).Code, want)
	}
	// The status line says when that finding was saved, after the restart.
	if got := statusRight(b); got != "Đã lưu 14:32:05" {
		t.Fatalf("status line says %q", got)
	}
	// Two days on, the same finding shows its day.
	deps := testDeps(t, db, i18n.VI)
	deps.Now = func() time.Time { return fixedNow.Add(48 * time.Hour) }
	later := startApp(t, deps, 120, 40)
	if cursorItem(later).Code != want {
		t.Fatalf("reopened two days on at %s", cursorItem(later).Code)
	}
	if got := statusRight(later); got != "Đã lưu 18/10/2022 14:32" {
		t.Fatalf("two days on, the status line says %q", got)
	}

	gone := resumePoint{assessmentID: "no-such-assessment", item: "1.1.1", at: fixedNow}
	if err := db.SetSetting(ctx, settingResume, gone.String()); err != nil {
		t.Fatal(err)
	}
	if c := newTestApp(t, db, i18n.VI, 120, 40); c.screen != screenStart || c.sess.isOpen() || c.status.isErr {
		t.Fatalf("a place that is gone: screen %s, status %q", c.screen, c.status.text)
	}
}
