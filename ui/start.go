package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// startModel lists the inspections and, for the selected one, its units
// with their progress; it also creates inspections and adds units.
type startModel struct {
	c           *common
	keys        startKeys
	inspections []model.Inspection
	insCursor   int
	insOffset   int
	rows        []unitRow
	rowsFor     string
	unitCursor  int
	unitOffset  int
	focusUnits  bool
	loaded      bool
	err         string
	form        *form
	formKind    string // "inspection", "unit", "export" or "import"
	export      exportTarget
	// result is the outcome of the last import, shown until closed.
	result     *model.ImportOutcome
	resultKeys importResultKeys
	// conflicts is how many conflicts wait (a line above the lists).
	conflicts int
	// importing is true while an import runs: one at a time.
	importing bool
}

func newStartModel(c *common) startModel {
	m := startModel{c: c, keys: newStartKeys(c.t), resultKeys: newImportResultKeys(c.t)}
	m.keys.Export.SetEnabled(c.exporter != nil)
	m.keys.Import.SetEnabled(c.importer != nil)
	m.keys.Conflicts.SetEnabled(c.importer != nil)
	return m
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

func (m startModel) update(msg tea.Msg) (startModel, tea.Cmd) {
	switch msg := msg.(type) {
	case inspectionsLoadedMsg:
		return m.handleInspections(msg)
	case unitsLoadedMsg:
		return m.handleUnits(msg)
	case conflictCountMsg:
		if msg.err == nil {
			m.conflicts = msg.n
		}
		return m, nil
	case inspectionCreatedMsg:
		if msg.err != nil {
			if m.form != nil {
				m.form.err = m.c.errText(msg.err)
			}
			return m, nil
		}
		m.form = nil
		m.focusUnits = false
		return m, loadInspectionsCmd(m.c.store, msg.inspection.ID)
	case unitAddedMsg:
		if msg.err != nil {
			if m.form != nil {
				m.form.err = m.c.errText(msg.err)
			}
			return m, nil
		}
		m.form = nil
		m.focusUnits = true
		return m, loadUnitsCmd(m.c.store, msg.inspectionID, msg.assessmentID)
	case tea.KeyMsg:
		if m.form != nil {
			return m.updateForm(msg)
		}
		if m.result != nil {
			return m.updateResult(msg)
		}
		return m.handleKey(msg)
	}
	return m, nil
}

func (m startModel) handleInspections(msg inspectionsLoadedMsg) (startModel, tea.Cmd) {
	m.loaded = true
	if msg.err != nil {
		m.err = m.c.t.T("ui.err.load", m.c.errText(msg.err))
		return m, nil
	}
	m.err = ""
	m.inspections = msg.list
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

func (m startModel) handleUnits(msg unitsLoadedMsg) (startModel, tea.Cmd) {
	in, ok := m.selected()
	if !ok || in.ID != msg.inspectionID {
		return m, nil // an answer for a selection already left
	}
	if msg.err != nil {
		m.err = m.c.t.T("ui.err.load", m.c.errText(msg.err))
		return m, nil
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
	return m, nil
}

func (m startModel) handleKey(km tea.KeyMsg) (startModel, tea.Cmd) {
	switch {
	case key.Matches(km, m.keys.Up):
		return m.move(-1)
	case key.Matches(km, m.keys.Down):
		return m.move(1)
	case key.Matches(km, m.keys.Switch):
		m.focusUnits = !m.focusUnits && len(m.inspections) > 0
		return m, nil
	case key.Matches(km, m.keys.Open):
		if !m.focusUnits {
			if len(m.inspections) > 0 {
				m.focusUnits = true
			}
			return m, nil
		}
		if m.unitCursor < len(m.rows) {
			r := m.rows[m.unitCursor]
			return m, m.c.navigate(navMsg{to: screenChecklist, unit: r.assessment.ID, u: r.unit})
		}
	case key.Matches(km, m.keys.NewInspection):
		return m.openInspectionForm()
	case key.Matches(km, m.keys.AddUnit):
		if _, ok := m.selected(); ok {
			return m.openUnitForm()
		}
		m.err = m.c.t.T("ui.start.need_inspection")
	case key.Matches(km, m.keys.Reload):
		return m, m.reload()
	case key.Matches(km, m.keys.Export):
		return m.openExportForm()
	case key.Matches(km, m.keys.Import):
		return m.openImportForm()
	case key.Matches(km, m.keys.Conflicts):
		return m, m.c.navigate(navMsg{to: screenConflicts})
	}
	return m, nil
}

// openExportForm offers the selected unit's record (when the unit list has
// the focus) and the selected inspection's summary.
func (m startModel) openExportForm() (startModel, tea.Cmd) {
	in, ok := m.selected()
	if !ok {
		m.err = m.c.t.T("ui.start.need_inspection")
		return m, nil
	}
	t := exportTarget{inspectionID: in.ID, doc: exportSummary}
	if m.focusUnits && m.unitCursor < len(m.rows) && m.rowsFor == in.ID {
		r := m.rows[m.unitCursor]
		t.assessmentID, t.unitName, t.doc = r.assessment.ID, r.unit.Name, exportUnit
	}
	f := newExportForm(m.c, t)
	if f == nil {
		return m, nil
	}
	m.err = ""
	m.form, m.formKind, m.export = f, "export", t
	return m, nil
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

func (m startModel) openInspectionForm() (startModel, tea.Cmd) {
	t := m.c.t
	f := newForm(m.c, t.T("ui.start.new_inspection"))
	f.addInput(t.T("ui.form.title"), "", t.T("ui.form.title_hint"))
	f.addInput(t.T("ui.form.year"), strconv.Itoa(m.c.now().Year()), "")
	f.addInput(t.T("ui.form.plan"), "", t.T("ui.form.plan_hint"))
	m.form, m.formKind = f, "inspection"
	return m, f.focusCmd()
}

// proposeChecklist picks the newest built-in checklist for a kind.
func (m startModel) proposeChecklist(kind model.UnitKind) int {
	best := -1
	for i, cl := range m.c.checklists {
		if cl.Kind == kind && (best < 0 || cl.ID == m.c.checklists[best].ID && cl.Version > m.c.checklists[best].Version) {
			best = i
		}
	}
	return max(best, 0)
}

func (m startModel) openUnitForm() (startModel, tea.Cmd) {
	t := m.c.t
	f := newForm(m.c, t.T("ui.start.add_unit"))
	f.addInput(t.T("ui.form.unit_code"), "", t.T("ui.form.unit_code_hint"))
	f.addInput(t.T("ui.form.unit_name"), "", t.T("ui.form.unit_name_hint"))
	kinds := make([]string, len(m.c.kinds))
	for i, k := range m.c.kinds {
		kinds[i] = m.c.kindName(k.Code)
	}
	f.addChoice(t.T("ui.form.kind"), kinds, 0)
	cls := make([]string, len(m.c.checklists))
	for i, cl := range m.c.checklists {
		cls[i] = fmt.Sprintf("%s (%s)", cl.Title, cl.Ref())
	}
	first := model.UnitKind("")
	if len(m.c.kinds) > 0 {
		first = m.c.kinds[0].Code
	}
	f.addChoice(t.T("ui.form.checklist"), cls, m.proposeChecklist(first))
	f.addInput(t.T("ui.form.date"), "", "dd/mm/yyyy")
	f.onChoice = func(f *form, field int) {
		if field == 2 && field < len(f.fields) && len(m.c.kinds) > 0 {
			f.fields[3].choice = m.proposeChecklist(m.c.kinds[f.fields[2].choice].Code)
		}
	}
	m.form, m.formKind = f, "unit"
	return m, f.focusCmd()
}

func (m startModel) updateForm(km tea.KeyMsg) (startModel, tea.Cmd) {
	res, cmd := m.form.update(km)
	switch res {
	case formCancel:
		m.form = nil
		return m, nil
	case formSubmit:
		return m.submitForm()
	}
	return m, cmd
}

func clean(s string) string { return norm.NFC.String(strings.Join(strings.Fields(s), " ")) }

func (m startModel) submitForm() (startModel, tea.Cmd) {
	f, t := m.form, m.c.t
	switch m.formKind {
	case "export":
		m.form = nil
		return m, submitExport(m.c, f, m.export)
	case "import":
		return m.submitImport()
	}
	if m.formKind == "inspection" {
		title := clean(f.value(0))
		year, err := strconv.Atoi(strings.TrimSpace(f.value(1)))
		switch {
		case title == "":
			f.err = t.T("ui.form.title_required")
		case err != nil || year < 1990 || year > 2200:
			f.err = t.T("ui.form.year_invalid")
		default:
			f.err = ""
			return m, createInspectionCmd(m.c.store, m.c.inspector, model.Inspection{Title: title, Year: year, Plan: clean(f.value(2))})
		}
		return m, nil
	}
	in, _ := m.selected()
	code, name := strings.ToUpper(clean(f.value(0))), clean(f.value(1))
	date, derr := model.ParseDate(f.value(4))
	switch {
	case code == "" || name == "":
		f.err = t.T("ui.form.unit_required")
	case len(m.c.kinds) == 0 || len(m.c.checklists) == 0:
		f.err = t.T("ui.form.no_checklists")
	case derr != nil:
		f.err = t.T("ui.form.date_invalid")
	default:
		f.err = ""
		cl := m.c.checklists[f.fields[3].choice]
		u := model.Unit{Code: code, Name: name, Kind: m.c.kinds[f.fields[2].choice].Code}
		a := model.Assessment{InspectionID: in.ID, ChecklistID: cl.ID, ChecklistVersion: cl.Version, Date: date}
		return m, addUnitCmd(m.c.store, m.c.inspector, u, a)
	}
	return m, nil
}

// ShortHelp implements help.KeyMap.
func (m startModel) ShortHelp() []key.Binding {
	switch {
	case m.form != nil:
		return m.form.ShortHelp()
	case m.result != nil:
		return []key.Binding{m.resultKeys.Conflicts, m.resultKeys.Close}
	}
	return m.keys.ShortHelp()
}

// FullHelp implements help.KeyMap.
func (m startModel) FullHelp() [][]key.Binding {
	switch {
	case m.form != nil:
		return m.form.FullHelp()
	case m.result != nil:
		return [][]key.Binding{{m.resultKeys.Conflicts, m.resultKeys.Close}}
	}
	return m.keys.FullHelp()
}

func (m *startModel) view(w, h int) []string {
	if m.form != nil {
		return m.form.view(w, h)
	}
	if m.result != nil {
		return m.resultView(w, h)
	}
	st, t := m.c.st, m.c.t
	if !m.loaded {
		return []string{st.Muted.Render(t.T("ui.status.loading"))}
	}
	var top []string
	if m.err != "" {
		top = append(top, st.Error.Render("✗ "+m.err))
		h--
	}
	if m.conflicts > 0 {
		top = append(top, fit(st.Warn.Render(t.T("ui.start.conflicts_open", m.conflicts)), w))
		h--
	}
	if len(m.inspections) == 0 {
		return append(top, wrap(t.T("ui.start.empty"), w)...)
	}
	if w >= 110 {
		lw := max(30, w/3)
		left := padLines(m.inspectionsView(lw, h), lw, h)
		right := padLines(m.unitsView(w-lw-1, h), w-lw-1, h)
		return append(top, joinColumns(st.Rule.Render("│"), left, right)...)
	}
	ih := min(len(m.inspections)+1, max(2, h/4))
	out := append(top, padLines(m.inspectionsView(w, ih), w, ih)...)
	return append(out, m.unitsView(w, h-ih)...)
}

func (m *startModel) inspectionsView(w, h int) []string {
	t := m.c.t
	title := t.T("ui.start.inspections", len(m.inspections))
	if !m.focusUnits {
		title = "▸ " + title
	}
	lines := []string{m.c.rule(title, w)}
	rows := h - 1
	m.insOffset = scrollTo(m.insCursor, m.insOffset, rows)
	for i := m.insOffset; i < len(m.inspections) && i < m.insOffset+rows; i++ {
		in := m.inspections[i]
		lines = append(lines, m.c.row(fmt.Sprintf("%d · %s", in.Year, in.Title), w, i == m.insCursor && !m.focusUnits))
	}
	return lines
}

func (m *startModel) unitsView(w, h int) []string {
	st, t := m.c.st, m.c.t
	title := t.T("ui.start.units", len(m.rows))
	if m.focusUnits {
		title = "▸ " + title
	}
	lines := []string{m.c.rule(title, w)}
	if len(m.rows) == 0 {
		return append(lines, wrap(t.T("ui.start.no_units"), w)...)
	}
	// Columns after the name; the narrow layouts drop kind, then date.
	type col struct {
		head string
		w    int
		cell func(r unitRow) string
	}
	cols := []col{
		{t.T("ui.start.col.kind"), 16, func(r unitRow) string { return m.c.kindName(r.unit.Kind) }},
		{t.T("ui.start.col.date"), 10, func(r unitRow) string { return r.assessment.Date.VN() }},
		{t.T("ui.start.col.progress"), 9, func(r unitRow) string {
			return fmt.Sprintf("%d/%d", r.score.Overall.Answered, r.score.Overall.Total)
		}},
		{t.T("ui.start.col.score"), 13, func(r unitRow) string {
			return m.c.pts(r.score.Overall.Score) + "/" + m.c.pts(r.score.Overall.Max)
		}},
		{t.T("ui.start.col.status"), 15, func(r unitRow) string { return m.c.statusName(r.assessment.Status) }},
	}
	total := func() int {
		n := 0
		for _, c := range cols {
			n += c.w + 1
		}
		return n
	}
	for len(cols) > 2 && w-2-total() < 18 {
		cols = cols[1:]
	}
	nameW := max(1, w-2-total())
	head := fit(t.T("ui.start.col.unit"), nameW)
	for _, c := range cols {
		head += " " + fit(c.head, c.w)
	}
	lines = append(lines, fit(st.Muted.Render("  "+head), w))
	rows := h - 2
	m.unitOffset = scrollTo(m.unitCursor, m.unitOffset, rows)
	for i := m.unitOffset; i < len(m.rows) && i < m.unitOffset+rows; i++ {
		r := m.rows[i]
		s := fit(fmt.Sprintf("%s (%s)", r.unit.Name, r.unit.Code), nameW)
		for _, c := range cols {
			s += " " + fit(c.cell(r), c.w)
		}
		lines = append(lines, m.c.row(s, w, m.focusUnits && i == m.unitCursor))
	}
	return lines
}
