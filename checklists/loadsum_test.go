package checklists

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadFileSum: the sum is of the bytes read, for YAML and workbooks
// alike, and a file that does not parse gives none.
func TestLoadFileSum(t *testing.T) {
	t.Parallel()
	for _, path := range []string{filepath.Join("testdata", "tieu-chi-vi-du.xlsx"), filepath.Join("builtin", "ubnd-xa-2026.2.yaml")} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256(data)
		c, sum, err := LoadFileSum(path)
		if err != nil || c == nil || sum != hex.EncodeToString(want[:]) {
			t.Errorf("%s: sum %q, err %v", path, sum, err)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("id: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, sum, err := LoadFileSum(bad); err == nil || c != nil || sum != "" {
		t.Errorf("a bad file: %v %q %v", c, sum, err)
	}
}
