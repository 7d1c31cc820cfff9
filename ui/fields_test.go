package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
)

// TestTypeIntoKeepsCursorAndCopies: a key typed into a copy of a field
// lands where the cursor is and leaves the original's text alone, for a
// one-line input and a text area with several lines.
func TestTypeIntoKeepsCursorAndCopies(t *testing.T) {
	t.Parallel()
	c := New(Deps{Lang: i18n.VI}).c
	x := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("X")}
	left := tea.KeyMsg{Type: tea.KeyLeft}

	ti := newTextInput(c)
	ti.Focus()
	ti.SetValue("abcdef")
	for range 3 {
		ti, _, _ = typeInto(ti, left)
	}
	typed, _, changed := typeInto(ti, x)
	if got := typed.Value(); got != "abcXdef" || !changed {
		t.Fatalf("input: %q (changed %v), want abcXdef", got, changed)
	}
	if ti.Value() != "abcdef" {
		t.Fatalf("the original input became %q", ti.Value())
	}

	ta := newTextArea(c)
	ta.SetWidth(40)
	ta.SetHeight(5)
	ta.Focus()
	ta.SetValue("một hai\nba bốn năm\nsáu")
	ta, _, _ = typeInto(ta, tea.KeyMsg{Type: tea.KeyUp}) // column 3 of the row above
	area, _, _ := typeInto(ta, x)
	if got, want := area.Value(), "một hai\nba Xbốn năm\nsáu"; got != want {
		t.Fatalf("text area: %q, want %q", got, want)
	}
	if ta.Value() != "một hai\nba bốn năm\nsáu" {
		t.Fatalf("the original text area became %q", ta.Value())
	}
}
