package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Keys do not reach the App one at a time. The terminal is read in
// chunks, and Bubble Tea turns each run of letters in a chunk into one
// KeyRunes message: an input method committing a word, a paste without
// brackets and fast typing under load all arrive as words. And a key
// pressed right after Esc arrives with Esc as one alt+key message. This
// file is where such messages become the keys they stand for, and the one
// place a key is compared with a binding.

// matches reports whether km is a key of one of the enabled bindings.
// bubbles' key.Matches compares km.String() with the bindings' names, and
// the String() of a run of letters is the letters: typed in one read,
// "tab", "esc" or "ctrl+c" would act. Here letters match only a binding
// to that one letter; named keys (tab, esc, ctrl+c…) match only when that
// key was pressed.
func matches(km tea.KeyMsg, bindings ...key.Binding) bool {
	if km.Type != tea.KeyRunes {
		return key.Matches(km, bindings...)
	}
	if km.Alt || km.Paste || len(km.Runes) != 1 {
		return false
	}
	r := string(km.Runes)
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		for _, k := range b.Keys() {
			if k == r {
				return true
			}
		}
	}
	return false
}

// keysOf is the keys a message from the terminal stands for, in order.
// The app binds no alt keys, and a terminal sends Esc followed quickly by
// a key (Esc then j, Esc then ↓) exactly as it sends alt with that key:
// so an alt key is Esc, then the key. In a text field alt+letter is
// almost never meant, and an Esc that is lost leaves the inspector typing
// a stray letter into the note they meant to close.
func keysOf(km tea.KeyMsg) []tea.KeyMsg {
	if !km.Alt {
		return []tea.KeyMsg{km}
	}
	k := km
	k.Alt = false
	return []tea.KeyMsg{{Type: tea.KeyEsc}, k}
}

// handleInput takes a key message from the terminal. In a text field a
// run of letters is text, whatever it spells. Outside one, letters that
// arrived together act one after the other, as if pressed one by one; as
// soon as one of them opens a text field ("3" opens the note), the rest
// are typed into it. A bracketed paste outside a text field is not a
// string of commands: it is ignored, as it always was.
func (a *App) handleInput(km tea.KeyMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range keysOf(km) {
		for k.Type == tea.KeyRunes && !k.Paste && len(k.Runes) > 1 && !a.typing() {
			cmds = append(cmds, a.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: k.Runes[:1]}))
			k.Runes = k.Runes[1:]
		}
		cmds = append(cmds, a.handleKey(k))
	}
	return tea.Batch(cmds...)
}
