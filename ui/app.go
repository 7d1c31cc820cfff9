// Package ui is kiemtra's terminal interface (Bubble Tea v1): the screens an
// inspector steps through to fill in a unit's checklist, review it and
// finalize it. Every change goes to the store through a tea.Cmd the moment
// it is made; the screen shows when it was saved, or why it was not.
package ui

import (
	"io"
	"log/slog"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Deps is what the TUI runs with; main builds it.
type Deps struct {
	Store Store
	Lang  i18n.Lang
	Log   *slog.Logger
	Kinds []model.KindInfo
	// Now is the clock ("Đã lưu 14:32:05"); nil means time.Now.
	Now func() time.Time
	// Exporter writes records and summaries to files; nil hides export.
	Exporter Exporter
	// Importer imports bundles and resolves conflicts; nil hides both.
	Importer Importer
	// Abbreviations are the field's (checklists.Abbreviations), which
	// search expands both ways with each checklist's own.
	Abbreviations []model.Abbreviation
	// ExportIn is the Exporter writing into another folder (the one chosen
	// in the export form); nil keeps Exporter's.
	ExportIn func(dir string) Exporter
	// Opener opens a written document or its folder with the system's
	// program; nil offers no opening.
	Opener Opener
}

// Minimum usable terminal size; below it the App says so instead of
// drawing a broken layout.
const (
	minWidth  = 60
	minHeight = 16
)

// screenID is the screen the App shows.
type screenID int

const (
	screenLoading screenID = iota
	screenFirstRun
	screenStart
	screenChecklist
	screenEditor
	screenSummary
	screenConflicts
)

func (s screenID) String() string {
	return [...]string{"loading", "first-run", "start", "checklist", "editor", "summary", "conflicts"}[s]
}

// App is the root model. It routes messages to the screens, carries out
// what they ask for (result), and owns what outlives a screen: the open
// assessment (sess) and its save pipeline (saves), the layout, the help
// and the status line. Everything in it is a value, so a copy of the App
// (Bubble Tea copies it on every Update) never shares state with another.
type App struct {
	c         common // the terminal's size; screens get area()
	screen    screenID
	firstRun  firstRunModel
	start     startModel
	checklist checklistModel
	editor    *editorModel  // never written in place (boxed.go)
	summary   *summaryModel // never written in place (boxed.go)
	search    searchModel
	conflicts conflictsModel
	// sess is the open assessment; merge the merged value of a conflict
	// while the editor holds it.
	sess, merge session
	saves       saver
	help        help.Model
	showHelp    bool
	// searching is true while the "/" overlay is open over the checklist.
	searching bool
	status    statusLine
	fatal     string
	// frame is the screen as drawn last while keys come faster than it
	// can be drawn (frame.go); "" when View draws it afresh.
	frame           string
	framing, behind bool
	// checkStarted is set once the database's integrity check is on its
	// way (integrity.go).
	checkStarted bool
	// drawn remembers lines already fitted to the screen (drawn.go).
	drawn *drawnCache
}

// New builds the App; nothing is read until Init's command runs.
func New(deps Deps) App {
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	log := deps.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	t := i18n.New(deps.Lang)
	drawn := newDrawnCache()
	c := common{st: DefaultStyles(), t: t, now: now, log: log.With("pkg", "ui"), drawn: drawn,
		store: deps.Store, kinds: deps.Kinds, keys: newGlobalKeys(t),
		debounce: debounceDelay, frameEvery: frameInterval, exporter: deps.Exporter, importer: deps.Importer,
		abbrevs: deps.Abbreviations, exportIn: deps.ExportIn, opener: deps.Opener}
	return App{c: c, screen: screenLoading, help: newHelp(c.st), editor: &editorModel{}, summary: &summaryModel{},
		drawn: drawn}
}

// Init reads the settings.
func (a App) Init() tea.Cmd { return loadSettingsCmd(a.c.store) }

// Update implements tea.Model; see step.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return a.update(msg) }

// update is the App after msg, and the command msg asked for.
func (a App) update(msg tea.Msg) (App, tea.Cmd) {
	cmd := a.step(msg)
	return a, cmd
}

// step takes a message in. It changes the App in place (a copy of the App
// is about 20 KB, and a key went through many copies); the App stays a
// value for everyone who holds one.
func (a *App) step(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(frameMsg); ok {
		return a.drawFrame()
	}
	field, typing := a.field()
	cmd := a.route(msg)
	if tick := a.framed(msg, field, typing); tick != nil {
		return tea.Batch(cmd, tick)
	}
	return cmd
}

// route passes a message on: the App's own, then those of the screens
// that asked for them, then the rest to the active screen.
func (a *App) route(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		*a = a.handleResize(msg)
	case tea.KeyMsg:
		cmd = a.handleInput(msg)
	case settingsLoadedMsg:
		*a, cmd = a.handleSettings(msg)
	case inspectorSavedMsg:
		*a, cmd = a.handleInspectorSaved(msg)
	case sessionLoadedMsg:
		*a, cmd = a.handleSessionLoaded(msg)
	case findingSavedMsg:
		*a, cmd = a.handleFindingSaved(msg)
	case undoneMsg:
		*a, cmd = a.handleUndone(msg)
	case resumeLoadedMsg:
		*a, cmd = a.handleResumeLoaded(msg)
	case resumeSavedMsg:
		*a, cmd = a.handleResumeSaved(msg)
	case historyLoadedMsg:
		if a.screen == screenEditor && a.editing().holds(msg.assessmentID) {
			cmd = a.updateScreen(msg)
		}
	case evidenceLoadedMsg:
		// The panel's list is the item's files as stored now: the
		// checklist's count of them follows.
		if msg.err == nil && a.sess.holds(msg.assessmentID) {
			a.sess = a.sess.withFiles(msg.itemCode, len(msg.files))
		}
		if a.screen == screenEditor && a.editing().holds(msg.assessmentID) {
			cmd = a.updateScreen(msg)
		}
	case evidenceDoneMsg:
		if a.screen == screenEditor && a.editing().holds(msg.assessmentID) {
			cmd = a.updateScreen(msg)
		}
	case pickerMsg:
		if a.screen == screenEditor && a.editing().holds(msg.assessmentID) {
			cmd = a.updateScreen(msg)
		}
	case assessmentSavedMsg:
		*a, cmd = a.handleAssessmentSaved(msg)
	case exportedMsg:
		*a, cmd = a.handleExported(msg)
	case exportPrefsSavedMsg:
		*a = a.handleExportPrefsSaved(msg)
	case importedMsg:
		*a, cmd = a.handleImported(msg)
	case resolveLoadedMsg:
		*a, cmd = a.handleResolveLoaded(msg)
	case conflictResolvedMsg:
		*a, cmd = a.handleConflictResolved(msg)
	case followSavedMsg:
		*a, cmd = a.handleFollowSaved(msg)
	case conflictsLoadedMsg:
		var r result
		a.conflicts, cmd, r = a.conflicts.update(msg)
		cmd = a.apply(r, cmd)
	case inspectionsLoadedMsg, unitsLoadedMsg, inspectionCreatedMsg, unitAddedMsg, conflictCountMsg:
		var r result
		a.start, cmd, r = a.start.update(msg)
		cmd = a.apply(r, cmd)
		// The first usable screen is up (the units with their progress,
		// or no inspection to list): now the integrity check.
		if l, ok := msg.(inspectionsLoadedMsg); ok && len(l.inspections) == 0 || isUnitsLoaded(msg) {
			var check tea.Cmd
			*a, check = a.startCheck()
			cmd = tea.Batch(cmd, check)
		}
	case integrityCheckedMsg:
		*a = a.handleIntegrityChecked(msg)
	default:
		// Ticks (debounceMsg) and anything else go to the active screen.
		cmd = a.updateScreen(msg)
	}
	return cmd
}

