package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/store"
)

// TestDamagedFileFoundAfterTheFirstScreen: a database whose damage the
// store left to the background check (it was closed cleanly) opens on the
// start screen, then the check finds the damage and the App says so, with
// the file's name, and offers only to quit.
func TestDamagedFileFoundAfterTheFirstScreen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tmpl, err := demoTemplate()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kiemtra.db")
	if err := copyFile(tmpl, path); err != nil {
		t.Fatal(err)
	}
	// Damage a page of an index only imports read: the start screen
	// draws, the integrity check does not pass.
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var page, size int64
	if err := db.SQL().QueryRowContext(ctx, "SELECT max(pageno) FROM dbstat WHERE name = 'audit_revision'").Scan(&page); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, store.SettingInspector, "Nguyễn Thị Hương"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0xA5}, (page-1)*size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = store.Open(ctx, path, store.DeferCheck(), store.WithClock(fixedClock))
	if err != nil {
		t.Fatalf("open with the check deferred: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	a := newTestApp(t, db, i18n.VI, 100, 30)
	want := i18n.New(i18n.VI).T("ui.err.damaged", path)
	if a.fatal != want {
		t.Fatalf("after the check the App shows %q, want %q", a.fatal, want)
	}
	if !strings.Contains(screen(a), filepath.Base(path)) {
		t.Errorf("the screen does not name the file:\n%s", screen(a))
	}
	if a = keys(t, a, "q"); !quit(a) {
		t.Error("q does not quit the damaged-file screen")
	}
}

// TestHealthyFileCheckedAfterTheFirstScreen: the check's result shows on
// the status line.
func TestHealthyFileCheckedAfterTheFirstScreen(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, openStore(t, true, "Nguyễn Thị Hương"), i18n.EN, 100, 30)
	if a.fatal != "" {
		t.Fatalf("fatal: %s", a.fatal)
	}
	requireStatus(t, a, i18n.New(i18n.EN).T("ui.status.checked"))
}
