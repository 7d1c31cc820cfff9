package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// importTimeout bounds one import: a folder of bundles from a whole
// province takes a while, but a stuck USB stick must not hang forever.
const importTimeout = 30 * time.Minute

// importedMsg reports an import: what happened to each file, or why
// nothing could be imported.
type importedMsg struct {
	outcome model.ImportOutcome
	err     error
}

func importCmd(im Importer, path string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), importTimeout)
		defer cancel()
		out, err := im.ImportPath(ctx, path)
		return importedMsg{outcome: out, err: err}
	}
}

// conflictsLoadedMsg carries the open conflicts.
type conflictsLoadedMsg struct {
	list []model.ConflictView
	err  error
}

func loadConflictsCmd(im Importer) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		list, err := im.ConflictViews(ctx)
		return conflictsLoadedMsg{list: list, err: err}
	}
}

// conflictCountMsg carries how many conflicts wait, for the start screen.
type conflictCountMsg struct {
	n   int
	err error
}

func countConflictsCmd(im Importer) tea.Cmd {
	if im == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		list, err := im.ConflictViews(ctx)
		return conflictCountMsg{n: len(list), err: err}
	}
}

// conflictResolvedMsg reports a conflict settled with one value.
type conflictResolvedMsg struct {
	conflict model.ConflictView
	finding  model.Finding
	err      error
}

func resolveConflictCmd(im Importer, actor string, cv model.ConflictView, chosen model.Content) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		f, err := im.ResolveConflict(ctx, actor, cv.ID, chosen)
		return conflictResolvedMsg{conflict: cv, finding: f, err: err}
	}
}

// resolveLoadedMsg carries what the editor needs to edit the merged value
// of a conflict.
type resolveLoadedMsg struct {
	sessionLoadedMsg
	conflict model.ConflictView
}

func loadResolveCmd(st Store, cv model.ConflictView) tea.Cmd {
	load := loadSessionCmd(st, cv.AssessmentID, model.Unit{Code: cv.UnitCode, Name: cv.UnitName})
	return func() tea.Msg {
		return resolveLoadedMsg{sessionLoadedMsg: load().(sessionLoadedMsg), conflict: cv}
	}
}

// cleanPath undoes what a terminal adds when a file is dragged into it or
// a path is pasted: surrounding quotes and backslash-escaped spaces.
func cleanPath(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		return s[1 : len(s)-1]
	}
	if filepath.Separator == '/' {
		s = strings.ReplaceAll(s, `\ `, " ")
	}
	return s
}

// openImportForm asks for the bundle file or folder to import.
func (m startModel) openImportForm() (startModel, tea.Cmd) {
	t := m.c.t
	if m.importing {
		m.err = t.T("ui.import.busy")
		return m, nil
	}
	f := newForm(m.c, t.T("ui.import.title"))
	f.addInput(t.T("ui.import.path"), "", t.T("ui.import.path_hint"))
	f.note = t.T("ui.import.note")
	f.hint = t.T("ui.import.hint")
	m.err = ""
	m.form, m.formKind = f, "import"
	return m, f.focusCmd()
}

func (m startModel) submitImport() (startModel, tea.Cmd) {
	path := cleanPath(m.form.value(0))
	if path == "" {
		m.form.err = m.c.t.T("ui.import.need_path")
		return m, nil
	}
	m.form, m.importing = nil, true
	m.c.started = "ui.import.running"
	return m, importCmd(m.c.importer, path)
}

// imported shows an import's outcome; the App opens the conflicts screen
// instead when the import left conflicts.
func (m startModel) imported(out model.ImportOutcome) (startModel, tea.Cmd) {
	m.result = &out
	m.resultKeys.Conflicts.SetEnabled(out.Conflicts() > 0)
	return m, m.reload()
}

func (m startModel) updateResult(km tea.KeyMsg) (startModel, tea.Cmd) {
	switch {
	case key.Matches(km, m.resultKeys.Conflicts):
		m.result = nil
		return m, m.c.navigate(navMsg{to: screenConflicts})
	case key.Matches(km, m.resultKeys.Close):
		m.result = nil
	}
	return m, nil
}

// importSummary is the status line after an import.
func importSummary(c *common, out model.ImportOutcome) string {
	acc, pres := 0, 0
	for _, f := range out.Files {
		acc += f.Accepted
		pres += f.Present
	}
	s := c.t.T("ui.import.done", len(out.Files)-out.Refused(), len(out.Files), acc, pres, out.Conflicts())
	if n := out.Refused(); n > 0 {
		s += " " + c.t.T("ui.import.done_refused", n)
	}
	return s
}

// importLines describes an import, one line per file, then the gaps.
func importLines(c *common, out model.ImportOutcome, w int) []string {
	st, t := c.st, c.t
	var lines []string
	for _, f := range out.Files {
		name := filepath.Base(f.File)
		switch {
		case f.Err != nil:
			problem := t.T("sync.err.file", filepath.Base(f.File), t.Err(f.Err))
			lines = append(lines, indentWrap("  ", st.Error.Render("✗ ")+t.T("ui.import.file_refused", problem), w)...)
		case f.Replay:
			lines = append(lines, fit("  "+st.Muted.Render("= ")+t.T("ui.import.file_replay", name, f.From), w))
		default:
			mark := st.Saved.Render("✓ ")
			if f.Conflicts > 0 {
				mark = st.Warn.Render("⚠ ")
			}
			lines = append(lines, fit("  "+mark+t.T("ui.import.file_ok", name, f.From, f.Accepted, f.Present, f.Conflicts), w))
		}
		for _, warn := range f.Warnings {
			lines = append(lines, indentWrap("    ", st.Warn.Render(t.T("ui.import.warning", t.Err(warn))), w)...)
		}
	}
	for _, g := range out.Gaps {
		nums := make([]string, len(g.Missing))
		for i, n := range g.Missing {
			nums[i] = fmt.Sprint(n)
		}
		lines = append(lines, indentWrap("  ", st.Warn.Render("⚠ ")+t.T("ui.import.gap", g.From, strings.Join(nums, ", ")), w)...)
	}
	if out.Backup != "" {
		lines = append(lines, indentWrap("  ", st.Muted.Render(t.T("ui.import.backup", out.Backup)), w)...)
	}
	return lines
}

// resultView is the import's outcome on the start screen.
func (m *startModel) resultView(w, h int) []string {
	st, t := m.c.st, m.c.t
	out := *m.result
	lines := []string{m.c.rule(t.T("ui.import.result_title"), w), ""}
	lines = append(lines, wrap(importSummary(m.c, out), w)...)
	lines = append(lines, "")
	lines = append(lines, importLines(m.c, out, w)...)
	lines = append(lines, "")
	if out.Conflicts() > 0 {
		lines = append(lines, st.Key.Render(t.T("ui.import.result_keys_conflicts")))
	} else {
		lines = append(lines, st.Muted.Render(t.T("ui.import.result_keys")))
	}
	return clipLines(lines, h)
}
