//go:build linux || darwin

package safefile

import "syscall"

// freeSpace is the space left on path's file system for an unprivileged
// user (root may have a reserve beyond it; tmpfs has none).
func freeSpace(path string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true //nolint:unconvert // the field types differ between systems
}
