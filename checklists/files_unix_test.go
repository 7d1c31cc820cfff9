//go:build unix

package checklists

import (
	"path/filepath"
	"syscall"
	"testing"

	"kiemtra/model"
)

// A FIFO given as a checklist or a plan is refused at once: opening it to
// read would wait forever for a writer.
func TestLoadRefusesFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(path); model.ErrorCode(err) != model.ENotRegular {
		t.Errorf("checklist from a FIFO: %v", err)
	}
	if _, err := LoadPlan(path); model.ErrorCode(err) != model.ENotRegular {
		t.Errorf("plan from a FIFO: %v", err)
	}
}
