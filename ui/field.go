package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-runewidth"
)

// field is a text field: one line (the inputs) or several rows, wrapped at
// spaces (notes, evidence, recommendations, comments). It replaces bubbles'
// textinput and textarea, which measure and wrap the whole text again on
// every key, and whose text area draws every line of it on every frame: a
// 10 KB paste without brackets took 30 s and 200 MB, and a megabyte never
// finished. Here a key costs what it changes and the view draws only the
// rows on screen, so input is taken in time linear in its length.
//
// A field is a value: its text is made of pieces that are never written
// (field_text.go), so a copy of the App never shares a change with another.
type field struct {
	txt text
	cur int // the cursor: a rune index from 0 to txt.Len()
	// top is where the view starts: the first rune shown (one line), or
	// the start of the first row shown (several rows).
	top int
	// goal is the column kept while moving up and down rows; -1 when none.
	goal     int
	width    int // cells for the text and the cursor, the prompt aside
	height   int // rows shown; 1 for a one-line field
	multi    bool
	focus    bool
	maxRunes int // the most runes it holds; 0 when unlimited
	// Prompt is drawn before the text (before each row of a multi-row
	// field); Placeholder when the field is empty.
	Prompt, Placeholder string
	st                  *Styles
}

// cells is a rune's width on screen. Ambiguous-width letters (à, é, đ)
// count one cell, as lipgloss and the screens' own measures count them,
// whatever the locale says. Vietnamese letters, the commonest by far
// here, are answered without the tables.
func cells(r rune) int {
	switch {
	case r >= 0x20 && r < 0x300, r >= 0x1ea0 && r <= 0x1ef9:
		return 1
	case r >= 0x300 && r < 0x370:
		return 0 // combining marks (decomposed text)
	default:
		return runeCells(r)
	}
}

var runeCells = (&runewidth.Condition{}).RuneWidth

// Value is the field's text.
func (f field) Value() string { return f.txt.String() }

// Len is the number of runes in the field.
func (f field) Len() int { return f.txt.Len() }

// SetValue replaces the text; the cursor goes to its end.
func (f *field) SetValue(s string) {
	f.txt = textOf(string(f.sanitize([]rune(s))))
	f.cur, f.top, f.goal = f.txt.Len(), 0, -1
	f.scroll(-1)
}

// SetWidth sets the cells for the text and the cursor.
func (f *field) SetWidth(w int) {
	if w = max(1, w); w != f.width {
		f.width = w
		f.relayout()
	}
}

// SetHeight sets the rows a multi-row field shows.
func (f *field) SetHeight(h int) {
	if h = max(1, h); h != f.height && f.multi {
		f.height = h
		f.relayout()
	}
}

// relayout finds the view's start again after the rows changed shape.
func (f *field) relayout() {
	if f.multi {
		f.top = f.rowStartOf(min(f.top, f.txt.Len()))
	}
	f.scroll(-1)
}

// Focus gives the field the keyboard; the cursor shows. The command is
// always nil (the cursor does not blink) and is there for the callers'
// convenience.
func (f *field) Focus() tea.Cmd {
	f.focus = true
	return nil
}

// Blur takes the keyboard away.
func (f *field) Blur() { f.focus = false }

// Focused reports whether the field has the keyboard.
func (f field) Focused() bool { return f.focus }

