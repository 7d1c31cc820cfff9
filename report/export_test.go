package report_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

// demoExporter is an Exporter over this test's copy of the demo database,
// writing into dir; it returns the IDs of STP's assessment and of the
// inspection.
func demoExporter(t *testing.T, dir string, lang i18n.Lang) (*report.Exporter, string, string) {
	t.Helper()
	db, kinds := demoDB(t)
	ctx := context.Background()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.AssessmentOf(ctx, in.ID, "STP")
	if err != nil {
		t.Fatal(err)
	}
	return report.NewExporter(db, dir, lang, kinds), a.ID, in.ID
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func TestExporterNeverReplaces(t *testing.T) {
	t.Parallel()
	// The folder does not exist yet: the first export makes it, 0700.
	dir := filepath.Join(t.TempDir(), "Tài liệu", "kiemtra")
	ex, unit, insp := demoExporter(t, dir, i18n.VI)
	if ex.ExportDir() != dir {
		t.Errorf("ExportDir %q, want %q", ex.ExportDir(), dir)
	}
	ctx := context.Background()
	first, err := ex.ExportUnit(ctx, unit, "html")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "bien-ban-2022-STP.html"); first != want {
		t.Fatalf("wrote %s, want %s", first, want)
	}
	b, err := os.ReadFile(first)
	if err != nil || !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) || !bytes.Contains(b, []byte("Sở Tư pháp")) {
		t.Fatalf("%s does not hold STP's record (%v): %.200s", first, err, b)
	}
	if runtime.GOOS != "windows" {
		if m := mode(t, first); m != 0o600 {
			t.Errorf("file mode %v, want 0600", m)
		}
		if m := mode(t, dir); m != 0o700 {
			t.Errorf("folder mode %v, want 0700", m)
		}
	}

	// Again: a new name, the first file untouched.
	second, err := ex.ExportUnit(ctx, unit, "html")
	if err != nil || second != filepath.Join(dir, "bien-ban-2022-STP-2.html") {
		t.Fatalf("second export: %s, %v", second, err)
	}
	if again, _ := os.ReadFile(first); !bytes.Equal(again, b) {
		t.Error("the second export changed the first file")
	}
	// A folder holding the next name is passed over, not replaced.
	if err := os.Mkdir(filepath.Join(dir, "bien-ban-2022-STP-3.html"), 0o700); err != nil {
		t.Fatal(err)
	}
	third, err := ex.ExportUnit(ctx, unit, "html")
	if err != nil || third != filepath.Join(dir, "bien-ban-2022-STP-4.html") {
		t.Fatalf("export past a folder: %s, %v", third, err)
	}

	// Every summary format, under the summary's name.
	for _, f := range report.SummaryFormats {
		p, err := ex.ExportSummary(ctx, insp, string(f))
		if err != nil || p != filepath.Join(dir, "tong-hop-2022"+f.Ext()) {
			t.Fatalf("summary %s: %s, %v", f, p, err)
		}
		if st, err := os.Stat(p); err != nil || st.Size() < 1000 {
			t.Errorf("summary %s: %v", f, err)
		}
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 4+len(report.SummaryFormats) {
		t.Errorf("folder holds %d entries, want %d (no temporary files): %v", len(left), 4+len(report.SummaryFormats), left)
	}
}

func TestExporterRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tmp := t.TempDir()

	// The folder's place is taken by a file: ENotFolder names it, and the
	// file is left as it was.
	blocker := filepath.Join(tmp, "Documents")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	ex, unit, _ := demoExporter(t, filepath.Join(blocker, "kiemtra"), i18n.VI)
	_, err := ex.ExportUnit(ctx, unit, "md")
	if model.ErrorCode(err) != model.ENotFolder || !slices.Equal(model.ErrorParams(err), []string{blocker}) {
		t.Fatalf("folder is a file: %v", err)
	}
	if got := i18n.New(i18n.VI).Err(err); !strings.Contains(got, "không ghi được vào thư mục "+blocker) {
		t.Errorf("in words: %q", got)
	}
	if b, _ := os.ReadFile(blocker); string(b) != "x" {
		t.Error("the failed export changed the file in the way")
	}

	// A format the document does not come in.
	ex, unit, insp := demoExporter(t, filepath.Join(tmp, "out"), i18n.EN)
	if _, err := ex.ExportUnit(ctx, unit, "csv"); !errors.Is(err, report.ErrFormat) {
		t.Errorf("record as csv: %v", err)
	}
	if _, err := ex.ExportSummary(ctx, insp, "pdf"); !errors.Is(err, report.ErrFormat) {
		t.Errorf("summary as pdf: %v", err)
	}

	// A record that is not there keeps the store's code.
	if _, err := ex.ExportUnit(ctx, "no-such-assessment", "md"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown assessment: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Join(tmp, "out")); len(ents) != 0 {
		t.Errorf("refused exports left files: %v", ents)
	}

	// Every numbered name taken: ETooManyCopies names the folder and the
	// document, and nothing is written.
	full := filepath.Join(tmp, "full")
	if err := os.Mkdir(full, 0o700); err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= 999; n++ {
		name := "bien-ban-2022-STP.md"
		if n > 1 {
			name = fmt.Sprintf("bien-ban-2022-STP-%d.md", n)
		}
		if err := os.WriteFile(filepath.Join(full, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ex, unit, _ = demoExporter(t, full, i18n.VI)
	_, err = ex.ExportUnit(ctx, unit, "md")
	if model.ErrorCode(err) != model.ETooManyCopies || !slices.Equal(model.ErrorParams(err), []string{full, "bien-ban-2022-STP.md"}) {
		t.Errorf("every name taken: %v", err)
	}
	if ents, _ := os.ReadDir(full); len(ents) != 999 {
		t.Errorf("%d files in the full folder, want 999", len(ents))
	}
}

// failingSource is a data source that fails, to check the Exporter passes
// the store's error on with its code.
type failingSource struct{ err error }

func (s failingSource) UnitRecord(context.Context, string, []model.KindInfo) (model.UnitRecord, error) {
	return model.UnitRecord{}, s.err
}

func (s failingSource) Summary(context.Context, []model.KindInfo, ...string) (model.Summary, error) {
	return model.Summary{}, s.err
}

func (s failingSource) ReportData(context.Context, []model.KindInfo, string) (model.ReportData, error) {
	return model.ReportData{}, s.err
}

func TestExporterSourceErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	busy := fmt.Errorf("read: %w", model.NewError(model.EBusy, nil, "/data/kiemtra.db"))
	ex := report.NewExporter(failingSource{busy}, dir, i18n.EN, nil)
	_, err := ex.ExportSummary(context.Background(), "x", "xlsx")
	if model.ErrorCode(err) != model.EBusy || !strings.Contains(i18n.New(i18n.EN).Err(err), "/data/kiemtra.db is locked") {
		t.Errorf("busy database: %v", err)
	}
	if _, err := ex.ExportUnit(context.Background(), "x", "html"); !errors.Is(err, busy) {
		t.Errorf("busy database (record): %v", err)
	}
	for name, fn := range map[string]func() error{
		"thông báo": func() error { _, err := ex.ExportConclusion(context.Background(), "x", "docx"); return err },
		"báo cáo":   func() error { _, err := ex.ExportReport(context.Background(), "x", "docx"); return err },
		"narrative": func() error { _, err := ex.ReportNarrative(context.Background(), "x"); return err },
	} {
		if err := fn(); !errors.Is(err, busy) {
			t.Errorf("busy database (%s): %v", name, err)
		}
	}
	if _, err := ex.ExportReport(context.Background(), "x", "xlsx"); !errors.Is(err, report.ErrFormat) {
		t.Errorf("báo cáo as xlsx: %v", err)
	}
}

// *store.DB is the Source the program uses.
var _ report.Source = (*store.DB)(nil)
