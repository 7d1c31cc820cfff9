package cli

import (
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// mountTmpfs mounts a tmpfs of size at a new folder and unmounts it when
// the test ends. It needs Linux and root, and skips elsewhere, saying so.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skipf("needs Linux to mount a tmpfs (this is %s)", runtime.GOOS)
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs; run as root (e.g. in CI's container) to include this test")
	}
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes zeros to path until the file system has no byte left.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := fh.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	buf := make([]byte, 4096)
	for {
		_, err := fh.Write(buf)
		if err == nil {
			continue
		}
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, io.ErrShortWrite) {
			return
		}
		t.Fatalf("fill %s: %v", path, err)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestDiskFullEveryCommand runs commands on the demo database on a disk
// filled to its last byte. Each fails with exit status 1 and one line that
// says the disk is full, names the database and says that what was saved is
// intact, in Vietnamese and English; none shows SQLite's "disk I/O error",
// and the database is unchanged. Before, every one of them said "disk I/O
// error (4874)" (an unexpected error, to the person).
func TestDiskFullEveryCommand(t *testing.T) {
	t.Parallel()
	dir := mountTmpfs(t, "16m")
	db := filepath.Join(dir, "k.db")
	if err := copyDB(demoCopy(t), db); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, db)
	fillDisk(t, filepath.Join(dir, "filler"))
	plan := filepath.Join("..", "checklists", "testdata", "plan-example.yaml")
	for _, args := range [][]string{
		{"report", "summary", "--format", "md", "--out", "-"},
		{"report", "unit", "--unit", "STP", "--format", "md", "--out", "-"},
		{"inspection", "list"},
		{"unit", "list"},
		{"config", "get", "inspector"},
		{"checklist", "list"},
		{"conflicts"},
		{"config", "set", "inspector", "Lê Thu Trang"},
		{"plan", "import", plan},
	} {
		for _, lang := range []string{"vi", "en"} {
			r := runCLI(t, nil, append([]string{"--db", db, "--lang", lang}, args...)...)
			words := []string{"ổ đĩa đã đầy (" + db + ")", "đã lưu trước đó vẫn còn nguyên"}
			if lang == "en" {
				words = []string{"the disk is full (" + db + ")", "everything saved before is intact"}
			}
			if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "I/O") {
				t.Errorf("%s (%s): status %d, stderr %q", strings.Join(args, " "), lang, r.code, r.stderr)
				continue
			}
			for _, w := range words {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("%s (%s): %q lacks %q", strings.Join(args, " "), lang, r.stderr, w)
				}
			}
		}
	}
	if fileHash(t, db) != before {
		t.Errorf("the database changed on a full disk")
	}
}
