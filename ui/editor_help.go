package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The editor's keys as they act now, and why one cannot.

// keymap is the keys as they act on s, so the help stays truthful: a
// finalized record has no editing keys, a merged value its own; enter
// moves on from the one-line fields.
func (m editorModel) keymap(s session) editorKeys {
	k := m.keys
	on := !s.finalized()
	k.Results.setEnabled(on && m.focus == focusResult)
	if on && m.focus == focusResult {
		k.Results.forItem(m.item)
	}
	k.Save.SetEnabled(on)
	k.NextField.SetEnabled(on)
	k.PrevField.SetEnabled(on)
	if m.focus == focusScore || m.focus == focusDeadline {
		k.NextField.SetKeys("tab", "enter")
		k.NextField.SetHelp("tab/enter", k.NextField.Help().Desc)
	}
	if !on {
		k.Back.SetHelp(k.Back.Help().Key, m.c.t.T("ui.key.back_checklist"))
	}
	k.Undo.SetEnabled(on && (s.dirty(m.item.Code) || s.saved[m.item.Code].Revision != ""))
	if m.focus != focusResult {
		k.Undo.SetKeys("ctrl+z")
		k.Undo.SetHelp("ctrl+z", k.Undo.Help().Desc)
	}
	k.History.SetEnabled(!m.resolving && s.saved[m.item.Code].Revision != "")
	k.Files.SetEnabled(!m.resolving)
	k.NextItem.SetEnabled(m.index+1 < len(s.items))
	k.PrevItem.SetEnabled(m.index > 0)
	k.resolving(m.resolving)
	return k
}

// ShortHelp is the editor's short help on s: while a conflict's merged
// value is edited, storing it and cancelling come first.
func (m editorModel) ShortHelp(s session) []key.Binding {
	if m.follow.open {
		return m.followHelp()
	}
	if m.history.open {
		return m.historyHelp()
	}
	if m.files.open {
		return m.filesHelp(s)
	}
	if m.asking {
		return []key.Binding{m.ckeys.Yes, m.ckeys.No}
	}
	k := m.keymap(s)
	r := k.Results
	if m.resolving {
		return []key.Binding{k.Resolve, k.CancelResolve, k.NextField, r.Pass, r.Partial, r.Fail, r.NA}
	}
	return []key.Binding{r.Pass, r.Partial, r.Fail, r.NA, r.Clear, k.NextField, k.Undo, k.Save, k.Back, k.History, k.NextItem, k.Files}
}

// FullHelp is every key of the editor on s.
func (m editorModel) FullHelp(s session) [][]key.Binding {
	if m.follow.open {
		return [][]key.Binding{m.followHelp()}
	}
	if m.history.open {
		return [][]key.Binding{m.historyHelp()}
	}
	if m.files.open {
		return [][]key.Binding{m.filesHelp(s)}
	}
	if m.asking {
		return [][]key.Binding{{m.ckeys.Yes, m.ckeys.No}}
	}
	k := m.keymap(s)
	out := [][]key.Binding{k.Results.list(), {k.NextField, k.PrevField, k.NextItem, k.PrevItem},
		{k.Undo, k.History, k.Files, k.Save, k.Back, k.Resolve, k.CancelResolve}}
	if m.followable(s) {
		out = append(out, []key.Binding{m.fkeys.Open})
	}
	return out
}

// refusal says why a key of the editor cannot act on s now, or "".
func (m editorModel) refusal(km tea.KeyMsg, s session, keys editorKeys) string {
	t := m.c.t
	r := keys.Results
	switch {
	case s.finalized() && disabledMatch(km, append(r.list(), keys.Save, keys.NextField, keys.PrevField, keys.Undo)...):
		return t.T("ui.editor.read_only")
	case m.resolving && disabledMatch(km, keys.Undo, keys.NextItem, keys.PrevItem, keys.Files):
		return t.T("ui.conflicts.editing")
	case disabledMatch(km, keys.Undo):
		return t.T("ui.undo.none", m.item.Code)
	case disabledMatch(km, keys.History):
		return t.T("ui.history.none")
	case m.focus == focusResult && disabledMatch(km, r.Partial, r.NA):
		res, _ := m.keys.Results.match(km)
		return m.c.refusedResult(m.item.Item, res)
	case !m.resolving && disabledMatch(km, keys.NextItem):
		return t.T("ui.editor.last_item")
	case !m.resolving && disabledMatch(km, keys.PrevItem):
		return t.T("ui.editor.first_item")
	}
	return ""
}
