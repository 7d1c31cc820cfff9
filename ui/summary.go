package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"
)

// summaryMode is what the summary screen is doing.
type summaryMode int

const (
	summaryBrowse summaryMode = iota
	summaryEditSide
	summaryConfirmFinalize
	summaryGaps
	summaryReopen
	summaryExport
)

// summaryModel reviews a unit: scores by field and overall, the
// classification, shortcomings and recommendations; records the unit's
// representative and comments; finalizes and reopens.
type summaryModel struct {
	c       *common
	keys    summaryKeys
	s       *session
	offset  int
	mode    summaryMode
	focus   int // 0 name, 1 position, 2 comments
	rep     textinput.Model
	pos     textinput.Model
	comment textarea.Model
	reason  textinput.Model
	gaps    []string
	err     string
	// export is the form choosing what to export (summaryExport mode).
	export *form
	// saving is true while an assessment change is being stored.
	saving bool
}

func newSummaryModel(c *common) summaryModel {
	m := summaryModel{c: c, keys: newSummaryKeys(c.t)}
	m.rep = newTextInput(c)
	m.pos = newTextInput(c)
	m.reason = newTextInput(c)
	m.reason.Placeholder = c.t.T("ui.summary.reopen_placeholder")
	m.comment = newTextArea(c)
	m.comment.Placeholder = c.t.T("ui.summary.comments_placeholder")
	return m
}

func (m summaryModel) open(s *session) summaryModel {
	m.s, m.offset, m.mode, m.err = s, 0, summaryBrowse, ""
	m.rep.SetValue(s.assessment.Representative)
	m.pos.SetValue(s.assessment.RepresentativePosition)
	m.comment.SetValue(s.assessment.UnitComments)
	m.layout()
	m.syncKeys()
	return m
}

func (m *summaryModel) layout() {
	w := max(1, m.c.width)
	m.rep.Width = max(1, w-30)
	m.pos.Width = max(1, w-30)
	m.reason.Width = max(1, w-4)
	m.comment.SetWidth(max(1, w-2))
	m.comment.SetHeight(3)
}

func (m *summaryModel) syncKeys() {
	fin := m.s != nil && m.s.finalized()
	m.keys.EditSide.SetEnabled(!fin)
	m.keys.Finalize.SetEnabled(!fin)
	m.keys.Reopen.SetEnabled(fin)
	m.keys.Export.SetEnabled(m.c.exporter != nil)
}

// typing reports whether a text field has the keyboard.
func (m summaryModel) typing() bool { return m.mode == summaryEditSide || m.mode == summaryReopen }

// commit stores the unit's side if it changed.
func (m summaryModel) commit() (summaryModel, tea.Cmd) {
	if m.s == nil || m.mode != summaryEditSide || m.s.finalized() {
		return m, nil
	}
	a := m.s.assessment
	a.Representative = norm.NFC.String(strings.TrimSpace(m.rep.Value()))
	a.RepresentativePosition = norm.NFC.String(strings.TrimSpace(m.pos.Value()))
	a.UnitComments = norm.NFC.String(strings.TrimSpace(m.comment.Value()))
	if a == m.s.assessment {
		return m, nil
	}
	m.saving = true
	return m, saveSideCmd(m.c.store, m.c.inspector, a)
}

// saved takes the answer to an assessment change.
func (m summaryModel) saved(msg assessmentSavedMsg) (summaryModel, tea.Cmd) {
	m.saving = false
	if msg.err != nil {
		if errorCode(msg.err) == "gaps" && m.s != nil {
			m.gaps, m.mode = m.s.gaps(), summaryGaps
		}
		m.err = m.c.errText(msg.err)
		return m, nil
	}
	m.err = ""
	if m.s != nil && msg.assessment.ID == m.s.assessment.ID {
		m.s.assessment = msg.assessment
	}
	if msg.action != "side" {
		m.mode = summaryBrowse
	}
	m.syncKeys()
	return m, nil
}

func (m *summaryModel) focusCmd() tea.Cmd {
	m.rep.Blur()
	m.pos.Blur()
	m.comment.Blur()
	switch m.focus {
	case 0:
		return m.rep.Focus()
	case 1:
		return m.pos.Focus()
	}
	return m.comment.Focus()
}

