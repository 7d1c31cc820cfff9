package ui

import (
	"maps"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// saver is the save pipeline of the open assessment. Every change is
// stored the moment it is made, one finding at a time, each based on the
// revision the previous save stored; a save that fails keeps its content
// on screen and waits for ctrl+s; quitting waits for what is on its way.
// Like session it is a value whose slice and map are never written in
// place.
type saver struct {
	queue    []string         // items that may differ from the store, oldest first
	inflight string           // the item being stored, "" when none
	failed   map[string]error // items whose last save failed, and why
	// changing counts the changes to the assessment itself (side,
	// finalize, reopen) on their way to the store.
	changing int
	// quitting is set when quit was asked while saves were pending: the
	// App quits when the last one lands. forceArmed lets a second ctrl+c
	// quit even when a save failed.
	quitting   bool
	forceArmed bool
	// undo is the item whose last change is taken back as soon as what
	// is on its way is stored ("" for none).
	undo string
	// changes are the items whose changes this session stored, oldest
	// first: u takes back the last one.
	changes []string
}

// forSession is the pipeline for a newly opened assessment: nothing of
// the previous one is queued (opening waits until it is all stored).
func (p saver) forSession() saver {
	return saver{changing: p.changing, quitting: p.quitting, forceArmed: p.forceArmed}
}

// lastChange is the item u takes back first: the last one whose change
// this session stored, or "" when there is none.
func (p saver) lastChange() string {
	if len(p.changes) == 0 {
		return ""
	}
	return p.changes[len(p.changes)-1]
}

// enqueue marks an item changed on screen: saved next, its failure forgotten.
func (p saver) enqueue(code string) saver {
	if _, ok := p.failed[code]; ok {
		p.failed = maps.Clone(p.failed)
		delete(p.failed, code)
	}
	if !slices.Contains(p.queue, code) {
		p.queue = append(slices.Clip(p.queue), code)
	}
	return p
}

// retry puts the items whose save failed back in the queue (ctrl+s, quit).
func (p saver) retry() saver {
	codes := slices.Sorted(maps.Keys(p.failed))
	p.failed = nil
	for _, code := range codes {
		p = p.enqueue(code)
	}
	return p
}

// pending reports whether any change of s is not stored yet (queued, on
// its way or failed).
func (p saver) pending(s session) bool {
	if p.inflight != "" || len(p.failed) > 0 {
		return true
	}
	for _, code := range p.queue {
		if s.dirty(code) {
			return true
		}
	}
	return false
}

// busy reports whether anything at all is on its way or waiting.
func (p saver) busy(s session) bool { return p.pending(s) || p.changing > 0 }

// flush starts storing the next changed finding of s, unless a save is
// already on its way: saves of one assessment go one at a time, so each
// is based on the revision the previous one stored. The merged value of a
// conflict is never saved as a finding.
func (p saver) flush(c common, s session) (saver, tea.Cmd) {
	if !s.isOpen() || p.inflight != "" || s.resolve != nil {
		return p, nil
	}
	for len(p.queue) > 0 {
		code := p.queue[0]
		p.queue = p.queue[1:]
		if s.dirty(code) {
			p.inflight = code
			return p, saveFindingCmd(c.store, s.finding(code, c.inspector))
		}
	}
	if code := p.undo; code != "" && !s.dirty(code) && len(p.failed) == 0 {
		p.undo, p.inflight = "", code
		return p, undoCmd(c.store, c.inspector, s.assessment.ID, code, s.saved[code].Revision)
	}
	return p, nil
}

// landed takes in the answer to a save of s's: the stored revision, or
// the failure kept until retried.
func (p saver) landed(msg findingSavedMsg, s session) (saver, session) {
	if p.inflight == msg.itemCode {
		p.inflight = ""
	}
	if msg.err != nil {
		p.failed = maps.Clone(p.failed)
		if p.failed == nil {
			p.failed = map[string]error{}
		}
		p.failed[msg.itemCode] = msg.err
		return p, s
	}
	if msg.saved.Revision != s.saved[msg.itemCode].Revision {
		p.changes = append(slices.Clip(p.changes), msg.itemCode)
	}
	s, moved := s.stored(msg.saved, msg.sent)
	if moved {
		p = p.enqueue(msg.itemCode)
	}
	return p, s
}

// findingSavedMsg reports one finding's save: the stored revision, or the
// error that kept it from being stored.
type findingSavedMsg struct {
	assessmentID string
	itemCode     string
	sent         model.Content
	saved        model.Finding
	err          error
}

func saveFindingCmd(st Store, f model.Finding) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		saved, err := st.SaveFinding(ctx, f)
		return findingSavedMsg{assessmentID: f.AssessmentID, itemCode: f.ItemCode, sent: f.Content(), saved: saved, err: err}
	}
}

// changeKind is a change to an assessment itself.
type changeKind int

const (
	changeSide       changeKind = iota // the biên bản's details: place, hours, the unit's people, remarks
	changeFinalize                     // finalize: the findings become read-only
	changeReopen                       // reopen a finalized assessment, with a reason
	changeConclusion                   // the thông báo kết luận, issued after finalizing
)

func (k changeKind) String() string {
	return [...]string{"side", "finalize", "reopen", "conclusion"}[k]
}

