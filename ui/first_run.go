package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"
)

// firstRunModel asks the inspector's name on the first launch; every
// change is recorded under it.
type firstRunModel struct {
	c     *common
	keys  formKeys
	input textinput.Model
	err   string
}

func newFirstRunModel(c *common) firstRunModel {
	ti := newTextInput(c)
	ti.Prompt = "› "
	ti.Placeholder = c.t.T("ui.first.placeholder")
	return firstRunModel{c: c, keys: newFormKeys(c.t), input: ti}
}

func (m *firstRunModel) focus() tea.Cmd { return m.input.Focus() }

func (m firstRunModel) update(msg tea.Msg) (firstRunModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, m.keys.Submit) {
		name := norm.NFC.String(strings.Join(strings.Fields(m.input.Value()), " "))
		if name == "" {
			m.err = m.c.t.T("ui.first.required")
			return m, nil
		}
		m.err = ""
		return m, saveInspectorCmd(m.c.store, name)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

func (m firstRunModel) view(w, h int) []string {
	st := m.c.st
	m.input.Width = max(1, min(50, w-6))
	lines := []string{"", st.Title.Render(m.c.t.T("ui.first.welcome_title")), ""}
	lines = append(lines, wrap(m.c.t.T("ui.first.explain"), w)...)
	lines = append(lines, "", st.Label.Render(m.c.t.T("ui.first.label")), m.input.View())
	if m.err != "" {
		lines = append(lines, st.Error.Render("✗ "+m.err))
	}
	return clipLines(lines, h)
}
