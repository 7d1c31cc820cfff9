//go:build !windows

package report

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"kiemtra/i18n"
	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// TestFolderErrors checks that a full disk, read-only media and a refused
// permission met while writing a document name the export folder, where
// the person must choose another one, not the file. The errors are the
// operating system's, wrapped as the write wraps them; the real full disk
// and read-only media are exercised by ui's export tests on a tmpfs.
func TestFolderErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		errno syscall.Errno
		code  model.Code
		words string
	}{
		{syscall.ENOSPC, model.EDiskFull, "ổ đĩa đã đầy (" + dir + ")"},
		{syscall.EROFS, model.EReadOnly, "không ghi được vào " + dir + " (ổ hoặc thư mục chỉ đọc)"},
		{syscall.EACCES, model.EPermission, "hệ điều hành không cho phép truy cập " + dir + "."},
	} {
		file := filepath.Join(dir, "bien-ban-2022-STP.md")
		err := folderError(dir, safefile.Wrap(file, &fs.PathError{Op: "write", Path: file, Err: tc.errno}))
		if model.ErrorCode(err) != tc.code || !slices.Equal(model.ErrorParams(err), []string{dir}) {
			t.Errorf("%v: %v", tc.errno, err)
		}
		if got := i18n.New(i18n.VI).Err(err); !strings.Contains(got, tc.words) {
			t.Errorf("%v in words: %q, want %q", tc.errno, got, tc.words)
		}
	}
	// An error that is not about the folder keeps its own code and params.
	other := model.NewError(model.EBusy, nil, "/data/kiemtra.db")
	if err := folderError(dir, other); !errors.Is(err, other) || !slices.Equal(model.ErrorParams(err), other.Params) {
		t.Errorf("busy: %v", err)
	}
}
