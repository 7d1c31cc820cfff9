package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// checklistModel shows one unit's checklist: the fields with progress and
// score, the items of the current field, and the selected item in full.
// Lists are drawn as a window over the sheet's flat item slice, so a
// keystroke costs the same with 20 items or 2,000. The session's content
// comes in with every update and view; the model keeps only where the
// cursor and the window are.
type checklistModel struct {
	c      common
	keys   checklistKeys
	sh     *sheet // the open checklist; read-only
	cursor int
	// offset is the window's first row, counted from the field's first
	// item, or in the filtered list.
	offset int
	// filter is the filter on (itemFilters; 0 shows every item); vis the
	// items it showed at the last key, for scrolling on a resize.
	filter int
	vis    []int
	// choosing is set while the filter chooser is open at choice.
	choosing bool
	choice   int
	fkeys    filterKeys
	rows     *rowCache // rows drawn before (rowcache.go); nil draws afresh
	// export is the export form while it is open (checklist_export.go).
	export exportForm
}

// newChecklistModel shows a freshly loaded session, at its first
// unanswered item.
func newChecklistModel(c common, s session) checklistModel {
	m := checklistModel{c: c, keys: newChecklistKeys(c.t), sh: s.sheet, fkeys: newFilterKeys(c.t), rows: newRowCache()}
	if len(s.items) > 0 && s.content[s.items[0].Code].Result.Answered() {
		if i := s.nextUnanswered(0); i >= 0 {
			m.cursor = i
		}
	}
	m.rescroll()
	return m
}

func (m *checklistModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	m.export.setSize(w, h)
	m.rescroll()
}

// keymap is the keys as they act on s, with saves the session's save
// pipeline, so the help stays truthful: no result keys on a finalized
// record (enter shows the item there), no "2" on an item scored đạt/chưa
// đạt only, ctrl+s only when a save failed.
func (m checklistModel) keymap(s session, saves saver) checklistKeys {
	k := m.keys
	open := s.isOpen() && len(s.items) > 0
	on := open && !s.finalized()
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Edit, &k.Search, &k.Summary} {
		b.SetEnabled(open)
	}
	k.PrevField.SetEnabled(open && len(s.cl.Fields) > 1)
	k.NextField.SetEnabled(open && len(s.cl.Fields) > 1)
	k.NextUnanswered.SetEnabled(open && s.score.Overall.Answered < s.score.Overall.Total)
	k.Filter.SetEnabled(open)
	k.NextAttention.SetEnabled(open)
	if open && m.filtering() {
		k.NextUnanswered.SetEnabled(m.hasOther(s, unassessed))
		k.Back.SetHelp(k.Back.Help().Key, m.c.t.T("ui.key.filter_off"))
	}
	if open {
		k.NextAttention.SetEnabled(m.hasOther(s, needsAttention))
	}
	k.Results.setEnabled(on)
	if on && m.cursor < len(s.items) {
		k.Results.forItem(s.items[m.cursor])
	}
	k.Retry.SetEnabled(on && len(saves.failed) > 0)
	k.Undo.SetEnabled(on && undoable(s, saves, s.items[min(m.cursor, len(s.items)-1)].Code))
	if s.finalized() {
		k.Edit.SetHelp(k.Edit.Help().Key, m.c.t.T("ui.key.view_item"))
	}
	k.Export.SetEnabled(open && m.c.exporter != nil)
	return k
}

// ShortHelp is the footer's keys on s, most used first.
func (m checklistModel) ShortHelp(s session, saves saver) []key.Binding {
	if m.export.open {
		return m.export.ShortHelp()
	}
	if m.choosing {
		k := m.fkeys
		return []key.Binding{k.Apply, k.Down, k.Up, k.Close}
	}
	k := m.keymap(s, saves)
	r := k.Results
	return []key.Binding{k.Edit, r.Pass, r.Fail, k.Undo, k.NextUnanswered, k.NextAttention, k.Filter, k.Search, k.Summary,
		k.Export, k.Retry, k.Back}
}

