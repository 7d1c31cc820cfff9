package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
)

type reportResult struct {
	code           int
	stdout, stderr string
}

// runReport runs kiemtra with args (global flags included) on buffers.
func runReport(t *testing.T, args ...string) reportResult {
	t.Helper()
	g, rest, err := ParseGlobal(args, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		T: i18n.New(g.Lang), Log: discardLog(), Global: g}
	return reportResult{Run(e, rest), out.String(), errb.String()}
}

func TestReportUnit(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	dir := t.TempDir()

	// Markdown to stdout.
	r := runReport(t, "report", "unit", "--db", db, "--unit", "stp", "--format", "md", "--out", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "# BIÊN BẢN KIỂM TRA") || !strings.Contains(r.stdout, "tại Sở Tư pháp") {
		t.Fatalf("md to stdout: %d %q %q", r.code, r.stderr, r.stdout[:min(200, len(r.stdout))])
	}

	// HTML to a file: the path is printed, the file is complete.
	out := filepath.Join(dir, "stp.html")
	r = runReport(t, "report", "unit", "--unit", "STP", "--format", "html", "--out", out, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, out) {
		t.Fatalf("html: %d %q %q", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) || !bytes.HasSuffix(b, []byte("</html>\n")) {
		t.Fatalf("html file: %v %d bytes", err, len(b))
	}

	// The file exists now: refused without --force, replaced with it.
	r = runReport(t, "report", "unit", "--unit", "STP", "--format", "html", "--out", out, "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("overwrite without --force: %d %q", r.code, r.stderr)
	}
	r = runReport(t, "report", "unit", "--unit", "STP", "--format", "html", "--out", out, "--db", db, "--force")
	if r.code != 0 {
		t.Errorf("overwrite with --force: %d %q", r.code, r.stderr)
	}

	// XLSX, in English.
	xl := filepath.Join(dir, "camgiang.xlsx")
	r = runReport(t, "--lang", "en", "report", "unit", "--unit", "CAMGIANG", "--format", "xlsx", "--out", xl, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "Wrote "+xl) {
		t.Fatalf("xlsx: %d %q %q", r.code, r.stdout, r.stderr)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	})
	if got := strings.Join(f.GetSheetList(), ","); got != "Record,Shortcomings,Recommendations,Items" {
		t.Errorf("sheets %q", got)
	}
	if v, _ := f.GetCellValue("Record", "A1"); !strings.Contains(v, "DRAFT") {
		t.Errorf("draft record's first cell %q", v)
	}
}

func TestReportUnitErrors(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no unit", []string{"--format", "md", "--out", "-"}, 2, "--unit"},
		{"no format", []string{"--unit", "STP", "--out", "-"}, 2, "--format"},
		{"csv not for a unit", []string{"--unit", "STP", "--format", "csv", "--out", "-"}, 2, "md, html, docx, xlsx"},
		{"docx to stdout", []string{"--unit", "STP", "--format", "docx", "--out", "-"}, 2, "docx"},
		{"no out", []string{"--unit", "STP", "--format", "md"}, 2, "--out"},
		{"xlsx to stdout", []string{"--unit", "STP", "--format", "xlsx", "--out", "-"}, 2, "xlsx"},
		{"unknown unit", []string{"--unit", "NOPE", "--format", "md", "--out", "-"}, 1, "NOPE"},
		{"unknown inspection", []string{"--unit", "STP", "--inspection", "zzzz", "--format", "md", "--out", "-"}, 1, "zzzz"},
		{"missing folder", []string{"--unit", "STP", "--format", "md", "--out", filepath.Join(dir, "no", "x.md")}, 1,
			"không có tệp hoặc thư mục " + filepath.Join(dir, "no") + "."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runReport(t, append([]string{"report", "unit", "--db", db}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", r.code, tc.code, r.stderr, tc.want)
			}
			if strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 {
				t.Errorf("more than a line of error and usage: %q", r.stderr)
			}
		})
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("failed commands left files: %v", ents)
	}
}

