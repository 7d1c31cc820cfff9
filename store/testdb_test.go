package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"kiemtra/checklists"
	"kiemtra/model"
)

// Seeding the demo data takes a while, so the tests that read it share
// one seeded template, made once per test binary, and each open their own
// copy of its file.

var demoTemplate struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoTemplate.dir != "" {
		if err := os.RemoveAll(demoTemplate.dir); err != nil {
			fmt.Fprintln(os.Stderr, "remove demo template:", err)
		}
	}
	os.Exit(code)
}

// demoClockStart is when the demo template's clock starts.
var demoClockStart = time.Date(2022, 11, 30, 8, 0, 0, 0, time.UTC)

func makeDemoTemplate() (string, error) {
	dir, err := os.MkdirTemp("", "kiemtra-store-demo-")
	if err != nil {
		return "", err
	}
	demoTemplate.dir = dir
	path := filepath.Join(dir, "demo.db")
	ctx := context.Background()
	c := &clock{t: demoClockStart}
	db, err := Open(ctx, path, WithClock(c.now))
	if err != nil {
		return "", err
	}
	cls, err := checklists.Builtin()
	if err == nil {
		_, err = db.AddChecklists(ctx, true, cls...)
	}
	if err == nil {
		err = db.SeedDemo(ctx)
	}
	// Closing checkpoints the WAL into the file, so the file alone is the
	// whole database.
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return path, err
}

// openDemoCopy opens a private copy of the seeded demo database, with a
// clock that goes on from the template's.
func openDemoCopy(t testing.TB) *DB {
	t.Helper()
	demoTemplate.once.Do(func() { demoTemplate.path, demoTemplate.err = makeDemoTemplate() })
	if demoTemplate.err != nil {
		t.Fatalf("demo template: %v", demoTemplate.err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	copyFileTB(t, demoTemplate.path, path)
	// The key beside it: the copy is the same device, its history signed
	// with that key.
	copyFileTB(t, strings.TrimSuffix(demoTemplate.path, ".db")+".device.key", strings.TrimSuffix(path, ".db")+".device.key")
	c := &clock{t: demoClockStart.Add(24 * time.Hour)}
	db, err := Open(context.Background(), path, WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

func copyFileTB(t testing.TB, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = in.Close() }()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
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

// demoKinds are the built-in kinds of unit.
func demoKinds(t testing.TB) []model.KindInfo {
	t.Helper()
	kinds, err := checklists.Kinds()
	if err != nil {
		t.Fatal(err)
	}
	return kinds
}

// check fails the test on an error a test step must not meet.
func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func isWindows() bool { return runtime.GOOS == "windows" }
