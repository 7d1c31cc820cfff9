package ui

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// failingStore is the real store whose SaveFinding fails while full is set,
// the way a full disk makes SQLite fail.
type failingStore struct {
	*store.DB
	full *bool
}

func (f failingStore) SaveFinding(ctx context.Context, fd model.Finding) (model.Finding, error) {
	if *f.full {
		return fd, fmt.Errorf("save finding %s: %w", fd.ItemCode,
			model.NewError(model.EDiskFull, errors.New("database or disk is full"), f.Path()))
	}
	return f.DB.SaveFinding(ctx, fd)
}

func TestSaveErrorKeepsTypedValue(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	full := true
	a := newTestApp(t, failingStore{db, &full}, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	code := a.sess.items[0].Code
	a = keys(t, a, "3", "Hồ sơ lưu trữ không đầy đủ", "esc")
	requireContains(t, a, "Chưa lưu được mục "+code, "ổ đĩa đã đầy", "Hồ sơ lưu trữ không đầy đủ")
	if !a.status.isErr {
		t.Fatal("no error status")
	}
	if _, ok := storedFinding(t, db, a.sess.assessment.ID, code); ok {
		t.Fatal("a finding was stored while the disk was full")
	}
	if c := a.sess.content[code]; c.Note != "Hồ sơ lưu trữ không đầy đủ" || c.Result != model.ResultFail {
		t.Fatalf("typed value lost: %+v", c)
	}
	// The item is marked unsaved in the list.
	if !strings.Contains(screen(a), "✗! "+code) {
		t.Fatalf("item not flagged:\n%s", screen(a))
	}
	// Quitting does not silently drop it: the first ctrl+c stays and says so.
	a = keys(t, a, "ctrl+c")
	if quit(a) {
		t.Fatal("quit with an unsaved change")
	}
	requireContains(t, a, "ctrl+c lần nữa")
	// Space freed: ctrl+s saves it.
	full = false
	a.saves.forceArmed, a.saves.quitting = false, false
	a = keys(t, a, "ctrl+s")
	f, ok := storedFinding(t, db, a.sess.assessment.ID, code)
	if !ok || f.Note != "Hồ sơ lưu trữ không đầy đủ" {
		t.Fatalf("retry: %+v %v", f, ok)
	}
	requireContains(t, a, "Đã lưu 14:32:05")
	if a.status.isErr {
		t.Fatalf("error still shown: %s", a.status.text)
	}
}

// checkView asserts the view fills w×h exactly, no line wider.
func checkView(t *testing.T, a App, w, h int, what string) {
	t.Helper()
	v := a.View()
	if w <= 0 || h <= 0 {
		if v != "" {
			t.Fatalf("%s at %d×%d: drew %q", what, w, h, v)
		}
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Fatalf("%s at %d×%d: %d lines", what, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s at %d×%d: line %d is %d wide: %q", what, w, h, i, lw, ansi.Strip(l))
		}
	}
}

// lineWith is the first line of s holding every part, or "".
func lineWith(s string, parts ...string) string {
	for _, l := range strings.Split(s, "\n") {
		ok := true
		for _, p := range parts {
			if !strings.Contains(l, p) {
				ok = false
				break
			}
		}
		if ok {
			return l
		}
	}
	return ""
}

// firstHelpKey is the key of the first binding the help line shows.
func firstHelpKey(a App) string {
	for _, b := range a.ShortHelp() {
		if b.Enabled() && b.Help().Key != "" {
			return b.Help().Key
		}
	}
	return ""
}

// userNeeds checks what a person needs on screen at any usable size: the
// header, the help line, and each screen's focus: the selected row, the
// focused field, every field of the editor.
func userNeeds(name string, a App) error {
	s := screen(a)
	lines := strings.Split(s, "\n")
	if !strings.HasPrefix(lines[0], "kiemtra") {
		return fmt.Errorf("no header: %q", lines[0])
	}
	if k := firstHelpKey(a); k == "" || !strings.HasPrefix(strings.TrimSpace(lines[len(lines)-1]), k) {
		return fmt.Errorf("the help line does not start with %q: %q", k, lines[len(lines)-1])
	}
	need := func(parts ...string) error {
		if lineWith(s, parts...) == "" {
			return fmt.Errorf("no line with %q", parts)
		}
		return nil
	}
	switch name {
	case "start":
		return need("› 2022 · ")
	case "checklist":
		return need("› ", cursorItem(a).Code)
	case "editor", "editor-note":
		for _, label := range []string{"Kết quả", "Điểm", "Ghi chú", "Tài liệu kiểm chứng đã xem", "Kiến nghị", "Hạn khắc phục"} {
			if err := need(label); err != nil {
				return err
			}
		}
		focused := map[editorField]string{focusResult: "Kết quả", focusNote: "Ghi chú"}[a.editor.focus]
		if err := need("▶ " + focused); err != nil {
			return err
		}
		if name == "editor-note" {
			return need("│ Một ghi chú")
		}
	case "search":
		if err := need("/ " + a.search.query); err != nil {
			return err
		}
		if len(a.search.results) > 0 {
			return need("› ", a.sess.items[a.search.results[a.search.cursor]].Code)
		}
	case "summary":
		// The review starts where it was scrolled to.
		m := a.summary
		off := min(m.offset, m.maxOffset(a.sess))
		top := strings.TrimSpace(ansi.Strip(m.contentLines(a.sess, m.c.width)[off]))
		if strings.TrimSpace(lines[1]) != top {
			return fmt.Errorf("the review starts with %q, want %q", lines[1], top)
		}
	case "finalize":
		return need("y: hoàn thành")
	case "side":
		return need("› Địa điểm")
	case "report", "inspection":
		f := a.start.details
		if len(f.fields) == 0 {
			return fmt.Errorf("the %s form did not open", name)
		}
		return need("› ", f.fields[f.focus].label)
	case "conclusion":
		return need("› Số thông báo")
	case "help":
		return need("Phím tắt")
	case "form":
		f := a.start.form
		return need("› ", f.fields[f.focus].label)
	case "first-run":
		return need("Họ và tên:")
	}
	return nil
}

// TestEverySizeEveryScreen draws each screen at sizes from 1×1 to 300×100
// and through a resize storm, every screen opened at 120×40 first: below
// the minimum the App says so; from it on, what a person needs is on
// screen and no line is wider than the terminal.
func TestEverySizeEveryScreen(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	base := newTestApp(t, db, i18n.VI, 120, 40)
	unit := openDemoUnit(t, base, "STTTT")
	screens := map[string]App{
		"start":       base,
		"checklist":   unit,
		"editor":      keys(t, unit, "enter"),
		"editor-note": keys(t, unit, "enter", "3", "Một ghi chú dài dòng về tồn tại, hạn chế của đơn vị được kiểm tra, viết bằng tiếng Việt có dấu đầy đủ"),
		"search":      keys(t, unit, "/", "thu tuc"),
		"summary":     keys(t, unit, "s"),
		"finalize":    keys(t, unit, "s", "f"),
		"side":        keys(t, unit, "s", "e"),
		"inspection":  keys(t, base, "e"),
		"report":      keys(t, onStart(t, newExportApp(t, db, t.TempDir(), i18n.VI, 120, 40)), "b"),
		"conclusion":  keys(t, openDemoUnit(t, base, "STP"), "s", "t"),
		"help":        keys(t, unit, "?"),
		"form":        keys(t, base, "a"),
		"first-run":   newTestApp(t, openStore(t, false, ""), i18n.VI, 120, 40),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(t *testing.T, name string, b App, w, h int, what string) {
		t.Helper()
		checkView(t, b, w, h, what)
		if w <= 0 || h <= 0 {
			return
		}
		if w < minWidth || h < minHeight {
			// The message needs room of its own to be read.
			if w >= 30 && h >= 4 && !strings.Contains(screen(b), "Cửa sổ quá nhỏ") {
				t.Fatalf("%s at %d×%d: no word that the window is too small:\n%s", what, w, h, screen(b))
			}
			return
		}
		if err := userNeeds(name, b); err != nil {
			t.Fatalf("%s at %d×%d: %v\n%s", what, w, h, err, screen(b))
		}
	}
	for name, a := range screens {
		if err := userNeeds(name, a); err != nil {
			t.Fatalf("%s at 120×40: %v\n%s", name, err, screen(a))
		}
		sizes := [][2]int{{1, 1}, {2, 1}, {1, 5}, {59, 15}, {60, 16}, {61, 17}, {70, 24}, {80, 24}, {99, 30}, {100, 30}, {120, 40}, {300, 100}, {0, 0}}
		for i := 0; i < 25; i++ {
			sizes = append(sizes, [2]int{1 + rng.IntN(300), 1 + rng.IntN(100)})
		}
		for _, s := range sizes {
			b := send(t, a, tea.WindowSizeMsg{Width: s[0], Height: s[1]})
			check(t, name, b, s[0], s[1], name)
			// Keys at that size keep it so.
			b = send(t, b, keyMsg("down"))
			b = send(t, b, keyMsg("j"))
			check(t, name, b, s[0], s[1], name+" after keys")
		}
		// Resize storm without drawing in between, then draw.
		b := a
		for i := 0; i < 200; i++ {
			b = send(t, b, tea.WindowSizeMsg{Width: rng.IntN(320), Height: rng.IntN(110)})
		}
		b = send(t, b, tea.WindowSizeMsg{Width: 70, Height: 20})
		check(t, name, b, 70, 20, name+" after storm")
		// Back to where it started: every field is there again.
		b = send(t, b, tea.WindowSizeMsg{Width: 120, Height: 40})
		check(t, name, b, 120, 40, name+" back at 120×40")
	}
}

func TestTooSmallSaysSo(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 40, 10)
	requireContains(t, a, "Cửa sổ quá nhỏ", "60×16", "40×10")
	// Keys other than quit do nothing while too small.
	a = keys(t, a, "tab", "enter")
	if a.screen != screenStart || a.sess.isOpen() {
		t.Fatal("keys acted while the window was too small")
	}
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	requireContains(t, a, "Sở Tư pháp")
}

// onStart is a on the start screen: an app opened on a database where a
// unit was open reopens on it (resume.go), and esc leaves it.
func onStart(t *testing.T, a App) App {
	t.Helper()
	if a.screen == screenChecklist {
		a = keys(t, a, "esc")
	}
	if a.screen != screenStart {
		t.Fatalf("not on the start screen: %s", a.screen)
	}
	return a
}
