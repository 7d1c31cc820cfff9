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
		switch {
		case o.r == model.ResultUnassessed:
			name = m.c.t.T("ui.result.clear")
		case o.r == model.ResultNotApplicable && it.NA == model.NAFull:
			name += " " + m.c.t.T("ui.rules.na_full_short")
		}
		seg := fmt.Sprintf("%s %s %s %s", box, o.k.Help().Key, ansi.Strip(m.c.resultMarker(o.r)), name)
		switch {
		case o.r == model.ResultPartial && !partialAllowed(it.Item), o.r == model.ResultNotApplicable && !it.AllowsNA():
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
	if m.files.open {
		return m.filesBody(s)
	}
	st, t, w := m.c.st, m.c.t, m.c.width
	fin := s.finalized()
	it := m.item
	field := s.cl.Fields[it.field]
	cr := field.Criteria[it.crit]
	meta := fmt.Sprintf("%s · %s %s › %s %s · %d/%d", it.Code, field.Code, field.Title, cr.Code, cr.Title, m.index+1, len(s.items))
	if !m.basisLine && it.Basis() == model.BasisDefault {
		meta = it.Code + " · " + t.T("ui.rules.default_mark") + strings.TrimPrefix(meta, it.Code)
	}
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
	if m.basisLine {
		lines = append(lines, m.basisView(s.cl, w))
	}
	if m.follow.open && m.followable(s) {
		return clipLines(append(lines, m.followView(s, w, m.c.height-len(lines))...), m.c.height)
	}
	c := s.content[it.Code]
	lines = append(lines, m.resultLines(c.Result, fin, w)...)
	errOf := func(f editorField) string {
		if m.errs[f] == "" {
			return ""
		}
		return "  " + m.c.errLine(m.errs[f])
	}
	lines = append(lines, fit(m.scoreLine(c, fin)+m.c.selfBeside(s, it.Item)+errOf(focusScore), w))
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
	if m.followable(s) {
		lines = append(lines, m.followSummary(s, w))
	}
	switch {
	case m.asking:
		lines = append(lines, wrap(t.T("ui.conflicts.confirm_merged", it.Code), w)...)
	case fin:
		lines = append(lines, st.Muted.Render(t.T("ui.editor.read_only")))
	}
	return clipLines(lines, m.c.height)
}

// scoreLine is the score field with what it gives: the score out of the
// maximum; on a deduction item the cases typed and the score and result
// they give ("3 − 2 × 0,5 = 2 · đạt một phần"); for không áp dụng what it
// does on this item.
func (m editorModel) scoreLine(c model.Content, fin bool) string {
	st, t, it := m.c.st, m.c.t, m.item
	if it.Scoring == model.ScoringDeduction {
		line := m.label(focusScore, t.T("ui.editor.cases"), fin) + " "
		if c.Result == model.ResultNotApplicable {
			return line + st.Muted.Render(m.c.naText(it.Item))
		}
		line += m.score.View()
		if cases, ok := parseCases(m.score.Value()); ok && strings.TrimSpace(m.score.Value()) != "" {
			r, _ := it.Deduct(cases)
			return line + st.Muted.Render(" → "+m.c.deductionText(it.Item, cases)+" · "+m.c.resultName(r))
		}
		return line + st.Muted.Render(" "+t.T("ui.rules.deduction_hint", m.c.pts(it.Max), m.c.pts(it.PerCase)))
	}
	line := m.label(focusScore, t.T("ui.editor.score"), fin) + " "
	switch c.Result {
	case model.ResultPass, model.ResultPartial:
		return line + m.score.View() + st.Muted.Render(" / "+m.c.pts(it.Max))
	case model.ResultNotApplicable:
		return line + st.Muted.Render(m.c.naText(it.Item))
	default:
		return line + st.Muted.Render(t.T("ui.editor.score_none", m.c.pts(it.Max)))
	}
}

// basisView is the one line saying what the item rests on: the source it
// cites, or mặc định for a default (marked, so the inspector knows the
// score rests on kiemtra's or the province's default, not a decision).
func (m editorModel) basisView(cl *model.Checklist, w int) string {
	text := m.c.st.Label.Render(m.c.t.T("ui.label.basis")) + " " + m.c.basisText(cl, m.item.Item)
	if m.item.Basis() == model.BasisDefault {
		text = m.c.st.Warn.Render(ansi.Strip(text))
	}
	return fit(text, w)
}
