package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/model"
)

// Existing refuses a path with no database (a missing file, an empty file,
// a missing folder) with ENoDatabase naming it, and creates nothing.
func TestOpenExistingCreatesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	check(t, os.WriteFile(empty, nil, 0o600))
	for _, p := range []string{filepath.Join(dir, "k.db"), filepath.Join(dir, "no", "such", "k.db"), empty} {
		_, err := Open(context.Background(), p, Existing())
		if model.ErrorCode(err) != model.ENoDatabase || len(model.ErrorParams(err)) != 1 || model.ErrorParams(err)[0] != p {
			t.Errorf("Open(%s, Existing): %v, want ENoDatabase naming it", p, err)
		}
	}
	entries, err := os.ReadDir(dir)
	check(t, err)
	if len(entries) != 1 || entries[0].Name() != "empty.db" {
		t.Errorf("the folder holds %v after refused opens", entries)
	}
	if st, err := os.Stat(empty); err != nil || st.Size() != 0 {
		t.Errorf("the empty file was changed: %v %v", st, err)
	}
	f := newFixture(t)
	db, err := Open(context.Background(), f.db.Path(), Existing())
	if err != nil {
		t.Fatalf("Open(existing database, Existing): %v", err)
	}
	check(t, db.Close())
}

// DemoOnly refuses a database SeedDemo did not make, byte for byte
// unchanged, and opens one it did, also copied under another name.
func TestOpenDemoOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	check(t, f.db.Close())
	before, err := os.ReadFile(f.db.Path())
	check(t, err)
	_, err = Open(ctx, f.db.Path(), DemoOnly())
	if !errors.Is(err, ErrNotDemo) || model.ErrorParams(err)[0] != f.db.Path() {
		t.Fatalf("Open(real database, DemoOnly): %v, want ErrNotDemo naming it", err)
	}
	if after, err := os.ReadFile(f.db.Path()); err != nil || string(after) != string(before) {
		t.Errorf("the real database changed: %v", err)
	}

	demoTemplate.once.Do(func() { demoTemplate.path, demoTemplate.err = makeDemoTemplate() })
	check(t, demoTemplate.err)
	path := filepath.Join(t.TempDir(), "renamed.db")
	copyFileTB(t, demoTemplate.path, path)
	db, err := Open(ctx, path, DemoOnly())
	if err != nil {
		t.Fatalf("Open(demo, DemoOnly): %v", err)
	}
	if ok, err := db.IsDemo(ctx); err != nil || !ok {
		t.Errorf("IsDemo on the seeded demo: %v %v", ok, err)
	}
	check(t, db.Close())
}
