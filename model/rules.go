package model

// This file holds the rules a checklist may set per item and for itself
// (issue 11): what "không áp dụng" does, the kinds and dates a version is
// for, whether its bands classify, and what an item's wording rests on.

// NAPolicy says whether an item may be marked không áp dụng and what that
// does to the score.
type NAPolicy string

// The policies. The zero value is today's rule, so checklists that do not
// say keep their hash.
const (
	// NAExclude: không áp dụng is allowed and the item leaves the maximum
	// (it neither earns nor costs points).
	NAExclude NAPolicy = ""
	// NAFull: không áp dụng is allowed and counts as full marks: the item
	// keeps its maximum and earns all of it.
	NAFull NAPolicy = "full"
	// NANotAllowed: không áp dụng is not a valid result for the item.
	NANotAllowed NAPolicy = "no"
)

// NAPolicies lists the policies, for validators and help text.
var NAPolicies = []NAPolicy{NAExclude, NAFull, NANotAllowed}

// Code is the policy as written in checklist files: "exclude" for the
// zero value.
func (p NAPolicy) Code() string {
	if p == NAExclude {
		return "exclude"
	}
	return string(p)
}

// ParseNAPolicy reads a policy code ("exclude", "full", "no"; "" is
// exclude).
func ParseNAPolicy(s string) (NAPolicy, bool) {
	switch s {
	case "", "exclude":
		return NAExclude, true
	case string(NAFull):
		return NAFull, true
	case string(NANotAllowed):
		return NANotAllowed, true
	}
	return "", false
}

// AllowsNA reports whether the item may be marked không áp dụng.
func (it Item) AllowsNA() bool { return it.NA != NANotAllowed }

// Abbreviation is one entry a checklist adds to the search table, such as
// TTHC for thủ tục hành chính.
type Abbreviation struct {
	Short string `json:"short"`
	Long  string `json:"long"`
}

// Basis says what an item's wording and points rest on.
type Basis int

// The bases, from the item's source and default keys.
const (
	// BasisChecklist: the item names no source of its own; it rests on
	// the checklist's Source.
	BasisChecklist Basis = iota
	// BasisCited: the item cites its own source (Item.Source).
	BasisCited
	// BasisDefault: the wording or the points are kiemtra's default or
	// inferred (Item.Default), not taken from a cited decision; records
	// mark scores that rest on them.
	BasisDefault
)

// Basis is what the item's wording and points rest on. Default wins over
// a source: an item may cite where its wording comes from and still say
// its points are a default.
func (it Item) Basis() Basis {
	switch {
	case it.Default:
		return BasisDefault
	case it.Source != "":
		return BasisCited
	}
	return BasisChecklist
}

// BasisText is the source the item rests on: its own, else the
// checklist's.
func (c *Checklist) BasisText(it Item) string {
	if it.Source != "" {
		return it.Source
	}
	return c.Source
}

// AllKinds is every kind the checklist applies to, Kind first.
func (c *Checklist) AllKinds() []UnitKind {
	if len(c.Kinds) > 0 {
		return append([]UnitKind(nil), c.Kinds...)
	}
	if c.Kind == "" {
		return nil
	}
	return []UnitKind{c.Kind}
}

// AppliesTo reports whether the checklist is for units of kind k.
func (c *Checklist) AppliesTo(k UnitKind) bool {
	if k == "" {
		return false
	}
	if k == c.Kind {
		return true
	}
	for _, v := range c.Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// ValidOn reports whether the version is meant for a visit on d: d is not
// before ValidFrom nor after ValidUntil (each bound only when set). A zero
// d (the date is not known yet) is valid for every version.
func (c *Checklist) ValidOn(d Date) bool {
	if d.IsZero() {
		return true
	}
	if !c.ValidFrom.IsZero() && d.Before(c.ValidFrom) {
		return false
	}
	if !c.ValidUntil.IsZero() && c.ValidUntil.Before(d) {
		return false
	}
	return true
}

// Classifies reports whether documents may print a classification (xếp
// loại): only when the checklist has bands and names the decision they
// come from. The annual Chỉ số CCHC thresholds do not classify an
// inspection unless a decision says they do.
func (c *Checklist) Classifies() bool { return len(c.Bands) > 0 && c.BandsBasis != "" }

// FollowUpItem is the item fed by the follow-up of the previous
// inspection's recommendations, if the checklist has one (at most one).
func (c *Checklist) FollowUpItem() (Item, bool) {
	for _, f := range c.Fields {
		for _, cr := range f.Criteria {
			for _, it := range cr.Items {
				if it.FollowUp {
					return it, true
				}
			}
		}
	}
	return Item{}, false
}
