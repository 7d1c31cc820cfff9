package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Prepared statements for the paths that run on every keystroke's save.
// The driver prepares a statement anew for each Exec or Query, and
// preparing an INSERT into findings compiles its triggers too: that was
// two fifths of a save's CPU. A statement prepared once on the one
// connection and bound into each transaction is compiled once per
// process.

// hotQueries are prepared when the database opens: preparing later,
// inside a transaction, would wait for the one connection the
// transaction holds.
var hotQueries = []string{
	getAssessmentSQL,
	selectFindingSQL,
	upsertFindingSQL,
	lastAuditSQL,
	insertAuditSQL,
	aliasSQL,
	heldRevisionsSQL,
	recordNamesSQL,
}

// aliasSQL looks an ID up among the aliases (merge_ids.go), once for
// every record an import merges.
const aliasSQL = "SELECT canonical FROM id_aliases WHERE kind = ? AND alias = ?"

// heldRevisionsSQL reads the revisions held of a finding's names
// (heldRevisions), and recordNamesSQL a record's aliases (recordNames):
// both once for every finding an import merges.
const (
	heldRevisionsSQL = "SELECT " + auditCols + ` FROM main.audit WHERE entity = 'finding' AND revision != ''
		AND entity_id IN (SELECT value FROM json_each(?))`
	recordNamesSQL = "SELECT alias FROM main.id_aliases WHERE kind = ? AND canonical = ?"
)

// queryThrough runs query through q, through its prepared statement when q
// is a transaction holding one.
func queryThrough(ctx context.Context, q queryer, query string, args ...any) (*sql.Rows, error) {
	if t, ok := q.(*txn); ok {
		if s := t.stmts[query]; s != nil {
			return t.StmtContext(ctx, s).QueryContext(ctx, args...) //nolint:sqlclosecheck // closed with the transaction
		}
	}
	return q.QueryContext(ctx, query, args...)
}

// prepare prepares the hot queries on the connection.
func (db *DB) prepare(ctx context.Context) error {
	stmts := make(map[string]*sql.Stmt, len(hotQueries))
	for _, q := range hotQueries {
		s, err := db.sql.PrepareContext(ctx, q) //nolint:sqlclosecheck // kept open until Close (closeStmts)
		if err != nil {
			for _, p := range stmts {
				_ = p.Close() // the prepare error is the one to report
			}
			return db.openErr(err)
		}
		stmts[q] = s
	}
	db.mu.Lock()
	db.stmts = stmts
	db.mu.Unlock()
	return nil
}

// cached returns the prepared statement for query, nil if it is not one.
func (db *DB) cached(query string) *sql.Stmt {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.stmts[query]
}

// prepared returns the hot queries' statements for a transaction: the
// map is never written after prepare, only replaced.
func (db *DB) preparedStmts() map[string]*sql.Stmt {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.stmts
}

// exec runs query in the transaction, through its prepared statement if
// it has one.
func (t *txn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := t.stmts[query]; s != nil {
		return t.StmtContext(ctx, s).ExecContext(ctx, args...) //nolint:sqlclosecheck // closed with the transaction
	}
	return t.ExecContext(ctx, query, args...)
}

// queryRow runs a single-row query in the transaction, through its
// prepared statement if it has one.
func (t *txn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if s := t.stmts[query]; s != nil {
		return t.StmtContext(ctx, s).QueryRowContext(ctx, args...) //nolint:sqlclosecheck // closed with the transaction
	}
	return t.QueryRowContext(ctx, query, args...)
}

// prepared is query's statement in the transaction (prepared now if it is
// not one of the hot queries), and what to call when done with it.
func (t *txn) prepared(ctx context.Context, query string) (*sql.Stmt, func(), error) {
	if s := t.stmts[query]; s != nil {
		return t.StmtContext(ctx, s), func() {}, nil //nolint:sqlclosecheck // closed with the transaction
	}
	st, err := t.PrepareContext(ctx, query)
	if err != nil {
		return nil, nil, err
	}
	return st, func() { closeStmt(st) }, nil
}

// queryRow runs a single-row query outside any transaction.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if s := db.cached(query); s != nil { //nolint:sqlclosecheck // the cache's, closed by closeStmts
		return s.QueryRowContext(ctx, args...)
	}
	return db.sql.QueryRowContext(ctx, query, args...)
}

// closeStmts closes the cached statements (before the database).
func (db *DB) closeStmts() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	var errs []error
	for _, s := range db.stmts {
		errs = append(errs, s.Close())
	}
	db.stmts = nil
	return errors.Join(errs...)
}

// deferCheckpoints turns SQLite's automatic checkpoints off on the
// connection until the returned function runs, which checkpoints once and
// turns them back on. A read-only database has nothing to checkpoint.
func (db *DB) deferCheckpoints(ctx context.Context) (func() error, error) {
	if db.readOnly {
		return func() error { return nil }, nil
	}
	if _, err := db.sql.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0"); err != nil {
		return nil, db.translate(err)
	}
	return func() error {
		// A checkpoint that cannot finish (a reader holds an old
		// snapshot) is retried by SQLite later; its failure loses nothing.
		_, cerr := db.sql.ExecContext(context.WithoutCancel(ctx), "PRAGMA wal_checkpoint(PASSIVE)")
		_, err := db.sql.ExecContext(context.WithoutCancel(ctx), "PRAGMA wal_autocheckpoint = 1000")
		return db.translate(errors.Join(cerr, err))
	}, nil
}

// importCacheKiB is the page cache an import works with, instead of
// SQLite's default 2 MB: the audit's and the findings' indexes take each
// bundle's rows all over the tree, and with the default their pages go out
// to the log and are read back several times a bundle (about 5 % of an
// import's time at 100k findings). Twice the default keeps an import's
// peak RSS within its 64 MB there.
const importCacheKiB = 4000

// growCache gives the connection the import's page cache and returns what
// puts SQLite's default back.
func (db *DB) growCache(ctx context.Context) (func() error, error) {
	if _, err := db.sql.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", importCacheKiB)); err != nil {
		return nil, db.translate(err)
	}
	return func() error {
		_, err := db.sql.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
		return db.translate(err)
	}, nil
}