// assessmentChange is a change to an assessment for the pipeline to store.
type assessmentChange struct {
	kind changeKind
	// assessment is the assessment changed (for changeSide, with the new
	// details; for changeConclusion, with the new thông báo; for the
	// others only its ID counts).
	assessment model.Assessment
	reason     string // why it is reopened
}

// assessmentSavedMsg reports a change to an assessment itself.
type assessmentSavedMsg struct {
	kind       changeKind
	assessment model.Assessment
	err        error
}

// change starts storing an assessment change.
func (p saver) change(c common, ch assessmentChange) (saver, tea.Cmd) {
	p.changing++
	st, actor := c.store, c.inspector
	return p, func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		var a model.Assessment
		var err error
		switch ch.kind {
		case changeFinalize:
			a, err = st.Finalize(ctx, actor, ch.assessment.ID)
		case changeReopen:
			a, err = st.Reopen(ctx, actor, ch.assessment.ID, ch.reason)
		case changeConclusion:
			a, err = st.SaveConclusion(ctx, actor, ch.assessment.ID, ch.assessment.Conclusion)
		case changeSide:
			a, err = st.SaveVisit(ctx, actor, ch.assessment)
		}
		return assessmentSavedMsg{kind: ch.kind, assessment: a, err: err}
	}
}

// applyEdit shows an edit and queues its save; the merged value of a
// conflict stays on screen only.
func (a App) applyEdit(e edit) (App, tea.Cmd) {
	if a.screen == screenEditor && a.editor.resolving {
		a.merge = a.merge.with(e.code, e.content)
		return a, nil
	}
	if !a.sess.isOpen() {
		return a, nil
	}
	a.sess = a.sess.with(e.code, e.content)
	a.saves = a.saves.enqueue(e.code)
	var cmd tea.Cmd
	a.saves, cmd = a.saves.flush(a.c, a.sess)
	return a, cmd
}

func (a App) handleFindingSaved(msg findingSavedMsg) (App, tea.Cmd) {
	if !a.sess.holds(msg.assessmentID) {
		return a, nil
	}
	a.saves, a.sess = a.saves.landed(msg, a.sess)
	if msg.err != nil {
		a.status = a.status.fail(a.c.t.T("ui.save.failed", msg.itemCode, a.c.t.Err(msg.err)))
		a.status.untilSaved = true
		a.c.log.Error("save finding", "item", msg.itemCode, "err", msg.err)
		if model.ErrorCode(msg.err) == model.EFinalized {
			// Finalized elsewhere (an import): the screen turns read-only.
			a.sess.assessment.Status = model.StatusFinalized
		}
	} else {
		a.status = a.status.stored(a.c.now())
	}
	var cmd tea.Cmd
	a.saves, cmd = a.saves.flush(a.c, a.sess)
	return a.maybeQuit(cmd)
}

func (a App) handleAssessmentSaved(msg assessmentSavedMsg) (App, tea.Cmd) {
	a.saves.changing = max(0, a.saves.changing-1)
	if msg.err != nil {
		a.status = a.status.fail(a.c.t.T("ui.save.failed_plain", a.c.t.Err(msg.err)))
		a.status.untilSaved = true
		a.c.log.Error("save assessment", "change", msg.kind, "err", msg.err)
	} else {
		a.sess = a.sess.withAssessment(msg.assessment)
		a.status = a.status.stored(a.c.now())
		switch msg.kind {
		case changeFinalize:
			a.status.text = a.c.t.T("ui.summary.finalized_ok")
		case changeReopen:
			a.status.text = a.c.t.T("ui.summary.reopened_ok")
		case changeConclusion, changeSide:
		}
	}
	s := a.summary.saved(msg, a.sess)
	a.summary = &s
	return a.maybeQuit(nil)
}

// quit leaves the program once every change is stored. What the editor or
// the summary's form holds is committed first.
func (a App) quit() (App, tea.Cmd) {
	if a.saves.forceArmed || !a.sess.isOpen() {
		return a, tea.Quit
	}
	if a.saves.quitting {
		return a, nil // already on its way out
	}
	var r result
	switch a.screen {
	case screenEditor:
		var e editorModel
		e, r = a.editor.commit(a.editing())
		a.editor = &e
	case screenSummary:
		var s summaryModel
		s, r = a.summary.commit(a.sess)
		a.summary = &s
	default:
	}
	cmd := a.apply(r, nil)
	a.saves = a.saves.retry()
	var flush tea.Cmd
	a.saves, flush = a.saves.flush(a.c, a.sess)
	if !a.saves.busy(a.sess) {
		a.saves.quitting = true
		return a, tea.Batch(cmd, a.quitCmd())
	}
	a.saves.quitting, a.saves.forceArmed = true, true
	a.status = a.status.say(a.c.t.T("ui.status.saving_before_quit"))
	a.status.untilSaved = true
	return a, tea.Batch(cmd, flush)
}

// maybeQuit finishes a quit that waited for saves, once the last has
// landed; a failed one stops it, and a second ctrl+c quits without it.
func (a App) maybeQuit(cmd tea.Cmd) (App, tea.Cmd) {
	if !a.saves.quitting || cmd != nil {
		return a, cmd
	}
	if a.saves.busy(a.sess) {
		if len(a.saves.failed) > 0 {
			a.saves.quitting = false
			a.status = a.status.fail(a.c.t.T("ui.status.quit_unsaved"))
			a.status.untilSaved = true
		}
		return a, nil
	}
	a.saves.quitting = false
	return a, a.quitCmd()
}
