package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"kiemtra/i18n"
)

// bind makes a binding whose help text comes from the catalogue.
func bind(t i18n.Catalog, helpKey, helpText string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, t.T(helpText)))
}

// globalKeys work on every screen (q only outside text fields).
type globalKeys struct {
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding
	Back      key.Binding
}

func newGlobalKeys(t i18n.Catalog) globalKeys {
	return globalKeys{
		Quit:      bind(t, "q", "ui.key.quit", "q"),
		ForceQuit: bind(t, "ctrl+c", "ui.key.quit", "ctrl+c"),
		Help:      bind(t, "?", "ui.key.help", "?"),
		Back:      bind(t, "esc", "ui.key.back", "esc"),
	}
}

// formKeys drive the small forms (first launch, new inspection, new unit).
type formKeys struct {
	Next   key.Binding
	Prev   key.Binding
	Submit key.Binding
	Left   key.Binding
	Right  key.Binding
	Cancel key.Binding
}

func newFormKeys(t i18n.Catalog) formKeys {
	return formKeys{
		Next:   bind(t, "tab", "ui.key.next_field", "tab", "down"),
		Prev:   bind(t, "shift+tab", "ui.key.prev_field", "shift+tab", "up"),
		Submit: bind(t, "enter", "ui.key.submit", "enter"),
		Left:   bind(t, "←/→", "ui.key.choose", "left"),
		Right:  key.NewBinding(key.WithKeys("right")),
		Cancel: bind(t, "esc", "ui.key.cancel", "esc"),
	}
}

func (k formKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Left, k.Submit, k.Cancel}
}

func (k formKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Left}, {k.Submit, k.Cancel}}
}

// startKeys are the inspection and unit lists.
type startKeys struct {
	Up, Down, Switch, Open, NewInspection, AddUnit, Reload key.Binding
	Export, Import, Conflicts                              key.Binding
	EditInspection, Report                                 key.Binding
}

func newStartKeys(t i18n.Catalog) startKeys {
	return startKeys{
		Up:            bind(t, "↑/k", "ui.key.up", "up", "k"),
		Down:          bind(t, "↓/j", "ui.key.down", "down", "j"),
		Switch:        bind(t, "tab", "ui.key.switch_pane", "tab", "shift+tab"),
		Open:          bind(t, "enter", "ui.key.open", "enter"),
		NewInspection: bind(t, "n", "ui.key.new_inspection", "n"),
		AddUnit:       bind(t, "a", "ui.key.add_unit", "a"),
		Reload:        bind(t, "r", "ui.key.reload", "r"),
		Export:        bind(t, "x", "ui.key.export", "x"),
		Import:        bind(t, "i", "ui.key.import", "i"),
		Conflicts:     bind(t, "C", "ui.key.conflicts", "C", "c"),
		// The inspection's details (letterhead, team) and its báo cáo.
		EditInspection: bind(t, "e", "ui.key.edit_inspection", "e"),
		Report:         bind(t, "b", "ui.key.report", "b"),
	}
}

func (k startKeys) ShortHelp() []key.Binding {
	// The arrows go without saying; ? and q must stay visible at 120 columns.
	return []key.Binding{k.Open, k.Switch, k.NewInspection, k.AddUnit, k.Export, k.Import}
}

func (k startKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Switch, k.Open}, {k.NewInspection, k.EditInspection, k.AddUnit, k.Reload},
		{k.Report, k.Export, k.Import, k.Conflicts}}
}

// importResultKeys close the import result on the start screen.
type importResultKeys struct {
	Conflicts, Close key.Binding
}

func newImportResultKeys(t i18n.Catalog) importResultKeys {
	return importResultKeys{
		Conflicts: bind(t, "enter", "ui.key.see_conflicts", "enter", "C"),
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
		Edit:   bind(t, "e", "ui.key.merge", "e", "enter"),
		Reload: bind(t, "r", "ui.key.reload", "r"),
	}
}

