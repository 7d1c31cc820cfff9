package model

import (
	"strconv"
	"strings"
)

// This file holds the rules of a visit: which unit was visited (the
// assessment keeps the unit's name and kind as they were, so renaming or
// re-kinding a unit later never rewrites a past record), and whether a unit
// of some kind may be visited on some day against some checklist version.

// UnitAsVisited is u as the assessment knows it from the visit: its name
// and kind then. An assessment made before it kept them (an old bundle, a
// database not yet migrated) shows u as it is.
func (a Assessment) UnitAsVisited(u Unit) Unit {
	if a.UnitName != "" {
		u.Name = a.UnitName
	}
	if a.UnitKind != "" {
		u.Kind = a.UnitKind
	}
	return u
}

// KindList is a param naming kinds of unit: their codes, comma-separated.
// The catalogue shows each kind's name in the reader's language.
func KindList(kinds []UnitKind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

// visitDay is the day a visit is checked against: its own date, else the
// inspection's start (zero when neither is known yet).
func visitDay(in Inspection, d Date) Date {
	if d.IsZero() {
		return in.Start
	}
	return d
}

// CheckVisit says whether a unit of kind k may be visited on d (or, when
// d is zero, at the inspection's start) in the inspection in, against the
// checklist version c. It refuses, with the reason as a coded error:
//   - a checklist that is not for that kind of unit (EChecklistKind; a
//     sở assessed with the xã checklist would be scored on questions that
//     are not its own);
//   - a kind that no longer exists on that day (EKindRetired: no UBND cấp
//     huyện after 1 July 2025); a visit of unknown day in an inspection of
//     a later year than the kind's end is refused too;
//   - a version not meant for that day (EChecklistDate).
//
// kinds are the kinds of unit (checklists.Kinds()); a kind they do not
// list has no end.
func CheckVisit(kinds []KindInfo, in Inspection, k UnitKind, d Date, c *Checklist) error {
	if !c.AppliesTo(k) {
		return NewError(EChecklistKind, nil, c.Ref(), string(k), KindList(c.AllKinds()))
	}
	day := visitDay(in, d)
	if err := checkRetired(kinds, in, k, day); err != nil {
		return err
	}
	if !day.IsZero() && !c.ValidOn(day) {
		return NewError(EChecklistDate, nil, c.Ref(), day.VN(), openEnd(c.ValidFrom), openEnd(c.ValidUntil))
	}
	return nil
}

// CheckKindOn is CheckVisit's rule for the kind alone: a unit of kind k
// may be visited on d (or at the inspection's start).
func CheckKindOn(kinds []KindInfo, in Inspection, k UnitKind, d Date) error {
	return checkRetired(kinds, in, k, visitDay(in, d))
}

func checkRetired(kinds []KindInfo, in Inspection, k UnitKind, day Date) error {
	info := KindOf(kinds, k)
	if info.Retired == "" {
		return nil
	}
	// The kinds file's loader refuses a date that does not parse, so
	// Retired is one here; a kind without a readable end has none.
	end, _ := ParseDate(info.Retired)
	if end.IsZero() {
		return nil
	}
	switch {
	case !day.IsZero() && !day.Before(end):
		return NewError(EKindRetired, nil, string(k), end.VN(), day.VN())
	case day.IsZero() && in.Year > end.Year():
		return NewError(EKindRetired, nil, string(k), end.VN(), strconv.Itoa(in.Year))
	}
	return nil
}

// openEnd is a validity bound as a message shows it: "…" when unset.
func openEnd(d Date) string {
	if d.IsZero() {
		return "…"
	}
	return d.VN()
}

// NewestValid picks, among versions of one checklist, the one a visit of
// kind k on d (or at the inspection's start) should use: the newest (by
// CodeLess order of versions) that applies to k and is valid on that day.
// When none is, it returns the error CheckVisit gives the newest version
// that applies to k (or, when none applies, the newest of all), so the
// person reads why. versions must not be empty.
func NewestValid(versions []*Checklist, kinds []KindInfo, in Inspection, k UnitKind, d Date) (*Checklist, error) {
	var best, newestForKind, newest *Checklist
	for _, c := range versions {
		if newest == nil || CodeLess(newest.Version, c.Version) {
			newest = c
		}
		if !c.AppliesTo(k) {
			continue
		}
		if newestForKind == nil || CodeLess(newestForKind.Version, c.Version) {
			newestForKind = c
		}
		if CheckVisit(kinds, in, k, d, c) == nil && (best == nil || CodeLess(best.Version, c.Version)) {
			best = c
		}
	}
	switch {
	case best != nil:
		return best, nil
	case newestForKind != nil:
		return nil, CheckVisit(kinds, in, k, d, newestForKind)
	}
	return nil, CheckVisit(kinds, in, k, d, newest)
}
