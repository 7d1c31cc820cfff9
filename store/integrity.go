package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sync"

	"modernc.org/sqlite"

	"kiemtra/model"
)

// DeferCheck makes Open skip the integrity check (PRAGMA quick_check, a
// read of the whole file) of a file that was closed cleanly and needs no
// migration; the caller runs CheckIntegrity soon after, while the person
// already sees the app, and shows its result. A file whose last session
// did not end cleanly (its write-ahead log is still there: a crash, a
// kill, a power cut, or another program holding it open) is checked by
// Open before anything is written, as without the option, and so is one
// about to be migrated.
func DeferCheck() Option { return func(db *DB) { db.deferCheck = true } }

// uncleanShutdown reports whether the database's write-ahead log exists:
// SQLite removes it when the last connection closes cleanly.
func uncleanShutdown(path string) (bool, error) {
	_, err := os.Lstat(path + "-wal")
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("%s-wal: %w", path, err)
	}
}

// CheckIntegrity runs PRAGMA quick_check over the whole database on a
// connection of its own, read-only, so the app stays responsive while it
// reads; it returns ErrCorrupt, naming the first problems, for a damaged
// file.
func (db *DB) CheckIntegrity(ctx context.Context) error {
	if db.readOnly {
		return nil // openReadOnly has checked it
	}
	ctx, done, ok := db.checks.start(ctx)
	if !ok {
		return fmt.Errorf("check %s: %w", db.path, context.Canceled)
	}
	defer done()
	ro, err := sql.Open("sqlite", fileURI(db.path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("check %s: %w", db.path, err)
	}
	ro.SetMaxOpenConns(1)
	c := &DB{sql: ro, path: db.path}
	err = c.quickCheck(ctx)
	if cerr := ro.Close(); err == nil && cerr != nil {
		return fmt.Errorf("check %s: %w", db.path, cerr)
	}
	if errors.Is(err, ErrCorrupt) {
		// The file is named in the message the person reads.
		return model.NewError(model.ECorrupt, err, db.path)
	}
	return err
}

// useFdatasync makes SQLite commit with fdatasync(2) where the driver
// offers it (Linux and the BSDs): it writes the data and the size, all a
// commit needs to be read back after a power cut, without the timestamp
// update that fsync(2) forces through the file system's journal. It is
// what SQLite's own builds do on Linux; the durability of synchronous=FULL
// is the same. Elsewhere (macOS's F_FULLFSYNC, Windows) nothing changes.
func useFdatasync() {
	// ErrFdatasyncUnavailable only says the platform syncs its own way.
	_, _ = sqlite.Fdatasync(true)
}

// runningChecks are the integrity checks under way. Close stops them and
// waits until their connections are closed: SQLite removes the
// write-ahead log when the last connection to the file closes, and a
// check still reading when the app quits would otherwise leave it behind,
// so the next start would take a clean quit for a crash and check at open.
type runningChecks struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	cancels map[int]context.CancelFunc
	next    int
	stopped bool
}

// start registers a check; ok is false once the database is closing.
func (r *runningChecks) start(ctx context.Context) (context.Context, func(), bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return ctx, nil, false
	}
	ctx, cancel := context.WithCancel(ctx)
	if r.cancels == nil {
		r.cancels = map[int]context.CancelFunc{}
	}
	id := r.next
	r.next++
	r.cancels[id] = cancel
	r.wg.Add(1)
	return ctx, func() {
		r.mu.Lock()
		delete(r.cancels, id)
		r.mu.Unlock()
		cancel()
		r.wg.Done()
	}, true
}

// stop cancels the running checks and waits for them to end.
func (r *runningChecks) stop() {
	r.mu.Lock()
	r.stopped = true
	for _, cancel := range r.cancels {
		cancel()
	}
	r.mu.Unlock()
	r.wg.Wait()
}
