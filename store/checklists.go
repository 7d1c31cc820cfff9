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

// ErrChecklistChanged is returned when a checklist arrives with an
// (ID, version) the database already holds with different content: a
// version, once used, is never reused for other questions or weights.
var ErrChecklistChanged = &model.Error{Code: model.EChecklistChanged}

// AddChecklists records checklist versions the database has not seen. A
// version already held with the same hash is left alone; with a different
// hash it is refused with ErrChecklistChanged, and nothing is written.
func (db *DB) AddChecklists(ctx context.Context, builtin bool, cls ...*model.Checklist) (added int, err error) {
	err = db.tx(ctx, func(t *txn) error {
		at := formatTime(t.now())
		for _, c := range cls {
			ok, err := t.addChecklist(ctx, c, builtin, at)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("add checklists: %w", err)
	}
	return added, nil
}

func (t *txn) addChecklist(ctx context.Context, c *model.Checklist, builtin bool, addedAt string) (bool, error) {
	var hash string
	err := t.QueryRowContext(ctx, "SELECT hash FROM checklists WHERE id = ? AND version = ?", c.ID, c.Version).Scan(&hash)
	switch {
	case err == nil:
		if hash != c.Hash {
			return false, model.NewError(model.EChecklistChanged, nil, c.Ref())
		}
		return false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, fmt.Errorf("read checklist %s: %w", c.Ref(), err)
	}
	body, err := json.Marshal(c)
	if err != nil {
		return false, fmt.Errorf("encode checklist %s: %w", c.Ref(), err)
	}
	b := 0
	if builtin {
		b = 1
	}
	_, err = t.ExecContext(ctx, `INSERT INTO checklists(id, version, hash, kind, title, body, builtin, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.Version, c.Hash, string(c.Kind), nfc(c.Title), nfc(string(body)), b, addedAt)
	if err != nil {
		return false, fmt.Errorf("write checklist %s: %w", c.Ref(), err)
	}
	return true, nil
}

// ChecklistInfo is a checklist version's identity, without its items.
type ChecklistInfo struct {
	ID      string         `json:"id"`
	Version string         `json:"version"`
	Hash    string         `json:"hash"`
	Kind    model.UnitKind `json:"kind"`
	Title   string         `json:"title"`
	Builtin bool           `json:"builtin"`
}

// ChecklistInfos lists every checklist version held, by ID then version.
func (db *DB) ChecklistInfos(ctx context.Context) ([]ChecklistInfo, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, version, hash, kind, title, builtin FROM checklists ORDER BY id, version")
	if err != nil {
		return nil, fmt.Errorf("list checklists: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []ChecklistInfo
	for rows.Next() {
		var ci ChecklistInfo
		var kind string
		if err := rows.Scan(&ci.ID, &ci.Version, &ci.Hash, &kind, &ci.Title, &ci.Builtin); err != nil {
			return nil, fmt.Errorf("list checklists: %w", db.translate(err))
		}
		ci.Kind = model.UnitKind(kind)
		out = append(out, ci)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list checklists: %w", db.translate(err))
	}
	return out, nil
}

// Checklist returns a checklist version held by the database. An empty
// version means the newest one with that ID (versions compared part by
// part, numerically where both are numbers: 2026.10 is newer than 2026.9),
// whatever visit it is meant for; a visit takes the newest valid on its
// day instead (AddVisit, ImportPlan).
func (db *DB) Checklist(ctx context.Context, id, version string) (*model.Checklist, error) {
	if version == "" {
		newest, err := db.newestVersion(ctx, id)
		if err != nil {
			return nil, err
		}
		version = newest
	}
	key := id + "@" + version
	if version != "" {
		db.mu.Lock()
		c, ok := db.checklists[key]
		db.mu.Unlock()
		if ok {
			return c, nil
		}
	}
	q := "SELECT version, body FROM checklists WHERE id = ? AND version = ?"
	args := []any{id, version}
	if version == "" {
		q = "SELECT version, body FROM checklists WHERE id = ? ORDER BY version DESC LIMIT 1"
		args = args[:1]
	}
	var v, body string
	err := db.sql.QueryRowContext(ctx, q, args...).Scan(&v, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("checklist %s: %w", key, notFound(strings.TrimSuffix(key, "@")))
	}
	if err != nil {
		return nil, fmt.Errorf("read checklist %s: %w", key, db.translate(err))
	}
	var c model.Checklist
	if err := json.Unmarshal([]byte(body), &c); err != nil {
		return nil, fmt.Errorf("decode checklist %s@%s: %w", id, v, err)
	}
	c.Index()
	db.mu.Lock()
	if db.checklists == nil {
		db.checklists = map[string]*model.Checklist{}
	}
	db.checklists[id+"@"+v] = &c
	db.mu.Unlock()
	return &c, nil
}

// newestVersion is the newest version held of a checklist, "" if none.
func (db *DB) newestVersion(ctx context.Context, id string) (string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT version FROM checklists WHERE id = ?", id)
	if err != nil {
		return "", fmt.Errorf("list versions of %s: %w", id, db.translate(err))
	}
	defer closeRows(rows)
	newest := ""
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return "", fmt.Errorf("list versions of %s: %w", id, db.translate(err))
		}
		if newest == "" || model.CodeLess(newest, v) {
			newest = v
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("list versions of %s: %w", id, db.translate(err))
	}
	return newest, nil
}
