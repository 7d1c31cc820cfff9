package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"kiemtra/model"
)

// Separators of a packed read: ASCII's record and unit separators. Any
// byte can be in a finding's text, these too; a text holding one shows as
// a separator too many, and that unit is read row by row instead
// (unpackFindings).
const (
	packRecord = "\x1e"
	packField  = "\x1f"
	packFields = 7 // the columns of summaryQuery
)

// summaryPackedQuery reads what summaryQuery reads of one assessment, as
// one row: how many findings, and their columns joined by the separators.
// Going through database/sql once per unit instead of once per finding
// and column halves the cost of a read of every finding (most of it was
// the driver's per-row and per-column work, not SQLite's). The columns
// are NOT NULL in a STRICT table, so no finding drops out of the
// concatenation; the count checks it all the same.
const summaryPackedQuery = `SELECT count(*), coalesce(group_concat(item_code || '` + packField + `' || result || '` + packField +
	`' || score || '` + packField + `' || note || '` + packField + `' || evidence || '` + packField + `' || recommendation || '` +
	packField + `' || deadline, '` + packRecord + `'), '')
	FROM findings WHERE assessment_id = ?`

// summaryPackedRecommendedQuery is summaryPackedQuery for the findings
// with a recommendation, through the partial index findings_recommended
// (its WHERE holds the index's term).
const summaryPackedRecommendedQuery = summaryPackedQuery + ` AND recommendation <> ''`

// findingReader reads assessments' findings for the summary: packed, one
// row per assessment, and row by row (summaryQuery) for a unit whose
// texts hold a separator.
type findingReader struct {
	db       *DB
	recsOnly bool
	packed   *sql.Stmt
	rows     *sql.Stmt // prepared at the first unit that needs it
}

// newFindingReader prepares the packed read; with recsOnly it reads only
// the findings with a recommendation. Close it when done.
func (db *DB) newFindingReader(ctx context.Context, recsOnly bool) (*findingReader, error) {
	q := summaryPackedQuery
	if recsOnly {
		q = summaryPackedRecommendedQuery
	}
	st, err := db.sql.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &findingReader{db: db, recsOnly: recsOnly, packed: st}, nil
}

func (r *findingReader) close() {
	closeStmt(r.packed)
	if r.rows != nil {
		closeStmt(r.rows)
	}
}

// read returns the findings of one assessment, in into's memory when it
// has room.
func (r *findingReader) read(ctx context.Context, into []model.Finding, assessmentID string) ([]model.Finding, error) {
	out, _, _, err := r.readPacked(ctx, into, assessmentID)
	return out, err
}

// readPacked is read that also returns the packed read the findings came
// from, n findings in packed, when they came from one (packed is "" and
// n -1 for a unit read row by row).
func (r *findingReader) readPacked(ctx context.Context, into []model.Finding, assessmentID string) (_ []model.Finding, n int,
	packed string, _ error) {
	if err := r.packed.QueryRowContext(ctx, assessmentID).Scan(&n, &packed); err != nil {
		return nil, 0, "", fmt.Errorf("read findings: %w", err)
	}
	if out, ok, err := unpackFindings(into, assessmentID, n, packed); ok || err != nil {
		return out, n, packed, err
	}
	if r.rows == nil {
		q := summaryQuery
		if r.recsOnly {
			q = summaryRecommendedQuery
		}
		st, err := r.db.sql.PrepareContext(ctx, q)
		if err != nil {
			return nil, 0, "", fmt.Errorf("read findings: %w", err)
		}
		r.rows = st
	}
	out, err := summaryFindings(ctx, r.rows, assessmentID)
	return out, -1, "", err
}

// unpackFindings splits a packed read of n findings, into into's memory
// when it has room. ok is false, with no error, when the separators do
// not add up — a text holds one — and the unit must be read row by row.
// The findings' texts share packed's memory.
func unpackFindings(into []model.Finding, assessmentID string, n int, packed string) (_ []model.Finding, ok bool, _ error) {
	if n == 0 {
		return nil, packed == "", nil
	}
	if strings.Count(packed, packRecord) != n-1 || strings.Count(packed, packField) != n*(packFields-1) {
		return nil, false, nil
	}
	out := slices.Grow(into[:0], n)[:n]
	var cols [packFields]string
	rest := packed
	for i := range out {
		rec := rest
		if j := strings.IndexByte(rest, packRecord[0]); j >= 0 {
			rec, rest = rest[:j], rest[j+1:]
		}
		for c := range packFields - 1 {
			j := strings.IndexByte(rec, packField[0])
			cols[c], rec = rec[:j], rec[j+1:]
		}
		cols[packFields-1] = rec
		f := &out[i]
		*f = model.Finding{AssessmentID: assessmentID, ItemCode: cols[0]}
		var err error
		if f.Result, err = model.ParseResult(cols[1]); err != nil {
			return nil, false, fmt.Errorf("read findings: %w", err)
		}
		score, err := strconv.ParseInt(cols[2], 10, 64)
		if err != nil {
			return nil, false, fmt.Errorf("read findings: score %q: %w", cols[2], err)
		}
		f.Score = model.Points(score)
		f.Note, f.Evidence, f.Recommendation = cols[3], cols[4], cols[5]
		if f.Deadline, err = model.ParseDate(cols[6]); err != nil {
			return nil, false, fmt.Errorf("finding %s: deadline: %w", f.ItemCode, err)
		}
	}
	return out, true, nil
}
