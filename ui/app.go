// Package ui is kiemtra's terminal interface (Bubble Tea v1): the screens an
// inspector steps through to fill in a unit's checklist, review it and
// finalize it. Every change goes to the store through a tea.Cmd the moment
// it is made; the screen shows when it was saved, or why it was not.
package ui

import (
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Deps is what the TUI runs with; main builds it.
type Deps struct {
	Store Store
	Lang  i18n.Lang
	Log   *slog.Logger
	Kinds []model.KindInfo
	// Checklists are the built-in checklists, for proposing one from a new
	// unit's kind (they must also be in the store).
	Checklists []*model.Checklist
	// Now is the clock ("Đã lưu 14:32:05"); nil means time.Now.
	Now func() time.Time
	// Exporter writes records and summaries to files; nil hides export.
	Exporter Exporter
	// Importer imports bundles and resolves conflicts; nil hides both.
	Importer Importer
}

// Minimum usable terminal size; below it the App says so instead of
// drawing a broken layout.
const (
	minWidth  = 60
	minHeight = 16
)

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

// App is the root model: it routes messages to the screen models, owns
// the layout, the help and the status line, and the open assessment.
type App struct {
	c        *common
	screen   screenID
	first    firstRunModel
	start    startModel
	list     checklistModel
	editor   editorModel
	summary  summaryModel
	search   searchModel
	confl    conflictsModel
	sess     *session
	help     help.Model
	keys     globalKeys
	showHelp bool
	// searching is true while the "/" overlay is open over the checklist.
	searching bool
	status    status
	// quitting is set when quit was asked while saves were pending: the App
	// quits when the last one lands. forceArmed lets a second ctrl+c quit
	// even when a save failed.
	quitting   bool
	forceArmed bool
	fatal      string
}

// status is the line above the help: the last message and when the last
// change was saved.
type status struct {
	text    string
	isErr   bool
	savedAt time.Time
	// exported is the full path of the file just exported ("Đã xuất: …"),
	// shortened from the middle when the line is too narrow.
	exported string
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
	c := &common{st: DefaultStyles(), t: t, lang: t.Lang, now: now, log: log.With("pkg", "ui"),
		store: deps.Store, kinds: deps.Kinds, checklists: deps.Checklists, keys: newGlobalKeys(t),
		debounce: debounceDelay, exporter: deps.Exporter, importer: deps.Importer}
	h := help.New()
	h.Styles.ShortKey = c.st.Key
	h.Styles.FullKey = c.st.Key
	h.Styles.ShortDesc = c.st.Muted
	h.Styles.FullDesc = c.st.Muted
	h.Styles.ShortSeparator = c.st.Muted
	h.Styles.FullSeparator = c.st.Muted
	h.Styles.Ellipsis = c.st.Muted
	return App{
		c: c, screen: screenLoading, help: h, keys: c.keys,
		first: newFirstRunModel(c), start: newStartModel(c), list: newChecklistModel(c),
		editor: newEditorModel(c), summary: newSummaryModel(c), search: newSearchModel(c),
		confl: newConflictsModel(c),
	}
}

// Init reads the settings.
func (a App) Init() tea.Cmd { return loadSettingsCmd(a.c.store) }

// Update routes a message, then carries out a screen change a screen asked
// for while handling it.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := a.route(msg)
	a = m.(App)
	if k := a.c.started; k != "" {
		// A screen started a long task: say so until it is done.
		a.c.started = ""
		a.status = status{text: a.c.t.T(k), savedAt: a.status.savedAt}
	}
	if n := a.c.nav; n != nil {
		a.c.nav = nil
		m, navCmd := a.handleNav(*n)
		return m, tea.Batch(cmd, navCmd)
	}
	return a, cmd
}

