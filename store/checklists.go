package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"kiemtra/model"
)

// ErrChecklistChanged is returned when a checklist arrives with an
// (ID, version) the database already holds with different content: a
// version, once used, is never reused for other questions or weights.
var ErrChecklistChanged = &model.Error{Code: model.EChecklistChanged}

// AddChecklists records checklist versions the database has not seen:
// kiemtra's own when builtin is set, else versions whose file is not
// known (AddChecklistFiles names it). A version already held with the
// same hash is left alone (it keeps the origin it was first recorded
// with); with a different hash it is refused with ErrChecklistChanged,
// and nothing is written.
func (db *DB) AddChecklists(ctx context.Context, builtin bool, cls ...*model.Checklist) (added int, err error) {
	files := make([]ChecklistFile, len(cls))
	for i, c := range cls {
		files[i] = ChecklistFile{Checklist: c, Builtin: builtin}
	}
	return db.addChecklists(ctx, files)
}

// ChecklistFile is a checklist version with the file it was read from.
type ChecklistFile struct {
	Checklist *model.Checklist
	Builtin   bool
	// Name is the file's name (its folder is left out); SHA256 the hex
	// SHA-256 of the bytes read.
	Name, SHA256 string
}

// AddChecklistFiles is AddChecklists for versions read from files, which
// the database remembers (model.ChecklistOrigin), all in one transaction.
func (db *DB) AddChecklistFiles(ctx context.Context, files ...ChecklistFile) (added int, err error) {
	return db.addChecklists(ctx, files)
}

func (db *DB) addChecklists(ctx context.Context, files []ChecklistFile) (added int, err error) {
	err = db.tx(ctx, func(t *txn) error {
		at := formatTime(t.now())
		for _, f := range files {
			ok, err := t.addChecklist(ctx, f, at)
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

func (t *txn) addChecklist(ctx context.Context, f ChecklistFile, addedAt string) (bool, error) {
	c := f.Checklist
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
	if f.Builtin {
		b = 1
	}
	_, err = t.ExecContext(ctx, `INSERT INTO checklists(id, version, hash, kind, title, body, builtin, added_at, origin_file, origin_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.Version, c.Hash, string(c.Kind), nfc(c.Title), nfc(string(body)), b, addedAt,
		fileName(f.Name), f.SHA256)
	if err != nil {
		return false, fmt.Errorf("write checklist %s: %w", c.Ref(), err)
	}
	return true, nil
}

// fileName is the name of the file at path, without its folder ("" for
// none): where a checklist came from says which file, not where the
// person kept it.
func fileName(path string) string {
	if path == "" {
		return ""
	}
	return nfc(filepath.Base(path))
}

// ChecklistInfo is a checklist version's identity, without its items,
// and where it came from.
type ChecklistInfo struct {
	ID      string         `json:"id"`
	Version string         `json:"version"`
	Hash    string         `json:"hash"`
	Kind    model.UnitKind `json:"kind"`
	Title   string         `json:"title"`
	model.ChecklistOrigin
}

// ChecklistInfos lists every checklist version held, by ID then version.
func (db *DB) ChecklistInfos(ctx context.Context) ([]ChecklistInfo, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, version, hash, kind, title, builtin, added_at, origin_file, origin_hash
		FROM checklists ORDER BY id, version`)
	if err != nil {
		return nil, fmt.Errorf("list checklists: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []ChecklistInfo
	for rows.Next() {
		var ci ChecklistInfo
		var kind, at string
		if err := rows.Scan(&ci.ID, &ci.Version, &ci.Hash, &kind, &ci.Title, &ci.Builtin, &at, &ci.File, &ci.SHA256); err != nil {
			return nil, fmt.Errorf("list checklists: %w", db.translate(err))
		}
		ci.Kind = model.UnitKind(kind)
		ci.AddedAt = parseTime(at)
		out = append(out, ci)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list checklists: %w", db.translate(err))
	}
	return out, nil
}

// HeldChecklists returns every checklist version held, in full, with
// where each came from, by ID then version (numerically: 2026.2 before
// 2026.10). The TUI offers them for new visits.
func (db *DB) HeldChecklists(ctx context.Context) ([]model.HeldChecklist, error) {
	infos, err := db.ChecklistInfos(ctx)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(infos, func(i, j int) bool {
		if infos[i].ID != infos[j].ID {
			return infos[i].ID < infos[j].ID
		}
		return model.CodeLess(infos[i].Version, infos[j].Version)
	})
	out := make([]model.HeldChecklist, 0, len(infos))
	for _, ci := range infos {
		cl, err := db.Checklist(ctx, ci.ID, ci.Version)
		if err != nil {
			return nil, err
		}
		out = append(out, model.HeldChecklist{Checklist: cl, Origin: ci.ChecklistOrigin})
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
