package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"kiemtra/model"
)

const findingCols = `id, assessment_id, item_code, result, score, note, evidence, recommendation, deadline,
	updated_by, updated_at, device, revision, base_revision, cases`

func scanFinding(sc scanner) (model.Finding, error) {
	var f model.Finding
	var result, deadline, at string
	err := sc.Scan(&f.ID, &f.AssessmentID, &f.ItemCode, &result, &f.Score, &f.Note, &f.Evidence, &f.Recommendation,
		&deadline, &f.UpdatedBy, &at, &f.Device, &f.Revision, &f.BaseRevision, &f.Cases)
	if err != nil {
		return f, err
	}
	if f.Result, err = model.ParseResult(result); err != nil {
		return f, err
	}
	if f.Deadline, err = model.ParseDate(deadline); err != nil {
		return f, fmt.Errorf("finding %s: deadline: %w", f.ItemCode, err)
	}
	f.UpdatedAt = parseTime(at)
	return f, nil
}

func findingsOf(ctx context.Context, q queryer, assessmentID string) ([]model.Finding, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+findingCols+" FROM findings WHERE assessment_id = ? ORDER BY item_code", assessmentID)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	var out []model.Finding
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	return out, nil
}

// Findings returns an assessment's findings (the current revision of each),
// by item code.
func (db *DB) Findings(ctx context.Context, assessmentID string) ([]model.Finding, error) {
	fs, err := findingsOf(ctx, db.sql, assessmentID)
	if err != nil {
		return nil, db.translate(err)
	}
	return fs, nil
}

