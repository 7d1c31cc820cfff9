package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Backspace-technique input methods (Unikey, EVKey, OpenKey, ibus-bamboo)
// replace the letters typed so far: they send a backspace (0x7f, or 0x08 =
// ctrl+h) per letter to remove, then the recomposed text, sometimes as one
// chunk of several runes. Each case replays what the IME sends.
func bs() tea.KeyMsg                    { return tea.KeyMsg{Type: tea.KeyBackspace} }
func ctrlH() tea.KeyMsg                 { return tea.KeyMsg{Type: tea.KeyCtrlH} }
func runes(s string) tea.KeyMsg         { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
func space() tea.KeyMsg                 { return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")} }
func seq(ms ...tea.KeyMsg) []tea.KeyMsg { return ms }

var imeCases = []struct {
	name string
	keys []tea.KeyMsg
	want string
}{
	// Telex "tieesng vieetj": the IME swallows the modifier key (the
	// second e, s, j) and sends backspaces plus the recomposed letters.
	{"telex tieesng vieetj, one rune per read", seq(
		runes("T"), runes("i"), runes("e"),
		bs(), runes("ê"), // e → ê
		bs(), runes("ế"), // s → sắc
		runes("n"), runes("g"), space(),
		runes("V"), runes("i"), runes("e"), bs(), runes("ê"), runes("t"),
		bs(), bs(), runes("ệt"), // j after the final consonant
	), "Tiếng Việt"},
	{"telex tuwowngf, recomposed chunk after backspaces", seq(
		runes("t"), runes("u"), bs(), runes("ư"),
		runes("o"), bs(), bs(), runes("ươ"),
		runes("n"), runes("g"), bs(), bs(), bs(), bs(), runes("ường"),
	), "tường"},
	{"the same with 0x08 (ctrl+h) backspaces", seq(
		runes("t"), runes("u"), ctrlH(), runes("ư"),
		runes("o"), ctrlH(), ctrlH(), runes("ươ"),
		runes("n"), runes("g"), ctrlH(), ctrlH(), ctrlH(), ctrlH(), runes("ường"),
	), "tường"},
	{"VNI Ke61 hoa5ch so61", seq(
		runes("K"), runes("e"), bs(), runes("ê"), bs(), runes("ế"), space(),
		runes("h"), runes("o"), runes("a"), bs(), runes("ạ"), runes("c"), runes("h"), space(),
		runes("s"), runes("o"), bs(), runes("ô"), bs(), runes("ố"), space(),
		runes("149/KH-UBND"),
	), "Kế hoạch số 149/KH-UBND"},
	{"a whole word in one read", seq(runes("Đ"), runes("ông"), space(), runes("Hưng")), "Đông Hưng"},
	{"decomposed input is stored composed", seq(runes(norm.NFD.String("Hải Dương"))), "Hải Dương"},
}

// TestIMEReplayNote replays IME sequences into the editor's note and checks
// both the field and what reaches the database.
func TestIMEReplayNote(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	for _, c := range imeCases {
		t.Run(c.name, func(t *testing.T) {
			a := newTestApp(t, db, i18n.VI, 100, 30)
			a = openDemoUnit(t, a, "SYT")
			a = keys(t, a, "enter", "3") // chưa đạt → note focused
			if a.editor.focus != focusNote {
				t.Fatalf("focus %d", a.editor.focus)
			}
			// Clear what an earlier case stored.
			for range []rune(a.editor.note.Value()) {
				a = send(t, a, bs())
			}
			for _, k := range c.keys {
				a = send(t, a, k)
			}
			if got := norm.NFC.String(a.editor.note.Value()); got != c.want {
				t.Fatalf("note field %q, want %q", got, c.want)
			}
			code := a.sess.items[a.editor.index].Code
			a = keys(t, a, "esc")
			if a.status.isErr {
				t.Fatalf("status: %s", a.status.text)
			}
			f, _ := storedFinding(t, db, a.sess.assessment.ID, code)
			if f.Note != c.want || !norm.NFC.IsNormalString(f.Note) {
				t.Fatalf("stored %q, want %q (NFC)", f.Note, c.want)
			}
			if f.Result != model.ResultFail {
				t.Fatalf("result %v", f.Result)
			}
		})
	}
}

// TestIMEReplaySingleLine replays the same sequences into single-line
// inputs (the first-launch name and the search box).
func TestIMEReplaySingleLine(t *testing.T) {
	t.Parallel()
	for _, c := range imeCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			db := openStore(t, false, "")
			a := newTestApp(t, db, i18n.VI, 100, 30)
			for _, k := range c.keys {
				a = send(t, a, k)
			}
			if got := norm.NFC.String(a.firstRun.input.Value()); got != c.want {
				t.Fatalf("name field %q, want %q", got, c.want)
			}
		})
	}
}
