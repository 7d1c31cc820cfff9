package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// checklistModel shows one unit's checklist: the fields with progress and
// score, the items of the current field, and the selected item in full.
// Lists are drawn as a window over the session's flat item slice, so a
// keystroke costs the same with 20 items or 2,000.
type checklistModel struct {
	c      *common
	keys   checklistKeys
	s      *session
	cursor int
	offset int
	notice string
}

func newChecklistModel(c *common) checklistModel {
	return checklistModel{c: c, keys: newChecklistKeys(c.t)}
}

// open shows a freshly loaded session, at its first unanswered item.
func (m checklistModel) open(s *session) checklistModel {
	m.s, m.cursor, m.offset, m.notice = s, 0, 0, ""
	if len(s.items) > 0 && s.content[s.items[0].Code].Result.Answered() {
		if i := s.nextUnanswered(0); i >= 0 {
			m.cursor = i
		}
	}
	m.syncKeys()
	return m
}

// syncKeys keeps the help truthful: no result keys on a finalized record.
func (m *checklistModel) syncKeys() {
	on := m.s != nil && !m.s.finalized()
	m.keys.Results.setEnabled(on)
	m.keys.Retry.SetEnabled(on)
}

// jump selects item i.
func (m *checklistModel) jump(i int) {
	if m.s == nil || len(m.s.items) == 0 {
		return
	}
	m.cursor = max(0, min(i, len(m.s.items)-1))
	m.notice = ""
}

func (m checklistModel) update(msg tea.Msg) (checklistModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || m.s == nil || len(m.s.items) == 0 {
		if ok && key.Matches(km, m.c.keys.Back) {
			return m, m.c.navigate(navMsg{to: screenStart})
		}
		return m, nil
	}
	s := m.s
	n := len(s.items)
	page := max(1, m.c.height/2)
	m.notice = ""
	switch {
	case key.Matches(km, m.keys.Up):
		m.jump(m.cursor - 1)
	case key.Matches(km, m.keys.Down):
		m.jump(m.cursor + 1)
	case key.Matches(km, m.keys.PageUp):
		m.jump(m.cursor - page)
	case key.Matches(km, m.keys.PageDown):
		m.jump(m.cursor + page)
	case key.Matches(km, m.keys.Top):
		m.jump(0)
	case key.Matches(km, m.keys.Bottom):
		m.jump(n - 1)
	case key.Matches(km, m.keys.PrevField):
		f := s.items[m.cursor].field
		if m.cursor == s.fieldStart[f] && f > 0 {
			f--
		}
		m.jump(s.fieldStart[f])
	case key.Matches(km, m.keys.NextField):
		f := s.items[m.cursor].field
		if f+1 < len(s.cl.Fields) {
			m.jump(s.fieldStart[f+1])
		}
	case key.Matches(km, m.keys.NextUnanswered):
		if i := s.nextUnanswered(m.cursor); i >= 0 {
			m.jump(i)
		} else {
			m.notice = m.c.t.T("ui.checklist.all_answered")
		}
	case key.Matches(km, m.keys.Edit):
		return m, m.c.navigate(navMsg{to: screenEditor, index: m.cursor})
	case key.Matches(km, m.keys.Summary):
		return m, m.c.navigate(navMsg{to: screenSummary})
	case key.Matches(km, m.keys.Retry):
		s.requeueFailed()
		return m, flushCmd(m.c, s)
	case key.Matches(km, m.c.keys.Back):
		return m, m.c.navigate(navMsg{to: screenStart})
	default:
		if r, ok := m.keys.Results.match(km); ok {
			return m.setResult(r)
		}
	}
	return m, nil
}

// match maps a result key to its result.
func (k resultKeys) match(km tea.KeyMsg) (model.Result, bool) {
	switch {
	case key.Matches(km, k.Pass):
		return model.ResultPass, true
	case key.Matches(km, k.Partial):
		return model.ResultPartial, true
	case key.Matches(km, k.Fail):
		return model.ResultFail, true
	case key.Matches(km, k.NA):
		return model.ResultNotApplicable, true
	case key.Matches(km, k.Clear):
		return model.ResultUnassessed, true
	}
	return 0, false
}

// withResult returns c with result r and the score r earns by default.
// It refuses đạt một phần on an item scored đạt/chưa đạt only.
func withResult(c model.Content, it model.Item, r model.Result) (model.Content, bool) {
	if r == model.ResultPartial && it.Scoring == model.ScoringBinary {
		return c, false
	}
	c.Result, c.Score = r, it.DefaultScore(r)
	return c, true
}

func (m checklistModel) setResult(r model.Result) (checklistModel, tea.Cmd) {
	s := m.s
	it := s.items[m.cursor]
	c, ok := withResult(s.content[it.Code], it.Item, r)
	if !ok {
		m.notice = m.c.t.T("ui.editor.binary_only")
		return m, nil
	}
	s.set(it.Code, c)
	save := flushCmd(m.c, s)
	if c.NeedsNote() {
		// The evidence rule: chưa đạt needs a note, so go and write it.
		return m, tea.Batch(save, m.c.navigate(navMsg{to: screenEditor, index: m.cursor, focus: focusNote}))
	}
	if i := m.cursor + 1; i < len(s.items) {
		m.cursor = i
	}
	return m, save
}

