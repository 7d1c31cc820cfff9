package store

import (
	"context"
	"fmt"
	"strings"
)

// Most findings a bundle brings are new here: no row for their item, no
// revision held, no other name. For those, mergeFinding's three lookups
// (the row held for the item, the IDs the finding is known by, the
// revisions held of them) would each come back empty; freshGroups asks
// all three for a batch of groups in two statements instead of three per
// finding, and mergeFinding makes the same decisions from the empty
// answers. A group with two IDs (one finding created on two laptops)
// always takes the full path, which unifies them, and so does any group
// whose ID another group of the batch also carries.

// mergeBatch is how many findings' groups are looked up at once: enough to
// make the per-statement cost vanish, few enough that a bundle of a
// hundred thousand findings is never held whole.
const mergeBatch = 512

// Both statements take the batch as one JSON argument (json_each), so
// each is the same statement whatever the batch's size.
const (
	// heldPlacesSQL: the items of the batch that have a row here.
	heldPlacesSQL = `SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?) j
		WHERE EXISTS (SELECT 1 FROM main.findings f WHERE f.assessment_id = j.value ->> 0 AND f.item_code = j.value ->> 1)`
	// knownIDsSQL: the finding IDs of the batch this database knows,
	// as an alias, as the name aliases point to, or from a revision.
	knownIDsSQL = `SELECT j.value FROM json_each(?) j
		WHERE EXISTS (SELECT 1 FROM main.id_aliases a WHERE a.kind = 'finding' AND a.alias = j.value)
		OR EXISTS (SELECT 1 FROM main.id_aliases a WHERE a.kind = 'finding' AND a.canonical = j.value)
		OR EXISTS (SELECT 1 FROM main.audit m WHERE m.entity = 'finding' AND m.entity_id = j.value)`
)

// freshGroups says which of gs nothing here knows of.
func (t *txn) freshGroups(ctx context.Context, gs []*findingGroup) ([]bool, error) {
	places := make([][2]string, 0, len(gs))
	ids := make([]string, 0, len(gs))
	// An ID in two groups of the batch (a forgery, or a bug) could be made
	// an alias by the first group's merge: neither is fresh then.
	groupsOf := make(map[string]int, len(gs))
	for _, g := range gs {
		places = append(places, [2]string{g.assessment, g.item})
		for id := range g.ids {
			ids = append(ids, id)
			groupsOf[id]++
		}
	}
	held := map[[2]string]bool{}
	if err := t.eachRow(ctx, heldPlacesSQL, jsonOf(places), func(sc scanner) error {
		var p [2]string
		err := sc.Scan(&p[0], &p[1])
		held[p] = true
		return err
	}); err != nil {
		return nil, fmt.Errorf("read findings held: %w", err)
	}
	known := map[string]bool{}
	if err := t.eachRow(ctx, knownIDsSQL, jsonList(ids), func(sc scanner) error {
		var id string
		err := sc.Scan(&id)
		known[id] = true
		return err
	}); err != nil {
		return nil, fmt.Errorf("read finding names: %w", err)
	}
	fresh := make([]bool, len(gs))
	for i, g := range gs {
		if len(g.ids) != 1 || held[[2]string{g.assessment, g.item}] {
			continue
		}
		for id := range g.ids {
			fresh[i] = !known[id] && groupsOf[id] == 1
		}
	}
	return fresh, nil
}

// eachRow runs query with arg (through its prepared statement if the
// transaction holds one) and calls fn on each row.
func (t *txn) eachRow(ctx context.Context, query string, arg any, fn func(scanner) error) error {
	rows, err := queryThrough(ctx, t, query, arg)
	if err != nil {
		return err
	}
	defer closeRows(rows)
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// freshChunk is how many rows one statement of writeFreshRows writes:
// a multi-row VALUES list binds each row's values directly, which costs
// less than one statement per row and less than passing them as JSON.
const freshChunk = 64

// findingColumns is how many columns findingCols names.
var findingColumns = strings.Count(findingCols, ",") + 1

// upsertFindingsSQL writes n finding rows, each findingCols' values
// (findingRow), as upsertFindingSQL writes one.
func upsertFindingsSQL(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", findingColumns), ",") + ")"
	return `INSERT INTO findings(` + findingCols + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+",", n), ",") +
		" " + upsertFindingSet
}

// writeFreshRows writes the rows of the fresh findings merged since the
// last call, in the order they were merged.
func (t *txn) writeFreshRows(ctx context.Context, fm *findingMerger) error {
	rows := fm.freshRows
	for len(rows) > 0 {
		n := min(len(rows), freshChunk)
		args := make([]any, 0, n*findingColumns)
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		var err error
		if n == freshChunk {
			_, err = fm.upsertChunk.ExecContext(ctx, args...)
		} else {
			_, err = t.ExecContext(ctx, upsertFindingsSQL(n), args...)
		}
		if err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
		rows = rows[n:]
	}
	fm.freshRows = fm.freshRows[:0]
	return nil
}
