package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// The records kept as stamped revisions (follow-ups, fix reports,
// self-scores: revisioned.go) merge as findings do, from the union of
// their revisions: every revision any laptop made is in audit, each
// record's row shows its current head (model.Later: the later edit, then
// the greater revision ID — the same in every database, whatever the
// order bundles arrive in), and heads that disagree stay as a conflict
// (StampedConflicts) until someone saves the record again, which bases
// the new revision on every head (stampOn).

// stampedTables are the tables the stamped kinds are kept in.
var stampedTables = map[string]string{
	bundle.EntityFollowUp:  "follow_ups",
	bundle.EntityFixReport: "fix_reports",
	bundle.EntitySelfScore: "self_scores",
}

// decodeStamped reads one revision of a stamped record of kind entity.
func decodeStamped(entity, body string) (model.Revisioned, error) {
	var rec model.Revisioned
	var err error
	switch entity {
	case bundle.EntityFollowUp:
		var f model.FollowUp
		err = json.Unmarshal([]byte(body), &f)
		rec = f
	case bundle.EntityFixReport:
		var r model.FixReport
		err = json.Unmarshal([]byte(body), &r)
		rec = r
	case bundle.EntitySelfScore:
		var s model.SelfScore
		err = json.Unmarshal([]byte(body), &s)
		rec = s
	default:
		return nil, fmt.Errorf("decode %s revision: %w", entity, model.ErrInvalid)
	}
	if err != nil {
		return nil, fmt.Errorf("decode %s revision: %w", entity, err)
	}
	return rec, nil
}

// stampedHeads is a stamped record's heads, current first: the revisions
// held in audit that no other is based on.
func stampedHeads(ctx context.Context, q queryer, entity, id string) ([]model.Revisioned, error) {
	rows, err := q.QueryContext(ctx, "SELECT new FROM audit WHERE entity = ? AND entity_id = ? AND revision != '' ORDER BY device, dev_seq",
		entity, id)
	if err != nil {
		return nil, fmt.Errorf("read %s history: %w", entity, err)
	}
	defer closeRows(rows)
	byRev := map[string]model.Revisioned{}
	var revs []model.Rev
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("read %s history: %w", entity, err)
		}
		rec, err := decodeStamped(entity, body)
		if err != nil {
			return nil, err
		}
		rv := model.StampedRev(rec)
		if _, ok := byRev[rv.ID]; !ok {
			byRev[rv.ID] = rec
			revs = append(revs, rv)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s history: %w", entity, err)
	}
	heads := model.NewGraph(revs...).Heads()
	out := make([]model.Revisioned, 0, len(heads))
	for _, h := range heads {
		out = append(out, byRev[h.ID])
	}
	return out, nil
}

// stampOn is this device's next revision of a stamped record whose row
// shows revision base: based on it and, when other laptops' revisions
// stand beside it in conflict, on those too, so the save settles the
// conflict with what the person saw.
func (t *txn) stampOn(ctx context.Context, actor, entity, id, base string) (model.Stamp, error) {
	st := t.newStamp(actor, base)
	if base == "" {
		return st, nil
	}
	heads, err := stampedHeads(ctx, t, entity, id)
	if err != nil {
		return st, err
	}
	for _, h := range heads {
		if r := h.RecordStamp().Revision; r != base {
			st.Merged = append(st.Merged, r)
		}
	}
	return st, nil
}