func TestReportSummary(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	dir := t.TempDir()
	for _, f := range []string{"md", "html", "xlsx", "csv", "json"} {
		out := filepath.Join(dir, "tong-hop."+f)
		r := runReport(t, "report", "summary", "--db", db, "--format", f, "--out", out)
		if r.code != 0 || !strings.Contains(r.stdout, out) {
			t.Fatalf("%s: %d %q %q", f, r.code, r.stdout, r.stderr)
		}
		if st, err := os.Stat(out); err != nil || st.Size() < 1000 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// --year gives the same summary as the year's one inspection; JSON and
	// CSV written twice are byte-identical.
	a := runReport(t, "report", "summary", "--db", db, "--year", "2022", "--format", "json", "--out", "-")
	b := runReport(t, "report", "summary", "--db", db, "--format", "json", "--out", "-")
	if a.code != 0 || a.stdout != b.stdout || !strings.Contains(a.stdout, `"unit_code": "STP"`) {
		t.Errorf("json by year and by inspection differ, or fail: %d %q", a.code, a.stderr)
	}
	c1 := runReport(t, "report", "summary", "--db", db, "--format", "csv", "--view", "findings", "--out", "-")
	c2 := runReport(t, "report", "summary", "--db", db, "--format", "csv", "--view", "findings", "--out", "-")
	if c1.code != 0 || c1.stdout != c2.stdout || !strings.HasPrefix(c1.stdout, "\ufeffinspection_id,unit_code") {
		t.Errorf("csv findings: %d %q %q", c1.code, c1.stderr, c1.stdout[:min(60, len(c1.stdout))])
	}
	md := runReport(t, "report", "summary", "--db", db, "--format", "md", "--out", "-")
	if md.code != 0 || !strings.Contains(md.stdout, "| 1 | STP | Sở Tư pháp | Đã hoàn thành |") ||
		!strings.Contains(md.stdout, "*Chưa kiểm tra*") {
		t.Errorf("md summary: %d %q", md.code, md.stderr)
	}

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"both inspection and year", []string{"--inspection", "x", "--year", "2022", "--format", "md", "--out", "-"}, 2, "--year"},
		{"bad year", []string{"--year", "20x2", "--format", "md", "--out", "-"}, 2, "20x2"},
		{"year without inspections", []string{"--year", "2019", "--format", "md", "--out", "-"}, 1, "2019"},
		{"bad format", []string{"--format", "pdf", "--out", "-"}, 2, "pdf"},
		{"view without csv", []string{"--format", "md", "--view", "findings", "--out", "-"}, 2, "--view"},
		{"bad view", []string{"--format", "csv", "--view", "nope", "--out", "-"}, 2, "nope"},
		{"xlsx to stdout", []string{"--format", "xlsx", "--out", "-"}, 2, "xlsx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runReport(t, append([]string{"report", "summary", "--db", db}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", r.code, tc.code, r.stderr, tc.want)
			}
		})
	}
}

func TestReportEmptyDatabase(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "empty.db")
	r := runReport(t, "report", "summary", "--db", db, "--format", "md", "--out", "-")
	if r.code != 1 || !strings.Contains(r.stderr, "plan import") {
		t.Errorf("no inspection: %d %q", r.code, r.stderr)
	}
}

// The three documents a team signs come from the command line in every
// format, Word included; a thông báo of a unit still in draft is refused
// with the reason.
func TestReportDocuments(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "conclusion", "--unit", "stp", "--format", "md", "--out", "-"}, "Số: 15/TB-SNV"},
		{[]string{"report", "inspection", "--format", "md", "--out", "-"}, "Kính gửi: Chủ tịch UBND tỉnh Hải Dương."},
		{[]string{"report", "inspection", "--format", "html", "--out", "-"}, "<h1>BÁO CÁO</h1>"},
	} {
		r := runReport(t, append(tc.args, "--db", db)...)
		if r.code != 0 || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("%v: exit %d %q, output lacks %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	for _, doc := range [][]string{{"unit", "--unit", "STP"}, {"conclusion", "--unit", "STP"}, {"inspection"}} {
		out := filepath.Join(dir, doc[0]+".docx")
		r := runReport(t, append(append([]string{"report"}, doc...), "--format", "docx", "--out", out, "--db", db)...)
		if r.code != 0 || !strings.Contains(r.stdout, out) {
			t.Fatalf("%s docx: %d %q %q", doc[0], r.code, r.stdout, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, []byte("PK")) || !bytes.Contains(b, []byte("word/document.xml")) {
			t.Errorf("%s: %s is not a Word file (%v, %d bytes)", doc[0], out, err, len(b))
		}
	}
	r := runReport(t, "report", "conclusion", "--unit", "CAMGIANG", "--format", "md", "--out", "-", "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, "UBND huyện Cẩm Giàng") || !strings.Contains(r.stderr, "chưa hoàn thành") {
		t.Errorf("thông báo of a draft: exit %d %q", r.code, r.stderr)
	}
	r = runReport(t, "report", "inspection", "--format", "xlsx", "--out", "-", "--db", db)
	if r.code != 2 || !strings.Contains(r.stderr, "md, html, docx") {
		t.Errorf("báo cáo as xlsx: exit %d %q", r.code, r.stderr)
	}
}
