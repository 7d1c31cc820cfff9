package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// plainStyles draw a field that was never given the App's styles (a
// screen's zero value): no colour.
var plainStyles = &Styles{}

func (f field) styles() *Styles {
	if f.st != nil {
		return f.st
	}
	return plainStyles
}

// View draws the field: a one-line field in its width and one cell more
// (the cursor after the text); a multi-row field as its rows, each one
// prompt and the text padded to the width.
func (f field) View() string {
	if f.multi {
		return strings.Join(f.rowsView(), "\n")
	}
	return f.lineView()
}

func (f field) promptView() string {
	st := f.styles()
	if f.multi && !f.focus {
		return st.Muted.Render(f.Prompt)
	}
	return st.Input.Prompt.Render(f.Prompt)
}

// cursorView draws s under the cursor: reversed while the field has the
// keyboard, in style otherwise.
func (f field) cursorView(s string, style lipgloss.Style) string {
	if f.focus {
		return f.styles().Input.Cursor.Reverse(true).Render(s)
	}
	return style.Render(s)
}

// placeholderView is the placeholder in w cells, the cursor on its first
// letter.
func (f field) placeholderView(w int) string {
	st := f.styles().Input.Placeholder
	first, rest := []rune(f.Placeholder)[:1], string([]rune(f.Placeholder)[1:])
	rest = ansi.Truncate(rest, max(0, w-cells(first[0])), "…")
	out := f.cursorView(string(first), st) + st.Render(rest)
	return out + strings.Repeat(" ", max(0, w-cells(first[0])-ansi.StringWidth(rest)))
}

// lineView draws a one-line field from its view's start.
func (f field) lineView() string {
	if f.txt.Len() == 0 && f.Placeholder != "" {
		return f.promptView() + f.placeholderView(f.width+1)
	}
	text := f.styles().Input.Text
	var before, after []rune
	var under string
	used := 0
	it := f.txt.iter(f.top)
	for i := f.top; ; i++ {
		r, ok := it.next()
		if !ok {
			if i == f.cur {
				under, used = " ", used+1
			}
			break
		}
		if used+cells(r) > f.width+1 {
			break
		}
		used += cells(r)
		switch {
		case i < f.cur:
			before = append(before, r)
		case i == f.cur:
			under = string(r)
		default:
			after = append(after, r)
		}
	}
	out := f.promptView() + text.Render(string(before))
	if under != "" {
		out += f.cursorView(under, text)
	}
	return out + text.Render(string(after)) + strings.Repeat(" ", max(0, f.width+1-used))
}

// rowsView draws a multi-row field's rows from its view's start.
func (f field) rowsView() []string {
	h := max(1, f.height)
	prompt := f.promptView()
	lines := make([]string, 0, h)
	if f.txt.Len() == 0 && f.Placeholder != "" {
		lines = append(lines, prompt+f.placeholderView(f.width))
		for len(lines) < h {
			lines = append(lines, prompt)
		}
		return lines
	}
	r := f.rowAt(f.top)
	for len(lines) < h {
		lines = append(lines, prompt+f.rowView(r))
		if r.last {
			break
		}
		r = f.rowAt(r.next)
	}
	for len(lines) < h {
		lines = append(lines, prompt)
	}
	return lines
}

// rowView draws one row, the cursor on it if it is there, padded to the
// field's width.
func (f field) rowView(r row) string {
	text := f.styles().Input.Text
	rs := f.txt.slice(r.start, r.end)
	used := 0
	for _, ch := range rs {
		used += cells(ch)
	}
	var out string
	switch {
	case !f.focus || !r.holds(f.cur):
		out = text.Render(string(rs))
	case f.cur < r.end:
		i := f.cur - r.start
		out = text.Render(string(rs[:i])) + f.cursorView(string(rs[i]), text) + text.Render(string(rs[i+1:]))
	default:
		out = text.Render(string(rs)) + f.cursorView(" ", text)
		used++
	}
	return out + strings.Repeat(" ", max(0, f.width-used))
}
