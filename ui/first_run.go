package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"
)

// firstRunModel asks the inspector's name on the first launch; every
// change is recorded under it.
type firstRunModel struct {
	c     common
	keys  formKeys
	input field
	err   string
}

func newFirstRunModel(c common) (firstRunModel, tea.Cmd) {
	ti := newTextInput(c)
	ti.Prompt = "› "
	ti.Placeholder = c.t.T("ui.first.placeholder")
	m := firstRunModel{c: c, keys: newFormKeys(c.t), input: ti}
	m.setSize(c.width, c.height)
	cmd := m.input.Focus()
	return m, cmd
}

func (m *firstRunModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	m.input.SetWidth(max(1, min(50, w-6)))
}

// typing reports whether a text field has the keyboard: always here.
func (m firstRunModel) typing() bool { return true }

func (m firstRunModel) update(msg tea.Msg) (firstRunModel, tea.Cmd, result) {
	switch msg := msg.(type) {
	case inspectorSavedMsg:
		if msg.err != nil {
			m.err = m.c.t.T("ui.save.failed_plain", m.c.t.Err(msg.err))
			m.c.log.Error("save inspector", "err", msg.err)
		}
		return m, nil, result{}
	case tea.KeyMsg:
		if matches(msg, m.keys.Submit) {
			name := norm.NFC.String(strings.Join(strings.Fields(m.input.Value()), " "))
			if name == "" {
				m.err = m.c.t.T("ui.first.required")
				return m, nil, result{}
			}
			m.err = ""
			return m, saveInspectorCmd(m.c.store, name), result{}
		}
		var cmd tea.Cmd
		m.input, cmd, _ = typeInto(m.input, msg)
		return m, cmd, result{}
	}
	return m, nil, result{}
}

func (m firstRunModel) view() []string {
	st, w := m.c.st, m.c.width
	lines := []string{"", st.Title.Render(m.c.t.T("ui.first.welcome_title")), ""}
	lines = append(lines, wrap(m.c.t.T("ui.first.explain"), w)...)
	lines = append(lines, "", st.Label.Render(m.c.t.T("ui.first.label")), m.input.View())
	if m.err != "" {
		lines = append(lines, m.c.errLine(m.err))
	}
	return clipLines(lines, m.c.height)
}

// inspectorSavedMsg reports the first-launch name was stored.
type inspectorSavedMsg struct {
	name string
	err  error
}

func saveInspectorCmd(st Store, name string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		return inspectorSavedMsg{name: name, err: st.SetSetting(ctx, settingInspector, name)}
	}
}
