package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// The editor's fields, in tab order.
const (
	focusResult = iota
	focusScore
	focusNote
	focusEvidence
	focusRecommendation
	focusDeadline
	focusCount
)

// editorModel edits one item's finding. The result is set with one key and
// saved at once; text fields are saved when the inspector leaves them,
// presses esc or ctrl+s, or pauses typing. Input that cannot be saved (a
// score out of range, a date that does not exist) stays on screen with the
// reason beside it.
type editorModel struct {
	c                   *common
	keys                editorKeys
	s                   *session
	index               int
	focus               int
	score, deadline     textinput.Model
	note, evidence, rec textarea.Model
	errs                [focusCount]string
	seq                 int
	notice              string
	textLines           int // lines given to the item's text
}

func newEditorModel(c *common) editorModel {
	m := editorModel{c: c, keys: newEditorKeys(c.t)}
	m.score = newTextInput(c)
	m.deadline = newTextInput(c)
	m.deadline.Placeholder = "dd/mm/yyyy"
	m.note = newTextArea(c)
	m.note.Placeholder = c.t.T("ui.editor.note_placeholder")
	m.evidence = newTextArea(c)
	m.evidence.Placeholder = c.t.T("ui.editor.evidence_placeholder")
	m.rec = newTextArea(c)
	m.rec.Placeholder = c.t.T("ui.editor.recommendation_placeholder")
	return m
}

func (m editorModel) item() flatItem { return m.s.items[m.index] }

// typing reports whether a text field has the keyboard.
func (m editorModel) typing() bool {
	return m.s != nil && m.focus != focusResult && !m.s.finalized()
}

// syncKeys keeps the help truthful: a finalized record has no editing keys.
func (m *editorModel) syncKeys() {
	on := m.s != nil && !m.s.finalized()
	m.keys.Results.setEnabled(on && m.focus == focusResult)
	m.keys.Save.SetEnabled(on)
	m.keys.NextField.SetEnabled(on)
	m.keys.PrevField.SetEnabled(on)
	m.keys.resolving(m.s != nil && m.s.resolve != nil)
	if !on {
		m.focus = focusResult
	}
}

// open loads item index of s into the fields.
func (m editorModel) open(s *session, index, focus int) (editorModel, tea.Cmd) {
	m.s, m.index, m.focus, m.notice = s, index, focus, ""
	m.errs = [focusCount]string{}
	c := s.content[m.item().Code]
	m.score.SetValue(m.scoreText(c))
	m.deadline.SetValue(c.Deadline.VN())
	m.note.SetValue(c.Note)
	m.evidence.SetValue(c.Evidence)
	m.rec.SetValue(c.Recommendation)
	m.syncKeys()
	m.layout()
	return m, m.focusCmd()
}

func (m editorModel) scoreText(c model.Content) string {
	if !c.Result.Answered() {
		return ""
	}
	return m.c.pts(c.Score)
}

func (m *editorModel) focusCmd() tea.Cmd {
	m.score.Blur()
	m.deadline.Blur()
	m.note.Blur()
	m.evidence.Blur()
	m.rec.Blur()
	m.syncKeys()
	switch m.focus {
	case focusScore:
		return m.score.Focus()
	case focusNote:
		return m.note.Focus()
	case focusEvidence:
		return m.evidence.Focus()
	case focusRecommendation:
		return m.rec.Focus()
	case focusDeadline:
		return m.deadline.Focus()
	}
	return nil
}

// layout sizes the text areas to the terminal.
func (m *editorModel) layout() {
	if m.s == nil {
		return
	}
	w, h := max(1, m.c.width), max(1, m.c.height-3)
	tw := max(1, w-2)
	m.textLines = min(3, len(wrap(m.item().Text, w)))
	if h < 18 {
		m.textLines = 1
	}
	fixed := 1 + m.textLines + m.resultRows(w) + 1 + 3 + 1
	if m.s.resolve != nil {
		fixed++ // the line saying a conflict is being resolved
	}
	avail := max(3, h-fixed)
	nh := max(1, min(8, avail/2))
	eh := max(1, min(3, (avail-nh)/2))
	rh := max(1, min(4, avail-nh-eh))
	m.note.SetWidth(tw)
	m.evidence.SetWidth(tw)
	m.rec.SetWidth(tw)
	m.note.SetHeight(nh)
	m.evidence.SetHeight(eh)
	m.rec.SetHeight(rh)
	m.score.Width = max(1, min(10, w-30))
	m.deadline.Width = max(1, min(12, w-30))
}

