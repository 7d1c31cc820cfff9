package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestHeldChecklistsRememberWhereTheyCameFrom: a version added from a
// file keeps the file's name (not its folder), the hash of its bytes and
// when it was added; a built-in says so; adding the same version again
// from another file keeps what was first recorded. HeldChecklists gives
// every version in full, versions in numeric order.
func TestHeldChecklistsRememberWhereTheyCameFrom(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), "k.db"))
	if _, err := db.AddChecklists(ctx, true, testChecklist()); err != nil {
		t.Fatal(err)
	}
	v2, v10 := rulesChecklist(), rulesChecklist()
	v2.Version, v2.Hash = "2026.2", "h2"
	v10.Version, v10.Hash = "2026.10", "h10"
	n, err := db.AddChecklistFiles(ctx, ChecklistFile{Checklist: v10, Name: filepath.Join("D:", "Sở Nội vụ", "tieu-chi.xlsx"), SHA256: "ab12"},
		ChecklistFile{Checklist: v2, Name: "tieu-chi-cu.yaml", SHA256: "cd34"})
	if err != nil || n != 2 {
		t.Fatalf("added %d: %v", n, err)
	}
	if n, err := db.AddChecklistFiles(ctx, ChecklistFile{Checklist: v10, Name: "ban-khac.xlsx", SHA256: "ef56"}); err != nil || n != 0 {
		t.Fatalf("the same version again: added %d, %v", n, err)
	}
	infos, err := db.ChecklistInfos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ChecklistInfo{}
	for _, ci := range infos {
		got[ci.ID+"@"+ci.Version] = ci
	}
	if ci := got["test@1"]; !ci.Builtin || ci.File != "" || ci.AddedAt.IsZero() {
		t.Errorf("built-in: %+v", ci)
	}
	if ci := got["rules@2026.10"]; ci.Builtin || ci.File != "tieu-chi.xlsx" || ci.SHA256 != "ab12" ||
		ci.AddedAt.Before(time.Date(2022, 10, 18, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("from a file: %+v", ci)
	}
	held, err := db.HeldChecklists(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, h := range held {
		refs = append(refs, h.Checklist.Ref())
		if h.Checklist.ItemCount() == 0 {
			t.Errorf("%s held without its items", h.Checklist.Ref())
		}
	}
	if want := []string{"rules@2026.2", "rules@2026.10", "test@1"}; !slices.Equal(refs, want) {
		t.Errorf("held %v, want %v", refs, want)
	}
	if o := held[1].Origin; o.File != "tieu-chi.xlsx" || o.SHA256 != "ab12" {
		t.Errorf("held origin: %+v", o)
	}
}
