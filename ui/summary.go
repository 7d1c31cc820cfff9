package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// summaryMode is what the summary screen is doing.
type summaryMode int

const (
	summaryBrowse          summaryMode = iota // reading the review
	summaryEditSide                           // recording the biên bản's details (visitForm)
	summaryConfirmFinalize                    // asking before finalizing
	summaryGaps                               // listing what blocks finalizing
	summaryReopen                             // asking why it is reopened
	summaryExport                             // choosing what to export
	summaryConclusion                         // recording the thông báo kết luận (conclusionForm)
)

func (m summaryMode) String() string {
	return [...]string{"browse", "edit-side", "confirm-finalize", "gaps", "reopen", "export", "conclusion"}[m]
}

// summaryModel reviews a unit: scores by field and overall, the
// classification, shortcomings and recommendations; records the biên
// bản's details (place, hours, the unit's people, strengths, the unit's
// comments) and, once finalized, the thông báo kết luận; finalizes and
// reopens. The session comes in with every update and view.
type summaryModel struct {
	c       common
	keys    summaryKeys
	offset  int
	mode    summaryMode
	details detailsForm // the open visit or thông báo form
	reason  field
	gaps    []string
	err     string
	export  exportForm
}

func newSummaryModel(c common, _ session) summaryModel {
	m := summaryModel{c: c, keys: newSummaryKeys(c.t)}
	m.reason = newTextInput(c)
	m.reason.Placeholder = c.t.T("ui.summary.reopen_placeholder")
	m.setSize(c.width, c.height)
	return m
}

func (m *summaryModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	w = max(1, w)
	m.reason.SetWidth(max(1, w-4))
	m.details.setSize(w, h)
	m.export.setSize(w, h/2)
}

// keymap is the keys as they act on s: a finalized record is reopened,
// not edited, and only then takes its thông báo kết luận.
func (m summaryModel) keymap(s session) summaryKeys {
	k := m.keys
	fin := s.finalized()
	k.EditSide.SetEnabled(!fin)
	k.Finalize.SetEnabled(!fin)
	k.Reopen.SetEnabled(fin)
	k.Conclusion.SetEnabled(fin)
	if m.mode == summaryBrowse && m.maxOffset(s) == 0 {
		k.Up.SetEnabled(false)
		k.Down.SetEnabled(false)
		k.PageUp.SetEnabled(false)
		k.PageDown.SetEnabled(false)
	}
	return k
}

// refusal says why a key of the summary cannot act on s now, or "".
func (m summaryModel) refusal(km tea.KeyMsg, s session, k summaryKeys) string {
	switch {
	case disabledMatch(km, k.EditSide, k.Finalize):
		return m.c.t.T("ui.summary.finalized_why")
	case disabledMatch(km, k.Reopen):
		return m.c.t.T("ui.summary.not_finalized")
	case disabledMatch(km, k.Conclusion):
		return m.c.t.T("ui.summary.conclusion_why")
	case disabledMatch(km, k.Up, k.Down, k.PageUp, k.PageDown):
		return m.c.t.T("ui.why.all_shown")
	}
	return ""
}

// typing reports whether a text field has the keyboard.
func (m summaryModel) typing() bool {
	// The export form holds a folder to type.
	return m.mode == summaryEditSide || m.mode == summaryConclusion || m.mode == summaryReopen || m.mode == summaryExport
}

// commit is the open visit form's details, to store if they are valid
// and changed (leaving the screen or quitting keeps what was typed).
func (m summaryModel) commit(s session) (summaryModel, result) {
	if !s.isOpen() || m.mode != summaryEditSide || s.finalized() {
		return m, result{}
	}
	a, _, msg := readVisit(m.details, s.assessment)
	if msg != "" || !visitChanged(s.assessment, a) {
		return m, result{}
	}
	return m, result{change: &assessmentChange{kind: changeSide, assessment: a}}
}

