package ui

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// The help tells the truth: every key it lists acts, every key that acts
// is listed, and a key of the screen that cannot act now says why. The
// tests below read each screen's help from its keymap (App.FullHelp),
// press every key a keyboard sends on a copy of the screen, and compare.

// labelKeys reads a binding's help key back into the keys it names:
// "↑/k" is up and k, "pgdn" is pgdown, "/" is the slash.
func labelKeys(label string) []string {
	if label == "/" {
		return []string{"/"}
	}
	names := map[string]string{"↑": "up", "↓": "down", "←": "left", "→": "right", "pgdn": "pgdown", "F1": "f1"}
	var out []string
	for _, p := range strings.Split(label, "/") {
		if n, ok := names[p]; ok {
			p = n
		}
		out = append(out, p)
	}
	return out
}

// keyUniverse is every key a terminal sends that the app could bind:
// the named keys and the printable characters.
func keyUniverse() []tea.KeyMsg {
	types := []tea.KeyType{tea.KeyEnter, tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyUp, tea.KeyDown, tea.KeyLeft,
		tea.KeyRight, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd, tea.KeyBackspace, tea.KeyDelete, tea.KeyInsert,
		tea.KeyCtrlHome, tea.KeyCtrlEnd, tea.KeyCtrlUp, tea.KeyCtrlDown, tea.KeyCtrlLeft, tea.KeyCtrlRight,
		tea.KeyShiftUp, tea.KeyShiftDown, tea.KeyShiftLeft, tea.KeyShiftRight, tea.KeyCtrlPgUp, tea.KeyCtrlPgDown,
		tea.KeyF1, tea.KeyF2, tea.KeyF3, tea.KeyF4, tea.KeyF5, tea.KeyF6, tea.KeyF7, tea.KeyF8, tea.KeyF9, tea.KeyF10,
		tea.KeyF11, tea.KeyF12, tea.KeyCtrlAt, tea.KeyCtrlBackslash, tea.KeyCtrlCloseBracket, tea.KeyCtrlCaret,
		tea.KeyCtrlUnderscore}
	for t := tea.KeyCtrlA; t <= tea.KeyCtrlZ; t++ {
		if t == tea.KeyCtrlI || t == tea.KeyCtrlM || t == tea.KeyCtrlC {
			continue // tab, enter; ctrl+c quits, checked on its own
		}
		types = append(types, t)
	}
	out := make([]tea.KeyMsg, 0, len(types)+100)
	for _, t := range types {
		out = append(out, tea.KeyMsg{Type: t})
	}
	out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	for r := '!'; r <= '~'; r++ {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	for _, r := range "đư" {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// widgetKeys are the keys a text field handles itself (moving the
// cursor, deleting, a line break): in a text field they edit the text.
// They are the keys field.update acts on.
var widgetKeys = func() map[string]bool {
	out := map[string]bool{}
	for _, k := range []tea.KeyType{tea.KeyEnter, tea.KeyCtrlJ, tea.KeyBackspace, tea.KeyCtrlH, tea.KeyDelete, tea.KeyCtrlD,
		tea.KeyCtrlW, tea.KeyCtrlK, tea.KeyCtrlU, tea.KeyLeft, tea.KeyCtrlB, tea.KeyRight, tea.KeyCtrlF, tea.KeyCtrlLeft,
		tea.KeyCtrlRight, tea.KeyHome, tea.KeyCtrlA, tea.KeyEnd, tea.KeyCtrlE, tea.KeyCtrlHome, tea.KeyCtrlEnd,
		tea.KeyUp, tea.KeyDown} {
		out[tea.KeyMsg{Type: k}.String()] = true
	}
	return out
}()

// ownCaches is a with caches of its own. A program has one App, and its
// copies share the caches of drawn lines; scenes made from one another
// and driven in parallel must not.
func ownCaches(a App) App {
	a.drawn = newDrawnCache()
	a.checklist.rows = newRowCache()
	return a
}

// helpOf is the bindings an App's help holds, enabled or not.
func helpOf(a App) []key.Binding {
	var out []key.Binding
	for _, g := range a.FullHelp() {
		out = append(out, g...)
	}
	return out
}

// splitView is the view's status line and the rest.
func splitView(a App) (status, rest string) {
	lines := strings.Split(ansi.Strip(a.View()), "\n")
	if len(lines) < 2 {
		return "", strings.Join(lines, "\n")
	}
	status = lines[len(lines)-2]
	lines[len(lines)-2] = ""
	return status, strings.Join(lines, "\n")
}

// checkHelpTruth presses every key on copies of a and compares what
// happened with a's help.
func checkHelpTruth(t *testing.T, name string, a App) {
	t.Helper()
	// Each key is pressed on a copy whose status line says nothing yet,
	// so any word it says shows.
	a.status = statusLine{savedAt: a.status.savedAt}
	bindings := helpOf(a)
	on := map[string]key.Binding{}
	off := map[string]bool{}
	for _, b := range bindings {
		got, want := labelKeys(b.Help().Key), slices.Clone(b.Keys())
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the help says %q (%s) for the keys %v", name, b.Help().Key, b.Help().Desc, b.Keys())
		}
		if !b.Enabled() {
			for _, k := range b.Keys() {
				off[k] = true
			}
			continue
		}
		for _, k := range b.Keys() {
			if prev, dup := on[k]; dup {
				t.Errorf("%s: %s is listed twice: %q (%s) and %q (%s)", name, k, prev.Help().Key, prev.Help().Desc,
					b.Help().Key, b.Help().Desc)
			}
			on[k] = b
		}
	}
	for _, b := range a.ShortHelp() {
		if b.Enabled() && !slices.ContainsFunc(bindings, func(f key.Binding) bool { return f.Enabled() && slices.Equal(f.Keys(), b.Keys()) }) {
			t.Errorf("%s: the footer shows %q (%s), which the full help lacks", name, b.Help().Key, b.Help().Desc)
		}
	}
	typing := a.typing()
	status0, rest0 := splitView(a)
	for _, km := range keyUniverse() {
		k := km.String()
		_, listed := on[k]
		bound := listed || off[k]
		if typing && !listed && (km.Type == tea.KeyRunes || km.Type == tea.KeySpace || widgetKeys[k] && !bound) {
			continue // typed into the field
		}
		m, cmd := a.Update(km)
		b := m.(App)
		status, rest := splitView(b)
		acted := cmd != nil || rest != rest0
		answered := acted || status != status0
		switch {
		case listed && !answered:
			t.Errorf("%s: %s is listed (%s) but does nothing", name, k, on[k].Help().Desc)
		case !listed && off[k] && acted:
			t.Errorf("%s: %s acts but the help leaves it out (its binding is disabled)", name, k)
		case !listed && off[k] && !answered:
			t.Errorf("%s: %s cannot act here and does not say why", name, k)
		case !listed && !off[k] && answered:
			t.Errorf("%s: %s acts but is not listed:\nstatus %q\n%s", name, k, status, rest)
		}
	}
	if _, cmd := a.Update(tea.KeyMsg{Type: tea.KeyCtrlC}); cmd == nil || !on["ctrl+c"].Enabled() {
		t.Errorf("%s: ctrl+c does not quit, or is not listed", name)
	}
}

// helpScenes are the screens in the states the tests check, each built
// from a real database.
func helpScenes(t *testing.T) map[string]App {
	t.Helper()
	ctx := context.Background()
	db := openStore(t, true, "Nguyễn Thị Hương")
	// Three inspections, so the cursor can stand in the middle.
	for _, title := range []string{"A. Kiểm tra thử", "Z. Kiểm tra thử"} {
		if _, err := db.SaveInspection(ctx, "Nguyễn Thị Hương", model.Inspection{Title: title, Year: 2022}); err != nil {
			t.Fatal(err)
		}
	}
	deps := testDeps(t, db, i18n.VI)
	deps.Exporter = testExporter(t, db, t.TempDir(), i18n.VI)
	deps.Importer = testImporter(db, i18n.VI)
	base := startApp(t, deps, 120, 40)
	start := keys(t, base, "down")
	if in, _ := start.start.selected(); !strings.HasPrefix(in.Title, "Kiểm tra") {
		t.Fatalf("the demo inspection is not in the middle: %q", in.Title)
	}
	units := keys(t, start, "tab", "down", "down")
	draft := openDemoUnit(t, start, "SYT")
	draft = keys(t, draft, "l", "j") // second field, second item
	binary := draft
	for cursorItem(binary).Scoring != model.ScoringBinary {
		binary = keys(t, binary, "j")
	}
	partial := draft
	for cursorItem(partial).Scoring == model.ScoringBinary || cursorItem(partial).Scoring == model.ScoringDeduction {
		partial = keys(t, partial, "j")
	}
	final := openDemoUnit(t, start, "STP")
	final = keys(t, final, "l", "j")
	empty := newTestApp(t, openStore(t, false, "Nguyễn Thị Hương"), i18n.VI, 120, 40)
	scenes := map[string]App{
		"start: inspections":          start,
		"start: units":                units,
		"start: no inspection":        empty,
		"start: new inspection form":  keys(t, start, "n"),
		"start: add unit form":        keys(t, start, "a"),
		"start: add unit form, kind":  keys(t, start, "a", "tab", "tab"),
		"start: export form":          keys(t, units, "x"),
		"start: import form":          keys(t, start, "i"),
		"checklist":                   draft,
		"checklist: binary item":      binary,
		"checklist: finalized":        final,
		"checklist: filter chooser":   keys(t, draft, "f", "down"),
		"checklist: filtered":         keys(t, chooseFilter(t, draft, 1), "down"),
		"checklist: export form":      keys(t, draft, "x"),
		"start: unit form":            keys(t, units, "e"),
		"editor: result":              keys(t, partial, "enter"),
		"editor: score":               keys(t, partial, "enter", "2", "tab"),
		"editor: note":                keys(t, partial, "enter", "tab", "tab"),
		"editor: binary item":         keys(t, binary, "enter"),
		"editor: finalized":           keys(t, final, "enter"),
		"editor: history":             send(t, keys(t, final, "enter"), tea.KeyMsg{Type: tea.KeyCtrlL}),
		"editor: history, new item":   send(t, keys(t, partial, "enter", "1"), tea.KeyMsg{Type: tea.KeyCtrlL}),
		"search: empty":               keys(t, draft, "/"),
		"search: results":             keys(t, draft, "/", "thu tuc", "down"),
		"summary":                     keys(t, draft, "s", "down"),
		"summary: scrolled":           keys(t, send(t, keys(t, draft, "s"), tea.WindowSizeMsg{Width: 80, Height: 24}), "down", "down"),
		"summary: finalized":          keys(t, final, "s", "down"),
		"summary: unit's side":        keys(t, draft, "s", "e"),
		"summary: unit's side, notes": keys(t, draft, "s", "e", "tab", "tab"),
		"summary: finalize":           keys(t, draft, "s", "f"),
		"summary: reopen":             keys(t, final, "s", "o"),
		"summary: export":             keys(t, final, "s", "x"),
		"conflicts: none":             keys(t, start, "C"),
		"help":                        keys(t, draft, "?"),
		"help in a field":             keys(t, partial, "enter", "tab", "tab", "f1"),
		"first run":                   newTestApp(t, openStore(t, false, ""), i18n.VI, 120, 40),
	}
	for name, a := range conflictScenes(t) {
		scenes[name] = a
	}
	return scenes
}

// conflictScenes are the conflicts screen with three conflicts, the
// middle one chosen, and the editor holding a merged value.
func conflictScenes(t *testing.T) map[string]App {
	t.Helper()
	a, b := twoLaptops(t)
	ctx := context.Background()
	as, err := a.db.Assessment(ctx, a.aid)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := a.db.Checklist(ctx, as.ChecklistID, as.ChecklistVersion)
	if err != nil {
		t.Fatal(err)
	}
	items := cl.Items()[:3]
	for _, it := range items {
		a.save(t, it.Code, model.Content{Result: model.ResultPass, Score: it.Max})
	}
	if rep, err := b.db.Import(ctx, []string{a.bundle(t, t.TempDir(), "a1.ktb")}, store.ImportOptions{}); err != nil || rep.Failed() != 0 {
		t.Fatalf("first exchange: %v %+v", err, rep)
	}
	for _, it := range items {
		a.save(t, it.Code, model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."})
		b.save(t, it.Code, model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	}
	usb := t.TempDir()
	a.bundle(t, usb, "a2.ktb")
	app := newSyncApp(t, b, i18n.VI)
	app = keys(t, app, "i", usb, "enter")
	if app.screen != screenConflicts || len(app.conflicts.conflicts) != 3 {
		t.Fatalf("after the import: screen %s, %d conflicts", app.screen, len(app.conflicts.conflicts))
	}
	app = keys(t, app, "down")
	return map[string]App{
		"conflicts":            app,
		"editor: merged value": keys(t, app, "e"),
	}
}

// TestHelpTellsTheTruth: on every screen, in every state the scenes
// cover, each key listed acts, each key that acts is listed, and a key of
// the screen that cannot act says why in the status line.
func TestHelpTellsTheTruth(t *testing.T) {
	t.Parallel()
	for name, a := range helpScenes(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkHelpTruth(t, name, ownCaches(a))
		})
	}
}

// TestHelpKeyAlwaysShown: the footer ends with the help key at every
// width from the smallest usable one, on every screen.
func TestHelpKeyAlwaysShown(t *testing.T) {
	t.Parallel()
	for name, a := range helpScenes(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := ownCaches(a)
			want := "? trợ giúp"
			switch {
			case a.showHelp:
				want = "?/esc/F1 đóng"
			case a.typing():
				want = "F1 trợ giúp"
			}
			for w := minWidth; w <= 300; w += 7 {
				b := send(t, a, tea.WindowSizeMsg{Width: w, Height: 30})
				lines := strings.Split(ansi.Strip(b.View()), "\n")
				foot := lines[len(lines)-1]
				if !strings.Contains(foot, want) || ansi.StringWidth(foot) > w {
					t.Fatalf("%s at %d columns: the footer %q lacks %q", name, w, foot, want)
				}
			}
		})
	}
}