func (a App) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return a.handleResize(msg)
	case tea.KeyMsg:
		return a.handleKey(msg)
	case settingsLoadedMsg:
		return a.handleSettings(msg)
	case inspectorSavedMsg:
		return a.handleInspectorSaved(msg)
	case sessionLoadedMsg:
		return a.handleSessionLoaded(msg)
	case findingSavedMsg:
		return a.handleFindingSaved(msg)
	case assessmentSavedMsg:
		return a.handleAssessmentSaved(msg)
	case debounceMsg:
		if a.screen != screenEditor {
			return a, nil
		}
		var cmd tea.Cmd
		a.editor, cmd = a.editor.update(msg)
		return a, cmd
	case exportedMsg:
		return a.handleExported(msg)
	case importedMsg:
		return a.handleImported(msg)
	case conflictsLoadedMsg:
		var cmd tea.Cmd
		a.confl, cmd = a.confl.update(msg)
		return a, cmd
	case conflictResolvedMsg:
		return a.handleConflictResolved(msg)
	case resolveLoadedMsg:
		return a.handleResolveLoaded(msg)
	case inspectionsLoadedMsg, unitsLoadedMsg, inspectionCreatedMsg, unitAddedMsg, conflictCountMsg:
		var cmd tea.Cmd
		a.start, cmd = a.start.update(msg)
		return a, cmd
	}
	return a.updateScreen(msg)
}

func (a App) handleResize(msg tea.WindowSizeMsg) (tea.Model, tea.Cmd) {
	a.c.width, a.c.height = max(0, msg.Width), max(0, msg.Height)
	a.help.Width = a.c.width
	return a, nil
}

// tooSmall reports whether the terminal is below the usable minimum.
func (a App) tooSmall() bool { return a.c.width < minWidth || a.c.height < minHeight }

// typing reports whether a text field has the keyboard, so that letters
// such as q go to it rather than to commands.
func (a App) typing() bool {
	if a.searching {
		return true
	}
	switch a.screen {
	case screenFirstRun:
		return true
	case screenStart:
		return a.start.form != nil
	case screenEditor:
		return a.editor.typing()
	case screenSummary:
		return a.summary.typing()
	}
	return false
}

func (a App) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, a.keys.ForceQuit) {
		return a.quit()
	}
	if a.fatal != "" {
		if key.Matches(msg, a.keys.Quit, a.keys.Back) {
			return a, tea.Quit
		}
		return a, nil
	}
	if a.tooSmall() {
		if key.Matches(msg, a.keys.Quit) {
			return a.quit()
		}
		return a, nil
	}
	if a.showHelp {
		switch {
		case key.Matches(msg, a.keys.Help, a.keys.Back):
			a.showHelp = false
		case key.Matches(msg, a.keys.Quit):
			return a.quit()
		}
		return a, nil
	}
	if !a.typing() {
		switch {
		case key.Matches(msg, a.keys.Quit):
			return a.quit()
		case key.Matches(msg, a.keys.Help):
			a.showHelp = true
			return a, nil
		}
	}
	if a.searching {
		if key.Matches(msg, a.search.keys.Close) {
			a.searching = false
			return a, nil
		}
		var cmd tea.Cmd
		a.search, cmd = a.search.update(msg)
		return a, cmd
	}
	if a.screen == screenChecklist && key.Matches(msg, a.list.keys.Search) && a.sess != nil {
		a.searching = true
		var cmd tea.Cmd
		a.search, cmd = a.search.open(a.sess)
		return a, cmd
	}
	return a.updateScreen(msg)
}

// updateScreen passes a message to the active screen.
func (a App) updateScreen(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch a.screen {
	case screenFirstRun:
		a.first, cmd = a.first.update(msg)
	case screenStart:
		a.start, cmd = a.start.update(msg)
	case screenChecklist:
		a.list, cmd = a.list.update(msg)
	case screenEditor:
		a.editor, cmd = a.editor.update(msg)
	case screenSummary:
		a.summary, cmd = a.summary.update(msg)
	case screenConflicts:
		a.confl, cmd = a.confl.update(msg)
	}
	return a, cmd
}

