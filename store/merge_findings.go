package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// Findings merge by revision (model.MergeRevisions), one finding at a
// time: the staged revisions are read grouped by finding (the assessment
// they are kept under here, the item), each group is merged with the
// revisions held, and the finding shows what model.ViewFinding decides:
// the current head, or, for a finalized assessment, its sealed revision,
// with changes made without knowing of a finalization held aside as
// conflicts. This is where the per-finding decisions are made; a merge
// that finds nothing held could be made set-based without changing them.

// revInfo is one revision with the finding it describes and the
// assessment revision it was made under.
type revInfo struct {
	rev  model.Rev
	f    model.Finding
	made string
}

func revInfoOf(r bundle.Revision) revInfo {
	return revInfo{rev: r.Rev(), f: r.Finding, made: r.AssessmentRevision}
}

// findingGroup is one finding as the bundle carries it: the revisions of
// one item of one assessment, under every ID it was made with.
type findingGroup struct {
	assessment, item string
	ids              map[string]bool
	revs             []revInfo
}

// findingMerger holds what merging findings repeats.
type findingMerger struct {
	heldRow, upsert, dropRow, rows *sql.Stmt
	upsertChunk                    *sql.Stmt                       // freshChunk rows (writeFreshRows)
	views                          map[string]model.AssessmentView // by assessment ID here
	staged                         map[string][]string             // assessment ID here → the bundle's IDs of it
	done                           map[string]map[string]bool      // items merged, of the assessments decided again
	anyOpen                        bool
	receipts                       [][]any // receipt rows not yet written (receiptRows)
	freshRows                      [][]any // fresh findings' rows not yet written (writeFreshRows)
	// stop is the import's cancellation, checked once a batch: the
	// statements do not watch it (importOne).
	stop context.Context
}

// mergeFindings merges the staged finding revisions, group by group, and
// records what became of each finding row of the bundle in res; then it
// decides again the other findings of the assessments in changed.
func (t *txn) mergeFindings(ctx context.Context, fm *findingMerger, changed []string, res *ImportResult) error {
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = t.PrepareContext(ctx, q)
		return st
	}
	fm.heldRow = prep("SELECT " + findingCols + " FROM main.findings WHERE assessment_id = ? AND item_code = ?")
	fm.upsert = prep(upsertFindingSQL)
	fm.dropRow = prep("DELETE FROM main.findings WHERE id = ?")
	fm.rows = prep(receiptRowsSQL)
	fm.upsertChunk = prep(upsertFindingsSQL(freshChunk))
	for _, st := range []*sql.Stmt{fm.heldRow, fm.upsert, fm.dropRow, fm.rows, fm.upsertChunk} {
		if st != nil {
			defer closeStmt(st)
		}
	}
	if err != nil {
		return fmt.Errorf("prepare merge: %w", err)
	}
	var open int
	if err := t.QueryRowContext(ctx, "SELECT count(*) FROM main.conflicts WHERE resolved_at = ''").Scan(&open); err != nil {
		return fmt.Errorf("read conflicts: %w", err)
	}
	fm.anyOpen = open > 0
	groups, err := t.QueryContext(ctx, `SELECT `+canonSQL("assessment", "e.assessment_id")+` AS ca, `+prefixCols("e.", auditCols)+`
		FROM stage.entries e WHERE e.kind = 'finding' ORDER BY ca, e.item_code, e.rev_id`)
	if err != nil {
		return fmt.Errorf("read staged findings: %w", err)
	}
	defer closeRows(groups)
	var g *findingGroup
	var batch []*findingGroup
	flush := func() error {
		if fm.stop != nil {
			if err := fm.stop.Err(); err != nil {
				return err
			}
		}
		fresh, err := t.freshGroups(ctx, batch)
		if err != nil {
			return err
		}
		for i, g := range batch {
			if err := t.mergeFinding(ctx, fm, g, res, true, fresh[i]); err != nil {
				return err
			}
		}
		batch = batch[:0]
		if err := t.writeFreshRows(ctx, fm); err != nil {
			return err
		}
		return t.writeReceipts(ctx, fm)
	}
	for groups.Next() {
		var ca string
		var e AuditEntry
		var at string
		if err := groups.Scan(&ca, &e.ID, &e.Device, &e.DevSeq, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action, &e.Old, &e.New,
			&e.Revision, &e.BaseRevision, &e.PrevHash, &e.Hash, &e.Sig); err != nil {
			return fmt.Errorf("read staged findings: %w", err)
		}
		e.At = parseTime(at)
		r, err := bundle.RevisionOf(e)
		if err != nil {
			return contentErr(short(e.Revision), "the revision cannot be read")
		}
		if g != nil && (g.assessment != ca || g.item != r.Finding.ItemCode) {
			if batch = append(batch, g); len(batch) == mergeBatch {
				if err := flush(); err != nil {
					return err
				}
			}
			g = nil
		}
		if g == nil {
			g = &findingGroup{assessment: ca, item: r.Finding.ItemCode, ids: map[string]bool{}}
		}
		g.ids[r.Finding.ID] = true
		g.revs = append(g.revs, revInfoOf(r))
	}
	if err := groups.Err(); err != nil {
		return fmt.Errorf("read staged findings: %w", err)
	}
	if g != nil {
		batch = append(batch, g)
	}
	if err := flush(); err != nil {
		return err
	}
	closeRows(groups)
	for _, id := range changed {
		if err := t.reviewFindings(ctx, fm, id); err != nil {
			return err
		}
	}
	return nil
}

