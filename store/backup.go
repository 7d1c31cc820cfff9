package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
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
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	stem := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	base := stem + "-" + db.Now().Format("20060102-150405")
	path := filepath.Join(dir, base+".db")
	for i := 2; ; i++ {
		if _, err := os.Lstat(path); os.IsNotExist(err) {
			break
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, i))
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("backup to %s: %w", path, translate(err))
	}
	if err := syncFile(path); err != nil {
		return "", fmt.Errorf("backup to %s: %w", path, err)
	}
	syncDir(dir)
	if keep > 0 {
		if err := pruneBackups(dir, stem, keep); err != nil {
			return path, err
		}
	}
	return path, nil
}

// Backups lists this database's backups, oldest first.
func (db *DB) Backups() ([]string, error) {
	stem := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	return listBackups(db.BackupDir(), stem)
}

func listBackups(dir, stem string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
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
			return fmt.Errorf("remove old backup: %w", err)
		}
		all = all[1:]
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename or new file in dir durable (not possible, and not
// needed, on Windows).
func syncDir(dir string) {
	if isWindows() {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

func isWindows() bool { return runtime.GOOS == "windows" }

// writeFileAtomic writes data to a temporary file in path's folder, syncs
// it and renames it over path, so a reader sees the old file or the whole
// new one, never a part.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := tmp.Chmod(perm); err != nil && !isWindows() {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	syncDir(dir)
	return nil
}