// mergeStamped rewrites the row of every stamped record the bundle
// brought revisions of from its heads, once the bundle's entries are in
// audit; it counts the records changed and those left in conflict.
func (t *txn) mergeStamped(ctx context.Context, res *ImportResult) error {
	rows, err := t.QueryContext(ctx, "SELECT DISTINCT entity, entity_id FROM stage.entries WHERE kind = 'stamped' ORDER BY entity, entity_id")
	if err != nil {
		return fmt.Errorf("read staged revisions: %w", err)
	}
	defer closeRows(rows)
	type rec struct{ entity, id string }
	var recs []rec
	for rows.Next() {
		var r rec
		if err := rows.Scan(&r.entity, &r.id); err != nil {
			return fmt.Errorf("read staged revisions: %w", err)
		}
		recs = append(recs, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read staged revisions: %w", err)
	}
	closeRows(rows)
	for _, r := range recs {
		heads, err := stampedHeads(ctx, t, r.entity, r.id)
		if err != nil {
			return err
		}
		if len(heads) == 0 {
			continue
		}
		if len(conflicting(heads)) > 0 {
			res.StampedConflicts++
		}
		var held string
		err = t.QueryRowContext(ctx, "SELECT revision FROM "+stampedTables[r.entity]+" WHERE id = ?", r.id).Scan(&held)
		if err != nil && !isNoRows(err) {
			return fmt.Errorf("read %s: %w", r.entity, err)
		}
		cur := heads[0]
		if held == cur.RecordStamp().Revision {
			continue
		}
		if err := t.writeStamped(ctx, cur); err != nil {
			return err
		}
		res.StampedAccepted++
	}
	return nil
}

// writeStamped writes a stamped record's row as its revision says, under
// the IDs this database keeps its visit and recommendations under.
func (t *txn) writeStamped(ctx context.Context, rec model.Revisioned) error {
	switch r := rec.(type) {
	case model.FollowUp:
		a, err := t.canonID(ctx, "assessment", r.AssessmentID)
		if err != nil {
			return err
		}
		r.AssessmentID = a
		return t.placeStamped(ctx, r, a, "recommendation_id", r.RecommendationID)
	case model.FixReport:
		return t.upsertFixReport(ctx, r)
	case model.SelfScore:
		a, err := t.canonID(ctx, "assessment", r.AssessmentID)
		if err != nil {
			return err
		}
		r.AssessmentID = a
		return t.placeStamped(ctx, r, a, "item_code", r.ItemCode)
	}
	return fmt.Errorf("write %s: %w", rec.RecordKind(), model.ErrInvalid)
}

// placeStamped writes the row of a follow-up or self-score of visit
// assessment (rec already names it), whose key column (the kiến nghị, the
// item) is key. Another record may stand there for the same visit and key
// when the visit was created on two laptops under two IDs, since unified:
// the row shows the later of the two (model.Later, the same in every
// database), and the other's revisions stay in the history.
func (t *txn) placeStamped(ctx context.Context, rec model.Revisioned, assessment, keyCol, key string) error {
	table := stampedTables[rec.RecordKind()]
	var otherID, body string
	err := t.QueryRowContext(ctx, "SELECT id, body FROM "+table+" WHERE assessment_id = ? AND "+keyCol+" = ? AND id != ?",
		assessment, key, rec.RecordID()).Scan(&otherID, &body)
	switch {
	case isNoRows(err):
	case err != nil:
		return fmt.Errorf("read %s: %w", rec.RecordKind(), err)
	default:
		other, err := decodeStamped(rec.RecordKind(), body)
		if err != nil {
			return err
		}
		drop := otherID
		if model.Later(model.StampedRev(other), model.StampedRev(rec)) {
			drop = rec.RecordID()
		}
		if _, err := t.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", drop); err != nil {
			return fmt.Errorf("write %s: %w", rec.RecordKind(), err)
		}
		if drop == rec.RecordID() {
			return nil
		}
	}
	switch r := rec.(type) {
	case model.FollowUp:
		return t.upsertFollowUp(ctx, r)
	case model.SelfScore:
		return t.upsertSelfScore(ctx, r)
	}
	return fmt.Errorf("write %s: %w", rec.RecordKind(), model.ErrInvalid)
}

