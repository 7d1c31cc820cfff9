package ui

import (
	"context"
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
		return fd, fmt.Errorf("save finding %s: %w", fd.ItemCode, store.ErrDiskFull)
	}
	return f.DB.SaveFinding(ctx, fd)
}

func TestSaveErrorKeepsTypedValue(t *testing.T) {
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
	if a.fatal == "quit" {
		t.Fatal("quit with an unsaved change")
	}
	requireContains(t, a, "ctrl+c lần nữa")
	// Space freed: ctrl+s saves it.
	full = false
	a.forceArmed, a.quitting = false, false
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

// checkView asserts the view fits w×h exactly.
func checkView(t *testing.T, a App, w, h int, what string) {
	t.Helper()
	v := a.View()
	if w <= 0 || h <= 0 {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Fatalf("%s at %d×%d: %d lines", what, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s at %d×%d: line %d is %d wide: %q", what, w, h, i, lw, ansi.Strip(l))
		}
	}
}

// TestEverySizeEveryScreen draws each screen at sizes from 1×1 to 300×100
// and through a resize storm: no panic, no line wider than the terminal.
func TestEverySizeEveryScreen(t *testing.T) {
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
		"help":        keys(t, unit, "?"),
		"form":        keys(t, base, "a"),
		"first-run":   newTestApp(t, openStore(t, false, ""), i18n.VI, 120, 40),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for name, a := range screens {
		sizes := [][2]int{{1, 1}, {2, 1}, {1, 5}, {59, 15}, {60, 16}, {61, 17}, {80, 24}, {99, 30}, {100, 30}, {120, 40}, {300, 100}, {0, 0}}
		for i := 0; i < 25; i++ {
			sizes = append(sizes, [2]int{1 + rng.IntN(300), 1 + rng.IntN(100)})
		}
		for _, s := range sizes {
			b := send(t, a, tea.WindowSizeMsg{Width: s[0], Height: s[1]})
			checkView(t, b, s[0], s[1], name)
			// Keys at that size must not panic either.
			b = send(t, b, keyMsg("down"))
			b = send(t, b, keyMsg("j"))
			checkView(t, b, s[0], s[1], name+" after keys")
		}
		// Resize storm without drawing in between, then draw.
		b := a
		for i := 0; i < 200; i++ {
			b = send(t, b, tea.WindowSizeMsg{Width: rng.IntN(320), Height: rng.IntN(110)})
		}
		b = send(t, b, tea.WindowSizeMsg{Width: 70, Height: 20})
		checkView(t, b, 70, 20, name+" after storm")
	}
}

func TestTooSmallSaysSo(t *testing.T) {
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 40, 10)
	requireContains(t, a, "Cửa sổ quá nhỏ", "60×16", "40×10")
	// Keys other than quit do nothing while too small.
	a = keys(t, a, "tab", "enter")
	if a.screen != screenStart || a.sess != nil {
		t.Fatal("keys acted while the window was too small")
	}
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	requireContains(t, a, "Sở Tư pháp")
}
