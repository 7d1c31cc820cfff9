package report_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/packager"
	"github.com/gomutex/godocx/wml/ctypes"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

// docCase is one document of the demo with what its printed text must
// and must not say, how many pages it may run to, and how to find its
// signatures and the paragraph they are kept with.
type docCase struct {
	name          string
	render        func(report.Format) ([]byte, error)
	want, not     []string
	minPages      int
	maxPages      int
	lead, marker  string
	names         []string
	total, header string // the total row and the row above it ("" when none)
}

func demoDocs(t *testing.T, db *store.DB, kinds []model.KindInfo) []docCase {
	t.Helper()
	ctx := context.Background()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	stp, cam := unitRecord(t, db, kinds, "STP"), unitRecord(t, db, kinds, "CAMGIANG")
	rd, err := db.ReportData(ctx, kinds, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	letterhead := []string{"UBND TỈNH HẢI DƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}
	return []docCase{
		{name: "bien-ban-STP", render: func(f report.Format) ([]byte, error) { return report.UnitRecord(stp, f, i18n.VI) },
			want: append([]string{"ĐOÀN KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", "Số: 01/BB-ĐKT", "Hải Dương, ngày 18 tháng 10 năm 2022",
				"BIÊN BẢN KIỂM TRA", "Kiểm tra công tác cải cách hành chính năm 2022 tại Sở Tư pháp",
				"Hôm nay, vào hồi 08 giờ 00 phút ngày 18 tháng 10 năm 2022, tại Trụ sở Sở Tư pháp",
				"Ông Đỗ Quang Huy, Phó Giám đốc Sở Tư pháp", "Bà Nguyễn Thị Mai, Chánh Văn phòng Sở Tư pháp",
				"II. NỘI DUNG KIỂM TRA", "Hồ sơ, tài liệu đã xem:", "III. KẾT QUẢ CHẤM ĐIỂM", "Tổng cộng", "IV. ƯU ĐIỂM",
				"Lãnh đạo Sở quan tâm chỉ đạo công tác CCHC", "V. TỒN TẠI, HẠN CHẾ", "VI. Ý KIẾN, GIẢI TRÌNH CỦA ĐƠN VỊ", "VII. KIẾN NGHỊ",
				"trước ngày 16/11/2022 (15 ngày kể từ ngày ban hành Thông báo kết luận kiểm tra)",
				"Biên bản kết thúc vào hồi 11 giờ 30 phút cùng ngày, được lập thành 02 bản có giá trị như nhau"}, letterhead...),
			not:      []string{"Xếp loại", "DỰ THẢO", "(ví dụ)", "(Chưa ghi nhận)"},
			minPages: 3, maxPages: 12, lead: "thống nhất ký tên.", marker: "THƯ KÝ",
			names: []string{"Đỗ Quang Huy", "Vũ Hoàng Nam", "Trần Văn Minh"}, total: "Tổng cộng", header: "8. Tác động của cải cách hành chính"},
		{name: "bien-ban-CAMGIANG", render: func(f report.Format) ([]byte, error) { return report.UnitRecord(cam, f, i18n.VI) },
			want:     append([]string{"DỰ THẢO", "UBND huyện Cẩm Giàng", "Tổng điểm tạm tính", "chưa đánh giá"}, letterhead...),
			not:      []string{"Xếp loại"},
			minPages: 2, maxPages: 10, lead: "thống nhất ký tên.", marker: "THƯ KÝ", names: []string{"Vũ Hoàng Nam", "Trần Văn Minh"},
			total: "Tổng cộng", header: "8. Tác động của cải cách hành chính"},
		{name: "thong-bao-STP", render: func(f report.Format) ([]byte, error) { return report.Conclusion(stp, f, i18n.VI) },
			want: append([]string{"SỞ NỘI VỤ", "Số: 15/TB-SNV", "Hải Dương, ngày 01 tháng 11 năm 2022", "THÔNG BÁO",
				"Kết luận kiểm tra công tác cải cách hành chính năm 2022 tại Sở Tư pháp", "(Biên bản kiểm tra số 01/BB-ĐKT)",
				"I. KẾT QUẢ ĐẠT ĐƯỢC", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "2. Nguyên nhân", "Chủ quan:",
				"III. KIẾN NGHỊ, YÊU CẦU", "Sở Tư pháp báo cáo kết quả khắc phục về Sở Nội vụ tỉnh Hải Dương trước ngày 16/11/2022 (15 ngày kể từ ngày ban hành Thông báo này)",
				"Nơi nhận:", "- UBND tỉnh Hải Dương (để báo cáo);", "- Lưu: VT, SNV.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh"},
				letterhead...),
			not:      []string{"Xếp loại", "DỰ THẢO", "SỞ NỘI VỤ TỈNH HẢI DƯƠNG"},
			minPages: 2, maxPages: 8, lead: "ngày ban hành Thông báo này).", marker: "Nơi nhận:", names: []string{"Trần Văn Minh"}},
		{name: "bao-cao", render: func(f report.Format) ([]byte, error) { return report.InspectionReport(&rd, f, i18n.VI) },
			want: append([]string{"ĐOÀN KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", "Số: 30/BC-ĐKT", "Hải Dương, ngày 30 tháng 11 năm 2022",
				"BÁO CÁO", "Kết quả kiểm tra công tác cải cách hành chính năm 2022", "Kính gửi: Chủ tịch UBND tỉnh Hải Dương.",
				"Theo kế hoạch, Đoàn kiểm tra 12 đơn vị, gồm 05 sở, ban, ngành và 07 UBND cấp huyện",
				"02 đơn vị đã hoàn thành kiểm tra", "Những tồn tại, hạn chế phổ biến", "2. Đề xuất với UBND tỉnh",
				"Nơi nhận:", "TRƯỞNG ĐOÀN", "Trần Văn Minh", "PHỤ LỤC", "(Kèm theo Báo cáo số 30/BC-ĐKT ngày 30/11/2022",
				"chưa kiểm tra"}, letterhead...),
			not:      []string{"Xếp loại", "DỰ THẢO"},
			minPages: 3, maxPages: 10, lead: "Trên đây là báo cáo kết quả kiểm tra", marker: "Nơi nhận:", names: []string{"Trần Văn Minh"}},
	}
}

// checkPrinted holds a printed document to its case.
func checkPrinted(t *testing.T, how string, c docCase, p printed) {
	t.Helper()
	what := c.name + " " + how
	if n := len(p.pages); n < c.minPages || n > c.maxPages {
		t.Errorf("%s: %d pages, want %d–%d", what, n, c.minPages, c.maxPages)
	}
	all := p.all()
	for _, w := range c.want {
		if !has(all, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
	for _, w := range c.not {
		if has(all, w) {
			t.Errorf("%s prints %q", what, w)
		}
	}
	signaturesKept(t, what, p, c.lead, c.marker, c.names...)
	if c.total != "" {
		totalKept(t, what, p, c.total, c.header)
	}
}

// Every document, printed from HTML by Chromium, says what it must, on
// A4, without the browser's header and footer lines, its signatures
// never alone at the top of a page.
func TestPrintDocumentsHTML(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	for _, c := range demoDocs(t, db, kinds) {
		h, err := c.render(report.HTML)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		p := printPDF(t, h)
		checkPrinted(t, "(HTML)", c, p)
		noBrowserLines(t, c.name, p)
		if c.name == "bao-cao" {
			for i, pg := range p.pages {
				if has(pg, "PHỤ LỤC") && has(pg, "Nơi nhận:") {
					t.Errorf("page %d holds both the signatures and the phụ lục: the phụ lục starts a page", i+1)
				}
			}
		}
	}
}

// Every document, opened in LibreOffice Writer from its .docx, says the
// same as its HTML, on A4, its signatures never alone at the top of a
// page, its pages numbered from the second.
func TestPrintDocumentsDOCX(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	cases := demoDocs(t, db, kinds)
	files := map[string][]byte{}
	for _, c := range cases {
		b, err := c.render(report.DOCX)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		files[c.name] = b
	}
	out := officePDF(t, files)
	long := 0
	for _, c := range cases {
		checkPrinted(t, "(Word)", c, out[c.name])
		if len(out[c.name].pages) > 1 {
			pagesNumbered(t, c.name+" (Word)", out[c.name])
			long++
		}
	}
	if long == 0 {
		t.Error("no document runs over one page: the page numbers go untested")
	}
}

// docxContent is a .docx read back with godocx: each paragraph's text
// (table cells' paragraphs apart) and each table's cells.
type docxContent struct {
	root   *docx.RootDoc
	paras  []string
	tables [][][]string
	keeps  []bool // keepNext of each paragraph
}

func paraText(p *ctypes.Paragraph) string {
	var b strings.Builder
	for _, ch := range p.Children {
		if ch.Run == nil {
			continue
		}
		for _, rc := range ch.Run.Children {
			if rc.Text != nil {
				b.WriteString(rc.Text.Text)
			}
		}
	}
	return b.String()
}

func readDocx(t *testing.T, b []byte) docxContent {
	t.Helper()
	rd, err := packager.Unpack(&b)
	if err != nil {
		t.Fatalf("godocx cannot read the file back: %v", err)
	}
	out := docxContent{root: rd}
	for _, ch := range rd.Document.Body.Children {
		switch {
		case ch.Para != nil:
			ct := ch.Para.GetCT()
			out.paras = append(out.paras, paraText(ct))
			out.keeps = append(out.keeps, ct.Property != nil && ct.Property.KeepNext != nil)
		case ch.Table != nil:
			var rows [][]string
			for _, rc := range ch.Table.GetCT().RowContents {
				var cells []string
				for _, cc := range rc.Row.Contents {
					var ps []string
					for _, bc := range cc.Cell.Contents {
						if bc.Paragraph != nil {
							ps = append(ps, paraText(bc.Paragraph))
						}
					}
					cells = append(cells, strings.Join(ps, "\n"))
				}
				rows = append(rows, cells)
			}
			out.tables = append(out.tables, rows)
		}
	}
	return out
}

// The .docx reads back with the page, the paragraphs and the table cells
// the documents promise.
func TestDocxReadBack(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	r := unitRecord(t, db, kinds, "STP")
	b, err := report.UnitRecord(r, report.DOCX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	d := readDocx(t, b)
	sect := d.root.Document.Body.SectPr
	if sect == nil || sect.PageSize == nil || *sect.PageSize.Width != 11906 || *sect.PageSize.Height != 16838 {
		t.Fatalf("page is not A4: %+v", sect)
	}
	// NĐ 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm
	// (1 mm = 56.7 twips).
	m := sect.PageMargin
	mm := func(v *int) float64 { return float64(*v) / 56.6929 }
	if mm(m.Top) < 19.9 || mm(m.Top) > 25.1 || mm(m.Bottom) < 19.9 || mm(m.Bottom) > 25.1 || mm(m.Left) < 29.9 ||
		mm(m.Left) > 35.1 || mm(m.Right) < 14.9 || mm(m.Right) > 20.1 {
		t.Errorf("margins %.1f/%.1f/%.1f/%.1f mm", mm(m.Top), mm(m.Right), mm(m.Bottom), mm(m.Left))
	}
	def := d.root.DocStyles.DocDefaults.RunProp.RunProp
	if def.Fonts.Ascii != "Times New Roman" || def.Size.Value < 26 || def.Size.Value > 28 {
		t.Errorf("default face %q %d half-points, want Times New Roman 13–14 pt", def.Fonts.Ascii, def.Size.Value)
	}
	// The letterhead: issuer and number on the left, Quốc hiệu and the
	// place and date on the right.
	head := d.tables[0][0]
	if !strings.Contains(head[0], "ĐOÀN KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH") || !strings.Contains(head[0], "Số: 01/BB-ĐKT") ||
		!strings.Contains(head[1], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || !strings.Contains(head[1], "Hải Dương, ngày 18 tháng 10 năm 2022") {
		t.Errorf("letterhead %q", head)
	}
	if d.paras[0] != "BIÊN BẢN KIỂM TRA" || d.paras[1] != "Kiểm tra công tác cải cách hành chính năm 2022 tại Sở Tư pháp" {
		t.Errorf("title %q", d.paras[:2])
	}
	// The results table: a row per field and the total, with the scores
	// the record holds.
	var results [][]string
	for _, tb := range d.tables {
		if len(tb) > 0 && len(tb[0]) == 6 && tb[0][1] == "Lĩnh vực" {
			results = tb
		}
	}
	if len(results) != len(r.Scorecard.Fields)+2 {
		t.Fatalf("results table %q", results)
	}
	tot := results[len(results)-1]
	o := r.Scorecard.Overall
	if tot[1] != "Tổng cộng" || tot[4] != o.Score.Format(',') || tot[3] != o.AdjustedMax.Format(',') {
		t.Errorf("total row %q, want %s of %s", tot, o.Score, o.AdjustedMax)
	}
	// The paragraph before the signatures is kept with them.
	last := len(d.paras) - 1
	for last >= 0 && d.paras[last] == "" {
		last--
	}
	if !strings.HasPrefix(d.paras[last], "Biên bản kết thúc vào hồi 11 giờ 30 phút") || !d.keeps[last] {
		t.Errorf("last paragraph %q kept with the signatures: %v", d.paras[last], d.keeps[last])
	}
	sigs := d.tables[len(d.tables)-1]
	if len(sigs) != 3 || sigs[2][0] != "Đỗ Quang Huy" || sigs[2][1] != "Vũ Hoàng Nam" || sigs[2][2] != "Trần Văn Minh" ||
		!strings.Contains(sigs[0][0], "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA") || sigs[0][2] != "TRƯỞNG ĐOÀN" {
		t.Errorf("signatures %q", sigs)
	}
	// Word files are made the same way every time: the same data gives
	// the same bytes, so a sample can be compared and exports diffed.
	again, err := report.UnitRecord(r, report.DOCX, i18n.VI)
	if err != nil || string(again) != string(b) {
		t.Error("two Word files of the same record differ")
	}
}

// A thông báo kết luận follows a finalized biên bản: a draft is refused
// with a code the TUI and the command line word.
func TestConclusionOfDraftRefused(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	_, err := report.Conclusion(unitRecord(t, db, kinds, "CAMGIANG"), report.DOCX, i18n.VI)
	if !errors.Is(err, &model.Error{Code: model.ENotFinal}) {
		t.Fatalf("thông báo of a draft: %v", err)
	}
	if got := i18n.New(i18n.VI).Err(err); !strings.Contains(got, "UBND huyện Cẩm Giàng") || !strings.Contains(got, "chưa hoàn thành") {
		t.Errorf("in words: %q", got)
	}
}

// The documents' numbers never mislead: an item marked không áp dụng
// shows as such, never as 0 of its maximum; a score resting on a default
// wording or points carries (*) and the note saying so; "Xếp loại" is
// printed only for a finalized, complete record of a checklist whose
// bands have a basis.
func TestNumbersNeverMislead(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	r := unitRecord(t, db, kinds, "STP")
	md := func(r *model.UnitRecord) string {
		b, err := report.UnitRecord(r, report.Markdown, i18n.VI)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	s := withFindings(t, demoSummary(t, db, kinds))
	var na model.FindingRow
	for _, f := range s.Findings {
		if f.Finding.Result == model.ResultNotApplicable {
			na = f
			break
		}
	}
	if na.ItemCode == "" {
		t.Fatal("the demo has no item marked không áp dụng")
	}
	sum, err := report.Summary(s, report.Markdown, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range strings.Split(string(sum), "\n") {
		if !strings.HasPrefix(l, "| "+na.UnitCode+" | "+na.ItemCode+" |") {
			continue
		}
		found = true
		if strings.Contains(l, "0/"+na.Max.Format(',')) || !strings.Contains(l, "không áp dụng") {
			t.Errorf("không áp dụng shown as a score: %s", l)
		}
	}
	if !found {
		t.Errorf("no finding row for %s %s in the summary", na.UnitCode, na.ItemCode)
	}

	plain := md(r)
	if strings.Contains(plain, "Xếp loại") || strings.Contains(plain, "(*)") {
		t.Fatal("the demo record classifies or marks defaults, though its checklist has neither")
	}
	// Bands with a basis: classified, once finalized and complete.
	cl := *r.Checklist
	cl.BandsBasis = "Quyết định số 336/QĐ-UBND ngày 01/3/2023 (ví dụ kiểm thử)"
	classed := *r
	classed.Checklist = &cl
	classed.Scorecard.Band = cl.Classify(classed.Scorecard.Overall.Percent())
	if got := md(&classed); !strings.Contains(got, "**Xếp loại: "+classed.Scorecard.Band.Label+".**") {
		t.Errorf("a checklist with a basis for its bands: no classification printed")
	}
	draft := classed
	draft.Assessment.Status = model.StatusDraft
	if got := md(&draft); strings.Contains(got, "Xếp loại") || !strings.Contains(got, "Tổng điểm tạm tính") {
		t.Errorf("a draft is classified, or not marked provisional")
	}
	// An item resting on a default: its field and its score marked.
	def := *r.Checklist
	def.Fields = append([]model.Field(nil), def.Fields...)
	for fi := range def.Fields {
		f := &def.Fields[fi]
		f.Criteria = append([]model.Criterion(nil), f.Criteria...)
		for ci := range f.Criteria {
			c := &f.Criteria[ci]
			c.Items = append([]model.Item(nil), c.Items...)
			for ii := range c.Items {
				for _, sh := range r.Shortcomings() {
					if c.Items[ii].Code == sh.Item.Code && fi == 2 {
						c.Items[ii].Default = true
					}
				}
			}
		}
	}
	def.Index()
	marked := *r
	marked.Checklist = &def
	got := md(&marked)
	if !strings.Contains(got, "3. Cải cách thủ tục hành chính (\\*)") || !strings.Contains(got, "điểm (\\*).)") ||
		!strings.Contains(got, "Lĩnh vực có mục chấm theo nội dung hoặc thang điểm mặc định") {
		t.Errorf("scores resting on defaults are not marked:\n%s", got)
	}
}
