package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"kiemtra/internal/safefile"
)

// DefaultBackupKeep is how many backups an import keeps by default.
const DefaultBackupKeep = 10

// BackupDir is the folder backups are written to: "backups" beside the
// database.
func (db *DB) BackupDir() string { return filepath.Join(filepath.Dir(db.path), "backups") }

// Backup writes a consistent copy of the database to
// <dbdir>/backups/<name>-YYYYMMDD-HHMMSS.db with VACUUM INTO (never a file
// copy, which could miss the WAL), syncs it to disk (SQLite does not sync
// VACUUM INTO output), and deletes all but the newest keep backups of this
// database (keep ≤ 0 keeps them all). It returns the backup's path.
func (db *DB) Backup(ctx context.Context, keep int) (string, error) {
	dir := db.BackupDir()
	if err := safefile.MkdirAll(dir); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	stem := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	path, err := newBackupFile(dir, stem+"-"+db.Now().Format("20060102-150405"))
	if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return "", fmt.Errorf("backup to %s: %w", path, errors.Join(db.translate(err), os.Remove(path)))
	}
	if err := syncFile(path); err != nil {
		return "", fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := safefile.SyncDir(dir); err != nil {
		return "", fmt.Errorf("backup to %s: %w", path, err)
	}
	if keep > 0 {
		if err := pruneBackups(dir, stem, keep); err != nil {
			return path, err
		}
	}
	return path, nil
}

// newBackupFile creates an empty file base.db in dir (base-2.db, … if taken)
// for VACUUM INTO to fill: created here, it is the user's alone (0600) and
// can never be another file of the same name.
func newBackupFile(dir, base string) (string, error) {
	for i := 1; ; i++ {
		path := filepath.Join(dir, base+".db")
		if i > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, i))
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, safefile.FileMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", safefile.Wrap(path, err)
		}
		if err := f.Close(); err != nil {
			return "", safefile.Wrap(path, err)
		}
		return path, nil
	}
}

// Backups lists this database's backups, oldest first.
func (db *DB) Backups() ([]string, error) {
	stem := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	return listBackups(db.BackupDir(), stem)
}

func listBackups(dir, stem string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", safefile.Wrap(dir, err))
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		// stem-YYYYMMDD-HHMMSS.db or stem-YYYYMMDD-HHMMSS-N.db
		rest, ok := strings.CutPrefix(n, stem+"-")
		if !ok || !strings.HasSuffix(n, ".db") || len(rest) < len("20060102-150405.db") || !isDigits(rest[:8]) || rest[8] != '-' || !isDigits(rest[9:15]) {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	// Names sort by time; a -N suffix sorts after its second's first file
	// because '-' < '.'... so compare the time part, then the suffix number.
	sort.Slice(out, func(i, j int) bool { return backupKey(out[i]) < backupKey(out[j]) })
	return out, nil
}

func backupKey(p string) string {
	n := strings.TrimSuffix(filepath.Base(p), ".db")
	i := strings.LastIndexByte(n, '-')
	tail := n[i+1:]
	if len(tail) != 6 { // a -N suffix
		return fmt.Sprintf("%s~%06s", n[:i], tail)
	}
	return n
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func pruneBackups(dir, stem string, keep int) error {
	all, err := listBackups(dir, stem)
	if err != nil {
		return err
	}
	for len(all) > keep {
		if err := os.Remove(all[0]); err != nil {
			return fmt.Errorf("remove old backup: %w", safefile.Wrap(all[0], err))
		}
		all = all[1:]
	}
	return nil
}

// syncFile flushes a file SQLite wrote without syncing (VACUUM INTO).
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return safefile.Wrap(path, err)
	}
	if err := f.Sync(); err != nil {
		return safefile.Wrap(path, errors.Join(err, f.Close()))
	}
	if err := f.Close(); err != nil {
		return safefile.Wrap(path, err)
	}
	return nil
}