// rekeyStamped moves the follow-ups and self-scores of visit old to visit
// keep (the same visit, created twice), where two for the same kiến nghị
// or item keep the later one's row (placeStamped).
func (t *txn) rekeyStamped(ctx context.Context, old, keep string) error {
	for _, entity := range []string{bundle.EntityFollowUp, bundle.EntitySelfScore} {
		table := stampedTables[entity]
		rows, err := t.QueryContext(ctx, "SELECT body FROM "+table+" WHERE assessment_id = ? ORDER BY id", old)
		if err != nil {
			return fmt.Errorf("read %s: %w", entity, err)
		}
		var recs []model.Revisioned
		for rows.Next() {
			var body string
			if err := rows.Scan(&body); err != nil {
				closeRows(rows)
				return fmt.Errorf("read %s: %w", entity, err)
			}
			rec, err := decodeStamped(entity, body)
			if err != nil {
				closeRows(rows)
				return err
			}
			recs = append(recs, rec)
		}
		err = rows.Err()
		closeRows(rows)
		if err != nil {
			return fmt.Errorf("read %s: %w", entity, err)
		}
		for _, rec := range recs {
			if _, err := t.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", rec.RecordID()); err != nil {
				return fmt.Errorf("write %s: %w", entity, err)
			}
			switch r := rec.(type) {
			case model.FollowUp:
				r.AssessmentID = keep
				err = t.placeStamped(ctx, r, keep, "recommendation_id", r.RecommendationID)
			case model.SelfScore:
				r.AssessmentID = keep
				err = t.placeStamped(ctx, r, keep, "item_code", r.ItemCode)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// canonID is the ID a record is kept under here (id_aliases).
func (t *txn) canonID(ctx context.Context, kind, id string) (string, error) {
	var c string
	err := t.QueryRowContext(ctx, "SELECT canonical FROM id_aliases WHERE kind = ? AND alias = ?", kind, id).Scan(&c)
	switch {
	case isNoRows(err):
		return id, nil
	case err != nil:
		return "", fmt.Errorf("read aliases: %w", err)
	}
	return c, nil
}

// conflicting is, of a record's heads (current first), the others that
// say something else than the current one.
func conflicting(heads []model.Revisioned) []model.Revisioned {
	var out []model.Revisioned
	for _, h := range heads[min(1, len(heads)):] {
		if h.ContentHash() != heads[0].ContentHash() {
			out = append(out, h)
		}
	}
	return out
}

// StampedConflicts lists the stamped records of kind entity among ids
// whose heads disagree.
func (db *DB) StampedConflicts(ctx context.Context, entity string, ids ...string) ([]model.StampedConflict, error) {
	if _, ok := stampedTables[entity]; !ok {
		return nil, fmt.Errorf("conflicts of %s: %w", entity, model.ErrInvalid)
	}
	var out []model.StampedConflict
	for _, id := range ids {
		heads, err := stampedHeads(ctx, db.sql, entity, id)
		if err != nil {
			return nil, err
		}
		if len(heads) == 0 {
			continue
		}
		if others := conflicting(heads); len(others) > 0 {
			out = append(out, model.StampedConflict{Kind: entity, ID: id, Current: heads[0], Others: others})
		}
	}
	return out, nil
}

// AllStampedConflicts lists every follow-up, fix report and self-score
// held with values from two laptops that disagree, by kind and ID.
func (db *DB) AllStampedConflicts(ctx context.Context) ([]model.StampedConflict, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT entity, entity_id FROM audit
		WHERE entity IN ('follow_up', 'fix_report', 'self_score') AND revision != ''
		GROUP BY entity, entity_id HAVING count(DISTINCT revision) > 1 ORDER BY entity, entity_id`)
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	defer closeRows(rows)
	var recs [][2]string
	for rows.Next() {
		var r [2]string
		if err := rows.Scan(&r[0], &r[1]); err != nil {
			return nil, fmt.Errorf("read conflicts: %w", err)
		}
		recs = append(recs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	closeRows(rows)
	var out []model.StampedConflict
	for _, r := range recs {
		cs, err := db.StampedConflicts(ctx, r[0], r[1])
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
