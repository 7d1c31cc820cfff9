//go:build windows

package safefile

import (
	"errors"
	"syscall"
)

// Windows error numbers (winerror.h) that the syscall package does not name.
const (
	errorWriteProtect   syscall.Errno = 19  // ERROR_WRITE_PROTECT
	errorHandleDiskFull syscall.Errno = 39  // ERROR_HANDLE_DISK_FULL
	errorDiskFull       syscall.Errno = 112 // ERROR_DISK_FULL
)

var errSyncUnsupported = syscall.EINVAL

func isDiskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}

func isReadOnlyFS(err error) bool { return errors.Is(err, errorWriteProtect) }