// commit moves what the fields hold into the session and starts saving it.
func (m editorModel) commit() (editorModel, tea.Cmd) {
	if m.s == nil || m.s.finalized() {
		return m, nil
	}
	it := m.item()
	c := m.s.content[it.Code]
	m.errs = [focusCount]string{}
	if c.Result == model.ResultPass || c.Result == model.ResultPartial {
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
	}
	c.Note = norm.NFC.String(strings.TrimSpace(m.note.Value()))
	c.Evidence = norm.NFC.String(strings.TrimSpace(m.evidence.Value()))
	c.Recommendation = norm.NFC.String(strings.TrimSpace(m.rec.Value()))
	if d, err := model.ParseDate(m.deadline.Value()); err != nil {
		m.errs[focusDeadline] = m.c.t.T("ui.editor.date_invalid")
	} else {
		c.Deadline = d
	}
	if c != m.s.content[it.Code] {
		m.s.set(it.Code, c)
	}
	return m, flushCmd(m.c, m.s)
}

func (m editorModel) update(msg tea.Msg) (editorModel, tea.Cmd) {
	if m.s == nil {
		return m, nil
	}
	switch msg := msg.(type) {
	case debounceMsg:
		if msg.seq == m.seq {
			return m.commit()
		}
		return m, nil
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

func (m editorModel) handleKey(km tea.KeyMsg) (editorModel, tea.Cmd) {
	m.notice = ""
	if m.s.resolve != nil {
		switch {
		case key.Matches(km, m.keys.CancelResolve):
			// Nothing was stored: the conflict keeps both values.
			return m, m.c.navigate(navMsg{to: screenConflicts, keep: true})
		case key.Matches(km, m.keys.Resolve):
			m, _ := m.commit()
			for _, e := range m.errs {
				if e != "" {
					return m, nil
				}
			}
			it := m.item()
			m.c.started = "ui.conflicts.resolving"
			return m, resolveConflictCmd(m.c.importer, m.c.inspector, *m.s.resolve, m.s.content[it.Code])
		}
	}
	switch {
	case key.Matches(km, m.keys.Back):
		m, cmd := m.commit()
		return m, tea.Batch(cmd, m.c.navigate(navMsg{to: screenChecklist, index: m.index}))
	case key.Matches(km, m.keys.Save):
		m, cmd := m.commit()
		m.s.requeueFailed()
		return m, tea.Batch(cmd, flushCmd(m.c, m.s))
	case key.Matches(km, m.keys.NextField), key.Matches(km, m.keys.PrevField):
		m, cmd := m.commit()
		d := 1
		if key.Matches(km, m.keys.PrevField) {
			d = focusCount - 1
		}
		m.focus = (m.focus + d) % focusCount
		return m, tea.Batch(cmd, m.focusCmd())
	case key.Matches(km, m.keys.NextItem), key.Matches(km, m.keys.PrevItem):
		m, cmd := m.commit()
		i := m.index + 1
		if key.Matches(km, m.keys.PrevItem) {
			i = m.index - 1
		}
		if i < 0 || i >= len(m.s.items) {
			return m, cmd
		}
		m, focus := m.open(m.s, i, m.focus)
		return m, tea.Batch(cmd, focus)
	}
	if m.s.finalized() {
		m.notice = m.c.t.T("ui.editor.read_only")
		return m, nil
	}
	if m.focus == focusResult {
		if r, ok := m.keys.Results.match(km); ok {
			return m.setResult(r)
		}
		return m, nil
	}
	if km.Type == tea.KeyEnter && (m.focus == focusScore || m.focus == focusDeadline) {
		m, cmd := m.commit()
		m.focus = (m.focus + 1) % focusCount
		return m, tea.Batch(cmd, m.focusCmd())
	}
	var cmd tea.Cmd
	changed := false
	switch m.focus {
	case focusScore:
		old := m.score.Value()
		m.score, cmd = m.score.Update(km)
		changed = old != m.score.Value()
	case focusDeadline:
		old := m.deadline.Value()
		m.deadline, cmd = m.deadline.Update(km)
		changed = old != m.deadline.Value()
	case focusNote:
		old := m.note.Value()
		m.note, cmd = m.note.Update(km)
		changed = old != m.note.Value()
	case focusEvidence:
		old := m.evidence.Value()
		m.evidence, cmd = m.evidence.Update(km)
		changed = old != m.evidence.Value()
	case focusRecommendation:
		old := m.rec.Value()
		m.rec, cmd = m.rec.Update(km)
		changed = old != m.rec.Value()
	}
	if changed {
		m.seq++
		return m, tea.Batch(cmd, debounceCmd(m.c.debounce, m.seq))
	}
	return m, cmd
}

func (m editorModel) setResult(r model.Result) (editorModel, tea.Cmd) {
	it := m.item()
	c, ok := withResult(m.s.content[it.Code], it.Item, r)
	if !ok {
		m.notice = m.c.t.T("ui.editor.binary_only")
		return m, nil
	}
	// Keep the text typed so far with the new result.
	m.s.set(it.Code, c)
	m.score.SetValue(m.scoreText(c))
	m, cmd := m.commit()
	if c.Result == model.ResultFail && strings.TrimSpace(m.note.Value()) == "" {
		m.focus = focusNote
		return m, tea.Batch(cmd, m.focusCmd())
	}
	return m, cmd
}

// ShortHelp implements help.KeyMap: while a conflict's merged value is
// edited, storing it and cancelling come first.
func (m editorModel) ShortHelp() []key.Binding {
	if m.s != nil && m.s.resolve != nil {
		r := m.keys.Results
		return []key.Binding{m.keys.Resolve, m.keys.CancelResolve, m.keys.NextField, r.Pass, r.Partial, r.Fail, r.NA}
	}
	return m.keys.ShortHelp()
}

// resultRows is how many lines the result choices take at width w.
func (m editorModel) resultRows(w int) int { return len(m.resultLines(w)) }

func (m editorModel) resultLines(w int) []string {
	st := m.c.st
	it := m.item()
	cur := m.s.content[it.Code].Result
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
	label := m.label(focusResult, m.c.t.T("ui.editor.result"))
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

// label draws a field's label, marked when focused.
func (m editorModel) label(f int, text string) string {
	if f == m.focus && !m.s.finalized() {
		return m.c.st.Focused.Render("▶ " + text)
	}
	return m.c.st.Label.Render("  " + text)
}

func (m *editorModel) view(w, h int) []string {
	if m.s == nil {
		return nil
	}
	st, t := m.c.st, m.c.t
	it := m.item()
	field := m.s.cl.Fields[it.field]
	cr := field.Criteria[it.crit]
	meta := fmt.Sprintf("%s · %s %s › %s %s · %d/%d", it.Code, field.Code, field.Title, cr.Code, cr.Title, m.index+1, len(m.s.items))
	var lines []string
	if m.s.resolve != nil {
		meta = fmt.Sprintf("%s · %s", it.Code, m.s.unit.Name)
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
	lines = append(lines, m.resultLines(w)...)
	errOf := func(f int) string {
		if m.errs[f] == "" {
			return ""
		}
		return "  " + st.Error.Render("✗ "+m.errs[f])
	}
	c := m.s.content[it.Code]
	scoreLine := m.label(focusScore, t.T("ui.editor.score")) + " "
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
	lines = append(lines, fit(m.label(focusNote, noteLabel), w))
	lines = append(lines, strings.Split(m.note.View(), "\n")...)
	lines = append(lines, fit(m.label(focusEvidence, t.T("ui.editor.evidence")), w))
	lines = append(lines, strings.Split(m.evidence.View(), "\n")...)
	lines = append(lines, fit(m.label(focusRecommendation, t.T("ui.editor.recommendation")), w))
	lines = append(lines, strings.Split(m.rec.View(), "\n")...)
	lines = append(lines, fit(m.label(focusDeadline, t.T("ui.editor.deadline"))+" "+m.deadline.View()+errOf(focusDeadline), w))
	switch {
	case m.notice != "":
		lines = append(lines, st.Warn.Render(m.notice))
	case m.s.finalized():
		lines = append(lines, st.Muted.Render(t.T("ui.editor.read_only")))
	}
	return clipLines(lines, h)
}
