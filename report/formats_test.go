package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
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
	for _, want := range []string{"BIÊN BẢN KIỂM TRA", "Kiểm tra công tác cải cách hành chính năm 2022 tại Sở Tư pháp",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 01/BB-ĐKT", "Hải Dương, ngày 18 tháng 10 năm 2022", "TRƯỞNG ĐOÀN",
		"Trần Văn Minh", "Ông Đỗ Quang Huy, Phó Giám đốc Sở Tư pháp", "vào hồi 08 giờ 00 phút",
		"trước ngày 16/11/2022 (15 ngày kể từ ngày ban hành Thông báo kết luận kiểm tra)"} {
		if !strings.Contains(text, want) {
			t.Errorf("record sheet lacks %q", want)
		}
	}
	// The demo's checklist gives its bands no basis: no classification.
	if strings.Contains(text, "Xếp loại") {
		t.Error("the record sheet classifies, without a basis for it")
	}
	// The totals row holds numbers: 78.5 of an adjusted 90, 87.22 %.
	found := false
	for i, row := range rows {
		if len(row) > 1 && row[1] == "Tổng cộng" {
			found = true
			ref := func(c string) string { return c + itoa(i+1) }
			if raw(t, f, "Biên bản", ref("E")) != itoa(int(r.Scorecard.Overall.Score.Float())) &&
				raw(t, f, "Biên bản", ref("E")) != r.Scorecard.Overall.Score.String() || !isNumber(t, f, "Biên bản", ref("E")) ||
				raw(t, f, "Biên bản", ref("D")) != r.Scorecard.Overall.AdjustedMax.String() {
				t.Errorf("total row %v, want %s of %s", row, r.Scorecard.Overall.Score, r.Scorecard.Overall.AdjustedMax)
			}
			wantPct := strconv.FormatFloat(math.Round(r.Scorecard.Overall.Percent()*100)/10000, 'f', -1, 64)
			if v := raw(t, f, "Biên bản", ref("F")); v != wantPct || !strings.HasSuffix(cell(t, f, "Biên bản", ref("F")), "%") {
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
	if got := strings.Join(f.GetSheetList(), "|"); got != "Tổng hợp|Tồn tại|Kiến nghị|Chi tiết|Theo dõi kiến nghị" {
		t.Errorf("sheets %q", got)
	}
	// Columns: kind, rank, code, unit, state, 8 fields as percentages
	// (F–M), score N, adjusted max O, percent P, answered Q, total R, date
	// S; no classification, as the demo's checklists give their bands no
	// basis.
	checkFrozenTable(t, f, "Tổng hợp", "A1:S13")
	if h := cell(t, f, "Tổng hợp", "F1"); !strings.HasPrefix(h, "LV1 (%) — Chỉ đạo") {
		t.Errorf("field header %q", h)
	}
	stp := s.Rows[0]
	wantPct := strconv.FormatFloat(math.Round(stp.Percent*100)/10000, 'f', -1, 64)
	wantF1 := strconv.FormatFloat(math.Round(stp.Fields[0].Percent()*100)/10000, 'f', -1, 64)
	if cell(t, f, "Tổng hợp", "C2") != "STP" || raw(t, f, "Tổng hợp", "B2") != "1" || !isNumber(t, f, "Tổng hợp", "B2") ||
		raw(t, f, "Tổng hợp", "N2") != stp.Overall.Score.String() || raw(t, f, "Tổng hợp", "P2") != wantPct ||
		raw(t, f, "Tổng hợp", "F2") != wantF1 || cell(t, f, "Tổng hợp", "Q2") != itoa(stp.Overall.Answered) {
		t.Errorf("STP row: rank %q score %q pct %q (want %s) LV1 %q (want %s)", raw(t, f, "Tổng hợp", "B2"), raw(t, f, "Tổng hợp", "N2"),
			raw(t, f, "Tổng hợp", "P2"), wantPct, raw(t, f, "Tổng hợp", "F2"), wantF1)
	}
	for c := 'A'; c <= 'S'; c++ {
		if h := cell(t, f, "Tổng hợp", string(c)+"1"); strings.Contains(h, "Xếp loại") {
			t.Errorf("column %c is a classification without a basis", c)
		}
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
	h := withFindings(t, s)
	checkFrozenTable(t, f, "Kiến nghị", "A1:N"+itoa(len(h.Recommendations)+1))
	checkFrozenTable(t, f, "Chi tiết", "A1:N"+itoa(len(h.Findings)+1))
	// Both sheets come from one pass: the kiến nghị sheet holds exactly
	// the findings rows with a recommendation, in their order.
	recRows, err := f.GetRows("Kiến nghị")
	if err != nil {
		t.Fatal(err)
	}
	allRows, err := f.GetRows("Chi tiết")
	if err != nil {
		t.Fatal(err)
	}
	var withRec [][]string
	for _, r := range allRows[1:] {
		if len(r) > 12 && strings.TrimSpace(r[12]) != "" {
			withRec = append(withRec, r)
		}
	}
	if len(allRows) != len(h.Findings)+1 || len(withRec) == 0 || !reflect.DeepEqual(recRows[1:], withRec) {
		t.Errorf("kiến nghị sheet: %d rows; the findings sheet has %d of %d with one", len(recRows)-1, len(withRec), len(allRows)-1)
	}
	if cell(t, f, "Chi tiết", "B2") != "STP" || cell(t, f, "Chi tiết", "F2") != "1.1.1" || !isNumber(t, f, "Chi tiết", "I2") {
		t.Errorf("findings row 2: %q %q", cell(t, f, "Chi tiết", "B2"), cell(t, f, "Chi tiết", "F2"))
	}

	b, err = report.Summary(s, report.XLSX, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(openXLSX(t, b).GetSheetList(), "|"); got != "Summary|Shortcomings|Recommendations|Findings|Follow-up" {
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
			`"Times New Roman"`, "page-break-inside: avoid", "table-header-group", "@top-center", "@bottom-center"} {
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
	s := withFindings(t, demoSummary(t, db, kinds))
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
	u, stp := doc.Units[0], s.Rows[0]
	if u.UnitCode != "STP" || u.State != "final" || u.Score != stp.Overall.Score.Float() || u.Percent == nil ||
		*u.Percent != model.RoundPercent(stp.Percent) || u.Rank == nil || *u.Rank != 1 || len(u.Fields) != 8 {
		t.Errorf("STP %+v", u)
	}
	// The demo's checklist gives its bands no basis: no classification.
	if u.Classification != nil {
		t.Errorf("STP classified %q without a basis", *u.Classification)
	}
	n := doc.Units[1]
	if n.UnitCode != "SKHDT" || n.State != "not_started" || n.Percent != nil || n.Rank != nil || n.Classification != nil {
		t.Errorf("unassessed unit %+v", n)
	}
	if len(doc.Findings) != len(s.Findings) || doc.Findings[0].UnitCode != "STP" || doc.Findings[0].Item != "1.1.1" {
		t.Errorf("%d findings, first %+v", len(doc.Findings), doc.Findings[0])
	}
	// Decimal dots and ISO dates in the machine format.
	if !bytes.Contains(b, []byte(`"percent": `+strconv.FormatFloat(model.RoundPercent(stp.Percent), 'f', 2, 64))) ||
		!bytes.Contains(b, []byte(`"deadline": "`+s.Recommendations[0].Finding.Deadline.ISO()+`"`)) {
		t.Error("JSON numbers or dates not in machine form")
	}
}

func TestSummaryCSV(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	s := withFindings(t, demoSummary(t, db, kinds))
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
			stp := s.Rows[0]
			if r := rows[1]; r[1] != "1" || r[2] != "STP" || r[3] != "Sở Tư pháp" || r[6] != stp.Overall.Score.String() ||
				r[9] != strconv.FormatFloat(model.RoundPercent(stp.Percent), 'f', 2, 64) || r[5] != "" ||
				rows[0][16] != "field_1_percent" || r[16] != strconv.FormatFloat(model.RoundPercent(stp.Fields[0].Percent()), 'f', 2, 64) {
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
			if len(rows) != len(s.Recommendations)+1 || rows[1][14] == "" || rows[1][15] != s.Recommendations[0].Finding.Deadline.ISO() {
				t.Errorf("recommendations first %v", rows[1])
			}
		}
	}
}

func TestFormatsAndNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]report.Format{"md": report.Markdown, "Markdown": report.Markdown, "HTML": report.HTML,
		"xlsx": report.XLSX, "csv": report.CSV, "json": report.JSON, "docx": report.DOCX, "Word": report.DOCX} {
		if f, err := report.ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, f, err)
		}
	}
	// A format a document does not come in is an EFormat error naming it
	// and the formats there are, which the catalogue words.
	_, err := report.ParseFormat("pdf")
	if !errors.Is(err, report.ErrFormat) || !slices.Equal(model.ErrorParams(err), []string{"pdf", "md, html, docx, xlsx, csv, json"}) {
		t.Errorf("pdf: %v", err)
	}
	if got, want := i18n.New(i18n.VI).Err(err), `tài liệu này không có định dạng "pdf" (dùng md, html, docx, xlsx, csv, json).`; got != want {
		t.Errorf("pdf in words: %q, want %q", got, want)
	}
	if f, err := report.ParseFormatOf("HTML", report.UnitFormats); err != nil || f != report.HTML {
		t.Errorf("ParseFormatOf(HTML) = %q, %v", f, err)
	}
	_, err = report.ParseFormatOf("csv", report.UnitFormats)
	if !errors.Is(err, report.ErrFormat) || !slices.Equal(model.ErrorParams(err), []string{"csv", "md, html, docx, xlsx"}) {
		t.Errorf("csv for a record: %v", err)
	}
	if _, err := report.ParseFormatOf("xlsx", report.ConclusionFormats); !errors.Is(err, report.ErrFormat) {
		t.Errorf("xlsx for a thông báo: %v", err)
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
	if n := report.ConclusionFileName(r, report.DOCX); n != "thong-bao-ket-luan-2022-STP.docx" {
		t.Errorf("file name %q", n)
	}
	if report.DOCX.Text() || !report.Markdown.Text() {
		t.Error("docx is not text; md is")
	}
	if n := report.SummaryFileName(demoSummary(t, db, kinds), report.XLSX); n != "tong-hop-2022.xlsx" {
		t.Errorf("file name %q", n)
	}
}

// Every sheet of the workbooks prints on A4, one page wide, in the
// orientation its table needs, with its header row on every page.
func TestXLSXPageSetup(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	rec, err := report.UnitRecord(unitRecord(t, db, kinds, "STP"), report.XLSX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := report.Summary(demoSummary(t, db, kinds), report.XLSX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range [][]byte{rec, sum} {
		f := openXLSX(t, b)
		names := map[string]string{}
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Titles" {
				names[d.Scope] = d.RefersTo
			}
		}
		for i, sheet := range f.GetSheetList() {
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil ||
				*pl.FitToHeight != 0 || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: not A4 one page wide: %+v", sheet, pl)
			}
			rows, err := f.GetRows(sheet)
			if err != nil || len(rows) == 0 {
				t.Fatalf("%s: %v", sheet, err)
			}
			want := "portrait"
			if sheet != "Biên bản" && len(rows[0]) > 6 {
				want = "landscape" // a wide table
			}
			if pl.Orientation == nil || *pl.Orientation != want {
				t.Errorf("%s: orientation %v, want %s", sheet, pl.Orientation, want)
			}
			if i == 0 && sheet == "Biên bản" {
				continue // the record itself: no table header to repeat
			}
			if !strings.HasSuffix(names[sheet], "!$1:$1") {
				t.Errorf("%s: header row not repeated on each page (print titles %q)", sheet, names[sheet])
			}
		}
	}
}

// A workbook is the same bytes every time it is made of the same data
// (excelize hands its parts over in the order of a map), so two exports
// can be compared and an export diffed.
func TestSummaryXLSXSameBytes(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	for what, make := range map[string]func() ([]byte, error){
		"summary": func() ([]byte, error) { return report.Summary(demoSummary(t, db, kinds), report.XLSX, i18n.VI) },
		"record STP": func() ([]byte, error) {
			return report.UnitRecord(unitRecord(t, db, kinds, "STP"), report.XLSX, i18n.VI)
		},
	} {
		var first []byte
		for i := range 8 {
			b, err := make()
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = b
				continue
			}
			if !bytes.Equal(b, first) {
				t.Fatalf("%s: export %d differs from the first (%d bytes, the first %d)", what, i+1, len(b), len(first))
			}
		}
	}
}
