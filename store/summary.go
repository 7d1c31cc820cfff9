package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"kiemtra/model"
)

// Summary gathers the records of the inspections and computes their
// consolidated summary, one unit's findings at a time: it never holds
// more than one unit's findings as findings. The findings themselves are
// not in the summary but kept compressed, up to a bound (findingSpool),
// or read again, a unit at a time, when it is written (Summary.Stream,
// which needs db open).
func (db *DB) Summary(ctx context.Context, kinds []model.KindInfo, inspectionIDs ...string) (model.Summary, error) {
	return db.summary(ctx, kinds, spoolLimit, inspectionIDs)
}

// summary is Summary keeping at most spoolLimit bytes of findings between
// its passes (findingSpool).
func (db *DB) summary(ctx context.Context, kinds []model.KindInfo, spoolLimit int, inspectionIDs []string) (model.Summary, error) {
	b := model.NewSummaryBuilder(kinds, false)
	var ins []model.Inspection
	byAssessment := map[string]*model.UnitRecord{}
	read, err := db.newFindingReader(ctx, false)
	if err != nil {
		return model.Summary{}, fmt.Errorf("summary: %w", db.translate(err))
	}
	defer read.close()
	spool := newFindingSpool(spoolLimit)
	var scratch []model.Finding // each unit's findings in turn: the builder keeps none
	for _, id := range inspectionIDs {
		in, err := db.Inspection(ctx, id)
		if err != nil {
			return model.Summary{}, fmt.Errorf("summary: %w", err)
		}
		ins = append(ins, in)
		recs, err := db.appendRecords(ctx, nil, in, kinds)
		if err != nil {
			return model.Summary{}, fmt.Errorf("summary: %w", err)
		}
		self, err := inspectionSelfScores(ctx, db.sql, id)
		if err != nil {
			return model.Summary{}, fmt.Errorf("summary: %w", db.translate(err))
		}
		for i := range recs {
			r := recs[i]
			var n int
			var packed string
			if r.Findings, n, packed, err = read.readPacked(ctx, scratch, r.Assessment.ID); err != nil {
				return model.Summary{}, fmt.Errorf("summary: %w", db.translate(err))
			}
			spool.keep(r.Assessment.ID, n, packed)
			r.SelfScores = self[r.Assessment.ID]
			r.Scorecard = model.Score(r.Checklist, contents(r.Findings))
			b.Add(r)
			scratch = r.Findings
			byAssessment[r.Assessment.ID] = &recs[i]
		}
	}
	s := b.Summary(ins)
	s.Stream = db.findingStream(ctx, s.Rows, byAssessment, spool)
	if err := db.addFollowUp(ctx, &s); err != nil {
		return s, err
	}
	return s, nil
}

// findingStream reads the findings of the summary's rows, one unit at a
// time, in the rows' order. The reading runs a unit ahead of fn, in a
// goroutine of its own, so that reading the database and writing the
// document share the processor's cores; at most a few units' rows are
// held.
func (db *DB) findingStream(ctx context.Context, rows []model.SummaryRow, recs map[string]*model.UnitRecord,
	spool *findingSpool) model.FindingStream {
	return func(recsOnly bool, fn func(*model.FindingRow) error) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		units := make(chan []model.FindingRow, 1)
		// The lists fn is done with go back to the reader to be filled
		// again: a few units' worth of rows, not a unit's per unit.
		free := make(chan []model.FindingRow, 3)
		read := make(chan error, 1)
		go func() {
			defer close(units)
			read <- db.readUnits(ctx, rows, recs, spool, recsOnly, units, free)
		}()
		var err error
		for list := range units {
			for i := 0; err == nil && i < len(list); i++ {
				err = fn(&list[i])
			}
			if err != nil {
				cancel() // the reader stops at its next unit
				for range units {
				}
				return err
			}
			select {
			case free <- list:
			default:
			}
		}
		return <-read
	}
}

// readUnits sends the finding rows of each of rows to out, in order:
// from the spool, or read again for a unit it does not hold.
func (db *DB) readUnits(ctx context.Context, rows []model.SummaryRow, recs map[string]*model.UnitRecord, spool *findingSpool,
	recsOnly bool, out chan<- []model.FindingRow, free <-chan []model.FindingRow) error {
	read, err := db.newFindingReader(ctx, recsOnly)
	if err != nil {
		return fmt.Errorf("summary findings: %w", db.translate(err))
	}
	defer read.close()
	var rm model.RowMaker
	var decoded []byte
	var scratch []model.Finding // each unit's in turn: its rows hold copies
	for _, row := range rows {
		r := *recs[row.AssessmentID]
		var spooled bool
		if r.Findings, spooled, err = spool.findings(&decoded, scratch, r.Assessment.ID); err != nil {
			return fmt.Errorf("summary findings: %w", err)
		}
		if !spooled {
			if r.Findings, err = read.read(ctx, scratch, r.Assessment.ID); err != nil {
				return fmt.Errorf("summary findings: %w", db.translate(err))
			}
		}
		if recsOnly {
			// Only the findings with a kiến nghị become rows: a spooled
			// unit holds every finding.
			kept := r.Findings[:0] // a slice of its own, read for this pass
			for _, f := range r.Findings {
				if strings.TrimSpace(f.Recommendation) != "" {
					kept = append(kept, f)
				}
			}
			r.Findings = kept
		}
		var list []model.FindingRow
		select {
		case list = <-free:
		default:
		}
		list = rm.Rows(list, &r, row.Kind, row.State)
		scratch = r.Findings
		select {
		case out <- list:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// summaryQuery reads what the summary shows of one assessment's current
// findings — the item and the content, not the revision's bookkeeping:
// half the columns of a finding, and the columns are most of the cost of
// reading a hundred thousand rows.
const summaryQuery = `SELECT item_code, result, score, note, evidence, recommendation, deadline
	FROM findings WHERE assessment_id = ?`

// summaryRecommendedQuery reads the findings of summaryQuery that carry a
// recommendation, for the kiến nghị table: its term is the partial index
// findings_recommended's (migration 012), so it reads only those rows.
const summaryRecommendedQuery = summaryQuery + ` AND recommendation <> ''`

// summaryFindings reads one assessment's findings with read
// (summaryQuery, perhaps filtered), a row per finding: findingReader's
// way for a unit whose texts hold a separator of its packed read.
func summaryFindings(ctx context.Context, read *sql.Stmt, assessmentID string) ([]model.Finding, error) {
	rows, err := read.QueryContext(ctx, assessmentID)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	var out []model.Finding
	var result, deadline string
	for rows.Next() {
		f := model.Finding{AssessmentID: assessmentID}
		if err := rows.Scan(&f.ItemCode, &result, &f.Score, &f.Note, &f.Evidence, &f.Recommendation, &deadline); err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		if f.Result, err = model.ParseResult(result); err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		if f.Deadline, err = model.ParseDate(deadline); err != nil {
			return nil, fmt.Errorf("finding %s: deadline: %w", f.ItemCode, err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	return out, nil
}
