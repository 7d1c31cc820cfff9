package store

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// roFixture makes a database with three answers and an inspector on a
// tmpfs, closes it cleanly, and remounts the tmpfs read-only. It returns the
// database path and what was saved.
func roFixture(t *testing.T) (string, fixture, map[string]model.Finding) {
	t.Helper()
	dir := mountTmpfs(t, "8m")
	path := filepath.Join(dir, "k.db")
	f := fixtureAt(t, path)
	ctx := context.Background()
	acked := map[string]model.Finding{}
	for _, a := range []model.Finding{
		{ItemCode: "1.1.1", Result: model.ResultPass, Score: 100, Note: "Có kế hoạch số 12/KH-STP"},
		{ItemCode: "1.1.2", Result: model.ResultPartial, Score: 100, Note: "Thiếu nhiệm vụ số hóa"},
		{ItemCode: "2.1.1", Result: model.ResultFail, Note: "Chưa niêm yết tại bộ phận một cửa"},
	} {
		a.AssessmentID, a.UpdatedBy = f.a.ID, "Lê Thu Trang"
		got, err := f.db.SaveFinding(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		acked[a.ItemCode] = got
	}
	if err := f.db.SetSetting(ctx, SettingInspector, "Lê Thu Trang"); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if exists(path + suffix) {
			t.Fatalf("%s left after a clean close", path+suffix)
		}
	}
	remount(t, dir, "ro")
	return path, f, acked
}

// dirState lists a folder's files with their content hashes.
func dirState(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		out[e.Name()] = fileHash(t, filepath.Join(dir, e.Name()))
	}
	return out
}

// TestReadOnlyMedia proves that a database on a read-only filesystem (a
// write-protected card, a read-only share) opens and reads without error,
// that every kind of write fails with ErrReadOnly (explained in plain words
// by the catalogue), and that nothing in the folder changes.
func TestReadOnlyMedia(t *testing.T) {
	t.Parallel()
	path, f, acked := roFixture(t)
	ctx := context.Background()
	before := dirState(t, filepath.Dir(path))

	db := openTest(t, path)
	if !db.ReadOnly() {
		t.Fatal("ReadOnly() = false for a database on a read-only filesystem")
	}
	if db.Device() == "" {
		t.Error("device ID not read on a read-only open")
	}
	// Reads: everything the screens and reports use.
	wantFindings(t, db, f.a.ID, acked)
	ins, err := db.Inspections(ctx)
	if err != nil || len(ins) != 1 || ins[0].ID != f.in.ID {
		t.Errorf("Inspections: %v %+v", err, ins)
	}
	ovs, err := db.Overviews(ctx, f.in.ID)
	if err != nil || len(ovs) != 1 || ovs[0].Unit.Name != "Sở Tư pháp" {
		t.Fatalf("Overviews: %v %+v", err, ovs)
	}
	if ovs[0].Scorecard.Overall.Score != 200 {
		t.Errorf("score read back = %s, want 2", ovs[0].Scorecard.Overall.Score.Format(','))
	}
	cl, err := db.Checklist(ctx, "test", "1")
	if err != nil || !reflect.DeepEqual(cl.Fields, testChecklist().Fields) {
		t.Errorf("Checklist: %v", err)
	}
	if name, err := db.Setting(ctx, SettingInspector); err != nil || name != "Lê Thu Trang" {
		t.Errorf("inspector = %q, %v", name, err)
	}
	// The built-ins already held: adding them again writes nothing, so the
	// command line's OpenDB (which does this on every open) still works.
	if n, err := db.AddChecklists(ctx, true, testChecklist()); err != nil || n != 0 {
		t.Errorf("re-adding a held checklist on read-only media: %d, %v", n, err)
	}

	// Writes: each fails with ErrReadOnly and changes nothing.
	other := testChecklist()
	other.ID, other.Hash = "other", "h2"
	writes := map[string]func() error{
		"SaveFinding": func() error {
			_, err := db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "2.1.1", Result: model.ResultPass,
				Score: 100, UpdatedBy: "Lê Thu Trang", BaseRevision: acked["2.1.1"].Revision})
			return err
		},
		"SetSetting":    func() error { return db.SetSetting(ctx, SettingInspector, "Người khác") },
		"SaveRemarks":   func() error { _, err := db.SaveRemarks(ctx, "Lê Thu Trang", f.a.ID, AssessmentRemarks{}); return err },
		"Finalize":      func() error { _, err := db.Finalize(ctx, "Lê Thu Trang", f.a.ID); return err },
		"AddChecklists": func() error { _, err := db.AddChecklists(ctx, false, other); return err },
		"SaveUnit": func() error {
			_, err := db.SaveUnit(ctx, "Lê Thu Trang", model.Unit{Code: "sxd", Name: "Sở Xây dựng", Kind: "so"})
			return err
		},
	}
	for name, w := range writes {
		if err := w(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on read-only media: %v, want ErrReadOnly", name, err)
		}
	}
	wantFindings(t, db, f.a.ID, acked)
	integrityOK(t, db)
	if vi := i18n.New(i18n.VI).T("err.read_only"); !strings.Contains(vi, "chỉ đọc") {
		t.Errorf("vi message for read-only media: %q", vi)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if after := dirState(t, filepath.Dir(path)); !reflect.DeepEqual(before, after) {
		t.Errorf("the read-only folder changed: %d files before, %d after", len(before), len(after))
	}
}