// reviewFindings decides again every finding of an assessment that the
// bundle did not carry, after the revision the assessment shows changed.
func (t *txn) reviewFindings(ctx context.Context, fm *findingMerger, assessmentID string) error {
	rows, err := t.QueryContext(ctx, `SELECT item_code, id FROM main.findings WHERE assessment_id = ?1
		UNION SELECT item_code, finding_id FROM main.conflicts WHERE assessment_id = ?1 AND resolved_at = '' ORDER BY 1`, assessmentID)
	if err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	var gs []*findingGroup
	for rows.Next() {
		var item, id string
		if err := rows.Scan(&item, &id); err != nil {
			return fmt.Errorf("read findings: %w", err)
		}
		if fm.done[assessmentID][item] {
			continue
		}
		if n := len(gs); n > 0 && gs[n-1].item == item {
			gs[n-1].ids[id] = true
			continue
		}
		gs = append(gs, &findingGroup{assessment: assessmentID, item: item, ids: map[string]bool{id: true}})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	closeRows(rows)
	for _, g := range gs {
		if err := t.mergeFinding(ctx, fm, g, nil, false, false); err != nil {
			return err
		}
	}
	return nil
}

// mergeFinding merges one finding's incoming revisions (none when a
// finding is only decided again) and, if count, records the outcome. A
// fresh group (freshGroups) is one nothing here knows of: no row, no other
// name, no revision, so they are not looked up.
func (t *txn) mergeFinding(ctx context.Context, fm *findingMerger, g *findingGroup, res *ImportResult, count, fresh bool) error {
	if items, ok := fm.done[g.assessment]; ok {
		items[g.item] = true
	}
	view, ok := fm.views[g.assessment]
	if !ok {
		return contentErr(g.item, "the finding's assessment is neither in the bundle nor here")
	}
	row, hasRow, keep, held, err := t.heldFinding(ctx, fm, g, fresh)
	if err != nil {
		return err
	}
	heldRevs := make([]model.Rev, 0, len(held))
	all := make(map[string]revInfo, len(held)+len(g.revs))
	for id, ri := range held {
		heldRevs = append(heldRevs, ri.rev)
		all[id] = ri
	}
	incoming := make([]model.Rev, 0, len(g.revs))
	for _, ri := range g.revs {
		incoming = append(incoming, ri.rev)
		if _, ok := all[ri.rev.ID]; !ok {
			all[ri.rev.ID] = ri
		}
	}
	mg := model.MergeRevisions(model.NewGraph(heldRevs...), incoming)
	if mg.Delivery == model.DeliveryRefused {
		return model.NewError(model.ERevisionChanged, fmt.Errorf("item %s", g.item), short(mg.Refused[0].ID))
	}
	made := make(map[string]string, len(all))
	for id, ri := range all {
		made[id] = ri.made
	}
	fv := model.ViewFinding(view, mg.Graph, g.item, made)
	switch {
	case fv.Shown.ID == "" && hasRow:
		if _, err := fm.dropRow.ExecContext(ctx, row.ID); err != nil {
			return fmt.Errorf("write finding %s: %w", g.item, err)
		}
	case fv.Shown.ID != "" && (!hasRow || row.Revision != fv.Shown.ID || row.ID != keep):
		cur := all[fv.Shown.ID].f
		cur.ID, cur.AssessmentID = keep, g.assessment
		if fresh { // nothing else of the batch touches its row: written with the batch's
			fm.freshRows = append(fm.freshRows, findingRow(cur))
		} else if err := upsertFindingWith(ctx, fm.upsert, cur); err != nil {
			return err
		}
	}
	if fm.anyOpen || len(fv.Pairs) > 0 {
		if err := t.reconcileConflicts(ctx, keep, g.assessment, g.item, mg.Graph, fv.Pairs, all); err != nil {
			return err
		}
		fm.anyOpen = fm.anyOpen || len(fv.Pairs) > 0
	}
	if !count {
		return nil
	}
	delivery := deliveryOf(mg, fv)
	switch delivery {
	case model.DeliveryPresent:
		res.Present++
	case model.DeliveryAccepted:
		res.Accepted++
	case model.DeliveryConflict:
		res.Conflicts++
		var code string
		if err := t.QueryRowContext(ctx, "SELECT u.code FROM main.assessments a JOIN main.units u ON u.id = a.unit_id WHERE a.id = ?",
			g.assessment).Scan(&code); err != nil {
			return fmt.Errorf("read unit of finding %s: %w", g.item, err)
		}
		res.Items = append(res.Items, ConflictItem{FindingID: keep, UnitCode: code, ItemCode: g.item})
	case model.DeliveryRefused: // returned above
	}
	return t.receiptRows(ctx, fm, g, delivery, res)
}

// heldFinding is what is held here of g's finding: its row, the ID it is
// kept under (g's IDs and the row's made one) and every revision known of
// it under any of its names. For a fresh group that is its one ID, and
// nothing else.
func (t *txn) heldFinding(ctx context.Context, fm *findingMerger, g *findingGroup, fresh bool) (row model.Finding, hasRow bool,
	keep string, held map[string]revInfo, err error) {
	if fresh {
		for id := range g.ids {
			keep = id
		}
		return row, false, keep, nil, nil
	}
	row, err = scanFinding(fm.heldRow.QueryRowContext(ctx, g.assessment, g.item))
	hasRow = err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return row, false, "", nil, fmt.Errorf("read finding %s: %w", g.item, err)
	}
	if keep, err = t.unifyFinding(ctx, g, row, hasRow); err != nil {
		return row, false, "", nil, err
	}
	names, err := findingNames(ctx, t, keep)
	if err != nil {
		return row, false, "", nil, err
	}
	held, err = heldRevisions(ctx, t, names)
	return row, hasRow, keep, held, err
}

