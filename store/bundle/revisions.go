package bundle

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"kiemtra/model"
)

// A revision is one state of a record, made by one save: a finding's
// value (findings have always had revisions), or an inspection's, a
// unit's or an assessment's own fields. Every revision is described by
// the audit entry that recorded it, so it travels, is signed and merges
// with that entry.

// findingJSON is how an audit entry writes a finding revision: the
// finding, and the assessment revision it was saved under.
type findingJSON struct {
	model.Finding
	AssessmentRevision string `json:"assessment_revision,omitempty"`
}

// RevisionOf reads the finding revision an audit entry about a finding
// describes: its new value, and for a resolution the other sides it was
// based on (its old value lists both).
func RevisionOf(e AuditEntry) (Revision, error) {
	r := Revision{Entry: e}
	var fj findingJSON
	if err := json.Unmarshal([]byte(e.New), &fj); err != nil {
		return r, fmt.Errorf("revision %s: %w", e.Revision, err)
	}
	r.Finding, r.AssessmentRevision = fj.Finding, fj.AssessmentRevision
	if e.Action == "resolve" {
		var sides []model.Finding
		if err := json.Unmarshal([]byte(e.Old), &sides); err != nil {
			return r, fmt.Errorf("resolution %s: %w", e.Revision, err)
		}
		for _, s := range sides {
			r.Merged = append(r.Merged, s.Revision)
		}
	}
	return r, nil
}

// Rev is the revision as the merge rule sees it.
func (r Revision) Rev() model.Rev { return model.RevOf(r.Finding, r.Merged...) }

// RecordRevision is one revision of an inspection, unit or assessment.
type RecordRevision struct {
	Entity   string // "inspection", "unit" or "assessment"
	ID       string // the record's ID as the entry names it
	Revision string
	Base     string // the revision it was made on, "" for a first one
	// Body is the record's own content in canonical form (model's
	// …Copy): two revisions with equal bodies say the same thing.
	Body   string
	Status model.Status // an assessment's
	// Seal is, for an assessment revision that is finalized, each item's
	// finding revision as it was signed.
	Seal map[string]string
	// Files are, for a finalized assessment revision whose seal names
	// them, the attachments live when it was signed (FilesSealed: the seal
	// names them, even none; a seal made before files were sealed does not).
	Files       []string
	FilesSealed bool
	Entry       AuditEntry
}

// Rev is the revision as the merge rule sees it: a finalized assessment
// ranks above a draft, so a signed record is never displaced by a draft
// that did not know of it.
func (r RecordRevision) Rev() model.Rev {
	rank := 0
	if r.Status == model.StatusFinalized {
		rank = 1
	}
	return model.RecordRev(r.Revision, r.Base, r.Body, r.Entry.At, rank)
}

// recordJSON reads what every record's JSON has: its ID, and for an
// assessment the seal.
type recordJSON struct {
	ID          string            `json:"id"`
	Sealed      map[string]string `json:"sealed"`
	SealedFiles *[]string         `json:"sealed_files"`
}

// recordHead reads what every record's JSON has, and whether e's new
// value is the state of the record it is about.
func recordHead(e AuditEntry) (recordJSON, bool) {
	var head recordJSON
	err := json.Unmarshal([]byte(e.New), &head)
	return head, err == nil && head.ID == e.EntityID
}

// RecordRevisionOf reads the record revision an audit entry about an
// inspection, unit or assessment describes. An entry that records no state
// of the record (the reason given for a reopening) is no revision: ok is
// false. An entry written before records had revisions gets the revision
// its content and record name (model.RecordRevisionID), the same in every
// database.
func RecordRevisionOf(e AuditEntry) (RecordRevision, bool, error) {
	r := RecordRevision{Entity: e.Entity, ID: e.EntityID, Revision: e.Revision, Base: e.BaseRevision, Entry: e}
	head, isRecord := recordHead(e)
	if !isRecord {
		return r, false, nil
	}
	where := model.ShortID(e.EntityID)
	bad := func(err error) (RecordRevision, bool, error) {
		return r, false, contentErrBy(err, where, "the "+e.Entity+" revision cannot be read")
	}
	switch e.Entity {
	case "inspection":
		var in model.Inspection
		if err := json.Unmarshal([]byte(e.New), &in); err != nil {
			return bad(err)
		}
		if err := CheckInspection(in); err != nil {
			return r, false, err
		}
		r.Body = model.InspectionCopy(in, e.At).Body
	case "unit":
		var u model.Unit
		if err := json.Unmarshal([]byte(e.New), &u); err != nil {
			return bad(err)
		}
		if err := CheckUnit(u); err != nil {
			return r, false, err
		}
		r.Body = model.UnitCopy(u).Body
	case "assessment":
		var a model.Assessment
		if err := json.Unmarshal([]byte(e.New), &a); err != nil {
			return bad(err)
		}
		if err := CheckAssessment(a); err != nil {
			return r, false, err
		}
		r.Body, r.Status = model.AssessmentCopy(a).Body, a.Status
		if a.Status == model.StatusFinalized && head.Sealed != nil {
			for item, rev := range head.Sealed {
				if item == "" || !model.ValidID(rev) {
					return r, false, contentErr(where, "an invalid seal")
				}
			}
			r.Seal = head.Sealed
			// Two records signed with different findings are different
			// records, even if their own fields agree.
			seal, err := json.Marshal(head.Sealed) // map keys sorted: canonical
			if err != nil {
				return bad(err)
			}
			r.Body += "\x00" + string(seal)
			if head.SealedFiles != nil {
				files := append([]string{}, *head.SealedFiles...)
				sort.Strings(files)
				for i, id := range files {
					if !model.ValidID(id) || i > 0 && files[i-1] == id {
						return r, false, contentErr(where, "an invalid seal")
					}
				}
				r.Files, r.FilesSealed = files, true
				r.Body += "\x00files:" + strings.Join(files, ",")
			}
		}
	default:
		return r, false, nil
	}
	if r.Revision == "" {
		r.Revision = model.RecordRevisionID(e.Entity, e.EntityID, "", r.Body)
	} else if !model.ValidID(r.Revision) || r.Base != "" && !model.ValidID(r.Base) {
		return r, false, contentErr(where, "invalid revision")
	}
	return r, true, nil
}
