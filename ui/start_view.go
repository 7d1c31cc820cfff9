package ui

import "fmt"

// wideStart is the width from which the start screen puts its two lists
// side by side.
const wideStart = 110

// topLines are the lines above the lists: the last error and the count of
// conflicts waiting.
func (m startModel) topLines() []string {
	st, t, w := m.c.st, m.c.t, m.c.width
	var top []string
	if m.asking != nil {
		top = append(top, fit(st.Warn.Render(m.question()), w))
	}
	if m.err != "" {
		top = append(top, m.c.errLine(m.err))
	}
	if m.openConflicts > 0 {
		top = append(top, fit(st.Warn.Render(t.TN("ui.start.conflicts_open", m.openConflicts)), w))
	}
	return top
}

// listHeights are the lines given to the inspection list and the unit
// list (each with its title) at the screen's size.
func (m startModel) listHeights() (ins, units int) {
	h := m.c.height - len(m.topLines())
	if m.c.width >= wideStart {
		return h, h
	}
	ih := min(len(m.inspections)+1, max(2, h/4))
	return ih, h - ih
}

// scroll keeps both cursors inside their windows; it runs after every
// update and resize, so the view only draws.
func (m *startModel) scroll() {
	ih, uh := m.listHeights()
	m.insOffset = scrollTo(m.insCursor, m.insOffset, ih-1, len(m.inspections))
	m.unitOffset = scrollTo(m.unitCursor, m.unitOffset, uh-2, len(m.rows))
}

func (m startModel) view() []string {
	switch {
	case m.formKind == newInspectionForm || m.formKind == reportDetailsForm:
		return m.details.view()
	case m.formKind != noForm:
		return m.form.view()
	case m.export.open:
		return m.export.view()
	case m.imports.takesKeys():
		return m.imports.view()
	}
	st, t, w := m.c.st, m.c.t, m.c.width
	if !m.loaded {
		return []string{st.Muted.Render(t.T("ui.status.loading"))}
	}
	top := m.topLines()
	if len(m.inspections) == 0 {
		return append(top, wrap(t.T("ui.start.empty"), w)...)
	}
	ih, uh := m.listHeights()
	if w >= wideStart {
		lw := max(30, w/3)
		left := padLines(m.inspectionsView(lw, ih), lw, ih)
		right := padLines(m.unitsView(w-lw-1, uh), w-lw-1, uh)
		return append(top, joinColumns(st.Rule.Render("│"), left, right)...)
	}
	out := append(top, padLines(m.inspectionsView(w, ih), w, ih)...)
	return append(out, m.unitsView(w, uh)...)
}

func (m startModel) inspectionsView(w, h int) []string {
	t := m.c.t
	title := t.T("ui.start.inspections", len(m.inspections))
	if !m.focusUnits {
		title = "▸ " + title
	}
	lines := []string{m.c.rule(title, w)}
	rows := h - 1
	for i := m.insOffset; i < len(m.inspections) && i < m.insOffset+rows; i++ {
		in := m.inspections[i]
		lines = append(lines, m.c.row(fmt.Sprintf("%d · %s", in.Year, in.Title), w, i == m.insCursor && !m.focusUnits))
	}
	return lines
}

// unitColumn is a column of the unit list after the unit's name.
type unitColumn struct {
	head string
	w    int
	cell func(r unitRow) string
}

func (m startModel) unitsView(w, h int) []string {
	st, t := m.c.st, m.c.t
	title := t.T("ui.start.units", len(m.rows))
	if m.focusUnits {
		title = "▸ " + title
	}
	lines := []string{m.c.rule(title, w)}
	if len(m.rows) == 0 {
		return append(lines, wrap(t.T("ui.start.no_units"), w)...)
	}
	// The narrow layouts drop the kind, then the date.
	cols := []unitColumn{
		{t.T("ui.start.col.kind"), 16, func(r unitRow) string { return m.c.kindName(r.unit.Kind) }},
		{t.T("ui.start.col.date"), 10, func(r unitRow) string { return r.assessment.Date.VN() }},
		{t.T("ui.start.col.progress"), 9, func(r unitRow) string {
			return fmt.Sprintf("%d/%d", r.progress.Answered, r.progress.Total)
		}},
		{t.T("ui.start.col.score"), 15, func(r unitRow) string { return m.c.resultCell(r.progress.Tally(), r.assessment.Status) }},
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
