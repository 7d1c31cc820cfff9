package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The start screen's add-unit form. A unit is one unit: typing the code of
// a unit the database holds offers that unit, its name and kind filled in
// and locked (adding it never renames or re-kinds it; the store refuses
// that too). The checklist field offers the checklists for the chosen kind
// only, and proposes the newest version valid on the visit's date; a
// visit that does not fit (a UBND cấp huyện from 1 July 2025, a version
// not meant for the day) is refused in the form, with the reason.

// The fields of the add-unit form, in order: the date comes before the
// checklist, whose proposal depends on it.
const (
	unitFieldCode = iota
	unitFieldName
	unitFieldKind
	unitFieldDate
	unitFieldChecklist
)

// unitFormState is what the add-unit form derives from what is typed.
type unitFormState struct {
	known     map[string]model.Unit // the units held, by code (loaded when the form opens)
	lockedFor string                // the code whose unit filled in the name and kind
	cls       []*model.Checklist    // the checklist field's options
	kind      model.UnitKind        // the kind and date text the options were made for
	date      string
	made      bool // the options have been made once
}

// knownUnitsMsg carries the units held, for the add-unit form.
type knownUnitsMsg struct {
	units []model.Unit
	err   error
}

func loadKnownUnitsCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		units, err := st.Units(ctx)
		return knownUnitsMsg{units: units, err: err}
	}
}

func (m startModel) handleKnownUnits(msg knownUnitsMsg) startModel {
	if m.formKind != addUnitForm {
		return m
	}
	if msg.err != nil {
		// The form still works: the store refuses a code held by another
		// unit, in the same words.
		m.c.log.Warn("load units for the add-unit form", "err", msg.err)
		return m
	}
	m.unitForm.known = make(map[string]model.Unit, len(msg.units))
	for _, u := range msg.units {
		m.unitForm.known[u.Code] = u
	}
	m, _ = m.syncUnitForm()
	return m
}

func (m startModel) openUnitForm() (startModel, tea.Cmd) {
	t, kinds := m.c.t, m.c.kinds
	f := newForm(m.c, t.T("ui.start.add_unit"))
	f = f.withInput(t.T("ui.form.unit_code"), "", t.T("ui.form.unit_code_hint"))
	f = f.withInput(t.T("ui.form.unit_name"), "", t.T("ui.form.unit_name_hint"))
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = m.c.kindName(k.Code)
	}
	f = f.withChoice(t.T("ui.form.kind"), names, 0)
	f = f.withInput(t.T("ui.form.date"), "", "dd/mm/yyyy")
	f = f.withChoice(t.T("ui.form.checklist"), []string{}, 0)
	m.form, m.formKind, m.unitForm = f, addUnitForm, unitFormState{}
	m, _ = m.syncUnitForm()
	var cmd tea.Cmd
	m.form, cmd = m.form.focused()
	return m, tea.Batch(cmd, loadKnownUnitsCmd(m.c.store))
}

// kindIndex is the place of kind k among the form's kinds, or -1.
func kindIndex(kinds []model.KindInfo, k model.UnitKind) int {
	for i, ki := range kinds {
		if ki.Code == k {
			return i
		}
	}
	return -1
}

