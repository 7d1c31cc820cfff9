package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// detailKind is what a details form field holds.
type detailKind int

const (
	detailLine   detailKind = iota // one line of text
	detailChoice                   // one of a few options, ←/→
	detailText                     // several lines: enter breaks the line
)

// detailField is one field of a details form.
type detailField struct {
	key     string // what the field is, for the code reading it
	label   string
	hint    string // shown under the field while it has the focus
	kind    detailKind
	line    field
	text    field
	options []string
	choice  int
	rows    int // a text field's height
}

// detailsForm is a longer form than form: the documents' details (an
// inspection's letterhead and team, a visit's hours and people, a thông
// báo, a báo cáo's paragraphs), with one-line fields, choices and
// several-line fields, scrolled to keep the focused one in view. Tab and
// shift+tab move between fields (enter too, but in a several-line field
// enter breaks the line), ctrl+s saves, esc closes without saving. It is
// a value, its fields copied before a change.
type detailsForm struct {
	c      common
	keys   detailsKeys
	title  string
	fields []detailField
	focus  int
	offset int
	err    string
	note   string
}

// detailsKeys drive a details form.
type detailsKeys struct {
	Next, Prev, Save, Cancel, Left, Right key.Binding
}

func newDetailsKeys(c common) detailsKeys {
	t := c.t
	return detailsKeys{
		Next:   bind(t, "tab", "ui.key.next_field", "tab"),
		Prev:   bind(t, "shift+tab", "ui.key.prev_field", "shift+tab"),
		Save:   bind(t, "ctrl+s", "ui.key.save_close", "ctrl+s"),
		Cancel: bind(t, "esc", "ui.key.cancel", "esc"),
		Left:   bind(t, "←/→", "ui.key.choose", "left"),
		Right:  key.NewBinding(key.WithKeys("right")),
	}
}

func newDetailsForm(c common, title string) detailsForm {
	return detailsForm{c: c, keys: newDetailsKeys(c), title: title}
}

// withLine adds a one-line field holding value.
func (f detailsForm) withLine(key, label, value, hint string) detailsForm {
	ti := newTextInput(f.c)
	ti.SetValue(value)
	f.fields = append(slices.Clip(f.fields), detailField{key: key, label: label, hint: hint, kind: detailLine, line: ti})
	f.setSize(f.c.width, f.c.height)
	return f
}

// withChoice adds a choice among options, choice selected.
func (f detailsForm) withChoice(key, label string, options []string, choice int) detailsForm {
	f.fields = append(slices.Clip(f.fields), detailField{key: key, label: label, kind: detailChoice, options: options,
		choice: max(0, min(choice, len(options)-1))})
	return f
}

// withText adds a several-line field of rows lines holding value.
func (f detailsForm) withText(key, label, value, hint string, rows int) detailsForm {
	ta := newTextArea(f.c)
	ta.SetValue(value)
	f.fields = append(slices.Clip(f.fields), detailField{key: key, label: label, hint: hint, kind: detailText, text: ta, rows: rows})
	f.setSize(f.c.width, f.c.height)
	return f
}

// index is the position of the field with key, or -1.
func (f detailsForm) index(key string) int {
	return slices.IndexFunc(f.fields, func(d detailField) bool { return d.key == key })
}

// value is the text of the field with key ("" for a choice or no field).
func (f detailsForm) value(key string) string {
	i := f.index(key)
	switch {
	case i < 0:
		return ""
	case f.fields[i].kind == detailText:
		return f.fields[i].text.Value()
	}
	return f.fields[i].line.Value()
}

// chosen is the choice of the field with key.
func (f detailsForm) chosen(key string) int {
	if i := f.index(key); i >= 0 {
		return f.fields[i].choice
	}
	return 0
}

// fail is the form showing err, with the focus on the field with key.
func (f detailsForm) fail(key, err string) (detailsForm, tea.Cmd) {
	f.err = err
	if i := f.index(key); i >= 0 {
		f.focus = i
	}
	return f.focused()
}

// labelWidth is the width of the label column.
func (f detailsForm) labelWidth() int {
	lw := 0
	for _, d := range f.fields {
		lw = max(lw, len([]rune(d.label)))
	}
	return min(lw+2, max(1, f.c.width/3))
}

func (f *detailsForm) setSize(w, h int) {
	f.c = f.c.sized(w, h)
	f.fields = slices.Clone(f.fields)
	lw := f.labelWidth()
	for i := range f.fields {
		d := &f.fields[i]
		switch d.kind {
		case detailLine:
			d.line.SetWidth(max(1, w-lw-4))
		case detailText:
			d.text.SetWidth(max(1, w-6)) // indented, beside the rows' prompt
			d.text.SetHeight(max(1, d.rows))
		case detailChoice:
		}
	}
	f.scroll()
}

// focused is the form with the keyboard in its focused field.
func (f detailsForm) focused() (detailsForm, tea.Cmd) {
	f.fields = slices.Clone(f.fields)
	var cmd tea.Cmd
	for i := range f.fields {
		d := &f.fields[i]
		d.line.Blur()
		d.text.Blur()
		if i != f.focus {
			continue
		}
		switch d.kind {
		case detailLine:
			cmd = d.line.Focus()
		case detailText:
			cmd = d.text.Focus()
		case detailChoice:
		}
	}
	f.scroll()
	return f, cmd
}

