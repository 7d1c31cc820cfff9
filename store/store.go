// Package store keeps kiemtra's data in one SQLite file (modernc.org/sqlite,
// no cgo) and moves data in and out of it: plan files, demo data, bundles.
//
// Durability comes first: the database runs in WAL mode with
// synchronous=FULL, so an answer the screen shows as saved survives a power
// cut; every write is one short IMMEDIATE transaction; every change appends
// an audit row. Public methods own their transaction; unexported helpers
// take a *sql.Tx.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // the driver

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// ApplicationID is written to the database header (PRAGMA application_id)
// so the file is recognisably kiemtra's: "KTRA" in ASCII.
const ApplicationID = 0x4b545241

// busyTimeoutMS is how long a writer waits for the lock before giving up.
const busyTimeoutMS = 5000

// DB is an open kiemtra database.
type DB struct {
	sql    *sql.DB
	path   string
	device string
	now    func() time.Time
	log    *slog.Logger

	mu         sync.Mutex
	checklists map[string]*model.Checklist // "id@version" → parsed, cached
	key        *DeviceKey                  // the signing key, once loaded (keys.go)
	stmts      map[string]*sql.Stmt        // query → prepared once (stmts.go)

	// readOnly is set when the file sits on read-only media (see
	// readonly.go): it was opened without pragmas or migrations and every
	// write fails with ErrReadOnly.
	readOnly bool

	// deferCheck asks Open to leave the integrity check of a cleanly
	// closed file to CheckIntegrity (see check.go); checks are the ones
	// running, which Close stops and waits for.
	deferCheck bool
	checks     runningChecks

	// existing and demoOnly are Open's refusals (Existing, DemoOnly).
	existing, demoOnly bool

	// kinds are the kinds of unit (WithKinds), for checking visits.
	kinds []model.KindInfo
}

// Option configures Open.
type Option func(*DB)

// WithClock makes the store take "now" from f (tests).
func WithClock(f func() time.Time) Option { return func(db *DB) { db.now = f } }

// WithLogger sends the store's log lines to l.
func WithLogger(l *slog.Logger) Option { return func(db *DB) { db.log = l.With("pkg", "store") } }

// Existing makes Open refuse, with ENoDatabase and before creating
// anything (not even a folder), a path where no database exists: commands
// that only read must not leave an empty database at a mistyped path.
func Existing() Option { return func(db *DB) { db.existing = true } }

// DemoOnly makes Open refuse, with ENotDemo and before writing anything, an
// existing database that SeedDemo did not make: kiemtra demo must never
// open (and seed, or migrate) someone's real work.
func DemoOnly() Option { return func(db *DB) { db.demoOnly = true } }

// Open opens the database at path, creating it (mode 0600, parent folders
// 0700) if absent, checks it, and brings its schema up to date. It refuses,
// without changing the file, a file that is not a kiemtra database, a
// corrupt one, and one written by a newer version of kiemtra.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	db := &DB{path: path, now: time.Now, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range opts {
		o(db)
	}
	if strings.ContainsAny(path, "?#") {
		return nil, model.NewError(model.EBadPath, errors.New("the path may not contain ? or #"), path)
	}
	if db.existing {
		ok, err := Exists(path)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, model.NewError(model.ENoDatabase, nil, path)
		}
	}
	created, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	if !created {
		// A file on read-only media (write-protected card, read-only mount
		// or folder) cannot take the WAL pragma, migrations or a device ID:
		// open it as it is, for reading only (readonly.go).
		ro, err := onReadOnlyMedia(path)
		if err != nil {
			return nil, err
		}
		if ro {
			return db.openReadOnly(ctx)
		}
		// Inspect an existing file read-only first: the DSN's
		// journal_mode(WAL) would otherwise rewrite the header of a file we
		// are about to refuse.
		if err := precheck(ctx, path, db.deferCheck, db.demoOnly); err != nil {
			return nil, err
		}
	}
	useFdatasync()
	dsn := path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		fmt.Sprintf("&_pragma=busy_timeout(%d)", busyTimeoutMS) +
		"&_pragma=foreign_keys(1)&_txlock=immediate"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, translateAt(path, err))
	}
	// One connection: kiemtra has one user and one writer; a single
	// connection means no SQLITE_BUSY between our own connections and no
	// second file descriptor whose close() could drop SQLite's POSIX locks.
	sqldb.SetMaxOpenConns(1)
	sqldb.SetConnMaxLifetime(0)
	db.sql = sqldb
	for _, step := range []func(context.Context) error{db.check, db.migrate, db.ensureDevice} {
		if err := step(ctx); err != nil {
			return nil, closeAfter(err, sqldb)
		}
	}
	if err := db.prepare(ctx); err != nil {
		return nil, closeAfter(err, sqldb)
	}
	db.log.Info("opened", "path", path, "device", db.device, "created", created)
	return db, nil
}

