package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// x on the checklist opens the export form over it, for the unit's
// record (and its thông báo once finalized) or its inspection's
// documents: the inspector need not go through the summary to hand a
// record over. What the screen shows must be stored first, as on the
// summary.

// exportTarget is the open unit's record, or its inspection's documents.
func checklistExportTarget(s session) exportTarget {
	return exportTarget{assessmentID: s.assessment.ID, unitName: s.unit.Name, finalized: s.finalized(),
		inspectionID: s.assessment.InspectionID, doc: exportUnit}
}

// openExport opens the export form, unless changes are still being saved.
func (m checklistModel) openExport(s session, pending bool) (checklistModel, result) {
	if pending {
		return m, say(m.c.t.T("ui.summary.wait_saving"))
	}
	f, ok := newExportForm(m.c, checklistExportTarget(s))
	if !ok {
		return m, result{}
	}
	m.export = f
	return m, result{}
}

// updateExport gives a key to the open export form.
func (m checklistModel) updateExport(km tea.KeyMsg) (checklistModel, tea.Cmd, result) {
	var cmd tea.Cmd
	var r result
	m.export, cmd, r = m.export.update(km)
	return m, cmd, r
}

// exportHelp is the export form's keys while it is open.
func (m checklistModel) exportHelp() [][]key.Binding { return m.export.FullHelp() }
