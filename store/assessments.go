package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"kiemtra/model"
)

const assessmentCols = `id, inspection_id, unit_id, checklist_id, checklist_version, visit_date, place, status,
	representative, representative_position, unit_comments, strengths, finalized_at, finalized_by, updated_at,
	unit_name, unit_kind, doc`

func scanAssessment(sc scanner) (model.Assessment, error) {
	var a model.Assessment
	var date, status, fin, upd, kind, doc string
	if err := sc.Scan(&a.ID, &a.InspectionID, &a.UnitID, &a.ChecklistID, &a.ChecklistVersion, &date, &a.Place, &status,
		&a.Representative, &a.RepresentativePosition, &a.UnitComments, &a.Strengths, &fin, &a.FinalizedBy, &upd,
		&a.UnitName, &kind, &doc); err != nil {
		return a, err
	}
	if err := readAssessmentDoc(&a, doc); err != nil {
		return a, err
	}
	a.Status, a.UnitKind = model.Status(status), model.UnitKind(kind)
	a.FinalizedAt, a.UpdatedAt = parseTime(fin), parseTime(upd)
	var err error
	if a.Date, err = model.ParseDate(date); err != nil {
		return a, fmt.Errorf("assessment %s: visit date: %w", a.ID, err)
	}
	return a, nil
}

func getAssessment(ctx context.Context, q queryer, id string) (model.Assessment, error) {
	a, err := scanAssessment(q.QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("assessment %s: %w", id, notFound(model.ShortID(id)))
	}
	if err != nil {
		return a, fmt.Errorf("read assessment %s: %w", id, err)
	}
	return a, nil
}

