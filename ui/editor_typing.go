package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Typing into the editor's fields, and the pause after which it is saved.

// typeKey gives a key to the focused text field; a change starts the
// pause after which it is saved.
func (m editorModel) typeKey(km tea.KeyMsg) (editorModel, tea.Cmd) {
	var cmd tea.Cmd
	changed := false
	switch m.focus {
	case focusScore:
		m.score, cmd, changed = typeInto(m.score, km)
	case focusDeadline:
		m.deadline, cmd, changed = typeInto(m.deadline, km)
	case focusNote:
		m.note, cmd, changed = typeInto(m.note, km)
	case focusEvidence:
		m.evidence, cmd, changed = typeInto(m.evidence, km)
	case focusRecommendation:
		m.rec, cmd, changed = typeInto(m.rec, km)
	default:
	}
	if changed {
		m.seq++
		m, tick := m.debounce()
		return m, tea.Batch(cmd, tick)
	}
	return m, cmd
}

// debounce asks for the tick after which what was typed is saved, unless
// one is on its way: a tick per key piled up a timer and a goroutine for
// every key of a long paste.
func (m editorModel) debounce() (editorModel, tea.Cmd) {
	if m.ticking || m.seq == m.committed {
		return m, nil
	}
	cmd := debounceCmd(m.c.debounce, m.seq)
	m.ticking = cmd != nil
	return m, cmd
}

// maxDebounceTicks is how many ticks typing may outrun before what is
// typed is committed anyway.
const maxDebounceTicks = 4

// debounceMsg fires a while after typing in an editor field; seq tells
// whether typing has paused since (the latest change is the one the tick
// was asked for) or went on.
type debounceMsg struct{ seq int }

// debounceDelay is how long typing must pause before a note is saved (the
// save comes between one and two delays after the last key).
const debounceDelay = 800 * time.Millisecond

func debounceCmd(d time.Duration, seq int) tea.Cmd {
	if d <= 0 {
		return nil
	}
	return tea.Tick(d, func(time.Time) tea.Msg { return debounceMsg{seq: seq} })
}
