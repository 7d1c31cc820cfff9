package ui

import (
	"fmt"
	"strings"
)

// followSummary is the editor's line on the follow-up item: how many
// earlier kiến nghị there are, how many this visit has checked, and the
// key that opens the table.
func (m editorModel) followSummary(s session, w int) string {
	checked := 0
	for _, r := range s.follow.recs {
		if _, ok := r.At(s.assessment.ID); ok {
			checked++
		}
	}
	return fit(m.c.st.Warn.Render(m.c.t.T("ui.follow.summary", len(s.follow.recs), checked, m.fkeys.Open.Help().Key)), w)
}

// followView is the panel: the table of earlier kiến nghị, the one under
// the cursor in full, and its fields, in h lines.
func (m editorModel) followView(s session, w, h int) []string {
	st, t, p := m.c.st, m.c.t, m.follow
	lines := []string{m.c.rule(t.T("ui.follow.title", len(s.follow.recs)), w)}
	// Room for the table: what the detail and fields below leave.
	rows := max(1, h-len(lines)-7)
	from := max(0, min(p.cursor-rows/2, len(s.follow.recs)-rows))
	for i := from; i < len(s.follow.recs) && i < from+rows; i++ {
		r := s.follow.recs[i]
		status := st.Muted.Render(t.T("fix.status.unchecked"))
		if c, ok := r.At(s.assessment.ID); ok {
			status = t.T("fix.status." + string(c.Status))
		} else if c, ok := r.Before(s.assessment, s.assessment.Date.Year()); ok {
			status = st.Muted.Render(t.T("ui.follow.before", t.T("fix.status."+string(c.Status)), c.Year))
		}
		dl := "—"
		if !r.Deadline.IsZero() {
			dl = r.Deadline.VN()
		}
		head := fmt.Sprintf("%d. %s · %s · ", i+1, r.Source(), dl)
		tail := " · " + status
		text := fit(strings.Join(strings.Fields(r.Text), " "), max(1, w-2-len([]rune(head))-len([]rune(tail))))
		lines = append(lines, m.c.row(head+text+tail, w, i == p.cursor))
	}
	r := s.follow.recs[p.cursor]
	lines = append(lines, m.c.rule(r.ItemCode+" · "+r.Inspection, w))
	lines = append(lines, wrapMax(strings.Join(strings.Fields(r.Text), " "), w, 2)...)
	label := func(f followFocus, text string) string {
		if f == p.focus && !s.finalized() {
			return st.Focused.Render("▶ " + text)
		}
		return st.Label.Render("  " + text)
	}
	lines = append(lines,
		fit(label(followDate, t.T("ui.follow.checked"))+" "+p.date.View(), w),
		fit(label(followNote, t.T("ui.editor.note"))+" "+p.note.View(), w),
		fit(label(followSeen, t.T("ui.editor.evidence"))+" "+p.seen.View(), w))
	for _, o := range s.follow.others[r.ID] {
		lines = append(lines, fit(st.Warn.Render(t.T("ui.follow.other", t.T("fix.status."+string(o.Status)),
			strings.Join(strings.Fields(o.Note), " "), o.UpdatedBy)), w))
	}
	if p.err != "" {
		lines = append(lines, m.c.errLine(p.err))
	} else if s.finalized() {
		lines = append(lines, st.Muted.Render(t.T("ui.editor.read_only")))
	}
	return clipLines(lines, h)
}

// wrapMax is s wrapped at w in at most n lines, the last cut with "…".
func wrapMax(s string, w, n int) []string {
	l := wrap(s, w)
	if len(l) > n {
		l = l[:n]
		l[n-1] = fit(l[n-1]+" …", w)
	}
	return l
}
