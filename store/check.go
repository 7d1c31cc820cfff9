package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

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
