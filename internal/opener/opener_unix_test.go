//go:build linux || freebsd || openbsd || netbsd

package opener

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"kiemtra/model"
)

// TestOpenRunsXdgOpen: Open starts xdg-open with the path as its one
// argument. The xdg-open found on PATH here writes its arguments into a
// named pipe the test reads, which waits for it without a clock.
func TestOpenRunsXdgOpen(t *testing.T) {
	bin := t.TempDir()
	fifo := filepath.Join(t.TempDir(), "args")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nprintf '%s|' \"$@\" > '" + fifo + "'\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	target := filepath.Join(t.TempDir(), "bien ban 2022 STP.docx")
	if err := New().Open(target); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(fifo) // blocks until the script opens it to write
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if string(got) != target+"|" {
		t.Fatalf("xdg-open got %q, want the one argument %q", got, target)
	}
}

// TestOpenWithoutXdgOpen: a system without the program says so, naming it.
func TestOpenWithoutXdgOpen(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := New().Open("/tmp/x.docx")
	if model.ErrorCode(err) != model.ENoOpener || strings.Join(model.ErrorParams(err), ",") != "xdg-open" {
		t.Fatalf("got %v (code %q)", err, model.ErrorCode(err))
	}
}
