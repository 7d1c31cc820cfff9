package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A record created separately on two laptops has two IDs. The merge keeps
// the smaller ID everywhere (the same choice in every database, whatever
// the order of imports) and records the other in id_aliases, so history
// and later bundles under either ID find the one record.

// canon returns the ID a record is kept under.
func (t *txn) canon(ctx context.Context, kind, id string) (string, error) {
	var c string
	err := t.queryRow(ctx, aliasSQL, kind, id).Scan(&c)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return id, nil
	case err != nil:
		return "", fmt.Errorf("read aliases: %w", err)
	}
	return c, nil
}

// unifyIDs makes a and b one record, kept under the smaller ID, and
// returns the kept ID.
func (t *txn) unifyIDs(ctx context.Context, kind, a, b string) (string, error) {
	ca, err := t.canon(ctx, kind, a)
	if err != nil {
		return "", err
	}
	cb, err := t.canon(ctx, kind, b)
	if err != nil {
		return "", err
	}
	if ca == cb {
		return ca, nil
	}
	keep, drop := ca, cb
	if drop < keep {
		keep, drop = drop, keep
	}
	if err := t.rekey(ctx, kind, drop, keep); err != nil {
		return "", err
	}
	if _, err := t.ExecContext(ctx, "UPDATE id_aliases SET canonical = ? WHERE kind = ? AND canonical = ?", keep, kind, drop); err != nil {
		return "", fmt.Errorf("write aliases: %w", err)
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO id_aliases(kind, alias, canonical) VALUES (?, ?, ?)
		ON CONFLICT(kind, alias) DO UPDATE SET canonical = excluded.canonical`, kind, drop, keep); err != nil {
		return "", fmt.Errorf("write aliases: %w", err)
	}
	return keep, nil
}

// rekeyTables says, per kind, which table holds the record and which rows
// name it.
var rekeyTables = map[string]struct {
	table string
	stmts []string
}{
	"unit": {"units", []string{"UPDATE units SET id = ?1 WHERE id = ?2", "UPDATE assessments SET unit_id = ?1 WHERE unit_id = ?2"}},
	"assessment": {"assessments", []string{"UPDATE assessments SET id = ?1 WHERE id = ?2",
		"UPDATE findings SET assessment_id = ?1 WHERE assessment_id = ?2", "UPDATE conflicts SET assessment_id = ?1 WHERE assessment_id = ?2",
		"UPDATE attachments SET assessment_id = ?1 WHERE assessment_id = ?2"}},
	"finding": {"findings", []string{"UPDATE findings SET id = ?1 WHERE id = ?2", "UPDATE conflicts SET finding_id = ?1 WHERE finding_id = ?2"}},
}

// rekey moves a record's row (if held) from ID old to ID keep.
func (t *txn) rekey(ctx context.Context, kind, old, keep string) error {
	rk, ok := rekeyTables[kind]
	if !ok {
		return contentErr(kind, "unknown kind of record")
	}
	var n int
	if err := t.QueryRowContext(ctx, "SELECT count(*) FROM "+rk.table+" WHERE id IN (?, ?)", old, keep).Scan(&n); err != nil {
		return fmt.Errorf("read %s: %w", rk.table, err)
	}
	if n == 2 {
		return contentErr(short(old)+"/"+short(keep), "two different records are named as one")
	}
	for _, s := range rk.stmts {
		if _, err := t.ExecContext(ctx, s, keep, old); err != nil {
			return fmt.Errorf("re-key %s: %w", kind, err)
		}
	}
	if kind == "assessment" {
		// The visit's follow-ups and self-scores (merge_stamped.go).
		return t.rekeyStamped(ctx, old, keep)
	}
	return nil
}
