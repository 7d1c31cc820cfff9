package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// editorField is one of the editor's fields, in tab order.
type editorField int

const (
	focusResult editorField = iota
	focusScore
	focusNote
	focusEvidence
	focusRecommendation
	focusDeadline
	editorFields // how many there are
)

func (f editorField) String() string {
	return [...]string{"result", "score", "note", "evidence", "recommendation", "deadline"}[f]
}

// editorModel edits one item's finding. The result is set with one key and
// saved at once; text fields are saved when the inspector leaves them,
// presses esc or ctrl+s, or pauses typing. Input that cannot be saved (a
// score out of range, a date that does not exist) stays on screen with the
// reason beside it. The session comes in with every update and view.
type editorModel struct {
	c    common
	keys editorKeys
	// resolving is set while the editor holds the merged value of a
	// conflict: ctrl+s stores it as the resolution, esc leaves it.
	resolving           bool
	item                flatItem
	index               int
	focus               editorField
	score, deadline     field
	note, evidence, rec field
	errs                [editorFields]string
	// seq counts the changes typed, committed the changes the last commit
	// took in; ticking is set while a debounce tick is on its way (one at
	// a time, however fast the keys come); ticks counts the ticks that
	// found typing still going on since the last commit.
	seq, committed int
	ticking        bool
	ticks          int
	textLines      int // lines given to the item's text
	// basisLine is whether the item's basis has a line of its own; on a
	// short screen a default is marked in the heading instead.
	basisLine bool
	// leaving is set when esc found input that cannot be stored: the
	// status line says why, and a second esc leaves without it.
	leaving bool
	// history is the item's history while it is shown (ctrl+l).
	history historyView
	hkeys   historyKeys
	// files is the item's evidence files while they are shown (ctrl+o).
	files  evidenceView
	evkeys evidenceKeys
	// asking is set while storing a merged value as a conflict's
	// resolution waits for the inspector's yes; chosen is that value.
	asking bool
	chosen model.Content
	ckeys  confirmKeys
	// follow is the table of earlier kiến nghị on the follow-up item
	// (followup_panel.go), fkeys its keys; followLine says the item has
	// the line that opens it.
	follow     followPanel
	fkeys      followKeys
	followLine bool
}

// newEditorModel opens item index of s with the keyboard in field focus.
func newEditorModel(c common, s session, index int, focus editorField) (editorModel, tea.Cmd) {
	m := editorModel{c: c, keys: newEditorKeys(c.t), hkeys: newHistoryKeys(c.t), ckeys: newConfirmKeys(c.t), fkeys: newFollowKeys(c.t),
		evkeys: newEvidenceKeys(c.t), resolving: s.resolve != nil}
	m.score = newTextInput(c)
	m.deadline = newTextInput(c)
	m.deadline.Placeholder = "dd/mm/yyyy"
	m.note = newTextArea(c)
	m.note.Placeholder = c.t.T("ui.editor.note_placeholder")
	m.evidence = newTextArea(c)
	m.evidence.Placeholder = c.t.T("ui.editor.evidence_placeholder")
	m.rec = newTextArea(c)
	m.rec.Placeholder = c.t.T("ui.editor.recommendation_placeholder")
	return m.load(s, index, focus)
}

// load puts item index of s into the fields.
func (m editorModel) load(s session, index int, focus editorField) (editorModel, tea.Cmd) {
	m.item, m.index, m.focus, m.leaving = s.items[index], index, focus, false
	m.history = historyView{}
	m.files = evidenceView{}
	m.follow = followPanel{}
	m.followLine = m.followable(s)
	if s.finalized() {
		m.focus = focusResult
	}
	m.errs = [editorFields]string{}
	m.seq, m.committed, m.ticking, m.ticks = 0, 0, false, 0
	c := s.content[m.item.Code]
	m.score.SetValue(m.scoreText(c))
	m.deadline.SetValue(c.Deadline.VN())
	m.note.SetValue(c.Note)
	m.evidence.SetValue(c.Evidence)
	m.rec.SetValue(c.Recommendation)
	m.layout()
	return m.focused()
}

func (m *editorModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	m.layout()
	m.sizeFollow()
}