// handleResize lays every screen out again for the new size, the ones not
// shown too: each keeps its size and its scroll position in step.
func (a App) handleResize(msg tea.WindowSizeMsg) App {
	a.c = a.c.sized(msg.Width, msg.Height)
	a.help.Width = a.c.width
	ar := a.area()
	w, h := ar.width, ar.height
	a.firstRun.setSize(w, h)
	a.start.setSize(w, h)
	a.checklist.setSize(w, h)
	a.editor = a.editor.resized(w, h)
	a.summary = a.summary.resized(w, h)
	a.search.setSize(w, h)
	a.conflicts.setSize(w, h)
	return a
}

// tooSmall reports whether the terminal is below the usable minimum.
func (a *App) tooSmall() bool { return a.c.width < minWidth || a.c.height < minHeight }

// typing reports whether a text field has the keyboard, so that letters
// such as q go to it rather than to commands.
func (a *App) typing() bool {
	if a.searching {
		return true
	}
	switch a.screen {
	case screenFirstRun:
		return a.firstRun.typing()
	case screenStart:
		return a.start.typing()
	case screenChecklist:
		// The export form holds a folder to type.
		return a.checklist.export.open
	case screenEditor:
		return a.editor.typing(a.editing())
	case screenSummary:
		return a.summary.typing()
	default:
		return false
	}
}

