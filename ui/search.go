package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// searchIndex holds the folded (diacritic- and case-free) keys of a
// checklist's items, computed once when the checklist opens, so a search
// keystroke only folds the query and scans plain ASCII-ish strings.
type searchIndex struct {
	codes []string // folded item codes
	keys  []string // folded "code text"
}

func newSearchIndex(items []flatItem) *searchIndex {
	ix := &searchIndex{codes: make([]string, len(items)), keys: make([]string, len(items))}
	for i, it := range items {
		ix.codes[i] = model.Fold(it.Code)
		ix.keys[i] = model.Fold(it.Code + " " + it.Text)
	}
	return ix
}

// Match ranks: a code that starts with the query beats items where every
// query word starts a word, which beat plain substring matches; ties keep
// checklist order. Every query word must occur.
const (
	rankCode = iota
	rankWordPrefix
	rankSubstring
)

// find returns the indices of the items matching query, best first.
func (ix *searchIndex) find(query string) []int {
	q := model.Fold(query)
	if q == "" {
		return nil
	}
	tokens := strings.Fields(q)
	type hit struct{ i, rank int }
	var hits []hit
	for i, k := range ix.keys {
		rank := rankWordPrefix
		ok := true
		for _, tok := range tokens {
			r := tokenRank(k, tok)
			if r < 0 {
				ok = false
				break
			}
			if r > rank {
				rank = r
			}
		}
		if !ok {
			continue
		}
		if strings.HasPrefix(ix.codes[i], q) {
			rank = rankCode
		}
		hits = append(hits, hit{i, rank})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank < hits[b].rank })
	out := make([]int, len(hits))
	for j, h := range hits {
		out[j] = h.i
	}
	return out
}

// tokenRank is rankWordPrefix when tok starts a word of k, rankSubstring
// when it only occurs inside one, -1 when absent.
func tokenRank(k, tok string) int {
	found := -1
	for off := 0; off <= len(k); {
		j := strings.Index(k[off:], tok)
		if j < 0 {
			break
		}
		p := off + j
		if p == 0 || !isWordByte(k[p-1]) {
			return rankWordPrefix
		}
		found = rankSubstring
		off = p + 1
	}
	return found
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// searchModel is the "/" overlay over the checklist.
type searchModel struct {
	c       common
	keys    searchKeys
	input   textinput.Model
	results []int
	cursor  int
	offset  int
	query   string
}

// newSearchModel opens the overlay with an empty query.
func newSearchModel(c common) (searchModel, tea.Cmd) {
	ti := newTextInput(c)
	ti.Placeholder = c.t.T("ui.search.placeholder")
	ti.Prompt = "/ "
	m := searchModel{c: c, keys: newSearchKeys(c.t), input: ti}
	m.setSize(c.width, c.height)
	cmd := m.input.Focus()
	return m, cmd
}

func (m *searchModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	m.input.Width = max(1, w-4)
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
	case key.Matches(km, keys.Up):
		m.cursor = max(0, m.cursor-1)
		m.scroll()
		return m, nil, result{}
	case key.Matches(km, keys.Down):
		m.cursor = max(0, min(m.cursor+1, len(m.results)-1))
		m.scroll()
		return m, nil, result{}
	case key.Matches(km, keys.Jump):
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
		m.results = s.search.find(m.query)
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
	count := m.c.t.T("ui.search.count", len(m.results))
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
	for i := m.offset; i < len(m.results) && i < m.offset+rows; i++ {
		it := s.items[m.results[i]]
		c := s.content[it.Code]
		row := fmt.Sprintf("%s %s %s", m.c.resultMarker(c.Result), it.Code, shortText(it.Text))
		lines = append(lines, m.c.row(row, w, i == m.cursor))
	}
	return lines
}
