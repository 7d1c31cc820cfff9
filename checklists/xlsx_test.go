package checklists

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Export then import gives the same content hash, for every built-in
// checklist and in both languages of the workbook.
func TestXLSXRoundTripBuiltins(t *testing.T) {
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cls {
		for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
			back := roundTrip(t, c, lang)
			if back.Hash != c.Hash {
				t.Errorf("%s %s: hash %s after the round trip, was %s", c.Ref(), lang, back.Hash, c.Hash)
			}
		}
	}
}

func roundTrip(t *testing.T, c *model.Checklist, lang i18n.Lang) *model.Checklist {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, c, lang); err != nil {
		t.Fatalf("%s %s: %v", c.Ref(), lang, err)
	}
	back, err := ParseXLSX(c.ID+".xlsx", buf.Bytes())
	if err != nil {
		t.Fatalf("%s %s: %s", c.Ref(), lang, en(err))
	}
	return back
}

// Every new key survives the round trip, and so do texts a spreadsheet
// would take for something else: a leading "=", line breaks, a code that
// looks like a number.
func TestXLSXRoundTripEveryKey(t *testing.T) {
	c, err := Parse("r.yaml", rulesBase(map[int]string{
		15: `    title: '=HYPERLINK("http://x", "bấm")'`,
		22: "            text: |\n              Có không?\n              Dòng thứ hai",
		23: "            max: 1\n            guidance: \"+1 -1 @x\"",
	}))
	if err != nil {
		t.Fatal(en(err))
	}
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		back := roundTrip(t, c, lang)
		a, _ := json.Marshal(c)
		b, _ := json.Marshal(back)
		if back.Hash != c.Hash || !bytes.Equal(a, b) {
			t.Errorf("%s: round trip changed the checklist:\n%s\n%s", lang, a, b)
		}
	}
	f := workbookOf(t, c, i18n.VI)
	for _, ref := range []string{"B3", "E3"} {
		formula, err := f.GetCellFormula("Lĩnh vực", ref)
		if err != nil || formula != "" {
			t.Errorf("%s holds a formula %q (%v)", ref, formula, err)
		}
	}
	if v, _ := f.GetCellValue("Lĩnh vực", "B3"); !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("the title was not written as text: %q", v)
	}
}

