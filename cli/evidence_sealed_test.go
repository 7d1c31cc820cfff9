package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// finalizeUnit finalizes a unit's assessment directly in the database, as
// the editor does.
func finalizeUnit(t *testing.T, path, unit, actor string) {
	t.Helper()
	ctx := context.Background()
	db, err := OpenDB(ctx, path, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	ovs, err := db.Overviews(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ovs {
		if o.Unit.Code == unit {
			if _, err := db.Finalize(ctx, actor, o.Assessment.ID); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no unit %s", unit)
}

// TestEvidenceListShowsChangesWaitingForAReopening: B finalizes STC; A,
// unaware, removes one file and attaches another; the office's list shows
// the signed files and marks A's two changes as waiting.
func TestEvidenceListShowsChangesWaitingForAReopening(t *testing.T) {
	t.Parallel()
	a, b, c := laptop(t, "Nguyễn Thị Hương", true), laptop(t, "Phạm Đức Long", false), laptop(t, "Sở Nội vụ", false)
	dir := t.TempDir()
	for i, db := range []string{a, b, c} {
		mustRun(t, "--db", db, "keys", "export", "--out", filepath.Join(dir, string(rune('a'+i))+".pub"))
	}
	for i, db := range []string{a, b, c} {
		for j := range 3 {
			if i != j {
				mustRun(t, "--db", db, "keys", "trust", filepath.Join(dir, string(rune('a'+j))+".pub"), "--name", "Máy "+string(rune('A'+j)))
			}
		}
	}
	for _, name := range []string{"x.jpg", "y.jpg"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("\xff\xd8\xff\xe0 "+name), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, "--db", a, "evidence", "add", "--unit", "STC", "--item", "1.1.2", filepath.Join(dir, "x.jpg"))
	mustRun(t, "--db", a, "bundle", "--out", filepath.Join(dir, "a1.ktb"))
	mustRun(t, "--db", b, "import", filepath.Join(dir, "a1.ktb"))
	finalizeUnit(t, b, "STC", "Phạm Đức Long")
	var rows []struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Removed bool   `json:"removed"`
		Pending bool   `json:"pending"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--db", a, "evidence", "list", "--unit", "STC", "--json").stdout), &rows); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", a, "evidence", "remove", rows[0].ID)
	mustRun(t, "--db", a, "evidence", "add", "--unit", "STC", "--item", "1.1.2", filepath.Join(dir, "y.jpg"))
	mustRun(t, "--db", a, "bundle", "--out", filepath.Join(dir, "a2.ktb"))
	mustRun(t, "--db", b, "bundle", "--out", filepath.Join(dir, "b1.ktb"))
	if r := mustRun(t, "--db", c, "import", filepath.Join(dir, "a2.ktb"), filepath.Join(dir, "b1.ktb")); !strings.Contains(r.stdout,
		"2 thay đổi tệp minh chứng của đánh giá đã hoàn thành chờ mở lại") {
		t.Errorf("the import does not say files wait:\n%s", r.stdout)
	}

	r := mustRun(t, "--db", c, "evidence", "list", "--unit", "STC")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "x.jpg") || !strings.Contains(lines[1], "y.jpg") {
		t.Fatalf("the office lists:\n%s", r.stdout)
	}
	if !strings.Contains(lines[0], "CHỜ MỞ LẠI: Nguyễn Thị Hương đã gỡ") || !strings.Contains(lines[0], "vẫn trong hồ sơ đã ký") ||
		!strings.Contains(lines[1], "CHỜ MỞ LẠI: đính kèm trên máy khác") {
		t.Errorf("the changes waiting are not marked:\n%s", r.stdout)
	}
	r = mustRun(t, "--db", c, "conflicts")
	if !strings.Contains(r.stdout, "Tệp minh chứng chờ mở lại đánh giá đã hoàn thành (2)") || strings.Count(r.stdout, "CHỜ MỞ LẠI") != 2 {
		t.Errorf("conflicts do not list the files waiting:\n%s", r.stdout)
	}
	rows = nil
	if err := json.Unmarshal([]byte(mustRun(t, "--db", c, "evidence", "list", "--unit", "STC", "--json").stdout), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Removed || !rows[0].Pending || !rows[1].Removed || !rows[1].Pending {
		t.Errorf("the office's list as JSON: %+v", rows)
	}
}
