package model

import (
	"math"
	"sort"
)

// UnitKind is the code of a kind of inspected unit, such as "so" for sở, ban,
// ngành. Kinds are data (see checklists/kinds.yaml), not constants: the
// district level was abolished on 1 July 2025 and provinces group units
// differently, so the set of kinds must change without a code change.
type UnitKind string

// KindInfo describes one kind of unit for people.
type KindInfo struct {
	Code    UnitKind `json:"code"`
	Name    string   `json:"name"`    // Vietnamese, e.g. "UBND cấp xã, phường"
	NameEN  string   `json:"name_en"` // English
	Order   int      `json:"order"`   // position in rankings and reports
	Retired string   `json:"retired,omitempty"`
}

// ScoringMode says how an item's score follows from its result.
type ScoringMode string

// The scoring modes a checklist item may use.
const (
	// ScoringBinary: đạt earns the maximum, chưa đạt earns nothing, and
	// "đạt một phần" is not a valid answer.
	ScoringBinary ScoringMode = "binary"
	// ScoringPartial: đạt earns the maximum, đạt một phần half of it by
	// default (the inspector may change it), chưa đạt nothing.
	ScoringPartial ScoringMode = "partial"
	// ScoringLevels: the score must be one of the item's listed levels
	// (e.g. "kịp thời 1; không kịp thời 0,5; không ban hành 0").
	ScoringLevels ScoringMode = "levels"
	// ScoringManual: the inspector enters any score from 0 to the maximum.
	ScoringManual ScoringMode = "manual"
	// ScoringDeduction (điểm trừ): the item starts at its maximum and loses
	// Item.PerCase for every case the inspector records, down to zero.
	ScoringDeduction ScoringMode = "deduction"
)

// ScoringModes lists the valid modes, for validators and help text.
var ScoringModes = []ScoringMode{ScoringBinary, ScoringPartial, ScoringLevels, ScoringManual, ScoringDeduction}

// Valid reports whether m is a known scoring mode.
func (m ScoringMode) Valid() bool {
	for _, v := range ScoringModes {
		if m == v {
			return true
		}
	}
	return false
}

// Level is one step of a graded rubric.
type Level struct {
	Score Points `json:"score"`
	Label string `json:"label"` // e.g. "Ban hành kịp thời"
}

// Item is one assessable question of a checklist (a tiêu chí thành phần, or
// a tiêu chí with no components). Its Text is the inspector's question.
type Item struct {
	Code       string      `json:"code"` // e.g. "3.2.1"
	Text       string      `json:"text"`
	Guidance   string      `json:"guidance,omitempty"`    // how to check on site
	Evidence   string      `json:"evidence,omitempty"`    // tài liệu kiểm chứng to ask for
	LegalBasis string      `json:"legal_basis,omitempty"` // căn cứ: decree, article
	Max        Points      `json:"max"`
	Scoring    ScoringMode `json:"scoring"`
	Levels     []Level     `json:"levels,omitempty"`
	// The per-item rules below are all optional and zero by default, so a
	// checklist that does not use them hashes as it did before they existed.
	PerCase  Points   `json:"per_case,omitempty"`       // ScoringDeduction: points lost per case
	NA       NAPolicy `json:"not_applicable,omitempty"` // what "không áp dụng" does
	Source   string   `json:"source,omitempty"`         // where the wording and points come from
	Default  bool     `json:"default,omitempty"`        // wording or points are a default, not cited
	FollowUp bool     `json:"follow_up,omitempty"`      // fed by the follow-up of earlier recommendations
}

// Criterion is a tiêu chí: a group of items under one heading.
type Criterion struct {
	Code  string `json:"code"` // e.g. "3.2"
	Title string `json:"title"`
	Items []Item `json:"items"`
}

// Max is the sum of the criterion's item maxima.
func (c Criterion) Max() Points {
	var s Points
	for _, it := range c.Items {
		s += it.Max
	}
	return s
}

// Field is a lĩnh vực, such as "Cải cách thủ tục hành chính".
type Field struct {
	Code     string      `json:"code"` // e.g. "3"
	Title    string      `json:"title"`
	Max      Points      `json:"max"`
	Criteria []Criterion `json:"criteria"`
}

// ItemMax is the sum of every item maximum in the field; a valid checklist
// has ItemMax() == Max.
func (f Field) ItemMax() Points {
	var s Points
	for _, c := range f.Criteria {
		s += c.Max()
	}
	return s
}

// Band is one classification band (xếp loại): a unit whose percentage is at
// least MinPercent, and below the next band up, gets Label.
type Band struct {
	Label      string  `json:"label"`
	LabelEN    string  `json:"label_en,omitempty"`
	MinPercent float64 `json:"min_percent"`
}

