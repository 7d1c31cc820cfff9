package checklists

import (
	"fmt"
	"io"
	"os"

	"kiemtra/model"
)

// readRegular reads a regular file of at most limit bytes. It looks before
// it opens: opening a FIFO or a device for reading can block forever, and
// a file over the limit is refused without being read.
func readRegular(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, model.NewError(model.ENotRegular, nil, path)
	}
	if st.Size() > limit {
		return nil, model.NewError(model.ETooLarge, nil, path, sizeWords(limit))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	// The file may have been swapped since Stat: check what was opened.
	if st, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, model.NewError(model.ENotRegular, nil, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, model.NewError(model.ETooLarge, nil, path, sizeWords(limit))
	}
	return data, nil
}

// sizeWords writes a size as people read it: "4 MB", "512 KB", "300 B".
func sizeWords(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