// FullHelp is every key of the checklist on s.
func (m checklistModel) FullHelp(s session, saves saver) [][]key.Binding {
	if m.export.open {
		return m.exportHelp()
	}
	if m.choosing {
		k := m.fkeys
		return [][]key.Binding{{k.Up, k.Down, k.Apply, k.Close}}
	}
	k := m.keymap(s, saves)
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.PrevField, k.NextField, k.NextUnanswered, k.NextAttention, k.Filter, k.Search},
		append(k.Results.list(), k.Undo, k.Edit, k.Summary, k.Export, k.Retry, k.Back),
	}
}

// refusal says why a key of the checklist cannot act on s now, or "".
func (m checklistModel) refusal(km tea.KeyMsg, s session, keys checklistKeys) string {
	t := m.c.t
	r := keys.Results
	switch {
	case !s.isOpen() || len(s.items) == 0:
		return ""
	case s.finalized() && disabledMatch(km, append(r.list(), keys.Undo)...):
		return t.T("ui.editor.read_only")
	case disabledMatch(km, keys.Undo):
		return t.T("ui.undo.none", s.items[m.cursor].Code)
	case disabledMatch(km, r.Partial, r.NA):
		res, _ := m.keys.Results.match(km)
		return m.c.refusedResult(s.items[m.cursor].Item, res)
	case disabledMatch(km, keys.Retry):
		return t.T("ui.checklist.nothing_to_retry")
	case disabledMatch(km, keys.NextUnanswered) && m.filtering():
		return t.T("ui.filter.no_unassessed", t.T(itemFilters[m.filter].name))
	case disabledMatch(km, keys.NextUnanswered):
		return t.T("ui.checklist.all_answered")
	case disabledMatch(km, keys.NextAttention) && m.filtering():
		return t.T("ui.filter.no_attention", t.T(itemFilters[m.filter].name))
	case disabledMatch(km, keys.NextAttention):
		return t.T("ui.checklist.no_attention")
	case disabledMatch(km, keys.PrevField, keys.NextField):
		return t.T("ui.checklist.one_field")
	}
	return ""
}

// jump selects item i.
func (m checklistModel) jump(i int) checklistModel {
	if m.sh == nil || len(m.sh.items) == 0 {
		return m
	}
	m.cursor = max(0, min(i, len(m.sh.items)-1))
	m.rescroll()
	return m
}

func (m checklistModel) update(msg tea.Msg, s session, saves saver) (checklistModel, tea.Cmd, result) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil, result{}
	}
	if m.export.open {
		return m.updateExport(km)
	}
	if m.choosing {
		m, r := m.updateChooser(km, s)
		m.scroll(s)
		return m, nil, r
	}
	keys := m.keymap(s, saves)
	if matches(km, keys.Back) {
		if m.filtering() {
			m, r := m.choose(s, 0)
			m.scroll(s)
			return m, nil, r
		}
		return m, nil, goTo(navigation{to: screenStart})
	}
	if !s.isOpen() || len(s.items) == 0 {
		return m, nil, result{}
	}
	page := m.c.halfPage()
	var r result
	switch {
	case matches(km, keys.Up):
		m = m.move(s, -1)
	case matches(km, keys.Down):
		m = m.move(s, 1)
	case matches(km, keys.PageUp):
		m = m.move(s, -page)
	case matches(km, keys.PageDown):
		m = m.move(s, page)
	case matches(km, keys.Top):
		m = m.moveEnd(s, false)
	case matches(km, keys.Bottom):
		m = m.moveEnd(s, true)
	case matches(km, keys.PrevField):
		m = m.moveField(s, -1)
	case matches(km, keys.NextField):
		m = m.moveField(s, 1)
	case matches(km, keys.NextUnanswered):
		if i := m.next(s, unassessed); i >= 0 {
			m = m.jump(i)
		}
	case matches(km, keys.NextAttention):
		if i := m.next(s, needsAttention); i >= 0 {
			m = m.jump(i)
		}
	case matches(km, keys.Filter):
		m.choosing, m.choice = true, m.filter
	case matches(km, keys.Edit):
		r = goTo(navigation{to: screenEditor, index: m.cursor})
	case matches(km, keys.Summary):
		r = goTo(navigation{to: screenSummary})
	case m.c.exporter != nil && matches(km, keys.Export):
		m, r = m.openExport(s, saves.pending(s))
	case matches(km, keys.Retry):
		r = result{retry: true}
	case matches(km, keys.Undo):
		r = result{undo: saves.lastChange()}
		if r.undo == "" {
			r.undo = s.items[m.cursor].Code
		}
	default:
		if res, ok := keys.Results.match(km); ok {
			m, r = m.setResult(s, res)
		} else if why := m.refusal(km, s, keys); why != "" {
			r = say(why)
		}
	}
	m.scroll(s)
	return m, nil, r
}

