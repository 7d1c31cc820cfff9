package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/store"
)

// keyNameWords are words that are also the names of keys (and the keys
// the screens bind). An input method commits a word in one read, a paste
// without brackets and fast typing under load arrive the same way, and
// Bubble Tea delivers each such run of letters as one KeyRunes message
// whose String() is the word.
var keyNameWords = []string{
	"xem", "tab", "rồi", "esc", "down", "up", "end", "home", "ctrl+c", "enter", "q", "?",
	"shift+tab", "pgdown", "pgup", "ctrl+s", "backspace", "delete", "left", "right",
	"ctrl+h", "ctrl+w", "ctrl+k", "ctrl+u", "ctrl+a", "ctrl+e", "ctrl+v", "ctrl+n", "ctrl+p",
	"alt+b", "j", "k", "g", "G", "1", "2", "3", "0", "e", "n", "s", "f", "o", "x", "i", "C", "/", "y", "h", "l",
}

// keyNameText is what typing keyNameWords leaves in a field.
var keyNameText = strings.Join(keyNameWords, " ")

// typeKeyNames types keyNameWords, each word in one read, a space
// between them.
func typeKeyNames(tb testing.TB, a App) App {
	tb.Helper()
	for i, w := range keyNameWords {
		if i > 0 {
			a = send(tb, a, space())
		}
		a = send(tb, a, runes(w))
	}
	return a
}

// textFieldCase reaches one text field and reads it back.
type textFieldCase struct {
	name string
	// open returns the App with the field focused and empty.
	open func(tb testing.TB) App
	// value is the field's text.
	value func(a App) string
}

// where says which field has the keyboard, to check typing left it there.
func where(a App) string {
	return fmt.Sprintf("screen %s, editor field %s, form %s field %d, details field %d, summary mode %s field %d, searching %v, import %s",
		a.screen, a.editor.focus, a.start.formKind, a.start.form.focus, a.start.details.focus, a.summary.mode,
		a.summary.details.focus, a.searching, a.start.imports.step)
}

// clearField deletes n runes before the cursor.
func clearField(tb testing.TB, a App, text string) App {
	tb.Helper()
	for range []rune(text) {
		a = send(tb, a, bs())
	}
	return a
}

func demoApp(tb testing.TB) App {
	tb.Helper()
	db := openStore(tb, true, "Nguyễn Thị Hương")
	deps := testDeps(tb, db, i18n.VI)
	deps.Importer = db
	deps.Exporter = testExporter(tb, db, tb.TempDir(), i18n.VI)
	return startApp(tb, deps, 120, 40)
}

func textFieldCases() []textFieldCase {
	editorAt := func(presses ...string) func(tb testing.TB) App {
		return func(tb testing.TB) App {
			a := openDemoUnit(tb, demoApp(tb), "SYT")
			return keys(tb, a, append([]string{"enter"}, presses...)...)
		}
	}
	form := func(i int) func(a App) string { return func(a App) string { return a.start.form.value(i) } }
	return []textFieldCase{
		{"first-run name", func(tb testing.TB) App {
			return newTestApp(tb, openStore(tb, false, ""), i18n.VI, 120, 40)
		}, func(a App) string { return a.firstRun.input.Value() }},
		{"add unit: code", func(tb testing.TB) App { return keys(tb, demoApp(tb), "a") }, form(unitFieldCode)},
		{"add unit: name", func(tb testing.TB) App { return keys(tb, demoApp(tb), "a", "tab") }, form(unitFieldName)},
		{"add unit: date", func(tb testing.TB) App { return keys(tb, demoApp(tb), "a", "tab", "tab", "tab") }, form(unitFieldDate)},
		{"import path", func(tb testing.TB) App { return keys(tb, demoApp(tb), "i") },
			func(a App) string { return a.start.imports.form.value(0) }},
		{"score", func(tb testing.TB) App {
			a := editorAt("2", "tab")(tb)
			return clearField(tb, a, a.editor.score.Value())
		}, func(a App) string { return a.editor.score.Value() }},
		{"note", editorAt("tab", "tab"), func(a App) string { return a.editor.note.Value() }},
		{"evidence", editorAt("tab", "tab", "tab"), func(a App) string { return a.editor.evidence.Value() }},
		{"recommendation", editorAt("tab", "tab", "tab", "tab"), func(a App) string { return a.editor.rec.Value() }},
		{"deadline", editorAt("tab", "tab", "tab", "tab", "tab"), func(a App) string { return a.editor.deadline.Value() }},
		{"search", func(tb testing.TB) App { return keys(tb, openDemoUnit(tb, demoApp(tb), "SYT"), "/") },
			func(a App) string { return a.search.input.Value() }},
		{"reopen reason", func(tb testing.TB) App { return keys(tb, openDemoUnit(tb, demoApp(tb), "STP"), "s", "o") },
			func(a App) string { return a.summary.reason.Value() }},
	}
}