// Assessment returns one assessment by ID.
func (db *DB) Assessment(ctx context.Context, id string) (model.Assessment, error) {
	a, err := scanAssessment(db.queryRow(ctx, getAssessmentSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("assessment %s: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return a, db.translate(err)
	}
	return a, nil
}

const getAssessmentSQL = "SELECT " + assessmentCols + " FROM assessments WHERE id = ?"

// AddAssessment schedules a unit in an inspection against a checklist
// version (which the database must hold, and which must fit the visit:
// model.CheckVisit). Adding the same unit to the same inspection again
// returns the existing assessment, with its visit date and place updated
// if they were given. The assessment keeps the unit's name and kind as
// they are now.
func (db *DB) AddAssessment(ctx context.Context, actor string, a model.Assessment) (model.Assessment, error) {
	if err := db.checkAssessment(ctx, a); err != nil {
		return a, fmt.Errorf("add assessment: %w", err)
	}
	err := db.tx(ctx, func(t *txn) error {
		var err error
		a, err = t.addAssessment(ctx, actor, a)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("add assessment: %w", err)
	}
	return a, nil
}

func (t *txn) addAssessment(ctx context.Context, actor string, a model.Assessment) (model.Assessment, error) {
	var n int
	ref := a.ChecklistID + "@" + a.ChecklistVersion
	if err := t.QueryRowContext(ctx, "SELECT count(*) FROM checklists WHERE id = ? AND version = ?",
		a.ChecklistID, a.ChecklistVersion).Scan(&n); err != nil {
		return a, fmt.Errorf("read checklist %s: %w", ref, err)
	}
	if n == 0 {
		return a, fmt.Errorf("checklist %s: %w", ref, notFound(ref))
	}
	old, err := scanAssessment(t.QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE inspection_id = ? AND unit_id = ?",
		a.InspectionID, a.UnitID))
	if err == nil {
		// A unit taken off the inspection (remove.go) and added again is
		// the same record, back on the list.
		changed := old.Removed
		if old.Removed {
			old.Removed = false
			if err := t.retakeChecklist(ctx, &old, a); err != nil {
				return old, err
			}
		}
		if !a.Date.IsZero() && a.Date != old.Date {
			old.Date, changed = a.Date, true
		}
		if a.Place != "" && nfc(a.Place) != old.Place {
			old.Place, changed = nfc(a.Place), true
		}
		changed = givenVisitDetails(&old, a) || changed
		// The thông báo is issued after the visit: a plan that gives it
		// records it on a finalized assessment too.
		concluded := a.Conclusion != (model.Conclusion{}) && a.Conclusion != old.Conclusion
		switch {
		case old.Status == model.StatusFinalized && concluded:
			fin, ferr := getAssessment(ctx, t, old.ID)
			if ferr != nil {
				return old, ferr
			}
			fin.Conclusion = a.Conclusion
			return fin, t.writeAssessment(ctx, actor, "conclusion", fin)
		case old.Status == model.StatusFinalized:
			return old, nil // a finalized record keeps what it was signed with
		case changed || concluded:
			if concluded {
				old.Conclusion = a.Conclusion
			}
			return old, t.writeAssessment(ctx, actor, "save", old)
		}
		return old, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("read assessment: %w", err)
	}
	if a.ID == "" {
		// Derived from the visit, so two laptops that each loaded the plan
		// create the same assessment.
		a.ID = model.DerivedID("assessment", a.InspectionID, a.UnitID)
	}
	a.Status = model.StatusDraft
	a.Place = nfc(a.Place)
	a.UpdatedAt = t.now()
	// The unit as it is at the visit, kept with the assessment for good.
	u, err := scanUnit(t.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE id = ?", a.UnitID))
	if err != nil {
		return a, fmt.Errorf("read unit of the assessment: %w", err)
	}
	a.UnitName, a.UnitKind = u.Name, u.Kind
	_, err = t.ExecContext(ctx, `INSERT INTO assessments(id, inspection_id, unit_id, checklist_id, checklist_version, visit_date, place, status, updated_at,
		unit_name, unit_kind, doc)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, a.ID, a.InspectionID, a.UnitID, a.ChecklistID, a.ChecklistVersion, a.Date.ISO(), a.Place,
		string(a.Status), formatTime(a.UpdatedAt), a.UnitName, string(a.UnitKind), assessmentDocOf(a))
	if err != nil {
		return a, fmt.Errorf("write assessment: %w", err)
	}
	_, err = t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "assessment", EntityID: a.ID, Action: "create", New: jsonOf(a)})
	return a, err
}

// writeAssessment updates an assessment row and audits the change.
func (t *txn) writeAssessment(ctx context.Context, actor, action string, a model.Assessment) error {
	old, err := getAssessment(ctx, t, a.ID)
	if err != nil {
		return err
	}
	a.UpdatedAt = t.now()
	_, err = t.ExecContext(ctx, `UPDATE assessments SET visit_date=?, place=?, status=?, representative=?, representative_position=?,
		unit_comments=?, strengths=?, finalized_at=?, finalized_by=?, updated_at=?, unit_name=?, unit_kind=?, doc=? WHERE id=?`,
		a.Date.ISO(), nfc(a.Place), string(a.Status), nfc(a.Representative), nfc(a.RepresentativePosition), nfc(a.UnitComments),
		nfc(a.Strengths), formatTime(a.FinalizedAt), nfc(a.FinalizedBy), formatTime(a.UpdatedAt), nfc(a.UnitName), string(a.UnitKind),
		assessmentDocOf(a), a.ID)
	if err != nil {
		return fmt.Errorf("write assessment: %w", err)
	}
	_, err = t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "assessment", EntityID: a.ID, Action: action,
		Old: jsonOf(old), New: jsonOf(a)})
	return err
}

// AssessmentRemarks is what the team and the unit add to an assessment
// apart from findings.
type AssessmentRemarks struct {
	Representative         string
	RepresentativePosition string
	UnitComments           string
	Strengths              string
	Place                  string
	Date                   model.Date
}

// SaveRemarks records the unit's representative and comments and the team's
// strengths. A finalized assessment is refused with model.ErrFinalized.
func (db *DB) SaveRemarks(ctx context.Context, actor, assessmentID string, r AssessmentRemarks) (model.Assessment, error) {
	a, err := db.Assessment(ctx, assessmentID)
	if err != nil {
		return a, fmt.Errorf("save remarks: %w", err)
	}
	if !r.Date.IsZero() && r.Date != a.Date {
		// A visit moved to another day must still fit it (a UBND cấp
		// huyện not after 1 July 2025, a checklist version meant for it).
		moved := a
		moved.Date = r.Date
		if err := db.checkAssessment(ctx, moved); err != nil {
			return a, fmt.Errorf("save remarks: %w", err)
		}
	}
	err = db.tx(ctx, func(t *txn) error {
		var err error
		a, err = getAssessment(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if a.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		a.Representative, a.RepresentativePosition, a.UnitComments, a.Strengths = r.Representative, r.RepresentativePosition, r.UnitComments, r.Strengths
		a.Place, a.Date = r.Place, r.Date
		return t.writeAssessment(ctx, actor, "save", a)
	})
	if err != nil {
		return a, fmt.Errorf("save remarks: %w", err)
	}
	return db.Assessment(ctx, assessmentID)
}

// ErrGaps is returned by Finalize while items break the evidence rule; the
// error's param lists their codes.
var ErrGaps = &model.Error{Code: model.EGaps}

// Finalize locks an assessment. It is refused (ErrGaps, with the item
// codes) while any item marked chưa đạt has no note: the evidence rule.
func (db *DB) Finalize(ctx context.Context, actor, assessmentID string) (model.Assessment, error) {
	var a model.Assessment
	err := db.tx(ctx, func(t *txn) error {
		var err error
		a, err = getAssessment(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if a.Status == model.StatusFinalized {
			return nil
		}
		fs, err := findingsOf(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if gaps := Gaps(fs); len(gaps) > 0 {
			return model.NewError(model.EGaps, nil, strings.Join(gaps, ", "))
		}
		a.Status, a.FinalizedAt, a.FinalizedBy = model.StatusFinalized, t.now(), actor
		return t.writeAssessment(ctx, actor, "finalize", a)
	})
	if err != nil {
		return a, fmt.Errorf("finalize: %w", err)
	}
	return db.Assessment(ctx, assessmentID)
}

// Gaps lists, in order, the item codes that break the evidence rule.
func Gaps(fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Content().NeedsNote() {
			out = append(out, f.ItemCode)
		}
	}
	return out
}

// Reopen makes a finalized assessment editable again; the reason is kept in
// the audit history.
func (db *DB) Reopen(ctx context.Context, actor, assessmentID, reason string) (model.Assessment, error) {
	var a model.Assessment
	err := db.tx(ctx, func(t *txn) error {
		var err error
		a, err = getAssessment(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if a.Status != model.StatusFinalized {
			return nil
		}
		a.Status, a.FinalizedAt, a.FinalizedBy = model.StatusDraft, time.Time{}, ""
		if err := t.writeAssessment(ctx, actor, "reopen", a); err != nil {
			return err
		}
		// Files attached or removed elsewhere while it was finalized apply now.
		if err := t.reviewAttachments(ctx, a.ID, assessmentViews{}); err != nil {
			return err
		}
		if strings.TrimSpace(reason) != "" {
			_, err = t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "assessment", EntityID: a.ID,
				Action: "reopen-reason", New: jsonOf(map[string]string{"reason": nfc(reason)})})
		}
		return err
	})
	if err != nil {
		return a, fmt.Errorf("reopen: %w", err)
	}
	return db.Assessment(ctx, assessmentID)
}

// Overview is one row of an inspection's unit list.
type Overview struct {
	Assessment model.Assessment
	Unit       model.Unit // as at the visit (model.Assessment.UnitAsVisited)
	Checklist  *model.Checklist
	Scorecard  model.Scorecard
}

// Overviews lists an inspection's assessments with their units and scores,
// ordered by kind, visit date and unit name. It reads all findings of the
// inspection in one query.
func (db *DB) Overviews(ctx context.Context, inspectionID string) ([]Overview, error) {
	var out []Overview
	var contents map[string]map[string]model.Content
	err := db.read(ctx, func(q queryer) error {
		rows, err := q.QueryContext(ctx, "SELECT "+prefixCols("a.", assessmentCols)+", "+prefixCols("u.", unitCols)+
			` FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.inspection_id = ? AND `+listedAssessment("a")+`
			ORDER BY a.unit_kind, a.visit_date, a.unit_name`, inspectionID)
		if err != nil {
			return err
		}
		defer closeRows(rows)
		for rows.Next() {
			var o Overview
			if o.Assessment, o.Unit, err = scanAssessmentUnit(rows); err != nil {
				return err
			}
			o.Unit = o.Assessment.UnitAsVisited(o.Unit)
			out = append(out, o)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		contents, err = contentsByAssessment(ctx, q, "SELECT f.assessment_id, "+prefixCols("f.", findingCols)+
			" FROM findings f JOIN assessments a ON a.id = f.assessment_id WHERE a.inspection_id = ?", inspectionID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list assessments: %w", err)
	}
	for i := range out {
		o := &out[i]
		cl, err := db.Checklist(ctx, o.Assessment.ChecklistID, o.Assessment.ChecklistVersion)
		if err != nil {
			return nil, fmt.Errorf("list assessments: %w", err)
		}
		o.Checklist = cl
		o.Scorecard = model.Score(cl, contents[o.Assessment.ID])
	}
	return out, nil
}

// assessmentUnitCols are the columns scanAssessmentUnit reads: an
// assessment (a.) joined with its unit (u.).
var assessmentUnitCols = prefixCols("a.", assessmentCols) + ", " + prefixCols("u.", unitCols)

// scanAssessmentUnit reads a row of assessmentUnitCols.
func scanAssessmentUnit(sc scanner) (model.Assessment, model.Unit, error) {
	var a model.Assessment
	var u model.Unit
	var date, status, fin, upd, akind, doc, kind string
	if err := sc.Scan(&a.ID, &a.InspectionID, &a.UnitID, &a.ChecklistID, &a.ChecklistVersion, &date, &a.Place, &status,
		&a.Representative, &a.RepresentativePosition, &a.UnitComments, &a.Strengths, &fin, &a.FinalizedBy, &upd,
		&a.UnitName, &akind, &doc, &u.ID, &u.Code, &u.Name, &kind, &u.Address); err != nil {
		return a, u, fmt.Errorf("read assessment: %w", err)
	}
	if err := readAssessmentDoc(&a, doc); err != nil {
		return a, u, err
	}
	a.Status, a.FinalizedAt, a.UpdatedAt, u.Kind = model.Status(status), parseTime(fin), parseTime(upd), model.UnitKind(kind)
	a.UnitKind = model.UnitKind(akind)
	var err error
	if a.Date, err = model.ParseDate(date); err != nil {
		return a, u, fmt.Errorf("assessment %s: visit date: %w", a.ID, err)
	}
	return a, u, nil
}

func prefixCols(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