func (m *checklistModel) view(w, h int) []string {
	if m.s == nil {
		return nil
	}
	s, st, t := m.s, m.c.st, m.c.t
	if len(s.items) == 0 {
		return []string{st.Muted.Render(t.T("ui.checklist.empty"))}
	}
	cur := s.items[m.cursor]
	var lines []string
	if m.notice != "" {
		lines = append(lines, fit(st.Warn.Render(m.notice), w))
		h--
	}
	if w >= 100 {
		fw := min(44, max(30, w/3))
		rw := w - fw - 1
		left := padLines(m.fieldsView(fw, h), fw, h)
		ih := max(3, h*11/20)
		right := padLines(m.itemsView(rw, ih, cur.field), rw, ih)
		right = append(right, padLines(m.detailView(rw, h-ih), rw, h-ih)...)
		return append(lines, joinColumns(st.Rule.Render("│"), left, right)...)
	}
	f := s.score.Fields[cur.field]
	field := s.cl.Fields[cur.field]
	head := fmt.Sprintf("◂ %s %d/%d · %s %s · %d/%d · %s/%s ▸", t.T("ui.checklist.field"), cur.field+1, len(s.cl.Fields),
		field.Code, field.Title, f.Answered, f.Total, m.c.pts(f.Score), m.c.pts(f.Max))
	lines = append(lines, fit(st.Section.Render(head), w))
	h--
	ih := max(3, h*11/20)
	lines = append(lines, padLines(m.itemsView(w, ih, cur.field), w, ih)...)
	return append(lines, m.detailView(w, h-ih)...)
}

func (m *checklistModel) fieldsView(w, h int) []string {
	s, t := m.s, m.c.t
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

func (m *checklistModel) itemsView(w, h, field int) []string {
	s, t := m.s, m.c.t
	from, to := s.fieldStart[field], s.fieldStart[field+1]
	title := t.T("ui.checklist.items", s.cl.Fields[field].Code, m.cursor-from+1, to-from)
	lines := []string{m.c.rule(title, w)}
	rows := h - 1
	if rows <= 0 {
		return clipLines(lines, h)
	}
	m.offset = scrollTo(m.cursor-from, m.offset, rows)
	if m.offset > to-from-rows {
		m.offset = max(0, to-from-rows)
	}
	for i := from + m.offset; i < to && i < from+m.offset+rows; i++ {
		it := s.items[i]
		c := s.content[it.Code]
		flag := " "
		if _, bad := s.failed[it.Code]; bad {
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
		lines = append(lines, m.c.row(text+" "+score, w, i == m.cursor))
	}
	return lines
}

func (m *checklistModel) detailView(w, h int) []string {
	s, st, t := m.s, m.c.st, m.c.t
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
	if msg, bad := s.failed[it.Code]; bad {
		res += "  " + st.Error.Render("✗ "+msg)
	}
	lines = append(lines, fit(st.Title.Render(t.T("ui.checklist.result"))+" "+res, w))
	add := func(label, text string, style bool) {
		if strings.TrimSpace(text) == "" {
			return
		}
		l := wrap(label+" "+text, w)
		if style && len(l) > 0 {
			l[0] = st.Label.Render(label) + strings.TrimPrefix(l[0], label)
		}
		lines = append(lines, l...)
	}
	add(t.T("ui.label.note"), c.Note, true)
	add(t.T("ui.label.evidence_seen"), c.Evidence, true)
	add(t.T("ui.label.recommendation"), c.Recommendation, true)
	add(t.T("ui.label.deadline"), c.Deadline.VN(), true)
	add(t.T("ui.label.guidance"), it.Guidance, true)
	add(t.T("ui.label.evidence_ask"), it.Evidence, true)
	add(t.T("ui.label.legal"), it.LegalBasis, true)
	add(t.T("ui.label.scoring"), m.c.scoringText(it.Item), true)
	return clipLines(lines, h)
}

// scoringText explains how an item is scored.
func (c *common) scoringText(it model.Item) string {
	switch it.Scoring {
	case model.ScoringBinary:
		return c.t.T("ui.scoring.binary", c.pts(it.Max))
	case model.ScoringPartial:
		return c.t.T("ui.scoring.partial", c.pts(it.Max))
	case model.ScoringLevels:
		parts := make([]string, len(it.Levels))
		for i, l := range it.Levels {
			parts[i] = l.Label + " " + c.pts(l.Score)
		}
		return c.t.T("ui.scoring.levels", strings.Join(parts, "; "))
	}
	return c.t.T("ui.scoring.manual", c.pts(it.Max))
}
