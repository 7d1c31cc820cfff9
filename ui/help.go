package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// The keys that act, as the footer and the "?" overlay show them. Each
// screen gives its bindings for its current state, enabled where they act
// and disabled where they cannot act now (the help leaves those out and
// pressing one says why); the App adds the keys that work everywhere. A
// test derives each screen's help from this and presses every key.

// FullHelp implements help.KeyMap: every key that acts now, the screen's
// groups then the global ones.
func (a App) FullHelp() [][]key.Binding {
	g := a.c.keys
	switch {
	case a.fatal != "":
		return [][]key.Binding{{g.FatalQuit, g.ForceQuit}}
	case a.showHelp:
		return [][]key.Binding{{g.CloseHelp, g.Quit, g.ForceQuit}}
	}
	groups := a.screenFull()
	if a.typing() {
		return append(groups, []key.Binding{g.HelpInField, g.ForceQuit})
	}
	return append(groups, []key.Binding{g.Help, g.Quit, g.ForceQuit})
}

// ShortHelp implements help.KeyMap: the footer's keys.
func (a App) ShortHelp() []key.Binding { return append(a.screenShort(), a.tail()...) }

// tail is what the footer always shows at its right end, whatever the
// width: the help key (F1 in a text field, where ? is a letter) and quit.
func (a App) tail() []key.Binding {
	g := a.c.keys
	switch {
	case a.fatal != "":
		return []key.Binding{g.FatalQuit}
	case a.showHelp:
		return []key.Binding{g.CloseHelp, g.Quit}
	case a.typing():
		return []key.Binding{g.HelpInField, g.ForceQuit}
	}
	return []key.Binding{g.Help, g.Quit}
}

// screenShort is the active screen's keys for the footer, most used first.
func (a App) screenShort() []key.Binding {
	switch {
	case a.fatal != "", a.showHelp:
		return nil
	case a.searching:
		return a.search.ShortHelp()
	}
	switch a.screen {
	case screenFirstRun:
		return []key.Binding{a.firstRun.keys.Submit}
	case screenStart:
		return a.start.ShortHelp()
	case screenChecklist:
		return a.checklist.ShortHelp(a.sess, a.saves)
	case screenEditor:
		return a.editor.ShortHelp(a.editing())
	case screenSummary:
		return a.summary.ShortHelp(a.sess)
	case screenConflicts:
		return a.conflicts.ShortHelp()
	default:
		return nil
	}
}

// screenFull is every key of the active screen in its state, in groups.
func (a App) screenFull() [][]key.Binding {
	if a.searching {
		return a.search.FullHelp()
	}
	switch a.screen {
	case screenFirstRun:
		return [][]key.Binding{{a.firstRun.keys.Submit}}
	case screenStart:
		return a.start.FullHelp()
	case screenChecklist:
		return a.checklist.FullHelp(a.sess, a.saves)
	case screenEditor:
		return a.editor.FullHelp(a.editing())
	case screenSummary:
		return a.summary.FullHelp(a.sess)
	case screenConflicts:
		return a.conflicts.FullHelp()
	default:
		return nil
	}
}

// footerView is the last line: the screen's keys that fit, then the tail,
// which is always shown.
func (a App) footerView(w int) string {
	tail := a.renderKeys(enabled(a.tail()...), w)
	tw := ansi.StringWidth(tail)
	if tw+2 > w {
		return fit(tail, w)
	}
	left := a.renderKeys(enabled(a.screenShort()...), w-tw-2)
	return fit(left, w-tw) + tail
}

// renderKeys draws bindings as "key desc • key desc", as many as fit in
// w cells; "…" says some did not.
func (a App) renderKeys(bs []key.Binding, w int) string {
	st := a.c.st
	sep := st.Muted.Render(" • ")
	var b strings.Builder
	used := 0
	for i, k := range bs {
		item := st.Key.Render(k.Help().Key) + " " + st.Muted.Render(k.Help().Desc)
		iw := ansi.StringWidth(item)
		if i > 0 {
			iw += 3
		}
		if used+iw > w {
			if used+2 <= w && i > 0 {
				b.WriteString(st.Muted.Render(" …"))
			}
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item)
		used += iw
	}
	return b.String()
}

// helpView is the "?" overlay: every key of the current screen.
func (a App) helpView(w, h int) []string {
	lines := []string{a.c.rule(a.c.t.T("ui.help.title"), w), ""}
	full := a.help
	full.ShowAll = true
	full.Width = w
	under := a
	under.showHelp = false
	lines = append(lines, strings.Split(full.FullHelpView(under.FullHelp()), "\n")...)
	lines = append(lines, "", a.c.st.Muted.Render(a.c.t.T("ui.help.close")))
	return clipLines(lines, h)
}