// saved takes the answer to an assessment change.
func (m summaryModel) saved(msg assessmentSavedMsg, s session) summaryModel {
	if msg.err != nil {
		if model.ErrorCode(msg.err) == model.EGaps && s.isOpen() {
			m.gaps, m.mode = s.gaps(), summaryGaps
		}
		m.err = m.c.t.Err(msg.err)
		if m.mode == summaryEditSide || m.mode == summaryConclusion {
			m.details.err = m.err
		}
		return m
	}
	m.err = ""
	m.mode = summaryBrowse
	return m
}

// update handles a key; pending says whether changes of s are still on
// their way to the store (finalizing and exporting wait for them).
func (m summaryModel) update(msg tea.Msg, s session, pending bool) (summaryModel, tea.Cmd, result) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || !s.isOpen() {
		return m, nil, result{}
	}
	keys := m.keymap(s)
	switch m.mode {
	case summaryEditSide, summaryConclusion:
		return m.updateDetails(km, s)
	case summaryExport:
		var cmd tea.Cmd
		var r result
		m.export, cmd, r = m.export.update(km)
		if !m.export.open {
			m.mode = summaryBrowse
		}
		return m, cmd, r
	case summaryConfirmFinalize:
		switch {
		case matches(km, keys.Confirm.Yes):
			return m, nil, result{change: &assessmentChange{kind: changeFinalize, assessment: s.assessment}}
		case matches(km, keys.Confirm.No):
			m.mode = summaryBrowse
		}
		return m, nil, result{}
	case summaryGaps:
		switch {
		case matches(km, keys.GapsGo) && len(m.gaps) > 0:
			m.mode = summaryBrowse
			return m, nil, goTo(navigation{to: screenEditor, index: s.index[m.gaps[0]], focus: focusNote})
		case matches(km, keys.GapsClose):
			m.mode = summaryBrowse
		}
		return m, nil, result{}
	case summaryReopen:
		return m.updateReopen(km, s)
	default:
		return m.updateBrowse(km, s, keys, pending)
	}
}

func (m summaryModel) updateBrowse(km tea.KeyMsg, s session, keys summaryKeys, pending bool) (summaryModel, tea.Cmd, result) {
	switch {
	case matches(km, keys.Up):
		m = m.scroll(s, -1)
	case matches(km, keys.Down):
		m = m.scroll(s, 1)
	case matches(km, keys.PageUp):
		m = m.scroll(s, -m.c.halfPage())
	case matches(km, keys.PageDown):
		m = m.scroll(s, m.c.halfPage())
	case matches(km, keys.EditSide):
		var cmd tea.Cmd
		m.details, cmd = visitForm(m.c, s.assessment).focused()
		m.mode, m.err = summaryEditSide, ""
		return m, cmd, result{}
	case matches(km, keys.Conclusion):
		var cmd tea.Cmd
		m.details, cmd = conclusionForm(m.c, s.assessment).focused()
		m.mode, m.err = summaryConclusion, ""
		return m, cmd, result{}
	case matches(km, keys.Finalize):
		m.err = ""
		if pending {
			m.err = m.c.t.T("ui.summary.wait_saving")
			break
		}
		if m.gaps = s.gaps(); len(m.gaps) > 0 {
			m.mode = summaryGaps
			break
		}
		m.mode = summaryConfirmFinalize
	case matches(km, keys.Reopen):
		m.mode, m.err = summaryReopen, ""
		m.reason.SetValue("")
		return m, m.reason.Focus(), result{}
	case m.c.exporter != nil && matches(km, keys.Export):
		m.err = ""
		if pending {
			// The record must hold what the screen shows.
			m.err = m.c.t.T("ui.summary.wait_saving")
			break
		}
		if f, ok := newExportForm(m.c.sized(m.c.width, m.c.height/2), m.exportTarget(s)); ok {
			m.mode, m.export = summaryExport, f
		}
	case matches(km, keys.Back):
		return m, nil, goTo(navigation{to: screenChecklist, index: -1})
	default:
		if why := m.refusal(km, s, keys); why != "" {
			return m, nil, say(why)
		}
	}
	return m, nil, result{}
}