// TestReadOnlyMediaRefusals: what cannot be read faithfully without writing
// is refused with a specific error, never misread. A new database cannot be
// made there; a file whose schema needs a migration, or whose committed
// answers are still in a write-ahead log SQLite cannot index there, is
// refused and left as it was.
func TestReadOnlyMediaRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Each refusal has its own words (model codes read_only_outdated and
	// read_only_unclean), saying to copy the files to a writable drive.
	for _, key := range []string{"e.read_only_outdated", "e.read_only_unclean"} {
		if vi := i18n.New(i18n.VI).T(key); !strings.Contains(vi, "chỉ đọc") || !strings.Contains(vi, "ghi được") {
			t.Errorf("%s: %q", key, vi)
		}
	}
	t.Run("new database", func(t *testing.T) {
		dir := mountTmpfs(t, "1m")
		remount(t, dir, "ro")
		_, err := Open(ctx, filepath.Join(dir, "k.db"))
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("creating a database on read-only media: %v, want ErrReadOnly", err)
		}
	})
	t.Run("older schema", func(t *testing.T) {
		dir := mountTmpfs(t, "4m")
		path := filepath.Join(dir, "k.db")
		db := openTest(t, path)
		if _, err := db.sql.Exec("DELETE FROM schema_migrations WHERE version = ?", SchemaVersion()); err != nil {
			t.Fatal(err)
		}
		check(t, db.Close())
		remount(t, dir, "ro")
		before := fileHash(t, path)
		_, err := Open(ctx, path)
		if !errors.Is(err, ErrReadOnlyOutdated) || !errors.Is(err, ErrReadOnly) {
			t.Errorf("older schema on read-only media: %v, want ErrReadOnlyOutdated", err)
		}
		if fileHash(t, path) != before {
			t.Error("file changed")
		}
	})
	t.Run("write-ahead log", func(t *testing.T) {
		// A live database's file and its -wal (the answers not yet
		// checkpointed), copied to media that is then made read-only, as
		// when a laptop is switched off and the card write-protected.
		src := fixtureAt(t, filepath.Join(t.TempDir(), "k.db"))
		saved, err := src.db.SaveFinding(ctx, model.Finding{AssessmentID: src.a.ID, ItemCode: "1.1.1",
			Result: model.ResultPass, Score: 100, UpdatedBy: "Lê Thu Trang"})
		if err != nil {
			t.Fatal(err)
		}
		for _, withSHM := range []bool{false, true} {
			dir := mountTmpfs(t, "4m")
			path := filepath.Join(dir, "k.db")
			suffixes := []string{"", "-wal"}
			if withSHM {
				suffixes = append(suffixes, "-shm")
			}
			for _, s := range suffixes {
				copyFile(t, src.db.Path()+s, path+s)
			}
			if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
				t.Fatalf("no write-ahead log to test with: %v", err)
			}
			remount(t, dir, "ro")
			db, err := Open(ctx, path)
			if !withSHM {
				// Without -shm SQLite cannot read the log there; opening
				// the file alone would silently show old data.
				if !errors.Is(err, ErrReadOnlyUnclean) || !errors.Is(err, ErrReadOnly) {
					t.Errorf("log without -shm on read-only media: %v, want ErrReadOnlyUnclean", err)
				}
				if db != nil {
					check(t, db.Close())
				}
				continue
			}
			if err != nil {
				t.Fatalf("log with -shm on read-only media: %v", err)
			}
			wantFindings(t, db, src.a.ID, map[string]model.Finding{"1.1.1": saved})
			check(t, db.Close())
		}
	})
}

// TestReadOnlyFolderPermissions covers the non-root case: a folder the user
// may not write (chmod 0555) on a writable filesystem.
func TestReadOnlyFolderPermissions(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("folder permissions do not make a folder read-only on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions; TestReadOnlyMedia covers read-only media with a read-only mount")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "k.db")
	f := fixtureAt(t, path)
	saved, err := f.db.SaveFinding(context.Background(), model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.1",
		Result: model.ResultPass, Score: 100, UpdatedBy: "Lê Thu Trang"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, f.db.Close())
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { check(t, os.Chmod(dir, 0o700)) })
	db := openTest(t, path)
	if !db.ReadOnly() {
		t.Fatal("ReadOnly() = false in a folder without write permission")
	}
	wantFindings(t, db, f.a.ID, map[string]model.Finding{"1.1.1": saved})
	if err := db.SetSetting(context.Background(), SettingInspector, "X"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write in a read-only folder: %v, want ErrReadOnly", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { check(t, in.Close()) }()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
