package store

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// Errors the store returns; test with errors.Is. Each matches every error
// of its model code, whatever params and cause it carries, so callers
// never look at an error's text.
var (
	ErrNotDatabase = &model.Error{Code: model.ENotDatabase}
	ErrCorrupt     = &model.Error{Code: model.ECorrupt}
	ErrTooNew      = &model.Error{Code: model.ETooNew}
	ErrPragmas     = &model.Error{Code: model.EPragmas}
	ErrDiskFull    = &model.Error{Code: model.EDiskFull}
	ErrReadOnly    = &model.Error{Code: model.EReadOnly}
	ErrBusy        = &model.Error{Code: model.EBusy}
	ErrBadPath     = &model.Error{Code: model.EBadPath}
)

// translate gives an SQLite failure the model code a person understands,
// with the database file as its param; the driver's error stays behind it
// for the log. Errors that already have a code, and SQLite errors no
// person can act on (a constraint, a misuse), pass unchanged.
func (db *DB) translate(err error) error { return translateAt(db.path, err) }

func translateAt(path string, err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	var code model.Code
	// The primary result code is the low byte of an extended one.
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL:
		code = model.EDiskFull
	case sqlite3.SQLITE_READONLY:
		code = model.EReadOnly
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		code = model.ECorrupt
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		code = model.EBusy
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
		// On a disk with no space at all SQLite fails before it can say
		// SQLITE_FULL: it cannot size its -shm file (SQLITE_IOERR_SHMSIZE)
		// or create its -wal; even a command that only reads meets that.
		// It is the full disk when the disk is full; else a real I/O
		// error, which no person can act on by name.
		if !safefile.Full(path) {
			return err
		}
		code = model.EDiskFull
	default:
		return err
	}
	return model.NewError(code, err, path)
}

// sqliteCode is the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}
