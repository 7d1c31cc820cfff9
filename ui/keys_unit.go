package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"kiemtra/i18n"
)

// The keys of the screens of one unit: the checklist, the finding editor
// and the unit summary.

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
	NextAttention, Filter, Undo             key.Binding
	Edit, Search, Summary, Retry, Back      key.Binding
	Export                                  key.Binding
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
		PrevField:      bind(t, "←/h/shift+tab", "ui.key.prev_area", "left", "h", "shift+tab"),
		NextField:      bind(t, "→/l/tab", "ui.key.next_area", "right", "l", "tab"),
		NextUnanswered: bind(t, "n", "ui.key.next_unanswered", "n"),
		NextAttention:  bind(t, "!", "ui.key.next_attention", "!"),
		Filter:         bind(t, "f", "ui.key.filter", "f"),
		Undo:           bind(t, "u/ctrl+z", "ui.key.undo", "u", "ctrl+z"),
		Edit:           bind(t, "enter/e", "ui.key.edit", "enter", "e"),
		Search:         bind(t, "/", "ui.key.search", "/"),
		Summary:        bind(t, "s", "ui.key.summary", "s"),
		Retry:          bind(t, "ctrl+s", "ui.key.retry", "ctrl+s"),
		Back:           bind(t, "esc", "ui.key.back_units", "esc"),
		Export:         bind(t, "x", "ui.key.export", "x"),
		Results:        newResultKeys(t),
	}
}

func newFilterKeys(t i18n.Catalog) filterKeys {
	return filterKeys{
		Up:    bind(t, "↑/k", "ui.key.up", "up", "k"),
		Down:  bind(t, "↓/j", "ui.key.down", "down", "j"),
		Apply: bind(t, "enter", "ui.key.filter_apply", "enter"),
		Close: bind(t, "esc/f", "ui.key.close", "esc", "f"),
	}
}

// editorKeys drive the finding editor.
type editorKeys struct {
	NextField, PrevField, Save, NextItem, PrevItem, Back key.Binding
	Undo, History                                        key.Binding
	Files                                                key.Binding
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
		Undo:      bind(t, "u/ctrl+z", "ui.key.undo", "u", "ctrl+z"),
		History:   bind(t, "ctrl+l", "ui.key.history", "ctrl+l"),
		Files:     bind(t, "ctrl+o", "ui.key.files", "ctrl+o"),
		Results:   newResultKeys(t),

		Resolve:       bind(t, "ctrl+s", "ui.key.resolve", "ctrl+s"),
		CancelResolve: bind(t, "esc", "ui.key.cancel", "esc"),
	}
}

// summaryKeys drive the unit summary, mode by mode.
type summaryKeys struct {
	// Reading the review.
	Up, Down, PageUp, PageDown, EditSide, Finalize, Reopen, Export, Back key.Binding
	// The thông báo kết luận, issued after the biên bản is finalized.
	Conclusion key.Binding
	// Finalizing: the question.
	Confirm confirmKeys
	// What blocks finalizing.
	GapsGo, GapsClose key.Binding
	// Why it is reopened.
	ReopenSubmit, ReopenCancel key.Binding
}

func newSummaryKeys(t i18n.Catalog) summaryKeys {
	return summaryKeys{
		Up:         bind(t, "↑/k", "ui.key.scroll_up", "up", "k"),
		Down:       bind(t, "↓/j", "ui.key.scroll_down", "down", "j"),
		PageUp:     bind(t, "pgup", "ui.key.page_up", "pgup"),
		PageDown:   bind(t, "pgdn", "ui.key.page_down", "pgdown"),
		EditSide:   bind(t, "e", "ui.key.edit_visit", "e"),
		Finalize:   bind(t, "f", "ui.key.finalize", "f"),
		Reopen:     bind(t, "o", "ui.key.reopen", "o"),
		Export:     bind(t, "x", "ui.key.export", "x"),
		Back:       bind(t, "esc", "ui.key.back_checklist", "esc"),
		Conclusion: bind(t, "t", "ui.key.conclusion", "t"),
		Confirm:    newConfirmKeys(t),
		GapsGo:     bind(t, "enter", "ui.key.first_gap", "enter"),
		GapsClose:  bind(t, "esc", "ui.key.close", "esc"),

		ReopenSubmit: bind(t, "enter", "ui.key.reopen", "enter"),
		ReopenCancel: bind(t, "esc", "ui.key.cancel", "esc"),
	}
}

// resolving switches the keys between editing a finding and editing the
// merged value of a conflict.
func (k *editorKeys) resolving(on bool) {
	k.Save.SetEnabled(k.Save.Enabled() && !on)
	k.Undo.SetEnabled(k.Undo.Enabled() && !on)
	k.Back.SetEnabled(!on)
	k.NextItem.SetEnabled(k.NextItem.Enabled() && !on)
	k.PrevItem.SetEnabled(k.PrevItem.Enabled() && !on)
	k.Resolve.SetEnabled(on)
	k.CancelResolve.SetEnabled(on)
}
