package ui

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// Undo takes back the last change to a finding, and is itself a change:
// the store records it as a new revision (audited, carried in bundles).
// On the checklist, u takes back this session's changes newest first,
// then, when none is left, the older changes of the item under the
// cursor; in the editor it takes back the item's own. What is on its way
// to the store is stored first, so the undo is of what the screen showed.

// requestUndo asks for the last change to item code to be taken back.
func (a App) requestUndo(code string) (App, tea.Cmd) {
	if !a.sess.isOpen() || code == "" {
		return a, nil
	}
	a.saves.undo = code
	a.status = a.status.say(a.c.t.T("ui.undo.running", code))
	var cmd tea.Cmd
	a.saves, cmd = a.saves.flush(a.c, a.sess)
	return a, cmd
}

// undoneMsg reports an undo: the revision stored, or why none was.
type undoneMsg struct {
	assessmentID string
	itemCode     string
	saved        model.Finding
	err          error
}

func undoCmd(st Store, actor, assessmentID, code, base string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		f, err := st.UndoFinding(ctx, actor, assessmentID, code, base)
		return undoneMsg{assessmentID: assessmentID, itemCode: code, saved: f, err: err}
	}
}

func (a App) handleUndone(msg undoneMsg) (App, tea.Cmd) {
	if !a.sess.holds(msg.assessmentID) {
		return a, nil
	}
	if a.saves.inflight == msg.itemCode {
		a.saves.inflight = ""
	}
	t := a.c.t
	switch {
	case model.ErrorCode(msg.err) == model.ENothingToUndo:
		a.status = a.status.say(t.Err(msg.err))
		a.saves.changes = slices.DeleteFunc(slices.Clone(a.saves.changes), func(c string) bool { return c == msg.itemCode })
	case msg.err != nil:
		a.status = a.status.fail(t.T("ui.undo.failed", msg.itemCode, t.Err(msg.err)))
		a.c.log.Error("undo", "item", msg.itemCode, "err", msg.err)
	default:
		if a.saves.lastChange() == msg.itemCode {
			a.saves.changes = slices.Clip(a.saves.changes[:len(a.saves.changes)-1])
		}
		before := a.sess.content[msg.itemCode]
		a.sess, _ = a.sess.stored(msg.saved, before)
		a.status = statusLine{text: t.T("ui.undo.done", msg.itemCode, a.c.change(a.sess, msg.itemCode, before, msg.saved.Content())),
			savedAt: a.c.now()}
		a = a.showUndone(msg.itemCode)
	}
	var cmd tea.Cmd
	a.saves, cmd = a.saves.flush(a.c, a.sess)
	return a.maybeQuit(cmd)
}

// showUndone puts the item undone before the inspector: the checklist's
// cursor on it, the editor's fields holding its value.
func (a App) showUndone(code string) App {
	i, ok := a.sess.index[code]
	if !ok {
		return a
	}
	switch a.screen {
	case screenChecklist:
		a.checklist = a.checklist.jump(i)
	case screenEditor:
		if a.editor.index == i && !a.editor.resolving {
			e, _ := a.editor.load(a.sess, i, a.editor.focus)
			a.editor = &e
		}
	default:
	}
	return a
}

// change says what a change to item code did, in words: "Đạt · 1 →
// Đạt một phần · 0,75", and the texts that changed.
func (c common) change(s session, code string, from, to model.Content) string {
	it := s.items[s.index[code]]
	out := c.valueWords(it, from) + " → " + c.valueWords(it, to)
	var texts []string
	t := c.t
	if from.Note != to.Note {
		texts = append(texts, t.T("ui.conflicts.diff.note"))
	}
	if from.Evidence != to.Evidence {
		texts = append(texts, t.T("ui.conflicts.diff.evidence"))
	}
	if from.Recommendation != to.Recommendation {
		texts = append(texts, t.T("ui.conflicts.diff.recommendation"))
	}
	if from.Deadline != to.Deadline {
		texts = append(texts, t.T("ui.conflicts.diff.deadline"))
	}
	if len(texts) > 0 {
		out += " " + t.T("ui.undo.texts", strings.Join(texts, ", "))
	}
	return out
}

// valueWords is a result and its score in words: "Đạt một phần · 0,75".
func (c common) valueWords(it flatItem, v model.Content) string {
	w := c.resultName(v.Result)
	if v.Result.Answered() && v.Result != model.ResultNotApplicable {
		w += " · " + c.pts(v.Score)
	}
	return w
}

// handEdited reports whether old's score was typed by hand (it is not
// what its result earns by default) and would be lost to a result key
// giving next.
func handEdited(it flatItem, old, next model.Content) bool {
	return old.Result.Answered() && old.Score != it.DefaultScore(old.Result) && next.Score != old.Score
}

// undoable reports whether item code has something u could take back:
// a change of this session's, or a stored finding with a history.
func undoable(s session, saves saver, code string) bool {
	return saves.lastChange() != "" || slices.Contains(saves.changes, code) || s.saved[code].Revision != ""
}
