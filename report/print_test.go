package report_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"kiemtra/i18n"
	"kiemtra/report"
)

// These helpers print documents the way the people who receive them do:
// HTML in Chromium ("Save as PDF"), Word files in LibreOffice Writer; then
// read the PDF back with poppler. A missing tool fails the test: .ci/run
// installs Debian's chromium, libreoffice-writer-nogui and poppler-utils.

func lookTool(t *testing.T, pkg string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatalf("no %s: install Debian's %s package to test printing (.ci/run does)", names[0], pkg)
	return ""
}

// printed is a PDF read back: its page count and each page's text (NFC,
// white space runs made one space).
type printed struct {
	pages []string
	a4    bool
}

func (p printed) all() string { return strings.Join(p.pages, "\n") }

// squash drops every space: LibreOffice's PDFs of justified Vietnamese
// text come back from pdftotext with spaces inside words ("t ại"), so
// texts are compared without any.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// has reports whether the page text holds want, spaces aside.
func has(page, want string) bool { return strings.Contains(squash(page), squash(want)) }

// readPDF reads a PDF file back.
func readPDF(t *testing.T, path string) printed {
	t.Helper()
	lookTool(t, "poppler-utils", "pdfinfo")
	lookTool(t, "poppler-utils", "pdftotext")
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(string(m[1]))
	// A4 is 595.28 × 841.89 pt; LibreOffice and Chromium round it apart.
	size := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(info)
	var out printed
	if size != nil {
		w, _ := strconv.ParseFloat(string(size[1]), 64)
		h, _ := strconv.ParseFloat(string(size[2]), 64)
		portrait := w > 594 && w < 597 && h > 840 && h < 843
		out.a4 = portrait || h > 594 && h < 597 && w > 840 && w < 843
	}
	// One pdftotext run; pages end with a form feed.
	b, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(norm.NFC.String(string(b)), "\f")
	for p := 0; p < n; p++ {
		text := ""
		if p < len(pages) {
			text = pages[p]
		}
		out.pages = append(out.pages, strings.Join(strings.Fields(text), " "))
	}
	return out
}

// printPDF prints an HTML document to PDF in headless Chromium, with the
// browser's own header and footer left on: a document that prints clean
// suppresses them itself.
func printPDF(t *testing.T, html []byte) printed {
	t.Helper()
	bin := lookTool(t, "chromium", "chromium", "chromium-browser", "google-chrome")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "doc.html"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, html, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+filepath.ToSlash(in))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	p := readPDF(t, out)
	if !p.a4 {
		t.Error("Chromium's page is not A4")
	}
	return p
}

