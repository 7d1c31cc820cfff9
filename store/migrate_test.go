package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// shipped pins the migrations that have been released: a database that
// applied one never applies it again, so editing it changes nothing there
// and makes two kinds of database. Add a new file instead.
var shipped = map[string]string{
	"001_init.sql":           "823e85ffb5767ae5b410e995cf80c890c92cf16a98eb6e96646e6a2b847fc7d0",
	"002_sync.sql":           "9420eed1af50a91a7576ea10ec3a7fd0f7c44b44d250378036abef236f7dab12",
	"003_audit_revision.sql": "725e6b24f8f3a9500a086fed24cf51339076443aa26bacbe03817053284eaa82",
}

func TestShippedMigrationsUnchanged(t *testing.T) {
	t.Parallel()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < len(shipped) {
		t.Fatalf("%d migrations, %d shipped", len(ms), len(shipped))
	}
	for _, m := range ms {
		want, ok := shipped[m.name]
		if !ok {
			continue
		}
		sum := sha256.Sum256([]byte(m.sql))
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s was edited after it shipped (sha256 %s): add a new migration instead", m.name, got)
		}
	}
}

// TestVersion2DatabaseGetsAuditRevisionIndex: a database at schema 2 as 002
// shipped (without the audit_revision index) gets the index from 003.
func TestVersion2DatabaseGetsAuditRevisionIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	// Make it what a version-2 database is: 001 and 002 as shipped.
	makeAtVersion(t, path, 2)
	db := openTest(t, path)
	if n := indexCount(t, db, "audit_revision"); n != 1 {
		t.Errorf("after opening a version-2 database: %d audit_revision indexes, want 1", n)
	}
	var v int
	if err := db.sql.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion() {
		t.Errorf("schema version %d, want %d", v, SchemaVersion())
	}
	// A plan in the query proves the index is the one imports use.
	var detail string
	if err := db.sql.QueryRowContext(ctx, "EXPLAIN QUERY PLAN SELECT new FROM audit WHERE revision = 'x'").Scan(new(int), new(int), new(int), &detail); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(detail, "audit_revision") {
		t.Errorf("revision lookup plan %q does not use audit_revision", detail)
	}
}

// makeAtVersion makes a kiemtra database at path with the first n
// migrations applied, as a build of that time left it.
func makeAtVersion(t *testing.T, path string, n int) {
	t.Helper()
	ms, err := migrations()
	check(t, err)
	raw, err := sql.Open("sqlite", path)
	check(t, err)
	defer func() { check(t, raw.Close()) }()
	stmts := []string{fmt.Sprintf("PRAGMA application_id = %d", ApplicationID), "PRAGMA journal_mode = WAL",
		"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT"}
	for _, m := range ms[:n] {
		stmts = append(stmts, m.sql, fmt.Sprintf("INSERT INTO schema_migrations VALUES (%d, '%s', '2022-10-01T00:00:00.000000000Z')", m.version, m.name))
	}
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// undone says how to take each migration back out of a test database,
// newest last.
var undone = map[int][]string{
	4: {"ALTER TABLE assessments DROP COLUMN unit_name", "ALTER TABLE assessments DROP COLUMN unit_kind"},
	5: {"ALTER TABLE inspections DROP COLUMN doc", "ALTER TABLE assessments DROP COLUMN doc"},
	6: {"ALTER TABLE findings DROP COLUMN cases", "ALTER TABLE checklists DROP COLUMN origin_file",
		"ALTER TABLE checklists DROP COLUMN origin_hash"},
	7: {"ALTER TABLE audit DROP COLUMN sig", "ALTER TABLE audit_links DROP COLUMN sig", "ALTER TABLE inspections DROP COLUMN revision",
		"ALTER TABLE units DROP COLUMN revision", "ALTER TABLE assessments DROP COLUMN revision", "DROP INDEX audit_entity_revision",
		"DROP TABLE bundle_statements"},
	8: {"DROP TRIGGER progress_add", "DROP TRIGGER progress_remove", "DROP TRIGGER progress_change",
		"DROP TRIGGER progress_rekey", "DROP TRIGGER checklist_items_add", "DROP TABLE progress", "DROP TABLE checklist_items",
		"DROP TABLE checklist_totals"},
	9:  {"DROP TABLE follow_ups", "DROP TABLE fix_reports", "DROP TABLE self_scores"},
	10: {"DROP TABLE attachments", "DROP TABLE blob_chunks", "DROP TABLE blobs"},
	11: {"ALTER TABLE attachments DROP COLUMN pending"},
	12: {"DROP INDEX findings_recommended"},
}

// undoMigrationsAfter makes db what a build that knew the first n
// migrations left: the later ones taken out, newest first.
func undoMigrationsAfter(t *testing.T, db *DB, n int) {
	t.Helper()
	for v := SchemaVersion(); v > n; v-- {
		qs, ok := undone[v]
		if !ok {
			t.Fatalf("no way to undo migration %d: add it to undone", v)
		}
		for _, q := range append(qs, fmt.Sprintf("DELETE FROM schema_migrations WHERE version = %d", v)) {
			if _, err := db.sql.Exec(q); err != nil {
				t.Fatalf("undo migration %d: %s: %v", v, q, err)
			}
		}
	}
}

func indexCount(t *testing.T, db *DB, name string) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
