package ui

import (
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/filepicker"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The editor lists the evidence files of its item on ctrl+o: name, size
// and type of each; a attaches a file by its typed path, o picks one with
// bubbles' file picker, x removes the selected one after asking.

// evidenceKeys drive the files panel, state by state.
type evidenceKeys struct {
	Up, Down, Attach, Pick, Remove, Close key.Binding
	// StopPick closes the file picker (evidence_pick.go).
	StopPick key.Binding
	// While a path is typed: enter attaches, esc gives up.
	Enter, Cancel key.Binding
	// While a removal is asked.
	Yes, No key.Binding
}

func newEvidenceKeys(t i18n.Catalog) evidenceKeys {
	return evidenceKeys{
		Up:       bind(t, "↑/k", "ui.key.scroll_up", "up", "k"),
		Down:     bind(t, "↓/j", "ui.key.scroll_down", "down", "j"),
		Attach:   bind(t, "a", "ui.key.files_attach", "a"),
		Pick:     bind(t, "o", "ui.key.files_pick", "o"),
		StopPick: bind(t, "ctrl+o", "ui.key.close", "ctrl+o"),
		Remove:   bind(t, "x", "ui.key.files_remove", "x"),
		Close:    bind(t, "esc/ctrl+o", "ui.key.close", "esc", "ctrl+o"),
		Enter:    bind(t, "enter", "ui.key.files_attach", "enter"),
		Cancel:   bind(t, "esc", "ui.key.cancel", "esc"),
		Yes:      bind(t, "y/enter", "ui.key.confirm", "y", "enter"),
		No:       bind(t, "n/esc", "ui.key.cancel", "n", "esc"),
	}
}

// evidenceView is the files panel; its zero value is closed.
type evidenceView struct {
	open    bool
	code    string // the item
	files   []model.EvidenceFile
	loaded  bool
	err     string
	sel     int
	typing  bool // a path is being typed
	asking  bool // the removal of the selected file is asked
	path    field
	working bool
	// picking: bubbles' file picker has the keyboard; lastDir is the
	// folder of the last file attached, where it opens next.
	picking bool
	picker  filepicker.Model
	lastDir string
}

// typingPath says whether the panel's path field has the keyboard.
func (v evidenceView) typingPath() bool { return v.open && v.typing }

// evidenceLoadedMsg carries an item's files; evidenceDoneMsg the outcome
// of attaching or removing one.
type evidenceLoadedMsg struct {
	assessmentID, itemCode string
	files                  []model.EvidenceFile
	err                    error
}

type evidenceDoneMsg struct {
	assessmentID, itemCode string
	status                 string
	err                    error
}

func loadEvidenceCmd(st Store, assessmentID, code string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		fs, err := st.FindingEvidence(ctx, assessmentID, code)
		return evidenceLoadedMsg{assessmentID: assessmentID, itemCode: code, files: fs, err: err}
	}
}

func attachEvidenceCmd(st Store, t i18n.Catalog, actor, assessmentID, code, path string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		a, err := st.AttachEvidence(ctx, actor, assessmentID, code, path)
		status := ""
		if err == nil {
			status = t.T("ui.files.attached", a.Name)
		}
		return evidenceDoneMsg{assessmentID: assessmentID, itemCode: code, status: status, err: err}
	}
}

func removeEvidenceCmd(st Store, t i18n.Catalog, actor, assessmentID, code string, f model.EvidenceFile) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		_, err := st.RemoveEvidence(ctx, actor, f.ID)
		return evidenceDoneMsg{assessmentID: assessmentID, itemCode: code, status: t.T("ui.files.removed", f.Name), err: err}
	}
}

// openFiles opens the files panel of the editor's item and asks for them.
func (m editorModel) openFiles(s session) (editorModel, tea.Cmd) {
	m.files = evidenceView{open: true, code: m.item.Code, path: newTextInput(m.c)}
	m.files.path.SetWidth(max(10, m.c.width-4))
	m.files.path.Placeholder = m.c.t.T("ui.files.path_placeholder")
	return m, loadEvidenceCmd(m.c.store, s.assessment.ID, m.item.Code)
}

// filesMsg takes in what the store said about the panel's item.
func (m editorModel) filesMsg(msg tea.Msg, s session) (editorModel, tea.Cmd, result) {
	switch msg := msg.(type) {
	case evidenceLoadedMsg:
		if !m.files.open || msg.itemCode != m.files.code {
			return m, nil, result{}
		}
		m.files.loaded, m.files.err = true, ""
		if msg.err != nil {
			m.files.err = m.c.t.T("ui.err.load", m.c.t.Err(msg.err))
			return m, nil, result{}
		}
		m.files.files = msg.files
		m.files.sel = min(m.files.sel, max(0, len(msg.files)-1))
	case pickerMsg:
		if !m.files.open || !m.files.picking {
			return m, nil, result{}
		}
		return m.updatePicker(msg.inner, s)
	case evidenceDoneMsg:
		m.files.working = false
		if msg.err != nil {
			return m, nil, result{status: m.c.t.Err(msg.err), statusErr: true}
		}
		if m.files.open && msg.itemCode == m.files.code {
			return m, loadEvidenceCmd(m.c.store, s.assessment.ID, m.files.code), say(msg.status)
		}
		return m, nil, say(msg.status)
	}
	return m, nil, result{}
}