func (k conflictKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.TakeA, k.TakeB, k.Edit}
}

func (k conflictKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Reload}, {k.TakeA, k.TakeB, k.Edit}}
}

// resultKeys set an item's result with one key.
type resultKeys struct {
	Pass, Partial, Fail, NA, Clear key.Binding
}

func newResultKeys(t i18n.Catalog) resultKeys {
	return resultKeys{
		Pass:    bind(t, "1", "ui.key.pass", "1"),
		Partial: bind(t, "2", "ui.key.partial", "2"),
		Fail:    bind(t, "3", "ui.key.fail", "3"),
		NA:      bind(t, "4", "ui.key.na", "4"),
		Clear:   bind(t, "0", "ui.key.clear", "0"),
	}
}

func (k *resultKeys) setEnabled(on bool) {
	k.Pass.SetEnabled(on)
	k.Partial.SetEnabled(on)
	k.Fail.SetEnabled(on)
	k.NA.SetEnabled(on)
	k.Clear.SetEnabled(on)
}

// forItem disables the results item it cannot take, so the help offers
// only what acts: đạt một phần on an item scored đạt/chưa đạt only (or a
// deduction item that one case empties), không áp dụng on an item whose
// rule does not allow it.
func (k *resultKeys) forItem(it flatItem) {
	if !partialAllowed(it.Item) {
		k.Partial.SetEnabled(false)
	}
	if !it.AllowsNA() {
		k.NA.SetEnabled(false)
	}
}

func (k resultKeys) list() []key.Binding {
	return []key.Binding{k.Pass, k.Partial, k.Fail, k.NA, k.Clear}
}

// checklistKeys move through a unit's checklist.
type checklistKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	PrevField, NextField, NextUnanswered    key.Binding
	Edit, Search, Summary, Retry            key.Binding
	Results                                 resultKeys
}

func newChecklistKeys(t i18n.Catalog) checklistKeys {
	return checklistKeys{
		Up:             bind(t, "↑/k", "ui.key.up", "up", "k"),
		Down:           bind(t, "↓/j", "ui.key.down", "down", "j"),
		PageUp:         bind(t, "pgup", "ui.key.page_up", "pgup"),
		PageDown:       bind(t, "pgdn", "ui.key.page_down", "pgdown"),
		Top:            bind(t, "home/g", "ui.key.top", "home", "g"),
		Bottom:         bind(t, "end/G", "ui.key.bottom", "end", "G"),
		PrevField:      bind(t, "←/h", "ui.key.prev_area", "left", "h", "shift+tab"),
		NextField:      bind(t, "→/l", "ui.key.next_area", "right", "l", "tab"),
		NextUnanswered: bind(t, "n", "ui.key.next_unanswered", "n"),
		Edit:           bind(t, "enter", "ui.key.edit", "enter", "e"),
		Search:         bind(t, "/", "ui.key.search", "/"),
		Summary:        bind(t, "s", "ui.key.summary", "s"),
		Retry:          bind(t, "ctrl+s", "ui.key.retry", "ctrl+s"),
		Results:        newResultKeys(t),
	}
}

func (k checklistKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.NextField, k.Edit, k.Results.Pass, k.Results.Fail, k.NextUnanswered, k.Search, k.Summary}
}

func (k checklistKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.PrevField, k.NextField, k.NextUnanswered, k.Search},
		append(k.Results.list(), k.Edit, k.Summary, k.Retry),
	}
}

// editorKeys drive the finding editor.
type editorKeys struct {
	NextField, PrevField, Save, NextItem, PrevItem, Back key.Binding
	Results                                              resultKeys
	// Resolve and CancelResolve replace Save and Back while the editor
	// holds the merged value of a conflict.
	Resolve, CancelResolve key.Binding
}

