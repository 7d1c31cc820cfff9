package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Bubble Tea draws the screen (View) after every message, and a paste
// without brackets, or a fast input method, brings a message per word and
// per space: drawing the editor for each took far longer than taking the
// key in. So while keys typed into a text field come faster than frames,
// the screen is drawn at most once per frameInterval: the first key of a
// burst is drawn at once, the next ones at the following frame. Every
// other message draws the screen afresh.

// frameInterval is how often the screen is drawn during a burst of keys:
// more often than a person reads, far less often than a paste brings keys.
const frameInterval = 50 * time.Millisecond

// frameMsg is the next frame of a burst.
type frameMsg struct{}

func frameCmd(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return frameMsg{} })
}

// fieldID says which text field has the keyboard, if one has.
type fieldID struct {
	screen    screenID
	searching bool
	editor    editorField
	form      startForm
	formField int
	imports   importStep
	summary   summaryMode
	// details are the fields focused in the start screen's and the
	// summary's details forms.
	details, startDetails int
}

func (a *App) field() (fieldID, bool) {
	if !a.typing() {
		return fieldID{}, false
	}
	return fieldID{screen: a.screen, searching: a.searching, editor: a.editor.focus, form: a.start.formKind,
		formField: a.start.form.focus, imports: a.start.imports.step, summary: a.summary.mode, details: a.summary.details.focus,
		startDetails: a.start.details.focus}, true
}

// framed decides, after msg, whether the screen is drawn afresh or stays
// as drawn while a burst of typing goes on; before is the field that had
// the keyboard before msg. It returns the command for the next frame, if
// one is needed.
func (a *App) framed(msg tea.Msg, before fieldID, typing bool) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	after, still := a.field()
	if !ok || a.c.frameEvery <= 0 || !textKey(km) || !typing || !still || after != before {
		a.frame, a.behind = "", false
		return nil
	}
	if a.frame == "" {
		a.frame = a.render() // the burst's first key shows at once
	} else {
		a.behind = true
	}
	if a.framing {
		return nil
	}
	a.framing = true
	return frameCmd(a.c.frameEvery)
}

// textKey reports whether k is typing: text, a line break, or deleting.
func textKey(k tea.KeyMsg) bool {
	switch k.Type {
	case tea.KeyRunes, tea.KeySpace, tea.KeyEnter, tea.KeyCtrlJ, tea.KeyBackspace, tea.KeyCtrlH, tea.KeyDelete:
		return !k.Alt
	default:
		return false
	}
}

// drawFrame draws the keys that came since the last frame, and asks for
// the next; when none came, the burst is over and View draws afresh.
func (a *App) drawFrame() tea.Cmd {
	a.framing = false
	if !a.behind {
		a.frame = ""
		return nil
	}
	a.frame, a.behind = a.render(), false
	a.framing = true
	return frameCmd(a.c.frameEvery)
}
