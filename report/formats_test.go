package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
)

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	})
	return f
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func raw(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// isNumber reports whether the cell holds a number, not text.
func isNumber(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	ct, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return ct == excelize.CellTypeUnset || ct == excelize.CellTypeNumber
}

func checkFrozenTable(t *testing.T, f *excelize.File, sheet, wantRange string) {
	t.Helper()
	p, err := f.GetPanes(sheet)
	if err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("%s: panes %+v %v, want the header row frozen", sheet, p, err)
	}
	tables, err := f.GetTables(sheet)
	if err != nil || len(tables) != 1 || tables[0].Range != wantRange {
		t.Errorf("%s: tables %+v %v, want one filtered table over %s", sheet, tables, err, wantRange)
	}
}

func TestUnitRecordXLSX(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	r := unitRecord(t, db, kinds, "STP")
	b, err := report.UnitRecord(r, report.XLSX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, b)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Biên bản|Tồn tại|Kiến nghị|Chi tiết" {
		t.Errorf("sheets %q", got)
	}
	rows, err := f.GetRows("Biên bản")
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, row := range rows {
		text += strings.Join(row, " ") + "\n"
	}
	for _, want := range []string{"BIÊN BẢN KIỂM TRA", "Công tác cải cách hành chính năm 2022 tại Sở Tư pháp",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Xếp loại: Khá.", "TRƯỞNG ĐOÀN KIỂM TRA", "Trần Văn Minh",
		"trước ngày 02/11/2022"} {
		if !strings.Contains(text, want) {
			t.Errorf("record sheet lacks %q", want)
		}
	}
	// The totals row holds numbers: 78.5 of an adjusted 90, 87.22 %.
	found := false
	for i, row := range rows {
		if len(row) > 1 && row[1] == "Tổng cộng" {
			found = true
			ref := func(c string) string { return c + itoa(i+1) }
			if raw(t, f, "Biên bản", ref("E")) != "78.5" || raw(t, f, "Biên bản", ref("D")) != "90" ||
				!isNumber(t, f, "Biên bản", ref("E")) {
				t.Errorf("total row %v", row)
			}
			if v := raw(t, f, "Biên bản", ref("F")); v != "0.8722" || cell(t, f, "Biên bản", ref("F")) != "87.22%" {
				t.Errorf("total percent %q / %q", v, cell(t, f, "Biên bản", ref("F")))
			}
		}
	}
	if !found {
		t.Error("no total row")
	}

	items := r.Checklist.ItemCount()
	checkFrozenTable(t, f, "Chi tiết", "A1:J"+itoa(items+1))
	if cell(t, f, "Chi tiết", "C1") != "Nội dung kiểm tra" || cell(t, f, "Chi tiết", "B2") != "1.1.1" ||
		cell(t, f, "Chi tiết", "D2") == "" || !isNumber(t, f, "Chi tiết", "F2") {
		t.Errorf("detail sheet row 2: %q %q %q", cell(t, f, "Chi tiết", "C1"), cell(t, f, "Chi tiết", "B2"), cell(t, f, "Chi tiết", "D2"))
	}
	if w, _ := f.GetColWidth("Chi tiết", "C"); w < 40 || w > 60 {
		t.Errorf("question column width %.1f, want room for Vietnamese text (40–60)", w)
	}
	sh := r.Shortcomings()
	checkFrozenTable(t, f, "Tồn tại", "A1:H"+itoa(len(sh)+1))
	if cell(t, f, "Tồn tại", "B2") != sh[0].Item.Code || !isNumber(t, f, "Tồn tại", "E2") {
		t.Errorf("shortcomings row 2: %q", cell(t, f, "Tồn tại", "B2"))
	}
	rc := r.Recommendations()
	checkFrozenTable(t, f, "Kiến nghị", "A1:E"+itoa(len(rc)+1))
	if v := cell(t, f, "Kiến nghị", "E2"); v != rc[0].Finding.Deadline.VN() {
		t.Errorf("deadline shown as %q, want %s", v, rc[0].Finding.Deadline.VN())
	}
	if isNumber(t, f, "Kiến nghị", "E2") == false {
		t.Error("deadline is not stored as a date number")
	}

	// English workbook: English sheet names.
	b, err = report.UnitRecord(r, report.XLSX, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(openXLSX(t, b).GetSheetList(), "|"); got != "Record|Shortcomings|Recommendations|Items" {
		t.Errorf("English sheets %q", got)
	}
}

func itoa(n int) string { return jsonInt(n) }