// quit leaves the program once every change is stored. Pending edits in
// the editor or the summary form are committed first.
func (a App) quit() (tea.Model, tea.Cmd) {
	if a.forceArmed || a.sess == nil {
		return a, tea.Quit
	}
	var cmds []tea.Cmd
	switch a.screen {
	case screenEditor:
		var cmd tea.Cmd
		a.editor, cmd = a.editor.commit()
		cmds = append(cmds, cmd)
	case screenSummary:
		var cmd tea.Cmd
		a.summary, cmd = a.summary.commit()
		cmds = append(cmds, cmd)
	}
	if a.sess != nil {
		a.sess.requeueFailed()
		cmds = append(cmds, flushCmd(a.c, a.sess))
	}
	if (a.sess == nil || !a.sess.pending()) && !a.summary.saving {
		return a, tea.Quit
	}
	a.quitting = true
	a.forceArmed = true
	a.status = status{text: a.c.t.T("ui.status.saving_before_quit"), savedAt: a.status.savedAt}
	return a, tea.Batch(cmds...)
}

// maybeQuit finishes a quit that waited for saves.
func (a App) maybeQuit(cmd tea.Cmd) (App, tea.Cmd) {
	if !a.quitting || cmd != nil {
		return a, cmd
	}
	if a.sess != nil && a.sess.pending() || a.summary.saving {
		if a.sess != nil && len(a.sess.failed) > 0 {
			// A save failed: stay, show it, and let a second ctrl+c quit.
			a.quitting = false
			a.status.text = a.c.t.T("ui.status.quit_unsaved")
			a.status.isErr = true
		}
		return a, nil
	}
	return a, tea.Quit
}

func (a App) handleSettings(msg settingsLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		a.fatal = a.c.t.T("ui.err.load", a.c.errText(msg.err))
		a.c.log.Error("load settings", "err", msg.err)
		return a, nil
	}
	if strings.TrimSpace(msg.inspector) == "" {
		a.screen = screenFirstRun
		return a, a.first.focus()
	}
	a.c.inspector = msg.inspector
	a.screen = screenStart
	return a, a.start.reload()
}

func (a App) handleInspectorSaved(msg inspectorSavedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		a.first.err = a.c.t.T("ui.save.failed_plain", a.c.errText(msg.err))
		a.c.log.Error("save inspector", "err", msg.err)
		return a, nil
	}
	a.c.inspector = msg.name
	a.screen = screenStart
	a.status = status{text: a.c.t.T("ui.first.welcome", msg.name)}
	return a, loadInspectionsCmd(a.c.store, "")
}

func (a App) handleNav(msg navMsg) (tea.Model, tea.Cmd) {
	a.searching = false
	switch msg.to {
	case screenStart:
		// The session stays until another unit is opened, so saves still
		// in flight land where they belong.
		a.screen = screenStart
		return a, a.start.reload()
	case screenChecklist:
		if msg.unit != "" {
			if a.sess != nil && a.sess.assessment.ID != msg.unit && a.sess.pending() {
				a.status = status{text: a.c.t.T("ui.status.unsaved_block"), isErr: true, savedAt: a.status.savedAt}
				return a, nil
			}
			a.status.text, a.status.isErr = a.c.t.T("ui.status.loading"), false
			return a, loadSessionCmd(a.c.store, msg.unit, msg.u)
		}
		a.screen = screenChecklist
		if msg.index >= 0 {
			a.list.jump(msg.index)
		}
		return a, nil
	case screenEditor:
		if a.sess == nil || msg.index < 0 || msg.index >= len(a.sess.items) {
			return a, nil
		}
		a.screen = screenEditor
		var cmd tea.Cmd
		a.editor, cmd = a.editor.open(a.sess, msg.index, msg.focus)
		return a, cmd
	case screenSummary:
		if a.sess == nil {
			return a, nil
		}
		a.screen = screenSummary
		a.summary = a.summary.open(a.sess)
		return a, nil
	case screenConflicts:
		if a.c.importer == nil {
			return a, nil
		}
		a.screen = screenConflicts
		if msg.keep {
			return a, a.confl.reload()
		}
		var cmd tea.Cmd
		a.confl, cmd = a.confl.open(msg.outcome)
		return a, cmd
	}
	return a, nil
}

// dropStaleSession forgets the open assessment after an import or a
// resolution changed findings under it, unless it holds unsaved changes:
// opening a unit then reads it again instead of saving on old revisions.
func (a *App) dropStaleSession(assessmentID string) {
	if a.sess != nil && (assessmentID == "" || a.sess.assessment.ID == assessmentID) && !a.sess.pending() {
		a.sess = nil
	}
}

