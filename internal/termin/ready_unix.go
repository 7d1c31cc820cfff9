//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package termin

import (
	"errors"
	"io"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// wrap reads f through a Reader: terminals on these systems deliver bytes.
func wrap(f *os.File) io.Reader { return NewFile(f) }

// readyFunc waits on f's descriptor with select(2), which works on
// terminals everywhere (poll(2) does not on macOS).
func readyFunc(f *os.File) func(time.Duration) bool {
	fd := int(f.Fd())
	if fd < 0 || fd >= int(unsafe.Sizeof(unix.FdSet{}))*8 {
		return nil // beyond what select can watch: wait by reading
	}
	return func(d time.Duration) bool {
		deadline := time.Now().Add(d)
		for {
			var set unix.FdSet
			set.Set(fd)
			tv := unix.NsecToTimeval(max(0, time.Until(deadline)).Nanoseconds())
			n, err := unix.Select(fd+1, &set, nil, nil, &tv)
			if errors.Is(err, unix.EINTR) && time.Now().Before(deadline) {
				continue
			}
			// An error (a descriptor select cannot watch) is "not ready":
			// the read after it reports what is wrong.
			return err == nil && n > 0
		}
	}
}
