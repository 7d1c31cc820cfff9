package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// fixedNow is the clock of every test: "Đã lưu 14:32:05".
var fixedNow = time.Date(2022, 10, 18, 14, 32, 5, 0, time.Local)

func fixedClock() time.Time { return fixedNow }

// templateDir holds the seeded databases the tests copy; TestMain removes it.
var templateDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kiemtra-ui-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	templateDir = dir
	code := m.Run()
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}

var (
	demoOnce sync.Once
	demoPath string
	demoErr  error
)

// demoTemplate seeds the demo database once per test binary: seeding
// takes far longer than copying the file.
func demoTemplate() (string, error) {
	demoOnce.Do(func() {
		path := filepath.Join(templateDir, "demo.db")
		db, err := newStore(path)
		if err == nil {
			err = db.SeedDemo(context.Background())
			if cerr := db.Close(); err == nil {
				err = cerr
			}
		}
		demoPath, demoErr = path, err
	})
	return demoPath, demoErr
}

// newStore makes a database at path with the built-in checklists.
func newStore(path string) (*store.DB, error) {
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.WithClock(fixedClock))
	if err != nil {
		return nil, err
	}
	cls, err := checklists.Builtin()
	if err == nil {
		_, err = db.AddChecklists(ctx, true, cls...)
	}
	if err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return db, nil
}

// copyFile copies src to dst, 0600.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }() // opened to read only
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// openStore opens a real database in a temp folder with the built-in
// checklists; demo makes it a copy of the seeded demo database (all copies
// share its device ID, so tests that exchange bundles use demo false);
// inspector sets the name.
func openStore(tb testing.TB, demo bool, inspector string) *store.DB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "kiemtra.db")
	var db *store.DB
	var err error
	if demo {
		tmpl, terr := demoTemplate()
		if terr != nil {
			tb.Fatalf("seed the demo database: %v", terr)
		}
		// The template was closed, so SQLite checkpointed it; a -wal left
		// behind would hold committed data, so it is copied too.
		for _, suffix := range []string{"", "-wal"} {
			if _, serr := os.Stat(tmpl + suffix); serr == nil {
				if err := copyFile(tmpl+suffix, path+suffix); err != nil {
					tb.Fatal(err)
				}
			}
		}
		db, err = store.Open(context.Background(), path, store.WithClock(fixedClock))
	} else {
		db, err = newStore(path)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	if inspector != "" {
		if err := db.SetSetting(context.Background(), store.SettingInspector, inspector); err != nil {
			tb.Fatal(err)
		}
	}
	return db
}

// testImporter and testExporter are the real import and export over the
// test's database: the one place that says which types do that job.
func testImporter(db *store.DB, _ i18n.Lang) Importer { return db }

func testExporter(tb testing.TB, db *store.DB, dir string, lang i18n.Lang) Exporter {
	tb.Helper()
	kinds, err := checklists.Kinds()
	if err != nil {
		tb.Fatal(err)
	}
	return report.NewExporter(db, dir, lang, kinds)
}

func testDeps(tb testing.TB, st Store, lang i18n.Lang) Deps {
	tb.Helper()
	kinds, err := checklists.Kinds()
	if err != nil {
		tb.Fatal(err)
	}
	return Deps{Store: st, Lang: lang, Kinds: kinds, Now: fixedClock}
}

// startApp builds the App from deps at w×h with debounce ticks off (tests
// commit text explicitly), the screen drawn after every key, and runs
// Init.
func startApp(tb testing.TB, deps Deps, w, h int) App {
	tb.Helper()
	a := New(deps)
	a.c.debounce = 0
	a.c.frameEvery = 0
	a = send(tb, a, tea.WindowSizeMsg{Width: w, Height: h})
	return drive(tb, a, a.Init())
}

// newTestApp is the App on st at w×h.
func newTestApp(tb testing.TB, st Store, lang i18n.Lang, w, h int) App {
	tb.Helper()
	return startApp(tb, testDeps(tb, st, lang), w, h)
}

// send delivers one message and runs every command it returns, feeding
// their messages back, until nothing is left (synchronously: a stand-in
// for the program loop).
func send(tb testing.TB, a App, msg tea.Msg) App {
	tb.Helper()
	a, cmd := a.update(msg)
	return drive(tb, a, cmd)
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
		a.fatal = "quit"
		return a
	}
	return send(tb, a, msg)
}

// quit reports whether the App asked to quit (drive marks it).
func quit(a App) bool { return a.fatal == "quit" }

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
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd, "ctrl+u": tea.KeyCtrlU,
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
	if a.screen == screenChecklist && a.start.loaded {
		// Reopened where the last test step stopped: back to the list.
		a = keys(tb, a, "esc")
	}
	if a.screen != screenStart {
		tb.Fatalf("not on the start screen: %s", a.screen)
	}
	a = keys(tb, a, "tab")
	for i := 0; i < len(a.start.rows); i++ {
		if a.start.rows[a.start.unitCursor].unit.Code == code {
			a = keys(tb, a, "enter")
			if a.screen != screenChecklist || !a.sess.isOpen() || a.sess.unit.Code != code {
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

// cursorItem is the item under the checklist's cursor.
func cursorItem(a App) flatItem { return a.sess.items[a.checklist.cursor] }

// requireStatus checks the status line says text, cut to the line's width
// if it is longer (as the line shows it, ending in "…").
func requireStatus(tb testing.TB, a App, text string) {
	tb.Helper()
	lines := strings.Split(screen(a), "\n")
	line := lines[len(lines)-2]
	// On the right: whether the screen is stored ("Đã lưu 14:32:05",
	// "Chưa lưu", "Đang lưu…"), in either language, after the message.
	line = strings.TrimRight(line, " ")
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		tr := i18n.New(lang)
		for _, right := range []string{tr.T("ui.status.saved_at", fixedNow.Format("15:04:05")), tr.T("ui.status.unsaved"), tr.T("ui.status.saving")} {
			if rest, ok := strings.CutSuffix(line, right); ok && (strings.HasSuffix(rest, "  ") || strings.HasSuffix(rest, "…")) {
				line = rest
			}
		}
	}
	line = strings.TrimRight(line, " ")
	shown := strings.TrimSuffix(line, "…")
	if shown == "" || !strings.HasPrefix(text, shown) || shown != line && len([]rune(shown)) < 20 {
		tb.Fatalf("status line %q does not say %q", line, text)
	}
}