func (a App) handleImported(msg importedMsg) (tea.Model, tea.Cmd) {
	a.start.importing = false
	if msg.err != nil {
		a.status = status{text: a.c.t.T("ui.import.failed", a.c.errText(msg.err)), isErr: true, savedAt: a.status.savedAt}
		a.c.log.Error("import", "err", msg.err)
		return a, nil
	}
	for _, f := range msg.outcome.Files {
		a.c.log.Info("import", "file", f.File, "accepted", f.Accepted, "present", f.Present, "conflicts", f.Conflicts, "err", f.Err)
	}
	a.status = status{text: importSummary(a.c, msg.outcome), isErr: msg.outcome.Refused() > 0, savedAt: a.status.savedAt}
	a.dropStaleSession("")
	var cmd tea.Cmd
	a.start, cmd = a.start.imported(msg.outcome)
	if msg.outcome.Conflicts() > 0 && a.screen == screenStart {
		a.start.result = nil
		out := msg.outcome
		return a, tea.Batch(cmd, a.c.navigate(navMsg{to: screenConflicts, outcome: &out}))
	}
	return a, cmd
}

func (a App) handleResolveLoaded(msg resolveLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		a.status = status{text: a.c.t.T("ui.err.load", a.c.errText(msg.err)), isErr: true, savedAt: a.status.savedAt}
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
	s.content[cv.ItemCode] = mergedContent(cv.A.Content(), cv.B.Content())
	s.rescore()
	a.screen = screenEditor
	var cmd tea.Cmd
	a.editor, cmd = a.editor.open(s, i, focusResult)
	return a, cmd
}

func (a App) handleConflictResolved(msg conflictResolvedMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	a.confl, cmd = a.confl.update(msg)
	if msg.err != nil {
		a.status = status{text: a.c.t.T("ui.conflicts.failed", msg.conflict.ItemCode, a.confl.errText(msg.err)), isErr: true, savedAt: a.status.savedAt}
		a.c.log.Error("resolve conflict", "conflict", msg.conflict.ID, "err", msg.err)
		return a, cmd
	}
	a.status = status{text: a.c.t.T("ui.conflicts.resolved", msg.conflict.UnitCode, msg.conflict.ItemCode), savedAt: a.c.now()}
	a.dropStaleSession(msg.conflict.AssessmentID)
	if a.screen == screenEditor && a.editor.s != nil && a.editor.s.resolve != nil {
		a.screen = screenConflicts
	}
	return a, cmd
}

func (a App) handleSessionLoaded(msg sessionLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		a.status = status{text: a.c.t.T("ui.err.load", a.c.errText(msg.err)), isErr: true}
		a.c.log.Error("load assessment", "err", msg.err)
		return a, nil
	}
	a.sess = newSession(msg.assessment, msg.unit, msg.checklist, msg.findings)
	a.list = a.list.open(a.sess)
	a.screen = screenChecklist
	a.status = status{}
	return a, nil
}

func (a App) handleFindingSaved(msg findingSavedMsg) (tea.Model, tea.Cmd) {
	s := a.sess
	if s == nil || s.assessment.ID != msg.assessmentID {
		return a, nil
	}
	if s.inflight == msg.itemCode {
		s.inflight = ""
	}
	if msg.err != nil {
		text := a.c.errText(msg.err)
		s.failed[msg.itemCode] = text
		a.status = status{text: a.c.t.T("ui.save.failed", msg.itemCode, text), isErr: true, savedAt: a.status.savedAt}
		a.c.log.Error("save finding", "item", msg.itemCode, "err", msg.err)
		if errorCode(msg.err) == "finalized" {
			s.assessment.Status = model.StatusFinalized
			a.editor.syncKeys()
			a.list.syncKeys()
		}
	} else {
		s.saved[msg.itemCode] = msg.saved
		// The store normalizes text (NFC); adopt its form when the screen
		// has not moved on, so the item does not look changed forever.
		if s.content[msg.itemCode] == msg.sent {
			s.content[msg.itemCode] = msg.saved.Content()
		} else if !s.queued[msg.itemCode] {
			s.queued[msg.itemCode] = true
			s.queue = append(s.queue, msg.itemCode)
		}
		a.status = status{savedAt: a.c.now()}
		if !a.quitting && !a.status.isErr {
			a.status.text = ""
		}
	}
	a, cmd := a.maybeQuit(flushCmd(a.c, s))
	return a, cmd
}