// closeAfter closes a database that failed to open and returns err, with
// the close's own failure joined if there is one.
func closeAfter(err error, sqldb *sql.DB) error {
	if cerr := sqldb.Close(); cerr != nil {
		return errors.Join(err, fmt.Errorf("close: %w", cerr))
	}
	return err
}

// Exists reports whether path holds a database, or at least a file that
// Open would take for one: an empty file does not count (Open would set it
// up), nor does a missing folder. A path that cannot be looked at (no
// permission on its folder) is an error.
func Exists(path string) (bool, error) {
	st, err := os.Stat(path)
	switch {
	case err == nil:
		return st.IsDir() || st.Size() > 0, nil
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		return false, nil
	}
	return false, readOnlyErr(path, err)
}

// prepareFile makes sure path is either absent (then creates it empty with
// mode 0600) or an SQLite file. It reports whether it created the file.
func prepareFile(path string) (bool, error) {
	st, err := os.Stat(path)
	switch {
	case err == nil:
		if st.IsDir() {
			return false, model.NewError(model.ENotDatabase, errors.New("it is a folder"), path)
		}
		if st.Size() == 0 {
			return false, nil
		}
		head, err := readHead(path, 16)
		if err != nil {
			return false, readOnlyErr(path, err)
		}
		if !bytes.Equal(head, []byte("SQLite format 3\x00")) {
			return false, model.NewError(model.ENotDatabase, nil, path)
		}
		return false, nil
	case errors.Is(err, os.ErrNotExist):
		if err := safefile.MkdirAll(filepath.Dir(path)); err != nil {
			return false, fmt.Errorf("create folder for %s: %w", path, readOnlyErr(filepath.Dir(path), err))
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, safefile.FileMode)
		if err != nil {
			return false, fmt.Errorf("create %s: %w", path, readOnlyErr(path, err))
		}
		if err := f.Close(); err != nil {
			return false, fmt.Errorf("create %s: %w", path, safefile.Wrap(path, err))
		}
		return true, nil
	default:
		return false, readOnlyErr(path, err)
	}
}

// precheck opens an existing file read-only, with no pragmas, and refuses
// it if it is damaged, another program's, or from a newer kiemtra. Nothing
// is written to the file. With deferred set, the integrity check (a read of
// the whole file) is left to CheckIntegrity when the file was closed
// cleanly and needs no migration.
func precheck(ctx context.Context, path string, deferred, demoOnly bool) error {
	// Looked at before anything opens the file: a reader creates the log.
	unclean, err := uncleanShutdown(path)
	if err != nil {
		return err
	}
	ro, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, translateAt(path, err))
	}
	ro.SetMaxOpenConns(1)
	c := &DB{sql: ro, path: path, demoOnly: demoOnly}
	if err := c.inspect(ctx, deferred && !unclean); err != nil {
		return closeAfter(err, ro)
	}
	if err := ro.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, translateAt(path, err))
	}
	return nil
}

