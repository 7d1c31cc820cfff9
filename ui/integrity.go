package ui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The store leaves the integrity check of a cleanly closed database (a
// read of the whole file) until the first screen is up; the App runs it
// once, in the background, and shows its result: a word on the status
// line, or, for a damaged file, a screen that only lets the person quit.

// integrityCheckedMsg carries the result of the check.
type integrityCheckedMsg struct{ err error }

func checkIntegrityCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		// No time limit: a large file on a slow disk takes what it takes,
		// and the app works meanwhile.
		return integrityCheckedMsg{err: st.CheckIntegrity(context.Background())}
	}
}

// startCheck returns the check's command the first time it is asked.
func (a App) startCheck() (App, tea.Cmd) {
	if a.checkStarted || a.c.store == nil {
		return a, nil
	}
	a.checkStarted = true
	return a, checkIntegrityCmd(a.c.store)
}

func (a App) handleIntegrityChecked(msg integrityCheckedMsg) App {
	if errors.Is(msg.err, context.Canceled) {
		return a // the database is closing: the app is quitting
	}
	if msg.err != nil {
		a.c.log.Error("integrity check", "err", msg.err)
		if model.ErrorCode(msg.err) == model.ECorrupt {
			path := ""
			if p := model.ErrorParams(msg.err); len(p) > 0 {
				path = p[0]
			}
			a.fatal = a.c.t.T("ui.err.damaged", path)
			return a
		}
		// The check itself could not run (the file could not be read
		// again): say so, and let the person carry on.
		a.status = a.status.fail(a.c.t.T("ui.err.load", a.c.t.Err(msg.err)))
		return a
	}
	if a.status.text == "" {
		a.status = a.status.say(a.c.t.T("ui.status.checked"))
	}
	return a
}

func isUnitsLoaded(msg tea.Msg) bool {
	_, ok := msg.(unitsLoadedMsg)
	return ok
}
