package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"

	"kiemtra/model"
)

// addSTC gives a device's inspection a second unit, Sở Tài chính, so that
// bundles can carry part of the work.
func addSTC(t *testing.T, d *device) {
	t.Helper()
	ctx := context.Background()
	u, err := d.db.SaveUnit(ctx, "X", model.Unit{Code: "STC", Name: "Sở Tài chính", Kind: "so"})
	check(t, err)
	if d.in.ID == "" {
		return
	}
	_, err = d.db.AddAssessment(ctx, "X", model.Assessment{InspectionID: d.in.ID, UnitID: u.ID, ChecklistID: "test", ChecklistVersion: "1"})
	check(t, err)
}

// saveIn saves an answer in the given unit's assessment.
func (d *device) saveIn(t *testing.T, code, item string, c model.Content) {
	t.Helper()
	ctx := context.Background()
	ovs, err := d.db.Overviews(ctx, d.in.ID)
	check(t, err)
	for _, o := range ovs {
		if o.Unit.Code == code {
			d.a = o.Assessment
		}
	}
	d.save(t, item, c)
}

// expectedGaps is what the office must report for device d: each of d's
// bundles whose statement the office holds and whose entries it does not
// all hold, decided from d's own statements and the office's history.
func expectedGaps(t *testing.T, d, office *device) []int64 {
	t.Helper()
	rows, err := d.db.sql.Query("SELECT device, seq, inspection, created, entries, sig FROM bundle_statements WHERE device = ? ORDER BY seq", d.db.Device())
	check(t, err)
	var sts []Statement
	for rows.Next() {
		st, err := scanStatement(rows)
		check(t, err)
		sts = append(sts, st)
	}
	check(t, rows.Err())
	closeRows(rows)
	var out []int64
	for _, st := range sts {
		var known int
		check(t, office.db.sql.QueryRow("SELECT count(*) FROM bundle_statements WHERE device = ? AND seq = ?", st.Device, st.Seq).Scan(&known))
		if known == 0 {
			continue
		}
		for _, r := range st.Entries {
			var n int64
			check(t, office.db.sql.QueryRow("SELECT count(*) FROM audit WHERE device = ? AND dev_seq BETWEEN ? AND ?", st.Device, r[0], r[1]).Scan(&n))
			if n != r[1]-r[0]+1 {
				out = append(out, st.Seq)
				break
			}
		}
	}
	return out
}

// TestRelayGapsProperty: laptops send bundles of some units or all, to the
// team leader or to the office, or lose them (overwritten, never sent);
// the leader relays parts of what it holds, claiming everything it
// received. Whatever happens, the office reports a device's bundle missing
// exactly when the entries that device's signed statement says it carried
// have not all arrived, whoever would have brought them: a relay's claims
// never hide a gap, and a later bundle carrying the work closes one.
func TestRelayGapsProperty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	seeds := 8
	if testing.Short() {
		seeds = 3
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 44))
			d1, d2, l := newDevice(t, "Laptop 1"), newDevice(t, "Laptop 2"), newDevice(t, "Trưởng đoàn")
			c := newCentre(t, "Sở Nội vụ")
			trustAll(t, d1, d2, l, c)
			for _, d := range []*device{d1, d2, l, c} {
				addSTC(t, d)
			}
			c.in = d1.in
			n := 0
			send := func(from *device, units []string) string {
				n++
				out := filepath.Join(from.dir, fmt.Sprintf("b%d.ktb", n))
				if _, err := from.db.WriteBundle(ctx, out, BundleOptions{Inspection: from.in.ID, Units: units}); err != nil {
					t.Fatal(err)
				}
				return out
			}
			choices := [][]string{nil, {"STP"}, {"STC"}}
			for step := 0; step < 30; step++ {
				d := []*device{d1, d2}[rng.IntN(2)]
				switch k := rng.IntN(6); {
				case k < 2:
					it := items[rng.IntN(len(items))]
					d.saveIn(t, []string{"STP", "STC"}[rng.IntN(2)], it, itemContents[it][rng.IntN(3)])
				case k == 2:
					l.importFiles(t, send(d, choices[rng.IntN(3)]))
				case k == 3:
					c.importFiles(t, send(d, choices[rng.IntN(3)]))
				case k == 4:
					send(d, choices[rng.IntN(3)]) // lost
				default:
					c.importFiles(t, send(l, choices[rng.IntN(3)]))
				}
				for _, d := range []*device{d1, d2} {
					want := expectedGaps(t, d, c)
					gaps, err := c.db.Gaps(ctx, d.db.Device())
					check(t, err)
					var got []int64
					for _, g := range gaps {
						got = append(got, g.Missing...)
					}
					sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Fatalf("step %d: the office reports %s's bundles %v missing, its entries say %v", step, d.name, got, want)
					}
				}
			}
		})
	}
}
