package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// AuditEntry is one change to one record. Entries of one device form a
// hash chain (ChainHash) that bundles carry and every receiver checks.
type AuditEntry = bundle.AuditEntry

// ChainHash computes an entry's hash from its content and the hash of the
// same device's previous entry (see bundle.ChainHash).
func ChainHash(e AuditEntry) string { return bundle.ChainHash(e) }

// ErrChainBroken reports an audit chain that was altered; its params name
// the device and the entry.
var ErrChainBroken = bundle.ErrChainBroken

// appendAudit adds this device's next entry to the chain, filling ID,
// device, sequence, time and hashes.
func (t *txn) appendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	var last sql.NullInt64
	var prev sql.NullString
	err := t.queryRow(ctx, lastAuditSQL, t.device).Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("read audit chain: %w", err)
	}
	e.ID = model.NewID()
	e.Device = t.device
	e.DevSeq = last.Int64 + 1
	e.At = t.now()
	e.Actor = nfc(e.Actor)
	e.PrevHash = prev.String
	e.Hash = ChainHash(e)
	if _, err := t.exec(ctx, insertAuditSQL, auditArgs(e)...); err != nil {
		return e, fmt.Errorf("write audit: %w", err)
	}
	return e, nil
}

const lastAuditSQL = `SELECT dev_seq, hash FROM audit WHERE device = ? ORDER BY dev_seq DESC LIMIT 1`

// insertAuditSQL writes an entry as given; auditArgs are its arguments.
const insertAuditSQL = `INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action,
	old, new, revision, base_revision, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func auditArgs(e AuditEntry) []any {
	return []any{e.ID, e.Device, e.DevSeq, formatTime(e.At), e.Actor, e.Entity, e.EntityID, e.Action,
		e.Old, e.New, e.Revision, e.BaseRevision, e.PrevHash, e.Hash}
}

const auditCols = `id, device, dev_seq, at, actor, entity, entity_id, action, old, new, revision, base_revision, prev_hash, hash`

func scanAudit(sc scanner) (AuditEntry, error) {
	var e AuditEntry
	var at string
	err := sc.Scan(&e.ID, &e.Device, &e.DevSeq, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action,
		&e.Old, &e.New, &e.Revision, &e.BaseRevision, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, fmt.Errorf("read audit entry: %w", err)
	}
	e.At = parseTime(at)
	return e, nil
}

// auditEntries runs a query for auditCols and reads every entry.
func auditEntries(ctx context.Context, q queryer, query string, args ...any) ([]AuditEntry, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	defer closeRows(rows)
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	return out, nil
}

// History returns every audit entry about a record, oldest first.
func (db *DB) History(ctx context.Context, entityID string) ([]AuditEntry, error) {
	out, err := auditEntries(ctx, db.sql, "SELECT "+auditCols+" FROM audit WHERE entity_id = ? ORDER BY seq", entityID)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", db.translate(err))
	}
	return out, nil
}

// VerifyChain checks one device's audit chain as held in this database:
// sequence numbers without gaps from 1, each prev_hash equal to the previous
// entry's hash, each hash matching its content. It returns the first
// broken entry's error.
func (db *DB) VerifyChain(ctx context.Context, device string) error {
	entries, err := auditEntries(ctx, db.sql, "SELECT "+auditCols+" FROM audit WHERE device = ? ORDER BY dev_seq", device)
	if err != nil {
		return fmt.Errorf("read audit chain: %w", db.translate(err))
	}
	return VerifyEntries(entries)
}

// VerifyEntries checks a run of one device's entries, in dev_seq order (see
// bundle.VerifyEntries).
func VerifyEntries(entries []AuditEntry) error { return bundle.VerifyEntries(entries) }

func short(id string) string { return model.ShortID(id) }
