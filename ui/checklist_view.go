package ui

import (
	"fmt"
	"slices"
	"strings"

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
		field.Code, field.Title, f.Answered, f.Total, m.c.pts(f.Score), m.c.pts(f.Max))
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
		stats := fmt.Sprintf(" %d/%d %s/%s", fs.Answered, fs.Total, m.c.pts(fs.Score), m.c.pts(fs.Max))
		name := fit(fs.Code+" "+fs.Title, max(1, w-2-len([]rune(stats))))
		lines = append(lines, m.c.row(name+stats, w, i == curField))
	}
	o := s.score.Overall
	lines = append(lines, "", fit(m.c.st.Title.Render(t.T("ui.checklist.total", m.c.pts(o.Score), m.c.pts(o.Max), m.c.pct(o.Percent()))), w),
		fit(m.c.st.Muted.Render(t.T("ui.checklist.answered", o.Answered, o.Total)), w))
	if g := len(s.gaps()); g > 0 {
		lines = append(lines, fit(m.c.st.Warn.Render(t.T("ui.checklist.gaps", g)), w))
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
	flag := " "
	if failed[it.Code] != nil {
		flag = "!"
	} else if s.dirty(it.Code) {
		flag = "*"
	}
	score := "–/" + m.c.pts(it.Max)
	if c.Result.Answered() && c.Result != model.ResultNotApplicable {
		score = m.c.pts(c.Score) + "/" + m.c.pts(it.Max)
	}
	sw := len([]rune(score)) + 1
	text := fit(fmt.Sprintf("%s%s %s %s", m.c.resultMarker(c.Result), flag, it.Code, shortText(it.Text)), max(1, w-2-sw))
	return m.c.row(text+" "+score, w, i == m.cursor)
}

func (m checklistModel) detailView(s session, failed map[string]error, w, h int) []string {
	st, t := m.c.st, m.c.t
	it := s.items[m.cursor]
	cr := s.cl.Fields[it.field].Criteria[it.crit]
	lines := []string{m.c.rule(fmt.Sprintf("%s · %s %s", it.Code, cr.Code, cr.Title), w)}
	lines = append(lines, wrap(it.Text, w)...)
	c := s.content[it.Code]
	res := m.c.resultMarker(c.Result) + " " + m.c.resultName(c.Result)
	if c.Result.Answered() && c.Result != model.ResultNotApplicable {
		res += " · " + t.T("ui.checklist.score", m.c.pts(c.Score), m.c.pts(it.Max))
	} else {
		res += " · " + t.T("ui.checklist.max", m.c.pts(it.Max))
	}
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
	return clipLines(lines, h)
}
