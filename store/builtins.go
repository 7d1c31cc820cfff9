package store

import (
	"context"
	"fmt"
	"strconv"
)

// The built-in checklists are recorded at every start; parsing them takes
// tens of milliseconds. The settings keep the fingerprint of the files last
// recorded (checklists.BuiltinFingerprint) with how many built-in versions
// the database held then, so the next start can tell nothing changed.

// BuiltinsRecorded reports whether the built-in checklist files with
// fingerprint fp were recorded here and the database still holds as many
// built-in versions as then.
func (db *DB) BuiltinsRecorded(ctx context.Context, fp string) (bool, error) {
	held, err := db.Setting(ctx, SettingBuiltins)
	if err != nil || held == "" {
		return false, err
	}
	n, err := db.builtinCount(ctx)
	if err != nil {
		return false, err
	}
	return held == fp+" "+strconv.Itoa(n), nil
}

// RecordBuiltins notes that the built-in checklist files with fingerprint
// fp are recorded.
func (db *DB) RecordBuiltins(ctx context.Context, fp string) error {
	n, err := db.builtinCount(ctx)
	if err != nil {
		return err
	}
	return db.SetSetting(ctx, SettingBuiltins, fp+" "+strconv.Itoa(n))
}

func (db *DB) builtinCount(ctx context.Context) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM checklists WHERE builtin = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("count built-in checklists: %w", db.translate(err))
	}
	return n, nil
}
