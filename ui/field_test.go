package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func testArea(w, h int, value string) field {
	f := field{multi: true, Prompt: "│ ", goal: -1}
	f.SetWidth(w)
	f.SetHeight(h)
	f.Focus()
	f.SetValue(value)
	return f
}

func press(f field, ks ...tea.KeyMsg) field {
	for _, k := range ks {
		f, _ = f.update(k)
	}
	return f
}

func kt(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

// rowsOf lists the rows of f's text from its start.
func rowsOf(f field) []row {
	var out []row
	for r := f.rowAt(0); ; r = f.rowAt(r.next) {
		out = append(out, r)
		if r.last {
			return out
		}
	}
}

func rowTexts(f field) []string {
	var out []string
	for _, r := range rowsOf(f) {
		out = append(out, string(f.txt.slice(r.start, r.end)))
	}
	return out
}

// TestFieldWrapsAtSpaces: rows break after a space, a word longer than a
// row is cut, line breaks end rows, and every row's text fits with the
// cursor after it.
func TestFieldWrapsAtSpaces(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w    int
		text string
		want []string
	}{
		{11, "một hai ba bốn năm", []string{"một hai ba", "bốn năm"}},
		{6, "Đông Hưng", []string{"Đông ", "Hưng"}},
		{5, "abcdefghij", []string{"abcd", "efgh", "ij"}},
		{20, "dòng một\ndòng hai\n", []string{"dòng một", "dòng hai", ""}},
		{4, "a  b", []string{"a  ", "b"}},
		{3, "中文字", []string{"中", "文", "字"}},
		{1, "ab", []string{"a", "b"}},
		{10, "", []string{""}},
	} {
		f := testArea(c.w, 3, c.text)
		if got := rowTexts(f); !slices.Equal(got, c.want) {
			t.Errorf("width %d, %q: rows %q, want %q", c.w, c.text, got, c.want)
		}
		for _, r := range rowsOf(f) {
			if got := f.colOf(r.start, r.end); got > f.rowCells() && r.end-r.start > 1 {
				t.Errorf("width %d, %q: row %q takes %d cells", c.w, c.text, f.txt.slice(r.start, r.end), got)
			}
		}
	}
}

// TestFieldMovesByRows: up and down keep the column; home and end go to
// the row's ends; ctrl+← and ctrl+→ by words; ctrl+w, ctrl+k and ctrl+u
// delete a word, to the line's end and to its start.
func TestFieldMovesByRows(t *testing.T) {
	t.Parallel()
	f := testArea(11, 5, "một hai ba bốn năm\nsáu")
	f = press(f, kt(tea.KeyUp)) // from the end of "sáu", column 3
	if f.cur != len([]rune("một hai ba bốn")) {
		t.Fatalf("up from sáu: cursor %d", f.cur)
	}
	f = press(f, kt(tea.KeyUp), kt(tea.KeyDown))
	if f.cur != len([]rune("một hai ba bốn")) {
		t.Fatalf("up and down: cursor %d (the column was not kept)", f.cur)
	}
	f = press(f, kt(tea.KeyHome))
	if f.cur != len([]rune("một hai ba ")) {
		t.Fatalf("home: cursor %d", f.cur)
	}
	f = press(f, kt(tea.KeyEnd))
	if f.cur != len([]rune("một hai ba bốn năm")) {
		t.Fatalf("end: cursor %d", f.cur)
	}
	f = press(f, kt(tea.KeyCtrlLeft), kt(tea.KeyCtrlLeft))
	if f.cur != len([]rune("một hai ba ")) {
		t.Fatalf("two words left: cursor %d", f.cur)
	}
	f = press(f, kt(tea.KeyCtrlW))
	if f.Value() != "một hai bốn năm\nsáu" {
		t.Fatalf("ctrl+w: %q", f.Value())
	}
	f = press(f, kt(tea.KeyCtrlK))
	if f.Value() != "một hai \nsáu" {
		t.Fatalf("ctrl+k: %q", f.Value())
	}
	f = press(f, kt(tea.KeyCtrlU))
	if f.Value() != "\nsáu" || f.cur != 0 {
		t.Fatalf("ctrl+u: %q cursor %d", f.Value(), f.cur)
	}
	f = press(f, kt(tea.KeyCtrlRight))
	if f.cur != 4 {
		t.Fatalf("a word right: cursor %d", f.cur)
	}
}

