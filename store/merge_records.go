package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// Inspections, units and assessments merge by revision, as findings do
// (model/merge_records.go): the revisions held here and those the bundle
// brings, under every ID the record has, form one graph, and the record
// shows the revision model's rule picks. The row is written only from a
// revision, so what a record says is always something its history holds.

// recordRevs is a record's revisions, held and incoming, by revision ID.
type recordRevs struct {
	held, incoming []model.Rev
	all            map[string]bundle.RecordRevision
}

// loadRecordRevs reads the revisions of one record known by any of ids:
// those held (main.audit) and those the staged bundle brings.
func loadRecordRevs(ctx context.Context, q queryer, entity string, ids []string, staged bool) (recordRevs, error) {
	rr := recordRevs{all: map[string]bundle.RecordRevision{}}
	sources := []struct {
		query string
		into  *[]model.Rev
	}{{"SELECT " + auditCols + " FROM main.audit WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?))", &rr.held}}
	if staged {
		sources = append(sources, struct {
			query string
			into  *[]model.Rev
		}{"SELECT " + auditCols + " FROM stage.entries WHERE kind = 'record' AND entity = ? AND entity_id IN (SELECT value FROM json_each(?))",
			&rr.incoming})
	}
	for _, src := range sources {
		es, err := auditEntries(ctx, q, src.query, entity, jsonList(ids))
		if err != nil {
			return rr, err
		}
		for _, e := range es {
			r, ok, err := bundle.RecordRevisionOf(e)
			if err != nil {
				return rr, fmt.Errorf("%s %s: %w", entity, short(e.EntityID), err)
			}
			if !ok {
				continue
			}
			*src.into = append(*src.into, r.Rev())
			if old, seen := rr.all[r.Revision]; !seen || r.Entry.At.Before(old.Entry.At) {
				rr.all[r.Revision] = r
			}
		}
	}
	return rr, nil
}

// merge merges the incoming revisions into the held ones. It returns the
// revision the record shows (ok false if it has none) and the revisions
// that now disagree with it, for the warning.
func (rr recordRevs) merge(entity, where string) (cur bundle.RecordRevision, ok bool, differs []bundle.RecordRevision, err error) {
	held, ok1 := model.DedupRevs(rr.held)
	in, ok2 := model.DedupRevs(rr.incoming)
	if !ok1 || !ok2 {
		return cur, false, nil, model.NewError(model.ERevisionChanged, fmt.Errorf("%s %s", entity, where), where)
	}
	m := model.MergeRevisions(model.NewGraph(held...), in)
	if m.Delivery == model.DeliveryRefused {
		return cur, false, nil, model.NewError(model.ERevisionChanged, fmt.Errorf("%s %s", entity, where), short(m.Refused[0].ID))
	}
	if m.Current.ID == "" {
		return cur, false, nil, nil
	}
	if m.Delivery == model.DeliveryConflict {
		for _, p := range m.Conflicts {
			if p.Current.ID == m.Current.ID {
				differs = append(differs, rr.all[p.Other.ID])
			}
		}
	}
	return rr.all[m.Current.ID], true, differs, nil
}

// graph is every revision of the record (for an assessment, what its
// findings are decided against).
func (rr recordRevs) graph() *model.Graph {
	revs, _ := model.DedupRevs(append(append([]model.Rev(nil), rr.held...), rr.incoming...))
	return model.NewGraph(revs...)
}

// view is an assessment's revisions as the finding merge needs them.
func (rr recordRevs) view() model.AssessmentView {
	v := model.AssessmentView{Graph: rr.graph(), Seals: map[string]model.Seal{}, FileSeals: map[string][]string{}}
	for id, r := range rr.all {
		if r.Seal != nil {
			v.Seals[id] = r.Seal
		}
		if r.FilesSealed {
			v.FileSeals[id] = r.Files
		}
	}
	return v
}

// assessmentView loads the revisions held of an assessment (under every
// ID it has), for deciding its findings outside an import.
func assessmentView(ctx context.Context, q queryer, assessmentID string) (model.AssessmentView, error) {
	names, err := recordNames(ctx, q, "assessment", assessmentID)
	if err != nil {
		return model.AssessmentView{}, err
	}
	rr, err := loadRecordRevs(ctx, q, "assessment", names, false)
	if err != nil {
		return model.AssessmentView{}, err
	}
	return rr.view(), nil
}

