//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package termin

import (
	"os"
	"testing"
)

// pipeFile is a File reading the read end of a pipe, and the write end.
func pipeFile(t *testing.T) (*File, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = r.Close() // closed twice in one test; the error says nothing
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return NewFile(r), w
}

func write(t *testing.T, w *os.File, s string) {
	t.Helper()
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

// TestFileCompletesLetterFromDescriptor: on a real descriptor the File
// reads the rest of a letter its first read ended inside, once select
// says it is there; it keeps the file's descriptor and name, so Bubble
// Tea still sets raw mode and cancels reads on it.
func TestFileCompletesLetterFromDescriptor(t *testing.T) {
	t.Parallel()
	f, w := pipeFile(t)
	write(t, w, "xy\xe1\xbb\x87z")
	// A 6-byte buffer reads 3 bytes first: "xy" and the first of "ệ".
	buf := make([]byte, 6)
	n, err := f.Read(buf)
	if err != nil || string(buf[:n]) != "xyệ" {
		t.Fatalf("read %q, %v; want \"xyệ\"", buf[:n], err)
	}
	n, err = f.Read(buf)
	if err != nil || string(buf[:n]) != "z" {
		t.Fatalf("then %q, %v; want \"z\"", buf[:n], err)
	}
	if f.Fd() != f.f.Fd() || f.Name() != f.f.Name() || f.Name() == "" {
		t.Fatalf("descriptor %d name %q, want the file's", f.Fd(), f.Name())
	}
	if _, err := f.Write([]byte("x")); err == nil {
		t.Fatal("writing to a pipe's read end succeeded: the write did not reach the file")
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestFileGivesUpIncompleteLetter: when the rest of a letter does not
// come, the read does not hang: after the wait the bytes are handed over
// as they are, and what comes later is read as it comes.
func TestFileGivesUpIncompleteLetter(t *testing.T) {
	t.Parallel()
	f, w := pipeFile(t)
	write(t, w, "xy\xe1")
	buf := make([]byte, 256)
	n, err := f.Read(buf)
	if err != nil || string(buf[:n]) != "xy\xe1" {
		t.Fatalf("read %q, %v; want the bytes as they came", buf[:n], err)
	}
	write(t, w, "\xbb\x87ab")
	n, err = f.Read(buf)
	if err != nil || string(buf[:n]) != "\xbb\x87ab" {
		t.Fatalf("then %q, %v", buf[:n], err)
	}
}
