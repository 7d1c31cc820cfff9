package ui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The app reopens where the inspector stopped: the unit and the item. The
// place is a setting, written when a unit opens, when the inspector goes
// back to the list of units and when the app quits; a finding saved after
// it was written (the app was killed) is a later place, and wins.

// settingResume is the settings key of where the inspector stopped:
// "assessment ID<TAB>item code<TAB>time (RFC 3339)".
const settingResume = "resume"

// resumePoint is where the inspector stopped.
type resumePoint struct {
	assessmentID, item string
	at                 time.Time
}

func parseResume(v string) (resumePoint, bool) {
	parts := strings.Split(v, "\t")
	if len(parts) != 3 || parts[0] == "" {
		return resumePoint{}, false
	}
	at, err := time.Parse(time.RFC3339Nano, parts[2])
	if err != nil {
		return resumePoint{}, false
	}
	return resumePoint{assessmentID: parts[0], item: parts[1], at: at}, true
}

func (p resumePoint) String() string {
	return p.assessmentID + "\t" + p.item + "\t" + p.at.UTC().Format(time.RFC3339Nano)
}

// here is where the inspector is now, if a unit is open.
func (a App) here() (resumePoint, bool) {
	if !a.sess.isOpen() || len(a.sess.items) == 0 {
		return resumePoint{}, false
	}
	i := a.checklist.cursor
	if a.screen == screenEditor && !a.editor.resolving {
		i = a.editor.index
	}
	return resumePoint{assessmentID: a.sess.assessment.ID, item: a.sess.items[i].Code, at: a.c.now()}, true
}

// resumeSavedMsg reports the place written; quit says the app quits now.
type resumeSavedMsg struct {
	quit bool
	err  error
}

func saveResumeCmd(st Store, p resumePoint, quit bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		return resumeSavedMsg{quit: quit, err: st.SetSetting(ctx, settingResume, p.String())}
	}
}

// rememberCmd writes where the inspector is, if a unit is open.
func (a App) rememberCmd() tea.Cmd {
	p, ok := a.here()
	if !ok {
		return nil
	}
	return saveResumeCmd(a.c.store, p, false)
}

// quitCmd quits, once the place is written when a unit is open.
func (a App) quitCmd() tea.Cmd {
	p, ok := a.here()
	if !ok {
		return tea.Quit
	}
	return saveResumeCmd(a.c.store, p, true)
}

func (a App) handleResumeSaved(msg resumeSavedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		// Not worth stopping for: the next start opens the list instead.
		a.c.log.Warn("remember where the inspector stopped", "err", msg.err)
	}
	if msg.quit {
		return a, tea.Quit
	}
	return a, nil
}

// resumeCmd reopens the unit where the inspector stopped.
func (a App) resumeCmd(p resumePoint) tea.Cmd {
	load := loadSessionCmd(a.c.store, p.assessmentID, model.Unit{})
	return func() tea.Msg {
		msg, _ := load().(sessionLoadedMsg)
		return resumeLoadedMsg{sessionLoadedMsg: msg, at: p}
	}
}

// resumeLoadedMsg carries the unit where the inspector stopped.
type resumeLoadedMsg struct {
	sessionLoadedMsg
	at resumePoint
}

// handleResumeLoaded opens the unit on the item where the inspector
// stopped, or on the finding they saved last if that came after. A unit
// that is gone (deleted, or the database replaced) leaves the list shown.
func (a App) handleResumeLoaded(msg resumeLoadedMsg) (App, tea.Cmd) {
	busy := a.start.formKind != noForm || a.start.export.open || a.start.imports.takesKeys()
	if msg.err != nil || a.screen != screenStart || a.sess.isOpen() || busy {
		if msg.err != nil {
			a.c.log.Info("not reopening the last unit", "err", msg.err)
		}
		return a, nil
	}
	a, _ = a.handleSessionLoaded(msg.sessionLoadedMsg)
	code, last := msg.at.item, msg.at.at
	for _, f := range msg.findings {
		if f.UpdatedBy == a.c.inspector && f.UpdatedAt.After(last) {
			code, last = f.ItemCode, f.UpdatedAt
		}
	}
	if i, ok := a.sess.index[code]; ok {
		a.checklist = a.checklist.jump(i)
		a.checklist.scroll(a.sess)
	}
	a.status = a.status.say(a.c.t.T("ui.resume.done", a.sess.unit.Name, code))
	return a, a.rememberCmd()
}
