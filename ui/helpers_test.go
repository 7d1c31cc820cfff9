package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// fixedNow is the clock of every test: "Đã lưu 14:32:05".
var fixedNow = time.Date(2022, 10, 18, 14, 32, 5, 0, time.Local)

func fixedClock() time.Time { return fixedNow }

// openStore opens a real database in a temp folder with the built-in
// checklists; demo adds the demo inspection; inspector sets the name.
func openStore(tb testing.TB, demo bool, inspector string) *store.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), "kiemtra.db"), store.WithClock(fixedClock))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	cls, err := checklists.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.AddChecklists(ctx, true, cls...); err != nil {
		tb.Fatal(err)
	}
	if demo {
		if err := db.SeedDemo(ctx); err != nil {
			tb.Fatal(err)
		}
	}
	if inspector != "" {
		if err := db.SetSetting(ctx, store.SettingInspector, inspector); err != nil {
			tb.Fatal(err)
		}
	}
	return db
}

func testDeps(tb testing.TB, st Store, lang i18n.Lang) Deps {
	tb.Helper()
	cls, err := checklists.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	kinds, err := checklists.Kinds()
	if err != nil {
		tb.Fatal(err)
	}
	return Deps{Store: st, Lang: lang, Kinds: kinds, Checklists: cls, Now: fixedClock}
}

// newTestApp builds an App at w×h with debounce ticks off (tests commit
// text explicitly) and runs Init.
func newTestApp(tb testing.TB, st Store, lang i18n.Lang, w, h int) App {
	tb.Helper()
	a := New(testDeps(tb, st, lang))
	a.c.debounce = 0
	a = send(tb, a, tea.WindowSizeMsg{Width: w, Height: h})
	return drive(tb, a, a.Init())
}

// send delivers one message and runs every command it returns, feeding
// their messages back, until nothing is left (synchronously: a stand-in
// for the program loop).
func send(tb testing.TB, a App, msg tea.Msg) App {
	tb.Helper()
	m, cmd := a.Update(msg)
	return drive(tb, m.(App), cmd)
}

func drive(tb testing.TB, a App, cmd tea.Cmd) App {
	tb.Helper()
	if cmd == nil {
		return a
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
		return a
	case tea.BatchMsg:
		for _, c := range msg {
			a = drive(tb, a, c)
		}
		return a
	case tea.QuitMsg:
		a.quitting = true
		a.fatal = "quit"
		return a
	}
	return send(tb, a, msg)
}

// keys sends key presses: "enter", "esc", "tab", "down", "up", "backspace",
// "ctrl+h", "ctrl+s", "ctrl+c", "pgdown"; anything else is typed as runes.
func keys(tb testing.TB, a App, presses ...string) App {
	tb.Helper()
	for _, p := range presses {
		a = send(tb, a, keyMsg(p))
	}
	return a
}

func keyMsg(p string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"down": tea.KeyDown, "up": tea.KeyUp, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "ctrl+h": tea.KeyCtrlH, "ctrl+s": tea.KeyCtrlS, "ctrl+c": tea.KeyCtrlC,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if t, ok := named[p]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(p)}
}

// screen is the plain text of the view.
func screen(a App) string { return ansi.Strip(a.View()) }

func requireContains(tb testing.TB, a App, want ...string) {
	tb.Helper()
	s := screen(a)
	for _, w := range want {
		if !strings.Contains(s, w) {
			tb.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// openDemoUnit opens the demo unit with the given code from the start
// screen (demo database, inspector set).
func openDemoUnit(tb testing.TB, a App, code string) App {
	tb.Helper()
	if a.screen != screenStart {
		tb.Fatalf("not on the start screen: %s", a.screen)
	}
	a = keys(tb, a, "tab")
	for i := 0; i < len(a.start.rows); i++ {
		if a.start.rows[a.start.unitCursor].unit.Code == code {
			a = keys(tb, a, "enter")
			if a.screen != screenChecklist || a.sess == nil || a.sess.unit.Code != code {
				tb.Fatalf("unit %s did not open: screen %s", code, a.screen)
			}
			return a
		}
		a = keys(tb, a, "down")
	}
	tb.Fatalf("unit %s not in the list", code)
	return a
}

// storedFinding reads an item's finding back from the database.
func storedFinding(tb testing.TB, db *store.DB, assessmentID, code string) (model.Finding, bool) {
	tb.Helper()
	fs, err := db.Findings(context.Background(), assessmentID)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range fs {
		if f.ItemCode == code {
			return f, true
		}
	}
	return model.Finding{}, false
}
