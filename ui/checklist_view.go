package ui

import (
	"fmt"
	"slices"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// view draws the checklist of s; failed are the items whose save failed,
// and why (read only).
func (m checklistModel) view(s session, failed map[string]error) []string {
	if !s.isOpen() {
		return nil
	}
	st, t, w, h := m.c.st, m.c.t, m.c.width, m.c.height
	if len(s.items) == 0 {
		return []string{st.Muted.Render(t.T("ui.checklist.empty"))}
	}
	if m.choosing {
		return m.chooserView(s)
	}
	if m.export.open {
		return m.export.view()
	}
	cur := s.items[m.cursor]
	var lines []string
	if w >= wideChecklist {
		fw := min(44, max(30, w/3))
		rw := w - fw - 1
		left := padLines(m.fieldsView(s, fw, h), fw, h)
		ih := m.itemRows() + 1
		right := padLines(m.itemsView(s, failed, rw, ih, cur.field), rw, ih)
		right = append(right, padLines(m.detailView(s, failed, rw, h-ih), rw, h-ih)...)
		return append(lines, joinColumns(st.Rule.Render("│"), left, right)...)
	}
	f := s.score.Fields[cur.field]
	field := s.cl.Fields[cur.field]
	head := fmt.Sprintf("◂ %s %d/%d · %s %s · %d/%d · %s/%s ▸", t.T("ui.checklist.field"), cur.field+1, len(s.cl.Fields),
		field.Code, field.Title, f.Answered, f.Total, m.c.pts(f.Score), m.c.pts(f.AdjustedMax))
	lines = append(lines, fit(st.Section.Render(head), w))
	h--
	ih := m.itemRows() + 1
	lines = append(lines, padLines(m.itemsView(s, failed, w, ih, cur.field), w, ih)...)
	return append(lines, m.detailView(s, failed, w, h-ih)...)
}

func (m checklistModel) fieldsView(s session, w, h int) []string {
	t := m.c.t
	lines := []string{m.c.rule(t.T("ui.checklist.fields"), w)}
	curField := s.items[m.cursor].field
	for i, fs := range s.score.Fields {
		lines = append(lines, m.rows.field(fieldRowKey{field: i, tally: fs.Tally, sel: i == curField, w: w}, func() string {
			stats := fmt.Sprintf(" %d/%d %s", fs.Answered, fs.Total, m.c.scoreOf(fs.Tally))
			name := fs.Code + " " + fs.Title
			return m.c.row(fit(name, max(1, w-2-len([]rune(stats))))+stats, w, i == curField)
		}))
	}
	o := s.score.Overall
	total := t.T("ui.checklist.total", m.c.pts(o.Score), m.c.pts(o.AdjustedMax), m.c.pct(o.Percent()))
	if o.Answered == 0 {
		total = t.T("ui.score.not_started")
	} else if l := m.c.classLine(s.cl, s.score, s.assessment.Status); l != "" {
		total += " · " + l
	}
	lines = append(lines, "", fit(m.c.st.Title.Render(total), w),
		fit(m.c.st.Muted.Render(t.TN("ui.checklist.answered", o.Total, o.Answered, o.Total)), w))
	if g := s.gapCount; g > 0 {
		lines = append(lines, fit(m.c.st.Warn.Render(t.TN("ui.checklist.gaps", g)), w))
	}
	return clipLines(lines, h)
}

func (m checklistModel) itemsView(s session, failed map[string]error, w, h, field int) []string {
	t := m.c.t
	rows := h - 1
	if m.filtering() {
		vis := m.visible(s)
		p := slices.Index(vis, m.cursor)
		off := scrollTo(p, m.offset, rows, len(vis))
		title := t.T("ui.filter.items", t.T(itemFilters[m.filter].name), p+1, len(vis))
		lines := []string{m.c.rule(title, w)}
		for _, i := range vis[off:min(len(vis), off+rows)] {
			lines = append(lines, m.itemRow(s, failed, i, w))
		}
		return lines
	}
	from, to := s.fieldStart[field], s.fieldStart[field+1]
	title := t.T("ui.checklist.items", s.cl.Fields[field].Code, m.cursor-from+1, to-from)
	lines := []string{m.c.rule(title, w)}
	for i := from + m.offset; i < to && i < from+m.offset+rows; i++ {
		lines = append(lines, m.itemRow(s, failed, i, w))
	}
	return lines
}

// itemRow is item i's line in the list.
func (m checklistModel) itemRow(s session, failed map[string]error, i, w int) string {
	it := s.items[i]
	c := s.content[it.Code]
	flag := byte(' ')
	if failed[it.Code] != nil {
		flag = '!'
	} else if s.dirty(it.Code) {
		flag = '*'
	}
	return m.rows.item(itemRowKey{item: i, content: c, flag: flag, sel: i == m.cursor, w: w}, func() string {
		score := "–/" + m.c.pts(it.Max)
		if showsScore(it.Item, c.Result) {
			score = m.c.pts(c.Score) + "/" + m.c.pts(it.Max)
		}
		score += m.c.selfMark(s, it.Code)
		sw := len([]rune(score)) + 1
		text := fit(fmt.Sprintf("%s%c %s %s", m.c.resultMarker(c.Result), flag, it.Code, shortText(it.Text)), max(1, w-2-sw))
		return m.c.row(text+" "+score, w, i == m.cursor)
	})
}

func (m checklistModel) detailView(s session, failed map[string]error, w, h int) []string {
	st, t := m.c.st, m.c.t
	it := s.items[m.cursor]
	cr := s.cl.Fields[it.field].Criteria[it.crit]
	lines := []string{m.c.rule(fmt.Sprintf("%s · %s %s", it.Code, cr.Code, cr.Title), w)}
	lines = append(lines, wrap(it.Text, w)...)
	c := s.content[it.Code]
	res := m.c.resultMarker(c.Result) + " " + m.c.resultName(c.Result)
	switch {
	case c.Result == model.ResultNotApplicable:
		res += " · " + m.c.naText(it.Item)
	case c.Result.Answered() && it.Scoring == model.ScoringDeduction:
		res += " · " + t.T("ui.checklist.cases", c.Cases, m.c.deductionText(it.Item, c.Cases))
	case c.Result.Answered():
		res += " · " + t.T("ui.checklist.score", m.c.pts(c.Score), m.c.pts(it.Max))
	default:
		res += " · " + t.TN("ui.checklist.max", i18n.PointsCount(it.Max), m.c.pts(it.Max))
	}
	res += m.c.selfBeside(s, it.Item)
	if err := failed[it.Code]; err != nil {
		res += "  " + m.c.errLine(t.Err(err))
	}
	lines = append(lines, fit(st.Title.Render(t.T("ui.checklist.result"))+" "+res, w))
	add := func(label, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		l := wrap(label+" "+text, w)
		if len(l) > 0 {
			l[0] = st.Label.Render(label) + strings.TrimPrefix(l[0], label)
		}
		lines = append(lines, l...)
	}
	add(t.T("ui.label.note"), c.Note)
	add(t.T("ui.label.evidence_seen"), c.Evidence)
	add(t.T("ui.label.recommendation"), c.Recommendation)
	add(t.T("ui.label.deadline"), c.Deadline.VN())
	add(t.T("ui.label.guidance"), it.Guidance)
	add(t.T("ui.label.evidence_ask"), it.Evidence)
	add(t.T("ui.label.legal"), it.LegalBasis)
	add(t.T("ui.label.scoring"), m.c.scoringText(it.Item))
	if it.NA != model.NAExclude {
		add(t.T("ui.label.na"), m.c.naText(it.Item))
	}
	basis := m.c.basisText(s.cl, it.Item)
	if it.Basis() == model.BasisDefault {
		basis = st.Warn.Render(basis)
	}
	add(t.T("ui.label.basis"), basis)
	return clipLines(lines, h)
}