func workbookOf(t *testing.T, c *model.Checklist, lang i18n.Lang) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, c, lang); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func saved(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func baseChecklist(t *testing.T) *model.Checklist {
	t.Helper()
	c, err := Parse("t.yaml", edit(nil))
	if err != nil {
		t.Fatal(en(err))
	}
	return c
}

// The workbook is laid out for a person: instructions first, headers in
// Vietnamese and English frozen, widths and wrapping set, choice lists.
func TestXLSXLayout(t *testing.T) {
	c := baseChecklist(t)
	f := workbookOf(t, c, i18n.VI)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Hướng dẫn|Thông tin chung|Lĩnh vực|Mục|Mức điểm|Xếp loại|Viết tắt" {
		t.Errorf("sheets %s", got)
	}
	if got := strings.Join(workbookOf(t, c, i18n.EN).GetSheetList(), "|"); got != "Instructions|Settings|Fields|Items|Levels|Bands|Abbreviations" {
		t.Errorf("English sheets %s", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Error("the instructions are not the sheet that opens")
	}
	cell := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	want := map[string]string{"A1": "Lĩnh vực", "D1": "Mã mục", "F1": "Điểm tối đa", "G1": "Cách chấm", "F2": "Maximum",
		"D3": "1.1.1", "G3": "đạt hoặc chưa đạt", "I3": "bỏ khỏi tổng điểm", "C3": "Tiêu chí", "D4": "1.1.2", "G4": "theo mức"}
	for ref, w := range want {
		if got := cell("Mục", ref); got != w {
			t.Errorf("Mục!%s = %q, want %q", ref, got, w)
		}
	}
	if got := cell("Thông tin chung", "C2"); got != "t" || cell("Thông tin chung", "A2") != "Mã bộ tiêu chí" || cell("Thông tin chung", "B2") != "Checklist ID" {
		t.Errorf("settings row 2: %q", got)
	}
	if !strings.Contains(cell("Hướng dẫn", "A1"), "t@1") || !strings.Contains(cell("Hướng dẫn", "A2"), "kiemtra checklist add") {
		t.Errorf("instructions: %q / %q", cell("Hướng dẫn", "A1"), cell("Hướng dẫn", "A2"))
	}
	for _, sheet := range []string{"Lĩnh vực", "Mục", "Mức điểm", "Xếp loại", "Viết tắt"} {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 2 || p.TopLeftCell != "A3" {
			t.Errorf("%s: panes %+v %v", sheet, p, err)
		}
	}
	if w, _ := f.GetColWidth("Mục", "E"); w != 50 {
		t.Errorf("question column width %v", w)
	}
	style, _ := f.GetCellStyle("Mục", "E3")
	if s, err := f.GetStyle(style); err != nil || s.Alignment == nil || !s.Alignment.WrapText {
		t.Errorf("question cells do not wrap: %+v %v", s, err)
	}
	style, _ = f.GetCellStyle("Mục", "D3")
	if s, _ := f.GetStyle(style); s.NumFmt != 49 {
		t.Errorf("code cells are not text: %d", s.NumFmt)
	}
	merged, _ := f.GetMergeCells("Mục")
	if len(merged) != 1 || merged[0].GetStartAxis() != "C3" || merged[0].GetEndAxis() != "C4" {
		t.Errorf("criterion title merge %v", merged)
	}
	dvs, err := f.GetDataValidations("Mục")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
	}
	if got := lists["G3"]; !strings.Contains(got, "đạt hoặc chưa đạt,có đạt một phần,theo mức,tự nhập điểm,điểm trừ") {
		t.Errorf("scoring list %q", got)
	}
	if got := lists["I3"]; !strings.Contains(got, "bỏ khỏi tổng điểm,tính đủ điểm,không cho phép") {
		t.Errorf("không áp dụng list %q", got)
	}
	if got := lists["N3"]; !strings.Contains(got, "có,không") {
		t.Errorf("yes/no list %q", got)
	}
	if got := lists["A3"]; !strings.Contains(got, "'Lĩnh vực'!$A$3") {
		t.Errorf("field list %q", got)
	}
	sdv, _ := f.GetDataValidations("Thông tin chung")
	if len(sdv) != 1 || sdv[0].Sqref != "C5" || !strings.Contains(sdv[0].Formula1, "so,huyen,xa,dackhu") {
		t.Errorf("kind list %+v", sdv)
	}
}

// mutate exports the base checklist, lets the test edit the workbook as
// an official would, and parses the result.
func mutate(t *testing.T, lang i18n.Lang, change func(f *excelize.File)) (*model.Checklist, error) {
	t.Helper()
	f := workbookOf(t, baseChecklist(t), lang)
	change(f)
	return ParseXLSX("t.xlsx", saved(t, f))
}

