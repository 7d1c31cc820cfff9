package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"kiemtra/i18n"
	"kiemtra/model"
)

// An inspection created entirely in the TUI — its letterhead and team,
// a unit, findings, the biên bản's details, the thông báo kết luận and the
// báo cáo's paragraphs — gives the three documents a team signs, in
// Markdown, HTML and Word, and they print in Chromium and LibreOffice
// with what was typed.
func TestInspectionFromTheTUIToDocuments(t *testing.T) {
	t.Parallel()
	db := openStore(t, false, "Nguyễn Thị Hương")
	dir := t.TempDir()
	a := newExportApp(t, db, dir, i18n.VI, 120, 40)
	ctx := context.Background()

	// The inspection: every field of its letterhead, its căn cứ, its team.
	a = keys(t, a, "n", "Kiểm tra công tác CCHC và kiểm soát TTHC năm 2025", "tab",
		"backspace", "backspace", "backspace", "backspace", "2025", "tab",
		"UBND tỉnh Hải Dương", "tab", "Sở Nội vụ tỉnh Hải Dương", "tab", "Đoàn kiểm tra công tác CCHC và kiểm soát TTHC", "tab",
		"Hải Dương", "tab", "ĐKT", "tab", "SNV", "tab",
		"Kế hoạch số 25/KH-UBND ngày 10/01/2025 của UBND tỉnh Hải Dương", "tab",
		"Quyết định số 1234/QĐ-UBND ngày 01/9/2025 của Chủ tịch UBND tỉnh", "tab",
		"01/09/2025", "tab", "30/11/2025", "tab", "15", "tab", "tab",
		"Trần Văn Minh; Phó Giám đốc; Sở Nội vụ; Trưởng đoàn", "enter",
		"Phạm Đức Long; Chuyên viên; Văn phòng UBND tỉnh; Thành viên", "enter",
		"Vũ Hoàng Nam; Chuyên viên; Sở Nội vụ; Thư ký", "ctrl+s")
	if a.start.formKind != noForm {
		t.Fatalf("inspection form still open: %s", a.start.details.err)
	}
	ins, err := db.Inspections(ctx)
	if err != nil || len(ins) != 1 {
		t.Fatalf("inspections %v %v", ins, err)
	}
	in := ins[0]
	if in.GoverningBody != "UBND tỉnh Hải Dương" || in.TeamCode != "ĐKT" || in.IssuerCode != "SNV" || len(in.Team) != 3 ||
		in.Team[2] != (model.Member{Name: "Vũ Hoàng Nam", Position: "Chuyên viên", Organisation: "Sở Nội vụ", Role: "Thư ký"}) ||
		in.Start != model.NewDate(2025, 9, 1) || in.ReportDays != 15 {
		t.Fatalf("inspection stored as %+v", in)
	}

	// A unit, and a finding found lacking, one met.
	a = keys(t, a, "a", "STP", "tab", "Sở Tư pháp", "tab", "tab", "15/09/2025", "tab", "enter")
	if a.start.formKind != noForm || len(a.start.rows) != 1 {
		t.Fatalf("unit form: %q, %d rows", a.start.form.err, len(a.start.rows))
	}
	a = keys(t, a, "enter", "3", "Chưa niêm yết số điện thoại đường dây nóng tại nơi tiếp nhận hồ sơ.", "tab",
		"Quan sát tại nơi tiếp nhận hồ sơ", "tab", "Niêm yết đường dây nóng tại nơi tiếp nhận hồ sơ.", "tab", "31/10/2025", "esc", "1")

	// The biên bản's details, then finalize.
	a = keys(t, a, "s", "e", "Trụ sở Sở Tư pháp", "tab", "tab", "8:00", "tab", "11h30", "tab", "07", "tab", "tab",
		"Ông; Vũ Văn Phúc; Giám đốc; Sở Tư pháp", "enter", "Bà; Đinh Thị Giang; Chánh Văn phòng; Sở Tư pháp", "tab",
		"Bộ phận Một cửa bố trí khoa học, thuận tiện cho người dân.", "tab", "Đơn vị thống nhất với kết quả kiểm tra.", "ctrl+s")
	if a.summary.mode != summaryBrowse {
		t.Fatalf("visit form still open: %s", a.summary.details.err)
	}
	a = keys(t, a, "f", "y")
	if !a.sess.finalized() {
		t.Fatalf("not finalized: %s", a.status.text)
	}
	// The thông báo kết luận, once finalized.
	a = keys(t, a, "t", "20", "tab")
	for range "dd/mm/yyyy" {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "01/10/2025", "tab", "Trần Văn Minh", "tab", "Phó Giám đốc", "tab", "KT. GIÁM ĐỐC", "tab",
		"Chủ quan: công chức đầu mối mới được phân công.", "ctrl+s")
	if a.summary.mode != summaryBrowse {
		t.Fatalf("conclusion form still open: %s", a.summary.details.err)
	}
	got, err := db.Assessment(ctx, a.sess.assessment.ID)
	if err != nil || got.StartTime != "08:00" || got.EndTime != "11:30" || got.RecordNo != "07" || len(got.Participants) != 2 ||
		got.Conclusion.Number != "20" || got.Conclusion.Date != model.NewDate(2025, 10, 1) || got.Status != model.StatusFinalized {
		t.Fatalf("assessment stored as %+v %v", got, err)
	}

	// The biên bản and the thông báo in each format, from the summary.
	for doc := range 2 {
		for f := range 3 {
			ks := []string{"x"}
			for range doc {
				ks = append(ks, "right")
			}
			ks = append(ks, "tab")
			for range f {
				ks = append(ks, "right")
			}
			a = keys(t, a, append(ks, "enter")...)
			if a.status.isErr {
				t.Fatalf("export %d/%d: %s", doc, f, a.status.text)
			}
		}
	}
	// The báo cáo: a paragraph of the team's own, then export it.
	a = keys(t, a, "esc", "esc", "tab", "b", "30", "tab")
	for range "dd/mm/yyyy" {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "15/10/2025")
	for range 8 {
		a = keys(t, a, "tab")
	}
	a = keys(t, a, "end", " Đề nghị khen thưởng Sở Tư pháp.", "ctrl+s")
	if a.start.formKind != noForm {
		t.Fatalf("report form still open: %s", a.start.details.err)
	}
	in, err = db.Inspection(ctx, in.ID)
	if err != nil || in.Report.Number != "30" || !strings.HasSuffix(in.Report.Proposals, "Đề nghị khen thưởng Sở Tư pháp.") ||
		in.Report.Scope != "" {
		t.Fatalf("report stored as %+v %v (the scope was left as generated: stored empty)", in.Report, err)
	}
	for f := range 3 {
		// The inspection's documents: the summary proposed, the báo cáo
		// before it.
		ks := []string{"x", "left", "tab"}
		for range f {
			ks = append(ks, "right")
		}
		a = keys(t, a, append(ks, "enter")...)
		if a.status.isErr {
			t.Fatalf("export báo cáo %d: %s", f, a.status.text)
		}
	}

	docs := map[string][]string{
		"bien-ban-2025-STP": {"UBND TỈNH HẢI DƯƠNG", "ĐOÀN KIỂM TRA CÔNG TÁC CCHC VÀ KIỂM SOÁT TTHC", "Số: 07/BB-ĐKT",
			"Hải Dương, ngày 15 tháng 9 năm 2025", "BIÊN BẢN KIỂM TRA", "vào hồi 08 giờ 00 phút ngày 15 tháng 9 năm 2025, tại Trụ sở Sở Tư pháp",
			"Căn cứ Kế hoạch số 25/KH-UBND ngày 10/01/2025", "Ông Vũ Văn Phúc, Giám đốc Sở Tư pháp",
			"Chưa niêm yết số điện thoại đường dây nóng", "Bộ phận Một cửa bố trí khoa học", "Niêm yết đường dây nóng",
			"31/10/2025", "trước ngày 16/10/2025", "kết thúc vào hồi 11 giờ 30 phút", "được lập thành 02 bản", "Vũ Hoàng Nam"},
		"thong-bao-ket-luan-2025-STP": {"SỞ NỘI VỤ", "Số: 20/TB-SNV", "Hải Dương, ngày 01 tháng 10 năm 2025", "THÔNG BÁO",
			"Chủ quan: công chức đầu mối mới được phân công.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh", "Lưu: VT, SNV."},
		"bao-cao-ket-qua-2025": {"Số: 30/BC-ĐKT", "Hải Dương, ngày 15 tháng 10 năm 2025", "BÁO CÁO",
			"Kính gửi: Chủ tịch UBND tỉnh Hải Dương.", "Đề nghị khen thưởng Sở Tư pháp.", "PHỤ LỤC", "TRƯỞNG ĐOÀN"},
	}
	files := map[string][]byte{}
	for name, want := range docs {
		md := squashUI(string(readFile(t, filepath.Join(dir, name+".md"))))
		printed := chromeText(t, readFile(t, filepath.Join(dir, name+".html")))
		for _, w := range want {
			if !strings.Contains(md, squashUI(w)) {
				t.Errorf("%s.md lacks %q", name, w)
			}
			if !strings.Contains(printed, squashUI(w)) {
				t.Errorf("%s.html printed lacks %q", name, w)
			}
		}
		files[name] = readFile(t, filepath.Join(dir, name+".docx"))
	}
	for name, text := range officeText(t, files) {
		for _, w := range docs[name] {
			if !strings.Contains(text, squashUI(w)) {
				t.Errorf("%s.docx in LibreOffice lacks %q", name, w)
			}
		}
	}
}

