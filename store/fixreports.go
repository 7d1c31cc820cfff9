package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"kiemtra/model"
)

// SaveFixReport records a unit's báo cáo kết quả khắc phục as it arrives,
// between inspections: its number, the day received, a note and the
// recommendations it reports on, each one issued to that unit in a
// finalized record (else ENotFound naming it). A report is named by its
// unit and number, so recording it again (with r.BaseRevision the revision
// held, else ErrStale) corrects it; saving what is held writes nothing.
func (db *DB) SaveFixReport(ctx context.Context, r model.FixReport) (model.FixReport, error) {
	actor, err := actorName(r.UpdatedBy, "fix report")
	if err != nil {
		return r, err
	}
	r.UnitCode, r.Number, r.Note = upper(r.UnitCode), line(r.Number), text(r.Note)
	switch {
	case r.Number == "":
		return r, fmt.Errorf("save fix report: %w", invalid("number"))
	case r.Received.IsZero():
		return r, fmt.Errorf("save fix report: %w", invalid("received"))
	}
	var saved model.FixReport
	err = db.tx(ctx, func(t *txn) error {
		var n int
		if err := t.QueryRowContext(ctx, "SELECT count(*) FROM units WHERE code = ?", r.UnitCode).Scan(&n); err != nil {
			return fmt.Errorf("read unit: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("unit %s: %w", r.UnitCode, notFound(r.UnitCode))
		}
		covers := make([]string, 0, len(r.Covers))
		for _, id := range r.Covers {
			c, err := t.unitRecommendation(ctx, r.UnitCode, id)
			if err != nil {
				return err
			}
			covers = append(covers, c)
		}
		slices.Sort(covers)
		r.Covers = slices.Compact(covers)
		if len(r.Covers) == 0 {
			r.Covers = nil
		}
		r.ID = model.FixReportID(r.UnitCode, r.Number)
		var cur model.FixReport
		held, err := bodyOf(t.QueryRowContext(ctx, "SELECT body FROM fix_reports WHERE id = ?", r.ID), &cur)
		if err != nil {
			return fmt.Errorf("read fix report: %w", err)
		}
		if err := checkBase(r.BaseRevision, cur.Revision); err != nil {
			return err
		}
		if r.Stamp, err = t.stampOn(ctx, actor, r.RecordKind(), r.ID, cur.Revision); err != nil {
			return err
		}
		if held && cur.SameContent(r) && len(r.Merged) == 0 {
			saved = cur
			return nil
		}
		if err := t.upsertFixReport(ctx, r); err != nil {
			return err
		}
		old := ""
		if held {
			old = jsonOf(cur)
		}
		saved = r
		return t.auditRevision(ctx, r, old)
	})
	if err != nil {
		return r, fmt.Errorf("save fix report: %w", err)
	}
	return saved, nil
}

const upsertFixReportSQL = `INSERT INTO fix_reports(id, unit_code, number, received, revision, body) VALUES (?,?,?,?,?,?)
	ON CONFLICT(id) DO UPDATE SET received = excluded.received, revision = excluded.revision, body = excluded.body`

func (t *txn) upsertFixReport(ctx context.Context, r model.FixReport) error {
	if _, err := t.ExecContext(ctx, upsertFixReportSQL, r.ID, r.UnitCode, r.Number, r.Received.ISO(), r.Revision, jsonOf(r)); err != nil {
		return fmt.Errorf("write fix report: %w", err)
	}
	return nil
}

// unitRecommendation checks that id (or an alias of it) is a kiến nghị
// issued to the unit in a finalized record and returns the ID it is kept
// under.
func (t *txn) unitRecommendation(ctx context.Context, unitCode, id string) (string, error) {
	c, err := t.canon(ctx, "finding", id)
	if err != nil {
		return "", err
	}
	var n int
	err = t.QueryRowContext(ctx, `SELECT 1 FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN units u ON u.id = a.unit_id
		WHERE f.id = ? AND u.code = ? AND a.status = 'finalized' AND f.recommendation != ''`, c, unitCode).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("recommendation %s of %s: %w", short(id), unitCode, notFound(short(id)))
	}
	if err != nil {
		return "", fmt.Errorf("read recommendation: %w", err)
	}
	return c, nil
}

// FixReports lists the reports a unit sent on its fixes, by the day
// received.
func (db *DB) FixReports(ctx context.Context, unitCode string) ([]model.FixReport, error) {
	out, err := bodies[model.FixReport](ctx, db.sql, "SELECT body FROM fix_reports WHERE unit_code = ? ORDER BY received, number", upper(unitCode))
	if err != nil {
		return nil, fmt.Errorf("read fix reports: %w", db.translate(err))
	}
	return out, nil
}
