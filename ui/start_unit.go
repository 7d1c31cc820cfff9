package ui

import (
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The start screen's add-unit form. A unit is one unit: typing the code of
// a unit the database holds offers that unit, its name and kind filled in
// and locked (adding it never renames or re-kinds it; the store refuses
// that too). The checklist field offers every checklist the database
// holds (built in, or added from a province's file) that is for the
// chosen kind and valid on the visit's day, newest version first, listed
// under the fields with where each came from; a visit that does not fit
// (a UBND cấp huyện from 1 July 2025) is refused in the form, with the
// reason.

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
	held      []model.HeldChecklist // every checklist held (loaded when the form opens)
	heldErr   error                 // why they could not be read
	cls       []model.HeldChecklist // the checklist field's options
	kind      model.UnitKind        // the kind and date text the options were made for
	date      string
	made      bool // the options have been made once
}

// heldChecklistsMsg carries the checklists held, for the add-unit form.
type heldChecklistsMsg struct {
	held []model.HeldChecklist
	err  error
}

func loadHeldChecklistsCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		held, err := st.HeldChecklists(ctx)
		return heldChecklistsMsg{held: held, err: err}
	}
}

func (m startModel) handleHeldChecklists(msg heldChecklistsMsg) startModel {
	if m.formKind != addUnitForm {
		return m
	}
	m.unitForm.held, m.unitForm.heldErr, m.unitForm.made = msg.held, msg.err, false
	if msg.err != nil {
		m.c.log.Warn("load checklists for the add-unit form", "err", msg.err)
		m.form.err = m.c.t.T("ui.err.load", m.c.t.Err(msg.err))
	}
	m, _ = m.syncUnitForm()
	return m
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
	return m, tea.Batch(cmd, loadKnownUnitsCmd(m.c.store), loadHeldChecklistsCmd(m.c.store))
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
			st.cls = checklistOptions(st.held, in, kind, date)
			titles := make([]string, len(st.cls))
			details := make([]string, len(st.cls))
			for i, h := range st.cls {
				titles[i] = fmt.Sprintf("%s — %s", h.Checklist.Ref(), h.Checklist.Title)
				details[i] = m.c.originText(h.Origin)
			}
			f = f.withOptions(unitFieldChecklist, titles, 0).withDetails(unitFieldChecklist, details)
			st.kind, st.date, st.made = kind, dateText, true
		}
	}
	m.unitForm = st
	var cmd tea.Cmd
	m.form, cmd = f.focused()
	return m, cmd
}

// checklistOptions are the checklists held that a visit of a unit of kind
// on date (zero: not typed yet; then the inspection's start, if known)
// may use: for that kind and valid on that day (model.Checklist.AppliesTo,
// ValidOn). They are in the order they are offered, the first proposed: a
// province's own checklists (added from its file) before the built-in
// ones, since a Sở Nội vụ that loaded its own table means to use it; then
// the ones made most specifically for the kind (the sở checklist before
// the TTHC-control one that also covers communes); then by ID, the
// newest version first.
func checklistOptions(held []model.HeldChecklist, in model.Inspection, kind model.UnitKind, date model.Date) []model.HeldChecklist {
	day := date
	if day.IsZero() {
		day = in.Start
	}
	span := map[string]int{} // checklist ID → fewest kinds any version covers
	var out []model.HeldChecklist
	for _, h := range held {
		c := h.Checklist
		if !c.AppliesTo(kind) {
			continue
		}
		if n, ok := span[c.ID]; !ok || len(c.AllKinds()) < n {
			span[c.ID] = len(c.AllKinds())
		}
		if c.ValidOn(day) {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Origin.Builtin != b.Origin.Builtin:
			return !a.Origin.Builtin
		case span[a.Checklist.ID] != span[b.Checklist.ID]:
			return span[a.Checklist.ID] < span[b.Checklist.ID]
		case a.Checklist.ID != b.Checklist.ID:
			return a.Checklist.ID < b.Checklist.ID
		}
		return model.CodeLess(b.Checklist.Version, a.Checklist.Version)
	})
	return out
}

// noChecklistReason says why no checklist is offered for a visit of kind
// on date: the kind had ended by then, a version exists but is not meant
// for that day (its days), or none is held for the kind.
func (m startModel) noChecklistReason(in model.Inspection, kind model.UnitKind, date model.Date) string {
	if err := model.CheckKindOn(m.c.kinds, in, kind, date); err != nil {
		return m.c.t.Err(err)
	}
	var versions []*model.Checklist
	for _, h := range m.unitForm.held {
		if h.Checklist.AppliesTo(kind) {
			versions = append(versions, h.Checklist)
		}
	}
	if len(versions) > 0 {
		if _, err := model.NewestValid(versions, m.c.kinds, in, kind, date); err != nil {
			return m.c.t.Err(err)
		}
	}
	return m.c.t.T("ui.form.no_checklist_kind", m.c.kindName(kind))
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
	case m.unitForm.heldErr != nil:
		m.form.err = t.T("ui.err.load", t.Err(m.unitForm.heldErr))
		return m, nil
	case len(m.c.kinds) == 0 || len(m.unitForm.held) == 0:
		m.form.err = t.T("ui.form.no_checklists")
		return m, nil
	case derr != nil:
		m.form.err = t.T("ui.form.date_invalid")
		return m, nil
	case len(m.unitForm.cls) == 0:
		m.form.err = m.noChecklistReason(in, m.c.kinds[f.choice(unitFieldKind)].Code, date)
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
	cl := m.unitForm.cls[f.choice(unitFieldChecklist)].Checklist
	kind := m.c.kinds[f.choice(unitFieldKind)].Code
	if err := model.CheckVisit(m.c.kinds, in, kind, date, cl); err != nil {
		m.form.err = t.Err(err)
		return m, nil
	}
	m.form.err = ""
	v := model.Visit{Unit: model.Unit{Code: code, Name: name, Kind: kind}, Date: date, ChecklistID: cl.ID, ChecklistVersion: cl.Version}
	return m, addVisitCmd(m.c.store, m.c.inspector, in.ID, v)
}