func (m summaryModel) update(msg tea.Msg) (summaryModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || m.s == nil {
		return m, nil
	}
	switch m.mode {
	case summaryEditSide:
		return m.updateSide(km)
	case summaryExport:
		res, cmd := m.export.update(km)
		switch res {
		case formCancel:
			m.mode, m.export = summaryBrowse, nil
		case formSubmit:
			cmd = submitExport(m.c, m.export, m.exportTarget())
			m.mode, m.export = summaryBrowse, nil
		}
		return m, cmd
	case summaryConfirmFinalize:
		switch {
		case key.Matches(km, m.keys.Confirm):
			m.saving = true
			return m, finalizeCmd(m.c.store, m.c.inspector, m.s.assessment.ID)
		case key.Matches(km, m.keys.Cancel):
			m.mode = summaryBrowse
		}
		return m, nil
	case summaryGaps:
		switch {
		case km.Type == tea.KeyEnter && len(m.gaps) > 0:
			m.mode = summaryBrowse
			return m, m.c.navigate(navMsg{to: screenEditor, index: m.s.index[m.gaps[0]], focus: focusNote})
		case key.Matches(km, m.keys.Cancel):
			m.mode = summaryBrowse
		}
		return m, nil
	case summaryReopen:
		switch km.Type {
		case tea.KeyEsc:
			m.mode = summaryBrowse
			return m, nil
		case tea.KeyEnter:
			reason := norm.NFC.String(strings.TrimSpace(m.reason.Value()))
			if reason == "" {
				m.err = m.c.t.T("ui.summary.reopen_required")
				return m, nil
			}
			m.saving = true
			return m, reopenCmd(m.c.store, m.c.inspector, m.s.assessment.ID, reason)
		}
		var cmd tea.Cmd
		m.reason, cmd = m.reason.Update(km)
		return m, cmd
	}
	switch {
	case key.Matches(km, m.keys.Up):
		m.offset = max(0, m.offset-1)
	case key.Matches(km, m.keys.Down):
		m.offset++
	case key.Matches(km, m.keys.PageUp):
		m.offset = max(0, m.offset-m.c.height/2)
	case key.Matches(km, m.keys.PageDown):
		m.offset += m.c.height / 2
	case key.Matches(km, m.keys.EditSide):
		m.mode, m.focus, m.err = summaryEditSide, 0, ""
		return m, m.focusCmd()
	case key.Matches(km, m.keys.Finalize):
		m.err = ""
		if m.s.pending() {
			m.err = m.c.t.T("ui.summary.wait_saving")
			return m, nil
		}
		if m.gaps = m.s.gaps(); len(m.gaps) > 0 {
			m.mode = summaryGaps
			return m, nil
		}
		m.mode = summaryConfirmFinalize
	case key.Matches(km, m.keys.Reopen):
		m.mode, m.err = summaryReopen, ""
		m.reason.SetValue("")
		return m, m.reason.Focus()
	case key.Matches(km, m.keys.Export):
		m.err = ""
		if m.s.pending() {
			// The record must hold what the screen shows.
			m.err = m.c.t.T("ui.summary.wait_saving")
			return m, nil
		}
		if f := newExportForm(m.c, m.exportTarget()); f != nil {
			m.mode, m.export = summaryExport, f
		}
		return m, nil
	case key.Matches(km, m.c.keys.Back):
		return m, m.c.navigate(navMsg{to: screenChecklist, index: -1})
	}
	return m, nil
}

func (m summaryModel) updateSide(km tea.KeyMsg) (summaryModel, tea.Cmd) {
	switch {
	case key.Matches(km, m.c.keys.Back):
		m, cmd := m.commit()
		m.mode = summaryBrowse
		m.rep.Blur()
		m.pos.Blur()
		m.comment.Blur()
		return m, cmd
	case key.Matches(km, m.keys.Save):
		return m.commit()
	case key.Matches(km, m.keys.NextField), key.Matches(km, m.keys.PrevField):
		m, cmd := m.commit()
		d := 1
		if key.Matches(km, m.keys.PrevField) {
			d = 2
		}
		m.focus = (m.focus + d) % 3
		return m, tea.Batch(cmd, m.focusCmd())
	}
	var cmd tea.Cmd
	switch m.focus {
	case 0:
		if km.Type == tea.KeyEnter {
			m.focus = 1
			return m, m.focusCmd()
		}
		m.rep, cmd = m.rep.Update(km)
	case 1:
		if km.Type == tea.KeyEnter {
			m.focus = 2
			return m, m.focusCmd()
		}
		m.pos, cmd = m.pos.Update(km)
	default:
		m.comment, cmd = m.comment.Update(km)
	}
	return m, cmd
}

// exportTarget is the open unit's record, or its inspection's summary.
func (m summaryModel) exportTarget() exportTarget {
	return exportTarget{assessmentID: m.s.assessment.ID, unitName: m.s.unit.Name,
		inspectionID: m.s.assessment.InspectionID, doc: exportUnit}
}

// ShortHelp implements help.KeyMap for the current mode.
func (m summaryModel) ShortHelp() []key.Binding {
	switch m.mode {
	case summaryExport:
		return m.export.ShortHelp()
	case summaryEditSide:
		return []key.Binding{m.keys.NextField, m.keys.Save, m.c.keys.Back}
	case summaryConfirmFinalize:
		return []key.Binding{m.keys.Confirm, m.keys.Cancel}
	case summaryGaps:
		return []key.Binding{m.keys.Cancel}
	case summaryReopen:
		return []key.Binding{m.c.keys.Back}
	}
	return []key.Binding{m.keys.Down, m.keys.EditSide, m.keys.Finalize, m.keys.Reopen, m.keys.Export, m.c.keys.Back}
}

// FullHelp implements help.KeyMap.
func (m summaryModel) FullHelp() [][]key.Binding {
	if m.mode == summaryExport {
		return m.export.FullHelp()
	}
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown},
		{m.keys.EditSide, m.keys.NextField, m.keys.Save}, {m.keys.Finalize, m.keys.Reopen, m.keys.Confirm, m.keys.Cancel},
		{m.keys.Export}}
}

