package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// newExportApp is a test App on the demo database whose exports go to dir.
func newExportApp(t *testing.T, db *store.DB, dir string, lang i18n.Lang, w, h int) App {
	t.Helper()
	return newExportAppWith(t, db, testExporter(t, db, dir, lang), lang, w, h)
}

func newExportAppWith(t *testing.T, db *store.DB, ex Exporter, lang i18n.Lang, w, h int) App {
	t.Helper()
	deps := testDeps(t, db, lang)
	deps.Exporter = ex
	return startApp(t, deps, w, h)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExportUnitRecordFromSummary(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	dir := t.TempDir()
	a := newExportApp(t, db, dir, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "STP")
	a = keys(t, a, "s", "x")
	if a.summary.mode != summaryExport {
		t.Fatalf("x on the summary: mode %d", a.summary.mode)
	}
	requireContains(t, a, "Xuất tài liệu", "Biên bản kiểm tra Sở Tư pháp", "Word (.docx, sửa và ký trước khi ban hành)",
		"Thư mục lưu  "+dir)
	// enter exports the proposed document in the first format (Word).
	a = keys(t, a, "enter")
	docx := filepath.Join(dir, "bien-ban-2022-STP.docx")
	if b := readFile(t, docx); !bytes.HasPrefix(b, []byte("PK\x03\x04")) || !bytes.Contains(b, []byte("word/document.xml")) {
		t.Fatalf("%s is not a Word file: % x", docx, b[:min(8, len(b))])
	}
	requireContains(t, a, "Đã xuất: "+docx)
	// HTML is the next format.
	a = keys(t, a, "x", "tab", "right", "enter")
	want := filepath.Join(dir, "bien-ban-2022-STP.html")
	first := readFile(t, want)
	if !bytes.HasPrefix(first, []byte("<!DOCTYPE html>")) || !bytes.Contains(first, []byte("Sở Tư pháp")) {
		t.Fatalf("%s does not hold the record: %.200s", want, first)
	}
	if a.summary.mode != summaryBrowse || a.status.isErr {
		t.Fatalf("after export: mode %d, status %q", a.summary.mode, a.status.text)
	}
	requireContains(t, a, "Đã xuất: "+want)

	// The same export again never replaces the first file.
	a = keys(t, a, "x", "tab", "right", "enter")
	second := filepath.Join(dir, "bien-ban-2022-STP-2.html")
	if !bytes.Equal(readFile(t, want), first) || !bytes.Equal(readFile(t, second), first) {
		t.Fatal("the second export replaced the first file or differs from it")
	}
	requireContains(t, a, "Đã xuất: "+second)

	// Excel: the fourth format; the file is a zip (xlsx) container.
	a = keys(t, a, "x", "tab", "right", "right", "right", "enter")
	xlsx := filepath.Join(dir, "bien-ban-2022-STP.xlsx")
	if b := readFile(t, xlsx); !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		t.Fatalf("%s is not an xlsx file: % x", xlsx, b[:min(8, len(b))])
	}
	requireContains(t, a, "Đã xuất: "+xlsx)

	// esc closes the form without writing anything.
	before, _ := os.ReadDir(dir)
	a = keys(t, a, "x", "esc")
	after, _ := os.ReadDir(dir)
	if a.summary.mode != summaryBrowse || len(after) != len(before) {
		t.Fatalf("esc: mode %d, %d files (was %d)", a.summary.mode, len(after), len(before))
	}
}

func TestExportSummaryFromStart(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	dir := filepath.Join(t.TempDir(), "Tài liệu", "kiemtra") // created at the first export
	a := newExportApp(t, db, dir, i18n.VI, 120, 40)
	// With the inspection list focused, x proposes the summary, as Excel.
	a = keys(t, a, "x")
	requireContains(t, a, "Tổng hợp kết quả đợt kiểm tra", "Excel (.xlsx)")
	if got := a.start.export.form.fields[0].options; len(got) != 2 || got[0] != "Báo cáo kết quả kiểm tra của đợt" {
		t.Fatalf("documents offered without a selected unit: %v", got)
	}
	// Markdown is the third summary format.
	a = keys(t, a, "tab", "right", "right", "enter")
	md := filepath.Join(dir, "tong-hop-2022.md")
	b := readFile(t, md)
	if !bytes.Contains(b, []byte("# TỔNG HỢP KẾT QUẢ KIỂM TRA")) || !bytes.Contains(b, []byte("Sở Tư pháp")) {
		t.Fatalf("%s does not hold the summary: %.300s", md, b)
	}
	requireContains(t, a, "Đã xuất: "+md)
	if a.start.export.open {
		t.Fatal("the form stayed open after exporting")
	}

	// With a unit selected, x proposes its record; CSV is not offered for it.
	a = keys(t, a, "tab", "x")
	row := a.start.rows[a.start.unitCursor]
	docs := 3 // biên bản, báo cáo, tổng hợp; and the thông báo once finalized
	if row.assessment.Status == model.StatusFinalized {
		docs = 4
	}
	if len(a.start.export.form.fields[0].options) != docs || len(a.start.export.form.fields[1].options) != len(unitFormats) {
		t.Fatalf("unit export form: %q, %q", a.start.export.form.fields[0].options, a.start.export.form.fields[1].options)
	}
	unit := row.unit
	requireContains(t, a, "Biên bản kiểm tra "+unit.Name)
	a = keys(t, a, "tab", "right", "enter")
	rec := filepath.Join(dir, "bien-ban-2022-"+unit.Code+".html")
	if b := readFile(t, rec); !bytes.Contains(b, []byte(unit.Name)) {
		t.Fatalf("%s lacks the unit's name", rec)
	}
	requireContains(t, a, "Đã xuất: "+rec)

	// Switching the document to the summary (the last one: left from the
	// first) offers the summary's formats.
	a = keys(t, a, "x", "left", "tab", "right", "right", "right", "enter")
	csv := filepath.Join(dir, "tong-hop-2022.csv")
	if b := readFile(t, csv); !bytes.Contains(b, []byte("STP")) {
		t.Fatalf("%s lacks the units: %.200s", csv, b)
	}
}