func set(t *testing.T, f *excelize.File, sheet, ref string, v any) {
	t.Helper()
	var err error
	switch v := v.(type) {
	case string:
		err = f.SetCellStr(sheet, ref, v)
	default:
		err = f.SetCellValue(sheet, ref, v)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// What people do to spreadsheets is read as they meant it.
func TestXLSXTolerance(t *testing.T) {
	want := baseChecklist(t)
	cases := []struct {
		name   string
		change func(t *testing.T, f *excelize.File)
	}{
		{"decimal comma and numbers typed as text", func(t *testing.T, f *excelize.File) {
			set(t, f, "Lĩnh vực", "C3", "2,0")
			set(t, f, "Mục", "F3", " 1 ")
			set(t, f, "Mức điểm", "B4", "0,00")
		}},
		{"merged and blank field and criterion cells", func(t *testing.T, f *excelize.File) {
			set(t, f, "Mục", "A4", "")
			set(t, f, "Mục", "B4", "")
			if err := f.MergeCell("Mục", "A3", "A4"); err != nil {
				t.Fatal(err)
			}
		}},
		{"a criterion heading row above its items", func(t *testing.T, f *excelize.File) {
			if err := f.InsertRows("Mục", 3, 1); err != nil {
				t.Fatal(err)
			}
			set(t, f, "Mục", "A3", "1")
			set(t, f, "Mục", "B3", "1.1")
			if err := f.UnmergeCell("Mục", "C4", "C5"); err != nil {
				t.Fatal(err)
			}
			set(t, f, "Mục", "C3", "Tiêu chí")
			set(t, f, "Mục", "C4", "")
			set(t, f, "Mục", "A5", "")
			set(t, f, "Mục", "B5", "")
		}},
		{"blank rows between and after, formatted", func(t *testing.T, f *excelize.File) {
			if err := f.InsertRows("Mục", 4, 2); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle("Mục", "A20", "O900", 0); err != nil {
				t.Fatal(err)
			}
			set(t, f, "Mục", "E900", "   ")
		}},
		{"English header row removed", func(t *testing.T, f *excelize.File) {
			for _, s := range []string{"Lĩnh vực", "Mục", "Mức điểm", "Xếp loại"} {
				if err := f.RemoveRow(s, 2); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"columns in another order, headers by key or in English", func(t *testing.T, f *excelize.File) {
			swap := func(x, y string) {
				for r := 1; r <= 4; r++ {
					a, _ := f.GetCellValue("Mục", fmt.Sprint(x, r))
					b, _ := f.GetCellValue("Mục", fmt.Sprint(y, r))
					set(t, f, "Mục", fmt.Sprint(x, r), b)
					set(t, f, "Mục", fmt.Sprint(y, r), a)
				}
			}
			swap("E", "J")
			set(t, f, "Mục", "F1", "max")
			set(t, f, "Mục", "G1", "")
			set(t, f, "Mục", "G2", "Scoring")
		}},
		{"choices by code or in the other language", func(t *testing.T, f *excelize.File) {
			set(t, f, "Mục", "G3", "binary")
			set(t, f, "Mục", "G4", "By Levels")
			set(t, f, "Mục", "I3", "left out of the maximum")
			set(t, f, "Mục", "N3", "không")
		}},
		{"sheets named in English", func(t *testing.T, f *excelize.File) {
			for _, k := range sheetOrder {
				if err := f.SetSheetName(k.name(i18n.New(i18n.VI)), k.name(i18n.New(i18n.EN))); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"optional sheets removed", func(t *testing.T, f *excelize.File) {
			for _, s := range []string{"Hướng dẫn", "Viết tắt"} {
				if err := f.DeleteSheet(s); err != nil {
					t.Fatal(err)
				}
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := mutate(t, i18n.VI, func(f *excelize.File) { tc.change(t, f) })
			if err != nil {
				t.Fatal(en(err))
			}
			if got.Hash != want.Hash {
				a, _ := json.Marshal(want)
				b, _ := json.Marshal(got)
				t.Errorf("read differently:\n%s\n%s", a, b)
			}
		})
	}
}

// The settings sheet takes dates as Excel stores them, kinds by name, and
// several kinds in one cell.
func TestXLSXSettings(t *testing.T) {
	c, err := mutate(t, i18n.VI, func(f *excelize.File) {
		set(t, f, "Thông tin chung", "C5", "UBND cấp xã, phường; UBND đặc khu")
		set(t, f, "Thông tin chung", "C6", 45839.0) // 01/07/2025 as a day number
		set(t, f, "Thông tin chung", "C7", "2026-12-31")
	})
	if err != nil {
		t.Fatal(en(err))
	}
	if c.Kind != "xa" || len(c.Kinds) != 2 || c.Kinds[1] != "dackhu" || c.ValidFrom != model.NewDate(2025, 7, 1) ||
		c.ValidUntil != model.NewDate(2026, 12, 31) {
		t.Errorf("settings %s %v %s %s", c.Kind, c.Kinds, c.ValidFrom, c.ValidUntil)
	}
}

// Problems are reported at their cell, in the reader's language, and every
// YAML rule applies.
func TestXLSXErrors(t *testing.T) {
	cases := []struct {
		name   string
		change func(t *testing.T, f *excelize.File)
		vi, en string // the expected messages, one per line
	}{
		{"maximum not a number", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "F3", "một") },
			`t.xlsx:Mục!F3: mục 1.1.1: Điểm tối đa phải là số, ví dụ 0,5 (đang ghi "một")`,
			`t.xlsx:Mục!F3: item 1.1.1: Maximum must be a number, e.g. 0.5 (not "một")`},
		{"field sum", func(t *testing.T, f *excelize.File) { set(t, f, "Lĩnh vực", "C3", 2.5) },
			`t.xlsx:Lĩnh vực!C3: lĩnh vực 1: tổng điểm các mục là 2, điểm tối đa là 2,5`,
			`t.xlsx:Lĩnh vực!C3: field 1: items add up to 2, max is 2,5`},
		{"duplicate item code", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "D4", "1.1.1") },
			`t.xlsx:Mục!D4: mục 1.1.1: mã "1.1.1" đã dùng ở Mục!D3 (mã phải là duy nhất trong bộ tiêu chí)` + "\n" +
				`t.xlsx:Mục!D4: mục 1.1.1: chấm theo mức nhưng chưa liệt kê mức nào` + "\n" +
				`t.xlsx:Mức điểm!A3: mục "1.1.2" chưa có ở trang Mục`,
			`t.xlsx:Mục!D4: item 1.1.1: code "1.1.1" is already used on Mục!D3 (codes must be unique in the checklist)` + "\n" +
				`t.xlsx:Mục!D4: item 1.1.1: scoring is levels but no levels are listed` + "\n" +
				`t.xlsx:Mức điểm!A3: the item "1.1.2" is not on the sheet Items`},
		{"unknown scoring", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "G3", "nhị phân") },
			`t.xlsx:Mục!G3: mục 1.1.1: không có cách chấm "nhị phân" (hợp lệ: đạt hoặc chưa đạt; có đạt một phần; theo mức; tự nhập điểm; điểm trừ)`,
			`t.xlsx:Mục!G3: item 1.1.1: unknown scoring mode "nhị phân" (valid: pass or fail; with partial pass; by levels; any score; deduction)`},
		{"empty scoring", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "G3", "") },
			`t.xlsx:Mục!G3: mục 1.1.1: thiếu "Cách chấm" (một trong: đạt hoặc chưa đạt; có đạt một phần; theo mức; tự nhập điểm; điểm trừ)`,
			`t.xlsx:Mục!G3: item 1.1.1: missing "Scoring" (one of pass or fail; with partial pass; by levels; any score; deduction)`},
		{"empty question", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "E4", "") },
			`t.xlsx:Mục!E4: mục 1.1.2: Câu hỏi kiểm tra đang để trống`,
			`t.xlsx:Mục!E4: item 1.1.2: Question is empty`},
		{"NFD text", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "J3", "Thu\u0309 tu\u0323c") },
			`t.xlsx:Mục!J3: mục 1.1.1: Hướng dẫn kiểm tra phải ở dạng Unicode dựng sẵn (NFC); văn bản này có dấu tách rời (NFD), thường do chép từ PDF`,
			`t.xlsx:Mục!J3: item 1.1.1: Guidance must be in Unicode NFC (composed) form; this text has separate combining accents (NFD)`},
		{"item code prefix", func(t *testing.T, f *excelize.File) {
			set(t, f, "Mục", "D4", "1.2.1")
			set(t, f, "Mức điểm", "A3", "1.2.1")
			set(t, f, "Mức điểm", "A4", "")
		},
			`t.xlsx:Mục!D4: mục 1.2.1: mã phải bắt đầu bằng mã tiêu chí "1.1."`,
			`t.xlsx:Mục!D4: item 1.2.1: code must start with its criterion's code "1.1."`},
		{"unknown field", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "A3", "9"); set(t, f, "Mục", "A4", "9") },
			`t.xlsx:Lĩnh vực!A3: lĩnh vực 1 chưa có tiêu chí nào` + "\n" + `t.xlsx:Mục!A3: lĩnh vực "9" chưa có ở trang Lĩnh vực` + "\n" +
				`t.xlsx:Mục!A4: lĩnh vực "9" chưa có ở trang Lĩnh vực` + "\n" + `t.xlsx:Mức điểm!A3: mục "1.1.2" chưa có ở trang Mục`,
			`t.xlsx:Lĩnh vực!A3: field 1 has no criteria` + "\n" + `t.xlsx:Mục!A3: the field "9" is not on the sheet Fields` + "\n" +
				`t.xlsx:Mục!A4: the field "9" is not on the sheet Fields` + "\n" + `t.xlsx:Mức điểm!A3: the item "1.1.2" is not on the sheet Items`},
		{"conflicting criterion title", func(t *testing.T, f *excelize.File) {
			if err := f.UnmergeCell("Mục", "C3", "C4"); err != nil {
				t.Fatal(err)
			}
			set(t, f, "Mục", "C4", "Tiêu chí khác")
		},
			`t.xlsx:Mục!C4: tiêu chí 1.1: tên tiêu chí khác với tên ở Mục!C3`,
			`t.xlsx:Mục!C4: criterion 1.1: the criterion title differs from the one at Mục!C3`},
		{"deduction without per case", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "G3", "điểm trừ") },
			`t.xlsx:Mục!H3: mục 1.1.1: mục điểm trừ cần "Điểm trừ mỗi trường hợp" (số điểm trừ cho mỗi trường hợp)`,
			`t.xlsx:Mục!H3: item 1.1.1: a deduction item needs "Points per case" (the points lost per case)`},
		{"two follow-up items", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "O3", "có"); set(t, f, "Mục", "O4", "x") },
			`t.xlsx:Mục!O4: mục 1.1.2: đã có mục theo dõi kiến nghị ở Mục!O3; mỗi bộ tiêu chí chỉ có một`,
			`t.xlsx:Mục!O4: item 1.1.2: the follow-up item is already on Mục!O3; a checklist has at most one`},
		{"bad yes/no", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "N3", "chắc") },
			`t.xlsx:Mục!N3: mục 1.1.1: Mặc định "chắc" không hợp lệ (ghi một trong: có; không)`,
			`t.xlsx:Mục!N3: item 1.1.1: Default "chắc" is not valid (write one of: yes; no)`},
		{"level above the maximum", func(t *testing.T, f *excelize.File) { set(t, f, "Mức điểm", "B3", 3) },
			`t.xlsx:Mức điểm!A3: mục 1.1.2: không mức nào bằng điểm tối đa 1 của mục` + "\n" + `t.xlsx:Mức điểm!B3: mục 1.1.2: điểm của mức 3 nằm ngoài 0–1`,
			`t.xlsx:Mức điểm!A3: item 1.1.2: no level scores the item's max 1` + "\n" + `t.xlsx:Mức điểm!B3: item 1.1.2: level score 3 is outside 0–1`},
		{"empty version", func(t *testing.T, f *excelize.File) { set(t, f, "Thông tin chung", "C3", "") },
			`t.xlsx:Thông tin chung!C3: bộ tiêu chí: Phiên bản đang để trống`,
			`t.xlsx:Thông tin chung!C3: checklist: Version is empty`},
		{"missing setting", func(t *testing.T, f *excelize.File) {
			if err := f.RemoveRow("Thông tin chung", 4); err != nil {
				t.Fatal(err)
			}
		},
			`t.xlsx:Thông tin chung!C2: bộ tiêu chí: thiếu "Tên bộ tiêu chí"`,
			`t.xlsx:Thông tin chung!C2: checklist: missing "Title"`},
		{"unknown setting", func(t *testing.T, f *excelize.File) {
			set(t, f, "Thông tin chung", "A20", "Người soạn")
			set(t, f, "Thông tin chung", "C20", "A")
		},
			`t.xlsx:Thông tin chung!A20: "Người soạn" không phải thông tin có trong mẫu (các thông tin: Mã bộ tiêu chí, Phiên bản, Tên bộ tiêu chí, Loại đơn vị, Áp dụng từ ngày, Áp dụng đến ngày, Nguồn, Ghi chú về điểm mặc định, Căn cứ xếp loại)`,
			`t.xlsx:Thông tin chung!A20: "Người soạn" is not a setting of the layout (settings: Checklist ID, Version, Title, Kind of unit, Valid from, Valid until, Source, Note on defaults, Basis of the bands)`},
		{"unknown kind", func(t *testing.T, f *excelize.File) { set(t, f, "Thông tin chung", "C5", "xa, tinh") },
			`t.xlsx:Thông tin chung!C5: bộ tiêu chí: không có loại đơn vị "tinh" (các loại: dackhu, huyen, so, xa)`,
			`t.xlsx:Thông tin chung!C5: checklist: unknown kind "tinh" (known kinds: dackhu, huyen, so, xa)`},
		{"dates out of order", func(t *testing.T, f *excelize.File) {
			set(t, f, "Thông tin chung", "C6", "01/07/2025")
			set(t, f, "Thông tin chung", "C7", "30/06/2025")
		},
			`t.xlsx:Thông tin chung!C7: bộ tiêu chí: ngày hết hiệu lực 30/06/2025 trước ngày bắt đầu áp dụng 01/07/2025`,
			`t.xlsx:Thông tin chung!C7: checklist: valid until 30/06/2025 is before valid from 01/07/2025`},
		{"band without minimum 0", func(t *testing.T, f *excelize.File) { set(t, f, "Xếp loại", "C4", 10) },
			`t.xlsx:Xếp loại!A3: bộ tiêu chí: không mức xếp loại nào có ngưỡng 0, nên tỷ lệ thấp sẽ không được xếp loại`,
			`t.xlsx:Xếp loại!A3: checklist: bands: no band has min 0, so a low percentage would get no classification`},
		{"unknown column", func(t *testing.T, f *excelize.File) {
			set(t, f, "Mục", "P1", "Ghi chú")
			set(t, f, "Mục", "P3", "x")
		},
			`t.xlsx:Mục!P1: cột "Ghi chú" không có trong mẫu của trang này (các cột: Lĩnh vực, Mã tiêu chí, Tên tiêu chí, Mã mục, Câu hỏi kiểm tra, Điểm tối đa, Cách chấm, Điểm trừ mỗi trường hợp, Khi không áp dụng, Hướng dẫn kiểm tra, Tài liệu kiểm chứng, Căn cứ pháp lý, Nguồn của mục, Mặc định, Theo dõi kiến nghị)`,
			`t.xlsx:Mục!P1: the column "Ghi chú" is not part of this sheet's layout (columns: Field, Criterion code, Criterion title, Item code, Question, Maximum, Scoring, Points per case, If not applicable, Guidance, Evidence to ask for, Legal basis, Item source, Default, Follow-up)`},
		{"values without a header", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "R4", "x") },
			`t.xlsx:Mục!R1: cột R có nội dung nhưng không có tiêu đề`,
			`t.xlsx:Mục!R1: column R holds values but has no header`},
		{"column missing", func(t *testing.T, f *excelize.File) {
			if err := f.RemoveCol("Mục", "F"); err != nil {
				t.Fatal(err)
			}
		},
			`t.xlsx:Mục!O1: trang thiếu cột "Điểm tối đa"`,
			`t.xlsx:Mục!O1: the sheet lacks the column "Maximum"`},
		{"column twice", func(t *testing.T, f *excelize.File) { set(t, f, "Mục", "P1", "Điểm tối đa") },
			`t.xlsx:Mục!P1: cột "Điểm tối đa" đã có ở Mục!F1`,
			`t.xlsx:Mục!P1: the column "Điểm tối đa" is already at Mục!F1`},
		{"unknown sheet", func(t *testing.T, f *excelize.File) { _, _ = f.NewSheet("Ghi chú") },
			`t.xlsx:Ghi chú!A1: trang "Ghi chú" không có trong mẫu (các trang: Hướng dẫn, Thông tin chung, Lĩnh vực, Mục, Mức điểm, Xếp loại, Viết tắt)`,
			`t.xlsx:Ghi chú!A1: the sheet "Ghi chú" is not part of the layout (sheets: Instructions, Settings, Fields, Items, Levels, Bands, Abbreviations)`},
		{"missing sheet", func(t *testing.T, f *excelize.File) { _ = f.DeleteSheet("Lĩnh vực") },
			`t.xlsx:Lĩnh vực!A1: sổ tính thiếu trang "Lĩnh vực" ("Fields")`,
			`t.xlsx:Lĩnh vực!A1: the workbook has no sheet "Lĩnh vực" ("Fields")`},
		{"a sheet in both languages", func(t *testing.T, f *excelize.File) { _, _ = f.NewSheet("Levels") },
			`t.xlsx:Levels!A1: trang "Levels" trùng với trang "Mức điểm"`,
			`t.xlsx:Levels!A1: the sheet "Levels" is the same as the sheet "Mức điểm"`},
		{"no criterion", func(t *testing.T, f *excelize.File) {
			if err := f.UnmergeCell("Mục", "C3", "C4"); err != nil {
				t.Fatal(err)
			}
			for _, ref := range []string{"B3", "B4", "C3", "C4"} {
				set(t, f, "Mục", ref, "")
			}
		},
			`t.xlsx:Lĩnh vực!A3: lĩnh vực 1 chưa có tiêu chí nào` + "\n" + `t.xlsx:Mục!B3: chưa ghi mã tiêu chí cho lĩnh vực này ở dòng này hay dòng nào phía trên` + "\n" +
				`t.xlsx:Mục!B4: chưa ghi mã tiêu chí cho lĩnh vực này ở dòng này hay dòng nào phía trên` + "\n" + `t.xlsx:Mức điểm!A3: mục "1.1.2" chưa có ở trang Mục`,
			`t.xlsx:Lĩnh vực!A3: field 1 has no criteria` + "\n" + `t.xlsx:Mục!B3: no criterion code for this field on this row or a row above` + "\n" +
				`t.xlsx:Mục!B4: no criterion code for this field on this row or a row above` + "\n" + `t.xlsx:Mức điểm!A3: the item "1.1.2" is not on the sheet Items`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := mutate(t, i18n.VI, func(f *excelize.File) { tc.change(t, f) })
			if err == nil {
				t.Fatalf("accepted %s", c.Ref())
			}
			checkErr(t, err)
			if got := Message(err, i18n.New(i18n.VI)); got != tc.vi {
				t.Errorf("vi:\n%s\nwant:\n%s", got, tc.vi)
			}
			if got := en(err); got != tc.en {
				t.Errorf("en:\n%s\nwant:\n%s", got, tc.en)
			}
		})
	}
}

