package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryRecommendationsUseTheirIndex: the kiến nghị pass of the
// summary (packed, and row by row for a unit whose texts hold a packing
// separator) reads through the partial index of the findings with a
// recommendation, on a new database and on one made before migration 012.
func TestSummaryRecommendationsUseTheirIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, "v11.db")
	makeAtVersion(t, old, 11)
	for _, path := range []string{filepath.Join(dir, "new.db"), old} {
		db := openTest(t, path)
		if n := indexCount(t, db, "findings_recommended"); n != 1 {
			t.Errorf("%s: %d findings_recommended indexes, want 1", filepath.Base(path), n)
		}
		for _, q := range []string{summaryPackedRecommendedQuery, summaryRecommendedQuery} {
			var detail string
			if err := db.sql.QueryRowContext(ctx, "EXPLAIN QUERY PLAN "+q, "x").
				Scan(new(int), new(int), new(int), &detail); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(detail, "findings_recommended") {
				t.Errorf("%s: the kiến nghị pass's plan %q does not use findings_recommended", filepath.Base(path), detail)
			}
		}
	}
}
