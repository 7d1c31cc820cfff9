package model

import (
	"fmt"
	"sort"
	"strconv"
)

// This file holds the unit's self-assessment (tự đánh giá, chấm điểm):
// before the province appraises it, a unit scores itself on the same
// checklist and names the documents that prove each claim. The inspection
// checks those claims, so every score the inspector gives is shown and
// reported beside the unit's own, with the difference (chênh lệch).

// SelfScore is the unit's own score for one item, with its reference to
// the evidence. It belongs to the unit's assessment in an inspection and
// is kept as revisions, like a finding.
type SelfScore struct {
	ID           string `json:"id"`
	AssessmentID string `json:"assessment_id"`
	ItemCode     string `json:"item_code"`
	// Scored is false when the unit left the score out (a later workbook
	// took back one it gave): only Evidence may be held then.
	Scored   bool   `json:"scored"`
	Score    Points `json:"score"`
	Evidence string `json:"evidence,omitempty"` // the unit's tài liệu kiểm chứng
	Stamp
}

// SelfScoreID names the unit's score for an item of an assessment, the
// same on every laptop.
func SelfScoreID(assessmentID, itemCode string) string {
	return DerivedID("self_score", assessmentID, itemCode)
}

// RecordKind implements Revisioned.
func (s SelfScore) RecordKind() string { return "self_score" }

// RecordID implements Revisioned.
func (s SelfScore) RecordID() string { return s.ID }

// RecordStamp implements Revisioned.
func (s SelfScore) RecordStamp() Stamp { return s.Stamp }

func (s SelfScore) identity() []string { return []string{s.AssessmentID, s.ItemCode} }

// ContentHash implements Revisioned.
func (s SelfScore) ContentHash() string {
	return hashFields(strconv.FormatBool(s.Scored), strconv.FormatInt(int64(s.Score), 10), s.Evidence)
}

// SameContent reports whether two revisions say the same.
func (s SelfScore) SameContent(o SelfScore) bool {
	return s.Scored == o.Scored && s.Score == o.Score && s.Evidence == o.Evidence
}

// CheckSelfScore says whether a unit may claim score for the item: the
// scores the item's scoring allows for any result (0 to the maximum, and
// for items scored by levels or all-or-nothing, only those).
func (it Item) CheckSelfScore(score Points) error {
	if score < 0 || score > it.Max {
		return fmt.Errorf("%w: %s is outside 0–%s", ErrScore, score, it.Max)
	}
	switch it.Scoring {
	case ScoringBinary:
		if score != 0 && score != it.Max {
			return fmt.Errorf("%w: item %s earns all %s points or none", ErrScore, it.Code, it.Max)
		}
	case ScoringLevels:
		if score == it.Max || score == 0 {
			return nil
		}
		for _, l := range it.Levels {
			if l.Score == score {
				return nil
			}
		}
		return fmt.Errorf("%w: %s is not one of the item's levels", ErrScore, score)
	default:
		// partial, manual, deduction: any score from 0 to the maximum.
	}
	return nil
}

// SelfTally adds up the items where both the unit and the inspector gave a
// score: the unit's total, the inspector's (điểm kiểm tra) and how many
// items; Claimed counts every item the unit scored.
type SelfTally struct {
	Self     Points `json:"self"`
	Verified Points `json:"verified"`
	Compared int    `json:"compared"`
	Claimed  int    `json:"claimed"`
	// Gap is the sum of each item's difference without its sign: a unit
	// over in one item and under in another is not "right on".
	Gap Points `json:"gap"`
}

// Diff is the unit's total less the inspector's (chênh lệch): positive
// when the unit rated itself higher.
func (t SelfTally) Diff() Points { return t.Self - t.Verified }

func (t *SelfTally) add(c SelfItem) {
	t.Claimed++
	if !c.Compared {
		return
	}
	t.Compared++
	t.Self += c.Self
	t.Verified += c.Verified
	t.Gap += absPoints(c.Diff())
}

func absPoints(p Points) Points {
	if p < 0 {
		return -p
	}
	return p
}

// SelfItem is one item the unit scored, beside the inspector's score.
type SelfItem struct {
	Code       string
	FieldCode  string
	Self       Points
	Evidence   string
	Verified   Points
	Compared   bool // the inspector scored it too (không áp dụng left out)
	Unassessed bool // the inspector has not assessed it yet
}

