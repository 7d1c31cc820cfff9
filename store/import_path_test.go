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

func TestImportPathFileAndFolder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	usb := filepath.Join(t.TempDir(), "USB có dấu cách")
	if err := os.Mkdir(usb, 0o700); err != nil {
		t.Fatal(err)
	}
	a.save(t, "1.1.1", pass)
	one := a.bundle(t, "a1.ktb")
	a.save(t, "1.1.2", partial)
	two := a.bundle(t, "a2.ktb")
	// In the folder: two bundles under names that do not say so, a
	// receipt, a document, a pipe, a link and a subfolder.
	for from, to := range map[string]string{one: "z-first", two: "b-second.dat"} {
		copyFileTB(t, from, filepath.Join(usb, to))
	}
	for name, data := range map[string]string{"a.receipt.json": `{"receipt":{}}`, "ghi chú.txt": "KIEMTRA"} {
		if err := os.WriteFile(filepath.Join(usb, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := mkfifo(filepath.Join(usb, "pipe")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(one, filepath.Join(usb, "link.ktb")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(usb, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}

	// Dragged into a terminal: quoted, with escaped spaces.
	out, err := b.db.ImportPath(ctx, `  '`+strings.ReplaceAll(usb, " ", `\ `)+`'  `)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range out.Files {
		names = append(names, filepath.Base(f.File))
		if f.Err != nil {
			t.Errorf("%s refused: %v", f.File, f.Err)
		}
	}
	if strings.Join(names, " ") != "b-second.dat z-first" {
		t.Fatalf("imported %q, want the two bundles in name order", names)
	}
	if out.Files[0].From != "Lê Thu Trang" || out.Files[0].Accepted != 2 || !out.Files[1].Replay && out.Files[1].Present != 1 {
		t.Errorf("outcome: %+v", out.Files)
	}
	if out.Backup == "" {
		t.Error("no backup before the first change")
	}
	// Bundle 2 came first; bundle 1 then filled the gap.
	if len(out.Gaps) != 0 {
		t.Errorf("gaps %+v", out.Gaps)
	}

	// One file, named directly: the same file again is a replay.
	out, err = b.db.ImportPath(ctx, `"`+one+`"`)
	if err != nil || len(out.Files) != 1 || !out.Files[0].Replay {
		t.Fatalf("one file: %v %+v", err, out.Files)
	}
}

func TestImportPathRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDevice(t, "Lê Thu Trang")
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("không phải gói"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.ktb")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "khong-co.ktb")
	for _, c := range []struct {
		path  string
		code  model.Code
		param string
	}{
		{"  ", model.ENoPath, ""},
		{missing, model.EFileMissing, missing},
		{empty, model.ENoBundles, empty},
	} {
		_, err := d.db.ImportPath(ctx, c.path)
		if model.ErrorCode(err) != c.code {
			t.Errorf("%q: %v, want %s", c.path, err, c.code)
			continue
		}
		if p := model.ErrorParams(err); c.param != "" && (len(p) != 1 || p[0] != c.param) {
			t.Errorf("%q: params %q, want %q", c.path, p, c.param)
		}
		requireWords(t, err)
	}
	// A pipe named directly is refused, not waited on forever.
	out, err := d.db.ImportPath(ctx, fifo)
	if err != nil || len(out.Files) != 1 || model.ErrorCode(out.Files[0].Err) != model.ENotRegular {
		t.Fatalf("a pipe: %v %+v", err, out.Files)
	}
}

func TestConflictViewsLocalFirstWithNamesAndText(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	a.save(t, "1.1.1", pass)
	b.importFiles(t, a.bundle(t, "a1.ktb"))
	a.save(t, "1.1.1", fail)
	b.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	b.importFiles(t, a.bundle(t, "a2.ktb"))
	vs, err := b.db.ConflictViews(ctx)
	if err != nil || len(vs) != 1 {
		t.Fatalf("views: %v %d", err, len(vs))
	}
	v := vs[0]
	if !v.A.Local || v.B.Local || v.A.Note != "Kế hoạch ban hành chậm." || v.B.DeviceName != "Lê Thu Trang" {
		t.Errorf("sides: A %+v, B %+v", v.A, v.B)
	}
	if v.UnitCode != "STP" || v.ItemCode != "1.1.1" || v.ItemText != "Có ban hành kế hoạch không?" || v.Finalized {
		t.Errorf("view: %+v", v)
	}
	// On the other laptop, its own value comes first.
	a.importFiles(t, b.bundle(t, "b1.ktb"))
	va, err := a.db.ConflictViews(ctx)
	if err != nil || len(va) != 1 || va[0].ID != v.ID || !va[0].A.Local || va[0].A.Note != fail.Note || va[0].B.DeviceName != "Phạm Đức Long" {
		t.Fatalf("A's view: %v %+v", err, va)
	}
	// A finalized assessment is flagged.
	if _, err := a.db.Finalize(ctx, "A", a.a.ID); err != nil {
		t.Fatal(err)
	}
	if va, err = a.db.ConflictViews(ctx); err != nil || !va[0].Finalized {
		t.Fatalf("after finalizing: %v %+v", err, va)
	}
	if _, err := a.db.ResolveConflict(ctx, "A", va[0].ID, va[0].A.Content()); !errors.Is(err, model.ErrFinalized) {
		t.Errorf("resolving on a finalized assessment: %v", err)
	}
}