func jsonInt(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestSummaryXLSX(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	s := demoSummary(t, db, kinds)
	b, err := report.Summary(s, report.XLSX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, b)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Tổng hợp|Tồn tại|Kiến nghị|Chi tiết" {
		t.Errorf("sheets %q", got)
	}
	// Columns: kind, rank, code, unit, state, 8 fields (F–M), score N,
	// adjusted max O, percent P, class Q, answered R, total S, date T.
	checkFrozenTable(t, f, "Tổng hợp", "A1:T13")
	if h := cell(t, f, "Tổng hợp", "F1"); !strings.HasPrefix(h, "LV1 — Chỉ đạo") {
		t.Errorf("field header %q", h)
	}
	if cell(t, f, "Tổng hợp", "C2") != "STP" || raw(t, f, "Tổng hợp", "B2") != "1" || !isNumber(t, f, "Tổng hợp", "B2") ||
		raw(t, f, "Tổng hợp", "N2") != "78.5" || raw(t, f, "Tổng hợp", "P2") != "0.8722" || cell(t, f, "Tổng hợp", "Q2") != "Khá" {
		t.Errorf("STP row: rank %q score %q pct %q class %q", raw(t, f, "Tổng hợp", "B2"), raw(t, f, "Tổng hợp", "N2"),
			raw(t, f, "Tổng hợp", "P2"), cell(t, f, "Tổng hợp", "Q2"))
	}
	// A unit not yet assessed: marked, no rank, no score, never 0.
	if cell(t, f, "Tổng hợp", "C3") != "SKHDT" || cell(t, f, "Tổng hợp", "E3") != "Chưa kiểm tra" ||
		cell(t, f, "Tổng hợp", "B3") != "" || cell(t, f, "Tổng hợp", "N3") != "" || cell(t, f, "Tổng hợp", "P3") != "" {
		t.Errorf("unassessed row: %q %q rank %q score %q", cell(t, f, "Tổng hợp", "C3"), cell(t, f, "Tổng hợp", "E3"),
			cell(t, f, "Tổng hợp", "B3"), cell(t, f, "Tổng hợp", "N3"))
	}
	if w, _ := f.GetColWidth("Tổng hợp", "D"); w < 20 {
		t.Errorf("unit name column %.1f wide", w)
	}
	checkFrozenTable(t, f, "Tồn tại", "A1:J"+itoa(len(s.Shortcomings)+1))
	if raw(t, f, "Tồn tại", "E2") != itoa(s.Shortcomings[0].Units) || !isNumber(t, f, "Tồn tại", "E2") {
		t.Errorf("top shortcoming units %q", raw(t, f, "Tồn tại", "E2"))
	}
	checkFrozenTable(t, f, "Kiến nghị", "A1:N"+itoa(len(s.Recommendations)+1))
	checkFrozenTable(t, f, "Chi tiết", "A1:N"+itoa(len(s.Findings)+1))
	if cell(t, f, "Chi tiết", "B2") != "STP" || cell(t, f, "Chi tiết", "F2") != "1.1.1" || !isNumber(t, f, "Chi tiết", "I2") {
		t.Errorf("findings row 2: %q %q", cell(t, f, "Chi tiết", "B2"), cell(t, f, "Chi tiết", "F2"))
	}

	b, err = report.Summary(s, report.XLSX, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(openXLSX(t, b).GetSheetList(), "|"); got != "Summary|Shortcomings|Recommendations|Findings" {
		t.Errorf("English sheets %q", got)
	}
}

// A note typed with markup reaches the documents as text.
func TestEscaping(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	r := unitRecord(t, db, kinds, "STP")
	hostile := `<script>alert("x")</script> | *đậm* & [link](http://x)`
	for i := range r.Findings {
		if r.Findings[i].Result == model.ResultFail {
			r.Findings[i].Note = hostile
			break
		}
	}
	h, err := report.UnitRecord(r, report.HTML, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(h, []byte("<script")) || !bytes.Contains(h, []byte("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;")) {
		t.Error("HTML does not escape a note holding <script>")
	}
	m, err := report.UnitRecord(r, report.Markdown, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(m, []byte(`\<script\>alert("x")\</script\> \| \*đậm\* & \[link\](http://x)`)) {
		t.Error("Markdown does not escape the note's markup")
	}
}

func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	for _, fn := range []func() ([]byte, error){
		func() ([]byte, error) {
			return report.UnitRecord(unitRecord(t, db, kinds, "STP"), report.HTML, i18n.VI)
		},
		func() ([]byte, error) { return report.Summary(demoSummary(t, db, kinds), report.HTML, i18n.VI) },
	} {
		h, err := fn()
		if err != nil {
			t.Fatal(err)
		}
		s := string(h)
		for _, want := range []string{`<html lang="vi">`, `<meta charset="utf-8">`, "size: A4", "margin: 20mm 15mm",
			`"Times New Roman", "Noto Serif", "DejaVu Serif"`, "page-break-inside: avoid", "table-header-group"} {
			if !strings.Contains(s, want) {
				t.Errorf("HTML lacks %q", want)
			}
		}
		for _, bad := range []string{"<link", "<script", "src=", "@import", "url(", "http://", "https://"} {
			if strings.Contains(s, bad) {
				t.Errorf("HTML refers to an outside resource: %q", bad)
			}
		}
	}
}

func TestMachineFormatsDeterministic(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	ctx := context.Background()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	recs, ins, err := db.UnitRecords(ctx, kinds, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	a := model.BuildSummary(recs, ins, kinds)
	// Same data, records and findings in another order.
	for i, j := 0, len(recs)-1; i < j; i, j = i+1, j-1 {
		recs[i], recs[j] = recs[j], recs[i]
	}
	for i := range recs {
		fs := recs[i].Findings
		for x, y := 0, len(fs)-1; x < y; x, y = x+1, y-1 {
			fs[x], fs[y] = fs[y], fs[x]
		}
	}
	b := model.BuildSummary(recs, ins, kinds)
	for _, f := range []report.Format{report.JSON, report.CSV} {
		for _, v := range report.Views {
			x, err := report.SummaryView(&a, f, v, i18n.VI)
			if err != nil {
				t.Fatal(err)
			}
			y, err := report.SummaryView(&b, f, v, i18n.EN) // machine formats do not depend on the language
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(x, y) {
				t.Errorf("%s %s: two renderings of the same data differ", f, v)
			}
		}
	}
}

func TestSummaryJSON(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	s := demoSummary(t, db, kinds)
	b, err := report.Summary(s, report.JSON, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format   string `json:"format"`
		Version  int    `json:"version"`
		Year     int    `json:"year"`
		Progress []struct {
			Kind       string `json:"kind"`
			Units      int    `json:"units"`
			NotStarted int    `json:"not_started"`
		} `json:"progress"`
		Units []struct {
			UnitCode       string   `json:"unit_code"`
			State          string   `json:"state"`
			Score          float64  `json:"score"`
			Percent        *float64 `json:"percent"`
			Rank           *int     `json:"rank"`
			Classification *string  `json:"classification"`
			Fields         []struct {
				Code  string  `json:"code"`
				Score float64 `json:"score"`
			} `json:"fields"`
		} `json:"units"`
		Findings []struct {
			UnitCode string  `json:"unit_code"`
			Item     string  `json:"item"`
			Result   string  `json:"result"`
			Score    float64 `json:"score"`
			Deadline string  `json:"deadline"`
		} `json:"findings"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var loose map[string]any
	if err := json.Unmarshal(b, &loose); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != "kiemtra-summary" || doc.Version != 1 || doc.Year != 2022 {
		t.Errorf("header %q %d %d", doc.Format, doc.Version, doc.Year)
	}
	if len(doc.Progress) != 3 || doc.Progress[2].Kind != "" || doc.Progress[2].Units != 12 || doc.Progress[2].NotStarted != 6 {
		t.Errorf("progress %+v", doc.Progress)
	}
	u := doc.Units[0]
	if u.UnitCode != "STP" || u.State != "final" || u.Score != 78.5 || u.Percent == nil || *u.Percent != 87.22 ||
		u.Rank == nil || *u.Rank != 1 || u.Classification == nil || *u.Classification != "Khá" || len(u.Fields) != 8 {
		t.Errorf("STP %+v", u)
	}
	n := doc.Units[1]
	if n.UnitCode != "SKHDT" || n.State != "not_started" || n.Percent != nil || n.Rank != nil || n.Classification != nil {
		t.Errorf("unassessed unit %+v", n)
	}
	if len(doc.Findings) != len(s.Findings) || doc.Findings[0].UnitCode != "STP" || doc.Findings[0].Item != "1.1.1" {
		t.Errorf("%d findings, first %+v", len(doc.Findings), doc.Findings[0])
	}
	// Decimal dots and ISO dates in the machine format.
	if !bytes.Contains(b, []byte(`"percent": 87.22`)) || !bytes.Contains(b, []byte(`"deadline": "2022-12-02"`)) {
		t.Error("JSON numbers or dates not in machine form")
	}
}

func TestSummaryCSV(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	s := demoSummary(t, db, kinds)
	// A note with a comma, quotes and a line break must survive.
	tricky := "Sổ theo dõi \"một cửa\", trang 3\nthiếu chữ ký"
	for i := range s.Findings {
		if s.Findings[i].UnitCode == "STP" && s.Findings[i].ItemCode == "1.1.1" {
			s.Findings[i].Finding.Note = tricky
		}
	}
	for _, v := range report.Views {
		b, err := report.SummaryView(s, report.CSV, v, i18n.VI)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Fatalf("%s: no UTF-8 BOM", v)
		}
		if !bytes.Contains(b, []byte("\r\n")) {
			t.Errorf("%s: lines not CRLF", v)
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		switch v {
		case report.ViewSummary:
			if len(rows) != 13 || rows[0][0] != "kind" || rows[0][2] != "unit_code" || rows[0][14] != "field_1_score" {
				t.Errorf("summary head %v, %d rows", rows[0], len(rows))
			}
			if r := rows[1]; r[1] != "1" || r[2] != "STP" || r[3] != "Sở Tư pháp" || r[6] != "78.5" || r[9] != "87.22" || r[5] != "Khá" {
				t.Errorf("STP row %v", r)
			}
			if r := rows[2]; r[2] != "SKHDT" || r[4] != "not_started" || r[1] != "" || r[9] != "" {
				t.Errorf("unassessed row %v", r)
			}
		case report.ViewFindings:
			if len(rows) != len(s.Findings)+1 || rows[1][12] != tricky || rows[1][9] == "" {
				t.Errorf("findings: %d rows, first %v", len(rows), rows[1])
			}
		case report.ViewShortcomings:
			if len(rows) != len(s.Shortcomings)+1 || rows[1][4] != itoa(s.Shortcomings[0].Units) {
				t.Errorf("shortcomings first %v", rows[1])
			}
		case report.ViewRecommendations:
			if len(rows) != len(s.Recommendations)+1 || rows[1][14] == "" || rows[1][15] != "2022-12-02" {
				t.Errorf("recommendations first %v", rows[1])
			}
		}
	}
}

func TestFormatsAndNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]report.Format{"md": report.Markdown, "Markdown": report.Markdown, "HTML": report.HTML,
		"xlsx": report.XLSX, "csv": report.CSV, "json": report.JSON} {
		if f, err := report.ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, f, err)
		}
	}
	// A format a document does not come in is an EFormat error naming it
	// and the formats there are, which the catalogue words.
	_, err := report.ParseFormat("pdf")
	if !errors.Is(err, report.ErrFormat) || !slices.Equal(model.ErrorParams(err), []string{"pdf", "md, html, xlsx, csv, json"}) {
		t.Errorf("pdf: %v", err)
	}
	if got, want := i18n.New(i18n.VI).Err(err), `tài liệu này không có định dạng "pdf" (dùng md, html, xlsx, csv, json).`; got != want {
		t.Errorf("pdf in words: %q, want %q", got, want)
	}
	if f, err := report.ParseFormatOf("HTML", report.UnitFormats); err != nil || f != report.HTML {
		t.Errorf("ParseFormatOf(HTML) = %q, %v", f, err)
	}
	_, err = report.ParseFormatOf("csv", report.UnitFormats)
	if !errors.Is(err, report.ErrFormat) || !slices.Equal(model.ErrorParams(err), []string{"csv", "md, html, xlsx"}) {
		t.Errorf("csv for a record: %v", err)
	}
	db, kinds := demoDB(t)
	r := unitRecord(t, db, kinds, "STP")
	if _, err := report.UnitRecord(r, report.CSV, i18n.VI); !errors.Is(err, report.ErrFormat) {
		t.Errorf("unit record as CSV: %v", err)
	}
	if _, err := report.Summary(demoSummary(t, db, kinds), report.Format("pdf"), i18n.VI); !errors.Is(err, report.ErrFormat) {
		t.Errorf("summary as pdf: %v", err)
	}
	if v, ok := report.ParseView(" Findings "); !ok || v != report.ViewFindings {
		t.Errorf("ParseView(Findings) = %q, %v", v, ok)
	}
	if _, ok := report.ParseView("nope"); ok {
		t.Error("view nope accepted")
	}
	if n := report.UnitFileName(r, report.HTML); n != "bien-ban-2022-STP.html" {
		t.Errorf("file name %q", n)
	}
	if n := report.SummaryFileName(demoSummary(t, db, kinds), report.XLSX); n != "tong-hop-2022.xlsx" {
		t.Errorf("file name %q", n)
	}
}
