package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// formField is one line of a small form: a text input, or a choice among
// options when options is set.
type formField struct {
	label   string
	input   field
	options []string
	choice  int
	// locked is a field shown but not for changing (the name and kind of
	// a unit that exists): the focus passes it by.
	locked bool
	// details, one per option, make a choice field's options a list
	// under the fields, each with its line of detail (where a checklist
	// came from), the chosen one marked.
	details []string
}

// form is a small form (new inspection, new unit, export, import). It is
// a value; its fields are copied before a change, never written in place.
type form struct {
	c      common
	keys   formKeys
	title  string
	fields []formField
	focus  int
	err    string
	// onChoice is called after a choice changes, to update dependent
	// fields; it reads only what it was built with.
	onChoice func(f form, field int) form
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
	formContinue formResult = iota // still filling it in
	formSubmit                     // enter on the last field: act on it
	formCancel                     // esc: close it, nothing done
)

func (r formResult) String() string {
	return [...]string{"continue", "submit", "cancel"}[r]
}

func newForm(c common, title string) form {
	return form{c: c, keys: newFormKeys(c.t), title: title}
}

func (f form) withInput(label, value, placeholder string) form {
	ti := newTextInput(f.c)
	ti.SetValue(value)
	ti.Placeholder = placeholder
	f.fields = append(slices.Clip(f.fields), formField{label: label, input: ti})
	f.setSize(f.c.width, f.c.height)
	return f
}

func (f form) withChoice(label string, options []string, choice int) form {
	fld := formField{label: label, options: options, choice: max(0, min(choice, len(options)-1))}
	f.fields = append(slices.Clip(f.fields), fld)
	return f
}

func (f form) value(i int) string { return f.fields[i].input.Value() }

// step is the field d away from the focus (wrapping), passing locked
// fields by.
func (f form) step(d int) int {
	n := len(f.fields)
	i := f.focus
	for range n {
		i = (i + d + n) % n
		if !f.fields[i].locked {
			return i
		}
	}
	return f.focus
}

// lastOpen reports whether no field after the focus can take it: enter
// there submits.
func (f form) lastOpen() bool {
	for i := f.focus + 1; i < len(f.fields); i++ {
		if !f.fields[i].locked {
			return false
		}
	}
	return true
}

// withLocked is the form with field i locked or open; the focus leaves a
// field that locks.
func (f form) withLocked(i int, locked bool) form {
	f.fields = slices.Clone(f.fields)
	f.fields[i].locked = locked
	if locked && f.focus == i {
		f.focus = f.step(1)
	}
	return f
}

// withValue is the form with text field i set to v.
func (f form) withValue(i int, v string) form {
	f.fields = slices.Clone(f.fields)
	f.fields[i].input.SetValue(v)
	return f
}

// withOptions is the form with choice field i offering options, choice
// selected (clamped).
func (f form) withOptions(i int, options []string, choice int) form {
	f.fields = slices.Clone(f.fields)
	f.fields[i].options = options
	f.fields[i].choice = max(0, min(choice, len(options)-1))
	return f
}

// withDetails is the form with choice field i's options listed under the
// fields, each with its detail (one per option).
func (f form) withDetails(i int, details []string) form {
	f.fields = slices.Clone(f.fields)
	f.fields[i].details = details
	return f
}

// withChoiceAt is the form with choice field i at choice.
func (f form) withChoiceAt(i, choice int) form {
	f.fields = slices.Clone(f.fields)
	f.fields[i].choice = max(0, min(choice, len(f.fields[i].options)-1))
	return f
}

func (f form) choice(i int) int { return f.fields[i].choice }

// labelWidth is the width of the label column at the form's width.
func (f form) labelWidth() int {
	lw := 0
	for _, fld := range f.fields {
		lw = max(lw, len([]rune(fld.label)))
	}
	return min(lw+2, f.c.width/3)
}

func (f *form) setSize(w, h int) {
	f.c = f.c.sized(w, h)
	f.fields = slices.Clone(f.fields)
	lw := f.labelWidth()
	for i := range f.fields {
		f.fields[i].input.SetWidth(max(1, w-lw-4))
	}
}

// focused is the form with the keyboard in its focused field.
func (f form) focused() (form, tea.Cmd) {
	f.fields = slices.Clone(f.fields)
	var cmd tea.Cmd
	for i := range f.fields {
		if i == f.focus && f.fields[i].options == nil {
			cmd = f.fields[i].input.Focus()
		} else {
			f.fields[i].input.Blur()
		}
	}
	return f, cmd
}

