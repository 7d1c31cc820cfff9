package report

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strings"
	"testing"

	"kiemtra/model"
)

// The row writer writes, for every kind of value and for hostile text,
// exactly the XML the stream writer's SetRow writes: the same workbook
// made both ways holds the same bytes between its header and the end of
// its rows.
func TestRowWriterWritesWhatSetRowWrites(t *testing.T) {
	texts := []string{"", "plain", "Đơn vị có thực hiện đúng quy định không?", " leading", "trailing ", "\tTab", "a\nb", "a\r\nb\r",
		`x&y<z>"q'`, "\x01\x02ctl\x1f", "_x0041_", "_x005F_x0041_", "_x005F_", "_x005F_xZZZZ_", "a_b_x00", "_X0041_", "\xff\xfe bad",
		"ok\uFFFEno", "\uFFFF", strings.Repeat("ệ", 40000), strings.Repeat("😀", 20000), "x" + strings.Repeat("a", 32766) + "😀",
		"=HYPERLINK(\"http://x\")", "\u00a0nbsp\u00a0", "tab\tin", "]]>", "&#xA;"}
	nums := []float64{0, 0.5, 1.0 / 3, 12345678.123456789, -2.25, 1e21, 1e-7, 123456789012345678, math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	dates := []model.Date{{}, model.NewDate(2022, 12, 31), model.NewDate(1900, 1, 15), model.NewDate(1900, 2, 28),
		model.NewDate(1900, 3, 1), model.NewDate(1899, 12, 31), model.NewDate(1800, 5, 5), model.NewDate(2200, 1, 1), model.NewDate(9999, 12, 31)}
	cols := []col{{"text", colText, 0}, {"wrap", colWrap, 0}, {"num", colNum, 0}, {"date", colDate, 0}}
	n := max(len(texts), len(nums), len(dates))
	var rows [][]any
	for i := 0; i < n; i++ {
		r := []any{nil, nil, nil, nil}
		if i < len(texts) {
			r[0], r[1] = texts[i], texts[len(texts)-1-i]
		}
		if i < len(nums) {
			r[2] = nums[i]
		}
		if i < len(dates) {
			r[3] = dates[i]
		}
		// Each row twice: a text as the cell above it is the row writer's
		// short way, which must write the same.
		rows = append(rows, r, r)
	}

	b, err := newBook()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.table("A", "TA", cols, rows); err != nil {
		t.Fatal(err)
	}
	widths := []float64{10, 10, 10, 10}
	err = b.rowTable("B", "TB", cols, widths, len(rows), func(emit func([]xcell) error) error {
		line := make([]xcell, len(cols))
		for _, r := range rows {
			for i, v := range r {
				style := b.cell(cols[i].Kind, nil).StyleID
				switch x := v.(type) {
				case nil:
					line[i] = xcell{style: style}
				case string:
					line[i] = xcell{style: style, kind: xText, s: x}
				case float64:
					line[i] = xcell{style: style, kind: xNum, f: x}
				case model.Date:
					line[i] = xcell{style: style, kind: xDate, d: x}
				}
			}
			if err := emit(line); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.writeTo(&out); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts, err := sheetParts(zr)
	if err != nil {
		t.Fatal(err)
	}
	body := func(sheet string) string {
		rc, err := zr.Open(parts[sheet])
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		s := string(x)
		from, to := strings.Index(s, `<row r="2"`), strings.LastIndex(s, "</sheetData>")
		if from < 0 || to < from {
			t.Fatalf("sheet %s has no rows: %.300s", sheet, s)
		}
		return s[from:to]
	}
	want, got := body("A"), body("B")
	if got != want {
		for i := 0; i < min(len(got), len(want)); i++ {
			if got[i] != want[i] {
				t.Fatalf("rows differ at byte %d:\nrow writer: %.200q\nSetRow:     %.200q", i, got[i:], want[i:])
			}
		}
		t.Fatalf("rows differ in length: %d bytes, SetRow %d", len(got), len(want))
	}
	if !strings.Contains(want, `xml:space="preserve"`) || !strings.Contains(want, "_x005F_x0041_") {
		t.Errorf("the hostile cells did not reach the sheet: %.500s", want)
	}
}
