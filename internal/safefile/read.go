package safefile

import (
	"fmt"
	"io/fs"
	"os"

	"kiemtra/model"
)

// OpenRegular opens path for reading only if it is a regular file: a pipe,
// a device, a folder or a link is refused (ENotRegular) without being
// opened, so reading never blocks on a FIFO or follows a link elsewhere.
// The file opened is checked to be the one looked at, so a swap between
// the look and the open is refused too. The caller checks the size it was
// given before reading a byte.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, nil, Wrap(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, model.NewError(model.ENotRegular, nil, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, Wrap(path, err)
	}
	fst, err := f.Stat()
	if err != nil {
		return nil, nil, Wrap(path, closeAfter(f, err))
	}
	if !fst.Mode().IsRegular() || !os.SameFile(st, fst) {
		return nil, nil, model.NewError(model.ENotRegular, closeAfter(f, fmt.Errorf("%s changed while opened", path)), path)
	}
	return f, fst, nil
}

// closeAfter closes f after a failure, keeping the failure.
func closeAfter(f *os.File, err error) error {
	_ = f.Close() // read-only: nothing to lose
	return err
}
