package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"kiemtra/model"
)

// AuditEntry is one change to one record.
type AuditEntry struct {
	ID           string    `json:"id"`
	Device       string    `json:"device"`
	DevSeq       int64     `json:"dev_seq"`
	At           time.Time `json:"at"`
	Actor        string    `json:"actor"`
	Entity       string    `json:"entity"` // "finding", "assessment", "inspection", "unit"
	EntityID     string    `json:"entity_id"`
	Action       string    `json:"action"` // "save", "finalize", "reopen", "create", "import", "resolve"
	Old          string    `json:"old"`    // JSON of the previous state, "" if none
	New          string    `json:"new"`    // JSON of the new state
	Revision     string    `json:"revision,omitempty"`
	BaseRevision string    `json:"base_revision,omitempty"`
	PrevHash     string    `json:"prev_hash"`
	Hash         string    `json:"hash"`
}

// ChainHash computes an entry's hash from its content and the hash of the
// same device's previous entry. Every field a forger could change (time,
// actor, values) is covered, each length-prefixed so fields cannot be
// shifted into each other.
func ChainHash(e AuditEntry) string {
	h := sha256.New()
	for _, s := range []string{
		e.ID, e.Device, strconv.FormatInt(e.DevSeq, 10), formatTime(e.At), e.Actor, e.Entity,
		e.EntityID, e.Action, e.Old, e.New, e.Revision, e.BaseRevision, e.PrevHash,
	} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// appendAudit adds this device's next entry to the chain, filling ID,
// device, sequence, time and hashes.
func (db *DB) appendAudit(ctx context.Context, tx *sql.Tx, e AuditEntry) (AuditEntry, error) {
	var last sql.NullInt64
	var prev sql.NullString
	err := db.txQueryRow(ctx, tx, lastAuditSQL, db.device).Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("read audit chain: %w", err)
	}
	e.ID = model.NewID()
	e.Device = db.device
	e.DevSeq = last.Int64 + 1
	e.At = db.Now()
	e.Actor = nfc(e.Actor)
	e.PrevHash = prev.String
	e.Hash = ChainHash(e)
	if _, err := db.txExec(ctx, tx, insertAuditSQL, auditArgs(e)...); err != nil {
		return e, fmt.Errorf("write audit: %w", err)
	}
	return e, nil
}

const lastAuditSQL = `SELECT dev_seq, hash FROM audit WHERE device = ? ORDER BY dev_seq DESC LIMIT 1`

const insertAuditSQL = `INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action,
		old, new, revision, base_revision, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func auditArgs(e AuditEntry) []any {
	return []any{e.ID, e.Device, e.DevSeq, formatTime(e.At), e.Actor, e.Entity, e.EntityID, e.Action,
		e.Old, e.New, e.Revision, e.BaseRevision, e.PrevHash, e.Hash}
}

const auditCols = `id, device, dev_seq, at, actor, entity, entity_id, action, old, new, revision, base_revision, prev_hash, hash`

func scanAudit(sc interface{ Scan(...any) error }) (AuditEntry, error) {
	var e AuditEntry
	var at string
	err := sc.Scan(&e.ID, &e.Device, &e.DevSeq, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action,
		&e.Old, &e.New, &e.Revision, &e.BaseRevision, &e.PrevHash, &e.Hash)
	e.At = parseTime(at)
	return e, err
}

// History returns every audit entry about a record, oldest first.
func (db *DB) History(ctx context.Context, entityID string) ([]AuditEntry, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+auditCols+" FROM audit WHERE entity_id = ? ORDER BY seq", entityID)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", translate(err))
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyChain checks one device's audit chain as held in this database:
// sequence numbers without gaps from 1, each prev_hash equal to the previous
// entry's hash, each hash matching its content. It returns the first
// broken entry's error.
func (db *DB) VerifyChain(ctx context.Context, device string) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+auditCols+" FROM audit WHERE device = ? ORDER BY dev_seq", device)
	if err != nil {
		return fmt.Errorf("read audit chain: %w", translate(err))
	}
	defer rows.Close()
	var entries []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return fmt.Errorf("read audit chain: %w", err)
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read audit chain: %w", err)
	}
	return VerifyEntries(entries)
}

// ErrChainBroken reports an audit chain that was altered.
var ErrChainBroken = &model.Error{Code: model.EChainBroken}

// VerifyEntries checks a run of one device's entries, in dev_seq order. The
// run need not start at 1 (a bundle may carry a suffix), but must be
// contiguous and each link must hold.
func VerifyEntries(entries []AuditEntry) error {
	for i, e := range entries {
		if ChainHash(e) != e.Hash {
			return fmt.Errorf("%w: entry %d of device %s does not match its hash", ErrChainBroken, e.DevSeq, short(e.Device))
		}
		if i > 0 {
			p := entries[i-1]
			if e.DevSeq != p.DevSeq+1 || e.PrevHash != p.Hash || e.Device != p.Device {
				return fmt.Errorf("%w: entry %d of device %s does not follow entry %d", ErrChainBroken, e.DevSeq, short(e.Device), p.DevSeq)
			}
			if e.At.Before(p.At.Add(-time.Minute)) {
				return fmt.Errorf("%w: entry %d of device %s is dated before the entry it follows", ErrChainBroken, e.DevSeq, short(e.Device))
			}
		} else if e.DevSeq == 1 && e.PrevHash != "" {
			return fmt.Errorf("%w: first entry of device %s names a predecessor", ErrChainBroken, short(e.Device))
		}
	}
	return nil
}

func short(id string) string { return model.ShortID(id) }