// handleKey acts on one key. It and the methods it calls on the way to
// the screen change the App in place: it runs for every key, and copying
// the whole App at each step was most of a key's cost.
func (a *App) handleKey(km tea.KeyMsg) tea.Cmd {
	keys := a.c.keys
	switch {
	case matches(km, keys.ForceQuit):
		return a.do(App.quit)
	case a.fatal != "":
		if matches(km, keys.FatalQuit) {
			return tea.Quit
		}
		return nil
	case a.tooSmall():
		if matches(km, keys.Quit) {
			return a.do(App.quit)
		}
		return nil
	case a.showHelp:
		switch {
		case matches(km, keys.CloseHelp):
			a.showHelp = false
		case matches(km, keys.Quit):
			return a.do(App.quit)
		}
		return nil
	case a.typing() && matches(km, keys.HelpInField):
		a.showHelp = true
		return nil
	}
	if !a.typing() {
		switch {
		case matches(km, keys.Quit):
			return a.do(App.quit)
		case matches(km, keys.Help):
			a.showHelp = true
			return nil
		}
	}
	if a.searching {
		if matches(km, a.search.keys.Close) {
			a.searching = false
			return nil
		}
		var cmd tea.Cmd
		var r result
		a.search, cmd, r = a.search.update(km, a.sess)
		return a.apply(r, cmd)
	}
	if a.screen == screenChecklist && !a.checklist.choosing && !a.checklist.export.open && matches(km, a.checklist.keys.Search) &&
		a.sess.isOpen() {
		var cmd tea.Cmd
		a.search, cmd = newSearchModel(a.area(), a.sess)
		a.searching = true
		return cmd
	}
	return a.updateScreen(km)
}

// do runs a step written on App values (they return the App they made)
// on the App in place.
func (a *App) do(step func(App) (App, tea.Cmd)) tea.Cmd {
	var cmd tea.Cmd
	*a, cmd = step(*a)
	return cmd
}

// updateScreen passes a message to the active screen.
func (a *App) updateScreen(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	var r result
	switch a.screen {
	case screenFirstRun:
		a.firstRun, cmd, r = a.firstRun.update(msg)
	case screenStart:
		a.start, cmd, r = a.start.update(msg)
	case screenChecklist:
		a.checklist, cmd, r = a.checklist.update(msg, a.sess, a.saves)
	case screenEditor:
		var e editorModel
		e, cmd, r = a.editor.update(msg, a.editing())
		a.editor = &e
	case screenSummary:
		var s summaryModel
		s, cmd, r = a.summary.update(msg, a.sess, a.saves.pending(a.sess))
		a.summary = &s
	case screenConflicts:
		a.conflicts, cmd, r = a.conflicts.update(msg)
	default:
	}
	return a.apply(r, cmd)
}

// apply carries out what a screen asked for, in this order: the edit (so
// the next screen shows it), the saves, the status line, the navigation.
func (a *App) apply(r result, cmd tea.Cmd) tea.Cmd {
	cmds := []tea.Cmd{cmd}
	var next tea.Cmd
	if r.edit != nil {
		*a, next = a.applyEdit(*r.edit)
		cmds = append(cmds, next)
	}
	if r.retry {
		a.saves = a.saves.retry()
		a.saves, next = a.saves.flush(a.c, a.sess)
		cmds = append(cmds, next)
	}
	if r.change != nil {
		a.saves, next = a.saves.change(a.c, *r.change)
		cmds = append(cmds, next)
	}
	if r.undo != "" {
		*a, next = a.requestUndo(r.undo)
		cmds = append(cmds, next)
	}
	if r.prefs != nil {
		*a, next = a.rememberExport(*r.prefs)
		cmds = append(cmds, next)
	}
	switch {
	case r.statusErr:
		a.status = a.status.fail(r.status)
	case r.status != "":
		a.status = a.status.say(r.status)
	}
	if r.nav != nil {
		*a, next = a.navigate(*r.nav)
		cmds = append(cmds, next)
	}
	return tea.Batch(cmds...)
}
