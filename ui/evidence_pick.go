package ui

import (
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/filepicker"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
)

// In the files panel, o opens bubbles' file picker on the folder the
// last file was attached from (else the home folder): enter opens a
// folder or attaches the file, h or backspace goes up, ctrl+o closes it.

// pickerMsg carries a message of the file picker (its folder listings)
// back to it through the app.
type pickerMsg struct {
	assessmentID string
	inner        tea.Msg
}

// pickerKeys are the picker's keys in the catalogue's words; ctrl+o
// closes it (esc and h go up a folder, as the picker has them).
func pickerKeys(t i18n.Catalog) filepicker.KeyMap {
	return filepicker.KeyMap{
		GoToTop:  bind(t, "g", "ui.key.files_first", "g"),
		GoToLast: bind(t, "G", "ui.key.files_last", "G"),
		Down:     bind(t, "↓/j", "ui.key.scroll_down", "down", "j"),
		Up:       bind(t, "↑/k", "ui.key.scroll_up", "up", "k"),
		PageUp:   bind(t, "pgup", "ui.key.files_page_up", "pgup"),
		PageDown: bind(t, "pgdn", "ui.key.files_page_down", "pgdown"),
		Back:     bind(t, "h/backspace/esc", "ui.key.files_parent", "h", "backspace", "left", "esc"),
		Open:     bind(t, "enter/l", "ui.key.files_open", "l", "right", "enter"),
		Select:   bind(t, "enter", "ui.key.files_attach", "enter"),
	}
}

// wrapPicker routes a command of the picker back to it.
func wrapPicker(assessmentID string, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return pickerMsg{assessmentID: assessmentID, inner: cmd()} }
}

// openPicker starts the picker in the panel.
func (m editorModel) openPicker(s session) (editorModel, tea.Cmd) {
	p := filepicker.New()
	p.KeyMap = pickerKeys(m.c.t)
	p.ShowPermissions, p.ShowSize, p.FileAllowed, p.DirAllowed = false, true, true, false
	p.CurrentDirectory = m.files.lastDir
	if p.CurrentDirectory == "" {
		if home, err := os.UserHomeDir(); err == nil {
			p.CurrentDirectory = home
		}
	}
	p.SetHeight(max(3, m.c.height-4))
	m.files.picker, m.files.picking = p, true
	return m, wrapPicker(s.assessment.ID, p.Init())
}

// updatePicker hands a key or a listing to the picker; a file chosen is
// attached.
func (m editorModel) updatePicker(msg tea.Msg, s session) (editorModel, tea.Cmd, result) {
	if km, ok := msg.(tea.KeyMsg); ok && matches(km, m.evkeys.StopPick) {
		m.files.picking = false
		return m, nil, result{}
	}
	p, cmd := m.files.picker.Update(msg)
	m.files.picker = p
	if chosen, path := p.DidSelectFile(msg); chosen {
		m.files.picking, m.files.working = false, true
		m.files.lastDir = p.CurrentDirectory
		t := m.c.t
		return m, attachEvidenceCmd(m.c.store, t, m.c.inspector, s.assessment.ID, m.files.code, path), say(t.T("ui.files.attaching"))
	}
	return m, wrapPicker(s.assessment.ID, cmd), result{}
}

// pickerHelp is the picker's keys.
func (m editorModel) pickerHelp() []key.Binding {
	k := m.files.picker.KeyMap
	return []key.Binding{k.Open, k.Back, k.Down, k.Up, k.PageDown, k.PageUp, k.GoToTop, k.GoToLast, m.evkeys.StopPick}
}

// pickerBody is the picker in the panel's room.
func (m editorModel) pickerBody() []string {
	t, w := m.c.t, m.c.width
	lines := []string{m.c.rule(t.T("ui.files.pick_title", m.files.code), w), fit(m.c.st.Muted.Render(m.files.picker.CurrentDirectory), w)}
	for _, l := range strings.Split(strings.TrimRight(m.files.picker.View(), "\n"), "\n") {
		lines = append(lines, fit(l, w))
	}
	return clipLines(lines, max(1, m.c.height))
}
