package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// searchMaxRunes bounds a query: every key of it searches the checklist
// again, and no item is longer.
const searchMaxRunes = 1000

// searchModel is the "/" overlay over the checklist.
type searchModel struct {
	c     common
	keys  searchKeys
	input field
	// own is what the inspector wrote, table the abbreviations: both
	// searched with the checklist, taken when the overlay opens.
	own     ownText
	table   []abbrev
	hits    []searchHit
	results []int // the items of hits, in order
	cursor  int
	offset  int
	query   string
}

// newSearchModel opens the overlay over s with an empty query.
func newSearchModel(c common, s session) (searchModel, tea.Cmd) {
	ti := newTextInput(c)
	ti.Placeholder = c.t.T("ui.search.placeholder")
	ti.Prompt = "/ "
	ti.maxRunes = searchMaxRunes
	m := searchModel{c: c, keys: newSearchKeys(c.t), input: ti, own: newOwnText(s)}
	if s.isOpen() {
		m.table = abbrevTable(c.abbrevs, s.cl.Abbreviations)
	}
	m.setSize(c.width, c.height)
	cmd := m.input.Focus()
	return m, cmd
}

func (m *searchModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	m.input.SetWidth(max(1, w-4))
	m.scroll()
}

// resultRows is how many results the overlay shows under the query and
// the count.
func (m searchModel) resultRows() int { return m.c.height - 2 }

func (m *searchModel) scroll() {
	m.offset = scrollTo(m.cursor, m.offset, m.resultRows(), len(m.results))
}

// update handles a key on the overlay over s; enter asks to jump to the
// selected item.
func (m searchModel) update(km tea.KeyMsg, s session) (searchModel, tea.Cmd, result) {
	keys := m.keymap()
	switch {
	case matches(km, keys.Up):
		m.cursor = max(0, m.cursor-1)
		m.scroll()
		return m, nil, result{}
	case matches(km, keys.Down):
		m.cursor = max(0, min(m.cursor+1, len(m.results)-1))
		m.scroll()
		return m, nil, result{}
	case matches(km, keys.Jump):
		if len(m.results) == 0 {
			return m, nil, result{}
		}
		return m, nil, goTo(navigation{to: screenChecklist, index: m.results[m.cursor]})
	case disabledMatch(km, keys.Up, keys.Down, keys.Jump):
		if len(m.results) == 0 {
			return m, nil, say(m.c.t.T("ui.search.nothing_yet"))
		}
		return m, nil, say(m.c.t.T("ui.why.one_entry"))
	}
	var cmd tea.Cmd
	var changed bool
	m.input, cmd, changed = typeInto(m.input, km)
	if changed {
		m.query = m.input.Value()
		m.hits = s.search.search(newSearchQuery(m.query, m.table), m.own)
		m.results = make([]int, len(m.hits))
		for i, h := range m.hits {
			m.results[i] = h.item
		}
		m.cursor, m.offset = 0, 0
	}
	return m, cmd, result{}
}

// keymap is the overlay's keys as they act: moving with more than one
// result, jumping with one.
func (m searchModel) keymap() searchKeys {
	k := m.keys
	k.Up.SetEnabled(len(m.results) > 1)
	k.Down.SetEnabled(len(m.results) > 1)
	k.Jump.SetEnabled(len(m.results) > 0)
	return k
}

// ShortHelp is the footer's keys.
func (m searchModel) ShortHelp() []key.Binding {
	k := m.keymap()
	return []key.Binding{k.Jump, k.Down, k.Up, k.Close}
}

// FullHelp is every key of the overlay.
func (m searchModel) FullHelp() [][]key.Binding {
	k := m.keymap()
	return [][]key.Binding{{k.Up, k.Down}, {k.Jump, k.Close}}
}

// view draws the overlay over s.
func (m searchModel) view(s session) []string {
	st, w := m.c.st, m.c.width
	lines := []string{fit(m.input.View(), w)}
	count := m.c.t.TN("ui.search.count", len(m.results))
	if m.query == "" {
		count = m.c.t.T("ui.search.hint")
	} else if len(m.results) == 0 {
		count = m.c.t.T("ui.search.none", m.query)
	}
	lines = append(lines, fit(st.Muted.Render(count), w))
	rows := m.resultRows()
	if rows < 1 {
		return clipLines(lines, m.c.height)
	}
	for i := m.offset; i < len(m.hits) && i < m.offset+rows; i++ {
		h := m.hits[i]
		it := s.items[h.item]
		c := s.content[it.Code]
		where := ""
		if h.tier != tierText {
			where = " " + st.Muted.Render(m.c.t.T("ui.search.where."+[...]string{"", "own", "head", "ref"}[h.tier]))
		}
		ww := textWidth(where)
		row := fit(fmt.Sprintf("%s %s %s", m.c.resultMarker(c.Result), it.Code, shortText(it.Text)), max(1, w-2-ww))
		lines = append(lines, m.c.row(row+where, w, i == m.cursor))
	}
	return lines
}
