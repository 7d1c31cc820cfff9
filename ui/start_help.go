package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The start screen's keys as they act now, and why one cannot.

// keymap is the lists' keys as they act now.
func (m startModel) keymap() startKeys {
	k := m.keys
	_, selected := m.selected()
	n := len(m.inspections)
	if m.focusUnits {
		n = len(m.rows)
	}
	k.Up.SetEnabled(n > 1)
	k.Down.SetEnabled(n > 1)
	k.Switch.SetEnabled(len(m.inspections) > 0)
	k.Open.SetEnabled(!m.focusUnits && len(m.inspections) > 0 || m.focusUnits && m.unitCursor < len(m.rows))
	k.AddUnit.SetEnabled(selected)
	k.EditInspection.SetEnabled(selected && !m.focusUnits)
	k.EditUnit.SetEnabled(m.focusUnits && m.unitCursor < len(m.rows))
	k.RemoveInspection.SetEnabled(selected && !m.focusUnits)
	k.RemoveUnit.SetEnabled(k.EditUnit.Enabled())
	k.Export.SetEnabled(selected)
	k.Report.SetEnabled(selected)
	return k
}

// bindings are the lists' keys in groups; export and import are left out
// when the app runs without them.
func (m startModel) bindings() [][]key.Binding {
	k := m.keymap()
	last := []key.Binding{}
	if m.c.exporter != nil {
		last = append(last, k.Report, k.Export)
	}
	if m.c.importer != nil {
		last = append(last, k.Import, k.Conflicts)
	}
	return [][]key.Binding{{k.Up, k.Down, k.Switch, k.Open}, {k.NewInspection, k.EditInspection, k.EditUnit, k.AddUnit, k.RemoveInspection, k.RemoveUnit, k.Reload}, last}
}

// refusal says why a key of the lists cannot act now, or "".
func (m startModel) refusal(km tea.KeyMsg, k startKeys) string {
	t := m.c.t
	if m.c.exporter == nil {
		// not keys of this app: nothing to say
		k.Export.SetEnabled(true)
		k.Report.SetEnabled(true)
	}
	switch {
	case m.focusUnits && disabledMatch(km, k.EditUnit, k.RemoveUnit):
		return t.T("ui.start.no_units")
	case disabledMatch(km, k.AddUnit, k.Export, k.Report, k.EditInspection, k.RemoveInspection, k.Switch):
		return t.T("ui.start.need_inspection")
	case disabledMatch(km, k.Open):
		return t.T("ui.start.no_units")

	case disabledMatch(km, k.Up, k.Down):
		return t.T("ui.why.one_entry")
	}
	return ""
}

// ShortHelp implements help.KeyMap.
func (m startModel) ShortHelp() []key.Binding {
	switch {
	case m.asking != nil:
		return m.removalHelp()
	case m.formKind == newInspectionForm || m.formKind == reportDetailsForm:
		return m.details.ShortHelp()
	case m.formKind != noForm:
		return m.form.ShortHelp()
	case m.export.open:
		return m.export.ShortHelp()
	case m.imports.takesKeys():
		return m.imports.ShortHelp()
	}
	k := m.keymap()
	short := []key.Binding{k.Open, k.Switch, k.NewInspection, k.AddUnit}
	if m.c.exporter != nil {
		short = append(short, k.Export)
	}
	if m.c.importer != nil {
		short = append(short, k.Import, k.Conflicts)
	}
	return append(short, k.Reload)
}

// FullHelp implements help.KeyMap.
func (m startModel) FullHelp() [][]key.Binding {
	switch {
	case m.asking != nil:
		return [][]key.Binding{m.removalHelp()}
	case m.formKind == newInspectionForm || m.formKind == reportDetailsForm:
		return m.details.FullHelp()
	case m.formKind != noForm:
		return m.form.FullHelp()
	case m.export.open:
		return m.export.FullHelp()
	case m.imports.takesKeys():
		return m.imports.FullHelp()
	}
	return m.bindings()
}
