package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/model"
)

// TestSQLiteFailuresGetCodesAndTheFile: SQLite's result codes become model
// codes by their named constants, with the database file as param; other
// SQLite errors pass unchanged.
func TestSQLiteFailuresGetCodesAndTheFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	path := f.db.Path()

	// A connection that may only read: a write is SQLITE_READONLY.
	ro, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ro.Close() }()
	_, err = ro.ExecContext(ctx, "UPDATE settings SET value = 'x' WHERE key = 'lang'")
	if got := translateAt(path, fmt.Errorf("write: %w", err)); !errors.Is(got, ErrReadOnly) || model.ErrorParams(got)[0] != path {
		t.Errorf("read-only write: %v", got)
	}

	// Another connection holding the write lock: SQLITE_BUSY once the busy
	// timeout (none here) is over.
	other, err := sql.Open("sqlite", fileURI(path)+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = other.Close() }()
	other.SetMaxOpenConns(1)
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	probe, err := sql.Open("sqlite", fileURI(path)+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = probe.Close() }()
	_, err = probe.ExecContext(ctx, "BEGIN IMMEDIATE")
	if got := translateAt(path, err); !errors.Is(got, ErrBusy) || model.ErrorParams(got)[0] != path {
		t.Errorf("locked database: %v", got)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}

	// A constraint is a bug, not something a person can act on: no code.
	_, err = f.db.sql.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES ('device_id', 'x')")
	if err == nil {
		t.Fatal("duplicate key accepted")
	}
	if got := translateAt(path, err); model.ErrorCode(got) != model.EInternal || !errors.Is(got, err) {
		t.Errorf("constraint: %v", got)
	}
}

// TestRefusalsCarryTheirParams: errors a person meets name what they are
// about, so the catalogue's message needs nothing from the error's text.
func TestRefusalsCarryTheirParams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	_, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "9.9.9", Result: model.ResultPass, UpdatedBy: "A"})
	if p := model.ErrorParams(err); model.ErrorCode(err) != model.ENotFound || len(p) != 1 || p[0] != "9.9.9" {
		t.Errorf("unknown item: %v", err)
	}
	if _, err := f.db.UnitByCode(ctx, "nope"); !errors.Is(err, model.ErrNotFound) || model.ErrorParams(err)[0] != "NOPE" {
		t.Errorf("unknown unit: %v", err)
	}
	cl := testChecklist()
	cl.Hash = "other"
	_, err = f.db.AddChecklists(ctx, false, cl)
	if p := model.ErrorParams(err); !errors.Is(err, ErrChecklistChanged) || len(p) != 1 || p[0] != "test@1" {
		t.Errorf("changed checklist: %v", err)
	}
	_, err = Open(ctx, filepath.Join(t.TempDir(), "a#b.db"))
	if p := model.ErrorParams(err); !errors.Is(err, ErrBadPath) || len(p) != 1 {
		t.Errorf("bad path: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "missing.key")
	_, _, err = ReadPublicKeyFile(missing)
	if p := model.ErrorParams(err); model.ErrorCode(err) != model.EFileMissing || len(p) != 1 || p[0] != missing {
		t.Errorf("missing key file: %v", err)
	}
	notKey := filepath.Join(t.TempDir(), "notes.key")
	if err := os.WriteFile(notKey, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = ReadPublicKeyFile(notKey)
	if p := model.ErrorParams(err); !errors.Is(err, ErrBadKeyFile) || len(p) != 1 || p[0] != notKey {
		t.Errorf("not a key file: %v", err)
	}
}
