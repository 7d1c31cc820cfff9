package store

import (
	"context"
	"fmt"

	"kiemtra/model"
)

// The demo database carries a mark inside the file (a setting SeedDemo
// writes first), so that kiemtra demo, given a path by --db or KIEMTRA_DB,
// can tell a demo from real work and refuse the latter before writing a
// byte. The mark is inside the file, not in its name or folder, because a
// demo may be copied or renamed and a real database may sit anywhere.

// settingDemo is the mark's settings key; its value is demoMark.
const (
	settingDemo = "demo"
	demoMark    = "kiemtra demo"
)

// ErrNotDemo is Open's refusal (with DemoOnly) of a database that is not a
// demo; its param is the file.
var ErrNotDemo = &model.Error{Code: model.ENotDemo}

// checkDemo refuses a database without the demo mark. It reads only.
func (db *DB) checkDemo(ctx context.Context) error {
	ok, err := db.IsDemo(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return model.NewError(model.ENotDemo, nil, db.path)
	}
	return nil
}

// IsDemo reports whether the database is a demo SeedDemo made.
func (db *DB) IsDemo(ctx context.Context) (bool, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM settings WHERE key = ? AND value = ?", settingDemo, demoMark).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read the demo mark of %s: %w", db.path, db.translate(err))
	}
	return n > 0, nil
}

// markDemo writes the demo mark.
func (db *DB) markDemo(ctx context.Context) error {
	return db.SetSetting(ctx, settingDemo, demoMark)
}
