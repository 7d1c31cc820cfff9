package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// ErrExists is returned by WriteFileAtomic when the file is already there
// and force is false.
var ErrExists = errors.New("file already exists (use --force to replace it)")

// WriteFileAtomic writes data to path so that path either keeps its old
// content or has all of data, never part of it: it writes a temporary file
// in the same folder, syncs it to disk, renames it over path and syncs the
// folder. An existing path is refused with ErrExists unless force is true.
// On any error the temporary file is removed.
func WriteFileAtomic(path string, data []byte, force bool) (err error) {
	if path == "" {
		return errors.New("write: no file name")
	}
	st, statErr := os.Stat(path)
	switch {
	case statErr == nil && st.IsDir():
		return fmt.Errorf("write %s: it is a folder", path)
	case statErr == nil && !force:
		return fmt.Errorf("write %s: %w", path, ErrExists)
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, statErr)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Documents are for sharing: the usual 0644 rather than CreateTemp's 0600.
	if err = tmp.Chmod(0o644); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if !force {
		// Check again just before the rename: another program may have
		// created the file while we wrote.
		if _, e := os.Lstat(path); e == nil {
			err = fmt.Errorf("write %s: %w", path, ErrExists)
			return err
		}
	}
	if err = renameFile(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// renameFile is os.Rename; tests replace it to fail at the last step.
var renameFile = os.Rename

// syncDir makes the rename durable where the system supports syncing a
// folder (not Windows, where opening a folder this way fails).
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
