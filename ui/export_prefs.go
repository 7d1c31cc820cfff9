package ui

import (
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// Where exports go, and what the app opens after one, are chosen in the
// export form and remembered in the settings: the next export (also
// after a restart) proposes the same. Opening goes through Opener, which
// main wires to the system's program: ui does no I/O of its own.

// Opener shows a file or a folder with the system's own program
// (xdg-open, open, start). Errors carry a model code (ENoOpener).
type Opener interface {
	Open(path string) error
}

// The settings keys of the export preferences.
const (
	settingExportDir  = "export_dir"
	settingExportOpen = "export_open"
)

// exportOpen is what the app opens once a document is written.
type exportOpen int

const (
	openNothing exportOpen = iota
	openFile               // the document, with the program the system gives it
	openFolder             // the folder holding it
)

// String is the setting's value.
func (o exportOpen) String() string { return [...]string{"", "file", "folder"}[o] }

func parseExportOpen(s string) exportOpen {
	switch s {
	case "file":
		return openFile
	case "folder":
		return openFolder
	default:
		return openNothing
	}
}

// exportPrefs are the export form's remembered choices: the folder (""
// is the exporter's own) and what to open after.
type exportPrefs struct {
	dir  string
	open exportOpen
}

// exportPrefsSavedMsg reports that the preferences were remembered, or
// why not.
type exportPrefsSavedMsg struct{ err error }

func saveExportPrefsCmd(st Store, p exportPrefs) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		if err := st.SetSetting(ctx, settingExportDir, p.dir); err != nil {
			return exportPrefsSavedMsg{err: err}
		}
		return exportPrefsSavedMsg{err: st.SetSetting(ctx, settingExportOpen, p.open.String())}
	}
}

// setExportPrefs makes p what every screen's export form proposes.
func (a App) setExportPrefs(p exportPrefs) App {
	a.c.prefs = p
	a.start.c.prefs = p
	a.checklist.c.prefs = p
	if a.summary != nil {
		s := *a.summary
		s.c.prefs = p
		a.summary = &s
	}
	return a
}

// rememberExport takes the preferences an export was made with: they
// become the proposal, and are stored when they changed.
func (a App) rememberExport(p exportPrefs) (App, tea.Cmd) {
	if p == a.c.prefs || a.c.store == nil {
		return a, nil
	}
	return a.setExportPrefs(p), saveExportPrefsCmd(a.c.store, p)
}

func (a App) handleExportPrefsSaved(msg exportPrefsSavedMsg) App {
	if msg.err != nil {
		// The export itself went through; only the choice is not kept.
		a.c.log.Warn("remember the export folder", "err", msg.err)
		a.status = a.status.fail(a.c.t.T("ui.export.prefs_not_kept", a.c.t.Err(msg.err)))
	}
	return a
}

// exporterIn is the exporter writing into dir ("" its own folder).
func (c common) exporterIn(dir string) Exporter {
	if dir == "" || c.exportIn == nil {
		return c.exporter
	}
	return c.exportIn(dir)
}

// openTarget is what to open once path is written.
func openTarget(path string, o exportOpen) string {
	switch o {
	case openFile:
		return path
	case openFolder:
		return filepath.Dir(path)
	default:
		return ""
	}
}

// cleanDir is a folder as typed: spaces around it dropped.
func cleanDir(s string) string { return strings.TrimSpace(s) }
