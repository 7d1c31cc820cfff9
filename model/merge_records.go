package model

import (
	"encoding/json"
	"fmt"
	"time"
)

// This file is the merge rule for inspections, units and an assessment's
// own fields. Like findings (merge.go) they merge by revision: each save
// is a revision naming the one it was made on, the revisions of both sides
// form one graph, and what a record shows is a function of that graph
// alone (MergeRevisions, Graph.Heads), so any order of imports gives the
// same record and a correction made on one laptop is never reverted by an
// older copy from another. What differs from findings:
//
//   - A record revision is named by what it is (RecordRevisionID): the same
//     change made on two laptops (each loading the same plan) is one
//     revision, not two that disagree.
//   - Two heads that disagree are not a conflict to resolve by hand: the
//     later one is shown (a finalized assessment before a draft, Rev.Rank)
//     and the import says so; the other stays in the history.

// Copy is a record's content as the rule compares it: what it says, in a
// canonical form, and when it was changed (zero when that is not kept).
type Copy struct {
	At   time.Time
	Body string
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

// RecordRevisionID names a revision of a record (entity "inspection",
// "unit" or "assessment", its ID) by the revision it was made on and what
// it says, so the same change made twice is the same revision.
func RecordRevisionID(entity, id, base, body string) string {
	return DerivedID("record revision", entity, id, base, body)
}

// RecordRev describes a record revision for merging: its ID, the one it
// was made on, its canonical content (a Copy's Body), when it was made and
// its rank (see Rev.Rank).
func RecordRev(id, base, body string, at time.Time, rank int) Rev {
	r := Rev{ID: id, Hash: hashFields(base, body), Content: hashFields(body), At: at, Rank: rank}
	if base != "" {
		r.Parents = []string{base}
	}
	return r
}

// DedupRevs keeps one Rev per ID, dated by the earliest: a record
// revision made on two laptops is described by two audit entries with
// their own times, and keeping the earliest makes the choice the same in
// every database, whichever entry it saw first. ok is false if one ID
// comes with two contents (a forgery: the ID says what the content is).
func DedupRevs(revs []Rev) (out []Rev, ok bool) {
	at := make(map[string]int, len(revs))
	ok = true
	for _, r := range revs {
		i, seen := at[r.ID]
		switch {
		case !seen:
			at[r.ID] = len(out)
			out = append(out, r)
		case out[i].Hash != r.Hash:
			ok = false
		case r.At.Before(out[i].At):
			out[i].At = r.At
		}
	}
	return out, ok
}
