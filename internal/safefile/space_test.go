package safefile

import (
	"path/filepath"
	"testing"
)

// Full answers for paths that do not exist yet by their nearest folder, and
// says false for a disk with room (the test machine's temporary folder);
// store.TestDiskFullAtOpen sees it say true on a tmpfs filled to the end.
func TestFullOnADiskWithRoom(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{dir, filepath.Join(dir, "k.db"), filepath.Join(dir, "no", "such", "folder", "k.db")} {
		if Full(p) {
			t.Errorf("Full(%q) on a disk with room", p)
		}
	}
}
