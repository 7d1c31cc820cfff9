package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// startForm is which of the start screen's own forms is open.
type startForm int

const (
	noForm            startForm = iota // the lists have the keyboard
	newInspectionForm                  // an inspection's details: a new one, or the selected one (details)
	addUnitForm                        // a unit added to the selected inspection
	reportDetailsForm                  // the selected inspection's báo cáo kết quả kiểm tra (details)
	editUnitForm                       // the selected unit's name and kind (unit_edit.go)
)

func (f startForm) String() string {
	return [...]string{"none", "inspection", "add-unit", "report"}[f]
}

// startModel lists the inspections and, for the selected one, its units
// with their progress; it creates inspections, adds units, and opens the
// export and import forms.
type startModel struct {
	c           common
	keys        startKeys
	inspections []model.Inspection
	insCursor   int
	insOffset   int
	rows        []unitRow
	rowsFor     string // the inspection whose units rows are
	unitCursor  int
	unitOffset  int
	focusUnits  bool
	loaded      bool
	err         string
	formKind    startForm
	form        form
	// details is the open details form (an inspection's, a báo cáo's),
	// editing the inspection it started from; generated is the báo cáo's
	// generated paragraphs.
	details   detailsForm
	editing   model.Inspection
	generated model.Narrative
	unitForm  unitFormState
	// correcting is the row whose unit the unit form corrects.
	correcting unitRow
	// asking is a removal waiting for a yes (remove.go).
	asking  *removal
	ckeys   confirmKeys
	export  exportForm
	imports importForm
	// openConflicts is how many conflicts wait (a line above the lists).
	openConflicts int
}

func newStartModel(c common) startModel {
	return startModel{c: c, keys: newStartKeys(c.t), imports: newImportForm(c), ckeys: newConfirmKeys(c.t)}
}

func (m *startModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	m.form.setSize(w, h)
	m.details.setSize(w, h)
	m.export.setSize(w, h)
	m.imports.setSize(w, h)
	m.scroll()
}

// typing reports whether a text field has the keyboard.
func (m startModel) typing() bool {
	return m.formKind != noForm || m.export.open || m.imports.typing()
}

// selected is the inspection under the cursor, if any.
func (m startModel) selected() (model.Inspection, bool) {
	if m.insCursor < 0 || m.insCursor >= len(m.inspections) {
		return model.Inspection{}, false
	}
	return m.inspections[m.insCursor], true
}

// reload re-reads the lists (after coming back from a checklist, whose
// progress has changed).
func (m startModel) reload() tea.Cmd {
	in, _ := m.selected()
	return tea.Batch(loadInspectionsCmd(m.c.store, in.ID), countConflictsCmd(m.c.importer))
}

func (m startModel) update(msg tea.Msg) (startModel, tea.Cmd, result) {
	var cmd tea.Cmd
	var r result
	switch msg := msg.(type) {
	case inspectionsLoadedMsg:
		m, cmd = m.handleInspections(msg)
	case unitsLoadedMsg:
		m = m.handleUnits(msg)
	case conflictCountMsg:
		if msg.err == nil {
			m.openConflicts = msg.count
		}
	case inspectionCreatedMsg:
		if msg.err != nil {
			m.details.err = m.c.t.Err(msg.err)
			break
		}
		m.formKind, m.focusUnits = noForm, false
		cmd = loadInspectionsCmd(m.c.store, msg.inspection.ID)
		r = say(m.c.t.T("ui.start.inspection_created", msg.inspection.Title, msg.inspection.Year))
	case narrativeLoadedMsg:
		m, cmd = m.openReportForm(msg)
	case knownUnitsMsg:
		m = m.handleKnownUnits(msg)
	case heldChecklistsMsg:
		m = m.handleHeldChecklists(msg)
	case unitCorrectedMsg:
		m, cmd, r = m.unitCorrected(msg)
	case removedMsg:
		m, cmd, r = m.removed(msg)
	case unitAddedMsg:
		if msg.err != nil {
			m.form.err = m.c.t.Err(msg.err)
			break
		}
		m.formKind, m.focusUnits = noForm, true
		cmd = loadUnitsCmd(m.c.store, msg.inspectionID, msg.assessmentID)
	case importedMsg:
		m.imports, r = m.imports.done(msg)
		cmd = m.reload()
	case tea.KeyMsg:
		switch {
		case m.asking != nil:
			m, cmd, r = m.updateRemoval(msg)
		case m.formKind != noForm:
			m, cmd = m.updateForm(msg)
		case m.export.open:
			m.export, cmd, r = m.export.update(msg)
		case m.imports.takesKeys():
			m.imports, cmd, r = m.imports.update(msg)
		default:
			m, cmd, r = m.handleKey(msg)
		}
	}
	m.scroll()
	return m, cmd, r
}

