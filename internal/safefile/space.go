package safefile

import (
	"os"
	"path/filepath"
)

// fullBelow is the free space under which a file system counts as full:
// SQLite needs a few pages for its -shm and -wal files before it can even
// read a database, so a disk with less than this left fails in ways that
// are not ENOSPC (SQLite's SQLITE_IOERR_SHMSIZE, for one) yet are the disk
// being full.
const fullBelow = 1 << 20

// Full reports whether the file system holding path (a file or a folder;
// for a path that does not exist yet, the nearest folder above it that
// does) has less than 1 MiB left for this user. It answers false when the
// system cannot tell, so an I/O error is only called a full disk when the
// disk is known to be full.
func Full(path string) bool {
	p := path
	for {
		if _, err := os.Stat(p); err == nil {
			break
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
	free, ok := freeSpace(p)
	return ok && free < fullBelow
}
