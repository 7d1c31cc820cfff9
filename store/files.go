package store

import (
	"errors"
	"fmt"
	"io"
	"os"

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// Reading the small files kiemtra is handed (key files, receipts, the
// first bytes of a candidate database or bundle). Writing goes through
// internal/safefile.

// readHead reads up to n bytes from the start of the file at path; a
// shorter file gives fewer.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, n)
	k, err := io.ReadFull(f, head)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return head[:k], err
}

// readSmallFile reads a file of at most limit bytes; a larger one is
// ETooLarge. Only regular files are read (a pipe or a device would block
// or never end).
func readSmallFile(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, safefile.Wrap(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, model.NewError(model.ENotRegular, nil, path)
	}
	if st.Size() > limit {
		return nil, model.NewError(model.ETooLarge, nil, path, fmt.Sprintf("%d KB", limit>>10))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, safefile.Wrap(path, err)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, safefile.Wrap(path, err)
	}
	if int64(len(b)) > limit {
		return nil, model.NewError(model.ETooLarge, nil, path, fmt.Sprintf("%d KB", limit>>10))
	}
	return b, nil
}
