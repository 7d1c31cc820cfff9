package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kiemtra/i18n"
	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// Source is the data the Exporter reads: a unit's record and an
// inspection's summary, gathered in model types. *store.DB satisfies it
// (checked where the program is wired, in main.go); report never imports
// the store.
type Source interface {
	UnitRecord(ctx context.Context, assessmentID string, kinds []model.KindInfo) (model.UnitRecord, error)
	Summary(ctx context.Context, kinds []model.KindInfo, inspectionIDs ...string) (model.Summary, error)
	ReportData(ctx context.Context, kinds []model.KindInfo, inspectionID string) (model.ReportData, error)
}

// Exporter writes the documents the TUI exports (a unit's record, an
// inspection's summary) into one folder, and never over an existing file:
// a second export of the same document gets "-2", "-3"… before its
// extension, so a record already sent or printed is never replaced. Files
// are 0600 and a folder it creates 0700: records name people. Errors
// carry model codes with the folder or file as params, for the caller to
// word with i18n.Catalog.Err.
type Exporter struct {
	src   Source
	dir   string
	lang  i18n.Lang
	kinds []model.KindInfo
}

// NewExporter returns an exporter writing documents in lang into dir,
// reading from src.
func NewExporter(src Source, dir string, lang i18n.Lang, kinds []model.KindInfo) *Exporter {
	return &Exporter{src: src, dir: dir, lang: lang, kinds: kinds}
}

// ExportDir is the folder documents are written to.
func (e *Exporter) ExportDir() string { return e.dir }

// In is the exporter writing into dir instead (the folder the inspector
// chose in the export form); "" keeps its own.
func (e *Exporter) In(dir string) *Exporter {
	c := *e
	if dir != "" {
		c.dir = dir
	}
	return &c
}

// ExportUnit writes the record of one assessment in format (md, html,
// xlsx) and returns the full path of the file written.
func (e *Exporter) ExportUnit(ctx context.Context, assessmentID, format string) (string, error) {
	f, err := ParseFormatOf(format, UnitFormats)
	if err != nil {
		return "", err
	}
	rec, err := e.src.UnitRecord(ctx, assessmentID, e.kinds)
	if err != nil {
		return "", fmt.Errorf("export record of %s: %w", assessmentID, err)
	}
	data, err := UnitRecord(&rec, f, e.lang)
	if err != nil {
		return "", fmt.Errorf("export record of %s: %w", assessmentID, err)
	}
	return e.write(UnitFileName(&rec, f), data)
}

// ExportSummary writes the consolidated summary of one inspection in
// format (xlsx, html, md, csv, json) and returns the full path written.
func (e *Exporter) ExportSummary(ctx context.Context, inspectionID, format string) (string, error) {
	f, err := ParseFormatOf(format, SummaryFormats)
	if err != nil {
		return "", err
	}
	s, err := e.src.Summary(ctx, e.kinds, inspectionID)
	if err != nil {
		return "", fmt.Errorf("export summary of %s: %w", inspectionID, err)
	}
	data, err := Summary(&s, f, e.lang)
	if err != nil {
		return "", fmt.Errorf("export summary of %s: %w", inspectionID, err)
	}
	return e.write(SummaryFileName(&s, f), data)
}

// ExportConclusion writes the thông báo kết luận kiểm tra of a finalized
// assessment in format (md, html, docx) and returns the path written; an
// assessment not finalized is refused (model.ENotFinal).
func (e *Exporter) ExportConclusion(ctx context.Context, assessmentID, format string) (string, error) {
	f, err := ParseFormatOf(format, ConclusionFormats)
	if err != nil {
		return "", err
	}
	rec, err := e.src.UnitRecord(ctx, assessmentID, e.kinds)
	if err != nil {
		return "", fmt.Errorf("export conclusion of %s: %w", assessmentID, err)
	}
	data, err := Conclusion(&rec, f, e.lang)
	if err != nil {
		return "", fmt.Errorf("export conclusion of %s: %w", assessmentID, err)
	}
	return e.write(ConclusionFileName(&rec, f), data)
}

// ExportReport writes the báo cáo kết quả kiểm tra of an inspection in
// format (md, html, docx) and returns the path written.
func (e *Exporter) ExportReport(ctx context.Context, inspectionID, format string) (string, error) {
	f, err := ParseFormatOf(format, ReportFormats)
	if err != nil {
		return "", err
	}
	d, err := e.src.ReportData(ctx, e.kinds, inspectionID)
	if err != nil {
		return "", fmt.Errorf("export report of %s: %w", inspectionID, err)
	}
	data, err := InspectionReport(&d, f, e.lang)
	if err != nil {
		return "", fmt.Errorf("export report of %s: %w", inspectionID, err)
	}
	return e.write(ReportFileName(&d, f), data)
}

// ReportNarrative is the báo cáo's paragraphs as generated from the
// inspection's records, in the exporter's language.
func (e *Exporter) ReportNarrative(ctx context.Context, inspectionID string) (model.Narrative, error) {
	d, err := e.src.ReportData(ctx, e.kinds, inspectionID)
	if err != nil {
		return model.Narrative{}, fmt.Errorf("report narrative of %s: %w", inspectionID, err)
	}
	return DefaultNarrative(&d, e.lang), nil
}

// maxCopies bounds the search for a free file name.
const maxCopies = 999

// write puts data in the export folder under name, or name-2, name-3…
// when taken, and returns the path written.
func (e *Exporter) write(name string, data []byte) (string, error) {
	dir, err := filepath.Abs(e.dir)
	if err != nil {
		return "", folderError(e.dir, err)
	}
	if err := safefile.MkdirAll(dir); err != nil {
		return "", folderError(dir, err)
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for n := 1; n <= maxCopies; n++ {
		p := filepath.Join(dir, name)
		if n > 1 {
			p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, n, ext))
		}
		err := safefile.Write(p, data, safefile.Options{})
		switch model.ErrorCode(err) {
		case "":
			return p, nil
		case model.EExists, model.ENotRegular:
			// Taken, by a document or by something that is not a file
			// (a folder of that name): try the next name.
			continue
		default:
			return "", folderError(dir, err)
		}
	}
	return "", model.NewError(model.ETooManyCopies, nil, dir, name)
}

// folderError names the export folder in what went wrong writing there:
// the person chooses another folder, not another file name.
func folderError(dir string, err error) error {
	switch code := model.ErrorCode(err); code {
	case model.EDiskFull, model.EReadOnly, model.EPermission:
		return model.NewError(code, err, dir)
	case model.EFileMissing, model.EInternal:
		// A file where the folder (or one of its parents) should be makes
		// MkdirAll fail with ENOTDIR, which has no portable errno test:
		// look for the file itself.
		if f := fileInPath(dir); f != "" {
			return model.NewError(model.ENotFolder, err, f)
		}
		return model.NewError(code, err, dir)
	default:
		return err
	}
}

// fileInPath is the first of dir and its parents that exists and is not a
// folder, or "".
func fileInPath(dir string) string {
	for p := dir; ; {
		// A path under a file fails to stat (ENOTDIR, or "not found" on
		// Windows): go up until something exists.
		if st, err := os.Stat(p); err == nil {
			if st.IsDir() {
				return ""
			}
			return p
		}
		up := filepath.Dir(p)
		if up == p {
			return ""
		}
		p = up
	}
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