// inspect runs precheck's checks on the read-only handle; mayDefer leaves
// the integrity check out when the schema needs no migration.
func (db *DB) inspect(ctx context.Context, mayDefer bool) error {
	ro, path := db.sql, db.path
	var appID int64
	if err := ro.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return db.openErr(err)
	}
	if appID != ApplicationID {
		var n int
		if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return db.openErr(err)
		}
		if appID != 0 || n > 0 {
			return model.NewError(model.ENotDatabase, fmt.Errorf("application_id %#x, %d tables", appID, n), path)
		}
	}
	var have int
	err := ro.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have)
	if err != nil && appID == ApplicationID {
		return db.openErr(err)
	}
	known := SchemaVersion()
	if !mayDefer || have != known || appID != ApplicationID {
		if err := db.quickCheck(ctx); err != nil {
			return err
		}
	}
	if have > known {
		return tooNew(path, have, known)
	}
	if db.demoOnly && appID == ApplicationID {
		return db.checkDemo(ctx)
	}
	return nil
}

// fileURI turns a path into an SQLite file: URI (forward slashes; a
// Windows drive path gets the leading slash URIs need).
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if len(p) >= 2 && p[1] == ':' {
		p = "/" + p
	}
	p = strings.ReplaceAll(p, "%", "%25")
	if strings.HasPrefix(p, "/") {
		return "file://" + p
	}
	return "file:" + p
}

// tooNew refuses a database whose schema is newer than this build's.
func tooNew(path string, have, known int) error {
	return model.NewError(model.ETooNew, fmt.Errorf("schema %d, this version knows %d", have, known), path)
}

// check reads the pragmas back (refusing to run if they did not take) and
// verifies the application ID. The integrity check of an existing file
// was precheck's, before anything could write to it; a file just created
// is empty.
func (db *DB) check(ctx context.Context) error {
	var mode string
	if err := db.sql.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return db.openErr(err)
	}
	var syncMode, fk, busy int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&syncMode); err != nil {
		return db.openErr(err)
	}
	if err := db.sql.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		return db.openErr(err)
	}
	if err := db.sql.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
		return db.openErr(err)
	}
	if mode != "wal" || syncMode != 2 || fk != 1 || busy != busyTimeoutMS {
		return model.NewError(model.EPragmas, fmt.Errorf("journal_mode=%s synchronous=%d foreign_keys=%d busy_timeout=%d",
			mode, syncMode, fk, busy), db.path)
	}
	var appID int64
	if err := db.sql.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return db.openErr(err)
	}
	switch appID {
	case ApplicationID:
		return nil
	case 0:
		var n int
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return db.openErr(err)
		}
		if n > 0 {
			return model.NewError(model.ENotDatabase, errors.New("it holds another program's tables"), db.path)
		}
		if _, err := db.sql.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return db.openErr(err)
		}
		return nil
	default:
		return model.NewError(model.ENotDatabase, fmt.Errorf("application_id %#x", appID), db.path)
	}
}

// quickCheck runs PRAGMA quick_check and refuses a damaged file, naming it
// and the first problems SQLite found.
func (db *DB) quickCheck(ctx context.Context) error {
	rows, err := db.sql.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return db.openErr(err)
	}
	defer closeRows(rows)
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return db.openErr(err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return db.openErr(err)
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = problems[:3]
		}
		return model.NewError(model.ECorrupt, errors.New(strings.Join(problems, "; ")), db.path)
	}
	return nil
}

func (db *DB) openErr(err error) error {
	return fmt.Errorf("open %s: %w", db.path, db.translate(err))
}

// Close closes the database. The WAL is checkpointed by SQLite on the last
// close.
func (db *DB) Close() error {
	db.checks.stop()
	serr := db.closeStmts()
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close %s: %w", db.path, db.translate(err))
	}
	if serr != nil {
		return fmt.Errorf("close %s: %w", db.path, serr)
	}
	return nil
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Device returns this database's device ID, made on first open.
func (db *DB) Device() string { return db.device }

// SQL exposes the handle to the store's own sibling files and tests.
func (db *DB) SQL() *sql.DB { return db.sql }

// Now returns the store's clock reading in UTC.
func (db *DB) Now() time.Time { return db.now().UTC() }
