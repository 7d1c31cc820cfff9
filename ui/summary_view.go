package ui

import (
	"fmt"
	"strings"
)

// contentLines is the review of s, as lines w cells wide.
func (m summaryModel) contentLines(s session, w int) []string {
	st, t := m.c.st, m.c.t
	o := s.score.Overall
	var lines []string
	lines = append(lines, st.Title.Render(fmt.Sprintf("%s (%s)", s.unit.Name, s.unit.Code))+"  "+m.c.statusName(s.assessment.Status))
	overall := t.T("ui.summary.overall", m.c.pts(o.Score), m.c.pts(o.AdjustedMax), m.c.pct(o.Percent()))
	if o.Answered == 0 {
		overall = t.T("ui.score.not_started")
	} else if l := m.c.classLine(s.cl, s.score, s.assessment.Status); l != "" {
		overall += " · " + l
	}
	lines = append(lines, overall)
	lines = append(lines, st.Muted.Render(t.TN("ui.summary.progress", o.Total, o.Answered, o.Total, o.Shortfalls)))
	if !o.Complete() {
		lines = append(lines, st.Warn.Render(t.TN("ui.summary.incomplete", o.Total-o.Answered)))
	}
	if s.finalized() {
		lines = append(lines, st.Muted.Render(t.T("ui.summary.finalized_by", s.assessment.FinalizedBy,
			t.When(s.assessment.FinalizedAt.In(m.c.now().Location())))))
	}
	lines = append(lines, "", m.c.rule(t.T("ui.summary.by_field"), w))
	for _, f := range s.score.Fields {
		p := m.c.pct(f.Percent())
		if f.Answered == 0 {
			p = "—"
		}
		stats := fmt.Sprintf(" %3d/%-3d %6s/%-4s %7s", f.Answered, f.Total, m.c.pts(f.Score), m.c.pts(f.AdjustedMax), p)
		lines = append(lines, fit(f.Code+" "+f.Title, max(1, w-len([]rune(stats))))+stats)
	}
	lines = append(lines, m.c.selfLines(s, w)...)
	lines = append(lines, "", m.c.rule(t.T("ui.summary.shortcomings", o.Shortfalls), w))
	var recs []string
	for _, it := range s.items {
		c := s.content[it.Code]
		if c.Recommendation != "" {
			r := it.Code + ": " + c.Recommendation
			if !c.Deadline.IsZero() {
				r += " " + t.T("ui.summary.deadline", c.Deadline.VN())
			}
			recs = append(recs, r)
		}
		if !c.Result.Shortcoming() {
			continue
		}
		lines = append(lines, fit(fmt.Sprintf("%s %s %s", m.c.resultMarker(c.Result), it.Code, shortText(it.Text)), w))
		if c.Note != "" {
			lines = append(lines, indentWrap("    ", t.T("ui.label.note")+" "+c.Note, w)...)
		} else if c.NeedsNote() {
			lines = append(lines, "    "+st.Error.Render(t.T("ui.summary.missing_note")))
		}
	}
	if o.Shortfalls == 0 {
		lines = append(lines, st.Muted.Render(t.T("ui.summary.none")))
	}
	lines = append(lines, "", m.c.rule(t.T("ui.summary.recommendations", len(recs)), w))
	for _, r := range recs {
		lines = append(lines, indentWrap("  ", r, w)...)
	}
	if len(recs) == 0 {
		lines = append(lines, st.Muted.Render(t.T("ui.summary.none")))
	}
	lines = append(lines, "", m.c.rule(t.T("ui.summary.unit_side"), w))
	val := func(v string) string {
		if v == "" {
			return st.Muted.Render(t.T("ui.summary.not_recorded"))
		}
		return v
	}
	a := s.assessment
	hours := ""
	if a.StartTime != "" || a.EndTime != "" {
		hours = a.StartTime + "–" + a.EndTime
	}
	lines = append(lines, fit(st.Label.Render(t.T("ui.visit.place")+":")+" "+val(a.Place)+"  "+st.Label.Render(t.T("ui.visit.start")+":")+
		" "+val(hours), w))
	lines = append(lines, st.Label.Render(t.T("ui.visit.participants")+":"))
	if ps := a.UnitParticipants(); len(ps) == 0 {
		lines = append(lines, "  "+val(""))
	} else {
		for _, p := range ps {
			lines = append(lines, indentWrap("  ", strings.TrimSpace(p.Honorific+" "+p.Name)+", "+p.Position+" "+p.Unit, w)...)
		}
	}
	for _, part := range []struct{ label, text string }{{t.T("ui.visit.strengths"), a.Strengths}, {t.T("ui.summary.comments"), a.UnitComments}} {
		lines = append(lines, st.Label.Render(part.label+":"))
		if part.text == "" {
			lines = append(lines, "  "+val(""))
		} else {
			lines = append(lines, indentWrap("  ", part.text, w)...)
		}
	}
	if s.finalized() {
		c := a.Conclusion
		lines = append(lines, "", m.c.rule(t.T("ui.conclusion.title"), w))
		if c.Date.IsZero() && c.Number == "" {
			lines = append(lines, st.Muted.Render(t.T("ui.summary.conclusion_none")))
		} else {
			lines = append(lines, t.T("ui.summary.conclusion_line", val(c.Number), val(c.Date.VN()), val(c.Signer)))
		}
	}
	return lines
}

