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

// importStep is where the start screen's import stands.
type importStep int

const (
	importIdle    importStep = iota // nothing asked, nothing running
	importAsking                    // the form asks for a file or folder
	importRunning                   // an import runs: one at a time
	importShowing                   // an import's outcome, shown until closed
)

func (s importStep) String() string {
	return [...]string{"idle", "asking", "running", "showing"}[s]
}

// importForm asks for the bundle file or folder to import, runs the
// import and shows what it did to each file.
type importForm struct {
	c       common
	step    importStep
	form    form
	outcome *model.ImportOutcome // the outcome shown; never written
	keys    importResultKeys
}

func newImportForm(c common) importForm {
	return importForm{c: c, keys: newImportResultKeys(c.t)}
}

func (m *importForm) setSize(w, h int) {
	m.c = m.c.sized(w, h)
	m.form.setSize(w, h)
}

// takesKeys reports whether the form or the outcome has the keyboard.
func (m importForm) takesKeys() bool { return m.step == importAsking || m.step == importShowing }

// typing reports whether the path field has the keyboard.
func (m importForm) typing() bool { return m.step == importAsking }

// ask opens the form; busy is set when an import is still running.
func (m importForm) ask() (next importForm, cmd tea.Cmd, busy bool) {
	if m.step == importRunning {
		return m, nil, true
	}
	t := m.c.t
	f := newForm(m.c, t.T("ui.import.title"))
	f = f.withInput(t.T("ui.import.path"), "", t.T("ui.import.path_hint"))
	f.note = t.T("ui.import.note")
	f.hint = t.T("ui.import.hint")
	m.form, cmd = f.focused()
	m.step, m.outcome = importAsking, nil
	return m, cmd, false
}

func (m importForm) update(km tea.KeyMsg) (importForm, tea.Cmd, result) {
	switch m.step {
	case importAsking:
		f, cmd, res := m.form.update(km)
		m.form = f
		switch res {
		case formCancel:
			m.step = importIdle
		case formSubmit:
			path := cleanPath(m.form.value(0))
			if path == "" {
				m.form.err = m.c.t.T("ui.import.need_path")
				return m, nil, result{}
			}
			m.step = importRunning
			return m, importCmd(m.c.importer, path), say(m.c.t.T("ui.import.running"))
		default:
		}
		return m, cmd, result{}
	case importShowing:
		switch {
		case matches(km, m.keys.Conflicts):
			m.step, m.outcome = importIdle, nil
			return m, nil, goTo(navigation{to: screenConflicts})
		case matches(km, m.keys.Close):
			m.step, m.outcome = importIdle, nil
		}
	default:
	}
	return m, nil, result{}
}

// done takes in an import's end: its outcome is shown until closed, and
// the status line sums it up or says why nothing was imported.
func (m importForm) done(msg importedMsg) (importForm, result) {
	if msg.err != nil {
		m.step = importIdle
		m.c.log.Error("import", "err", msg.err)
		return m, result{status: m.c.t.T("ui.import.failed", m.c.t.Err(msg.err)), statusErr: true}
	}
	for _, f := range msg.outcome.Files {
		m.c.log.Info("import", "file", f.File, "accepted", f.Accepted, "present", f.Present, "conflicts", f.Conflicts, "err", f.Err)
	}
	out := msg.outcome
	m.step, m.outcome = importShowing, &out
	m.keys.Conflicts.SetEnabled(out.Conflicts() > 0)
	return m, result{status: importSummary(m.c, out), statusErr: out.Refused() > 0}
}

// closed is the form with the outcome no longer shown (the conflicts
// screen shows it instead).
func (m importForm) closed() importForm {
	if m.step == importShowing {
		m.step, m.outcome = importIdle, nil
	}
	return m
}

// view is the form, or the outcome of the last import.
func (m importForm) view() []string {
	if m.step == importAsking {
		return m.form.view()
	}
	st, t, w := m.c.st, m.c.t, m.c.width
	if m.outcome == nil {
		return nil
	}
	out := *m.outcome
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
	return clipLines(lines, m.c.height)
}

// ShortHelp implements help.KeyMap.
func (m importForm) ShortHelp() []key.Binding {
	if m.step == importAsking {
		return m.form.ShortHelp()
	}
	return []key.Binding{m.keys.Conflicts, m.keys.Close}
}

// FullHelp implements help.KeyMap.
func (m importForm) FullHelp() [][]key.Binding {
	if m.step == importAsking {
		return m.form.FullHelp()
	}
	return [][]key.Binding{{m.keys.Conflicts, m.keys.Close}}
}

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

// importSummary is the status line after an import.
func importSummary(c common, out model.ImportOutcome) string {
	acc, pres := 0, 0
	for _, f := range out.Files {
		acc += f.Accepted
		pres += f.Present
	}
	s := c.t.TN("ui.import.done", len(out.Files), len(out.Files)-out.Refused(), len(out.Files), acc, pres, out.Conflicts())
	if n := out.Refused(); n > 0 {
		s += " " + c.t.TN("ui.import.done_refused", n)
	}
	return s
}

// importLines describes an import, one line per file, then the gaps.
func importLines(c common, out model.ImportOutcome, w int) []string {
	st, t := c.st, c.t
	var lines []string
	for _, f := range out.Files {
		name := filepath.Base(f.File)
		switch {
		case f.Err != nil:
			lines = append(lines, indentWrap("  ", st.Error.Render("✗ ")+t.T("ui.import.file_refused", name, t.Err(f.Err)), w)...)
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
