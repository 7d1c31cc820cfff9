package ui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// textField is what typeInto needs of a text field: bubbles' textinput
// and textarea models both satisfy it.
type textField[T any] interface {
	Update(msg tea.Msg) (T, tea.Cmd)
	Value() string
}

// typeInto is the one place where keys reach a text field: every screen
// passes the keys meant for its focused field through here (the first-run
// name, form inputs, the editor's fields, the summary's fields, the search
// box). It reports whether the text changed, for debounced saving.
func typeInto[T textField[T]](f T, km tea.KeyMsg) (T, tea.Cmd, bool) {
	old := f.Value()
	if km.Type == tea.KeyRunes {
		// Letters are text, whatever they spell: the widgets match their
		// own bindings (home, end, ctrl+v…) by the key's name, as
		// key.Matches does, and a paste matches none.
		km.Paste = true
	}
	f = detached(f)
	f, cmd := f.Update(km)
	return f, cmd, f.Value() != old
}

// detached is f with text storage of its own. bubbles' fields keep their
// text in slices that a copy of the model shares, and typing writes into
// them in place; the App is copied on every update, so each field is
// given its own copy of the text, cursor kept, before a key changes it.
// (A text area's scroll position still lives behind a pointer bubbles
// gives no way to copy; every update sets it again.)
func detached[T any](f T) T {
	switch v := any(f).(type) {
	case textinput.Model:
		v.SetValue(v.Value()) // keeps the cursor where it was
		f, _ = any(v).(T)
	case textarea.Model:
		row, li := v.Line(), v.LineInfo()
		col := li.StartColumn + li.ColumnOffset
		v.SetValue(v.Value())
		for v.Line() > row {
			v.CursorUp()
		}
		v.SetCursor(col)
		f, _ = any(v).(T)
	}
	return f
}

// newTextInput makes a single-line input with a steady cursor (no blink
// ticks: less idle CPU and stable golden files).
func newTextInput(c common) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = 0
	ti.PromptStyle = c.st.Input.Prompt
	ti.TextStyle = c.st.Input.Text
	ti.PlaceholderStyle = c.st.Input.Placeholder
	ti.Cursor.Style = c.st.Input.Cursor
	ti.Cursor.SetMode(cursor.CursorStatic)
	return ti
}

// newTextArea makes a multi-line input without line numbers or a size
// limit: notes can be long.
func newTextArea(c common) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.CharLimit = 0
	ta.MaxHeight = 0
	fs, bs := textarea.DefaultStyles()
	fs.Base, bs.Base = c.st.App, c.st.App
	fs.CursorLine = c.st.Input.Text
	fs.Text, bs.Text = c.st.Input.Text, c.st.Input.Text
	fs.Prompt, bs.Prompt = c.st.Input.Prompt, c.st.Muted
	fs.Placeholder, bs.Placeholder = c.st.Input.Placeholder, c.st.Input.Placeholder
	bs.CursorLine = c.st.Input.Text
	ta.FocusedStyle, ta.BlurredStyle = fs, bs
	ta.Cursor.Style = c.st.Input.Cursor
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Blur()
	return ta
}
