package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"kiemtra/model"
)

// This file keeps what the documents print beyond the findings
// (model/document.go) in the doc column of inspections and assessments
// (migration 004): one JSON object of those fields, empty ones left out,
// so the database holds what bundles carry and the audit history shows.

// inspectionDoc is the doc column of an inspection.
type inspectionDoc struct {
	GoverningBody string                 `json:"governing_body,omitempty"`
	TeamName      string                 `json:"team_name,omitempty"`
	Locality      string                 `json:"locality,omitempty"`
	TeamCode      string                 `json:"team_code,omitempty"`
	IssuerCode    string                 `json:"issuer_code,omitempty"`
	ConclusionBy  model.ConclusionBy     `json:"conclusion_by,omitempty"`
	Report        model.InspectionReport `json:"report,omitzero"`
	Removed       bool                   `json:"removed,omitempty"`
}

func inspectionDocOf(in model.Inspection) string {
	return jsonOf(inspectionDoc{in.GoverningBody, in.TeamName, in.Locality, in.TeamCode, in.IssuerCode, in.ConclusionBy, in.Report,
		in.Removed})
}

// readInspectionDoc fills in's document fields from a doc column.
func readInspectionDoc(in *model.Inspection, doc string) error {
	var d inspectionDoc
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return fmt.Errorf("inspection %s document fields: %w", in.ID, err)
	}
	in.GoverningBody, in.TeamName, in.Locality, in.TeamCode, in.IssuerCode, in.ConclusionBy, in.Report, in.Removed =
		d.GoverningBody, d.TeamName, d.Locality, d.TeamCode, d.IssuerCode, d.ConclusionBy, d.Report, d.Removed
	return nil
}

// assessmentDoc is the doc column of an assessment.
type assessmentDoc struct {
	RecordNo     string              `json:"record_no,omitempty"`
	StartTime    string              `json:"start_time,omitempty"`
	EndTime      string              `json:"end_time,omitempty"`
	Participants []model.Participant `json:"participants,omitempty"`
	Copies       int                 `json:"copies,omitempty"`
	Conclusion   model.Conclusion    `json:"conclusion,omitzero"`
	Removed      bool                `json:"removed,omitempty"`
}

func assessmentDocOf(a model.Assessment) string {
	return jsonOf(assessmentDoc{a.RecordNo, a.StartTime, a.EndTime, a.Participants, a.Copies, a.Conclusion, a.Removed})
}

// readAssessmentDoc fills a's document fields from a doc column.
func readAssessmentDoc(a *model.Assessment, doc string) error {
	var d assessmentDoc
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return fmt.Errorf("assessment %s document fields: %w", a.ID, err)
	}
	a.RecordNo, a.StartTime, a.EndTime, a.Participants, a.Copies, a.Conclusion, a.Removed =
		d.RecordNo, d.StartTime, d.EndTime, d.Participants, d.Copies, d.Conclusion, d.Removed
	return nil
}

// normInspectionDoc puts the document fields in the form they are kept:
// NFC, trimmed, the narrative's paragraphs with their line breaks.
func normInspectionDoc(in model.Inspection) model.Inspection {
	in.GoverningBody, in.TeamName, in.Locality = line(in.GoverningBody), line(in.TeamName), line(in.Locality)
	in.TeamCode, in.IssuerCode = line(in.TeamCode), line(in.IssuerCode)
	r := &in.Report
	r.Number, r.Recipient = line(r.Number), line(r.Recipient)
	for _, p := range model.NarrativeParts {
		r.Narrative = r.Narrative.WithPart(p, text(r.Narrative.Part(p)))
	}
	return in
}

// maxCopies bounds the copies of a biên bản: any number a team signs.
const maxCopies = 99

// checkVisit checks and normalizes an assessment's document fields: the
// hours as HH:MM with the end after the start, a name for every
// participant, a plausible number of copies. what says which rule broke.
func checkVisit(a model.Assessment) (model.Assessment, error) {
	var err error
	if a.StartTime, err = model.ParseClock(a.StartTime); err != nil {
		return a, invalid("visit: start time (HH:MM)")
	}
	if a.EndTime, err = model.ParseClock(a.EndTime); err != nil {
		return a, invalid("visit: end time (HH:MM)")
	}
	if a.StartTime != "" && a.EndTime != "" && a.EndTime <= a.StartTime {
		return a, invalid("visit: end time after the start time")
	}
	if a.Copies < 0 || a.Copies > maxCopies {
		return a, invalid("visit: copies (0–99)")
	}
	a.RecordNo, a.Place = line(a.RecordNo), line(a.Place)
	a.Representative, a.RepresentativePosition = line(a.Representative), line(a.RepresentativePosition)
	a.UnitComments, a.Strengths = text(a.UnitComments), text(a.Strengths)
	ps := make([]model.Participant, 0, len(a.Participants))
	for _, p := range a.Participants {
		p = model.Participant{Honorific: line(p.Honorific), Name: line(p.Name), Position: line(p.Position), Unit: line(p.Unit)}
		if p.Name == "" {
			return a, invalid("visit: a name for every participant")
		}
		ps = append(ps, p)
	}
	a.Participants = nil
	if len(ps) > 0 {
		a.Participants = ps
	}
	a.Conclusion = normConclusion(a.Conclusion)
	return a, nil
}

