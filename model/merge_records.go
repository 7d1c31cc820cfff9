package model

import (
	"encoding/json"
	"fmt"
	"time"
)

// This file is the merge rule for records that have no revision graph:
// inspections, units and an assessment's own fields (its findings merge
// by revision, merge.go). Two databases holding differing copies of such a
// record keep the one changed last, then the one with the greater content,
// so the choice depends only on the two copies, never on which database
// imports which first: merging is commutative, associative and idempotent
// (property-tested), and every order of imports ends with the same record.
//
// The functions take the held copy and an incoming one and say what the
// held database keeps. When units and inspections gain revisions (as
// findings have), these are where the rule changes; callers already only
// ask "what is kept, and did it change".

// Copy is one database's copy of such a record, as the rule sees it: when
// it was last changed (zero when that is not recorded, as for units) and
// what it says, in a canonical form.
type Copy struct {
	At   time.Time
	Body string
}

// Wins reports whether copy a is kept over copy b: the later change, then
// the greater content. Equal copies do not win over each other.
func (a Copy) Wins(b Copy) bool {
	if !a.At.Equal(b.At) {
		return a.At.After(b.At)
	}
	return a.Body > b.Body
}

// canonical is v's content as compared: its JSON (every record type here
// encodes; were one not to, its Go syntax still compares consistently).
func canonical(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// InspectionCopy is an inspection changed at at.
func InspectionCopy(in Inspection, at time.Time) Copy {
	return Copy{At: at, Body: canonical(in)}
}

// UnitCopy is a unit: its name, kind and address (its ID and code say
// which unit it is; no change time is kept for units).
func UnitCopy(u Unit) Copy {
	return Copy{Body: u.Name + "\x00" + string(u.Kind) + "\x00" + u.Address}
}

// AssessmentCopy is an assessment's own fields (visit, status, the unit's
// side, remarks) at its UpdatedAt; which record it is (ID, inspection,
// unit) and its checklist version are not part of the comparison.
func AssessmentCopy(a Assessment) Copy {
	at := a.UpdatedAt
	a.ID, a.UpdatedAt, a.ChecklistID, a.ChecklistVersion, a.UnitID = "", time.Time{}, "", "", ""
	return Copy{At: at, Body: canonical(a)}
}

// InspectionMerge is what merging a copy of an inspection keeps.
type InspectionMerge struct {
	Inspection Inspection
	At         time.Time // when the kept copy was changed
	Changed    bool      // the incoming copy replaces the held one
}

// MergeInspection merges an incoming copy of an inspection (changed at
// inAt) into the held one (changed at heldAt).
func MergeInspection(held Inspection, heldAt time.Time, in Inspection, inAt time.Time) InspectionMerge {
	if InspectionCopy(in, inAt).Wins(InspectionCopy(held, heldAt)) {
		return InspectionMerge{Inspection: in, At: inAt, Changed: true}
	}
	return InspectionMerge{Inspection: held, At: heldAt}
}

// UnitMerge is what merging a copy of a unit keeps.
type UnitMerge struct {
	Unit    Unit // the held unit's ID and code, the winning copy's content
	Changed bool // the incoming copy's content replaces the held one's
}

// MergeUnit merges an incoming copy of a unit (the same code) into the
// held one.
func MergeUnit(held, in Unit) UnitMerge {
	if !UnitCopy(in).Wins(UnitCopy(held)) {
		return UnitMerge{Unit: held}
	}
	kept := held
	kept.Name, kept.Kind, kept.Address = in.Name, in.Kind, in.Address
	return UnitMerge{Unit: kept, Changed: true}
}

// AssessmentMerge is what merging a copy of an assessment keeps.
type AssessmentMerge struct {
	// Assessment keeps the held record's identity and checklist version and
	// the winning copy's own fields.
	Assessment Assessment
	Changed    bool // the incoming copy's fields replace the held ones
	// ChecklistDiffers: the copies use different checklist versions. The
	// held one is kept (its findings were made against it); a person
	// should know.
	ChecklistDiffers bool
}

// MergeAssessment merges an incoming copy of an assessment (the same
// inspection and unit) into the held one.
func MergeAssessment(held, in Assessment) AssessmentMerge {
	m := AssessmentMerge{Assessment: held,
		ChecklistDiffers: held.ChecklistID != in.ChecklistID || held.ChecklistVersion != in.ChecklistVersion}
	if !AssessmentCopy(in).Wins(AssessmentCopy(held)) {
		return m
	}
	kept := in
	kept.ID, kept.InspectionID, kept.UnitID = held.ID, held.InspectionID, held.UnitID
	kept.ChecklistID, kept.ChecklistVersion = held.ChecklistID, held.ChecklistVersion
	m.Assessment, m.Changed = kept, true
	return m
}