// squashUI drops every space and Markdown mark, for comparing printed
// text (LibreOffice's PDFs read back with spaces inside words).
func squashUI(s string) string {
	s = strings.NewReplacer("*", "", "\\", "", "#", "").Replace(s)
	return strings.Join(strings.Fields(norm.NFC.String(s)), "")
}

func lookTool(t *testing.T, pkg string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Fatalf("no %s: install Debian's %s package (.ci/run does)", names[0], pkg)
	return ""
}

func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	lookTool(t, "poppler-utils", "pdftotext")
	b, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	return squashUI(string(b))
}

// chromeText prints an HTML page in headless Chromium and reads it back.
func chromeText(t *testing.T, html []byte) string {
	t.Helper()
	bin := lookTool(t, "chromium", "chromium", "chromium-browser", "google-chrome")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "doc.html"), filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, html, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if b, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+filepath.ToSlash(in)).CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	return pdfText(t, out)
}

// officeText converts Word files to PDF in LibreOffice Writer (one run,
// its own profile) and reads each back, by name.
func officeText(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	bin := lookTool(t, "libreoffice-writer-nogui", "soffice", "libreoffice")
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")), "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf")}
	for name, b := range files {
		p := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if b, err := exec.CommandContext(ctx, bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	out := map[string]string{}
	for name := range files {
		out[name] = pdfText(t, filepath.Join(dir, "pdf", name+".pdf"))
	}
	return out
}