// TestHelpCasesOfTheIssue: the cases found by hand, by name.
func TestHelpCasesOfTheIssue(t *testing.T) {
	t.Parallel()
	scenes := helpScenes(t)
	full := func(a App) string {
		var s []string
		for _, b := range helpOf(a) {
			if b.Enabled() {
				s = append(s, b.Help().Key+" "+b.Help().Desc)
			}
		}
		return strings.Join(s, " | ")
	}
	for _, c := range []struct {
		scene    string
		has, not []string
	}{
		{"checklist", []string{"enter/e ghi kết quả", "→/l/tab lĩnh vực sau", "←/h/shift+tab lĩnh vực trước"}, nil},
		{"conflicts", []string{"e/enter sửa giá trị gộp"}, nil},
		{"start: inspections", nil, []string{"esc "}},
		{"summary", nil, []string{"tab ô sau", "ctrl+s lưu", "y/enter"}},
		{"checklist: finalized", []string{"enter/e xem mục"}, []string{"ghi kết quả", "1 đạt", "3 chưa đạt"}},
		{"checklist: export form", []string{"enter xác nhận", "esc huỷ"}, []string{"1 đạt", "x xuất tệp"}},
		{"checklist", []string{"x xuất tệp"}, nil},
		{"start: units", []string{"e sửa thông tin đơn vị"}, []string{"e sửa thông tin đợt"}},
		{"start: inspections", []string{"e sửa thông tin đợt"}, []string{"e sửa thông tin đơn vị"}},
		{"checklist: binary item", []string{"1 đạt", "3 chưa đạt"}, []string{"2 đạt một phần"}},
		{"editor: binary item", []string{"1 đạt"}, []string{"2 đạt một phần"}},
	} {
		got := full(scenes[c.scene])
		for _, h := range c.has {
			if !strings.Contains(got, h) {
				t.Errorf("%s: the help lacks %q: %s", c.scene, h, got)
			}
		}
		for _, n := range c.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: the help offers %q: %s", c.scene, n, got)
			}
		}
	}
	if got := strings.Count(full(scenes["editor: note"]), "esc "); got != 1 {
		t.Errorf("the editor lists esc %d times: %s", got, full(scenes["editor: note"]))
	}
	_ = fmt.Sprint
}