// TestKeyNamesTypedStayText: in every text field, words that are names
// of keys, each arriving in one read, are typed: the field holds every
// one of them, the keyboard stays in the field, and nothing else acts
// (no field change, no screen change, no quit).
func TestKeyNamesTypedStayText(t *testing.T) {
	t.Parallel()
	for _, c := range textFieldCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := c.open(t)
			if !a.typing() || c.value(a) != "" {
				t.Fatalf("the field is not focused and empty: typing %v, value %q, %s", a.typing(), c.value(a), where(a))
			}
			at := where(a)
			a = typeKeyNames(t, a)
			if quit(a) {
				t.Fatal("typing the words quit the app")
			}
			if got := where(a); got != at {
				t.Fatalf("typing moved the keyboard:\nbefore %s\nafter  %s", at, got)
			}
			if got := c.value(a); got != keyNameText {
				t.Fatalf("the field holds\n%q\nwant\n%q", got, keyNameText)
			}
		})
	}
}

// detailsCase opens a details form: the start screen's (an inspection's
// letterhead and team, a báo cáo) or the summary's (a visit, a thông báo).
type detailsCase struct {
	name string
	open func(tb testing.TB) App
	form func(a App) detailsForm
}

// TestKeyNamesInDetailsFormsStayText: the same words typed into every
// text field of every details form stay text there.
func TestKeyNamesInDetailsFormsStayText(t *testing.T) {
	t.Parallel()
	start := func(a App) detailsForm { return a.start.details }
	summary := func(a App) detailsForm { return a.summary.details }
	for _, c := range []detailsCase{
		{"new inspection", func(tb testing.TB) App { return keys(tb, demoApp(tb), "n") }, start},
		{"báo cáo", func(tb testing.TB) App { return keys(tb, demoApp(tb), "b") }, start},
		{"visit", func(tb testing.TB) App { return keys(tb, openDemoUnit(tb, demoApp(tb), "SYT"), "s", "e") }, summary},
		{"thông báo kết luận", func(tb testing.TB) App { return keys(tb, openDemoUnit(tb, demoApp(tb), "STP"), "s", "t") }, summary},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := c.open(t)
			f := c.form(a)
			if !a.typing() || len(f.fields) == 0 || f.focus != 0 {
				t.Fatalf("no details form open: %s", where(a))
			}
			typed := 0
			for i := range f.fields {
				if f = c.form(a); f.focus != i {
					t.Fatalf("tab went to field %d, want %d", f.focus, i)
				}
				if f.fields[i].kind != detailChoice {
					a = clearField(t, a, f.value(f.fields[i].key))
					at := where(a)
					a = typeKeyNames(t, a)
					if got := where(a); quit(a) || got != at {
						t.Fatalf("field %s: typing moved the keyboard:\nbefore %s\nafter  %s", f.fields[i].key, at, got)
					}
					if got := c.form(a).value(f.fields[i].key); got != keyNameText {
						t.Fatalf("field %s holds %q", f.fields[i].key, got)
					}
					typed++
				}
				a = keys(t, a, "tab")
			}
			if typed < 3 {
				t.Fatalf("only %d text fields typed into", typed)
			}
		})
	}
}

// TestKeyNamesInNotesAreStored: the words typed into the finding's text
// fields reach the database byte for byte when the editor is left.
func TestKeyNamesInNotesAreStored(t *testing.T) {
	t.Parallel()
	for i, name := range []string{"note", "evidence", "recommendation"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := openDemoUnit(t, demoApp(t), "SYT")
			code := cursorItem(a).Code
			a = keys(t, a, "enter", "3") // chưa đạt: the note has the keyboard
			for range i {
				a = keys(t, a, "tab")
			}
			a = typeKeyNames(t, a)
			a = keys(t, a, "esc")
			if a.screen != screenChecklist || a.status.isErr {
				t.Fatalf("esc: screen %s, status %q", a.screen, a.status.text)
			}
			f, _ := storedFinding(t, a.c.store.(*store.DB), a.sess.assessment.ID, code)
			got := [...]string{f.Note, f.Evidence, f.Recommendation}[i]
			if got != keyNameText {
				t.Fatalf("stored %s %q, want %q", name, got, keyNameText)
			}
		})
	}
}

