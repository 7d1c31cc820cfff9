package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"kiemtra/model"
)

// The merge looks a batch of findings up at once and skips the per-finding
// lookups for those nothing here knows of (freshGroups). These cases are
// the ones where something is known although the bundle's finding looks
// new: each must merge exactly as the per-finding path does.

// One item answered first on two laptops (two finding IDs for one place):
// the second bundle's finding is not new here, its place is held.
func TestMergeSamePlaceTwoIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newLegacyDevice(t, "Lê Thu Trang"), newLegacyDevice(t, "Phạm Đức Long")
	c, d := newDevice(t, "Sở Nội vụ"), newDevice(t, "Sở Nội vụ (bản sao)")
	trustAll(t, a, b, c, d)
	fa := a.save(t, "1.1.1", pass)
	fb := b.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	if fa.ID == fb.ID {
		t.Fatalf("the laptops made the same finding ID %s: the case is not exercised", fa.ID)
	}
	ba, bb := a.bundle(t, "a.ktb"), b.bundle(t, "b.ktb")
	c.importFiles(t, ba)
	rep := c.importFiles(t, bb)
	d.importFiles(t, bb)
	d.importFiles(t, ba)
	if r := rep.Results[0]; r.Conflicts != 1 || r.Accepted != 0 {
		t.Fatalf("the second laptop's answer: %+v, want one conflict", r)
	}
	var rows int
	check(t, c.db.sql.QueryRowContext(ctx, "SELECT count(*) FROM findings WHERE item_code = '1.1.1'").Scan(&rows))
	if rows != 1 {
		t.Fatalf("%d rows for item 1.1.1, want one", rows)
	}
	if got, want := dumpMerged(t, c.db), dumpMerged(t, d.db); got != want {
		t.Fatalf("the order of the bundles changed the result:\n%s\nvs\n%s", got, want)
	}
}

// A bundle that carries one finding under two IDs (its laptop had merged
// the other laptop's answer) unifies them here as it did there.
func TestMergeOneFindingTwoIDsInOneBundle(t *testing.T) {
	t.Parallel()
	a, b := newLegacyDevice(t, "Lê Thu Trang"), newLegacyDevice(t, "Phạm Đức Long")
	c := newDevice(t, "Sở Nội vụ")
	trustAll(t, a, b, c)
	a.save(t, "1.1.1", pass)
	b.save(t, "1.1.1", pass)
	b.importFiles(t, a.bundle(t, "a.ktb"))
	c.importFiles(t, b.bundle(t, "b.ktb"))
	got, want := findingsByItem(t, c)["1.1.1"], findingsByItem(t, b)["1.1.1"]
	if got.ID == "" || got.ID != want.ID || got.Revision != want.Revision {
		t.Fatalf("the office keeps the finding as %s@%s, the laptop as %s@%s", got.ID, got.Revision, want.ID, want.Revision)
	}
	var aliases int
	check(t, c.db.sql.QueryRow("SELECT count(*) FROM id_aliases WHERE kind = 'finding' AND canonical = ?", got.ID).Scan(&aliases))
	if aliases != 1 {
		t.Fatalf("the finding's other ID is not recorded as its alias (%d aliases)", aliases)
	}
}

// dumpMerged is what the merge decided: the findings, open conflicts and
// finding aliases (not the audit, which holds each office's own entries).
func dumpMerged(t *testing.T, db *DB) string {
	t.Helper()
	return dumpRows(t, db,
		"SELECT "+findingCols+" FROM findings ORDER BY id",
		"SELECT id, finding_id, current_revision, other_revision FROM conflicts WHERE resolved_at = '' ORDER BY id",
		"SELECT alias, canonical FROM id_aliases WHERE kind = 'finding' ORDER BY alias",
	)
}

// dumpRows is the rows of each query, one line each, a "--" line after
// each query's.
func dumpRows(t *testing.T, db *DB, queries ...string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range queries {
		rows, err := db.sql.Query(q)
		check(t, err)
		cols, err := rows.Columns()
		check(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			check(t, rows.Scan(ptrs...))
			fmt.Fprintln(&b, vals...)
		}
		check(t, rows.Err())
		closeRows(rows)
		b.WriteString("--\n")
	}
	return b.String()
}

// The receipt says of every finding row the bundle carried what became of
// it: new here, already here, or in conflict with a change made here.
func TestReceiptRecordsEachFindingsDelivery(t *testing.T) {
	t.Parallel()
	a, c := newDevice(t, "Lê Thu Trang"), newDevice(t, "Sở Nội vụ")
	trustAll(t, a, c)
	a.save(t, "1.1.1", pass)
	a.save(t, "1.1.2", pass)
	c.importFiles(t, a.bundle(t, "a1.ktb"))
	a.save(t, "1.1.2", fail)
	a.save(t, "2.1.1", pass)
	c.save(t, "1.1.2", model.Content{Result: model.ResultFail, Note: "Sở ghi khác."})
	rep := c.importFiles(t, a.bundle(t, "a2.ktb"))
	r, err := ReadReceiptFile(rep.Results[0].Receipt)
	if err != nil {
		t.Fatal(err)
	}
	byItem := map[string]model.Delivery{}
	for _, f := range findingsByItem(t, a) {
		for _, rec := range r.Records {
			if rec.ID == f.ID {
				byItem[f.ItemCode] = rec.Status
			}
		}
	}
	want := map[string]model.Delivery{"1.1.1": model.DeliveryPresent, "1.1.2": model.DeliveryConflict, "2.1.1": model.DeliveryAccepted}
	if fmt.Sprint(byItem) != fmt.Sprint(want) || len(r.Records) != 3 {
		t.Fatalf("receipt records %v (%d in all), want %v", byItem, len(r.Records), want)
	}
}