func TestExportErrorsAreShown(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	// The export folder's place is taken by a file: nothing can be written.
	blocker := filepath.Join(t.TempDir(), "Documents")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var last error
	a := newExportAppWith(t, db, recordingExporter{testExporter(t, db, blocker, i18n.VI), &last}, i18n.VI, 120, 40)
	a = keys(t, a, "x", "enter")
	if !a.status.isErr || a.status.exported != "" || last == nil {
		t.Fatalf("status after a failed export: %+v (exporter said %v)", a.status, last)
	}
	requireExportFailure(t, a, last)
	if b := readFile(t, blocker); string(b) != "x" {
		t.Fatal("the failed export changed the file in the way")
	}
}

func TestExportEnglishAndWithoutExporter(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	dir := t.TempDir()
	a := newExportApp(t, db, dir, i18n.EN, 120, 40)
	requireContains(t, a, "x export")
	a = keys(t, a, "x")
	requireContains(t, a, "Export a document", "Summary of the inspection", "Folder    "+dir)
	a = keys(t, a, "enter")
	requireContains(t, a, "Exported: "+filepath.Join(dir, "tong-hop-2022.xlsx"))

	// Without an exporter the key does nothing and the help does not offer it.
	b := newTestApp(t, db, i18n.VI, 120, 40)
	if strings.Contains(screen(b), "xuất tệp") {
		t.Fatalf("help offers export without an exporter:\n%s", screen(b))
	}
	b = keys(t, b, "x")
	if b.start.export.open {
		t.Fatal("x opened a form without an exporter")
	}
}

func TestShortenPathKeepsFileName(t *testing.T) {
	t.Parallel()
	p := filepath.Join(string(filepath.Separator)+"home", "nguyen-thi-huong", "Documents", "kiem-tra", "bien-ban-2022-STP.html")
	got := shortenPath(p, 40)
	if !strings.HasSuffix(got, "bien-ban-2022-STP.html") || len([]rune(got)) > 40 || !strings.Contains(got, "…") {
		t.Fatalf("shortenPath = %q", got)
	}
	if shortenPath(p, 200) != p {
		t.Fatal("a path that fits was changed")
	}
}

// TestExportDiskFullAndReadOnly exports to a tiny tmpfs that is full, then
// read-only: each failure is explained in words and leaves no file behind.
// Linux and root only (it mounts a filesystem), like the store's tests.
func TestExportDiskFullAndReadOnly(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skipf("needs Linux to mount a tmpfs (this is %s)", runtime.GOOS)
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs; run as root (e.g. in CI's container) to include this test")
	}
	dir := filepath.Join(t.TempDir(), "usb")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	fill(t, filepath.Join(dir, "filler"))

	db := openStore(t, true, "Nguyễn Thị Hương")
	var last error
	a := newExportAppWith(t, db, recordingExporter{testExporter(t, db, dir, i18n.VI), &last}, i18n.VI, 120, 40)
	a = keys(t, a, "x", "enter")
	requireExportFailure(t, a, last)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("files left on the full disk: %v", entries)
	}

	if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount ro: %v: %s", err, out)
	}
	last = nil
	a = keys(t, a, "x", "enter")
	requireExportFailure(t, a, last)
}

// recordingExporter is the real exporter keeping the last error of an
// export, so a test can ask for the catalogue's words for it.
type recordingExporter struct {
	Exporter
	last *error
}

func (r recordingExporter) ExportUnit(ctx context.Context, id, format string) (string, error) {
	p, err := r.Exporter.ExportUnit(ctx, id, format)
	*r.last = err
	return p, err
}

func (r recordingExporter) ExportSummary(ctx context.Context, id, format string) (string, error) {
	p, err := r.Exporter.ExportSummary(ctx, id, format)
	*r.last = err
	return p, err
}

func (r recordingExporter) ExportConclusion(ctx context.Context, id, format string) (string, error) {
	p, err := r.Exporter.ExportConclusion(ctx, id, format)
	*r.last = err
	return p, err
}

func (r recordingExporter) ExportReport(ctx context.Context, id, format string) (string, error) {
	p, err := r.Exporter.ExportReport(ctx, id, format)
	*r.last = err
	return p, err
}

// requireExportFailure checks the status line gives the catalogue's words
// for the export's error, and never the error's own text.
func requireExportFailure(t *testing.T, a App, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("the export did not fail")
	}
	requireStatus(t, a, "✗ Chưa xuất được: "+i18n.New(i18n.VI).Err(err))
	if strings.Contains(screen(a), err.Error()) {
		t.Fatalf("the screen shows the error's own text %q", err.Error())
	}
}

func fill(t *testing.T, path string) {
	t.Helper()
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = fh.Close() }() // the filler is deleted unread
	buf := make([]byte, 4096)
	for {
		if _, err := fh.Write(buf); err != nil {
			if errors.Is(err, syscall.ENOSPC) || errors.Is(err, io.ErrShortWrite) {
				return
			}
			t.Fatalf("fill %s: %v", path, err)
		}
	}
}
