package store

// Read-only media. Inspectors carry databases on write-protected SD cards,
// read-only network shares and folders they may not write; Sở Nội vụ keeps
// last year's files on read-only archives. Such a file must open for reading
// without error, and any attempt to change it must say clearly why it
// cannot.
//
// SQLite cannot open a WAL database in a folder it may not write in the
// usual way: it needs to create the -shm (and -wal) files beside it, and
// fails with SQLITE_CANTOPEN even with mode=ro (measured). A file opened with immutable=1 is
// read without those files and without locks, which is right exactly when
// nobody can write it — as on read-only media. A write then fails with
// SQLITE_READONLY, which translate turns into ErrReadOnly.
//
// A read-only open changes nothing: no journal-mode pragma, no migration,
// no device ID. A file whose schema is older than this build would need a
// migration, so it is refused rather than misread.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

var (
	// ErrReadOnlyOutdated: a database on read-only media was written by an
	// older kiemtra and would need its schema updated, which cannot be
	// written there. It also matches ErrReadOnly.
	ErrReadOnlyOutdated = &model.Error{Code: model.EReadOnlyOutdated}
	// ErrReadOnlyUnclean: a database on read-only media still has a
	// write-ahead log (kiemtra was not closed cleanly before the media was
	// made read-only) that SQLite can only read from a writable folder. It
	// also matches ErrReadOnly.
	ErrReadOnlyUnclean = &model.Error{Code: model.EReadOnlyUnclean}
)

// ReadOnly reports whether the database was opened read-only because its
// file or folder cannot be written. Every write method then fails with
// ErrReadOnly; reads work.
func (db *DB) ReadOnly() bool { return db.readOnly }

// isReadOnlyErr reports whether a filesystem error means "you may not write
// here": a read-only filesystem or missing write permission.
func isReadOnlyErr(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, os.ErrPermission)
}

// readOnlyErr gives a file-system error met at path its model code: one
// that means the place cannot be written is EReadOnly (a folder the user
// may not write in is, for the database, read-only media); others are
// classified by safefile.Wrap.
func readOnlyErr(path string, err error) error {
	if err != nil && isReadOnlyErr(err) {
		return model.NewError(model.EReadOnly, err, path)
	}
	return safefile.Wrap(path, err)
}

// onReadOnlyMedia reports whether the existing database file at path, or
// the folder holding it, cannot be written. SQLite needs both: the file for
// the data, the folder for the -wal and -shm files. Root is not stopped by
// permissions, only by a read-only filesystem, which the probes see too.
func onReadOnlyMedia(path string) (bool, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if isReadOnlyErr(err) {
			return true, nil
		}
		return false, fmt.Errorf("open %s: %w", path, safefile.Wrap(path, err))
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("open %s: %w", path, safefile.Wrap(path, err))
	}
	// If the -wal and -shm files are already there, SQLite needs to create
	// nothing; otherwise probe the folder with a file of our own.
	if exists(path+"-wal") && exists(path+"-shm") {
		return false, nil
	}
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".kiemtra-probe-*")
	if err != nil {
		if isReadOnlyErr(err) {
			return true, nil
		}
		return false, fmt.Errorf("write in the folder of %s: %w", path, safefile.Wrap(dir, err))
	}
	if err := errors.Join(probe.Close(), os.Remove(probe.Name())); err != nil {
		return false, fmt.Errorf("write in the folder of %s: %w", path, safefile.Wrap(dir, err))
	}
	return false, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// openReadOnly opens db.path for reading only and checks it like precheck
// does (application ID, quick_check, schema version), without writing.
func (db *DB) openReadOnly(ctx context.Context) (*DB, error) {
	dsn := fileURI(db.path) + "?mode=ro&immutable=1"
	if st, err := os.Stat(db.path + "-wal"); err == nil && st.Size() > 0 {
		// Committed answers may still be in the log: immutable=1 would
		// ignore it and show stale data. Plain mode=ro reads it when the
		// -shm file exists (SQLite 3.22+); otherwise refuse, saying how to
		// get at the data.
		dsn = fileURI(db.path) + fmt.Sprintf("?mode=ro&_pragma=busy_timeout(%d)", busyTimeoutMS)
	}
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", db.path, db.translate(err))
	}
	sqldb.SetMaxOpenConns(1)
	sqldb.SetConnMaxLifetime(0)
	db.sql, db.readOnly = sqldb, true
	if err := db.checkReadOnly(ctx); err != nil {
		return nil, closeAfter(err, sqldb)
	}
	db.log.Info("opened read-only", "path", db.path, "device", db.device)
	return db, nil
}

func (db *DB) checkReadOnly(ctx context.Context) error {
	var appID int64
	if err := db.sql.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		if sqliteCode(err) == sqlite3.SQLITE_CANTOPEN { // the log needs a writable folder
			return model.NewError(model.EReadOnlyUnclean, fmt.Errorf("copy the .db, -wal and -shm files to a writable folder: %w: %w",
				ErrReadOnly, err), db.path)
		}
		return db.openErr(err)
	}
	var tables int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return db.openErr(err)
	}
	switch {
	case appID == 0 && tables == 0:
		return model.NewError(model.EReadOnly, errors.New("the file is empty and cannot be set up on read-only media"), db.path)
	case appID != ApplicationID:
		return model.NewError(model.ENotDatabase, fmt.Errorf("application_id %#x, %d tables", appID, tables), db.path)
	}
	if err := db.quickCheck(ctx); err != nil {
		return err
	}
	var have int
	if err := db.sql.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return db.openErr(err)
	}
	switch known := SchemaVersion(); {
	case have > known:
		return tooNew(db.path, have, known)
	case have < known:
		return model.NewError(model.EReadOnlyOutdated, fmt.Errorf("%w: schema %d, this version needs %d",
			ErrReadOnly, have, known), db.path)
	}
	id, err := db.Setting(ctx, SettingDevice)
	if err != nil {
		return err
	}
	db.device = id
	return nil
}
