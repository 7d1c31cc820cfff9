package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The editor shows an item's history on ctrl+l: every change held, who
// made it, when, on which device, and the value before and after.

// historyKeys drive the history.
type historyKeys struct {
	Up, Down, Close key.Binding
}

func newHistoryKeys(t i18n.Catalog) historyKeys {
	return historyKeys{
		Up:    bind(t, "↑/k", "ui.key.scroll_up", "up", "k"),
		Down:  bind(t, "↓/j", "ui.key.scroll_down", "down", "j"),
		Close: bind(t, "esc/ctrl+l", "ui.key.close", "esc", "ctrl+l"),
	}
}

// historyView is the history the editor shows; its zero value is closed.
type historyView struct {
	open    bool
	code    string // the item
	changes []model.FindingChange
	loaded  bool
	err     string
	offset  int
}

// historyLoadedMsg carries an item's history.
type historyLoadedMsg struct {
	assessmentID, itemCode string
	changes                []model.FindingChange
	err                    error
}

func loadHistoryCmd(st Store, assessmentID, code string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		cs, err := st.FindingChanges(ctx, assessmentID, code)
		return historyLoadedMsg{assessmentID: assessmentID, itemCode: code, changes: cs, err: err}
	}
}

// openHistory opens the history of the editor's item and asks for it.
func (m editorModel) openHistory(s session) (editorModel, tea.Cmd) {
	m.history = historyView{open: true, code: m.item.Code}
	return m, loadHistoryCmd(m.c.store, s.assessment.ID, m.item.Code)
}

// historyLoaded takes in a history asked for.
func (m editorModel) historyLoaded(msg historyLoadedMsg) editorModel {
	if !m.history.open || msg.itemCode != m.history.code {
		return m
	}
	m.history.loaded = true
	if msg.err != nil {
		m.history.err = m.c.t.T("ui.err.load", m.c.t.Err(msg.err))
		return m
	}
	m.history.changes = msg.changes
	// The newest change is what the inspector looks for: show the end.
	m.history.offset = max(0, len(m.historyLines())-m.historyRows())
	return m
}

func (m editorModel) historyRows() int { return max(1, m.c.height-1) }

// updateHistory handles a key while the history is open.
func (m editorModel) updateHistory(km tea.KeyMsg) editorModel {
	k := m.hkeys
	last := max(0, len(m.historyLines())-m.historyRows())
	switch {
	case matches(km, k.Up):
		m.history.offset = max(0, min(m.history.offset, last)-1)
	case matches(km, k.Down):
		m.history.offset = min(last, m.history.offset+1)
	case matches(km, k.Close):
		m.history = historyView{}
	}
	return m
}

// historyLines are the history as lines of the editor's width.
func (m editorModel) historyLines() []string {
	st, t, w := m.c.st, m.c.t, m.c.width
	h := m.history
	switch {
	case h.err != "":
		return []string{m.c.errLine(h.err)}
	case !h.loaded:
		return []string{st.Muted.Render(t.T("ui.status.loading"))}
	case len(h.changes) == 0:
		return wrap(t.T("ui.history.none"), w)
	}
	var lines []string
	for _, c := range h.changes {
		device := model.ShortID(c.Device)
		switch {
		case c.Local:
			device = t.T("ui.history.this_device", device)
		case c.DeviceName != "":
			device = fmt.Sprintf("%s (%s)", c.DeviceName, device)
		}
		when := c.At.In(m.c.now().Location()).Format("02/01/2006 15:04:05")
		action := string(c.Action)
		if _, ok := i18n.Lookup("ui.history.action." + action); ok {
			action = t.T("ui.history.action." + action)
		}
		head := fmt.Sprintf("%s · %s · %s · %s", when, c.Actor, device, action)
		lines = append(lines, fit(st.Label.Render(head), w))
		from := t.T("ui.result.none")
		if c.HadOld {
			from = m.c.valueWords(m.item, c.Old)
		}
		if to := m.c.valueWords(m.item, c.New); from != to || !c.HadOld {
			lines = append(lines, fit("    "+from+" → "+to, w))
		}
		text := func(label, a, b string) {
			if a != b {
				lines = append(lines, indentWrap("    ", t.T("ui.history.text", label, quoteShort(a, t), quoteShort(b, t)), w)...)
			}
		}
		text(t.T("ui.label.note"), c.Old.Note, c.New.Note)
		text(t.T("ui.label.evidence_seen"), c.Old.Evidence, c.New.Evidence)
		text(t.T("ui.label.recommendation"), c.Old.Recommendation, c.New.Recommendation)
		text(t.T("ui.label.deadline"), c.Old.Deadline.VN(), c.New.Deadline.VN())
	}
	return lines
}

// quoteShort is a text as a history line quotes it: “…”, cut after 60
// characters, or "(trống)".
func quoteShort(s string, t i18n.Catalog) string {
	s = shortText(s)
	if s == "" {
		return t.T("ui.history.empty")
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return "“" + s + "”"
}

// historyBody is the history with its title, in the editor's room.
func (m editorModel) historyBody() []string {
	t := m.c.t
	title := t.TN("ui.history.title", len(m.history.changes), m.history.code, len(m.history.changes))
	lines := []string{m.c.rule(title, m.c.width)}
	body := m.historyLines()
	off := max(0, min(m.history.offset, len(body)-m.historyRows()))
	return append(lines, clipLines(body[off:], m.historyRows())...)
}

// historyHelp is the keys of the history.
func (m editorModel) historyHelp() []key.Binding {
	k := m.hkeys
	scroll := len(m.historyLines()) > m.historyRows()
	k.Up.SetEnabled(scroll)
	k.Down.SetEnabled(scroll)
	return []key.Binding{k.Close, k.Down, k.Up}
}

// historyRefusal says why a key of the history cannot act, or "".
func (m editorModel) historyRefusal(km tea.KeyMsg) string {
	k := m.historyHelp()
	if disabledMatch(km, k...) {
		return m.c.t.T("ui.why.all_shown")
	}
	return ""
}