// match maps a result key to its result.
func (k resultKeys) match(km tea.KeyMsg) (model.Result, bool) {
	switch {
	case matches(km, k.Pass):
		return model.ResultPass, true
	case matches(km, k.Partial):
		return model.ResultPartial, true
	case matches(km, k.Fail):
		return model.ResultFail, true
	case matches(km, k.NA):
		return model.ResultNotApplicable, true
	case matches(km, k.Clear):
		return model.ResultUnassessed, true
	}
	return 0, false
}

func (m checklistModel) setResult(s session, r model.Result) (checklistModel, result) {
	it := s.items[m.cursor]
	c, ok := withResult(s.content[it.Code], it.Item, r)
	if !ok {
		return m, say(m.c.refusedResult(it.Item, r))
	}
	res := result{edit: &edit{code: it.Code, content: c}}
	if old := s.content[it.Code]; handEdited(it, old, c) {
		res.status = m.c.t.T("ui.undo.score_replaced", it.Code, m.c.pts(old.Score), m.c.pts(c.Score))
	}
	if it.Scoring == model.ScoringDeduction && (c.Result == model.ResultPartial || c.Result == model.ResultFail) {
		// A deduction is as many points as the cases found: go and count
		// them (the result follows the count).
		res.nav = &navigation{to: screenEditor, index: m.cursor, focus: focusScore}
		return m, res
	}
	if c.NeedsNote() {
		// The evidence rule: chưa đạt needs a note, so go and write it.
		res.nav = &navigation{to: screenEditor, index: m.cursor, focus: focusNote}
		return m, res
	}
	if m.filtering() {
		if i := m.next(s, anyContent); i > m.cursor {
			return m.jump(i), res
		}
		return m, res
	}
	return m.jump(m.cursor + 1), res
}

// wideChecklist is the width from which the fields stand in a column
// beside the items.
const wideChecklist = 100

// itemRows is how many items the window shows at the screen's size.
func (m checklistModel) itemRows() int {
	h := m.c.height
	if m.c.width < wideChecklist {
		h-- // the line naming the field
	}
	return max(3, h*11/20) - 1
}

// scroll keeps the cursor inside the window of its field's items, or of
// the filtered list; it runs after every update, so the view only draws.
func (m *checklistModel) scroll(s session) {
	if m.sh == nil || len(m.sh.items) == 0 {
		return
	}
	if m.filtering() && s.isOpen() {
		m.vis = m.visible(s)
		m.offset = scrollTo(slices.Index(m.vis, m.cursor), m.offset, m.itemRows(), len(m.vis))
		return
	}
	m.vis = nil
	f := m.sh.items[m.cursor].field
	from, to := m.sh.fieldStart[f], m.sh.fieldStart[f+1]
	m.offset = scrollTo(m.cursor-from, m.offset, m.itemRows(), to-from)
}

// rescroll keeps the window right after a resize, with the list of the
// last key.
func (m *checklistModel) rescroll() {
	if m.filtering() && len(m.vis) > 0 {
		m.offset = scrollTo(slices.Index(m.vis, m.cursor), m.offset, m.itemRows(), len(m.vis))
		return
	}
	m.scroll(session{})
}