// contentsByAssessment runs a query returning (assessment_id, findingCols…)
// and groups the contents by assessment and item.
func contentsByAssessment(ctx context.Context, q queryer, query string, args ...any) (map[string]map[string]model.Content, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	out := map[string]map[string]model.Content{}
	for rows.Next() {
		var aid string
		var f model.Finding
		var result, deadline, at string
		if err := rows.Scan(&aid, &f.ID, &f.AssessmentID, &f.ItemCode, &result, &f.Score, &f.Note, &f.Evidence,
			&f.Recommendation, &deadline, &f.UpdatedBy, &at, &f.Device, &f.Revision, &f.BaseRevision, &f.Cases); err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		if f.Result, err = model.ParseResult(result); err != nil {
			return nil, fmt.Errorf("read findings: item %s: %w", f.ItemCode, err)
		}
		if f.Deadline, err = model.ParseDate(deadline); err != nil {
			return nil, fmt.Errorf("read findings: item %s: deadline: %w", f.ItemCode, err)
		}
		m := out[aid]
		if m == nil {
			m = map[string]model.Content{}
			out[aid] = m
		}
		m[f.ItemCode] = f.Content()
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	return out, nil
}

// ErrStale is returned when a save is based on a revision that is no longer
// the current one (someone else's change, or an import, came in between).
var ErrStale = model.ErrStale

// SaveFinding records the inspector's answer for one item in one short
// transaction: it checks the assessment is a draft and the content fits the
// item, writes the finding as a new revision based on the current one, and
// appends an audit row with the old and new values. f.UpdatedBy names the
// inspector; f.BaseRevision must be the revision the editor loaded ("" for
// a first answer), else ErrStale. Saving content equal to the current
// revision writes nothing and returns the current finding.
func (db *DB) SaveFinding(ctx context.Context, f model.Finding) (model.Finding, error) {
	f.Note, f.Evidence, f.Recommendation = nfc(f.Note), nfc(f.Evidence), nfc(f.Recommendation)
	f.UpdatedBy = nfc(strings.TrimSpace(f.UpdatedBy))
	if f.UpdatedBy == "" {
		return f, fmt.Errorf("save finding %s: %w", f.ItemCode, invalid("updated_by"))
	}
	// The checklist is read before the transaction: the pool has one
	// connection, so a read through db.sql inside db.tx would wait forever.
	// An assessment's checklist never changes, so reading it first is safe.
	a, err := db.Assessment(ctx, f.AssessmentID)
	if err != nil {
		return f, fmt.Errorf("save finding %s: %w", f.ItemCode, err)
	}
	cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	if err != nil {
		return f, fmt.Errorf("save finding %s: %w", f.ItemCode, err)
	}
	var saved model.Finding
	err = db.tx(ctx, func(t *txn) error {
		a, err := scanAssessment(t.queryRow(ctx, getAssessmentSQL, f.AssessmentID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("assessment %s: %w", f.AssessmentID, notFound(f.AssessmentID))
		}
		if err != nil {
			return err
		}
		if a.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		it, ok := cl.Item(f.ItemCode)
		if !ok {
			return fmt.Errorf("item %s in %s: %w", f.ItemCode, cl.Ref(), notFound(f.ItemCode))
		}
		if err := f.Content().Validate(it); err != nil {
			return err
		}
		cur, err := scanFinding(t.queryRow(ctx, selectFindingSQL, f.AssessmentID, f.ItemCode))
		exists := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read finding: %w", err)
		}
		if exists {
			if f.BaseRevision != cur.Revision {
				return ErrStale
			}
			if cur.Content() == f.Content() {
				saved = cur
				return nil
			}
			f.ID = cur.ID
		} else {
			if f.BaseRevision != "" {
				return ErrStale
			}
			// Named by what it is about, so the same item answered on two
			// laptops is one record when their bundles meet.
			f.ID = model.DerivedID("finding", f.AssessmentID, f.ItemCode)
		}
		saved, err = t.writeFinding(ctx, f, cur, exists)
		return err
	})
	if err != nil {
		return f, fmt.Errorf("save finding %s: %w", f.ItemCode, err)
	}
	return saved, nil
}

// writeFinding stores f as a new revision on top of old and audits it.
func (t *txn) writeFinding(ctx context.Context, f, old model.Finding, exists bool) (model.Finding, error) {
	f.Revision = model.NewID()
	f.UpdatedAt = t.now()
	f.Device = t.device
	if exists {
		f.BaseRevision = old.Revision
	} else {
		f.BaseRevision = ""
	}
	if err := t.upsertFinding(ctx, f); err != nil {
		return f, err
	}
	// The entry is dated as the revision is: one moment, one change.
	e := AuditEntry{Actor: f.UpdatedBy, Entity: "finding", EntityID: f.ID, Action: "save", At: f.UpdatedAt,
		New: jsonOf(f), Revision: f.Revision, BaseRevision: f.BaseRevision}
	if exists {
		e.Old = jsonOf(old)
	}
	_, err := t.appendAudit(ctx, e)
	return f, err
}

const selectFindingSQL = "SELECT " + findingCols + " FROM findings WHERE assessment_id = ? AND item_code = ?"

const upsertFindingSQL = `INSERT INTO findings(` + findingCols + `) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		` + upsertFindingSet

// upsertFindingSet makes an insert of findings replace the row of the
// same ID.
const upsertFindingSet = `ON CONFLICT(id) DO UPDATE SET assessment_id=excluded.assessment_id, item_code=excluded.item_code,
		result=excluded.result, score=excluded.score, note=excluded.note,
		evidence=excluded.evidence, recommendation=excluded.recommendation, deadline=excluded.deadline,
		updated_by=excluded.updated_by, updated_at=excluded.updated_at, device=excluded.device,
		revision=excluded.revision, base_revision=excluded.base_revision, cases=excluded.cases`

// upsertFinding writes a finding row as given, through the statement
// prepared when the database opened.
func (t *txn) upsertFinding(ctx context.Context, f model.Finding) error {
	st, done, err := t.prepared(ctx, upsertFindingSQL)
	if err != nil {
		return fmt.Errorf("write finding %s: %w", f.ItemCode, err)
	}
	defer done()
	return upsertFindingWith(ctx, st, f)
}

// upsertFindingWith writes a finding row through a prepared upsertFindingSQL.
func upsertFindingWith(ctx context.Context, st *sql.Stmt, f model.Finding) error {
	_, err := st.ExecContext(ctx, findingRow(f)...)
	if err != nil {
		return fmt.Errorf("write finding %s: %w", f.ItemCode, err)
	}
	return nil
}

// findingRow is a finding's columns in findingCols' order, as written.
func findingRow(f model.Finding) []any {
	return []any{f.ID, f.AssessmentID, f.ItemCode, f.Result.Code(), int64(f.Score), f.Note, f.Evidence, f.Recommendation,
		f.Deadline.ISO(), f.UpdatedBy, formatTime(f.UpdatedAt), f.Device, f.Revision, f.BaseRevision, f.Cases}
}
