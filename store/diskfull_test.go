package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// TestDiskFull puts the database on a 2 MiB tmpfs, fills the rest of the
// filesystem and keeps saving answers until SQLite reports SQLITE_FULL. It
// proves that a full disk (1) reaches the caller as ErrDiskFull, which the
// catalogue explains in plain words, (2) loses no answer the store had
// acknowledged and leaves the file intact, and (3) is recoverable: once space
// is freed the same handle saves again, and a reopened database holds
// everything. Linux and root only (it mounts a filesystem); skips elsewhere.
func TestDiskFull(t *testing.T) {
	t.Parallel()
	dir := mountTmpfs(t, "2m")
	ctx := context.Background()
	f := fixtureAt(t, filepath.Join(dir, "k.db"))

	acked := map[string]model.Finding{}
	items := []string{"1.1.1", "1.1.2", "2.1.1"}
	// A long note makes every revision (and its audit row) a few pages, so
	// the WAL grows quickly once the filler has taken the free space.
	note := strings.Repeat("Chưa niêm yết công khai đầy đủ thủ tục hành chính. ", 40)
	save := func(i int) error {
		code := items[i%len(items)]
		prev := acked[code]
		got, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: code,
			Result: model.ResultFail, Note: fmt.Sprintf("%d %s", i, note), UpdatedBy: "Lê Thu Trang",
			BaseRevision: prev.Revision})
		if err == nil {
			acked[code] = got
		}
		return err
	}
	for i := range 6 {
		if err := save(i); err != nil {
			t.Fatalf("save %d with free space: %v", i, err)
		}
	}

	filler := filepath.Join(dir, "filler")
	fillDisk(t, filler)
	// Give back 96 KiB so a few more answers fit: the failure then comes
	// from the WAL growing mid-session, as on a real laptop.
	if st, err := os.Stat(filler); err != nil {
		t.Fatal(err)
	} else if err := os.Truncate(filler, max(0, st.Size()-96<<10)); err != nil {
		t.Fatal(err)
	}

	var full error
	n := 6
	for ; n < 6+5000; n++ {
		if err := save(n); err != nil {
			full = err
			break
		}
	}
	if n == 6 {
		t.Errorf("no answer fitted in the 96 KiB left free")
	}
	if full == nil {
		t.Fatalf("5000 saves on a full 2 MiB filesystem all succeeded: the test did not fill the disk")
	}
	if !errors.Is(full, ErrDiskFull) {
		t.Fatalf("save on a full disk: %v, want ErrDiskFull", full)
	}
	t.Logf("%d answers acknowledged, then: %v", n, full)
	// The person reads the catalogue's message for this error (the command
	// line, the TUI's status line): the disk is full, which file, and that
	// what was saved is intact.
	wantDiskFullWords(t, full, filepath.Join(dir, "k.db"))

	// Everything acknowledged is still there and the file is intact, read
	// on the same handle while the disk is still full.
	wantFindings(t, f.db, f.a.ID, acked)
	integrityOK(t, f.db)
	// A second failure on the still-full disk changes nothing either.
	if err := save(n + 1); !errors.Is(err, ErrDiskFull) {
		t.Errorf("second save on a full disk: %v, want ErrDiskFull", err)
	}
	wantFindings(t, f.db, f.a.ID, acked)

	// Free the space: the same handle saves again, without restarting.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	for i := n + 2; i < n+8; i++ {
		if err := save(i); err != nil {
			t.Fatalf("save %d after freeing space: %v", i, err)
		}
	}
	if err := f.db.Close(); err != nil {
		t.Fatalf("close after recovery: %v", err)
	}
	db := openTest(t, filepath.Join(dir, "k.db"))
	wantFindings(t, db, f.a.ID, acked)
	integrityOK(t, db)
	if err := db.VerifyChain(ctx, db.Device()); err != nil {
		t.Errorf("audit chain after a full disk: %v", err)
	}
}

// fillDisk writes zeros to path until the filesystem reports ENOSPC.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { check(t, fh.Close()) }()
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

// wantDiskFullWords checks that err reads, in both languages, as a full
// disk naming file and saying that nothing saved was lost.
func wantDiskFullWords(t *testing.T, err error, file string) {
	t.Helper()
	if got := model.ErrorParams(err); len(got) != 1 || got[0] != file {
		t.Errorf("disk full error names %q, want %q", got, file)
	}
	vi, en := i18n.New(i18n.VI).Err(err), i18n.New(i18n.EN).Err(err)
	for _, w := range []string{"ổ đĩa đã đầy", file, "đã lưu trước đó vẫn còn nguyên"} {
		if !strings.Contains(vi, w) {
			t.Errorf("vi message %q lacks %q", vi, w)
		}
	}
	for _, w := range []string{"disk is full", file, "everything saved before is intact"} {
		if !strings.Contains(en, w) {
			t.Errorf("en message %q lacks %q", en, w)
		}
	}
}

// TestDiskFullAtOpen fills the disk to the last byte under a closed
// database. SQLite then fails before any SQLITE_FULL: it cannot size its
// -shm file (SQLITE_IOERR_SHMSIZE, "disk I/O error (4874)"). Opening, and
// so every command, even one that only reads, must say the disk is full and
// name the file, and the file must be byte for byte as it was; once space
// is freed it opens with everything in it.
func TestDiskFullAtOpen(t *testing.T) {
	t.Parallel()
	dir := mountTmpfs(t, "2m")
	ctx := context.Background()
	path := filepath.Join(dir, "k.db")
	f := fixtureAt(t, path)
	acked := map[string]model.Finding{}
	for _, code := range []string{"1.1.1", "1.1.2"} {
		got, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: code, Result: model.ResultFail,
			Note: "Chưa niêm yết công khai thủ tục hành chính.", UpdatedBy: "Lê Thu Trang"})
		check(t, err)
		acked[code] = got
	}
	check(t, f.db.Close()) // closing twice (again at cleanup) is harmless
	before, err := os.ReadFile(path)
	check(t, err)

	fillDisk(t, filepath.Join(dir, "filler"))
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("open on a disk with no space left: %v, want ErrDiskFull", err)
	}
	wantDiskFullWords(t, err, path)
	after, rerr := os.ReadFile(path)
	check(t, rerr)
	if string(after) != string(before) {
		t.Errorf("the database changed when the open failed on a full disk")
	}

	check(t, os.Remove(filepath.Join(dir, "filler")))
	db := openTest(t, path)
	wantFindings(t, db, f.a.ID, acked)
	integrityOK(t, db)
}
