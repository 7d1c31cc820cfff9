package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiemtra/model"
	"kiemtra/store"
)

// damage changes a stored note behind kiemtra's back, as a flipped bit on
// the disk would (SQLite's own checks still pass).
func damage(t *testing.T, path, query string) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(query); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCheckCommand: kiemtra check says the data is intact, or which record
// is damaged and what to do; --repair restores a finding from its history,
// after which a bundle can be sent again.
func TestCheckCommand(t *testing.T) {
	a := laptop(t, "Nguyễn Thị Hương", false)
	answer(t, a, "STP", "1.1.1", model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."})
	if r := mustRun(t, "--db", a, "check"); !strings.Contains(r.stdout, "Dữ liệu nguyên vẹn") {
		t.Fatalf("sound database: %+v", r)
	}
	damage(t, a, "UPDATE findings SET note = 'Chưa ban hành kế hoạcx.'")
	r := runCLI(t, nil, "--db", a, "check")
	if r.code != 1 || !strings.Contains(r.stdout, "STP 1.1.1") || !strings.Contains(r.stdout, "--repair") {
		t.Fatalf("damaged note: %+v", r)
	}
	out := filepath.Join(t.TempDir(), "x.ktb")
	if r := runCLI(t, nil, "--db", a, "bundle", "--out", out); r.code != 1 || !strings.Contains(r.stderr, "STP 1.1.1") {
		t.Fatalf("bundling a damaged record: %+v", r)
	}
	if r := mustRun(t, "--db", a, "check", "--repair"); !strings.Contains(r.stdout, "Đã khôi phục 1 kết quả") {
		t.Fatalf("repair: %+v", r)
	}
	mustRun(t, "--db", a, "bundle", "--out", out)
	// bundle --out over an existing file needs --force.
	if r := runCLI(t, nil, "--db", a, "bundle", "--out", out); r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("bundle over an existing file: %+v", r)
	}
	before, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", a, "bundle", "--out", out, "--force")
	if after, _ := os.ReadFile(out); string(after) == string(before) {
		t.Error("--force did not write the new bundle")
	}
	// A damaged history is named by its entry, and a backup offered.
	damage(t, a, `UPDATE audit SET new = replace(new, 'hoạch', 'hoạcx') WHERE entity = 'finding'`)
	r = runCLI(t, nil, "--lang", "en", "--db", a, "check")
	if r.code != 1 || !strings.Contains(r.stdout, "this device's history (STP 1.1.1") || !strings.Contains(r.stdout, "backup") {
		t.Fatalf("damaged history: %+v", r)
	}
}