// typing reports whether a text field has the keyboard.
func (m editorModel) typing(s session) bool {
	if m.files.open {
		return m.files.typingPath()
	}
	if m.follow.open {
		return s.isOpen() && m.follow.focus != followList && !s.finalized()
	}
	return s.isOpen() && m.focus != focusResult && !s.finalized() && !m.history.open && !m.asking
}

// focused is the editor with the keyboard in its focused field.
func (m editorModel) focused() (editorModel, tea.Cmd) {
	m.score.Blur()
	m.deadline.Blur()
	m.note.Blur()
	m.evidence.Blur()
	m.rec.Blur()
	var cmd tea.Cmd
	switch m.focus {
	case focusScore:
		cmd = m.score.Focus()
	case focusNote:
		cmd = m.note.Focus()
	case focusEvidence:
		cmd = m.evidence.Focus()
	case focusRecommendation:
		cmd = m.rec.Focus()
	case focusDeadline:
		cmd = m.deadline.Focus()
	default:
	}
	return m, cmd
}

// layout sizes the fields to the screen's area: the text areas share what
// the fixed lines leave, so every field stays on screen down to the
// smallest usable terminal.
func (m *editorModel) layout() {
	w, h := max(1, m.c.width), max(1, m.c.height)
	tw := max(1, w-4) // the text beside the rows' prompt
	m.textLines = min(3, len(wrap(m.item.Text, w)))
	m.basisLine = h >= 18
	if h < 18 {
		m.textLines = 1
	}
	// The rule, the text, the basis, the results, the score, the three
	// text labels and the deadline.
	fixed := 1 + m.textLines + len(m.resultLines(model.ResultUnassessed, false, w)) + 1 + 3 + 1
	if m.basisLine {
		fixed++
	}
	if m.resolving {
		fixed++ // the line saying a conflict is being resolved
	}
	if m.followLine {
		fixed++ // the line on the earlier kiến nghị (followSummary)
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
	m.score.SetWidth(max(1, min(10, w-30)))
	m.deadline.SetWidth(max(1, min(12, w-30)))
}

func (m editorModel) update(msg tea.Msg, s session) (editorModel, tea.Cmd, result) {
	if !s.isOpen() {
		return m, nil, result{}
	}
	if s.finalized() && m.focus != focusResult {
		// Finalized meanwhile (elsewhere, then imported): nothing can be
		// typed any more.
		m.focus = focusResult
		m, _ = m.focused()
	}
	switch msg := msg.(type) {
	case debounceMsg:
		m.ticking = false
		m.ticks++
		if msg.seq == m.seq || m.ticks >= maxDebounceTicks {
			// Typing paused, or has gone on so long that what is typed
			// is stored anyway (a long paste is not all at risk).
			m, r := m.commit(s)
			return m, nil, r
		}
		// Typing went on since the tick was asked for: wait again.
		m, cmd := m.debounce()
		return m, cmd, result{}
	case historyLoadedMsg:
		return m.historyLoaded(msg), nil, result{}
	case evidenceLoadedMsg, evidenceDoneMsg, pickerMsg:
		return m.filesMsg(msg, s)
	case tea.KeyMsg:
		return m.handleKey(msg, s)
	}
	return m, nil, result{}
}

func (m editorModel) handleKey(km tea.KeyMsg, s session) (editorModel, tea.Cmd, result) {
	if m.history.open {
		if why := m.historyRefusal(km); why != "" {
			return m, nil, say(why)
		}
		return m.updateHistory(km), nil, result{}
	}
	if m.files.open {
		return m.updateFiles(km, s)
	}
	if m.asking {
		switch {
		case matches(km, m.ckeys.Yes):
			m.asking = false
			return m, resolveConflictCmd(m.c.importer, m.c.inspector, *s.resolve, m.chosen), say(m.c.t.T("ui.conflicts.resolving"))
		case matches(km, m.ckeys.No):
			m.asking = false
			m, cmd := m.focused()
			return m, cmd, result{}
		}
		return m, nil, result{}
	}
	if m.follow.open {
		return m.followKey(km, s)
	}
	if matches(km, m.fkeys.Open) && m.followable(s) {
		return m.openFollow(s), nil, result{}
	}
	keys := m.keymap(s)
	leaving := m.leaving
	m.leaving = false
	switch {
	case matches(km, keys.CancelResolve):
		// Nothing was stored: the conflict keeps both values.
		return m, nil, goTo(navigation{to: screenConflicts, resume: true})
	case matches(km, keys.Resolve):
		m, r := m.commit(s)
		if m.invalid() {
			return m, nil, m.unstorable(r, false)
		}
		m.chosen = s.content[m.item.Code]
		if r.edit != nil {
			m.chosen = r.edit.content
		}
		m.asking = true
		return m, nil, r
	case matches(km, keys.Back):
		m, r := m.commit(s)
		if m.invalid() && !leaving {
			// What cannot be stored is never dropped without a word: the
			// rest is saved, the reason shown, and a second esc leaves.
			m.leaving = true
			return m, nil, m.unstorable(r, true)
		}
		r.nav = &navigation{to: screenChecklist, index: m.index}
		return m, nil, r
	case matches(km, keys.History):
		m, r := m.commit(s)
		m, cmd := m.openHistory(s)
		return m, cmd, r
	case matches(km, keys.Files):
		m, r := m.commit(s)
		m, cmd := m.openFiles(s)
		return m, cmd, r
	case matches(km, keys.Undo):
		// What is typed is stored first, so the undo is of what shows.
		m, r := m.commit(s)
		if m.invalid() {
			return m, nil, m.unstorable(r, false)
		}
		r.undo = m.item.Code
		return m, nil, r
	case matches(km, keys.Save):
		m, r := m.commit(s)
		r.retry = true
		switch {
		case m.invalid():
			r = m.unstorable(r, false)
		case r.edit == nil && !s.dirty(m.item.Code):
			r.status = m.c.t.T("ui.status.all_saved")
		}
		return m, nil, r
	case matches(km, keys.NextField), matches(km, keys.PrevField):
		m, r := m.commit(s)
		d := editorField(1)
		if matches(km, keys.PrevField) {
			d = editorFields - 1
		}
		m.focus = (m.focus + d) % editorFields
		m, cmd := m.focused()
		return m, cmd, r
	case matches(km, keys.NextItem), matches(km, keys.PrevItem):
		m, r := m.commit(s)
		i := m.index + 1
		if matches(km, keys.PrevItem) {
			i = m.index - 1
		}
		m, cmd := m.load(s, i, m.focus)
		return m, cmd, r
	}
	if why := m.refusal(km, s, keys); why != "" {
		return m, nil, say(why)
	}
	if s.finalized() {
		return m, nil, result{}
	}
	if m.focus == focusResult {
		if r, ok := keys.Results.match(km); ok {
			return m.setResult(s, r)
		}
		return m, nil, result{}
	}
	m, cmd := m.typeKey(km)
	return m, cmd, result{}
}

func (m editorModel) setResult(s session, r model.Result) (editorModel, tea.Cmd, result) {
	c, ok := withResult(s.content[m.item.Code], m.item.Item, r)
	if !ok {
		return m, nil, say(m.c.refusedResult(m.item.Item, r))
	}
	old := s.content[m.item.Code]
	if c == old {
		return m, nil, say(m.c.t.T("ui.editor.same_result", m.c.resultName(r)))
	}
	// Keep the text typed so far with the new result.
	m.score.SetValue(m.scoreText(c))
	m, res := m.commitOn(s, c)
	if handEdited(m.item, old, c) {
		res.status = m.c.t.T("ui.undo.score_replaced", m.item.Code, m.c.pts(old.Score), m.c.pts(c.Score))
	}
	if m.item.Scoring == model.ScoringDeduction && (c.Result == model.ResultPartial || c.Result == model.ResultFail) {
		// Count the cases: the result follows the count.
		m.focus = focusScore
		m, cmd := m.focused()
		return m, cmd, res
	}
	if c.Result == model.ResultFail && strings.TrimSpace(m.note.Value()) == "" {
		m.focus = focusNote
		m, cmd := m.focused()
		return m, cmd, res
	}
	return m, nil, res
}