// update takes a key meant for the field; changed reports whether its
// text changed. Letters are text whatever they spell, pasted or typed.
func (f field) update(km tea.KeyMsg) (next field, changed bool) {
	if !f.focus {
		return f, false
	}
	edit := -1 // where the text changed
	at := f.cur
	switch km.Type {
	case tea.KeyRunes:
		changed = f.insert(km.Runes)
	case tea.KeySpace:
		changed = f.insert([]rune{' '})
	case tea.KeyEnter, tea.KeyCtrlJ:
		// Enter, and a line feed from a paste without brackets.
		if f.multi {
			changed = f.insert([]rune{'\n'})
		}
	case tea.KeyBackspace, tea.KeyCtrlH:
		at = f.cur - 1
		changed = f.remove(f.cur-1, f.cur)
	case tea.KeyDelete, tea.KeyCtrlD:
		changed = f.remove(f.cur, f.cur+1)
	case tea.KeyCtrlW:
		at = f.wordStart(f.cur)
		changed = f.remove(at, f.cur)
	case tea.KeyCtrlK:
		changed = f.remove(f.cur, f.lineEnd(f.cur))
	case tea.KeyCtrlU:
		at = f.lineStart(f.cur)
		changed = f.remove(at, f.cur)
	case tea.KeyLeft, tea.KeyCtrlB:
		f.cur = max(0, f.cur-1)
	case tea.KeyRight, tea.KeyCtrlF:
		f.cur = min(f.txt.Len(), f.cur+1)
	case tea.KeyCtrlLeft:
		f.cur = f.wordStart(f.cur)
	case tea.KeyCtrlRight:
		f.cur = f.wordEnd(f.cur)
	case tea.KeyHome, tea.KeyCtrlA:
		f.cur = f.homeOf(f.cur)
	case tea.KeyEnd, tea.KeyCtrlE:
		f.cur = f.endOf(f.cur)
	case tea.KeyCtrlHome:
		f.cur = 0
	case tea.KeyCtrlEnd:
		f.cur = f.txt.Len()
	case tea.KeyUp, tea.KeyDown:
		if f.multi {
			f.moveRow(km.Type == tea.KeyDown)
			f.scroll(-1)
			return f, false
		}
	default:
	}
	f.goal = -1
	if changed {
		edit = max(0, at)
	}
	f.scroll(edit)
	return f, changed
}

// sanitize keeps what a field can hold: no control characters; line
// breaks only in a multi-row field (CR and CRLF become LF), spaces in a
// one-line one; tabs become spaces.
func (f field) sanitize(rs []rune) []rune {
	out := rs[:0:0]
	for i, r := range rs {
		switch {
		case r == '\r' || r == '\n':
			if r == '\n' && i > 0 && rs[i-1] == '\r' {
				continue
			}
			if f.multi {
				out = append(out, '\n')
			} else {
				out = append(out, ' ')
			}
		case r == '\t':
			out = append(out, ' ')
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		default:
			out = append(out, r)
		}
	}
	return out
}

// insert puts rs at the cursor and reports whether anything was put.
func (f *field) insert(rs []rune) bool {
	rs = f.sanitize(rs)
	if f.maxRunes > 0 {
		rs = rs[:min(len(rs), max(0, f.maxRunes-f.txt.Len()))]
	}
	f.txt = f.txt.insert(f.cur, rs)
	f.cur += len(rs)
	return len(rs) > 0
}

// remove deletes runes [from, to) and reports whether there were any.
func (f *field) remove(from, to int) bool {
	from, to = max(0, from), min(f.txt.Len(), to)
	if from >= to {
		return false
	}
	f.txt = f.txt.delete(from, to)
	if f.cur >= to {
		f.cur -= to - from
	} else if f.cur > from {
		f.cur = from
	}
	return true
}

// isSpace is a break between words.
func isSpace(r rune) bool { return r == ' ' || r == '\n' }

// wordStart is the start of the word before i (ctrl+w, ctrl+←).
func (f field) wordStart(i int) int {
	it := f.txt.iter(i)
	for i > 0 {
		r, _ := it.prev()
		if !isSpace(r) {
			it.next()
			break
		}
		i--
	}
	for i > 0 {
		r, _ := it.prev()
		if isSpace(r) {
			break
		}
		i--
	}
	return i
}

// wordEnd is the end of the word after i (ctrl+→).
func (f field) wordEnd(i int) int {
	n := f.txt.Len()
	it := f.txt.iter(i)
	for i < n {
		r, _ := it.next()
		if !isSpace(r) {
			it.prev()
			break
		}
		i++
	}
	for i < n {
		r, _ := it.next()
		if isSpace(r) {
			break
		}
		i++
	}
	return i
}

// lineStart and lineEnd bound the line (between line breaks) holding i.
func (f field) lineStart(i int) int {
	it := f.txt.iter(i)
	for i > 0 {
		if r, _ := it.prev(); r == '\n' {
			break
		}
		i--
	}
	return i
}

func (f field) lineEnd(i int) int {
	n := f.txt.Len()
	it := f.txt.iter(i)
	for i < n {
		if r, _ := it.next(); r == '\n' {
			break
		}
		i++
	}
	return i
}

// homeOf and endOf are where home and end go from i: the start and end
// of i's row, or of the line of a one-line field.
func (f field) homeOf(i int) int {
	if !f.multi {
		return 0
	}
	return f.rowOf(f.top, i).start
}

func (f field) endOf(i int) int {
	if !f.multi {
		return f.txt.Len()
	}
	return f.rowOf(f.top, i).end
}
