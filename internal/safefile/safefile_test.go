package safefile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"kiemtra/model"
)

func TestWriteNewFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bien-ban.docx")
	if err := Write(p, []byte("nội dung"), Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "nội dung" {
		t.Fatalf("read back %q, %v", got, err)
	}
	if runtime.GOOS != "windows" {
		st, _ := os.Stat(p)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", st.Mode().Perm())
		}
	}
	assertOnly(t, dir, "bien-ban.docx")
}

func TestExistingFileNeedsReplace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.ktb")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Write(p, []byte("new"), Options{})
	if model.ErrorCode(err) != model.EExists {
		t.Fatalf("got %v, want EExists", err)
	}
	if got := model.ErrorParams(err); len(got) != 1 || got[0] != p {
		t.Errorf("params %q", got)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("replaced without Replace: %q", b)
	}
	if err := Write(p, []byte("new"), Options{Replace: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("not replaced: %q", b)
	}
	assertOnly(t, dir, "a.ktb")
}

// TestNeverReplacesWhatIsNotARegularFile: a device, a link, a folder or a
// pipe is refused even with Replace, and is left as it was.
func TestNeverReplacesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.txt")
	if err := os.WriteFile(target, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	paths := []string{folder}
	if runtime.GOOS != "windows" {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		fifo := filepath.Join(dir, "fifo")
		if err := mkfifo(fifo); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, link, fifo, os.DevNull)
	}
	for _, p := range paths {
		for _, replace := range []bool{false, true} {
			before, err := os.Lstat(p)
			if err != nil {
				t.Fatal(err)
			}
			err = Write(p, []byte("x"), Options{Replace: replace})
			if model.ErrorCode(err) != model.ENotRegular {
				t.Errorf("%s (replace %v): got %v, want ENotRegular", p, replace, err)
			}
			after, err := os.Lstat(p)
			if err != nil || after.Mode() != before.Mode() {
				t.Errorf("%s changed: %v → %v (%v)", p, before.Mode(), after, err)
			}
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target changed: %q", b)
	}
}

func TestFailedFillPutsNothingInPlace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "tong-hop.xlsx")
	boom := errors.New("boom")
	err := WriteWith(p, Options{}, func(w io.Writer) error {
		if _, err := w.Write([]byte("half")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	assertOnly(t, dir)
}

func TestFailedRenameKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.json")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	rename = func(string, string) error { return &os.LinkError{Op: "rename", Err: syscall.ENOSPC} }
	defer func() { rename = os.Rename }()
	err := Write(p, []byte("new"), Options{Replace: true})
	if model.ErrorCode(err) != model.EDiskFull {
		t.Fatalf("got %v, want EDiskFull", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("old content lost: %q", b)
	}
	assertOnly(t, dir, "r.json")
}

func TestMissingFolder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no-such-folder", "a.html")
	if err := Write(p, nil, Options{}); model.ErrorCode(err) != model.EFileMissing {
		t.Fatalf("got %v, want EFileMissing", err)
	}
}

func TestWrapCodes(t *testing.T) {
	cases := map[error]model.Code{
		&fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}:  model.EDiskFull,
		&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}: model.EPermission,
		&fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}:   model.EFileMissing,
		errors.New("strange"): model.EInternal,
	}
	if runtime.GOOS != "windows" {
		cases[&fs.PathError{Op: "open", Path: "x", Err: syscall.EROFS}] = model.EReadOnly
	}
	for err, want := range cases {
		got := Wrap("/media/usb/a.ktb", err)
		if model.ErrorCode(got) != want {
			t.Errorf("Wrap(%v) = %v, want %s", err, got, want)
		}
		if want != model.EInternal {
			if p := model.ErrorParams(got); len(p) != 1 || p[0] != "/media/usb/a.ktb" {
				t.Errorf("Wrap(%v) params %q", err, p)
			}
		}
	}
	kept := model.NewError(model.EExists, nil, "a")
	if got := Wrap("b", kept); !errors.Is(got, kept) || model.ErrorParams(got)[0] != "a" {
		t.Error("an error with a code was rewrapped")
	}
}

func TestAbortAfterCommit(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "k.pub"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("key")); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	assertOnly(t, dir, "k.pub")
}

// assertOnly fails unless dir holds exactly names (no temporary files left).
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("folder holds %q, want %q", got, names)
	}
	for i := range names {
		if got[i] != names[i] {
			t.Fatalf("folder holds %q, want %q", got, names)
		}
	}
}