func normConclusion(c model.Conclusion) model.Conclusion {
	return model.Conclusion{Number: line(c.Number), Date: c.Date, Signer: line(c.Signer), SignerPosition: line(c.SignerPosition),
		Authority: line(c.Authority), Causes: text(c.Causes)}
}

// line is one line of text as kept: NFC, spaces collapsed.
func line(s string) string { return nfc(strings.Join(strings.Fields(s), " ")) }

// text is free text as kept: NFC, each line trimmed, no blank lines at
// either end.
func text(s string) string {
	ls := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimSpace(l)
	}
	return nfc(strings.TrimSpace(strings.Join(ls, "\n")))
}

// SaveVisit records the visit's side of an assessment as a gives it:
// place, day, opening and closing hours, the unit's participants, the
// biên bản's number and copies, the unit's comments and the team's
// strengths (and the legacy representative fields). Its status, findings
// and thông báo are left as they are. A finalized assessment is refused
// with model.ErrFinalized: the biên bản was signed as it is.
func (db *DB) SaveVisit(ctx context.Context, actor string, a model.Assessment) (model.Assessment, error) {
	v, err := checkVisit(a)
	if err != nil {
		return a, fmt.Errorf("save visit: %w", err)
	}
	err = db.tx(ctx, func(t *txn) error {
		cur, err := getAssessment(ctx, t, a.ID)
		if err != nil {
			return err
		}
		if cur.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		cur.Place, cur.Date, cur.StartTime, cur.EndTime = v.Place, v.Date, v.StartTime, v.EndTime
		cur.Participants, cur.RecordNo, cur.Copies = v.Participants, v.RecordNo, v.Copies
		cur.UnitComments, cur.Strengths = v.UnitComments, v.Strengths
		cur.Representative, cur.RepresentativePosition = v.Representative, v.RepresentativePosition
		return t.writeAssessment(ctx, actor, "save", cur)
	})
	if err != nil {
		return a, fmt.Errorf("save visit: %w", err)
	}
	return db.Assessment(ctx, a.ID)
}

// SaveConclusion records the thông báo kết luận kiểm tra of an assessment:
// its number, date, signer and the causes of the shortcomings. It is
// issued after the visit, so a finalized assessment takes it too (its
// findings and biên bản stay as they were signed).
func (db *DB) SaveConclusion(ctx context.Context, actor, assessmentID string, c model.Conclusion) (model.Assessment, error) {
	c = normConclusion(c)
	err := db.tx(ctx, func(t *txn) error {
		cur, err := getAssessment(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if cur.Conclusion == c {
			return nil
		}
		cur.Conclusion = c
		return t.writeAssessment(ctx, actor, "conclusion", cur)
	})
	if err != nil {
		return model.Assessment{}, fmt.Errorf("save conclusion: %w", err)
	}
	return db.Assessment(ctx, assessmentID)
}

// normAssessmentDoc puts an assessment's document fields from elsewhere
// (a bundle) in the form they are kept, checking nothing: what a bundle
// may hold is the bundle reader's to refuse.
func normAssessmentDoc(a model.Assessment) model.Assessment {
	a.RecordNo, a.StartTime, a.EndTime = line(a.RecordNo), line(a.StartTime), line(a.EndTime)
	var ps []model.Participant
	for _, p := range a.Participants {
		ps = append(ps, model.Participant{Honorific: line(p.Honorific), Name: line(p.Name), Position: line(p.Position), Unit: line(p.Unit)})
	}
	a.Participants = ps
	a.Conclusion = normConclusion(a.Conclusion)
	return a
}

// givenVisitDetails copies into held the biên bản details a gives (the
// ones not empty), reporting whether any changed: a corrected plan file
// updates them, one that leaves them out keeps what was typed on site.
func givenVisitDetails(held *model.Assessment, a model.Assessment) bool {
	changed := false
	set := func(dst *string, v string) {
		if v != "" && v != *dst {
			*dst, changed = v, true
		}
	}
	set(&held.StartTime, a.StartTime)
	set(&held.EndTime, a.EndTime)
	set(&held.RecordNo, a.RecordNo)
	if a.Copies != 0 && a.Copies != held.Copies {
		held.Copies, changed = a.Copies, true
	}
	if len(a.Participants) > 0 && jsonOf(a.Participants) != jsonOf(held.Participants) {
		held.Participants, changed = a.Participants, true
	}
	return changed
}
