package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The store has one connection (SetMaxOpenConns(1)) and IMMEDIATE write
// transactions. While a transaction holds that connection, a query through
// the pool (db.sql) waits for it until the context ends: a deadlock that
// looks like a hang. So code that runs inside a transaction never sees the
// DB: it is a method of txn, or takes a queryer, and the transaction is all
// it can reach.

// queryer is what read helpers take: a transaction (*sql.Tx, *txn), or the
// pool when no transaction is open.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txn is one write transaction with what code inside it may use besides:
// the device ID and the clock. It has no way to the pool.
type txn struct {
	*sql.Tx
	device string
	clock  func() time.Time
	// key gives the device's signing key to code that appends audit
	// entries, loading (or making) it through this transaction.
	key func(ctx context.Context, t *txn) (*DeviceKey, error)
	// stmts are the statements prepared when the database opened
	// (stmts.go), bound into the transaction where they are used.
	stmts map[string]*sql.Stmt
}

// now is the store's clock reading in UTC.
func (t *txn) now() time.Time { return t.clock().UTC() }

// tx runs f in one IMMEDIATE transaction (the DSN's _txlock), committing if
// f returns nil. SQLite failures come back with model codes (translate).
func (db *DB) tx(ctx context.Context, f func(*txn) error) error {
	t, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return db.translate(fmt.Errorf("begin: %w", err))
	}
	if err := f(&txn{Tx: t, device: db.device, clock: db.now, key: db.keyIn, stmts: db.preparedStmts()}); err != nil {
		return db.translate(withRollback(err, t))
	}
	if err := t.Commit(); err != nil {
		return db.translate(withRollback(fmt.Errorf("commit: %w", err), t))
	}
	return nil
}

// read runs f in one read transaction, so everything f reads is one state
// of the database even if a write commits meanwhile.
func (db *DB) read(ctx context.Context, f func(q queryer) error) error {
	t, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return db.translate(fmt.Errorf("begin read: %w", err))
	}
	if err := f(t); err != nil {
		return db.translate(withRollback(err, t))
	}
	if err := t.Rollback(); err != nil {
		return db.translate(fmt.Errorf("end read: %w", err))
	}
	return nil
}

// withRollback ends a failed transaction and returns err, joined with the
// rollback's own failure if there is one (that it was already over is no
// news).
func withRollback(err error, t *sql.Tx) error {
	if rerr := t.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
		return errors.Join(err, fmt.Errorf("rollback: %w", rerr))
	}
	return err
}

// closeRows closes rows whose loop has ended. Its error is the one
// rows.Err already reported, which every loop checks.
func closeRows(rows *sql.Rows) { _ = rows.Close() }

// closeStmt closes a prepared statement whose work is done or failed; a
// failure to close it changes nothing the transaction reports.
func closeStmt(st *sql.Stmt) { _ = st.Close() }