// TestFieldKeepsWhatItCanHold: line breaks (CR, LF, CRLF and Enter) in a
// note, spaces in a one-line field; tabs become spaces; control
// characters are dropped; a field with a limit stops at it.
func TestFieldKeepsWhatItCanHold(t *testing.T) {
	t.Parallel()
	in := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a\r\nb\rc\nd\te\x00\x1b\u0085f"), Paste: true}
	area := press(testArea(20, 3, ""), in, kt(tea.KeyEnter), kt(tea.KeyCtrlJ))
	if got := area.Value(); got != "a\nb\nc\nd ef\n\n" {
		t.Fatalf("note: %q", got)
	}
	line := field{goal: -1}
	line.SetWidth(20)
	line.Focus()
	line = press(line, in, kt(tea.KeyEnter))
	if got := line.Value(); got != "a b c d ef" {
		t.Fatalf("input: %q", got)
	}
	line.maxRunes = 12
	line = press(line, runes("xyz"))
	if got := line.Value(); got != "a b c d efxy" {
		t.Fatalf("limited input: %q", got)
	}
	if line, changed := line.update(runes("w")); changed || line.Value() != "a b c d efxy" {
		t.Fatalf("past the limit: changed %v, %q", changed, line.Value())
	}
}

// TestFieldLineScrolls: a one-line field shows the text around the
// cursor in its width and one cell more, and as much as fits.
func TestFieldLineScrolls(t *testing.T) {
	t.Parallel()
	f := field{goal: -1, Prompt: "› "}
	f.SetWidth(5)
	f.Focus()
	f = press(f, runes("abcdefghij"))
	if got := ansi.Strip(f.View()); got != "› fghij " {
		t.Fatalf("typed past the width: %q", got)
	}
	f = press(f, kt(tea.KeyHome))
	if got := ansi.Strip(f.View()); got != "› abcdef" {
		t.Fatalf("home: %q", got)
	}
	f = press(f, kt(tea.KeyEnd), bs(), bs(), bs(), bs(), bs(), bs())
	if got := ansi.Strip(f.View()); got != "› abcd  " {
		t.Fatalf("after deleting: %q", got)
	}
	f.SetValue("")
	f.Placeholder = "dd/mm/yyyy"
	if got := ansi.Strip(f.View()); got != "› dd/mm…" {
		t.Fatalf("placeholder: %q", got)
	}
}

// TestFieldRandomEdits: random keys on notes of random sizes and widths
// keep the text equal to the same edits on a plain slice of runes, the
// cursor on screen, the view's start where a row starts, and every drawn
// line within the field's width.
func TestFieldRandomEdits(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(10, 2026))
	alphabet := []rune("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ   \n中")
	for round := range 300 {
		w, h := 1+rng.IntN(12), 1+rng.IntN(5)
		f := testArea(w, h, "")
		var want []rune
		cur := 0
		for step := range 200 {
			var k tea.KeyMsg
			switch op := rng.IntN(12); {
			case op < 5:
				n := 1 + rng.IntN(4)
				rs := make([]rune, n)
				for i := range rs {
					rs[i] = alphabet[rng.IntN(len(alphabet))]
				}
				k = tea.KeyMsg{Type: tea.KeyRunes, Runes: rs}
				want = slices.Insert(want, cur, rs...)
				cur += n
			case op == 5:
				k = bs()
				if cur > 0 {
					want = slices.Delete(want, cur-1, cur)
					cur--
				}
			case op == 6:
				k = kt(tea.KeyDelete)
				if cur < len(want) {
					want = slices.Delete(want, cur, cur+1)
				}
			case op == 7:
				k = kt(tea.KeyLeft)
				cur = max(0, cur-1)
			case op == 8:
				k = kt(tea.KeyRight)
				cur = min(len(want), cur+1)
			default:
				k = kt([]tea.KeyType{tea.KeyUp, tea.KeyDown, tea.KeyHome, tea.KeyEnd}[rng.IntN(4)])
			}
			f, _ = f.update(k)
			if k.Type == tea.KeyUp || k.Type == tea.KeyDown || k.Type == tea.KeyHome || k.Type == tea.KeyEnd {
				cur = f.cur
			}
			where := func() string {
				return fmt.Sprintf("round %d step %d (%s), %d×%d, text %q", round, step, k, w, h, string(want))
			}
			if f.Value() != string(want) || f.cur != cur {
				t.Fatalf("%s: field %q cursor %d, want cursor %d", where(), f.Value(), f.cur, cur)
			}
			checkFieldView(t, f, where)
		}
	}
}

