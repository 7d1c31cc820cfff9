package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

// TUIExporter writes the documents the TUI exports (a unit's record, an
// inspection's summary) into one folder, and never over an existing file:
// a second export of the same document gets "-2", "-3"… before its
// extension, so a record already sent or printed is never replaced. It
// satisfies ui.Exporter (checked in package ui's tests; nothing imports ui).
type TUIExporter struct {
	db    *store.DB
	dir   string
	t     i18n.Catalog
	kinds []model.KindInfo
}

// NewTUIExporter returns an exporter writing into dir in lang.
func NewTUIExporter(db *store.DB, dir string, lang i18n.Lang, kinds []model.KindInfo) *TUIExporter {
	return &TUIExporter{db: db, dir: dir, t: i18n.New(lang), kinds: kinds}
}

// DefaultExportDir is where the TUI puts exported documents: the folder in
// KIEMTRA_EXPORT_DIR when set; else the user's Documents folder when it
// exists (where civil servants look for files on Windows and macOS, and
// what most Linux desktops create); else the home folder; else the
// current folder. The folder is created at the first export if needed.
func DefaultExportDir(getenv func(string) string) string {
	if d := strings.TrimSpace(getenv("KIEMTRA_EXPORT_DIR")); d != "" {
		if abs, err := filepath.Abs(d); err == nil {
			return abs
		}
		return d
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		for _, name := range []string{"Documents", "Tài liệu"} {
			d := filepath.Join(home, name)
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				return d
			}
		}
		return home
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "."
}

// ExportDir is the folder documents are written to.
func (e *TUIExporter) ExportDir() string { return e.dir }

// ExportUnit writes the record of one assessment in format (md, html,
// xlsx) and returns the full path of the file written.
func (e *TUIExporter) ExportUnit(ctx context.Context, assessmentID, format string) (string, error) {
	f, err := e.format(format, report.UnitFormats)
	if err != nil {
		return "", err
	}
	rec, err := e.db.UnitRecord(ctx, assessmentID, e.kinds)
	if err != nil {
		return "", e.explain(err)
	}
	data, err := report.UnitRecord(&rec, f, e.t.Lang)
	if err != nil {
		return "", err
	}
	return e.write(report.UnitFileName(&rec, f), data)
}

// ExportSummary writes the consolidated summary of one inspection in
// format (xlsx, html, md, csv, json) and returns the full path written.
func (e *TUIExporter) ExportSummary(ctx context.Context, inspectionID, format string) (string, error) {
	f, err := e.format(format, report.SummaryFormats)
	if err != nil {
		return "", err
	}
	s, err := e.db.Summary(ctx, e.kinds, inspectionID)
	if err != nil {
		return "", e.explain(err)
	}
	data, err := report.Summary(&s, f, e.t.Lang)
	if err != nil {
		return "", err
	}
	return e.write(report.SummaryFileName(&s, f), data)
}

func (e *TUIExporter) format(name string, allowed []report.Format) (report.Format, error) {
	f, err := report.ParseFormat(name)
	if err != nil {
		return "", err
	}
	for _, a := range allowed {
		if a == f {
			return f, nil
		}
	}
	return "", fmt.Errorf("export: %w %q", report.ErrFormat, name)
}

// maxExportCopies bounds the search for a free file name.
const maxExportCopies = 999

// write puts data in the export folder under name, or name-2, name-3…
// when taken, and returns the path written.
func (e *TUIExporter) write(name string, data []byte) (string, error) {
	dir, err := filepath.Abs(e.dir)
	if err != nil {
		dir = e.dir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", e.fileError(dir, err)
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for n := 1; n <= maxExportCopies; n++ {
		p := filepath.Join(dir, name)
		if n > 1 {
			p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, n, ext))
		}
		err := report.WriteFileAtomic(p, data, false)
		if errors.Is(err, report.ErrExists) {
			continue
		}
		if err != nil {
			return "", e.fileError(dir, err)
		}
		return p, nil
	}
	return "", &exportError{msg: e.t.T("ui.export.err.too_many", dir, name)}
}

// exportError is an error whose message is already in the user's
// language; the cause stays reachable for errors.Is and the log.
type exportError struct {
	msg string
	err error
}

func (e *exportError) Error() string { return e.msg }
func (e *exportError) Unwrap() error { return e.err }

// fileError explains a failure to write in dir.
func (e *TUIExporter) fileError(dir string, err error) error {
	var key string
	switch {
	case errors.Is(err, syscall.ENOSPC):
		key = "ui.export.err.disk_full"
	case errors.Is(err, syscall.EROFS):
		key = "ui.export.err.read_only"
	case errors.Is(err, fs.ErrPermission):
		key = "ui.export.err.permission"
	default:
		return &exportError{msg: e.t.T("ui.export.err.write", dir, err.Error()), err: err}
	}
	return &exportError{msg: e.t.T(key, dir), err: err}
}

// explain puts a store error in the user's language.
func (e *TUIExporter) explain(err error) error {
	return &exportError{msg: Explain(e.t, err), err: err}
}