// filesKeys are the panel's keys as they act now.
func (m editorModel) filesKeys(s session) evidenceKeys {
	k := m.evkeys
	n := len(m.files.files)
	k.Up.SetEnabled(m.files.sel > 0)
	k.Down.SetEnabled(m.files.sel+1 < n)
	k.Attach.SetEnabled(!s.finalized() && !m.files.working)
	k.Pick.SetEnabled(!s.finalized() && !m.files.working)
	k.Remove.SetEnabled(!s.finalized() && !m.files.working && n > 0)
	return k
}

// filesHelp is the panel's keys in the state it is in.
func (m editorModel) filesHelp(s session) []key.Binding {
	k := m.filesKeys(s)
	switch {
	case m.files.picking:
		return m.pickerHelp()
	case m.files.typing:
		return []key.Binding{k.Enter, k.Cancel}
	case m.files.asking:
		return []key.Binding{k.Yes, k.No}
	}
	return []key.Binding{k.Attach, k.Pick, k.Remove, k.Down, k.Up, k.Close}
}

// updateFiles handles a key while the panel is open.
func (m editorModel) updateFiles(km tea.KeyMsg, s session) (editorModel, tea.Cmd, result) {
	k, t := m.filesKeys(s), m.c.t
	switch {
	case m.files.picking:
		return m.updatePicker(km, s)
	case m.files.typing:
		switch {
		case matches(km, k.Cancel):
			m.files.typing = false
			m.files.path.Blur()
		case matches(km, k.Enter):
			path := strings.TrimSpace(m.files.path.Value())
			if path == "" {
				return m, nil, say(t.T("ui.files.need_path"))
			}
			m.files.lastDir = filepath.Dir(path)
			m.files.typing, m.files.working = false, true
			m.files.path.Blur()
			m.files.path.SetValue("")
			return m, attachEvidenceCmd(m.c.store, t, m.c.inspector, s.assessment.ID, m.files.code, path), say(t.T("ui.files.attaching"))
		default:
			m.files.path, _, _ = typeInto(m.files.path, km)
		}
		return m, nil, result{}
	case m.files.asking:
		switch {
		case matches(km, k.Yes):
			m.files.asking, m.files.working = false, true
			f := m.files.files[m.files.sel]
			return m, removeEvidenceCmd(m.c.store, t, m.c.inspector, s.assessment.ID, m.files.code, f), result{}
		case matches(km, k.No):
			m.files.asking = false
		}
		return m, nil, result{}
	}
	if s.finalized() && disabledMatch(km, k.Attach, k.Pick, k.Remove) {
		return m, nil, say(t.T("ui.editor.read_only"))
	}
	if disabledMatch(km, k.Remove) && len(m.files.files) == 0 {
		return m, nil, say(t.T("ui.files.none"))
	}
	if disabledMatch(km, k.Up, k.Down) {
		return m, nil, say(t.T("ui.why.all_shown"))
	}
	switch {
	case matches(km, k.Up):
		m.files.sel--
	case matches(km, k.Down):
		m.files.sel++
	case matches(km, k.Attach):
		m.files.typing = true
		return m, m.files.path.Focus(), result{}
	case matches(km, k.Pick):
		m, cmd := m.openPicker(s)
		return m, cmd, result{}
	case matches(km, k.Remove):
		m.files.asking = true
	case matches(km, k.Close):
		m.files = evidenceView{}
	}
	return m, nil, result{}
}

// filesBody is the panel with its title, in the editor's room.
func (m editorModel) filesBody(s session) []string {
	st, t, w := m.c.st, m.c.t, m.c.width
	v := m.files
	if v.picking {
		return m.pickerBody()
	}
	lines := []string{m.c.rule(t.TN("ui.files.title", len(v.files), len(v.files), v.code), w)}
	switch {
	case v.err != "":
		lines = append(lines, m.c.errLine(v.err))
	case !v.loaded:
		lines = append(lines, st.Muted.Render(t.T("ui.status.loading")))
	case len(v.files) == 0:
		lines = append(lines, wrap(t.T("ui.files.none"), w)...)
	}
	for i, f := range v.files {
		mark := "  "
		if i == v.sel {
			mark = "▶ "
		}
		state := ""
		if !f.Received {
			state = " · " + t.T("ui.files.not_received")
		}
		line := mark + f.Name + " · " + model.SizeWords(f.Size) + " · " + f.MediaType + " · " + f.AddedBy + state
		if i == v.sel {
			line = st.Focused.Render(line)
		}
		lines = append(lines, fit(line, w))
	}
	switch {
	case v.typing:
		lines = append(lines, "", st.Label.Render(t.T("ui.files.path")), v.path.View())
	case v.asking && v.sel < len(v.files):
		lines = append(lines, "", st.Label.Render(t.T("ui.files.ask_remove", v.files[v.sel].Name)))
	}
	return clipLines(lines, max(1, m.c.height))
}