// TestKeyNamesInMergedValue: the same in the editor holding the merged
// value of a conflict, whose keys differ (ctrl+s resolves, esc cancels).
func TestKeyNamesInMergedValue(t *testing.T) {
	t.Parallel()
	a, b := twoLaptops(t)
	item, _ := firstItems(t, a)
	usb := t.TempDir()
	conflicted(t, a, b, item, usb)
	app := newSyncApp(t, b, i18n.VI)
	app = keys(t, app, "i", usb, "enter", "e", "tab", "tab")
	if app.screen != screenEditor || !app.editor.resolving || app.editor.focus != focusNote {
		t.Fatalf("not in the merged note: %s", where(app))
	}
	merged := app.editor.note.Value()
	at := where(app)
	app = typeKeyNames(t, app)
	if got := where(app); quit(app) || got != at || !app.editor.resolving {
		t.Fatalf("typing moved the keyboard:\nbefore %s\nafter  %s", at, got)
	}
	if got := app.editor.note.Value(); got != merged+keyNameText {
		t.Fatalf("merged note %q, want %q", got, merged+keyNameText)
	}
	app = keys(t, app, "ctrl+s", "y")
	f, _ := storedFinding(t, b.db, b.aid, item)
	if f.Note != merged+keyNameText {
		t.Fatalf("resolved note %q", f.Note)
	}
}

// TestRunesOutsideFieldsActOneByOne: outside a text field, letters that
// arrive in one read act as if pressed one after the other, and once one
// of them opens a text field the rest are typed into it.
func TestRunesOutsideFieldsActOneByOne(t *testing.T) {
	t.Parallel()
	a := openDemoUnit(t, demoApp(t), "SYT")
	first := a.checklist.cursor
	a = send(t, a, runes("jj3Thiếu"))
	if a.screen != screenEditor || a.editor.index != first+2 || a.editor.focus != focusNote {
		t.Fatalf("jj3 in one read: %s, item %d (want %d)", where(a), a.editor.index, first+2)
	}
	if got := a.editor.note.Value(); got != "Thiếu" {
		t.Fatalf("the letters after 3 went to %q, want the note", got)
	}
	// A bracketed paste outside a field is not a string of commands.
	a = keys(t, a, "esc")
	at := where(a)
	a = send(t, a, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjq"), Paste: true})
	if quit(a) || where(a) != at {
		t.Fatalf("a paste on the checklist acted: %s", where(a))
	}
}

// TestEscThenLetterInOneRead: Esc followed quickly by a letter reaches
// the app as one key, alt+letter. Esc acts and the letter after it acts
// too; nothing is typed.
func TestEscThenLetterInOneRead(t *testing.T) {
	t.Parallel()
	altJ := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j"), Alt: true}
	a := openDemoUnit(t, demoApp(t), "SYT")
	code := cursorItem(a).Code
	first := a.checklist.cursor
	a = keys(t, a, "3", "Thiếu sổ theo dõi")
	a = send(t, a, altJ)
	if a.screen != screenChecklist || a.checklist.cursor != first+1 {
		t.Fatalf("esc+j in the note: %s, cursor %d (want %d)", where(a), a.checklist.cursor, first+1)
	}
	if f, _ := storedFinding(t, a.c.store.(*store.DB), a.sess.assessment.ID, code); f.Note != "Thiếu sổ theo dõi" {
		t.Fatalf("stored note %q", f.Note)
	}
	// In the search box: esc closes it, k moves the cursor back up.
	a = keys(t, a, "/", "phieu")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k"), Alt: true})
	if a.searching || a.checklist.cursor != first {
		t.Fatalf("esc+k in search: searching %v, cursor %d (want %d)", a.searching, a.checklist.cursor, first)
	}
	// In a form: esc closes it, nothing is typed.
	a = demoApp(t)
	a = keys(t, a, "n", "Kiểm tra")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ư"), Alt: true})
	if a.start.formKind != noForm {
		t.Fatalf("esc+ư in a form: %s, title %q", where(a), a.start.form.value(0))
	}
	// Esc then backspace (alt+backspace) in a note: leaves it, deletes nothing.
	a = openDemoUnit(t, demoApp(t), "SYT")
	a = keys(t, a, "enter", "tab", "tab", "ghi chú")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyBackspace, Alt: true})
	if a.screen != screenChecklist {
		t.Fatalf("esc+backspace in a note: %s", where(a))
	}
	if got := a.sess.content[cursorItem(a).Code].Note; got != "ghi chú" {
		t.Fatalf("note %q after esc+backspace", got)
	}
}

// TestOneKeyMatcher: every comparison of a key with a binding goes
// through matches (input.go), which keeps letters from matching named
// keys; a key.Matches call anywhere else would bring the bug back.
func TestOneKeyMatcher(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no source files: %v", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "input.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "key.Matches(") {
				t.Errorf("%s:%d calls key.Matches; use matches (input.go)", f, i+1)
			}
		}
	}
}