func (a App) handleAssessmentSaved(msg assessmentSavedMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	a.summary, cmd = a.summary.saved(msg)
	if msg.err != nil {
		a.status = status{text: a.c.t.T("ui.save.failed_plain", a.c.errText(msg.err)), isErr: true, savedAt: a.status.savedAt}
		a.c.log.Error("save assessment", "action", msg.action, "err", msg.err)
	} else {
		if a.sess != nil && a.sess.assessment.ID == msg.assessment.ID {
			a.sess.assessment = msg.assessment
		}
		a.list.syncKeys()
		a.editor.syncKeys()
		a.status = status{savedAt: a.c.now()}
		switch msg.action {
		case "finalize":
			a.status.text = a.c.t.T("ui.summary.finalized_ok")
		case "reopen":
			a.status.text = a.c.t.T("ui.summary.reopened_ok")
		}
	}
	if a.quitting {
		return a.maybeQuit(cmd)
	}
	return a, cmd
}

func (a App) handleExported(msg exportedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		a.status = status{text: a.c.t.T("ui.export.failed", a.c.errText(msg.err)), isErr: true, savedAt: a.status.savedAt}
		a.c.log.Error("export", "err", msg.err)
		return a, nil
	}
	a.c.log.Info("export", "path", msg.path)
	a.status = status{exported: msg.path, savedAt: a.status.savedAt}
	return a, nil
}

// View draws the screen.
func (a App) View() string {
	w, h := a.c.width, a.c.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if a.tooSmall() {
		return strings.Join(a.tooSmallView(), "\n")
	}
	bodyH := h - 3
	var body []string
	switch {
	case a.fatal != "":
		body = wrap(a.fatal, w)
	case a.showHelp:
		body = a.helpView(w, bodyH)
	case a.searching:
		body = a.search.view(w, bodyH)
	default:
		body = a.screenView(w, bodyH)
	}
	lines := make([]string, 0, h)
	lines = append(lines, a.headerView(w))
	for _, l := range padLines(body, w, bodyH) {
		lines = append(lines, fit(l, w))
	}
	lines = append(lines, a.statusView(w), fit(a.help.View(a), w))
	return strings.Join(lines, "\n")
}

func (a App) screenView(w, h int) []string {
	switch a.screen {
	case screenLoading:
		return []string{a.c.st.Muted.Render(a.c.t.T("ui.status.loading"))}
	case screenFirstRun:
		return a.first.view(w, h)
	case screenStart:
		return a.start.view(w, h)
	case screenChecklist:
		return a.list.view(w, h)
	case screenEditor:
		return a.editor.view(w, h)
	case screenSummary:
		return a.summary.view(w, h)
	case screenConflicts:
		return a.confl.view(w, h)
	}
	return nil
}

func (a App) tooSmallView() []string {
	w, h := a.c.width, a.c.height
	msg := a.c.t.T("ui.too_small", minWidth, minHeight, w, h)
	text := wrap(msg, w)
	lines := make([]string, h)
	top := max(0, (h-len(text))/2)
	for i := range lines {
		s := ""
		if j := i - top; j >= 0 && j < len(text) {
			s = text[j]
			if pad := (w - ansi.StringWidth(s)) / 2; pad > 0 {
				s = strings.Repeat(" ", pad) + s
			}
		}
		lines[i] = fit(s, w)
	}
	return lines
}

