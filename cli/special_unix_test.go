//go:build !windows

package cli

import (
	"os"
	"syscall"
)

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }

// mknodNull makes a character device like /dev/null at path (root only).
func mknodNull(path string) error {
	if os.Geteuid() != 0 {
		return os.ErrPermission
	}
	return syscall.Mknod(path, syscall.S_IFCHR|0o600, 1<<8|3)
}
