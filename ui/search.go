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
	c       *common
	keys    searchKeys
	input   textinput.Model
	s       *session
	results []int
	cursor  int
	offset  int
	query   string
}

func newSearchModel(c *common) searchModel {
	ti := newTextInput(c)
	ti.Placeholder = c.t.T("ui.search.placeholder")
	ti.Prompt = "/ "
	return searchModel{c: c, keys: newSearchKeys(c.t), input: ti}
}

func (m searchModel) open(s *session) (searchModel, tea.Cmd) {
	m.s = s
	m.input.SetValue("")
	m.results, m.cursor, m.offset, m.query = nil, 0, 0, ""
	return m, m.input.Focus()
}

func (m searchModel) update(msg tea.Msg) (searchModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.keys.Up):
			if m.cursor > 0 {
				m.cursor--
			}
			return m, nil
		case key.Matches(km, m.keys.Down):
			if m.cursor < len(m.results)-1 {
				m.cursor++
			}
			return m, nil
		case key.Matches(km, m.keys.Jump):
			if len(m.results) == 0 {
				return m, nil
			}
			idx := m.results[m.cursor]
			return m, m.c.navigate(navMsg{to: screenChecklist, index: idx})
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if v := m.input.Value(); v != m.query {
		m.query = v
		m.results = m.s.search.find(v)
		m.cursor, m.offset = 0, 0
	}
	return m, cmd
}

// view draws the overlay in w×h cells.
func (m *searchModel) view(w, h int) []string {
	st := m.c.st
	m.input.Width = max(1, w-4)
	lines := []string{fit(m.input.View(), w)}
	count := m.c.t.T("ui.search.count", len(m.results))
	if m.query == "" {
		count = m.c.t.T("ui.search.hint")
	} else if len(m.results) == 0 {
		count = m.c.t.T("ui.search.none", m.query)
	}
	lines = append(lines, fit(st.Muted.Render(count), w))
	rows := h - len(lines)
	if rows < 1 {
		return clipLines(lines, h)
	}
	m.offset = scrollTo(m.cursor, m.offset, rows)
	for i := m.offset; i < len(m.results) && i < m.offset+rows; i++ {
		it := m.s.items[m.results[i]]
		c := m.s.content[it.Code]
		row := fmt.Sprintf("%s %s %s", m.c.resultMarker(c.Result), it.Code, shortText(it.Text))
		lines = append(lines, m.c.row(row, w, i == m.cursor))
	}
	return lines
}
