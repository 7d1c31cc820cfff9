package model

import (
	"sort"
)

// Tally is a score against a maximum, with progress.
type Tally struct {
	Score Points `json:"score"`
	// Max is the maximum with every item counted; AdjustedMax leaves out
	// items marked không áp dụng, which neither earn nor cost points,
	// unless the item counts không áp dụng as full marks (NAFull), when it
	// stays in and earns its maximum. Không áp dụng on an item that does
	// not allow it (NANotAllowed) counts as not assessed.
	Max         Points `json:"max"`
	AdjustedMax Points `json:"adjusted_max"`
	Answered    int    `json:"answered"`
	Total       int    `json:"total"`
	Shortfalls  int    `json:"shortfalls"` // chưa đạt + đạt một phần
}

// Percent is Score / AdjustedMax × 100, or 0 when nothing can be scored.
func (t Tally) Percent() float64 {
	if t.AdjustedMax <= 0 {
		return 0
	}
	return float64(t.Score) * 100 / float64(t.AdjustedMax)
}

// Complete reports whether every item is answered.
func (t Tally) Complete() bool { return t.Answered == t.Total }

func (t *Tally) add(it Item, c Content, answered bool) {
	t.Total++
	t.Max += it.Max
	if answered && c.Result == ResultNotApplicable {
		switch it.NA {
		case NAFull:
			// Counts as full marks: the item keeps its maximum and earns it.
			t.Answered++
			t.AdjustedMax += it.Max
			t.Score += it.Max
			return
		case NANotAllowed:
			// Not a valid answer for this item: it counts as not assessed,
			// so the maximum stays and the assessment is not complete.
			t.AdjustedMax += it.Max
			return
		default:
			// Excluded: answered, out of the maximum.
			t.Answered++
			return
		}
	}
	t.AdjustedMax += it.Max
	if answered && c.Result.Answered() {
		t.Answered++
		t.Score += c.Score
		if c.Result.Shortcoming() {
			t.Shortfalls++
		}
	}
}

// FieldScore is one field's tally.
type FieldScore struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	Tally
}

// Scorecard is an assessment's scores, by field and overall.
type Scorecard struct {
	Fields  []FieldScore `json:"fields"`
	Overall Tally        `json:"overall"`
	Band    Band         `json:"band"`
}

// Score computes the scorecard of an assessment from its findings, keyed by
// item code. Findings for codes the checklist lacks are ignored. An item
// with no finding counts as not assessed: its maximum stays in AdjustedMax
// (an unanswered item is not a free pass), and Complete() stays false.
func Score(cl *Checklist, findings map[string]Content) Scorecard {
	sc := Scorecard{Fields: make([]FieldScore, 0, len(cl.Fields))}
	for _, f := range cl.Fields {
		fs := FieldScore{Code: f.Code, Title: f.Title}
		for _, cr := range f.Criteria {
			for _, it := range cr.Items {
				c, ok := findings[it.Code]
				fs.add(it, c, ok)
				sc.Overall.add(it, c, ok)
			}
		}
		sc.Fields = append(sc.Fields, fs)
	}
	sc.Band = cl.Classify(sc.Overall.Percent())
	return sc
}

// RankEntry is one unit's result in a ranking.
type RankEntry struct {
	UnitID  string
	Kind    UnitKind
	Percent float64
	// Eligible is false for assessments not finalized (or not complete):
	// they are listed but never ranked, so an unfinished unit is not silently
	// counted as a low score.
	Eligible bool
	Rank     int // 1-based within its kind; 0 when not eligible
}

// Rank ranks entries by percentage, descending, separately within each kind
// of unit. Equal percentages (to 0.01 points of a percent) share a rank and
// the next rank is skipped (1, 1, 3), as provincial decisions publish them.
// The result is sorted by kind order (as given in kindOrder, unknown kinds
// last, by code), then rank, then unit ID, so it is deterministic.
func Rank(entries []RankEntry, kindOrder []UnitKind) []RankEntry {
	out := append([]RankEntry(nil), entries...)
	order := map[UnitKind]int{}
	for i, k := range kindOrder {
		order[k] = i
	}
	kpos := func(k UnitKind) int {
		if i, ok := order[k]; ok {
			return i
		}
		return len(kindOrder)
	}
	round := func(p float64) int64 { return int64(p*100 + 0.5) }
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if kpos(a.Kind) != kpos(b.Kind) {
			return kpos(a.Kind) < kpos(b.Kind)
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Eligible != b.Eligible {
			return a.Eligible
		}
		if a.Eligible && round(a.Percent) != round(b.Percent) {
			return a.Percent > b.Percent
		}
		return a.UnitID < b.UnitID
	})
	for i := range out {
		out[i].Rank = 0
		if !out[i].Eligible {
			continue
		}
		if i > 0 && out[i-1].Eligible && out[i-1].Kind == out[i].Kind &&
			round(out[i-1].Percent) == round(out[i].Percent) {
			out[i].Rank = out[i-1].Rank
			continue
		}
		pos := 1
		for j := i - 1; j >= 0 && out[j].Kind == out[i].Kind; j-- {
			pos++
		}
		out[i].Rank = pos
	}
	return out
}