func (m summaryModel) updateReopen(km tea.KeyMsg, s session) (summaryModel, tea.Cmd, result) {
	switch {
	case matches(km, m.keys.ReopenCancel):
		m.mode = summaryBrowse
		return m, nil, result{}
	case matches(km, m.keys.ReopenSubmit):
		reason := norm.NFC.String(strings.TrimSpace(m.reason.Value()))
		if reason == "" {
			m.err = m.c.t.T("ui.summary.reopen_required")
			return m, nil, result{}
		}
		return m, nil, result{change: &assessmentChange{kind: changeReopen, assessment: s.assessment, reason: reason}}
	default:
		var cmd tea.Cmd
		m.reason, cmd, _ = typeInto(m.reason, km)
		return m, cmd, result{}
	}
}

// updateDetails gives a key to the open visit or thông báo form: ctrl+s
// stores what it holds (the form stays open until the store answers),
// esc closes it without storing.
func (m summaryModel) updateDetails(km tea.KeyMsg, s session) (summaryModel, tea.Cmd, result) {
	f, cmd, res := m.details.update(km)
	m.details = f
	switch res {
	case formCancel:
		m.mode = summaryBrowse
		return m, nil, result{}
	case formSubmit:
		if m.mode == summaryConclusion {
			c, field, msg := readConclusion(m.details)
			if msg != "" {
				m.details, cmd = m.details.fail(field, msg)
				return m, cmd, result{}
			}
			a := s.assessment
			a.Conclusion = c
			return m, nil, result{change: &assessmentChange{kind: changeConclusion, assessment: a}}
		}
		a, field, msg := readVisit(m.details, s.assessment)
		if msg != "" {
			m.details, cmd = m.details.fail(field, msg)
			return m, cmd, result{}
		}
		if !visitChanged(s.assessment, a) {
			m.mode = summaryBrowse
			return m, nil, result{}
		}
		return m, nil, result{change: &assessmentChange{kind: changeSide, assessment: a}}
	default:
		return m, cmd, result{}
	}
}

// scroll moves the review by d lines, within its length.
func (m summaryModel) scroll(s session, d int) summaryModel {
	top := m.maxOffset(s)
	m.offset = max(0, min(min(m.offset, top)+d, top))
	return m
}

// exportTarget is the open unit's record, or its inspection's summary.
func (m summaryModel) exportTarget(s session) exportTarget {
	return exportTarget{assessmentID: s.assessment.ID, unitName: s.unit.Name, finalized: s.finalized(),
		inspectionID: s.assessment.InspectionID, doc: exportUnit}
}

// ShortHelp is the footer's keys in the current mode on s.
func (m summaryModel) ShortHelp(s session) []key.Binding {
	switch m.mode {
	case summaryExport:
		return m.export.ShortHelp()
	case summaryEditSide, summaryConclusion:
		return m.details.ShortHelp()
	default:
	}
	g := m.FullHelp(s)
	var out []key.Binding
	for i := len(g) - 1; i >= 0; i-- {
		// The last group holds what the mode is for; scrolling comes last.
		out = append(out, g[i]...)
	}
	return out
}

// FullHelp is every key of the summary in its current mode on s.
func (m summaryModel) FullHelp(s session) [][]key.Binding {
	k := m.keymap(s)
	switch m.mode {
	case summaryExport:
		return m.export.FullHelp()
	case summaryEditSide, summaryConclusion:
		return m.details.FullHelp()
	case summaryConfirmFinalize:
		return [][]key.Binding{{k.Confirm.Yes, k.Confirm.No}}
	case summaryGaps:
		return [][]key.Binding{{k.GapsGo, k.GapsClose}}
	case summaryReopen:
		return [][]key.Binding{{k.ReopenSubmit, k.ReopenCancel}}
	default:
		main := []key.Binding{k.EditSide, k.Finalize, k.Reopen, k.Conclusion}
		if m.c.exporter != nil {
			main = append(main, k.Export)
		}
		return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, append(main, k.Back)}
	}
}
