package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The checklist's filters show only what needs attention. With one on,
// the item list holds the items it matches, across fields; moving, the
// field keys, n (next not yet assessed) and ! (next needing attention)
// stay within it. The item under the cursor stays in the list until the
// cursor leaves it, so answering an item under "chưa đánh giá" does not
// pull it from under the inspector's eyes.

// itemFilter is one filter: its name in the catalogue and what it keeps.
type itemFilter struct {
	name  string
	match func(s session, it flatItem, c model.Content) bool // nil keeps everything
}

// itemFilters are the filters, in the chooser's order. A new one is one
// line.
var itemFilters = []itemFilter{
	{"ui.filter.all", nil},
	{"ui.filter.unassessed", func(_ session, _ flatItem, c model.Content) bool { return !c.Result.Answered() }},
	{"ui.filter.fail", func(_ session, _ flatItem, c model.Content) bool { return c.Result == model.ResultFail }},
	{"ui.filter.partial", func(_ session, _ flatItem, c model.Content) bool { return c.Result == model.ResultPartial }},
	{"ui.filter.no_note", func(_ session, _ flatItem, c model.Content) bool { return c.NeedsNote() }},
	{"ui.filter.recommendation", func(_ session, _ flatItem, c model.Content) bool { return c.Recommendation != "" }},
	{"ui.filter.files", func(s session, it flatItem, _ model.Content) bool { return s.files[it.Code] > 0 }},
}

// needsAttention is what ! looks for: an item not yet assessed, or a
// chưa đạt that does not say what was found lacking.
func needsAttention(c model.Content) bool { return !c.Result.Answered() || c.NeedsNote() }

// filterKeys drive the filter chooser.
type filterKeys struct {
	Up, Down, Apply, Close key.Binding
}

// filtering reports whether a filter other than "all" is on.
func (m checklistModel) filtering() bool { return m.filter > 0 }

// keeps reports whether filter f keeps item i of s.
func keeps(s session, f, i int) bool {
	match := itemFilters[f].match
	return match == nil || match(s, s.items[i], s.content[s.items[i].Code])
}

// count is how many items of s filter f keeps.
func count(s session, f int) int {
	if itemFilters[f].match == nil {
		return len(s.items)
	}
	n := 0
	for i := range s.items {
		if keeps(s, f, i) {
			n++
		}
	}
	return n
}

// visible is the items the list shows under the filter, in checklist
// order: those it keeps and the cursor's.
func (m checklistModel) visible(s session) []int {
	var out []int
	for i := range s.items {
		if i == m.cursor || keeps(s, m.filter, i) {
			out = append(out, i)
		}
	}
	return out
}

// next is the first item after the cursor (wrapping, the cursor's last)
// that the filter keeps and want accepts, or -1.
func (m checklistModel) next(s session, want func(model.Content) bool) int {
	n := len(s.items)
	for k := 1; k <= n; k++ {
		i := (m.cursor + k) % n
		if keeps(s, m.filter, i) && want(s.content[s.items[i].Code]) {
			return i
		}
	}
	return -1
}

// hasOther reports whether an item other than the cursor's is what next
// looks for.
func (m checklistModel) hasOther(s session, want func(model.Content) bool) bool {
	i := m.next(s, want)
	return i >= 0 && i != m.cursor
}

func unassessed(c model.Content) bool { return !c.Result.Answered() }

func anyContent(model.Content) bool { return true }

// move goes d places through the list (the items of the filter, or all).
func (m checklistModel) move(s session, d int) checklistModel {
	if !m.filtering() {
		return m.jump(m.cursor + d)
	}
	vis := m.visible(s)
	p := slices.Index(vis, m.cursor)
	return m.jump(vis[max(0, min(p+d, len(vis)-1))])
}

// moveEnd goes to the list's first (last false) or last item.
func (m checklistModel) moveEnd(s session, last bool) checklistModel {
	switch {
	case !m.filtering() && last:
		return m.jump(len(s.items) - 1)
	case !m.filtering():
		return m.jump(0)
	}
	vis := m.visible(s)
	if last {
		return m.jump(vis[len(vis)-1])
	}
	return m.jump(vis[0])
}

// moveField goes to the first item of the next field (d 1) or of this
// field, else the previous one (d -1), among the list's items.
func (m checklistModel) moveField(s session, d int) checklistModel {
	f := s.items[m.cursor].field
	if !m.filtering() {
		switch {
		case d > 0 && f+1 < len(s.cl.Fields):
			return m.jump(s.fieldStart[f+1])
		case d < 0 && m.cursor == s.fieldStart[f] && f > 0:
			return m.jump(s.fieldStart[f-1])
		case d < 0:
			return m.jump(s.fieldStart[f])
		}
		return m
	}
	vis := m.visible(s)
	firstOf := func(field int) int {
		for _, i := range vis {
			if s.items[i].field == field {
				return i
			}
		}
		return -1
	}
	if d < 0 && firstOf(f) != m.cursor {
		return m.jump(firstOf(f))
	}
	for g := f + d; g >= 0 && g < len(s.cl.Fields); g += d {
		if i := firstOf(g); i >= 0 {
			return m.jump(i)
		}
	}
	return m
}

// choose applies filter f, its chooser closed: the cursor goes to the
// first item it keeps from the cursor on. A filter that keeps nothing is
// refused, saying so.
func (m checklistModel) choose(s session, f int) (checklistModel, result) {
	m.choosing = false
	t := m.c.t
	n := count(s, f)
	if f > 0 && n == 0 {
		return m, say(t.T("ui.filter.empty", t.T(itemFilters[f].name)))
	}
	m.filter = f
	if f == 0 {
		return m, say(t.T("ui.filter.off"))
	}
	if i := m.next(s, anyContent); !keeps(s, f, m.cursor) && i >= 0 {
		m = m.jump(i)
	}
	return m, say(t.TN("ui.filter.on", n, t.T(itemFilters[f].name), n))
}

// updateChooser handles a key while the filter chooser is open.
func (m checklistModel) updateChooser(km tea.KeyMsg, s session) (checklistModel, result) {
	k := m.fkeys
	switch {
	case matches(km, k.Up):
		m.choice = (m.choice + len(itemFilters) - 1) % len(itemFilters)
	case matches(km, k.Down):
		m.choice = (m.choice + 1) % len(itemFilters)
	case matches(km, k.Apply):
		return m.choose(s, m.choice)
	case matches(km, k.Close):
		m.choosing = false
	}
	return m, result{}
}

// chooserView is the filter chooser: each filter with how many items it
// keeps now.
func (m checklistModel) chooserView(s session) []string {
	t, w := m.c.t, m.c.width
	lines := []string{m.c.rule(t.T("ui.filter.title"), w), ""}
	for i, f := range itemFilters {
		label := t.T("ui.filter.item", t.T(f.name), count(s, i))
		if i == m.filter {
			label += " " + m.c.st.Muted.Render(t.T("ui.filter.current"))
		}
		lines = append(lines, m.c.row(label, w, i == m.choice))
	}
	lines = append(lines, "", m.c.st.Muted.Render(t.T("ui.filter.hint")))
	return clipLines(lines, m.c.height)
}
