//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package termin

import (
	"io"
	"os"
	"time"
)

// wrap returns f itself. On Windows Bubble Tea reads the console as
// key events that carry whole characters, never bytes of one, and only
// when the input is standard input itself.
func wrap(f *os.File) io.Reader { return f }

// readyFunc cannot wait on a descriptor here: it waits by reading.
func readyFunc(*os.File) func(time.Duration) bool { return nil }