// zipOf makes a zip file of the given parts.
func zipOf(t *testing.T, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Workbooks that would cost memory are refused before excelize expands
// them.
func TestXLSXLimits(t *testing.T) {
	// A part that claims to expand to 100 MB (Go's zip reader holds a
	// part to its declared size, so the claim bounds the work).
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store,
		CompressedSize64: 3, UncompressedSize64: 100 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("abc")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	many := map[string][]byte{}
	for i := 0; i <= MaxXLSXParts; i++ {
		many[fmt.Sprintf("x/%d.xml", i)] = []byte("<a/>")
	}
	// A sheet with content far down: refused at the row limit.
	f := workbookOf(t, baseChecklist(t), i18n.VI)
	set(t, f, "Mục", fmt.Sprint("E", MaxXLSXRows+5), "x")
	tall := saved(t, f)

	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"too large", append([]byte("PK\x03\x04"), make([]byte, MaxXLSXBytes)...), "t.xlsx:1: the file is larger than 8 MB, the most kiemtra reads"},
		{"expands too much", bomb.Bytes(), "t.xlsx:1: the workbook unpacks to more than 16 MB"},
		{"too many parts", zipOf(t, many), "t.xlsx:1: the workbook holds 401 parts, over the limit of 400"},
		{"rows past the limit", tall, fmt.Sprintf("t.xlsx:Mục!A%d: the sheet has content past row %d", MaxXLSXRows+5, MaxXLSXRows)},
		{"not a workbook", []byte("PK\x03\x04 not really"), "t.xlsx:1: the file cannot be read as an Excel workbook (.xlsx)"},
		{"a zip without a workbook", zipOf(t, map[string][]byte{"a.txt": []byte("hi")}), "t.xlsx:1: the file cannot be read as an Excel workbook (.xlsx)"},
	}
	for _, tc := range cases {
		_, err := ParseXLSX("t.xlsx", tc.data)
		if got := en(err); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: got %q, want %q…", tc.name, got, tc.want)
		}
	}
}

// rezip rewrites every part of a zip file through fix, as a broken or
// hostile program might write a workbook.
func rezip(t *testing.T, data []byte, fix func(name string, data []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(fix(zf.Name, part)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Excel writes a control character as _x0001_; the reader decodes it, and
// the validator refuses it as it does in YAML.
func TestXLSXControlCharacter(t *testing.T) {
	f := workbookOf(t, baseChecklist(t), i18n.VI)
	set(t, f, "Mục", "K3", "Sổ MARK theo dõi")
	data := rezip(t, saved(t, f), func(_ string, part []byte) []byte {
		return bytes.ReplaceAll(part, []byte("MARK"), []byte("_x0001_"))
	})
	_, err := ParseXLSX("t.xlsx", data)
	if got, want := Message(err, i18n.New(i18n.VI)), `t.xlsx:Mục!K3: mục 1.1.1: Tài liệu kiểm chứng chứa ký tự điều khiển (như NUL) không in được; hãy xóa đi`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