// officePDF converts Word files to PDF with LibreOffice Writer, all in one
// run with a profile of the test's own (so tests run in parallel), and
// returns each file's PDF read back, by name.
func officePDF(t *testing.T, files map[string][]byte) map[string]printed {
	t.Helper()
	bin := lookTool(t, "libreoffice-writer-nogui", "soffice", "libreoffice")
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")), "--headless",
		"--norestore", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf")}
	for name, b := range files {
		p := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if b, err := exec.CommandContext(ctx, bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	out := map[string]printed{}
	for name := range files {
		pdf := filepath.Join(dir, "pdf", name+".pdf")
		if _, err := os.Stat(pdf); err != nil {
			t.Fatalf("LibreOffice made no PDF of %s: %v", name, err)
		}
		p := readPDF(t, pdf)
		if !p.a4 {
			t.Errorf("%s: LibreOffice's page is not A4", name)
		}
		out[name] = p
	}
	return out
}

// noBrowserLines fails when a page carries what a browser prints in its
// own header and footer: the file's address, a date and time, "1/7".
func noBrowserLines(t *testing.T, what string, p printed) {
	t.Helper()
	clock := regexp.MustCompile(`\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}`)
	for i, pg := range p.pages {
		if strings.Contains(pg, "file:") || clock.MatchString(pg) || strings.Contains(pg, fmt.Sprintf("%d/%d", i+1, len(p.pages))) {
			t.Errorf("%s page %d carries the browser's header or footer: %.200q", what, i+1, pg)
		}
	}
}

// signaturesKept fails unless the signature block — found by marker, a
// text only it holds ("THƯ KÝ", "Nơi nhận:") — is on one page with the
// names under it and with the paragraph before it (lead): signatures
// never start a page on their own, nor leave their names behind.
func signaturesKept(t *testing.T, what string, p printed, lead, marker string, names ...string) {
	t.Helper()
	at := -1
	for i, pg := range p.pages {
		if has(pg, marker) {
			at = i
		}
	}
	if at < 0 {
		t.Errorf("%s: no signature block (%q) printed", what, marker)
		return
	}
	pg := squash(p.pages[at])
	m := strings.LastIndex(pg, squash(marker))
	if l := strings.LastIndex(pg, squash(lead)); l < 0 || l > m {
		t.Errorf("%s: page %d starts with the signature block; %q is on the page before", what, at+1, lead)
	}
	for _, n := range names {
		if n != "" && !strings.Contains(pg[m:], squash(n)) {
			t.Errorf("%s: page %d has the signature block without the name %s under it", what, at+1, n)
		}
	}
}

// totalKept fails when the total row is printed on a page without the
// row above it (lastRow, text only that row holds near the total):
// "Tổng cộng" never starts a page alone. pdftotext may read a table's
// cells column by column, so the rows are looked for, not their order.
func totalKept(t *testing.T, what string, p printed, total, lastRow string) {
	t.Helper()
	found := false
	for i, pg := range p.pages {
		if !has(pg, total) {
			continue
		}
		found = true
		if !has(pg, lastRow) {
			t.Errorf("%s: page %d prints the %q row without the row above it", what, i+1, total)
		}
	}
	if !found {
		t.Errorf("%s: no %q row printed", what, total)
	}
}

func TestPrintSummary(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	h, err := report.Summary(demoSummary(t, db, kinds), report.HTML, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	p := printPDF(t, h)
	if len(p.pages) < 3 {
		t.Errorf("%d pages for the summary with every finding", len(p.pages))
	}
	noBrowserLines(t, "summary", p)
	first := p.pages[0]
	for _, want := range []string{"TỔNG HỢP KẾT QUẢ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2022", "1. Tiến độ kiểm tra",
		"Sở Tư pháp", "Chưa kiểm tra"} {
		if !has(first, want) {
			t.Errorf("first page lacks %q", want)
		}
	}
	all := p.all()
	for _, want := range []string{"UBND huyện Bình Giang", "3. Những tồn tại phổ biến", "4. Kiến nghị và thời hạn khắc phục",
		"5. Chi tiết kết quả kiểm tra", "Tỷ lệ (%) của mỗi lĩnh vực tính trên điểm tối đa sau khi trừ các mục không áp dụng"} {
		if !has(all, want) {
			t.Errorf("printed summary lacks %q", want)
		}
	}
	if has(all, "Xếp loại") {
		t.Error("the summary classifies though no checklist's bands have a basis")
	}
	// The findings table runs over many pages and repeats its header on
	// each: every page with finding rows ("1,5/1,5 điểm") has the header.
	row := regexp.MustCompile(`\d+(,\d+)?/\d+(,\d+)? điểm`)
	n := 0
	for i, pg := range p.pages {
		if row.MatchString(pg) {
			n++
			if !strings.Contains(pg, "Mã đơn vị") || !strings.Contains(pg, "Điểm đạt") || !strings.Contains(pg, "Ghi chú") {
				t.Errorf("page %d has finding rows without the table header", i+1)
			}
		}
	}
	if n < 2 {
		t.Errorf("finding rows on %d pages; the test expects the table to span pages", n)
	}
	totalKept(t, "summary", p, "Tổng cộng", "UBND cấp huyện")
}

// In every segment of the probe documents (report.KeepProbe) — each
// starting a page with one more line before its blocks than the last —
// the total row and the signatures are printed with what comes before
// them, by Chromium and by LibreOffice: some segments put a page's end
// right above each block, which without the keeps would leave it alone at
// the top of the next page.
func TestBlocksNeverAloneAtTopOfPage(t *testing.T) {
	t.Parallel()
	h, d, err := report.KeepProbe()
	if err != nil {
		t.Fatal(err)
	}
	check := func(how string, p printed) {
		seg := -1
		for i, pg := range p.pages {
			if m := regexp.MustCompile(`ĐOẠN THỬ (\d\d)`).FindStringSubmatch(pg); m != nil {
				seg, _ = strconv.Atoi(m[1])
			}
			s := squash(pg)
			// pdftotext may read a table's cells column by column, so
			// "alone" is: no other row of the table on the page.
			if strings.Contains(s, "Tổngcộng") && !strings.Contains(s, "Lĩnhvựcthửsố8") {
				t.Errorf("%s: segment %d, page %d starts its table with the total row alone", how, seg, i+1)
			}
			if at := strings.Index(s, "ĐẠIDIỆNĐƠNVỊĐƯỢCKIỂMTRA"); at >= 0 && !strings.Contains(s[:at], "thốngnhấtkýtên") {
				t.Errorf("%s: segment %d, page %d starts with the signatures", how, seg, i+1)
			}
			if at := strings.Index(s, "ĐẠIDIỆNĐƠNVỊĐƯỢCKIỂMTRA"); at >= 0 && !strings.Contains(s[at:], "Trưởngđoàn") {
				t.Errorf("%s: segment %d, page %d has the signatures' titles without their names", how, seg, i+1)
			}
		}
		if seg != report.KeepProbeSegments-1 {
			t.Errorf("%s: the last segment read is %d of %d", how, seg, report.KeepProbeSegments)
		}
	}
	html, word := printPDF(t, h), officePDF(t, map[string][]byte{"probe": d})["probe"]
	check("Chromium", html)
	check("LibreOffice", word)
	pagesNumbered(t, "Chromium", html)
	pagesNumbered(t, "LibreOffice", word)
}

// pagesNumbered fails unless each page from the second begins with its
// number (the header, at the top centre) and the first carries none
// (Nghị định 30/2020, Phụ lục I).
func pagesNumbered(t *testing.T, how string, p printed) {
	t.Helper()
	if len(p.pages) < 2 {
		t.Fatalf("%s: %d page; the test needs a document of several", how, len(p.pages))
	}
	for i, pg := range p.pages {
		first, _, _ := strings.Cut(pg, " ")
		switch {
		case i == 0 && first == "1":
			t.Errorf("%s: the first page is numbered: %.80q", how, pg)
		case i > 0 && first != strconv.Itoa(i+1):
			t.Errorf("%s: page %d does not begin with its number: %.80q", how, i+1, pg)
		}
	}
}