// move is the form with the focus d fields on.
func (f detailsForm) move(d int) (detailsForm, tea.Cmd) {
	if len(f.fields) == 0 {
		return f, nil
	}
	f.focus = (f.focus + d + len(f.fields)) % len(f.fields)
	return f.focused()
}

func (f detailsForm) update(km tea.KeyMsg) (detailsForm, tea.Cmd, formResult) {
	if len(f.fields) == 0 {
		return f, nil, formContinue
	}
	d := f.fields[f.focus]
	switch {
	case matches(km, f.keys.Cancel):
		return f, nil, formCancel
	case matches(km, f.keys.Save):
		return f, nil, formSubmit
	case matches(km, f.keys.Next):
		f, cmd := f.move(1)
		return f, cmd, formContinue
	case matches(km, f.keys.Prev):
		f, cmd := f.move(-1)
		return f, cmd, formContinue
	case km.Type == tea.KeyEnter && d.kind != detailText:
		f, cmd := f.move(1)
		return f, cmd, formContinue
	}
	f.fields = slices.Clone(f.fields)
	fld := &f.fields[f.focus]
	var cmd tea.Cmd
	switch fld.kind {
	case detailChoice:
		if matches(km, f.keys.Left, f.keys.Right) && len(fld.options) > 0 {
			step := 1
			if matches(km, f.keys.Left) {
				step = len(fld.options) - 1
			}
			fld.choice = (fld.choice + step) % len(fld.options)
		}
	case detailLine:
		fld.line, cmd, _ = typeInto(fld.line, km)
	case detailText:
		fld.text, cmd, _ = typeInto(fld.text, km)
	}
	return f, cmd, formContinue
}

// fieldLines is the field as drawn: its label and value, a text field's
// rows under its label, its hint when focused.
func (f detailsForm) fieldLines(i int) []string {
	st, w, d := f.c.st, f.c.width, f.fields[i]
	lw := f.labelWidth()
	label, mark := fit(d.label, lw), "  "
	if i == f.focus {
		label, mark = st.Focused.Render(label), st.Focused.Render("› ")
	} else {
		label = st.Label.Render(label)
	}
	var out []string
	switch d.kind {
	case detailLine:
		out = []string{fit(mark+label+d.line.View(), w)}
	case detailChoice:
		opt := ""
		if len(d.options) > 0 {
			opt = d.options[d.choice]
		}
		out = []string{fit(mark+label+"‹ "+opt+" ›", w)}
	case detailText:
		out = []string{fit(mark+label, w)}
		for _, l := range strings.Split(d.text.View(), "\n") {
			out = append(out, fit("  "+l, w))
		}
	}
	if i == f.focus && d.hint != "" {
		out = append(out, f.c.st.Muted.Render(fit("    "+d.hint, w)))
	}
	return out
}

// room is how many lines the fields get: the height less the title, the
// blank line, the note, the error and the hint.
func (f detailsForm) room() int {
	foot := 2
	if f.note != "" {
		foot += len(wrap(f.note, f.c.width))
	}
	if f.err != "" {
		foot++
	}
	return max(1, f.c.height-2-foot)
}

// scroll keeps the focused field in view.
func (f *detailsForm) scroll() {
	if len(f.fields) == 0 {
		return
	}
	f.focus = max(0, min(f.focus, len(f.fields)-1))
	top := 0
	for i := 0; i < f.focus; i++ {
		top += len(f.fieldLines(i))
	}
	bottom := top + len(f.fieldLines(f.focus))
	room := f.room()
	if top < f.offset {
		f.offset = top
	}
	if bottom > f.offset+room {
		f.offset = bottom - room
	}
	f.offset = max(0, min(f.offset, top))
}

func (f detailsForm) view() []string {
	st, w := f.c.st, f.c.width
	var body []string
	for i := range f.fields {
		body = append(body, f.fieldLines(i)...)
	}
	room := f.room()
	off := max(0, min(f.offset, len(body)-1))
	body = body[off:]
	if len(body) > room {
		body = body[:room]
	}
	lines := append([]string{f.c.rule(f.title, w), ""}, body...)
	if f.note != "" {
		lines = append(lines, wrap(f.note, w)...)
	}
	if f.err != "" {
		lines = append(lines, f.c.errLine(f.err))
	}
	lines = append(lines, st.Muted.Render(fit(f.c.t.T("ui.details.hint"), w)))
	return clipLines(lines, f.c.height)
}

// ShortHelp is the form's keys that act: ←/→ only on a choice.
func (f detailsForm) ShortHelp() []key.Binding {
	b := []key.Binding{f.keys.Next, f.keys.Prev}
	if len(f.fields) > 0 && f.fields[f.focus].kind == detailChoice {
		b = append(b, f.keys.Left)
	}
	return append(b, f.keys.Save, f.keys.Cancel)
}

// FullHelp is ShortHelp in one column.
func (f detailsForm) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