func (f form) update(msg tea.Msg) (form, tea.Cmd, formResult) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || len(f.fields) == 0 {
		return f, nil, formContinue
	}
	keys := f.keymap()
	switch {
	case matches(km, keys.Cancel):
		return f, nil, formCancel
	case matches(km, keys.Submit):
		if f.lastOpen() || f.enterSubmits {
			return f, nil, formSubmit
		}
		f.focus = f.step(1)
		f, cmd := f.focused()
		return f, cmd, formContinue
	case matches(km, keys.Next):
		f.focus = f.step(1)
		f, cmd := f.focused()
		return f, cmd, formContinue
	case matches(km, keys.Prev):
		f.focus = f.step(-1)
		f, cmd := f.focused()
		return f, cmd, formContinue
	}
	f.fields = slices.Clone(f.fields)
	fld := &f.fields[f.focus]
	if fld.options != nil {
		if matches(km, keys.Choose) && len(fld.options) > 0 {
			d := 1
			if km.Type == tea.KeyLeft {
				d = len(fld.options) - 1
			}
			fld.choice = (fld.choice + d) % len(fld.options)
			if f.onChoice != nil {
				f = f.onChoice(f, f.focus)
			}
		}
		return f, nil, formContinue
	}
	var cmd tea.Cmd
	fld.input, cmd, _ = typeInto(fld.input, km)
	return f, cmd, formContinue
}

func (f form) view() []string {
	st, w := f.c.st, f.c.width
	lines := []string{f.c.rule(f.title, w), ""}
	lw := f.labelWidth()
	for i, fld := range f.fields {
		label := fit(fld.label, lw)
		mark := "  "
		if i == f.focus {
			label = st.Focused.Render(label)
			mark = st.Focused.Render("› ")
		} else {
			label = st.Label.Render(label)
		}
		var val string
		switch {
		case fld.locked && fld.options != nil:
			if len(fld.options) > 0 {
				val = st.Muted.Render(fld.options[fld.choice])
			}
		case fld.locked:
			val = st.Muted.Render(fld.input.Value())
		case fld.options != nil:
			opt := ""
			if len(fld.options) > 0 {
				opt = fld.options[fld.choice]
			}
			val = fmt.Sprintf("‹ %s ›", opt)
		default:
			val = fld.input.View()
		}
		lines = append(lines, fit(mark+label+val, w))
	}
	lines = append(lines, "")
	var tail []string
	if f.note != "" {
		tail = append(tail, wrap(f.note, w)...)
	}
	if f.err != "" {
		// The whole reason, wrapped: a refusal says why (a kind that
		// ended, a checklist version's days), which one line may not hold.
		for _, l := range wrap("✗ "+f.err, w) {
			tail = append(tail, f.c.st.Error.Render(l))
		}
	}
	hint := f.hint
	if hint == "" {
		hint = f.c.t.T("ui.form.hint")
	}
	tail = append(tail, st.Muted.Render(hint))
	// The option lists take what the note, the error and the hint leave,
	// so a refusal's reason is never cut off by them.
	lines = append(lines, f.optionLists(f.c.height-len(lines)-len(tail))...)
	return clipLines(append(lines, tail...), f.c.height)
}

// optionLists draws, for each choice field with details, its options as
// a list in at most h lines: a heading, then one line an option (a window
// around the chosen one when they do not all fit), then a blank line.
func (f form) optionLists(h int) []string {
	st, w := f.c.st, f.c.width
	var lines []string
	for _, fld := range f.fields {
		if fld.details == nil || h < 3 {
			continue
		}
		rows := min(len(fld.options), h-2)
		lines = append(lines, f.c.rule(fmt.Sprintf("%s (%d)", fld.label, len(fld.options)), w))
		from := scrollTo(fld.choice, 0, rows, len(fld.options))
		rw := 0 // the names line up, so the details read as a column
		for _, o := range fld.options {
			ref, _, _ := strings.Cut(o, " — ")
			rw = max(rw, textWidth(ref))
		}
		for i := from; i < from+rows && i < len(fld.options); i++ {
			ref, title, _ := strings.Cut(fld.options[i], " — ")
			text := fit(ref, rw) + "  " + fld.details[i] + st.Muted.Render(" · "+title)
			lines = append(lines, f.c.row(text, w, i == fld.choice))
		}
		lines = append(lines, "")
		h -= rows + 2
	}
	return lines
}

// keymap is the form's keys as they act: no field switching in a
// one-field form (or where every other field is locked), ←/→ only on a
// field of choices.
func (f form) keymap() formKeys {
	k := f.keys
	move := f.step(1) != f.focus
	k.Next.SetEnabled(move)
	k.Prev.SetEnabled(move)
	k.Choose.SetEnabled(f.focus < len(f.fields) && f.fields[f.focus].options != nil && !f.fields[f.focus].locked)
	return k
}

// ShortHelp is the form's keys that do something; those that cannot act
// in this form at all (field switching in a one-field form, ←/→ in a text
// field, where they move the cursor) are left out.
func (f form) ShortHelp() []key.Binding {
	k := f.keymap()
	return append([]key.Binding{k.Submit}, enabled(k.Next, k.Prev, k.Choose, k.Cancel)...)
}

// FullHelp is ShortHelp in one column.
func (f form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