// recordNames lists every ID a record of kind is known by here.
func recordNames(ctx context.Context, q queryer, kind, id string) ([]string, error) {
	rows, err := queryThrough(ctx, q, recordNamesSQL, kind, id)
	if err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	defer closeRows(rows)
	out := []string{id}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("read aliases: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	return out, nil
}

// stagedNames adds the stage's aliases of a record to its names.
func stagedNames(ctx context.Context, q queryer, kind string, names []string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT alias FROM stage.aliases WHERE kind = ?1 AND canonical IN (SELECT value FROM json_each(?2))
		UNION SELECT canonical FROM stage.aliases WHERE kind = ?1 AND alias IN (SELECT value FROM json_each(?2))`, kind, jsonList(names))
	if err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	defer closeRows(rows)
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("read aliases: %w", err)
		}
		if !seen[a] {
			seen[a] = true
			names = append(names, a)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	return names, nil
}

// mergeInspection keeps the inspection revision model's rule picks.
func (t *txn) mergeInspection(ctx context.Context, in bundle.InspectionRecord) error {
	names, err := recordNames(ctx, t, "inspection", in.ID)
	if err != nil {
		return err
	}
	rr, err := loadRecordRevs(ctx, t, "inspection", names, true)
	if err != nil {
		return err
	}
	cur, ok, _, err := rr.merge("inspection", short(in.ID))
	if err != nil {
		return err
	}
	content, at := in.Inspection, in.UpdatedAt
	rev := ""
	if ok {
		// Into a fresh value: fields the revision omits are empty, not the
		// bundle row's.
		content = model.Inspection{}
		if err := jsonUnmarshal(cur.Entry.New, &content); err != nil {
			return fmt.Errorf("inspection %s: %w", short(in.ID), err)
		}
		rev, at = cur.Revision, cur.Entry.At
	}
	var held string
	err = t.QueryRowContext(ctx, "SELECT revision FROM inspections WHERE id = ?", in.ID).Scan(&held)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("read inspection: %w", err)
	case held == rev && rev != "":
		return nil
	case !ok:
		return nil // held, and the bundle brings no revision of it
	}
	content.ID = in.ID
	if err := t.upsertInspection(ctx, normInspection(content), at); err != nil {
		return err
	}
	if _, err := t.ExecContext(ctx, "UPDATE inspections SET revision = ? WHERE id = ?", rev, in.ID); err != nil {
		return fmt.Errorf("write inspection revision: %w", err)
	}
	return nil
}

// mergeUnit adds a unit, or merges into the one held under the same code
// (making the two IDs one record), keeping the revision model's rule
// picks.
func (t *txn) mergeUnit(ctx context.Context, u model.Unit, res *ImportResult) error {
	u.Code = upper(nfc(u.Code))
	held, err := scanUnit(t.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE code = ?", u.Code))
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read unit %s: %w", u.Code, err)
	}
	id := ""
	if exists {
		if id, err = t.unifyIDs(ctx, "unit", held.ID, u.ID); err != nil {
			return err
		}
	} else if id, err = t.canon(ctx, "unit", u.ID); err != nil {
		return err
	}
	names, err := recordNames(ctx, t, "unit", id)
	if err != nil {
		return err
	}
	if names, err = stagedNames(ctx, t, "unit", append(names, u.ID)); err != nil {
		return err
	}
	rr, err := loadRecordRevs(ctx, t, "unit", names, true)
	if err != nil {
		return err
	}
	cur, ok, differs, err := rr.merge("unit", u.Code)
	if err != nil {
		return err
	}
	content, rev := u, ""
	if ok {
		content = model.Unit{}
		if err := jsonUnmarshal(cur.Entry.New, &content); err != nil {
			return fmt.Errorf("unit %s: %w", u.Code, err)
		}
		rev = cur.Revision
	}
	content.Name, content.Address = nfc(content.Name), nfc(content.Address)
	if len(differs) > 0 {
		res.Warnings = append(res.Warnings, model.NewError(model.EUnitDiffers, nil, u.Code, content.Name))
	}
	if !exists {
		if _, err := t.ExecContext(ctx, "INSERT INTO units(id, code, name, kind, address, revision) VALUES (?,?,?,?,?,?)",
			id, u.Code, content.Name, string(content.Kind), content.Address, rev); err != nil {
			return fmt.Errorf("write unit %s: %w", u.Code, err)
		}
		return nil
	}
	if !ok {
		return nil // held, and the bundle brings no revision of it
	}
	if _, err := t.ExecContext(ctx, "UPDATE units SET name = ?, kind = ?, address = ?, revision = ? WHERE id = ?",
		content.Name, string(content.Kind), content.Address, rev, id); err != nil {
		return fmt.Errorf("write unit %s: %w", u.Code, err)
	}
	return nil
}

// mergeAssessment adds an assessment, or merges into the one held for the
// same visit (inspection and unit), making the two IDs one record, and
// keeps the revision model's rule picks: a finalized one before a draft.
// It returns the assessment's ID here, what its findings are decided
// against, and whether the revision it shows changed (then every one of
// its findings is decided again: a finalization arriving decides findings
// the bundle does not carry).
func (t *txn) mergeAssessment(ctx context.Context, a model.Assessment, unitCode string, res *ImportResult) (string, model.AssessmentView, bool, error) {
	var view model.AssessmentView
	unit, err := t.canon(ctx, "unit", a.UnitID)
	if err != nil {
		return "", view, false, err
	}
	held, err := scanAssessment(t.QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE inspection_id = ? AND unit_id = ?",
		a.InspectionID, unit))
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", view, false, fmt.Errorf("read assessment of %s: %w", unitCode, err)
	}
	id, heldRev := "", ""
	if exists {
		if err := t.QueryRowContext(ctx, "SELECT revision FROM assessments WHERE id = ?", held.ID).Scan(&heldRev); err != nil {
			return "", view, false, fmt.Errorf("read assessment of %s: %w", unitCode, err)
		}
		if id, err = t.unifyIDs(ctx, "assessment", held.ID, a.ID); err != nil {
			return "", view, false, err
		}
		if held.ChecklistID != a.ChecklistID || held.ChecklistVersion != a.ChecklistVersion {
			res.Warnings = append(res.Warnings, model.NewError(model.EChecklistDiffers, nil, unitCode,
				held.ChecklistID+"@"+held.ChecklistVersion, a.ChecklistID+"@"+a.ChecklistVersion))
		}
	} else if id, err = t.canon(ctx, "assessment", a.ID); err != nil {
		return "", view, false, err
	}
	names, err := recordNames(ctx, t, "assessment", id)
	if err != nil {
		return "", view, false, err
	}
	if names, err = stagedNames(ctx, t, "assessment", append(names, a.ID)); err != nil {
		return "", view, false, err
	}
	rr, err := loadRecordRevs(ctx, t, "assessment", names, true)
	if err != nil {
		return "", view, false, err
	}
	view = rr.view()
	cur, ok, differs, err := rr.merge("assessment", unitCode)
	if err != nil {
		return "", view, false, err
	}
	content, rev := a, ""
	if ok {
		content = model.Assessment{}
		if err := jsonUnmarshal(cur.Entry.New, &content); err != nil {
			return "", view, false, fmt.Errorf("assessment of %s: %w", unitCode, err)
		}
		rev = cur.Revision
		if content.UpdatedAt.IsZero() {
			content.UpdatedAt = cur.Entry.At
		}
	}
	if len(differs) > 0 {
		res.Warnings = append(res.Warnings, model.NewError(model.EAssessmentDiffers, nil, unitCode))
	}
	content.ID, content.InspectionID, content.UnitID = id, a.InspectionID, unit
	if content.UnitName == "" || content.UnitKind == "" {
		// A revision from before assessments kept the unit as visited says
		// nothing about it: what is held stands, else the unit as it is
		// (the bundle carried it just before).
		content.UnitName, content.UnitKind = held.UnitName, held.UnitKind
		if !exists {
			u, err := scanUnit(t.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE id = ?", unit))
			if err != nil {
				return "", view, false, fmt.Errorf("read unit %s: %w", unitCode, err)
			}
			content.UnitName, content.UnitKind = u.Name, u.Kind
		}
	}
	if exists {
		// The checklist an assessment is held with stays: its findings were
		// made against it.
		content.ChecklistID, content.ChecklistVersion = held.ChecklistID, held.ChecklistVersion
		if !ok || rev == heldRev && rev != "" {
			return id, view, false, nil
		}
	}
	// A new assessment has no findings here but the bundle's: nothing to
	// decide again.
	return id, view, exists, t.putAssessment(ctx, content, rev, exists)
}

// putAssessment writes an assessment row as merged.
func (t *txn) putAssessment(ctx context.Context, a model.Assessment, rev string, exists bool) error {
	a = normAssessmentDoc(a)
	args := []any{a.Date.ISO(), nfc(a.Place), string(a.Status), nfc(a.Representative), nfc(a.RepresentativePosition),
		nfc(a.UnitComments), nfc(a.Strengths), formatTime(a.FinalizedAt), nfc(a.FinalizedBy), formatTime(orNow(a.UpdatedAt, t)),
		nfc(a.UnitName), string(a.UnitKind), assessmentDocOf(a), rev}
	var err error
	if exists {
		_, err = t.ExecContext(ctx, `UPDATE assessments SET visit_date=?, place=?, status=?, representative=?, representative_position=?,
			unit_comments=?, strengths=?, finalized_at=?, finalized_by=?, updated_at=?, unit_name=?, unit_kind=?, doc=?, revision=?
			WHERE id=?`, append(args, a.ID)...)
	} else {
		_, err = t.ExecContext(ctx, `INSERT INTO assessments(visit_date, place, status, representative, representative_position,
			unit_comments, strengths, finalized_at, finalized_by, updated_at, unit_name, unit_kind, doc, revision, id, inspection_id,
			unit_id, checklist_id, checklist_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			append(args, a.ID, a.InspectionID, a.UnitID, a.ChecklistID, a.ChecklistVersion)...)
	}
	if err != nil {
		return fmt.Errorf("write assessment %s: %w", short(a.ID), err)
	}
	return nil
}

// orNow is at, or the transaction's time if at is zero.
func orNow(at time.Time, t *txn) time.Time {
	if at.IsZero() {
		return t.now()
	}
	return at
}
