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

// revInfo is one revision with the finding it describes.
type revInfo struct {
	rev model.Rev
	f   model.Finding
}

// heldRevisions loads every revision of a finding known under any of its
// IDs.
func heldRevisions(ctx context.Context, q queryer, ids []string) (map[string]revInfo, error) {
	if len(ids) == 1 {
		return revisionsOf(ctx, q, "SELECT "+auditCols+` FROM audit WHERE entity_id = ? AND entity = 'finding' AND revision != ''`, ids[0])
	}
	return revisionsOf(ctx, q, "SELECT "+auditCols+` FROM audit WHERE entity = 'finding' AND revision != ''
		AND entity_id IN (SELECT value FROM json_each(?))`, jsonList(ids))
}

// revisionsOf runs a query for audit entries about finding revisions and
// reads the revisions they describe.
func revisionsOf(ctx context.Context, q queryer, query string, args ...any) (map[string]revInfo, error) {
	es, err := auditEntries(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]revInfo, len(es))
	for _, e := range es {
		r, err := bundle.RevisionOf(e)
		if err != nil {
			return nil, fmt.Errorf("read revision %s: %w", e.Revision, err)
		}
		ri := revInfo{r.Rev(), r.Finding}
		out[ri.rev.ID] = ri
	}
	return out, nil
}

