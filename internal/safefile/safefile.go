// Package safefile writes the files kiemtra leaves behind (documents,
// bundles, receipts, backups, keys) so that a crash, a full disk or a
// hostile path never costs a file: a file is written under a temporary
// name beside its target, synced, and only then put in place; it never
// replaces anything but a regular file, and never an existing one unless
// asked to. Every file is 0600 and every folder 0700: a backup is a whole
// copy of the database, and documents name people.
//
// Errors carry model codes (EExists, ENotRegular, EDiskFull, EReadOnly,
// EPermission, EFileMissing) with the path as their param, so the person
// reads what went wrong and where, in their language.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"kiemtra/model"
)

// Modes of what kiemtra writes: readable by the user alone.
const (
	FileMode fs.FileMode = 0o600
	DirMode  fs.FileMode = 0o700
)

// Options says how a file may be put in place.
type Options struct {
	// Replace allows replacing an existing regular file (--force). Other
	// kinds of file (devices, links, folders, pipes) are never replaced.
	Replace bool
}

// CheckTarget says whether path may be written with opt, before any
// expensive work is done for it: it must be absent, or a regular file
// when opt.Replace is set, and its folder must exist.
func CheckTarget(path string, opt Options) error {
	if path == "" {
		return model.NewError(model.EInvalid, errors.New("no file name"), "")
	}
	st, err := os.Lstat(path)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return model.NewError(model.ENotRegular, nil, path)
	case err == nil && !opt.Replace:
		return model.NewError(model.EExists, nil, path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return Wrap(path, err)
	}
	dir := filepath.Dir(path)
	dst, err := os.Stat(dir)
	if err != nil {
		return Wrap(dir, err)
	}
	if !dst.IsDir() {
		return model.NewError(model.EFileMissing, nil, dir)
	}
	return nil
}

// File is a file being written under a temporary name beside its target.
// Write to it, then Commit to put it in place or Abort to drop it; Abort
// after Commit does nothing, so `defer f.Abort()` is always right.
type File struct {
	*os.File
	target string
	opt    Options
	done   bool
}

// Create starts writing target. It checks the target first (see
// CheckTarget), so nothing is written for a path that will be refused.
func Create(target string, opt Options) (*File, error) {
	if err := CheckTarget(target, opt); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, Wrap(target, err)
	}
	if err := tmp.Chmod(FileMode); err != nil && runtime.GOOS != "windows" {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return nil, Wrap(target, err)
	}
	return &File{File: tmp, target: target, opt: opt}, nil
}

// Target is the path the file will have once committed.
func (f *File) Target() string { return f.target }

// Write writes to the temporary file, naming the target in errors.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	if err != nil {
		return n, Wrap(f.target, err)
	}
	return n, nil
}

// Commit syncs the file to disk and puts it in place, then syncs the folder
// so the new name survives a power cut. Without Replace it never replaces a
// file that appeared meanwhile.
func (f *File) Commit() error {
	if f.done {
		return errors.New("safefile: commit after commit or abort")
	}
	f.done = true
	tmp := f.File.Name()
	// Once renamed the temporary name is gone and this is a no-op; after a
	// link it removes the temporary name; after a failure, the file.
	defer func() { _ = os.Remove(tmp) }()
	if err := f.File.Sync(); err != nil {
		_ = f.File.Close()
		return Wrap(f.target, err)
	}
	if err := f.File.Close(); err != nil {
		return Wrap(f.target, err)
	}
	if err := place(tmp, f.target, f.opt); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(f.target))
}

// Abort drops the temporary file; the target is untouched.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	_ = f.File.Close()
	_ = os.Remove(f.File.Name())
}

// place moves tmp to target. Replacing uses rename, which is atomic, after
// checking again that the target is still a regular file or absent. Not
// replacing uses a hard link, which fails if the target exists, so no
// other program's file created meanwhile is lost; where the file system
// has no hard links (FAT on a USB stick) it checks and renames instead.
func place(tmp, target string, opt Options) error {
	if st, err := os.Lstat(target); err == nil {
		if !st.Mode().IsRegular() {
			return model.NewError(model.ENotRegular, nil, target)
		}
		if !opt.Replace {
			return model.NewError(model.EExists, nil, target)
		}
	}
	if opt.Replace {
		if err := rename(tmp, target); err != nil {
			return Wrap(target, err)
		}
		return nil
	}
	err := os.Link(tmp, target)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return model.NewError(model.EExists, nil, target)
	}
	if _, lerr := os.Lstat(target); lerr == nil {
		return model.NewError(model.EExists, nil, target)
	}
	if err := rename(tmp, target); err != nil {
		return Wrap(target, err)
	}
	return nil
}

// rename is os.Rename; tests replace it to fail at the last step.
var rename = os.Rename

// Write writes data to target in one piece (see File).
func Write(target string, data []byte, opt Options) error {
	return WriteWith(target, opt, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteWith writes target with what fill writes, streaming: a large
// document or bundle never needs to be in memory whole. If fill fails,
// nothing is put in place.
func WriteWith(target string, opt Options, fill func(w io.Writer) error) error {
	f, err := Create(target, opt)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fill(f); err != nil {
		var me *model.Error
		if errors.As(err, &me) {
			return err
		}
		return Wrap(target, err)
	}
	return f.Commit()
}

// MkdirAll makes dir and its parents with DirMode.
func MkdirAll(dir string) error {
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return Wrap(dir, err)
	}
	return nil
}

// SyncDir makes a new name in dir durable where the system can (not on
// Windows, where a folder cannot be opened for syncing and renames are
// journaled by NTFS).
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return Wrap(dir, err)
	}
	if err := d.Sync(); err != nil && !errors.Is(err, errSyncUnsupported) {
		_ = d.Close()
		return Wrap(dir, err)
	}
	if err := d.Close(); err != nil {
		return Wrap(dir, err)
	}
	return nil
}

// Wrap gives a file-system error the model code a person understands, with
// path as its param: a full disk, read-only media, a refused permission, a
// missing file. An error that already has a code keeps it. Other errors
// are wrapped as EInternal with the cause kept for the log.
func Wrap(path string, err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	switch {
	case isDiskFull(err):
		return model.NewError(model.EDiskFull, err, path)
	case isReadOnlyFS(err):
		return model.NewError(model.EReadOnly, err, path)
	case errors.Is(err, fs.ErrPermission):
		return model.NewError(model.EPermission, err, path)
	case errors.Is(err, fs.ErrNotExist):
		return model.NewError(model.EFileMissing, err, path)
	}
	return model.NewError(model.EInternal, fmt.Errorf("%s: %w", path, err))
}