// deliveryOf is what became of a finding's incoming revisions: a new one
// held aside, or one of a pair in conflict, is in conflict.
func deliveryOf(mg model.FindingMerge, fv model.FindingView) model.Delivery {
	if mg.Delivery != model.DeliveryAccepted && mg.Delivery != model.DeliveryConflict {
		return mg.Delivery
	}
	isNew := make(map[string]bool, len(mg.New))
	for _, r := range mg.New {
		isNew[r.ID] = true
	}
	for _, p := range fv.Pairs {
		if isNew[p.Current.ID] || isNew[p.Other.ID] {
			return model.DeliveryConflict
		}
	}
	for _, h := range fv.HeldAside {
		if isNew[h.ID] {
			return model.DeliveryConflict
		}
	}
	return model.DeliveryAccepted
}

// receiptRowsSQL records, for the receipt, what became of the bundle's
// rows of a batch of findings: each [assessment IDs in the bundle, item,
// delivery] of the JSON list names the rows of one finding.
const receiptRowsSQL = `INSERT INTO stage.receipt(id, revision, status)
	SELECT f.id, f.revision, j.value ->> 2 FROM json_each(?) j
	JOIN stage.findings f ON f.item_code = j.value ->> 1 AND f.assessment_id IN (SELECT value FROM json_each(j.value -> 0))`

// receiptRows notes what became of the bundle's rows of the finding;
// writeReceipts records the batch's in the stage.
func (t *txn) receiptRows(_ context.Context, fm *findingMerger, g *findingGroup, d model.Delivery, _ *ImportResult) error {
	fm.receipts = append(fm.receipts, []any{fm.staged[g.assessment], g.item, string(d)})
	return nil
}

// writeReceipts records the receipt rows noted since the last call.
func (t *txn) writeReceipts(ctx context.Context, fm *findingMerger) error {
	if len(fm.receipts) == 0 {
		return nil
	}
	if _, err := fm.rows.ExecContext(ctx, jsonOf(fm.receipts)); err != nil {
		return fmt.Errorf("record receipt: %w", err)
	}
	fm.receipts = fm.receipts[:0]
	return nil
}

// heldRevisions loads every revision of a finding known under any of its
// IDs.
func heldRevisions(ctx context.Context, q queryer, ids []string) (map[string]revInfo, error) {
	es, err := auditEntries(ctx, q, heldRevisionsSQL, jsonList(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[string]revInfo, len(es))
	for _, e := range es {
		r, err := bundle.RevisionOf(e)
		if err != nil {
			return nil, fmt.Errorf("read revision %s: %w", e.Revision, err)
		}
		ri := revInfoOf(r)
		out[ri.rev.ID] = ri
	}
	return out, nil
}

// findingNames lists every ID a finding is known by.
func findingNames(ctx context.Context, q queryer, id string) ([]string, error) {
	return recordNames(ctx, q, "finding", id)
}

// unifyFinding makes every ID the finding has (in the bundle and here) one
// record and returns the ID it is kept under.
func (t *txn) unifyFinding(ctx context.Context, g *findingGroup, row model.Finding, hasRow bool) (string, error) {
	ids := make([]string, 0, len(g.ids)+1)
	for id := range g.ids {
		ids = append(ids, id)
	}
	if hasRow {
		ids = append(ids, row.ID)
	}
	sort.Strings(ids)
	keep, err := t.canon(ctx, "finding", ids[0])
	if err != nil {
		return "", err
	}
	for _, id := range ids[1:] {
		if keep, err = t.unifyIDs(ctx, "finding", keep, id); err != nil {
			return "", err
		}
	}
	return keep, nil
}