func (m startModel) handleInspections(msg inspectionsLoadedMsg) (startModel, tea.Cmd) {
	m.loaded = true
	if msg.err != nil {
		m.err = m.c.t.T("ui.err.load", m.c.t.Err(msg.err))
		return m, nil
	}
	m.err = ""
	m.inspections = msg.inspections
	if msg.selectID != "" {
		for i, in := range m.inspections {
			if in.ID == msg.selectID {
				m.insCursor = i
			}
		}
	}
	m.insCursor = max(0, min(m.insCursor, len(m.inspections)-1))
	in, ok := m.selected()
	if !ok {
		m.rows, m.rowsFor = nil, ""
		return m, nil
	}
	sel := ""
	if m.unitCursor < len(m.rows) && m.rowsFor == in.ID {
		sel = m.rows[m.unitCursor].assessment.ID
	}
	return m, loadUnitsCmd(m.c.store, in.ID, sel)
}

func (m startModel) handleUnits(msg unitsLoadedMsg) startModel {
	in, ok := m.selected()
	if !ok || in.ID != msg.inspectionID {
		return m // an answer for a selection already left
	}
	if msg.err != nil {
		m.err = m.c.t.T("ui.err.load", m.c.t.Err(msg.err))
		return m
	}
	if m.rowsFor != msg.inspectionID {
		m.unitCursor, m.unitOffset = 0, 0
	}
	m.rows, m.rowsFor = msg.rows, msg.inspectionID
	for i, r := range m.rows {
		if msg.selectID != "" && r.assessment.ID == msg.selectID {
			m.unitCursor = i
		}
	}
	m.unitCursor = max(0, min(m.unitCursor, len(m.rows)-1))
	return m
}

func (m startModel) handleKey(km tea.KeyMsg) (startModel, tea.Cmd, result) {
	k := m.keymap()
	switch {
	case matches(km, k.Up):
		m, cmd := m.move(-1)
		return m, cmd, result{}
	case matches(km, k.Down):
		m, cmd := m.move(1)
		return m, cmd, result{}
	case matches(km, k.Switch):
		m.focusUnits = !m.focusUnits
	case matches(km, k.Open):
		if !m.focusUnits {
			m.focusUnits = true
			break
		}
		if m.unitCursor < len(m.rows) {
			r := m.rows[m.unitCursor]
			return m, nil, goTo(navigation{to: screenChecklist, assessmentID: r.assessment.ID, unit: r.unit})
		}
	case matches(km, k.NewInspection):
		m, cmd := m.openInspectionForm(model.Inspection{})
		return m, cmd, result{}
	case matches(km, k.RemoveUnit), matches(km, k.RemoveInspection):
		return m.askRemoval(), nil, result{}
	case matches(km, k.EditUnit):
		m, cmd := m.openUnitEditForm()
		return m, cmd, result{}
	case matches(km, k.EditInspection):
		in, _ := m.selected()
		m, cmd := m.openInspectionForm(in)
		return m, cmd, result{}
	case m.c.exporter != nil && matches(km, k.Report):
		in, _ := m.selected()
		return m, loadNarrativeCmd(m.c.exporter, in.ID), say(m.c.t.T("ui.status.loading"))
	case matches(km, k.AddUnit):
		m, cmd := m.openUnitForm()
		return m, cmd, result{}
	case matches(km, k.Reload):
		return m, m.reload(), result{}
	case m.c.exporter != nil && matches(km, k.Export):
		return m.openExportForm(), nil, result{}
	case m.c.importer != nil && matches(km, k.Import):
		var cmd tea.Cmd
		var busy bool
		m.imports, cmd, busy = m.imports.ask()
		if busy {
			return m, nil, say(m.c.t.T("ui.import.busy"))
		}
		return m, cmd, result{}
	case m.c.importer != nil && matches(km, k.Conflicts):
		return m, nil, goTo(navigation{to: screenConflicts})
	}
	if why := m.refusal(km, k); why != "" {
		return m, nil, say(why)
	}
	return m, nil, result{}
}