// foot is what the current mode shows under the review: a form, a
// question, the gaps; and the last error.
func (m summaryModel) foot(s session) []string {
	st, t, w, h := m.c.st, m.c.t, m.c.width, m.c.height
	var foot []string
	switch m.mode {
	case summaryConfirmFinalize:
		o := s.score.Overall
		foot = []string{m.c.rule(t.T("ui.summary.confirm_title"), w)}
		foot = append(foot, wrap(t.T("ui.summary.confirm_text", s.unit.Name), w)...)
		if !o.Complete() {
			foot = append(foot, st.Warn.Render(t.TN("ui.summary.incomplete", o.Total-o.Answered)))
		}
		foot = append(foot, st.Key.Render(t.T("ui.summary.confirm_keys")))
	case summaryGaps:
		foot = []string{m.c.rule(t.TN("ui.summary.gaps_title", len(m.gaps)), w)}
		foot = append(foot, wrap(t.T("ui.summary.gaps_text"), w)...)
		for i, code := range m.gaps {
			if i >= max(1, h/2-3) {
				foot = append(foot, st.Muted.Render(t.T("ui.summary.more", len(m.gaps)-i)))
				break
			}
			it := s.items[s.index[code]]
			foot = append(foot, fit(st.Error.Render("✗ ")+code+" "+shortText(it.Text), w))
		}
		foot = append(foot, st.Key.Render(t.T("ui.summary.gaps_keys")))
	case summaryExport:
		foot = m.export.view()
	case summaryReopen:
		foot = []string{m.c.rule(t.T("ui.summary.reopen_title"), w)}
		foot = append(foot, wrap(t.T("ui.summary.reopen_text"), w)...)
		foot = append(foot, fit("› "+m.reason.View(), w))
	default:
	}
	if m.err != "" {
		foot = append(foot, fit(m.c.errLine(m.err), w))
	}
	return clipLines(foot, max(0, h-2))
}

// maxOffset is the furthest the review scrolls: its last line at the
// bottom of the room the foot leaves.
func (m summaryModel) maxOffset(s session) int {
	room := m.c.height - len(m.foot(s))
	return max(0, len(m.contentLines(s, m.c.width))-room)
}

func (m summaryModel) view(s session) []string {
	if !s.isOpen() {
		return nil
	}
	if m.mode == summaryEditSide || m.mode == summaryConclusion {
		return m.details.view()
	}
	w := m.c.width
	foot := m.foot(s)
	content := m.contentLines(s, w)
	room := m.c.height - len(foot)
	off := max(0, min(m.offset, len(content)-room))
	out := padLines(clipLines(content[min(off, len(content)):], room), w, room)
	return append(out, foot...)
}
