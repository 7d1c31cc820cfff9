package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// Correcting a unit from the start screen: e on the units pane opens the
// selected unit's name and kind (a unit renamed, or counted as another
// kind, in real life). The store renames it, audited as a revision of the
// unit that travels in bundles like any other; its drafts show the new
// name, a finalized record keeps the one it was signed with. The code is
// the unit's identity and is not changed.

// The fields of the unit form, in order.
const (
	editUnitName = iota
	editUnitKind
)

// unitCorrectedMsg is the store's answer to a correction.
type unitCorrectedMsg struct {
	unit         model.Unit
	inspectionID string
	assessmentID string // the row to select again
	err          error
}

func correctUnitCmd(st Store, actor, inspectionID, assessmentID, code, name string, kind model.UnitKind) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		u, err := st.CorrectUnit(ctx, actor, code, name, kind)
		return unitCorrectedMsg{unit: u, inspectionID: inspectionID, assessmentID: assessmentID, err: err}
	}
}

// openUnitEditForm opens the selected unit's name and kind.
func (m startModel) openUnitEditForm() (startModel, tea.Cmd) {
	t := m.c.t
	r := m.rows[m.unitCursor]
	f := newForm(m.c, t.T("ui.unit_edit.title", r.unit.Code))
	f = f.withInput(t.T("ui.form.unit_name"), r.unit.Name, t.T("ui.form.unit_name_hint"))
	names := make([]string, len(m.c.kinds))
	choice := 0
	for i, k := range m.c.kinds {
		names[i] = m.c.kindName(k.Code)
		if k.Code == r.unit.Kind {
			choice = i
		}
	}
	f = f.withChoice(t.T("ui.form.kind"), names, choice)
	if r.assessment.Status == model.StatusFinalized {
		f.note = t.T("ui.unit_edit.finalized_keeps")
	}
	m.form, m.formKind, m.correcting = f, editUnitForm, r
	var cmd tea.Cmd
	m.form, cmd = m.form.focused()
	return m, cmd
}

// submitUnitEdit asks the store to correct the unit, unless nothing
// changed.
func (m startModel) submitUnitEdit() (startModel, tea.Cmd) {
	t, r := m.c.t, m.correcting
	name := clean(m.form.value(editUnitName))
	if name == "" {
		m.form.err = t.T("ui.unit_edit.name_required")
		return m, nil
	}
	kind := r.unit.Kind
	if len(m.c.kinds) > 0 {
		kind = m.c.kinds[m.form.choice(editUnitKind)].Code
	}
	if name == r.unit.Name && kind == r.unit.Kind {
		m.formKind = noForm
		return m, nil
	}
	m.form.err = ""
	return m, correctUnitCmd(m.c.store, m.c.inspector, r.assessment.InspectionID, r.assessment.ID, r.unit.Code, name, kind)
}

// unitCorrected takes the store's answer: the form closes and the list
// shows the new name, or the form says why not.
func (m startModel) unitCorrected(msg unitCorrectedMsg) (startModel, tea.Cmd, result) {
	if msg.err != nil {
		m.form.err = m.c.t.Err(msg.err)
		return m, nil, result{}
	}
	m.formKind = noForm
	return m, loadUnitsCmd(m.c.store, msg.inspectionID, msg.assessmentID),
		say(m.c.t.T("ui.unit_edit.done", msg.unit.Code, msg.unit.Name, m.c.kindName(msg.unit.Kind)))
}
