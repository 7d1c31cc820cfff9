package ui

import tea "github.com/charmbracelet/bubbletea"

// typeInto is the one place where keys reach a text field: every screen
// passes the keys meant for its focused field through here (the first-run
// name, form inputs, the editor's fields, the summary's fields, the search
// box). It reports whether the text changed, for debounced saving. The
// command is always nil; it is there so a field could ask for one.
func typeInto(f field, km tea.KeyMsg) (field, tea.Cmd, bool) {
	f, changed := f.update(km)
	return f, nil, changed
}

// newTextInput makes a one-line input with a steady cursor (no blink
// ticks: less idle CPU and stable golden files).
func newTextInput(c common) field {
	return field{st: c.st, width: 1, height: 1, goal: -1}
}

// newTextArea makes a multi-row input without a size limit: notes can be
// long.
func newTextArea(c common) field {
	return field{st: c.st, multi: true, Prompt: "│ ", width: 1, height: 1, goal: -1}
}
