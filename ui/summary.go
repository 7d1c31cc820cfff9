package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// summaryMode is what the summary screen is doing.
type summaryMode int

const (
	summaryBrowse          summaryMode = iota // reading the review
	summaryEditSide                           // recording the unit's side
	summaryConfirmFinalize                    // asking before finalizing
	summaryGaps                               // listing what blocks finalizing
	summaryReopen                             // asking why it is reopened
	summaryExport                             // choosing what to export
)

func (m summaryMode) String() string {
	return [...]string{"browse", "edit-side", "confirm-finalize", "gaps", "reopen", "export"}[m]
}

// sideField is a field of the unit's side, in tab order.
type sideField int

const (
	sideRepresentative sideField = iota
	sidePosition
	sideComments
	sideFields // how many there are
)

func (f sideField) String() string {
	return [...]string{"representative", "position", "comments"}[f]
}

// summaryModel reviews a unit: scores by field and overall, the
// classification, shortcomings and recommendations; records the unit's
// representative and comments; finalizes and reopens. The session comes
// in with every update and view.
type summaryModel struct {
	c       common
	keys    summaryKeys
	offset  int
	mode    summaryMode
	focus   sideField
	rep     textinput.Model
	pos     textinput.Model
	comment textarea.Model
	reason  textinput.Model
	gaps    []string
	err     string
	export  exportForm
}

func newSummaryModel(c common, s session) summaryModel {
	m := summaryModel{c: c, keys: newSummaryKeys(c.t)}
	m.rep = newTextInput(c)
	m.pos = newTextInput(c)
	m.reason = newTextInput(c)
	m.reason.Placeholder = c.t.T("ui.summary.reopen_placeholder")
	m.comment = newTextArea(c)
	m.comment.Placeholder = c.t.T("ui.summary.comments_placeholder")
	m.rep.SetValue(s.assessment.Representative)
	m.pos.SetValue(s.assessment.RepresentativePosition)
	m.comment.SetValue(s.assessment.UnitComments)
	m.setSize(c.width, c.height)
	return m
}

func (m *summaryModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	w = max(1, w)
	m.rep.Width = max(1, w-30)
	m.pos.Width = max(1, w-30)
	m.reason.Width = max(1, w-4)
	m.comment.SetWidth(max(1, w-2))
	m.comment.SetHeight(3)
	m.export.setSize(w, h/2)
}

// keymap is the keys as they act on s: a finalized record is reopened,
// not edited; enter moves on from the one-line fields of the unit's side.
func (m summaryModel) keymap(s session) summaryKeys {
	k := m.keys
	fin := s.finalized()
	k.EditSide.SetEnabled(!fin)
	k.Finalize.SetEnabled(!fin)
	k.Reopen.SetEnabled(fin)
	if m.mode == summaryBrowse && m.maxOffset(s) == 0 {
		k.Up.SetEnabled(false)
		k.Down.SetEnabled(false)
		k.PageUp.SetEnabled(false)
		k.PageDown.SetEnabled(false)
	}
	if m.focus != sideComments {
		k.NextField.SetKeys("tab", "enter")
		k.NextField.SetHelp("tab/enter", k.NextField.Help().Desc)
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
	case disabledMatch(km, k.Up, k.Down, k.PageUp, k.PageDown):
		return m.c.t.T("ui.why.all_shown")
	}
	return ""
}

// typing reports whether a text field has the keyboard.
func (m summaryModel) typing() bool { return m.mode == summaryEditSide || m.mode == summaryReopen }

// commit is the unit's side, as typed, to store if it changed.
func (m summaryModel) commit(s session) (summaryModel, result) {
	if !s.isOpen() || m.mode != summaryEditSide || s.finalized() {
		return m, result{}
	}
	a := s.assessment
	a.Representative = norm.NFC.String(strings.TrimSpace(m.rep.Value()))
	a.RepresentativePosition = norm.NFC.String(strings.TrimSpace(m.pos.Value()))
	a.UnitComments = norm.NFC.String(strings.TrimSpace(m.comment.Value()))
	if a == s.assessment {
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
		return m
	}
	m.err = ""
	if msg.kind != changeSide {
		m.mode = summaryBrowse
	}
	return m
}

