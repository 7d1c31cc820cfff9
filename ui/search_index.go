package ui

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// Search reads everything the inspector reads or wrote about an item, in
// tiers, best first: a hit in the item's own text outranks one in what the
// inspector wrote about it, which outranks the criterion's and field's
// titles, which outrank the guidance, the evidence to ask for and the
// legal basis. Accents and case are ignored ("thu tuc" finds "thủ tục"),
// but a query typed with them ranks the items that have them exactly
// first ("Đảng" before "đang"); the field's abbreviations are expanded
// both ways ("thu tuc hanh chinh" finds "TTHC", "tthc" finds "thủ tục
// hành chính").
const (
	tierText = iota // the item's code and text
	tierOwn         // what the inspector wrote: note, evidence seen, recommendation
	tierHead        // the criterion's and the field's titles
	tierRef         // guidance, evidence to ask for, legal basis
	searchTiers
)

// Match ranks within a tier: every query word starting a word beats a
// word found inside another.
const (
	rankWordPrefix = iota
	rankSubstring
)

// searchIndex holds the folded (accent- and case-free) and the lower-case
// text of a checklist's items, by tier, computed once when the checklist
// opens, so a keystroke only folds the query and scans.
type searchIndex struct {
	codes  []string // folded item codes
	folded [][searchTiers]string
	lower  [][searchTiers]string
}

// segment joins the parts of one tier; the separator is no letter, so no
// word runs from one part into the next.
func segment(parts ...string) string { return strings.Join(parts, "\n") }

func newSearchIndex(items []flatItem, cl *model.Checklist) *searchIndex {
	ix := &searchIndex{codes: make([]string, len(items)), folded: make([][searchTiers]string, len(items)),
		lower: make([][searchTiers]string, len(items))}
	for i, it := range items {
		var raw [searchTiers]string
		raw[tierText] = segment(it.Code, it.Text)
		if cl != nil && it.field < len(cl.Fields) {
			f := cl.Fields[it.field]
			raw[tierHead] = segment(f.Criteria[it.crit].Title, f.Title)
		}
		raw[tierRef] = segment(it.Guidance, it.Evidence, it.LegalBasis)
		ix.codes[i] = model.Fold(it.Code)
		for t, s := range raw {
			ix.folded[i][t] = foldKeepLines(s)
			ix.lower[i][t] = strings.ToLower(norm.NFC.String(s))
		}
	}
	return ix
}

// foldKeepLines folds each line of s, keeping the line breaks that part
// its pieces (model.Fold would turn them into spaces).
func foldKeepLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = model.Fold(l)
	}
	return strings.Join(lines, "\n")
}

// ownText is what the inspector wrote about items, searched with them:
// folded and lower case, by item (built when search opens, from what the
// screen shows).
type ownText struct{ folded, lower []string }

func newOwnText(s session) ownText {
	o := ownText{folded: make([]string, len(s.items)), lower: make([]string, len(s.items))}
	for i, it := range s.items {
		c, ok := s.content[it.Code]
		if !ok || c.Note == "" && c.Evidence == "" && c.Recommendation == "" {
			continue
		}
		raw := segment(c.Note, c.Evidence, c.Recommendation)
		o.folded[i] = foldKeepLines(raw)
		o.lower[i] = strings.ToLower(norm.NFC.String(raw))
	}
	return o
}

// abbrev is an abbreviation as search uses it: both forms folded, the
// long one as words.
type abbrev struct {
	short string
	long  []string
}

// abbrevTable folds tables of abbreviations into one; a short form a
// checklist spells out otherwise than the field's table has both readings.
func abbrevTable(tables ...[]model.Abbreviation) []abbrev {
	seen := map[string]bool{}
	var out []abbrev
	for _, table := range tables {
		for _, a := range table {
			short := model.Fold(a.Short)
			long := words(model.Fold(a.Long))
			k := short + "=" + strings.Join(long, " ")
			if short == "" || len(long) == 0 || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, abbrev{short: short, long: long})
		}
	}
	return out
}

// words splits folded text into its words, dropping punctuation.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && !isWordByte(byte(r)) })
}

// searchQuery is a query ready to match: what was typed as words, the
// ways of reading it with abbreviations expanded or contracted, and the
// words typed with accents, for exact matches.
type searchQuery struct {
	code   string     // the folded query, for codes
	alts   [][]string // alts[0] is what was typed
	marked []string   // lower-case words of alts[0] typed with accents; "" for the others
	accent bool       // any word was typed with accents
}

// maxAlternatives bounds the readings of one query.
const maxAlternatives = 32

func newSearchQuery(q string, table []abbrev) searchQuery {
	q = norm.NFC.String(q)
	sq := searchQuery{code: model.Fold(q)}
	typed := strings.Fields(q)
	tokens := make([]string, 0, len(typed))
	for _, w := range typed {
		f := model.Fold(w)
		if f == "" {
			continue
		}
		tokens = append(tokens, f)
		l := strings.ToLower(w)
		if f != l {
			sq.marked = append(sq.marked, l)
			sq.accent = true
		} else {
			sq.marked = append(sq.marked, "")
		}
	}
	if len(tokens) == 0 {
		return sq
	}
	sq.alts = [][]string{tokens}
	seen := map[string]bool{strings.Join(tokens, " "): true}
	for _, a := range table {
		for i := 0; i < len(sq.alts) && len(sq.alts) < maxAlternatives; i++ {
			for _, alt := range a.rewrite(sq.alts[i]) {
				if k := strings.Join(alt, " "); !seen[k] && len(sq.alts) < maxAlternatives {
					seen[k] = true
					sq.alts = append(sq.alts, alt)
				}
			}
		}
	}
	return sq
}

