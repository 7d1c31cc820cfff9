package report_test

import (
	"context"
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

// chromium finds a Chromium binary, or fails: the print layout is part of
// what the documents promise, and CI (.ci/run) installs Chromium from
// Debian's packages.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium or chromium-browser binary: install Debian's chromium package to test printing (.ci/run does)")
	return ""
}

func poppler(t *testing.T) {
	t.Helper()
	for _, name := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(name); err != nil {
			t.Fatalf("no %s: install Debian's poppler-utils package to test printing (.ci/run does)", name)
		}
	}
}

// printPDF prints an HTML document to PDF in headless Chromium and returns
// its page count and the text of each page (NFC).
func printPDF(t *testing.T, html []byte) (int, []string) {
	t.Helper()
	bin := chromium(t)
	poppler(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "doc.html"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, html, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "--no-pdf-header-footer",
		"file://"+filepath.ToSlash(in))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	info, err := exec.Command("pdfinfo", out).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	if !strings.Contains(string(info), "(A4)") {
		t.Errorf("page size is not A4:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	texts := make([]string, pages)
	for p := 1; p <= pages; p++ {
		b, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), out, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		// One space for every run of white space: table cells wrap words.
		texts[p-1] = strings.Join(strings.Fields(norm.NFC.String(string(b))), " ")
	}
	return pages, texts
}

func TestPrintUnitRecord(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	for _, tc := range []struct {
		unit, name string
		draft      bool
	}{
		{"STP", "Sở Tư pháp", false},
		{"CAMGIANG", "UBND huyện Cẩm Giàng", true},
	} {
		t.Run(tc.unit, func(t *testing.T) {
			h, err := report.UnitRecord(unitRecord(t, db, kinds, tc.unit), report.HTML, i18n.VI)
			if err != nil {
				t.Fatal(err)
			}
			pages, texts := printPDF(t, h)
			if pages < 2 || pages > 12 {
				t.Errorf("%d pages, want 2–12 for one unit's record", pages)
			}
			all := strings.Join(texts, "\n")
			for _, want := range []string{"BIÊN BẢN KIỂM TRA", tc.name, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
				"I. KẾT QUẢ KIỂM TRA THEO LĨNH VỰC", "V. KIẾN NGHỊ"} {
				if !strings.Contains(all, want) {
					t.Errorf("printed text lacks %q", want)
				}
			}
			if strings.Contains(all, "DỰ THẢO") != tc.draft {
				t.Errorf("draft mark printed: %v, want %v", !tc.draft, tc.draft)
			}
			// The signature block is never split across pages: the three
			// titles and the names under them are on one page, the last.
			last := texts[len(texts)-1]
			for _, want := range []string{"ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", "THƯ KÝ", "TRƯỞNG ĐOÀN KIỂM TRA", "Trần Văn Minh"} {
				if !strings.Contains(last, want) {
					t.Errorf("last page lacks the signature block's %q", want)
				}
			}
			// The results table's header repeats when the table runs over a
			// page: every page that shows a field row shows the header too.
			for i, p := range texts {
				if strings.Contains(p, "Cải cách thể chế") && strings.Contains(p, "8,5") && !strings.Contains(p, "Lĩnh vực") {
					t.Errorf("page %d has results rows without the header", i+1)
				}
			}
		})
	}
}

func TestPrintSummary(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	h, err := report.Summary(demoSummary(t, db, kinds), report.HTML, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	pages, texts := printPDF(t, h)
	if pages < 3 {
		t.Errorf("%d pages for the summary with every finding", pages)
	}
	first := texts[0]
	for _, want := range []string{"TỔNG HỢP KẾT QUẢ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2022", "1. Tiến độ kiểm tra",
		"Sở Tư pháp", "Chưa kiểm tra"} {
		if !strings.Contains(first, want) {
			t.Errorf("first page lacks %q", want)
		}
	}
	all := strings.Join(texts, " ")
	for _, want := range []string{"UBND huyện Bình Giang", "3. Những tồn tại phổ biến", "4. Kiến nghị và thời hạn khắc phục",
		"5. Chi tiết kết quả kiểm tra"} {
		if !strings.Contains(all, want) {
			t.Errorf("printed summary lacks %q", want)
		}
	}
	// The findings table runs over many pages and repeats its header on
	// each: every page with finding rows ("1,5/1,5 điểm") has the header.
	row := regexp.MustCompile(`\d+(,\d+)?/\d+(,\d+)? điểm`)
	n := 0
	for i, p := range texts {
		if row.MatchString(p) {
			n++
			if !strings.Contains(p, "Mã đơn vị") || !strings.Contains(p, "Điểm đạt") || !strings.Contains(p, "Ghi chú") {
				t.Errorf("page %d has finding rows without the table header", i+1)
			}
		}
	}
	if n < 2 {
		t.Errorf("finding rows on %d pages; the test expects the table to span pages", n)
	}
}
