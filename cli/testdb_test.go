package cli

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Tests get their own database file, copied from a template made once per
// test binary: an empty database (the built-in checklists recorded) or the
// demo. Copying a file is far cheaper than migrating and seeding, and tests
// that never share a file can run in parallel.

type template struct {
	once sync.Once
	path string
	err  error
}

var (
	emptyTemplate, demoTemplate template
	templateDir                 string
	templateDirOnce             sync.Once
	templateDirErr              error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if templateDir != "" {
		if err := os.RemoveAll(templateDir); err != nil {
			code = max(code, 1)
		}
	}
	os.Exit(code)
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// copy creates the template with fill the first time, and copies it for t.
func (tp *template) copy(t *testing.T, name string, fill func(path string) error) string {
	t.Helper()
	tp.once.Do(func() {
		templateDirOnce.Do(func() { templateDir, templateDirErr = os.MkdirTemp("", "kiemtra-cli-test-") })
		if tp.err = templateDirErr; tp.err != nil {
			return
		}
		tp.path = filepath.Join(templateDir, name)
		tp.err = fill(tp.path)
	})
	if tp.err != nil {
		t.Fatal(tp.err)
	}
	to := filepath.Join(t.TempDir(), name)
	if err := copyDB(tp.path, to); err != nil {
		t.Fatal(err)
	}
	return to
}

// copyDB copies a closed database, with the write-ahead log if one was
// left beside it.
func copyDB(from, to string) error {
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(to+suffix, b, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// emptyCopy gives the test its own copy of an empty database (the built-in
// checklists recorded, nothing else).
func emptyCopy(t *testing.T) string {
	t.Helper()
	return emptyTemplate.copy(t, "k.db", func(path string) error {
		db, err := OpenDB(context.Background(), path, discardLog())
		if err != nil {
			return err
		}
		return db.Close()
	})
}

// demoCopy gives the test its own copy of the demo database.
func demoCopy(t *testing.T) string {
	t.Helper()
	return demoTemplate.copy(t, "demo.db", func(path string) error {
		created, err := DemoDB(context.Background(), path, discardLog())
		if err == nil && !created {
			err = errors.New("DemoDB on a fresh path says it created nothing")
		}
		return err
	})
}