// Diff is the unit's score less the inspector's.
func (c SelfItem) Diff() Points { return c.Self - c.Verified }

// SelfField is one field's self-assessment tally.
type SelfField struct {
	Code  string
	Title string
	SelfTally
}

// SelfComparison is a unit's self-assessment beside the inspection: every
// item it scored, in checklist order, and the tallies by field and
// overall.
type SelfComparison struct {
	Items   []SelfItem
	Fields  []SelfField // every field of the checklist, in order
	Overall SelfTally
}

// Empty reports whether the unit scored nothing.
func (s SelfComparison) Empty() bool { return s.Overall.Claimed == 0 }

// Item is the comparison of the item with code, false when the unit did
// not score it.
func (s SelfComparison) Item(code string) (SelfItem, bool) {
	for _, c := range s.Items {
		if c.Code == code {
			return c, true
		}
	}
	return SelfItem{}, false
}

// CompareSelf sets the unit's scores beside the inspector's findings (by
// item code). An item is compared when the inspector scored it: đạt, đạt
// một phần or chưa đạt, or không áp dụng counted as full marks; one marked
// không áp dụng and left out, or not assessed yet, is listed but not
// compared.
func CompareSelf(cl *Checklist, findings map[string]Content, self []SelfScore) SelfComparison {
	byCode := make(map[string]SelfScore, len(self))
	for _, s := range self {
		if s.Scored {
			byCode[s.ItemCode] = s
		}
	}
	var out SelfComparison
	for _, f := range cl.Fields {
		sf := SelfField{Code: f.Code, Title: f.Title}
		for _, cr := range f.Criteria {
			for _, it := range cr.Items {
				s, ok := byCode[it.Code]
				if !ok {
					continue
				}
				c := SelfItem{Code: it.Code, FieldCode: f.Code, Self: s.Score, Evidence: s.Evidence}
				fc, answered := findings[it.Code]
				switch {
				case !answered || !fc.Result.Answered():
					c.Unassessed = true
				case fc.Result == ResultNotApplicable && it.NA == NAFull:
					c.Compared, c.Verified = true, it.Max
				case fc.Result == ResultNotApplicable:
				default:
					c.Compared, c.Verified = true, fc.Score
				}
				out.Items = append(out.Items, c)
				sf.add(c)
				out.Overall.add(c)
			}
		}
		out.Fields = append(out.Fields, sf)
	}
	return out
}

// SelfRankRow is one unit in the ranking of self-assessments by how far
// they were from the inspection's scores.
type SelfRankRow struct {
	InspectionID string
	AssessmentID string
	Unit         Unit
	Kind         KindInfo
	State        RecordState
	SelfTally
	// Rank is 1 for the unit furthest from the verified score; 0 for a
	// record not final (its verified score is not settled), which is
	// listed after the ranked ones.
	Rank int
}

// RankSelf ranks the rows by how far each unit's self-assessment was from
// the verified scores: the difference of the totals without its sign, then
// the sum of the items' differences, largest first; equal ones share a
// rank. Only final records are ranked.
func RankSelf(rows []SelfRankRow) []SelfRankRow {
	out := append([]SelfRankRow(nil), rows...)
	key := func(r SelfRankRow) (Points, Points) { return absPoints(r.Diff()), r.Gap }
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.State.Ranked() != b.State.Ranked() {
			return a.State.Ranked()
		}
		ad, ag := key(a)
		bd, bg := key(b)
		if ad != bd {
			return ad > bd
		}
		if ag != bg {
			return ag > bg
		}
		if a.Unit.Code != b.Unit.Code {
			return a.Unit.Code < b.Unit.Code
		}
		return a.AssessmentID < b.AssessmentID
	})
	for i := range out {
		out[i].Rank = 0
		if !out[i].State.Ranked() {
			continue
		}
		if i > 0 && out[i-1].State.Ranked() {
			pd, pg := key(out[i-1])
			d, g := key(out[i])
			if pd == d && pg == g {
				out[i].Rank = out[i-1].Rank
				continue
			}
		}
		out[i].Rank = i + 1
	}
	return out
}
