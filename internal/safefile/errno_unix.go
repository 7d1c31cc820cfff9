//go:build !windows

package safefile

import (
	"errors"
	"syscall"
)

// errSyncUnsupported is what some file systems answer to syncing a folder.
var errSyncUnsupported = syscall.EINVAL

func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
