package termin

import (
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// File is a terminal opened for input, read through a Reader. It has the
// file's descriptor and name, so Bubble Tea still puts the terminal in
// raw mode, restores it, and cancels reads as it does for the file.
type File struct {
	f *os.File
	r *Reader
}

// NewFile reads f through a Reader that polls f's descriptor.
func NewFile(f *os.File) *File {
	return &File{f: f, r: NewReader(f, readyFunc(f))}
}

// Read implements io.Reader.
func (f *File) Read(p []byte) (int, error) { return f.r.Read(p) }

// Write writes to the terminal (Bubble Tea's cancel reader wants a
// read-write file).
func (f *File) Write(p []byte) (int, error) { return f.f.Write(p) }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// Fd is the file's descriptor.
func (f *File) Fd() uintptr { return f.f.Fd() }

// Name is the file's name.
func (f *File) Name() string { return f.f.Name() }

// Open returns the terminal input as Bubble Tea would choose it (standard
// input when it is a terminal, otherwise the process's terminal opened
// anew) and a function to close what was opened.
func Open() (io.Reader, func() error, error) {
	if term.IsTerminal(os.Stdin.Fd()) {
		return wrap(os.Stdin), func() error { return nil }, nil
	}
	f, err := os.OpenFile(ttyName, os.O_RDWR, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open the terminal %s: %w", ttyName, err)
	}
	return wrap(f), f.Close, nil
}
