package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"kiemtra/model"
)

// resultLines are the result choices at width w, cur marked; the label is
// marked when the result has the keyboard (never on a finalized record).
func (m editorModel) resultLines(cur model.Result, finalized bool, w int) []string {
	st, it := m.c.st, m.item
	opts := []struct {
		r model.Result
		k key.Binding
	}{
		{model.ResultPass, m.keys.Results.Pass}, {model.ResultPartial, m.keys.Results.Partial},
		{model.ResultFail, m.keys.Results.Fail}, {model.ResultNotApplicable, m.keys.Results.NA},
		{model.ResultUnassessed, m.keys.Results.Clear},
	}
	var segs []string
	for _, o := range opts {
		box := "[ ]"
		if o.r == cur {
			box = "[x]"
		}
		name := m.c.resultName(o.r)
		if o.r == model.ResultUnassessed {
			name = m.c.t.T("ui.result.clear")
		}
		seg := fmt.Sprintf("%s %s %s %s", box, o.k.Help().Key, ansi.Strip(m.c.resultMarker(o.r)), name)
		switch {
		case o.r == model.ResultPartial && it.Scoring == model.ScoringBinary:
			seg = st.Muted.Render(seg)
		case o.r == cur:
			seg = st.Selected.Render(seg)
		}
		segs = append(segs, seg)
	}
	label := m.label(focusResult, m.c.t.T("ui.editor.result"), finalized)
	var lines []string
	line := label
	for _, s := range segs {
		if ansi.StringWidth(line)+2+ansi.StringWidth(s) > w && line != label {
			lines = append(lines, line)
			line = "   "
		}
		line += "  " + s
	}
	return append(lines, line)
}

// label draws a field's label, marked when focused (never on a finalized
// record, where nothing can be typed).
func (m editorModel) label(f editorField, text string, finalized bool) string {
	if f == m.focus && !finalized {
		return m.c.st.Focused.Render("▶ " + text)
	}
	return m.c.st.Label.Render("  " + text)
}

func (m editorModel) view(s session) []string {
	if !s.isOpen() {
		return nil
	}
	if m.history.open {
		return m.historyBody()
	}
	st, t, w := m.c.st, m.c.t, m.c.width
	fin := s.finalized()
	it := m.item
	field := s.cl.Fields[it.field]
	cr := field.Criteria[it.crit]
	meta := fmt.Sprintf("%s · %s %s › %s %s · %d/%d", it.Code, field.Code, field.Title, cr.Code, cr.Title, m.index+1, len(s.items))
	var lines []string
	if m.resolving {
		meta = fmt.Sprintf("%s · %s", it.Code, s.unit.Name)
		lines = append(lines, fit(st.Warn.Render(t.T("ui.conflicts.editing")), w))
	}
	lines = append(lines, m.c.rule(meta, w))
	text := wrap(it.Text, w)
	if len(text) > m.textLines && m.textLines > 0 {
		text = text[:m.textLines]
		text[len(text)-1] = fit(text[len(text)-1]+" …", w)
	}
	for _, l := range text {
		lines = append(lines, st.Title.Render(l))
	}
	c := s.content[it.Code]
	lines = append(lines, m.resultLines(c.Result, fin, w)...)
	errOf := func(f editorField) string {
		if m.errs[f] == "" {
			return ""
		}
		return "  " + m.c.errLine(m.errs[f])
	}
	scoreLine := m.label(focusScore, t.T("ui.editor.score"), fin) + " "
	if c.Result == model.ResultPass || c.Result == model.ResultPartial {
		scoreLine += m.score.View() + st.Muted.Render(" / "+m.c.pts(it.Max))
	} else {
		scoreLine += st.Muted.Render(t.T("ui.editor.score_none", m.c.pts(it.Max)))
	}
	lines = append(lines, fit(scoreLine+errOf(focusScore), w))
	noteLabel := t.T("ui.editor.note")
	if c.NeedsNote() {
		noteLabel += " " + st.Warn.Render(t.T("ui.editor.note_required"))
	}
	lines = append(lines, fit(m.label(focusNote, noteLabel, fin), w))
	lines = append(lines, strings.Split(m.note.View(), "\n")...)
	lines = append(lines, fit(m.label(focusEvidence, t.T("ui.editor.evidence"), fin), w))
	lines = append(lines, strings.Split(m.evidence.View(), "\n")...)
	lines = append(lines, fit(m.label(focusRecommendation, t.T("ui.editor.recommendation"), fin), w))
	lines = append(lines, strings.Split(m.rec.View(), "\n")...)
	lines = append(lines, fit(m.label(focusDeadline, t.T("ui.editor.deadline"), fin)+" "+m.deadline.View()+errOf(focusDeadline), w))
	switch {
	case m.asking:
		lines = append(lines, wrap(t.T("ui.conflicts.confirm_merged", it.Code), w)...)
	case fin:
		lines = append(lines, st.Muted.Render(t.T("ui.editor.read_only")))
	}
	return clipLines(lines, m.c.height)
}