// focused is the summary with the keyboard in the focused side field.
func (m summaryModel) focused() (summaryModel, tea.Cmd) {
	m.rep.Blur()
	m.pos.Blur()
	m.comment.Blur()
	switch m.focus {
	case sideRepresentative:
		return m, m.rep.Focus()
	case sidePosition:
		return m, m.pos.Focus()
	default:
		return m, m.comment.Focus()
	}
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
	case summaryEditSide:
		return m.updateSide(km, s)
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
		case key.Matches(km, keys.Confirm.Yes):
			return m, nil, result{change: &assessmentChange{kind: changeFinalize, assessment: s.assessment}}
		case key.Matches(km, keys.Confirm.No):
			m.mode = summaryBrowse
		}
		return m, nil, result{}
	case summaryGaps:
		switch {
		case key.Matches(km, keys.GapsGo) && len(m.gaps) > 0:
			m.mode = summaryBrowse
			return m, nil, goTo(navigation{to: screenEditor, index: s.index[m.gaps[0]], focus: focusNote})
		case key.Matches(km, keys.GapsClose):
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
	case key.Matches(km, keys.Up):
		m = m.scroll(s, -1)
	case key.Matches(km, keys.Down):
		m = m.scroll(s, 1)
	case key.Matches(km, keys.PageUp):
		m = m.scroll(s, -m.c.halfPage())
	case key.Matches(km, keys.PageDown):
		m = m.scroll(s, m.c.halfPage())
	case key.Matches(km, keys.EditSide):
		m.mode, m.focus, m.err = summaryEditSide, sideRepresentative, ""
		m, cmd := m.focused()
		return m, cmd, result{}
	case key.Matches(km, keys.Finalize):
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
	case key.Matches(km, keys.Reopen):
		m.mode, m.err = summaryReopen, ""
		m.reason.SetValue("")
		return m, m.reason.Focus(), result{}
	case m.c.exporter != nil && key.Matches(km, keys.Export):
		m.err = ""
		if pending {
			// The record must hold what the screen shows.
			m.err = m.c.t.T("ui.summary.wait_saving")
			break
		}
		if f, ok := newExportForm(m.c.sized(m.c.width, m.c.height/2), m.exportTarget(s)); ok {
			m.mode, m.export = summaryExport, f
		}
	case key.Matches(km, keys.Back):
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
	case key.Matches(km, m.keys.ReopenCancel):
		m.mode = summaryBrowse
		return m, nil, result{}
	case key.Matches(km, m.keys.ReopenSubmit):
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

func (m summaryModel) updateSide(km tea.KeyMsg, s session) (summaryModel, tea.Cmd, result) {
	keys := m.keymap(s)
	switch {
	case key.Matches(km, keys.CloseSide):
		m, r := m.commit(s)
		m.mode = summaryBrowse
		m.rep.Blur()
		m.pos.Blur()
		m.comment.Blur()
		return m, nil, r
	case key.Matches(km, keys.Save):
		m, r := m.commit(s)
		if r.change == nil {
			r.status = m.c.t.T("ui.status.all_saved")
		}
		return m, nil, r
	case key.Matches(km, keys.NextField), key.Matches(km, keys.PrevField):
		m, r := m.commit(s)
		d := sideField(1)
		if key.Matches(km, keys.PrevField) {
			d = sideFields - 1
		}
		m.focus = (m.focus + d) % sideFields
		m, cmd := m.focused()
		return m, cmd, r
	}
	m, cmd := m.typeKey(km)
	return m, cmd, result{}
}

// typeKey gives a key to the focused side field.
func (m summaryModel) typeKey(km tea.KeyMsg) (summaryModel, tea.Cmd) {
	var cmd tea.Cmd
	switch m.focus {
	case sideRepresentative:
		m.rep, cmd, _ = typeInto(m.rep, km)
	case sidePosition:
		m.pos, cmd, _ = typeInto(m.pos, km)
	default:
		m.comment, cmd, _ = typeInto(m.comment, km)
	}
	return m, cmd
}

// scroll moves the review by d lines, within its length.
func (m summaryModel) scroll(s session, d int) summaryModel {
	top := m.maxOffset(s)
	m.offset = max(0, min(min(m.offset, top)+d, top))
	return m
}

// exportTarget is the open unit's record, or its inspection's summary.
func (m summaryModel) exportTarget(s session) exportTarget {
	return exportTarget{assessmentID: s.assessment.ID, unitName: s.unit.Name,
		inspectionID: s.assessment.InspectionID, doc: exportUnit}
}

// ShortHelp is the footer's keys in the current mode on s.
func (m summaryModel) ShortHelp(s session) []key.Binding {
	if m.mode == summaryExport {
		return m.export.ShortHelp()
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
	case summaryEditSide:
		return [][]key.Binding{{k.NextField, k.PrevField, k.Save, k.CloseSide}}
	case summaryConfirmFinalize:
		return [][]key.Binding{{k.Confirm.Yes, k.Confirm.No}}
	case summaryGaps:
		return [][]key.Binding{{k.GapsGo, k.GapsClose}}
	case summaryReopen:
		return [][]key.Binding{{k.ReopenSubmit, k.ReopenCancel}}
	default:
		main := []key.Binding{k.EditSide, k.Finalize, k.Reopen}
		if m.c.exporter != nil {
			main = append(main, k.Export)
		}
		return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, append(main, k.Back)}
	}
}
