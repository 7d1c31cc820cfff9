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
// the bundle numbers below the highest received that never arrived,
// directly or through a relay.
func (db *DB) Gaps(ctx context.Context, devices ...string) ([]Gap, error) {
	var seqs map[string][]int64
	var names map[string]string
	err := db.read(ctx, func(q queryer) error {
		var err error
		if seqs, err = receivedSeqs(ctx, q, db.device); err != nil {
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
	devs := make([]string, 0, len(seqs))
	for d := range seqs {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	var out []Gap
	for _, d := range devs {
		if len(want) > 0 && !want[d] {
			continue
		}
		if missing := missingSeqs(seqs[d]); len(missing) > 0 {
			out = append(out, Gap{Device: d, Name: nameOf(names, d), Missing: missing})
		}
	}
	return out, nil
}

// receivedSeqs lists, per other device, the bundle numbers received, in
// order.
func receivedSeqs(ctx context.Context, q queryer, self string) (map[string][]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT device, seq FROM bundles_received WHERE device != ? ORDER BY device, seq", self)
	if err != nil {
		return nil, fmt.Errorf("read received bundles: %w", err)
	}
	defer closeRows(rows)
	seqs := map[string][]int64{}
	for rows.Next() {
		var d string
		var s int64
		if err := rows.Scan(&d, &s); err != nil {
			return nil, fmt.Errorf("read received bundles: %w", err)
		}
		seqs[d] = append(seqs[d], s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read received bundles: %w", err)
	}
	return seqs, nil
}

// missingSeqs is the numbers from 1 below the highest of have (sorted)
// that have is missing, at most maxGapNumbers of them.
func missingSeqs(have []int64) []int64 {
	var missing []int64
	next := int64(1)
	for _, s := range have {
		for ; next < s && len(missing) < maxGapNumbers; next++ {
			missing = append(missing, next)
		}
		next = s + 1
	}
	return missing
}