func (a App) headerView(w int) string {
	st := a.c.st
	left := st.Header.Render("kiemtra")
	crumb := ""
	switch a.screen {
	case screenFirstRun:
		crumb = a.c.t.T("ui.first.title")
	case screenStart:
		crumb = a.c.t.T("ui.start.title")
	case screenChecklist, screenEditor, screenSummary:
		if s := a.shown(); s != nil {
			crumb = s.unit.Name
			if a.screen == screenEditor {
				crumb += " › " + s.items[a.editor.index].Code
			}
			if a.screen == screenSummary {
				crumb += " › " + a.c.t.T("ui.summary.title")
			}
		}
	case screenConflicts:
		crumb = a.c.t.T("ui.conflicts.crumb")
	}
	if crumb != "" {
		left += st.HeaderDim.Render(" › ") + crumb
	}
	right := ""
	if a.c.inspector != "" {
		right = st.Muted.Render(a.c.inspector)
	}
	if s := a.shown(); s != nil && a.screen != screenStart && a.screen != screenConflicts {
		right = a.c.statusName(s.assessment.Status) + "  " + right
	}
	rw := ansi.StringWidth(right)
	if rw+2 >= w/2 {
		return fit(left, w)
	}
	return fit(left, w-rw) + right
}

// shown is the session on screen: the open assessment, or the merged
// value of a conflict in the editor.
func (a App) shown() *session {
	if a.screen == screenEditor && a.editor.s != nil {
		return a.editor.s
	}
	return a.sess
}

func (a App) statusView(w int) string {
	st := a.c.st
	right := ""
	if a.sess != nil && a.sess.pending() && len(a.sess.failed) == 0 {
		right = st.Muted.Render(a.c.t.T("ui.status.saving"))
	} else if !a.status.savedAt.IsZero() {
		right = st.Saved.Render(a.c.t.T("ui.status.saved_at", a.status.savedAt.Format("15:04:05")))
	}
	left := a.status.text
	if a.status.isErr {
		left = st.Error.Render("✗ " + left)
	}
	rw := ansi.StringWidth(right)
	if p := a.status.exported; p != "" {
		label := a.c.t.T("ui.export.done", "")
		left = st.Saved.Render(label + shortenPath(p, w-rw-ansi.StringWidth(label)-1))
	}
	if rw >= w {
		return fit(right, w)
	}
	return fit(left, w-rw) + right
}

// helpView is the "?" overlay: every key of the current screen.
func (a App) helpView(w, h int) []string {
	lines := []string{a.c.rule(a.c.t.T("ui.help.title"), w), ""}
	full := a.help
	full.ShowAll = true
	full.Width = w
	lines = append(lines, strings.Split(full.FullHelpView(a.FullHelp()), "\n")...)
	lines = append(lines, "", a.c.st.Muted.Render(a.c.t.T("ui.help.close")))
	return clipLines(lines, h)
}

// ShortHelp implements help.KeyMap: the active screen's keys, then the
// global ones.
func (a App) ShortHelp() []key.Binding {
	var b []key.Binding
	switch {
	case a.showHelp:
		return []key.Binding{a.keys.Help, a.keys.Quit}
	case a.fatal != "":
		return []key.Binding{a.keys.Quit}
	case a.searching:
		return append(a.search.keys.ShortHelp(), a.keys.ForceQuit)
	}
	switch a.screen {
	case screenFirstRun:
		return []key.Binding{a.first.keys.Submit, a.keys.ForceQuit}
	case screenStart:
		b = a.start.ShortHelp()
	case screenChecklist:
		b = a.list.keys.ShortHelp()
	case screenEditor:
		b = a.editor.ShortHelp()
	case screenSummary:
		b = a.summary.ShortHelp()
	case screenConflicts:
		b = append(a.confl.ShortHelp(), a.keys.Back)
	}
	if a.typing() {
		return append(b, a.keys.ForceQuit)
	}
	return append(b, a.keys.Help, a.keys.Quit)
}

// FullHelp implements help.KeyMap.
func (a App) FullHelp() [][]key.Binding {
	var g [][]key.Binding
	switch a.screen {
	case screenFirstRun:
		g = [][]key.Binding{{a.first.keys.Submit}}
	case screenStart:
		g = a.start.FullHelp()
	case screenChecklist:
		g = a.list.keys.FullHelp()
	case screenEditor:
		g = a.editor.keys.FullHelp()
	case screenSummary:
		g = a.summary.FullHelp()
	case screenConflicts:
		g = a.confl.FullHelp()
	}
	return append(g, []key.Binding{a.keys.Back, a.keys.Help, a.keys.Quit, a.keys.ForceQuit})
}
