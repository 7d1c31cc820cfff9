package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// AuditEntry is one change to one record. Entries of one device form a
// hash chain (ChainHash) that bundles carry and every receiver checks;
// each is signed by its device when it is made.
type AuditEntry = bundle.AuditEntry

// ChainHash computes an entry's hash from its content and the hash of the
// same device's previous entry (see bundle.ChainHash).
func ChainHash(e AuditEntry) string { return bundle.ChainHash(e) }

// ErrChainBroken reports an audit chain that was altered; its params name
// the device and the entry.
var ErrChainBroken = bundle.ErrChainBroken

// recordTables names the table of each kind of record that has revisions.
var recordTables = map[string]string{"inspection": "inspections", "unit": "units", "assessment": "assessments"}

// appendAudit adds this device's next entry to the chain, filling ID,
// device, sequence, time (unless given), hashes and signature. An entry
// about an inspection, unit or assessment that records its new state is a
// revision of that record: it is named, made on the revision the record
// showed, and the record now shows it. A finding revision records the
// assessment revision it was saved under; a finalized assessment's
// revision records its seal (each item's finding revision), so the
// signed record can be told from changes made without knowing of it.
func (t *txn) appendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	key, err := t.key(ctx, t)
	if err != nil {
		return e, fmt.Errorf("write audit: %w", err)
	}
	var last sql.NullInt64
	var prev sql.NullString
	err = t.queryRow(ctx, lastAuditSQL, t.device).Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("read audit chain: %w", err)
	}
	e.ID = model.NewID()
	e.Device = t.device
	e.DevSeq = last.Int64 + 1
	if e.At.IsZero() {
		e.At = t.now()
	}
	e.Actor = nfc(e.Actor)
	e.PrevHash = prev.String
	table := ""
	switch e.Entity {
	case "finding":
		if e.Revision != "" {
			if e.New, err = t.withAssessmentRevision(ctx, e.New); err != nil {
				return e, err
			}
		}
	default:
		if table, err = t.recordRevision(ctx, &e); err != nil {
			return e, err
		}
	}
	e.Hash = ChainHash(e)
	bundle.SignEntry(key, &e)
	if _, err := t.exec(ctx, insertAuditSQL, auditArgs(e)...); err != nil {
		return e, fmt.Errorf("write audit: %w", err)
	}
	if table != "" {
		if _, err := t.ExecContext(ctx, "UPDATE "+table+" SET revision = ? WHERE id = ?", e.Revision, e.EntityID); err != nil {
			return e, fmt.Errorf("write %s revision: %w", e.Entity, err)
		}
	}
	return e, nil
}

// recordRevision names e's revision if e records a new state of a record
// with revisions, and returns the record's table ("" if e is no revision).
func (t *txn) recordRevision(ctx context.Context, e *AuditEntry) (string, error) {
	table, ok := recordTables[e.Entity]
	if !ok {
		return "", nil
	}
	if _, ok, err := bundle.RecordRevisionOf(*e); err != nil || !ok {
		return "", err
	}
	if e.Entity == "assessment" {
		var err error
		if e.New, err = t.withSeal(ctx, e.EntityID, e.New); err != nil {
			return "", err
		}
	}
	var base string
	err := t.QueryRowContext(ctx, "SELECT revision FROM "+table+" WHERE id = ?", e.EntityID).Scan(&base)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read %s revision: %w", e.Entity, err)
	}
	rr, _, err := bundle.RecordRevisionOf(*e)
	if err != nil {
		return "", err
	}
	e.BaseRevision = base
	e.Revision = model.RecordRevisionID(e.Entity, e.EntityID, base, rr.Body)
	return table, nil
}

// withSeal adds to a finalized assessment's JSON its seal: the revision of
// each of its findings now, and the evidence files attached now.
func (t *txn) withSeal(ctx context.Context, assessmentID, js string) (string, error) {
	var a model.Assessment
	if err := jsonUnmarshal(js, &a); err != nil || a.Status != model.StatusFinalized {
		return js, err
	}
	rows, err := t.QueryContext(ctx, "SELECT item_code, revision FROM findings WHERE assessment_id = ? ORDER BY item_code", assessmentID)
	if err != nil {
		return js, fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	seal := model.Seal{}
	for rows.Next() {
		var item, rev string
		if err := rows.Scan(&item, &rev); err != nil {
			return js, fmt.Errorf("read findings: %w", err)
		}
		seal[item] = rev
	}
	if err := rows.Err(); err != nil {
		return js, fmt.Errorf("read findings: %w", err)
	}
	// The files live now are sealed too (an empty list: none were), so a
	// file attached or removed elsewhere waits for a reopening.
	files, err := stringsOf(ctx, t, "SELECT id FROM attachments WHERE assessment_id = ? AND removed = 0 ORDER BY id", assessmentID)
	if err != nil {
		return js, fmt.Errorf("read evidence: %w", err)
	}
	if files == nil {
		files = []string{}
	}
	return withKey(withKey(js, "sealed", seal), "sealed_files", files), nil
}

// withAssessmentRevision adds to a finding revision's JSON the revision of
// its assessment it is saved under.
func (t *txn) withAssessmentRevision(ctx context.Context, js string) (string, error) {
	var f model.Finding
	if err := jsonUnmarshal(js, &f); err != nil {
		return js, err
	}
	var rev string
	err := t.QueryRowContext(ctx, "SELECT revision FROM assessments WHERE id = ?", f.AssessmentID).Scan(&rev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return js, fmt.Errorf("read assessment revision: %w", err)
	}
	if rev == "" {
		return js, nil
	}
	return withKey(js, "assessment_revision", rev), nil
}

// withKey adds key: value to a JSON object written by jsonOf, keeping the
// rest exactly as it was written.
func withKey(obj, key string, value any) string {
	body := strings.TrimSuffix(strings.TrimSpace(obj), "}")
	sep := ","
	if strings.TrimSpace(body) == "{" {
		sep = ""
	}
	return body + sep + jsonOf(key) + ":" + jsonOf(value) + "}"
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

const lastAuditSQL = `SELECT dev_seq, hash FROM audit WHERE device = ? ORDER BY dev_seq DESC LIMIT 1`

// insertAuditSQL writes an entry as given; auditArgs are its arguments.
const insertAuditSQL = `INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action,
	old, new, revision, base_revision, prev_hash, hash, sig) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func auditArgs(e AuditEntry) []any {
	return []any{e.ID, e.Device, e.DevSeq, formatTime(e.At), e.Actor, e.Entity, e.EntityID, e.Action,
		e.Old, e.New, e.Revision, e.BaseRevision, e.PrevHash, e.Hash, e.Sig}
}

const auditCols = `id, device, dev_seq, at, actor, entity, entity_id, action, old, new, revision, base_revision, prev_hash, hash, sig`

func scanAudit(sc scanner) (AuditEntry, error) {
	var e AuditEntry
	var at string
	err := sc.Scan(&e.ID, &e.Device, &e.DevSeq, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action,
		&e.Old, &e.New, &e.Revision, &e.BaseRevision, &e.PrevHash, &e.Hash, &e.Sig)
	if err != nil {
		return e, fmt.Errorf("read audit entry: %w", err)
	}
	e.At = parseTime(at)
	return e, nil
}

// auditEntries runs a query for auditCols and reads every entry.
func auditEntries(ctx context.Context, q queryer, query string, args ...any) ([]AuditEntry, error) {
	rows, err := queryThrough(ctx, q, query, args...)
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