// contentLines is the review, as lines w cells wide.
func (m summaryModel) contentLines(w int) []string {
	s, st, t := m.s, m.c.st, m.c.t
	o := s.score.Overall
	var lines []string
	lines = append(lines, st.Title.Render(fmt.Sprintf("%s (%s)", s.unit.Name, s.unit.Code))+"  "+m.c.statusName(s.assessment.Status))
	lines = append(lines, t.T("ui.summary.overall", m.c.pts(o.Score), m.c.pts(o.AdjustedMax), m.c.pct(o.Percent()), m.c.bandName(s.score.Band)))
	lines = append(lines, st.Muted.Render(t.T("ui.summary.progress", o.Answered, o.Total, o.Shortfalls)))
	if !o.Complete() {
		lines = append(lines, st.Warn.Render(t.T("ui.summary.incomplete", o.Total-o.Answered)))
	}
	if s.finalized() {
		lines = append(lines, st.Muted.Render(t.T("ui.summary.finalized_by", s.assessment.FinalizedBy,
			s.assessment.FinalizedAt.In(m.c.now().Location()).Format("02/01/2006 15:04"))))
	}
	lines = append(lines, "", m.c.rule(t.T("ui.summary.by_field"), w))
	for _, f := range s.score.Fields {
		stats := fmt.Sprintf(" %3d/%-3d %6s/%-4s %6s", f.Answered, f.Total, m.c.pts(f.Score), m.c.pts(f.Max), m.c.pct(f.Percent()))
		lines = append(lines, fit(f.Code+" "+f.Title, max(1, w-len([]rune(stats))))+stats)
	}
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
	lines = append(lines, st.Label.Render(t.T("ui.summary.representative"))+" "+val(a.Representative))
	lines = append(lines, st.Label.Render(t.T("ui.summary.position"))+" "+val(a.RepresentativePosition))
	lines = append(lines, st.Label.Render(t.T("ui.summary.comments")))
	if a.UnitComments == "" {
		lines = append(lines, "  "+val(""))
	} else {
		lines = append(lines, indentWrap("  ", a.UnitComments, w)...)
	}
	return lines
}

func (m *summaryModel) view(w, h int) []string {
	if m.s == nil {
		return nil
	}
	st, t := m.c.st, m.c.t
	var foot []string
	if m.err != "" {
		foot = append(foot, fit(st.Error.Render("✗ "+m.err), w))
	}
	switch m.mode {
	case summaryEditSide:
		lab := func(i int, s string) string {
			if i == m.focus {
				return st.Focused.Render("▶ " + s)
			}
			return st.Label.Render("  " + s)
		}
		form := []string{m.c.rule(t.T("ui.summary.edit_side"), w),
			fit(lab(0, t.T("ui.summary.representative"))+" "+m.rep.View(), w),
			fit(lab(1, t.T("ui.summary.position"))+" "+m.pos.View(), w),
			fit(lab(2, t.T("ui.summary.comments")), w)}
		form = append(form, strings.Split(m.comment.View(), "\n")...)
		foot = append(form, foot...)
	case summaryConfirmFinalize:
		o := m.s.score.Overall
		box := []string{m.c.rule(t.T("ui.summary.confirm_title"), w)}
		box = append(box, wrap(t.T("ui.summary.confirm_text", m.s.unit.Name), w)...)
		if !o.Complete() {
			box = append(box, st.Warn.Render(t.T("ui.summary.incomplete", o.Total-o.Answered)))
		}
		box = append(box, st.Key.Render(t.T("ui.summary.confirm_keys")))
		foot = append(box, foot...)
	case summaryGaps:
		box := []string{m.c.rule(t.T("ui.summary.gaps_title", len(m.gaps)), w)}
		box = append(box, wrap(t.T("ui.summary.gaps_text"), w)...)
		for i, code := range m.gaps {
			if i >= max(1, h/2-3) {
				box = append(box, st.Muted.Render(t.T("ui.summary.more", len(m.gaps)-i)))
				break
			}
			it := m.s.items[m.s.index[code]]
			box = append(box, fit(st.Error.Render("✗ ")+code+" "+shortText(it.Text), w))
		}
		box = append(box, st.Key.Render(t.T("ui.summary.gaps_keys")))
		foot = append(box, foot...)
	case summaryExport:
		foot = append(m.export.view(w, h/2), foot...)
	case summaryReopen:
		box := []string{m.c.rule(t.T("ui.summary.reopen_title"), w)}
		box = append(box, wrap(t.T("ui.summary.reopen_text"), w)...)
		box = append(box, fit("› "+m.reason.View(), w))
		foot = append(box, foot...)
	}
	if len(foot) > h-2 {
		foot = foot[:max(0, h-2)]
	}
	content := m.contentLines(w)
	ch := h - len(foot)
	m.offset = max(0, min(m.offset, len(content)-ch))
	out := padLines(clipLines(content[min(m.offset, len(content)):], ch), w, ch)
	return append(out, foot...)
}