// rewrite is the readings of toks with a's short form spelled out, or its
// long form (whole, or begun at the end of the query: "thu tuc" on its way
// to "thu tuc hanh chinh") put short.
func (a abbrev) rewrite(toks []string) [][]string {
	var out [][]string
	bare := func(s string) string { return strings.Trim(s, ",.;:!?()\"'") }
	splice := func(from, to int, with ...string) []string {
		r := append(slices.Clone(toks[:from]), with...)
		return append(r, toks[to:]...)
	}
	for j := range toks {
		if bare(toks[j]) == a.short {
			out = append(out, splice(j, j+1, a.long...))
		}
		// The long form from word j on, whole or begun.
		n := 0
		for n < len(a.long) && j+n < len(toks) && bare(toks[j+n]) == a.long[n] {
			n++
		}
		switch {
		case n == len(a.long), j+n == len(toks) && n >= 2:
			out = append(out, splice(j, j+n, a.short))
		case j+n == len(toks)-1 && n >= 1 && n < len(a.long) && strings.HasPrefix(a.long[n], bare(toks[j+n])):
			// The last word is being typed: "thu tuc h".
			out = append(out, splice(j, j+n+1, a.short))
		}
	}
	return out
}

// searchHit is one item found, and how well.
type searchHit struct {
	item     int
	code     bool // its code starts with the query
	inexact  bool // a word typed with accents is there only without them
	tier     int  // the weakest tier holding a word of the query
	rank     int
	expanded bool // found through an abbreviation only
}

// better orders hits: code matches, exact accents, tier, word starts,
// what was typed before what an abbreviation gave, checklist order.
func (h searchHit) better(o searchHit) bool {
	switch {
	case h.code != o.code:
		return h.code
	case h.inexact != o.inexact:
		return !h.inexact
	case h.tier != o.tier:
		return h.tier < o.tier
	case h.rank != o.rank:
		return h.rank < o.rank
	case h.expanded != o.expanded:
		return !h.expanded
	}
	return h.item < o.item
}

// find returns the items matching query over the checklist alone, best
// first (every word must occur; ties keep checklist order).
func (ix *searchIndex) find(query string) []int {
	hits := ix.search(newSearchQuery(query, nil), ownText{})
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.item
	}
	return out
}

// search matches q over the items and what the inspector wrote, best
// first.
func (ix *searchIndex) search(q searchQuery, own ownText) []searchHit {
	if len(q.alts) == 0 {
		return nil
	}
	var hits []searchHit
	for i := range ix.codes {
		best, found := searchHit{}, false
		for a, toks := range q.alts {
			h, ok := ix.match(i, own, q, a, toks)
			if ok && (!found || h.better(best)) {
				best, found = h, true
			}
		}
		if strings.HasPrefix(ix.codes[i], q.code) {
			best.code, best.inexact, best.tier, best.rank, best.expanded, found = true, false, tierText, rankWordPrefix, false, true
		}
		if found {
			best.item = i
			hits = append(hits, best)
		}
	}
	slices.SortStableFunc(hits, func(a, b searchHit) int {
		switch {
		case a.better(b):
			return -1
		case b.better(a):
			return 1
		}
		return 0
	})
	return hits
}

// match tries reading alt (the alt-th) of q on item i.
func (ix *searchIndex) match(i int, own ownText, q searchQuery, alt int, toks []string) (searchHit, bool) {
	h := searchHit{item: i, expanded: alt > 0, inexact: q.accent && alt > 0}
	for w, tok := range toks {
		tier, rank := ix.tokenIn(i, own, tok)
		if tier < 0 {
			return h, false
		}
		h.tier, h.rank = max(h.tier, tier), max(h.rank, rank)
		if alt == 0 && q.marked[w] != "" && !strings.Contains(ix.lowerAt(i, own, tier), q.marked[w]) {
			h.inexact = true
		}
	}
	return h, true
}

// tokenIn is the best tier of item i holding tok and how, or -1.
func (ix *searchIndex) tokenIn(i int, own ownText, tok string) (tier, rank int) {
	for t := range searchTiers {
		s := ix.folded[i][t]
		if t == tierOwn && i < len(own.folded) {
			s = own.folded[i]
		}
		if s == "" {
			continue
		}
		if r := tokenRank(s, tok); r >= 0 {
			return t, r
		}
	}
	return -1, -1
}

func (ix *searchIndex) lowerAt(i int, own ownText, tier int) string {
	if tier == tierOwn {
		if i < len(own.lower) {
			return own.lower[i]
		}
		return ""
	}
	return ix.lower[i][tier]
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
