package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"

	"kiemtra/store"
)

// DemoDB creates the demo database at path if it does not exist yet, and
// returns whether it created it. An existing demo database is left as it is,
// so the work done in a demo session is still there the next time. A
// database at path that is not a demo (a real one named by --db or
// KIEMTRA_DB) is refused with ENotDemo before anything is written to it.
func DemoDB(ctx context.Context, path string, log *slog.Logger) (bool, error) {
	exists, err := store.Exists(path)
	if err != nil {
		return false, fmt.Errorf("demo database %s: %w", path, err)
	}
	db, err := OpenDB(ctx, path, log, store.DemoOnly())
	if err != nil {
		return false, err
	}
	if exists {
		return false, db.Close()
	}
	if err := db.SeedDemo(ctx); err != nil {
		// A half-made demo would be taken for a finished one next time.
		return false, errors.Join(fmt.Errorf("create demo database: %w", err), db.Close(), removeDB(path))
	}
	return true, db.Close()
}

// removeDB removes a database file and the journal files SQLite keeps
// beside it.
func removeDB(path string) error {
	var errs []error
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// DemoPath is the demo database's path: --db if given, else its own file
// beside (never in) the real database.
func (env *Env) DemoPath() (string, error) {
	if env.Global.DB != "" {
		return env.Global.DB, nil
	}
	return store.DemoPath()
}