// findingNames lists every ID a finding is known by.
func findingNames(ctx context.Context, q queryer, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT alias FROM id_aliases WHERE kind = 'finding' AND canonical = ?", id)
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

// findingGroup is one finding as the bundle carries it: the revisions of
// one item of one assessment, under every ID it was made with.
type findingGroup struct {
	assessment, item string
	ids              map[string]bool
	revs             []revInfo
	rows             []model.Finding // the sender's current rows
}

// groupFindings sorts the bundle's revisions and rows into findings, by
// the assessment they are kept under and the item.
func (t *txn) groupFindings(ctx context.Context, b *Bundle) ([]*findingGroup, error) {
	groups := map[string]*findingGroup{}
	assessCanon := map[string]string{}
	groupOf := func(f model.Finding) (*findingGroup, error) {
		ca, ok := assessCanon[f.AssessmentID]
		if !ok {
			var err error
			if ca, err = t.canon(ctx, "assessment", f.AssessmentID); err != nil {
				return nil, err
			}
			assessCanon[f.AssessmentID] = ca
		}
		k := ca + "\x00" + f.ItemCode
		g := groups[k]
		if g == nil {
			g = &findingGroup{assessment: ca, item: f.ItemCode, ids: map[string]bool{}}
			groups[k] = g
		}
		g.ids[f.ID] = true
		return g, nil
	}
	for _, r := range b.Revisions {
		g, err := groupOf(r.Finding)
		if err != nil {
			return nil, err
		}
		g.revs = append(g.revs, revInfo{r.Rev(), r.Finding})
	}
	for _, f := range b.Payload.Findings {
		g, err := groupOf(f)
		if err != nil {
			return nil, err
		}
		g.rows = append(g.rows, f)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*findingGroup, len(keys))
	for i, k := range keys {
		out[i] = groups[k]
	}
	return out, nil
}

// findingMerger holds the statements merging findings repeats.
type findingMerger struct {
	heldRow, aliasCount, oneRevs, upsert *sql.Stmt
}

// mergeFindings merges the bundle's finding revisions by model.MergeRevisions,
// one finding at a time, and records what became of each in res.
func (t *txn) mergeFindings(ctx context.Context, b *Bundle, res *ImportResult) error {
	groups, err := t.groupFindings(ctx, b)
	if err != nil {
		return err
	}
	heldRow, err := t.PrepareContext(ctx, "SELECT "+findingCols+" FROM findings WHERE assessment_id = ? AND item_code = ?")
	if err != nil {
		return fmt.Errorf("prepare merge: %w", err)
	}
	defer closeStmt(heldRow)
	aliasCount, err := t.PrepareContext(ctx, "SELECT count(*) FROM id_aliases WHERE kind = 'finding' AND canonical = ?")
	if err != nil {
		return fmt.Errorf("prepare merge: %w", err)
	}
	defer closeStmt(aliasCount)
	oneRevs, err := t.PrepareContext(ctx, "SELECT "+auditCols+" FROM audit WHERE entity_id = ? AND entity = 'finding' AND revision != ''")
	if err != nil {
		return fmt.Errorf("prepare merge: %w", err)
	}
	defer closeStmt(oneRevs)
	upsert, err := t.PrepareContext(ctx, upsertFindingSQL)
	if err != nil {
		return fmt.Errorf("prepare merge: %w", err)
	}
	defer closeStmt(upsert)
	fm := &findingMerger{heldRow: heldRow, aliasCount: aliasCount, oneRevs: oneRevs, upsert: upsert}
	assessExists := map[string]bool{}
	var openConflicts int
	if err := t.QueryRowContext(ctx, "SELECT count(*) FROM conflicts WHERE resolved_at = ''").Scan(&openConflicts); err != nil {
		return fmt.Errorf("read conflicts: %w", err)
	}
	for _, g := range groups {
		exists, ok := assessExists[g.assessment]
		if !ok {
			var n int
			if err := t.QueryRowContext(ctx, "SELECT count(*) FROM assessments WHERE id = ?", g.assessment).Scan(&n); err != nil {
				return fmt.Errorf("read assessments: %w", err)
			}
			exists = n > 0
			assessExists[g.assessment] = exists
		}
		if !exists {
			return contentErr(g.item, "the finding's assessment is neither in the bundle nor here")
		}
		n, err := t.mergeFinding(ctx, fm, g, openConflicts > 0, res)
		if err != nil {
			return err
		}
		openConflicts += n
	}
	sort.Slice(res.records, func(i, j int) bool { return res.records[i].ID < res.records[j].ID })
	return nil
}

// mergeFinding merges one finding's incoming revisions; anyOpen says
// whether any conflict is open (then even a finding without a new conflict
// may close one). It returns how many conflicts the merge opened.
func (t *txn) mergeFinding(ctx context.Context, fm *findingMerger, g *findingGroup, anyOpen bool, res *ImportResult) (int, error) {
	row, err := scanFinding(fm.heldRow.QueryRowContext(ctx, g.assessment, g.item))
	hasRow := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("read finding %s: %w", g.item, err)
	}
	keep, err := t.unifyFinding(ctx, g, row, hasRow)
	if err != nil {
		return 0, err
	}
	held, err := t.heldFindingRevisions(ctx, fm, keep)
	if err != nil {
		return 0, err
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
		return 0, model.NewError(model.ERevisionChanged, fmt.Errorf("item %s", g.item), short(mg.Refused[0].ID))
	}
	cur := all[mg.Current.ID].f
	cur.ID, cur.AssessmentID = keep, g.assessment
	if !hasRow || row.Revision != cur.Revision {
		if err := upsertFindingWith(ctx, fm.upsert, cur); err != nil {
			return 0, err
		}
	}
	if anyOpen || len(mg.Conflicts) > 0 {
		if err := t.reconcileConflicts(ctx, keep, g.assessment, g.item, mg.Graph, all); err != nil {
			return 0, err
		}
	}
	switch mg.Delivery {
	case model.DeliveryPresent:
		res.Present++
	case model.DeliveryAccepted:
		res.Accepted++
	case model.DeliveryConflict:
		res.Conflicts++
		var code string
		if err := t.QueryRowContext(ctx, "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.id = ?",
			g.assessment).Scan(&code); err != nil {
			return 0, fmt.Errorf("read unit of finding %s: %w", g.item, err)
		}
		res.Items = append(res.Items, ConflictItem{FindingID: keep, UnitCode: code, ItemCode: g.item})
	case model.DeliveryRefused: // returned above
	}
	for _, f := range g.rows {
		res.records = append(res.records, ReceiptRecord{Kind: "finding", ID: f.ID, Revision: f.Revision, Status: mg.Delivery})
	}
	return len(mg.Conflicts), nil
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

// heldFindingRevisions loads the revisions held of the finding kept as id,
// with one prepared query in the common case of a finding with one ID.
func (t *txn) heldFindingRevisions(ctx context.Context, fm *findingMerger, id string) (map[string]revInfo, error) {
	var nAlias int
	if err := fm.aliasCount.QueryRowContext(ctx, id).Scan(&nAlias); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	if nAlias > 0 {
		names, err := findingNames(ctx, t, id)
		if err != nil {
			return nil, err
		}
		return heldRevisions(ctx, t, names)
	}
	rows, err := fm.oneRevs.QueryContext(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read revisions: %w", err)
	}
	defer closeRows(rows)
	out := map[string]revInfo{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		r, err := bundle.RevisionOf(e)
		if err != nil {
			return nil, fmt.Errorf("read revision %s: %w", e.Revision, err)
		}
		ri := revInfo{r.Rev(), r.Finding}
		out[ri.rev.ID] = ri
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read revisions: %w", err)
	}
	return out, nil
}
