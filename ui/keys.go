package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
)

// A binding's help key names every key it has ("↑/k" for up and k,
// "enter/e" for enter and e), so what the help shows is what acts: a test
// reads each label back into keys and compares them with the binding's.
// A screen's keymap enables a binding only where it acts; a disabled one
// is a key of the screen that cannot act now, and pressing it says why.

// bind makes a binding whose help text comes from the catalogue.
func bind(t i18n.Catalog, helpKey, helpText string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, t.T(helpText)))
}

// globalKeys work on every screen (q only outside text fields).
type globalKeys struct {
	Quit      key.Binding
	ForceQuit key.Binding
	// Help opens the list of every key; in a text field, where ? is a
	// letter, F1 does.
	Help        key.Binding
	HelpInField key.Binding
	// CloseHelp closes it again.
	CloseHelp key.Binding
	// Back is esc on the screens that go back with it.
	Back key.Binding
	// FatalQuit leaves after an error the app cannot go on from.
	FatalQuit key.Binding
}

func newGlobalKeys(t i18n.Catalog) globalKeys {
	return globalKeys{
		Quit:        bind(t, "q", "ui.key.quit", "q"),
		ForceQuit:   bind(t, "ctrl+c", "ui.key.quit", "ctrl+c"),
		Help:        bind(t, "?", "ui.key.help", "?"),
		HelpInField: bind(t, "F1", "ui.key.help", "f1"),
		CloseHelp:   bind(t, "?/esc/F1", "ui.key.close", "?", "esc", "f1"),
		Back:        bind(t, "esc", "ui.key.back", "esc"),
		FatalQuit:   bind(t, "q/esc", "ui.key.quit", "q", "esc"),
	}
}

// formKeys drive the small forms (first launch, new inspection, new unit,
// export, import).
type formKeys struct {
	Next   key.Binding
	Prev   key.Binding
	Submit key.Binding
	// Choose changes the choice of a field of choices (← back, → on).
	Choose key.Binding
	Cancel key.Binding
}

func newFormKeys(t i18n.Catalog) formKeys {
	return formKeys{
		Next:   bind(t, "tab/↓", "ui.key.next_field", "tab", "down"),
		Prev:   bind(t, "shift+tab/↑", "ui.key.prev_field", "shift+tab", "up"),
		Submit: bind(t, "enter", "ui.key.submit", "enter"),
		Choose: bind(t, "←/→", "ui.key.choose", "left", "right"),
		Cancel: bind(t, "esc", "ui.key.cancel", "esc"),
	}
}

// startKeys are the inspection and unit lists.
type startKeys struct {
	Up, Down, Switch, Open, NewInspection, AddUnit, Reload key.Binding
	Export, Import, Conflicts                              key.Binding
	EditInspection, Report                                 key.Binding
	// EditUnit corrects the selected unit's name and kind; it shares e
	// with EditInspection, which acts on the inspections pane.
	EditUnit key.Binding
	// RemoveInspection and RemoveUnit share d the same way.
	RemoveInspection, RemoveUnit key.Binding
}

func newStartKeys(t i18n.Catalog) startKeys {
	return startKeys{
		Up:            bind(t, "↑/k", "ui.key.up", "up", "k"),
		Down:          bind(t, "↓/j", "ui.key.down", "down", "j"),
		Switch:        bind(t, "tab", "ui.key.switch_pane", "tab"),
		Open:          bind(t, "enter", "ui.key.open", "enter"),
		NewInspection: bind(t, "n", "ui.key.new_inspection", "n"),
		AddUnit:       bind(t, "a", "ui.key.add_unit", "a"),
		Reload:        bind(t, "r", "ui.key.reload", "r"),
		Export:        bind(t, "x", "ui.key.export", "x"),
		Import:        bind(t, "i", "ui.key.import", "i"),
		Conflicts:     bind(t, "C/c", "ui.key.conflicts", "C", "c"),
		// The inspection's details (letterhead, team) and its báo cáo.
		EditInspection:   bind(t, "e", "ui.key.edit_inspection", "e"),
		Report:           bind(t, "b", "ui.key.report", "b"),
		EditUnit:         bind(t, "e", "ui.key.edit_unit", "e"),
		RemoveInspection: bind(t, "d", "ui.key.remove_inspection", "d"),
		RemoveUnit:       bind(t, "d", "ui.key.remove_unit", "d"),
	}
}

// importResultKeys close the import result on the start screen.
type importResultKeys struct {
	Conflicts, Close key.Binding
}

func newImportResultKeys(t i18n.Catalog) importResultKeys {
	return importResultKeys{
		Conflicts: bind(t, "enter/C", "ui.key.see_conflicts", "enter", "C"),
		Close:     bind(t, "esc", "ui.key.close", "esc"),
	}
}

// conflictKeys drive the conflicts screen.
type conflictKeys struct {
	Up, Down, TakeA, TakeB, Edit, Reload key.Binding
}

func newConflictKeys(t i18n.Catalog) conflictKeys {
	return conflictKeys{
		Up:     bind(t, "↑/k", "ui.key.up", "up", "k"),
		Down:   bind(t, "↓/j", "ui.key.down", "down", "j"),
		TakeA:  bind(t, "1", "ui.key.take_a", "1"),
		TakeB:  bind(t, "2", "ui.key.take_b", "2"),
		Edit:   bind(t, "e/enter", "ui.key.merge", "e", "enter"),
		Reload: bind(t, "r", "ui.key.reload", "r"),
	}
}

// searchKeys drive the search overlay.
type searchKeys struct {
	Up, Down, Jump, Close key.Binding
}

func newSearchKeys(t i18n.Catalog) searchKeys {
	return searchKeys{
		Up:    bind(t, "↑/ctrl+p", "ui.key.up", "up", "ctrl+p"),
		Down:  bind(t, "↓/ctrl+n", "ui.key.down", "down", "ctrl+n"),
		Jump:  bind(t, "enter", "ui.key.jump", "enter"),
		Close: bind(t, "esc", "ui.key.close", "esc"),
	}
}

// confirmKeys answer a yes-or-no question (finalize, delete, resolve).
type confirmKeys struct {
	Yes, No key.Binding
}

func newConfirmKeys(t i18n.Catalog) confirmKeys {
	return confirmKeys{
		Yes: bind(t, "y/enter", "ui.key.confirm", "y", "enter"),
		No:  bind(t, "n/esc", "ui.key.cancel", "n", "esc"),
	}
}

// enabled is the bindings of bs that are enabled.
func enabled(bs ...key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

// disabledMatch reports whether km is a key of one of bs that is
// disabled: a key of the screen that cannot act now (the screen says why).
func disabledMatch(km tea.KeyMsg, bs ...key.Binding) bool {
	for _, b := range bs {
		if b.Enabled() {
			continue
		}
		b.SetEnabled(true)
		if matches(km, b) {
			return true
		}
	}
	return false
}
