package bundle

import (
	"encoding/json"
	"strings"

	"kiemtra/model"
)

// The records that follow a unit from one inspection to the next — what a
// visit found of an earlier kiến nghị (follow_up), the unit's report on
// its fixes (fix_report) and its own scores (self_score) — travel as
// their audit entries: each entry's new value is one revision of the
// record, stamped with its revision and the ones it was based on
// (model.Stamp). The receiver rebuilds each record from the union of its
// revisions, as it does a finding's, so nothing is lost and two laptops
// that disagree leave both values, in conflict.

// The stamped kinds on the wire (an audit entry's entity).
const (
	EntityFollowUp  = "follow_up"
	EntityFixReport = "fix_report"
	EntitySelfScore = "self_score"
)

// StampedKinds are the entities kept as stamped revisions.
var StampedKinds = []string{EntityFollowUp, EntityFixReport, EntitySelfScore}

// Stamped reports whether entries about entity describe stamped revisions.
func Stamped(entity string) bool {
	return entity == EntityFollowUp || entity == EntityFixReport || entity == EntitySelfScore
}

// StampedRevision is one revision of a stamped record as an entry
// describes it.
type StampedRevision struct {
	Record model.Revisioned // a model.FollowUp, model.FixReport or model.SelfScore
	// AssessmentID is the visit a follow-up or a self-score belongs to;
	// UnitCode the unit a fix report is from; ItemCode a self-score's item.
	AssessmentID, UnitCode, ItemCode string
}

// Rev is the revision as the merge rule sees it.
func (s StampedRevision) Rev() model.Rev { return model.StampedRev(s.Record) }

// StampedRevisionOf reads the revision an entry about a stamped record
// describes and checks it as the app's own save path would: the record's
// ID is the one its identity derives, the entry names its revision and
// base, the revision is the work of the entry's device and person, and
// its content is one the app could have saved (a known status, a number
// and a day for a report, a score only where one is given, no NUL
// character). Checks against the bundle's other records and the
// checklist are the decoder's.
func StampedRevisionOf(e AuditEntry) (StampedRevision, error) {
	var out StampedRevision
	where := model.ShortID(e.EntityID)
	bad := func(why string) (StampedRevision, error) {
		return out, contentErr(where, "a "+e.Entity+" revision "+why)
	}
	var st model.Stamp
	var id string
	switch e.Entity {
	case EntityFollowUp:
		var f model.FollowUp
		if err := json.Unmarshal([]byte(e.New), &f); err != nil {
			return bad("that cannot be read")
		}
		if !model.ValidID(f.AssessmentID) || !model.ValidID(f.RecommendationID) {
			return bad("without its visit or recommendation")
		}
		if f.Content().Check() != nil {
			return bad("with an unknown status")
		}
		if hasNUL(f.Note, f.Evidence, f.UpdatedBy) {
			return bad("with a NUL character")
		}
		id, st, out.Record, out.AssessmentID = model.FollowUpID(f.AssessmentID, f.RecommendationID), f.Stamp, f, f.AssessmentID
		if f.ID != id {
			return bad("under another record's ID")
		}
	case EntityFixReport:
		var r model.FixReport
		if err := json.Unmarshal([]byte(e.New), &r); err != nil {
			return bad("that cannot be read")
		}
		if strings.TrimSpace(r.UnitCode) == "" || strings.TrimSpace(r.Number) == "" || r.Received.IsZero() {
			return bad("without its unit, number or the day it was received")
		}
		for _, c := range r.Covers {
			if !model.ValidID(c) {
				return bad("covering an invalid recommendation")
			}
		}
		if hasNUL(r.UnitCode, r.Number, r.Note, r.UpdatedBy) {
			return bad("with a NUL character")
		}
		id, st, out.Record, out.UnitCode = model.FixReportID(r.UnitCode, r.Number), r.Stamp, r, r.UnitCode
		if r.ID != id {
			return bad("under another record's ID")
		}
	case EntitySelfScore:
		var s model.SelfScore
		if err := json.Unmarshal([]byte(e.New), &s); err != nil {
			return bad("that cannot be read")
		}
		if !model.ValidID(s.AssessmentID) || strings.TrimSpace(s.ItemCode) == "" {
			return bad("without its visit or item")
		}
		if !s.Scored && s.Score != 0 {
			return bad("with a score it says was not given")
		}
		if hasNUL(s.ItemCode, s.Evidence, s.UpdatedBy) {
			return bad("with a NUL character")
		}
		id, st, out.Record, out.AssessmentID, out.ItemCode = model.SelfScoreID(s.AssessmentID, s.ItemCode), s.Stamp, s, s.AssessmentID, s.ItemCode
		if s.ID != id {
			return bad("under another record's ID")
		}
	default:
		return bad("of an unknown kind")
	}
	if e.EntityID != id || e.Revision != st.Revision || e.BaseRevision != st.BaseRevision || !model.ValidID(st.Revision) ||
		st.BaseRevision != "" && !model.ValidID(st.BaseRevision) {
		return bad("that its audit entry does not describe")
	}
	for _, m := range st.Merged {
		if !model.ValidID(m) {
			return bad("merging an invalid revision")
		}
	}
	if st.Device != e.Device || st.UpdatedBy != e.Actor || strings.TrimSpace(st.UpdatedBy) == "" {
		return out, model.NewError(model.EAuthorship, nil, model.ShortID(e.Device), itoa(e.DevSeq))
	}
	return out, nil
}

// stamped checks a stamped revision against the records before it: a
// follow-up or a self-score belongs to one of the bundle's assessments, a
// fix report to one of its units, and a unit's score is one its item
// allows.
func (d *decoder) stamped(e AuditEntry) (*StampedRevision, error) {
	s, err := StampedRevisionOf(e)
	if err != nil {
		return nil, err
	}
	where := model.ShortID(e.EntityID)
	switch e.Entity {
	case EntityFollowUp, EntitySelfScore:
		ref, ok := d.assessments[s.AssessmentID]
		if !ok {
			return nil, contentErr(where, "a "+e.Entity+" revision of an assessment that is not in the bundle")
		}
		if ss, isScore := s.Record.(model.SelfScore); isScore && d.opt.Rules != nil {
			it, ok := d.opt.Rules.Item(ref, ss.ItemCode)
			if !ok {
				return nil, contentErr(ss.ItemCode, "the checklist "+ref+" has no such item")
			}
			if ss.Scored {
				if err := it.CheckSelfScore(ss.Score); err != nil {
					return nil, contentErrBy(err, ss.ItemCode, "a self-assessed score the item does not allow ("+ss.Score.String()+")")
				}
			}
		}
	case EntityFixReport:
		if !d.codes[s.UnitCode] {
			return nil, contentErr(s.UnitCode, "a report on the fixes of a unit that is not in the bundle")
		}
	}
	return &s, nil
}
