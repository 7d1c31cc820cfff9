package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// The settings read at start (the inspector's name, the language, where the
// inspector stopped) and the first screen they lead to.

// settingsLoadedMsg carries the settings read at start-up: the
// inspector's name, where they stopped, and the export form's choices.
type settingsLoadedMsg struct {
	inspector string
	resume    string
	export    exportPrefs
	err       error
}

func loadSettingsCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		name, err := st.Setting(ctx, settingInspector)
		if err != nil {
			return settingsLoadedMsg{err: err}
		}
		var open string
		msg := settingsLoadedMsg{inspector: name}
		for _, s := range []struct {
			key string
			to  *string
		}{{settingResume, &msg.resume}, {settingExportDir, &msg.export.dir}, {settingExportOpen, &open}} {
			if *s.to, err = st.Setting(ctx, s.key); err != nil {
				return settingsLoadedMsg{err: err}
			}
		}
		msg.export.open = parseExportOpen(open)
		return msg
	}
}

func (a App) handleSettings(msg settingsLoadedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		a.fatal = a.c.t.T("ui.err.load", a.c.t.Err(msg.err))
		a.c.log.Error("load settings", "err", msg.err)
		return a, nil
	}
	a = a.setExportPrefs(msg.export)
	if strings.TrimSpace(msg.inspector) == "" {
		var cmd, check tea.Cmd
		a.firstRun, cmd = newFirstRunModel(a.area())
		a.screen = screenFirstRun
		a, check = a.startCheck()
		return a, tea.Batch(cmd, check)
	}
	a = a.enterStart(msg.inspector)
	if p, ok := parseResume(msg.resume); ok {
		return a, tea.Batch(a.start.reload(), a.resumeCmd(p))
	}
	return a, a.start.reload()
}

func (a App) handleInspectorSaved(msg inspectorSavedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		var cmd tea.Cmd
		a.firstRun, cmd, _ = a.firstRun.update(msg)
		return a, cmd
	}
	a = a.enterStart(msg.name)
	a.status = statusLine{text: a.c.t.T("ui.first.welcome", msg.name)}
	return a, loadInspectionsCmd(a.c.store, "")
}

// enterStart records who is working and shows the start screen; the
// screens made from now on record changes under that name.
func (a App) enterStart(inspector string) App {
	a.c.inspector = inspector
	a.start = newStartModel(a.area())
	a.conflicts = newConflictsModel(a.area())
	a.screen = screenStart
	return a
}