func newEditorKeys(t i18n.Catalog) editorKeys {
	return editorKeys{
		NextField: bind(t, "tab", "ui.key.next_field", "tab"),
		PrevField: bind(t, "shift+tab", "ui.key.prev_field", "shift+tab"),
		Save:      bind(t, "ctrl+s", "ui.key.save", "ctrl+s"),
		NextItem:  bind(t, "pgdn", "ui.key.next_item", "pgdown"),
		PrevItem:  bind(t, "pgup", "ui.key.prev_item", "pgup"),
		Back:      bind(t, "esc", "ui.key.save_back", "esc"),
		Results:   newResultKeys(t),

		Resolve:       bind(t, "ctrl+s", "ui.key.resolve", "ctrl+s"),
		CancelResolve: bind(t, "esc", "ui.key.cancel", "esc"),
	}
}

// resolving switches the keys between editing a finding and editing the
// merged value of a conflict.
func (k *editorKeys) resolving(on bool) {
	k.Save.SetEnabled(k.Save.Enabled() && !on)
	k.Back.SetEnabled(!on)
	k.NextItem.SetEnabled(!on)
	k.PrevItem.SetEnabled(!on)
	k.Resolve.SetEnabled(on)
	k.CancelResolve.SetEnabled(on)
}

func (k editorKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Results.Pass, k.Results.Partial, k.Results.Fail, k.Results.NA, k.Results.Clear, k.NextField, k.Save, k.Back,
		k.Resolve, k.CancelResolve}
}

func (k editorKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Results.list(), {k.NextField, k.PrevField, k.NextItem, k.PrevItem}, {k.Save, k.Back, k.Resolve, k.CancelResolve}}
}

// searchKeys drive the search overlay.
type searchKeys struct {
	Up, Down, Jump, Close key.Binding
}

func newSearchKeys(t i18n.Catalog) searchKeys {
	return searchKeys{
		Up:    bind(t, "↑", "ui.key.up", "up", "ctrl+p"),
		Down:  bind(t, "↓", "ui.key.down", "down", "ctrl+n"),
		Jump:  bind(t, "enter", "ui.key.jump", "enter"),
		Close: bind(t, "esc", "ui.key.close", "esc"),
	}
}

func (k searchKeys) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down, k.Jump, k.Close} }

func (k searchKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Jump, k.Close}}
}

// summaryKeys drive the unit summary.
type summaryKeys struct {
	Up, Down, PageUp, PageDown, EditSide, Finalize, Reopen key.Binding
	NextField, PrevField, Save                             key.Binding
	Confirm, Cancel                                        key.Binding
	Export                                                 key.Binding
	Conclusion                                             key.Binding
}

func newSummaryKeys(t i18n.Catalog) summaryKeys {
	return summaryKeys{
		Up:        bind(t, "↑/k", "ui.key.scroll_up", "up", "k"),
		Down:      bind(t, "↓/j", "ui.key.scroll_down", "down", "j"),
		PageUp:    bind(t, "pgup", "ui.key.page_up", "pgup"),
		PageDown:  bind(t, "pgdn", "ui.key.page_down", "pgdown"),
		EditSide:  bind(t, "e", "ui.key.edit_visit", "e"),
		Finalize:  bind(t, "f", "ui.key.finalize", "f"),
		Reopen:    bind(t, "o", "ui.key.reopen", "o"),
		NextField: bind(t, "tab", "ui.key.next_field", "tab"),
		PrevField: bind(t, "shift+tab", "ui.key.prev_field", "shift+tab"),
		Save:      bind(t, "ctrl+s", "ui.key.save", "ctrl+s"),
		Confirm:   bind(t, "y", "ui.key.confirm", "y", "enter"),
		Cancel:    bind(t, "n/esc", "ui.key.cancel", "n", "esc"),
		Export:    bind(t, "x", "ui.key.export", "x"),
		// The thông báo kết luận, issued after the biên bản is finalized.
		Conclusion: bind(t, "t", "ui.key.conclusion", "t"),
	}
}