// openExportForm offers the selected unit's record (when the unit list has
// the focus) and the selected inspection's summary.
func (m startModel) openExportForm() startModel {
	in, _ := m.selected()
	t := exportTarget{inspectionID: in.ID, doc: exportSummary}
	if m.focusUnits && m.unitCursor < len(m.rows) && m.rowsFor == in.ID {
		r := m.rows[m.unitCursor]
		t.assessmentID, t.unitName, t.doc = r.assessment.ID, r.unit.Name, exportUnit
		t.finalized = r.assessment.Status == model.StatusFinalized
	}
	if f, ok := newExportForm(m.c, t); ok {
		m.err, m.export = "", f
	}
	return m
}

func (m startModel) move(d int) (startModel, tea.Cmd) {
	if m.focusUnits {
		m.unitCursor = max(0, min(m.unitCursor+d, len(m.rows)-1))
		return m, nil
	}
	old := m.insCursor
	m.insCursor = max(0, min(m.insCursor+d, len(m.inspections)-1))
	if m.insCursor == old {
		return m, nil
	}
	in, _ := m.selected()
	return m, loadUnitsCmd(m.c.store, in.ID, "")
}

// openInspectionForm opens the details form of in (a new inspection when
// in has no ID).
func (m startModel) openInspectionForm(in model.Inspection) (startModel, tea.Cmd) {
	var cmd tea.Cmd
	m.details, cmd = inspectionForm(m.c, in).focused()
	m.editing, m.formKind = in, newInspectionForm
	return m, cmd
}

// openReportForm opens the báo cáo's form once its generated paragraphs
// are in, for the inspection they were asked for.
func (m startModel) openReportForm(msg narrativeLoadedMsg) (startModel, tea.Cmd) {
	in, ok := m.selected()
	if !ok || in.ID != msg.inspectionID {
		return m, nil
	}
	if msg.err != nil {
		m.err = m.c.t.T("ui.err.load", m.c.t.Err(msg.err))
		return m, nil
	}
	var cmd tea.Cmd
	m.details, cmd = reportForm(m.c, in, msg.generated).focused()
	m.editing, m.generated, m.formKind = in, msg.generated, reportDetailsForm
	return m, cmd
}

func (m startModel) updateForm(km tea.KeyMsg) (startModel, tea.Cmd) {
	if m.formKind == newInspectionForm || m.formKind == reportDetailsForm {
		return m.updateDetails(km)
	}
	f, cmd, res := m.form.update(km)
	m.form = f
	if m.formKind == addUnitForm {
		var fcmd tea.Cmd
		m, fcmd = m.syncUnitForm()
		cmd = tea.Batch(cmd, fcmd)
	}
	switch res {
	case formCancel:
		m.formKind = noForm
		return m, nil
	case formSubmit:
		if m.formKind == editUnitForm {
			return m.submitUnitEdit()
		}
		return m.submitUnit()
	default:
		return m, cmd
	}
}

// updateDetails gives a key to the open details form.
func (m startModel) updateDetails(km tea.KeyMsg) (startModel, tea.Cmd) {
	f, cmd, res := m.details.update(km)
	m.details = f
	switch res {
	case formCancel:
		m.formKind = noForm
		return m, nil
	case formSubmit:
		if m.formKind == reportDetailsForm {
			return m.submitReport()
		}
		return m.submitInspectionDetails()
	default:
		return m, cmd
	}
}

func clean(s string) string { return norm.NFC.String(strings.Join(strings.Fields(s), " ")) }
