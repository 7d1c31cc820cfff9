package store

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"testing"
)

// Each check against the database, on its own: a stage and a database
// made to disagree in exactly one way, and the check that must refuse it.
// (Run as an import, several of these forgeries are refused first by
// another check; here each check answers for itself.)
func TestHeldChecksEachRefuse(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name        string
		held, stage []string // statements on the database, on the stage
		want        error
	}{
		{"nothing held", nil, []string{chainRow("D", 5, "p", "h5", 0)}, nil},
		{"an entry held, rewritten", []string{heldEntry("D", 5, "p", "h5")},
			[]string{chainRow("D", 5, "p", "other", 0)}, ErrChainBroken},
		{"a signed link held, rewritten", []string{"INSERT INTO audit_links VALUES ('D', 5, 'p', 'h5', 'sig')"},
			[]string{chainRow("D", 5, "p", "other", 0)}, ErrChainBroken},
		{"an unsigned link held is no proof", []string{"INSERT INTO audit_links VALUES ('D', 5, 'p', 'h5', '')"},
			[]string{chainRow("D", 5, "p", "other", 0)}, nil},
		{"the held entry before does not lead here", []string{heldEntry("D", 4, "q", "h4")},
			[]string{chainRow("D", 5, "not-h4", "h5", 0)}, ErrChainBroken},
		{"the held signed link after does not follow", []string{"INSERT INTO audit_links VALUES ('D', 6, 'not-h5', 'h6', 'sig')"},
			[]string{chainRow("D", 5, "p", "h5", 0)}, ErrChainBroken},
		{"a finding revision held from another entry", []string{heldRevision("finding")},
			[]string{stagedRevision("finding")}, ErrRevisionChanged},
		{"a follow-up revision held from another entry", []string{heldRevision("follow_up")},
			[]string{stagedRevision("stamped")}, ErrRevisionChanged},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := openTest(t, filepath.Join(t.TempDir(), "held.db"))
			for _, q := range c.held {
				if _, err := db.sql.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			st, err := newStage(ctx, t.TempDir())
			check(t, err)
			t.Cleanup(func() { check(t, st.remove()) })
			for _, q := range c.stage {
				if _, err := st.db.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			check(t, st.finish(ctx, func(queryer) error { return nil }))
			check(t, db.attach(ctx, st))
			t.Cleanup(func() { check(t, db.detach(ctx)) })
			err = db.read(ctx, func(q queryer) error { return checkStaged(ctx, q) })
			if (c.want == nil) != (err == nil) || (c.want != nil && !errors.Is(err, c.want)) {
				t.Fatalf("checkStaged: %v, want %v", err, c.want)
			}
		})
	}
}

// chainRow is a link of the bundle's chains (not a full entry: the check
// that every entry can be verified stays out of the way).
func chainRow(dev string, seq int, prev, hash string, full int) string {
	return "INSERT INTO chain VALUES ('" + dev + "', " + itoaTest(seq) + ", '" + prev + "', '" + hash + "', '', " +
		itoaTest(full) + ", 0, 0)"
}

func heldEntry(dev string, seq int, prev, hash string) string {
	return `INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action, prev_hash, hash)
		VALUES ('held-` + hash + `', '` + dev + `', ` + itoaTest(seq) + `, '2025-10-01T08:00:00Z', 'A', 'setting', 'x', 'set', '` +
		prev + `', '` + hash + `')`
}

// heldRevision is revision r1 of entity, made here by device D's entry 1.
func heldRevision(entity string) string {
	return `INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action, revision, prev_hash, hash)
		VALUES ('e1', 'D', 1, '2025-10-01T08:00:00Z', 'A', '` + entity + `', 'f1', 'save', 'r1', '', 'h1')`
}

// stagedRevision is the same revision r1 arriving from device E's entry 1.
func stagedRevision(kind string) string {
	return `INSERT INTO entries VALUES ('E', 1, 'e2', '2025-10-01T08:00:00Z', 'B', 'finding', 'f1', 'save', '', '{}', 'r1', '',
		'', 'h2', '', '` + kind + `', 'r1', '', '', 'a1', '1.1.1')`
}

func itoaTest(n int) string { return strconv.Itoa(n) }