// syncUnitForm brings the add-unit form in line with what is typed: a
// held unit's code fills in and locks its name and kind (another code
// opens them again); a new kind or date proposes the checklist again.
func (m startModel) syncUnitForm() (startModel, tea.Cmd) {
	f, st := m.form, m.unitForm
	code := strings.ToUpper(clean(f.value(unitFieldCode)))
	u, known := st.known[code]
	switch {
	case known && st.lockedFor != code:
		f = f.withValue(unitFieldName, u.Name)
		if i := kindIndex(m.c.kinds, u.Kind); i >= 0 {
			f = f.withChoiceAt(unitFieldKind, i)
		}
		f = f.withLocked(unitFieldName, true).withLocked(unitFieldKind, true)
		f.note = m.c.t.T("ui.form.unit_known", u.Name, m.c.kindName(u.Kind))
		st.lockedFor = code
	case !known && st.lockedFor != "":
		f = f.withValue(unitFieldName, "").withLocked(unitFieldName, false).withLocked(unitFieldKind, false)
		f.note, st.lockedFor = "", ""
	}
	if len(m.c.kinds) > 0 {
		kind := m.c.kinds[f.choice(unitFieldKind)].Code
		dateText := strings.TrimSpace(f.value(unitFieldDate))
		if !st.made || kind != st.kind || dateText != st.date {
			date, err := model.ParseDate(dateText)
			if err != nil {
				date = model.Date{} // not a date yet: propose for no day in particular
			}
			in, _ := m.selected()
			st.cls = nil
			for _, cl := range m.c.checklists() {
				if cl.AppliesTo(kind) {
					st.cls = append(st.cls, cl)
				}
			}
			titles := make([]string, len(st.cls))
			for i, cl := range st.cls {
				titles[i] = fmt.Sprintf("%s — %s", cl.Ref(), cl.Title)
			}
			f = f.withOptions(unitFieldChecklist, titles, proposeChecklist(st.cls, m.c.kinds, in, kind, date))
			st.kind, st.date, st.made = kind, dateText, true
		}
	}
	m.unitForm = st
	var cmd tea.Cmd
	m.form, cmd = f.focused()
	return m, cmd
}

// proposeChecklist picks, among checklists for kind, the one a visit on
// date (zero: no day yet) should use: of the checklists made most
// specifically for the kind (the fewest kinds covered by any version: the
// sở checklist before the TTHC-control one that also covers communes),
// the newest version valid on that day; when none is valid then, the
// newest version of the most specific.
func proposeChecklist(cls []*model.Checklist, kinds []model.KindInfo, in model.Inspection, kind model.UnitKind, date model.Date) int {
	span := map[string]int{} // checklist ID → fewest kinds any version covers
	for _, c := range cls {
		if n, ok := span[c.ID]; !ok || len(c.AllKinds()) < n {
			span[c.ID] = len(c.AllKinds())
		}
	}
	better := func(c, b *model.Checklist) bool {
		switch {
		case span[c.ID] != span[b.ID]:
			return span[c.ID] < span[b.ID]
		case c.ID != b.ID:
			return c.ID < b.ID
		}
		return model.CodeLess(b.Version, c.Version)
	}
	pick := func(valid bool) int {
		best := -1
		for i, c := range cls {
			if valid && model.CheckVisit(kinds, in, kind, date, c) != nil {
				continue
			}
			if best < 0 || better(c, cls[best]) {
				best = i
			}
		}
		return best
	}
	if i := pick(true); i >= 0 {
		return i
	}
	return max(pick(false), 0)
}

func (m startModel) submitUnit() (startModel, tea.Cmd) {
	f, t := m.form, m.c.t
	in, _ := m.selected()
	code, name := strings.ToUpper(clean(f.value(unitFieldCode))), clean(f.value(unitFieldName))
	date, derr := model.ParseDate(f.value(unitFieldDate))
	switch {
	case code == "" || name == "":
		m.form.err = t.T("ui.form.unit_required")
		return m, nil
	case len(m.c.kinds) == 0 || len(m.c.checklists()) == 0:
		m.form.err = t.T("ui.form.no_checklists")
		return m, nil
	case derr != nil:
		m.form.err = t.T("ui.form.date_invalid")
		return m, nil
	case len(m.unitForm.cls) == 0:
		m.form.err = t.T("ui.form.no_checklist_kind", m.c.kindName(m.c.kinds[f.choice(unitFieldKind)].Code))
		return m, nil
	}
	if m.rowsFor == in.ID {
		for _, r := range m.rows {
			if r.unit.Code == code {
				m.form.err = t.Err(model.NewError(model.EUnitInInspection, nil, code))
				return m, nil
			}
		}
	}
	cl := m.unitForm.cls[f.choice(unitFieldChecklist)]
	kind := m.c.kinds[f.choice(unitFieldKind)].Code
	if err := model.CheckVisit(m.c.kinds, in, kind, date, cl); err != nil {
		m.form.err = t.Err(err)
		return m, nil
	}
	m.form.err = ""
	v := model.Visit{Unit: model.Unit{Code: code, Name: name, Kind: kind}, Date: date, ChecklistID: cl.ID, ChecklistVersion: cl.Version}
	return m, addVisitCmd(m.c.store, m.c.inspector, in.ID, v)
}
