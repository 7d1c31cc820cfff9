package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bien-ban.md")
	if err := WriteFileAtomic(path, []byte("một"), false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "một" {
		t.Fatalf("content %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}

	// An existing file is refused, with a message that says what to do, and kept.
	err := WriteFileAtomic(path, []byte("hai"), false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), path) {
		t.Errorf("overwrite without force: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "một" {
		t.Errorf("refused write changed the file: %q", b)
	}

	// With force it is replaced.
	if err := WriteFileAtomic(path, []byte("hai"), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "hai" {
		t.Errorf("forced write: %q", b)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestWriteFileAtomicErrors(t *testing.T) {
	dir := t.TempDir()
	// A folder in place of the file: refused even with force.
	sub := filepath.Join(dir, "folder")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(sub, []byte("x"), true); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("folder: %v", err)
	}
	// A missing parent folder.
	if err := WriteFileAtomic(filepath.Join(dir, "no", "such", "f.md"), []byte("x"), false); err == nil {
		t.Error("missing folder accepted")
	}
	if err := WriteFileAtomic("", []byte("x"), false); err == nil {
		t.Error("empty path accepted")
	}
	// A read-only folder: the temp file cannot be made; nothing is left.
	if os.Getuid() != 0 { // root ignores permissions
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o500)
		if err := WriteFileAtomic(filepath.Join(ro, "f.md"), []byte("x"), false); err == nil {
			t.Error("read-only folder accepted")
		}
	}
	// A rename that fails after the data was written: the temporary file
	// is removed and the target keeps its old content.
	path := filepath.Join(dir, "kept.md")
	if err := os.WriteFile(path, []byte("cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	renameFile = func(string, string) error { return errors.New("disk pulled out") }
	defer func() { renameFile = os.Rename }()
	if err := WriteFileAtomic(path, []byte("mới"), true); err == nil || !strings.Contains(err.Error(), "disk pulled out") {
		t.Errorf("failed rename: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "cũ" {
		t.Errorf("failed write changed the file: %q", b)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
