package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// Moving between screens: the App carries out the navigation a screen
// asked for, and takes in what opening a unit or a merged value read.

// area is the common context for a screen: the App's, sized to the room
// between the header and the status and help lines.
func (a *App) area() common {
	return a.c.sized(a.c.width, a.c.height-chromeLines)
}

func (a App) navigate(n navigation) (App, tea.Cmd) {
	a.searching = false
	switch n.to {
	case screenStart:
		// The session stays until another unit is opened, so saves still
		// on their way land where they belong.
		remember := a.rememberCmd()
		a.screen = screenStart
		return a, tea.Batch(a.start.reload(), remember)
	case screenChecklist:
		if n.assessmentID != "" {
			return a.openUnit(n)
		}
		a.screen = screenChecklist
		if n.index >= 0 {
			a.checklist = a.checklist.jump(n.index)
		}
		return a, nil
	case screenEditor:
		if !a.sess.isOpen() || n.index < 0 || n.index >= len(a.sess.items) {
			return a, nil
		}
		a.screen = screenEditor
		var cmd tea.Cmd
		var e editorModel
		e, cmd = newEditorModel(a.area(), a.sess, n.index, n.focus)
		a.editor = &e
		return a, cmd
	case screenSummary:
		if !a.sess.isOpen() {
			return a, nil
		}
		a.screen = screenSummary
		s := newSummaryModel(a.area(), a.sess)
		a.summary = &s
		return a, nil
	case screenConflicts:
		if a.c.importer == nil {
			return a, nil
		}
		a.screen, a.merge = screenConflicts, session{}
		if n.resume {
			return a, a.conflicts.reload()
		}
		var cmd tea.Cmd
		a.conflicts, cmd = a.conflicts.open(n.outcome)
		return a, cmd
	default:
		return a, nil
	}
}

// openUnit reads an assessment to show its checklist. Another unit with
// changes not yet stored stays open until they are; the same unit is
// shown as it is, with its changes.
func (a App) openUnit(n navigation) (App, tea.Cmd) {
	if a.sess.isOpen() && a.saves.pending(a.sess) {
		if a.sess.holds(n.assessmentID) {
			a.screen = screenChecklist
			return a, nil
		}
		a.status = a.status.fail(a.c.t.T("ui.status.unsaved_block"))
		return a, nil
	}
	a.status.text, a.status.isErr = a.c.t.T("ui.status.loading"), false
	return a, loadSessionCmd(a.c.store, n.assessmentID, n.unit)
}

func (a App) handleSessionLoaded(msg sessionLoadedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		a.status = statusLine{text: a.c.t.T("ui.err.load", a.c.t.Err(msg.err)), isErr: true}
		a.c.log.Error("load assessment", "err", msg.err)
		return a, nil
	}
	a.sess = newSession(msg.assessment, msg.unit, msg.checklist, msg.findings)
	a.sess.follow = msg.follow
	a.sess.files = msg.files
	a.saves = a.saves.forSession()
	a.checklist = newChecklistModel(a.area(), a.sess)
	a.screen = screenChecklist
	a.status = statusLine{}
	return a, a.rememberCmd()
}

// dropStaleSession forgets the open assessment after an import or a
// resolution changed findings under it, unless it holds changes not yet
// stored: opening a unit then reads it again instead of saving on old
// revisions.
func (a App) dropStaleSession(assessmentID string) App {
	if a.sess.isOpen() && (assessmentID == "" || a.sess.holds(assessmentID)) && !a.saves.pending(a.sess) {
		a.sess = session{}
	}
	return a
}

func (a App) handleImported(msg importedMsg) (App, tea.Cmd) {
	var cmd tea.Cmd
	var r result
	a.start, cmd, r = a.start.update(msg)
	if msg.err == nil {
		a = a.dropStaleSession("")
		if msg.outcome.Conflicts() > 0 && a.screen == screenStart {
			// The conflicts screen shows the outcome above them.
			a.start.imports = a.start.imports.closed()
			out := msg.outcome
			r.nav = &navigation{to: screenConflicts, outcome: &out}
		}
	}
	cmd = a.apply(r, cmd)
	return a, cmd
}

func (a App) handleResolveLoaded(msg resolveLoadedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		a.status = a.status.fail(a.c.t.T("ui.err.load", a.c.t.Err(msg.err)))
		a.c.log.Error("load conflict", "conflict", msg.conflict.ID, "err", msg.err)
		return a, nil
	}
	cv := msg.conflict
	s := newSession(msg.assessment, msg.unit, msg.checklist, msg.findings)
	i, ok := s.index[cv.ItemCode]
	if !ok || a.screen != screenConflicts {
		return a, nil
	}
	s.resolve = &cv
	a.merge = s.with(cv.ItemCode, mergedContent(cv.A.Content(), cv.B.Content()))
	a.screen = screenEditor
	var cmd tea.Cmd
	var e editorModel
	e, cmd = newEditorModel(a.area(), a.merge, i, focusResult)
	a.editor = &e
	return a, cmd
}

func (a App) handleConflictResolved(msg conflictResolvedMsg) (App, tea.Cmd) {
	var cmd tea.Cmd
	a.conflicts, cmd, _ = a.conflicts.update(msg)
	if msg.err != nil {
		a.status = a.status.fail(a.conflicts.failure(msg))
		a.c.log.Error("resolve conflict", "conflict", msg.conflict.ID, "err", msg.err)
		return a, cmd
	}
	a.status = statusLine{text: a.c.t.T("ui.conflicts.resolved", msg.conflict.UnitCode, msg.conflict.ItemCode), savedAt: a.c.now()}
	a = a.dropStaleSession(msg.conflict.AssessmentID)
	if a.screen == screenEditor && a.editor.resolving {
		a.screen, a.merge = screenConflicts, session{}
	}
	return a, cmd
}

// editing is the session the editor shows: the merged value of a
// conflict, or the open assessment.
func (a *App) editing() session {
	if a.editor.resolving {
		return a.merge
	}
	return a.sess
}

// shown is the session on screen, for the header.
func (a *App) shown() session {
	if a.screen == screenEditor {
		return a.editing()
	}
	return a.sess
}

// sessionLoadedMsg carries everything the checklist screen needs for one
// assessment.
type sessionLoadedMsg struct {
	assessment model.Assessment
	unit       model.Unit
	checklist  *model.Checklist
	findings   []model.Finding
	follow     *followData
	files      map[string]int
	err        error
}

func loadSessionCmd(st Store, assessmentID string, unit model.Unit) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		msg := sessionLoadedMsg{unit: unit}
		a, err := st.Assessment(ctx, assessmentID)
		if err != nil {
			msg.err = err
			return msg
		}
		if unit.ID == "" && unit.Code == "" {
			// Reopened at start-up: the unit as it was at the visit.
			units, err := st.Units(ctx)
			if err != nil {
				msg.err = err
				return msg
			}
			for _, u := range units {
				if u.ID == a.UnitID {
					msg.unit = a.UnitAsVisited(u)
				}
			}
		}
		cl, err := st.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
		if err != nil {
			msg.err = err
			return msg
		}
		fs, err := st.Findings(ctx, assessmentID)
		msg.assessment, msg.checklist, msg.findings, msg.err = a, cl, fs, err
		if err == nil {
			msg.follow, msg.err = loadFollow(ctx, st, assessmentID)
		}
		if msg.err == nil {
			msg.files, msg.err = st.EvidenceCounts(ctx, assessmentID)
		}
		return msg
	}
}