// checkFieldView checks what the view of f must be.
func checkFieldView(t *testing.T, f field, where func() string) {
	t.Helper()
	if f.top != f.rowStartOf(f.top) {
		t.Fatalf("%s: the view starts at %d, inside the row starting at %d", where(), f.top, f.rowStartOf(f.top))
	}
	k := 0
	r := f.rowAt(f.top)
	for !r.holds(f.cur) && !r.last {
		r = f.rowAt(r.next)
		k++
	}
	if !r.holds(f.cur) || k >= f.height {
		t.Fatalf("%s: the cursor %d is on row %d of %d shown (top %d)", where(), f.cur, k, f.height, f.top)
	}
	lines := strings.Split(f.View(), "\n")
	if len(lines) != f.height {
		t.Fatalf("%s: %d lines, want %d", where(), len(lines), f.height)
	}
	for _, l := range lines {
		if got := ansi.StringWidth(l); got > 2+max(f.width, 2) {
			t.Fatalf("%s: line %q is %d cells wide", where(), l, got)
		}
	}
}

// TestTextCopiesKeepTheirContent: texts share arrays with their copies
// and write in place past what any copy sees. Random inserts and deletes,
// each on a copy taken at random from all the texts made so far, leave
// every text holding exactly what the same edits made of a plain string.
func TestTextCopiesKeepTheirContent(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(4, 2026))
	type version struct {
		t    text
		want []rune
	}
	check := func(round, step int, versions []version) {
		t.Helper()
		for i, old := range versions {
			if old.t.Len() != len(old.want) || old.t.String() != string(old.want) {
				t.Fatalf("round %d step %d: text %d of %d changed: %d runes, want %d", round, step, i, len(versions), old.t.Len(), len(old.want))
			}
		}
	}
	for round := range 40 {
		versions := []version{{}}
		for step := range 150 {
			v := versions[rng.IntN(len(versions))]
			if rng.IntN(3) > 0 {
				v = versions[len(versions)-1]
			}
			at := rng.IntN(v.t.Len() + 1)
			n := 1 + rng.IntN(40)
			if rng.IntN(8) == 0 {
				n = 1 + rng.IntN(2*pieceMax)
			}
			if rng.IntN(3) == 0 && v.t.Len() > 0 {
				to := min(v.t.Len(), at+n)
				v = version{t: v.t.delete(at, to), want: slices.Delete(slices.Clone(v.want), at, to)}
			} else {
				rs := []rune(strings.Repeat("ạb", pieceMax))[:n]
				v = version{t: v.t.insert(at, rs), want: slices.Insert(slices.Clone(v.want), at, rs...)}
			}
			versions = append(versions, v)
			if step%25 == 0 {
				check(round, step, versions)
			}
			for i := 0; i <= v.t.Len(); i += 1 + rng.IntN(200) {
				if got := v.t.at(i); i < len(v.want) && got != v.want[i] {
					t.Fatalf("round %d step %d: at(%d) = %q, want %q", round, step, i, got, v.want[i])
				}
			}
		}
		check(round, 150, versions)
	}
}