// Checklist is one version of a checklist for one kind of unit. The pair
// (ID, Version) names it forever: once findings refer to it, a changed
// checklist must get a new version.
//
// Fields added after version 2026.1 of the built-ins are omitted from the
// canonical JSON when zero (omitempty, omitzero), so every checklist that
// does not use them keeps its content hash.
type Checklist struct {
	ID      string   `json:"id"`
	Version string   `json:"version"`
	Title   string   `json:"title"`
	Kind    UnitKind `json:"kind"` // the first kind it applies to
	// Kinds lists every kind the checklist applies to, only when there is
	// more than one (Kinds[0] == Kind); see AppliesTo and AllKinds.
	Kinds []UnitKind `json:"kinds,omitempty"`
	// ValidFrom and ValidUntil bound the visit dates the version is meant
	// for (either may be unset); see ValidOn.
	ValidFrom  Date   `json:"valid_from,omitzero"`
	ValidUntil Date   `json:"valid_until,omitzero"`
	Source     string `json:"source"`   // the decision or document it follows
	Defaults   string `json:"defaults"` // which weights are defaults, in plain words
	Bands      []Band `json:"bands"`    // highest first; may be empty
	// BandsBasis is the decision the bands come from; without it the bands
	// classify nothing in documents (see Classifies).
	BandsBasis string `json:"bands_basis,omitempty"`
	// Abbreviations extend kiemtra's own table for search.
	Abbreviations []Abbreviation `json:"abbreviations,omitempty"`
	Fields        []Field        `json:"fields"`
	Hash          string         `json:"hash,omitempty"` // SHA-256 of the canonical content, set by the loader

	index map[string]itemRef
}

type itemRef struct{ field, crit, item int }

// Ref returns "ID@Version", the checklist's name in messages.
func (c *Checklist) Ref() string { return c.ID + "@" + c.Version }

// Max is the sum of the field maxima.
func (c *Checklist) Max() Points {
	var s Points
	for _, f := range c.Fields {
		s += f.Max
	}
	return s
}

// Items returns every item in checklist order.
func (c *Checklist) Items() []Item {
	var out []Item
	for _, f := range c.Fields {
		for _, cr := range f.Criteria {
			out = append(out, cr.Items...)
		}
	}
	return out
}

// ItemCount is the number of assessable items.
func (c *Checklist) ItemCount() int {
	n := 0
	for _, f := range c.Fields {
		for _, cr := range f.Criteria {
			n += len(cr.Items)
		}
	}
	return n
}

// Index builds the code lookup. Loaders call it once; Item and FieldOf use it.
func (c *Checklist) Index() {
	c.index = make(map[string]itemRef, c.ItemCount())
	for fi, f := range c.Fields {
		for ci, cr := range f.Criteria {
			for ii, it := range cr.Items {
				c.index[it.Code] = itemRef{fi, ci, ii}
			}
		}
	}
}

// Item finds an item by code.
func (c *Checklist) Item(code string) (Item, bool) {
	if c.index == nil {
		c.Index()
	}
	r, ok := c.index[code]
	if !ok {
		return Item{}, false
	}
	return c.Fields[r.field].Criteria[r.crit].Items[r.item], true
}

// FieldOf returns the index of the field holding the item, or -1.
func (c *Checklist) FieldOf(code string) int {
	if c.index == nil {
		c.Index()
	}
	r, ok := c.index[code]
	if !ok {
		return -1
	}
	return r.field
}

// Classify returns the band for a percentage. Bands are checked from the
// highest threshold down; a percentage below every band gets the last one.
func (c *Checklist) Classify(percent float64) Band {
	return Classify(c.Bands, percent)
}

// Classify returns the band of bands whose threshold percent reaches. It
// sorts a copy, so bands may come in any order. With no bands it returns
// the zero Band.
func Classify(bands []Band, percent float64) Band {
	if len(bands) == 0 {
		return Band{}
	}
	sorted := append([]Band(nil), bands...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].MinPercent > sorted[j].MinPercent })
	// Compare the percentage as it is printed (two decimals, like Rank's
	// ties): a unit shown as "90,00%" must not be classed below 90, and
	// float noise such as 89.9999999999 lands on 90 too.
	p := RoundPercent(percent)
	for _, b := range sorted {
		if p >= b.MinPercent {
			return b
		}
	}
	return sorted[len(sorted)-1]
}

// RoundPercent rounds a percentage to the two decimals every report prints.
func RoundPercent(p float64) float64 { return math.Round(p*100) / 100 }
