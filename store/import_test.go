package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"kiemtra/model"
)

// newCentre is Sở Nội vụ's database: it knows the checklists but gets
// everything else from bundles.
func newCentre(t *testing.T, name string) *device {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2022, 11, 30, 8, 0, 0, 0, time.UTC)}
	db, err := Open(ctx, filepath.Join(t.TempDir(), "centre.db"), WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { check(t, db.Close()) })
	if _, err := db.AddChecklists(ctx, true, testChecklist()); err != nil {
		t.Fatal(err)
	}
	check(t, db.SetSetting(ctx, SettingInspector, name))
	return &device{fixture: fixture{db: db, clk: c}, name: name, dir: filepath.Dir(db.Path())}
}

var itemContents = map[string][]model.Content{
	"1.1.1": {pass, fail, {Result: model.ResultNotApplicable}},
	"1.1.2": {{Result: model.ResultPass, Score: 200}, partial, {Result: model.ResultFail, Note: "Thiếu nhiệm vụ."}},
	"2.1.1": {{Result: model.ResultPass, Score: 100}, lvlHalf, {Result: model.ResultFail, Note: "Không niêm yết."}},
}

var items = []string{"1.1.1", "1.1.2", "2.1.1"}

// TestImportPropertyOrderIndependentIdempotent: laptops edit the same
// findings offline and exchange bundles at random; Sở Nội vụ receiving all
// their bundles in any order, any number of times, ends with the same data,
// and nothing any laptop recorded is missing.
func TestImportPropertyOrderIndependentIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 2022))
			laptops := []*device{newDevice(t, "Laptop 1"), newDevice(t, "Laptop 2"), newDevice(t, "Laptop 3")}
			c1, c2 := newCentre(t, "Sở Nội vụ 1"), newCentre(t, "Sở Nội vụ 2")
			all := append(append([]*device{}, laptops...), c1, c2)
			trustAll(t, all...)
			var bundles []string
			n := 0
			for step := 0; step < 14; step++ {
				d := laptops[rng.IntN(len(laptops))]
				if rng.IntN(3) < 2 {
					it := items[rng.IntN(len(items))]
					cs := itemContents[it]
					d.save(t, it, cs[rng.IntN(len(cs))])
					continue
				}
				from := laptops[rng.IntN(len(laptops))]
				n++
				f := from.bundle(t, fmt.Sprintf("s%d-%d.ktb", step, n))
				bundles = append(bundles, f)
				d.importFiles(t, f)
			}
			for i, d := range laptops {
				bundles = append(bundles, d.bundle(t, fmt.Sprintf("final-%d.ktb", i)))
			}
			perm := func() []string {
				out := make([]string, len(bundles))
				for i, j := range rng.Perm(len(bundles)) {
					out[i] = bundles[j]
				}
				return out
			}
			c1.importFiles(t, perm()...)
			c2.importFiles(t, perm()...)
			d1, d2 := dump(t, c1.db), dump(t, c2.db)
			if d1 != d2 {
				t.Fatalf("two import orders gave different data:\n%s\n---\n%s", d1, d2)
			}
			rep := c1.importFiles(t, perm()...)
			for _, r := range rep.Results {
				if !r.Replay || r.Accepted+r.Conflicts != 0 {
					t.Fatalf("importing %s again: %+v", filepath.Base(r.File), r)
				}
			}
			if dump(t, c1.db) != d1 {
				t.Fatal("importing everything again changed the data")
			}
			// Nothing lost: every revision any laptop holds is at the centre,
			// and every open conflict pair is listed.
			for _, d := range laptops {
				rows, err := d.db.sql.Query("SELECT revision FROM audit WHERE entity = 'finding' AND revision != ''")
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var rev string
					check(t, rows.Scan(&rev))
					var k int
					check(t, c1.db.sql.QueryRow("SELECT count(*) FROM audit WHERE revision = ?", rev).Scan(&k))
					if k != 1 {
						t.Fatalf("revision %s of %s missing at the centre", rev, d.name)
					}
				}
				check(t, rows.Err())
				closeRows(rows)
			}
			cs, err := c1.db.Conflicts(ctx, ConflictFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var open int
			check(t, c1.db.sql.QueryRow("SELECT count(*) FROM conflicts WHERE resolved_at = ''").Scan(&open))
			if len(cs) != open {
				t.Fatalf("Conflicts lists %d, table holds %d open", len(cs), open)
			}
			// Laptops that receive the centre's view agree with it too.
			c1.in = laptops[0].in
			final := c1.bundle(t, "centre.ktb")
			for _, d := range laptops {
				d.importFiles(t, final)
				if dump(t, d.db) != d1 {
					// A laptop also holds its own plan-import history of
					// the inspection (same records); compare findings only.
					if findingsDump(t, d.db) != findingsDump(t, c1.db) {
						t.Fatalf("%s differs from the centre after receiving its bundle", d.name)
					}
				}
			}
		})
	}
}

func findingsDump(t *testing.T, db *DB) string {
	t.Helper()
	rows, err := db.sql.Query("SELECT " + findingCols + " FROM findings ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { closeRows(rows) }()
	s := ""
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			t.Fatal(err)
		}
		s += fmt.Sprintf("%+v\n", f)
	}
	check(t, rows.Err())
	return s
}
