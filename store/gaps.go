package store

import (
	"context"
	"fmt"
	"sort"
)

// maxGapNumbers bounds how many missing numbers one device reports: a
// forged bundle number of a billion must not make a billion-entry list.
const maxGapNumbers = 1000

// Gaps lists, for the given devices (every device heard from if none),
// the bundles that have not arrived. Delivery is accounted by each
// device's own entries, never by what a relay claims: a bundle has arrived
// when every entry its device's signed statement says it carried is held
// here, whoever brought them (so a later bundle that carries everything
// closes the gap of one that was overwritten or never sent), or when it
// was received itself. A bundle known only by its number (below the
// highest heard of, with no statement: sent by a kiemtra older than
// statements) has arrived only if it was received itself.
func (db *DB) Gaps(ctx context.Context, devices ...string) ([]Gap, error) {
	var gaps map[string][]int64
	var names map[string]string
	err := db.read(ctx, func(q queryer) error {
		var err error
		if gaps, err = missingBundles(ctx, q, db.device); err != nil {
			return err
		}
		names, err = deviceNames(ctx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read received bundles: %w", err)
	}
	want := map[string]bool{}
	for _, d := range devices {
		want[d] = true
	}
	devs := make([]string, 0, len(gaps))
	for d := range gaps {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	var out []Gap
	for _, d := range devs {
		if len(want) > 0 && !want[d] {
			continue
		}
		if len(gaps[d]) > 0 {
			out = append(out, Gap{Device: d, Name: nameOf(names, d), Missing: gaps[d]})
		}
	}
	return out, nil
}

// missingBundles lists, per other device, the bundle numbers not arrived.
func missingBundles(ctx context.Context, q queryer, self string) (map[string][]int64, error) {
	arrived := map[string]map[int64]bool{}
	top := map[string]int64{}
	mark := func(dev string, seq int64, ok bool) {
		if arrived[dev] == nil {
			arrived[dev] = map[int64]bool{}
		}
		arrived[dev][seq] = arrived[dev][seq] || ok
		top[dev] = max(top[dev], seq)
	}
	// Received itself (not a relay's hint).
	rows, err := q.QueryContext(ctx, "SELECT device, seq FROM bundles_received WHERE device != ? AND relayed = 0", self)
	if err != nil {
		return nil, fmt.Errorf("read received bundles: %w", err)
	}
	for rows.Next() {
		var d string
		var s int64
		if err := rows.Scan(&d, &s); err != nil {
			closeRows(rows)
			return nil, fmt.Errorf("read received bundles: %w", err)
		}
		mark(d, s, true)
	}
	if err := rows.Err(); err != nil {
		closeRows(rows)
		return nil, fmt.Errorf("read received bundles: %w", err)
	}
	closeRows(rows)
	// Stated by its device: arrived if every entry it carried is held.
	sts, err := q.QueryContext(ctx, "SELECT device, seq, inspection, created, entries, sig FROM bundle_statements WHERE device != ?", self)
	if err != nil {
		return nil, fmt.Errorf("read bundle statements: %w", err)
	}
	defer closeRows(sts)
	var stated []Statement
	for sts.Next() {
		st, err := scanStatement(sts)
		if err != nil {
			return nil, err
		}
		stated = append(stated, st)
	}
	if err := sts.Err(); err != nil {
		return nil, fmt.Errorf("read bundle statements: %w", err)
	}
	closeRows(sts)
	for _, st := range stated {
		held := true
		for _, r := range st.Entries {
			var n int64
			if err := q.QueryRowContext(ctx, "SELECT count(*) FROM audit WHERE device = ? AND dev_seq BETWEEN ? AND ?",
				st.Device, r[0], r[1]).Scan(&n); err != nil {
				return nil, fmt.Errorf("read audit: %w", err)
			}
			if n != r[1]-r[0]+1 {
				held = false
				break
			}
		}
		mark(st.Device, st.Seq, held)
	}
	out := map[string][]int64{}
	for dev, t := range top {
		for s := int64(1); s <= t && len(out[dev]) < maxGapNumbers; s++ {
			if !arrived[dev][s] {
				out[dev] = append(out[dev], s)
			}
		}
	}
	return out, nil
}
