package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"kiemtra/store"
)

// DemoDB creates the demo database at path if it does not exist yet, and
// returns whether it created it. An existing demo database is left as it is,
// so the work done in a demo session is still there the next time.
func DemoDB(ctx context.Context, path string, log *slog.Logger) (bool, error) {
	if _, err := os.Stat(path); err == nil {
		db, err := OpenDB(ctx, path, log)
		if err != nil {
			return false, err
		}
		return false, db.Close()
	}
	db, err := OpenDB(ctx, path, log)
	if err != nil {
		return false, err
	}
	if err := db.SeedDemo(ctx); err != nil {
		db.Close()
		os.Remove(path)
		return false, fmt.Errorf("create demo database: %w", err)
	}
	return true, db.Close()
}

// DemoPath is the demo database's path: --db if given, else its own file
// beside (never in) the real database.
func (env *Env) DemoPath() (string, error) {
	if env.Global.DB != "" {
		return env.Global.DB, nil
	}
	return store.DemoPath()
}
