package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"kiemtra/model"
)

// This file holds what the records kept as revisions in a body column
// share (migration 007: follow_ups, fix_reports, self_scores): the stamp
// of a new revision, its audit entry, and reading a row's body. Each save
// names the revision it was based on, as a finding's does, so a change
// made on another laptop in between is never overwritten (ErrStale) and
// bundles can merge them by model.MergeRevisions.

// newStamp is this device's next revision of a record whose current
// revision is base.
func (t *txn) newStamp(actor, base string) model.Stamp {
	return model.Stamp{UpdatedBy: actor, UpdatedAt: t.now(), Device: t.device, Revision: model.NewID(), BaseRevision: base}
}

// auditRevision appends the audit entry of a record's new revision rec
// (its JSON is the entry's new value; old is the previous one's, "" for a
// first revision).
func (t *txn) auditRevision(ctx context.Context, rec model.Revisioned, old string) error {
	st := rec.RecordStamp()
	action := "save"
	if len(st.Merged) > 0 {
		action = "resolve"
	}
	_, err := t.appendAudit(ctx, AuditEntry{Actor: st.UpdatedBy, Entity: rec.RecordKind(), EntityID: rec.RecordID(),
		Action: action, Old: old, New: jsonOf(rec), Revision: st.Revision, BaseRevision: st.BaseRevision})
	return err
}

// checkBase says whether a save based on revision base may go on top of
// the current revision cur ("" when nothing is held): ErrStale otherwise.
func checkBase(base, cur string) error {
	if base != cur {
		return ErrStale
	}
	return nil
}

// actorName is who saves, as kept: NFC, trimmed; an empty name is refused.
func actorName(actor, what string) (string, error) {
	a := nfc(strings.TrimSpace(actor))
	if a == "" {
		return "", fmt.Errorf("save %s: %w", what, invalid("updated_by"))
	}
	return a, nil
}

// bodyOf reads the body column of one row into v; found is false when
// there is no row.
func bodyOf(row *sql.Row, v any) (found bool, err error) {
	var body string
	if err := row.Scan(&body); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		return false, err
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		return true, fmt.Errorf("decode record: %w", err)
	}
	return true, nil
}

// bodies runs a query returning one body column and decodes every row
// with add.
func bodies[T any](ctx context.Context, q queryer, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer closeRows(rows)
	var out []T
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			return nil, fmt.Errorf("decode record: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// findingCanon maps every finding ID held as an alias to the ID the
// finding is kept under (id_aliases), so a follow-up or a report made
// under either ID finds the one recommendation.
func findingCanon(ctx context.Context, q queryer) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT alias, canonical FROM id_aliases WHERE kind = 'finding'")
	if err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	defer closeRows(rows)
	out := map[string]string{}
	for rows.Next() {
		var a, c string
		if err := rows.Scan(&a, &c); err != nil {
			return nil, fmt.Errorf("read aliases: %w", err)
		}
		out[a] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	return out, nil
}

// decodeBody reads a body column into v.
func decodeBody(body string, v any) error {
	if err := json.Unmarshal([]byte(body), v); err != nil {
		return fmt.Errorf("decode record: %w", err)
	}
	return nil
}
