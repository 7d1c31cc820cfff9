package ui

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// What the editor's fields hold becomes an edit of the item, or a reason
// it cannot be stored.

// scoreText is what the score field shows for c: the score, or on a
// deduction item the number of cases.
func (m editorModel) scoreText(c model.Content) string {
	switch {
	case !c.Result.Answered() || c.Result == model.ResultNotApplicable:
		return ""
	case m.item.Scoring == model.ScoringDeduction:
		return strconv.Itoa(c.Cases)
	}
	return m.c.pts(c.Score)
}

// commit is what the fields hold as an edit of the item.
func (m editorModel) commit(s session) (editorModel, result) {
	if !s.isOpen() {
		return m, result{}
	}
	return m.commitOn(s, s.content[m.item.Code])
}

// commitOn reads the fields on top of base; the edit is returned when the
// content differs from what s shows.
func (m editorModel) commitOn(s session, base model.Content) (editorModel, result) {
	if s.finalized() {
		return m, result{}
	}
	it, c := m.item, base
	m.errs = [editorFields]string{}
	m.committed, m.ticks = m.seq, 0
	switch {
	case it.Scoring == model.ScoringDeduction:
		c = m.commitCases(c)
	case c.Result == model.ResultPass || c.Result == model.ResultPartial:
		v := strings.TrimSpace(m.score.Value())
		p := it.DefaultScore(c.Result)
		var err error
		if v != "" {
			p, err = model.ParsePoints(v)
		}
		switch {
		case err != nil:
			m.errs[focusScore] = m.c.t.T("ui.editor.score_not_number")
		case it.CheckScore(c.Result, p) != nil:
			m.errs[focusScore] = m.c.t.T("ui.editor.score_invalid", m.c.scoringText(it.Item))
		default:
			c.Score = p
		}
	default:
		// No score to type for this result.
	}
	c.Note = norm.NFC.String(strings.TrimSpace(m.note.Value()))
	c.Evidence = norm.NFC.String(strings.TrimSpace(m.evidence.Value()))
	c.Recommendation = norm.NFC.String(strings.TrimSpace(m.rec.Value()))
	if d, err := model.ParseDate(m.deadline.Value()); err != nil {
		m.errs[focusDeadline] = m.c.t.T("ui.editor.date_invalid")
	} else {
		c.Deadline = d
	}
	if c == s.content[it.Code] {
		return m, result{}
	}
	return m, result{edit: &edit{code: it.Code, content: c}}
}

// unsaved reports whether the fields hold text the session does not:
// typed since the last commit, or refused by it.
func (m editorModel) unsaved() bool { return m.seq != m.committed || m.invalid() }

// commitCases reads a deduction item's cases field on top of c: the
// number typed gives the result and the score (no case is đạt). An empty
// field leaves an item not yet answered (or không áp dụng) as it is, and
// is no case on an answered one.
func (m *editorModel) commitCases(c model.Content) model.Content {
	it := m.item.Item
	v := strings.TrimSpace(m.score.Value())
	cases, ok := parseCases(v)
	switch {
	case !ok:
		m.errs[focusScore] = m.c.t.T("ui.editor.cases_not_number")
		return c
	case v == "" && (!c.Result.Answered() || c.Result == model.ResultNotApplicable):
		return c
	}
	next := c
	next.Cases = cases
	next.Result, next.Score = it.Deduct(cases)
	if it.Check(next) != nil {
		m.errs[focusScore] = m.c.t.T("ui.editor.cases_not_number")
		return c
	}
	return next
}

// invalid reports whether a field holds input that cannot be stored.
func (m editorModel) invalid() bool {
	for _, e := range m.errs {
		if e != "" {
			return true
		}
	}
	return false
}

// unstorable is r with the status line saying which input cannot be
// stored and why; leaving adds that a second esc drops it.
func (m editorModel) unstorable(r result, leaving bool) result {
	msg := "ui.editor.not_stored"
	if leaving {
		msg = "ui.editor.not_stored_leave"
	}
	for f := range editorFields {
		if m.errs[f] != "" {
			r.status, r.statusErr = m.c.t.T(msg, m.fieldName(f), m.errs[f]), true
			return r
		}
	}
	return r
}

// fieldName is a field's name in the status line.
func (m editorModel) fieldName(f editorField) string {
	switch f {
	case focusScore:
		return m.c.t.T("ui.editor.score")
	case focusDeadline:
		return m.c.t.T("ui.editor.deadline")
	default:
		return f.String()
	}
}
