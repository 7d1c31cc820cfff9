package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// d on the start screen takes the selected unit off its inspection, or
// the selected inspection off the list, after a question: a unit added by
// mistake, an inspection created twice. The store refuses while it holds
// findings (the status line says why and how many) and keeps the removal
// as an audited revision that travels in bundles.

// removal is the question waiting for the inspector's yes.
type removal struct {
	unit         bool // a unit of the inspection, else the inspection
	assessmentID string
	inspectionID string
	name         string // the unit's or the inspection's, for the question
}

// removedMsg is the store's answer.
type removedMsg struct {
	removal
	err error
}

func removeCmd(st Store, actor string, r removal) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		var err error
		if r.unit {
			err = st.RemoveVisit(ctx, actor, r.assessmentID)
		} else {
			err = st.RemoveInspection(ctx, actor, r.inspectionID)
		}
		return removedMsg{removal: r, err: err}
	}
}

// askRemoval asks about the selected unit (units pane) or inspection.
func (m startModel) askRemoval() startModel {
	in, _ := m.selected()
	r := removal{inspectionID: in.ID, name: in.Title}
	if m.focusUnits {
		row := m.rows[m.unitCursor]
		r = removal{unit: true, assessmentID: row.assessment.ID, inspectionID: in.ID, name: row.unit.Name}
	}
	m.asking = &r
	return m
}

// updateRemoval takes the answer to the question.
func (m startModel) updateRemoval(km tea.KeyMsg) (startModel, tea.Cmd, result) {
	r := *m.asking
	switch {
	case matches(km, m.ckeys.Yes):
		m.asking = nil
		return m, removeCmd(m.c.store, m.c.inspector, r), result{}
	case matches(km, m.ckeys.No):
		m.asking = nil
	}
	return m, nil, result{}
}

// removed takes the store's answer: the lists without what was removed,
// or why it was not.
func (m startModel) removed(msg removedMsg) (startModel, tea.Cmd, result) {
	t := m.c.t
	if msg.err != nil {
		return m, nil, result{status: t.Err(msg.err), statusErr: true}
	}
	if msg.unit {
		return m, loadUnitsCmd(m.c.store, msg.inspectionID, ""), say(t.T("ui.remove.unit_done", msg.name))
	}
	m.focusUnits = false
	return m, loadInspectionsCmd(m.c.store, ""), say(t.T("ui.remove.inspection_done", msg.name))
}

// question is the line asking about the removal.
func (m startModel) question() string {
	if m.asking.unit {
		return m.c.t.T("ui.remove.ask_unit", m.asking.name)
	}
	return m.c.t.T("ui.remove.ask_inspection", m.asking.name)
}

// removalHelp is the question's keys.
func (m startModel) removalHelp() []key.Binding { return []key.Binding{m.ckeys.Yes, m.ckeys.No} }
