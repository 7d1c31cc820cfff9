package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// formField is one line of a small form: a text input, or a choice among
// options when options is set.
type formField struct {
	label   string
	input   textinput.Model
	options []string
	choice  int
}

// form is the small form of the start screen (new inspection, new unit).
type form struct {
	c      *common
	keys   formKeys
	title  string
	fields []formField
	focus  int
	err    string
	// onChoice is called after a choice changes, to update dependent fields.
	onChoice func(f *form, field int)
	// enterSubmits makes enter submit from any field (forms of choices
	// only, where nothing is left to type).
	enterSubmits bool
	// note is a line of information under the fields; hint replaces the
	// usual key hint when set.
	note, hint string
}

// formResult says what a key did to the form.
type formResult int

const (
	formContinue formResult = iota
	formSubmit
	formCancel
)

func newForm(c *common, title string) *form {
	return &form{c: c, keys: newFormKeys(c.t), title: title}
}

func (f *form) addInput(label, value, placeholder string) {
	ti := newTextInput(f.c)
	ti.SetValue(value)
	ti.Placeholder = placeholder
	f.fields = append(f.fields, formField{label: label, input: ti})
}

func (f *form) addChoice(label string, options []string, choice int) {
	f.fields = append(f.fields, formField{label: label, options: options, choice: max(0, min(choice, len(options)-1))})
}

func (f *form) value(i int) string { return f.fields[i].input.Value() }

func (f *form) focusCmd() tea.Cmd {
	var cmd tea.Cmd
	for i := range f.fields {
		if i == f.focus && f.fields[i].options == nil {
			cmd = f.fields[i].input.Focus()
		} else {
			f.fields[i].input.Blur()
		}
	}
	return cmd
}

func (f *form) update(msg tea.Msg) (formResult, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return formContinue, nil
	}
	fld := &f.fields[f.focus]
	switch {
	case key.Matches(km, f.keys.Cancel):
		return formCancel, nil
	case key.Matches(km, f.keys.Submit):
		if f.focus == len(f.fields)-1 || f.enterSubmits {
			return formSubmit, nil
		}
		f.focus++
		return formContinue, f.focusCmd()
	case key.Matches(km, f.keys.Next):
		f.focus = (f.focus + 1) % len(f.fields)
		return formContinue, f.focusCmd()
	case key.Matches(km, f.keys.Prev):
		f.focus = (f.focus + len(f.fields) - 1) % len(f.fields)
		return formContinue, f.focusCmd()
	case fld.options != nil && key.Matches(km, f.keys.Left, f.keys.Right):
		if len(fld.options) > 0 {
			d := 1
			if key.Matches(km, f.keys.Left) {
				d = len(fld.options) - 1
			}
			fld.choice = (fld.choice + d) % len(fld.options)
			if f.onChoice != nil {
				f.onChoice(f, f.focus)
			}
		}
		return formContinue, nil
	}
	if fld.options != nil {
		return formContinue, nil
	}
	var cmd tea.Cmd
	fld.input, cmd = fld.input.Update(km)
	return formContinue, cmd
}

func (f *form) view(w, h int) []string {
	st := f.c.st
	lines := []string{f.c.rule(f.title, w), ""}
	lw := 0
	for _, fld := range f.fields {
		lw = max(lw, len([]rune(fld.label)))
	}
	lw = min(lw+2, w/3)
	for i := range f.fields {
		fld := &f.fields[i]
		label := fit(fld.label, lw)
		mark := "  "
		if i == f.focus {
			label = st.Focused.Render(label)
			mark = st.Focused.Render("› ")
		} else {
			label = st.Label.Render(label)
		}
		var val string
		if fld.options != nil {
			opt := ""
			if len(fld.options) > 0 {
				opt = fld.options[fld.choice]
			}
			val = fmt.Sprintf("‹ %s ›", opt)
		} else {
			fld.input.Width = max(1, w-lw-4)
			val = fld.input.View()
		}
		lines = append(lines, fit(mark+label+val, w))
	}
	lines = append(lines, "")
	if f.note != "" {
		lines = append(lines, wrap(f.note, w)...)
	}
	if f.err != "" {
		lines = append(lines, st.Error.Render("✗ "+f.err))
	}
	hint := f.hint
	if hint == "" {
		hint = f.c.t.T("ui.form.hint")
	}
	lines = append(lines, st.Muted.Render(hint))
	return clipLines(lines, h)
}

// ShortHelp is the form's keys that do something: no field switching in a
// one-field form, no ←/→ without a choice.
func (f *form) ShortHelp() []key.Binding {
	var b []key.Binding
	if len(f.fields) > 1 {
		b = append(b, f.keys.Next, f.keys.Prev)
	}
	for _, fld := range f.fields {
		if fld.options != nil {
			b = append(b, f.keys.Left)
			break
		}
	}
	return append(b, f.keys.Submit, f.keys.Cancel)
}

// FullHelp is ShortHelp in one column.
func (f *form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
