package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiemtra/model"
)

// damagedHistory makes a database whose audit history (read by no query
// that opening makes: an index imports use) has a damaged page, cleanly closed.
func damagedHistory(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		if err := db.SetSetting(ctx, "filler", strings.Repeat("giá trị ", 20+i%7)); err != nil {
			t.Fatal(err)
		}
	}
	var page, size int64
	if err := db.sql.QueryRowContext(ctx, "SELECT max(pageno) FROM dbstat WHERE name = 'audit_revision'").Scan(&page); err != nil {
		t.Fatal(err)
	}
	if err := db.sql.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// An invalid b-tree page type: structural damage quick_check reports.
	if _, err := f.WriteAt([]byte{0xA5}, (page-1)*size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDeferCheckLeavesTheCheckToCheckIntegrity(t *testing.T) {
	ctx := context.Background()
	path := damagedHistory(t)
	db, err := Open(ctx, path, DeferCheck())
	if err != nil {
		t.Fatalf("Open with DeferCheck of a cleanly closed file: %v", err)
	}
	err = db.CheckIntegrity(ctx)
	if cerr := db.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	if model.ErrorCode(err) != model.ECorrupt {
		t.Fatalf("CheckIntegrity: err = %v, want code %s", err, model.ECorrupt)
	}
	if p := model.ErrorParams(err); len(p) != 1 || p[0] != path {
		t.Errorf("CheckIntegrity's error names %v, want the file %s", p, path)
	}
	if _, err := Open(ctx, path); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open without DeferCheck: err = %v, want ErrCorrupt", err)
	}
}

func TestDeferCheckStillChecksAfterAnUncleanShutdown(t *testing.T) {
	ctx := context.Background()
	path := damagedHistory(t)
	// What a kill or a power cut leaves: the write-ahead log.
	if err := os.WriteFile(path+"-wal", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path, DeferCheck()); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open with DeferCheck after an unclean shutdown: err = %v, want ErrCorrupt", err)
	}
}

func TestCheckIntegrityOfAHealthyFile(t *testing.T) {
	f := newFixture(t)
	if err := f.db.CheckIntegrity(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestCloseStopsTheCheck: quitting while the background check still reads
// leaves no write-ahead log behind (which the next start would take for a
// crash, and check the whole file before the first frame).
func TestCloseStopsTheCheck(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// Enough pages that the check is still reading when Close comes.
	if _, err := db.sql.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
		INSERT INTO settings(key, value) SELECT 'filler ' || i, printf('%.400c', 'x') FROM n`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path, DeferCheck())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- db.CheckIntegrity(ctx) }()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("the check: %v", err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("after Close the write-ahead log is still there (%v)", err)
	}
}
