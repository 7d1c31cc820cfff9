package checklists

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

// validationRows is how far down the writer offers the choice lists, so an
// official adding rows still gets them.
const validationRows = 2000

// WriteXLSX writes c as a workbook a Sở Nội vụ official can read and edit
// in Excel, in the layout ParseXLSX reads (FORMAT.md): a first sheet that
// explains how to fill it in (in lang), then settings, fields, items,
// levels, bands and abbreviations, each with Vietnamese and English
// header rows frozen, column widths and wrapping set, and lists to pick
// the closed choices from. Every text goes in as text, never as a formula,
// so a wording that starts with "=" stays a wording.
func WriteXLSX(w io.Writer, c *model.Checklist, lang i18n.Lang) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }() // WriteTo has written (or failed) already
	wr := &xlsxWriter{f: f, t: i18n.New(lang), c: c}
	if err := wr.build(); err != nil {
		return fmt.Errorf("write %s as a workbook: %w", c.Ref(), err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write %s as a workbook: %w", c.Ref(), err)
	}
	return nil
}

type xlsxWriter struct {
	f      *excelize.File
	t      i18n.Catalog
	c      *model.Checklist
	styles map[string]int
	err    error
}

// check keeps the first error, so the build reads as a list of steps.
func (w *xlsxWriter) check(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func (w *xlsxWriter) name(k sheetKind) string { return k.name(w.t) }

func (w *xlsxWriter) build() error {
	w.check(w.makeStyles())
	for i, k := range sheetOrder {
		if i == 0 {
			w.check(w.f.SetSheetName("Sheet1", w.name(k)))
			continue
		}
		_, err := w.f.NewSheet(w.name(k))
		w.check(err)
	}
	if w.err != nil {
		return w.err
	}
	w.help()
	w.settings()
	w.fields()
	w.items()
	w.levels()
	w.bands()
	w.abbreviations()
	w.f.SetActiveSheet(0)
	w.check(w.f.SetDocProps(&excelize.DocProperties{Title: w.c.Title, Creator: "kiemtra", Identifier: w.c.Ref()}))
	return w.err
}

func (w *xlsxWriter) makeStyles() error {
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	defs := map[string]*excelize.Style{
		"head": {Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}},
		"head_en": {Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
			Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}},
		"title": {Font: &excelize.Font{Bold: true, Size: 14}, Alignment: wrapTop},
		"wrap":  {Alignment: wrapTop},
		"code":  {NumFmt: 49, Alignment: top}, // "@": what is typed stays text
		"plain": {Alignment: top},
		"note":  {Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: wrapTop},
	}
	w.styles = map[string]int{}
	for name, s := range defs {
		id, err := w.f.NewStyle(s)
		if err != nil {
			return err
		}
		w.styles[name] = id
	}
	return nil
}

// cell names a cell by 1-based column and row.
func cell(col, row int) string { return colName(col) + fmt.Sprint(row) }

func (w *xlsxWriter) str(sheet string, col, row int, s string) {
	if s != "" {
		w.check(w.f.SetCellStr(sheet, cell(col, row), s))
	}
}

func (w *xlsxWriter) num(sheet string, col, row int, v float64) {
	w.check(w.f.SetCellFloat(sheet, cell(col, row), v, -1, 64))
}

func (w *xlsxWriter) help() {
	sheet := w.name(sheetHelp)
	w.check(w.f.SetColWidth(sheet, "A", "A", 110))
	w.check(w.f.SetColStyle(sheet, "A", w.styles["wrap"]))
	row := 1
	line := func(s string) {
		w.str(sheet, 1, row, s)
		row++
	}
	line(w.t.T("checklist.xlsx.help.title", w.c.Title, w.c.Ref()))
	w.check(w.f.SetCellStyle(sheet, "A1", "A1", w.styles["title"]))
	for i := 1; i <= helpParagraphs; i++ {
		key := fmt.Sprintf("checklist.xlsx.help.%d", i)
		// A paragraph names the sheets it speaks of by index (%[3]s).
		if s := w.t.T(key); strings.Contains(s, "%[") {
			line(w.t.T(key, w.name(sheetSettings), w.name(sheetFields), w.name(sheetItems), w.name(sheetLevels),
				w.name(sheetBands), w.name(sheetAbbrevs)))
			continue
		}
		line(w.t.T(key))
	}
	line(w.t.T("checklist.xlsx.help.scoring"))
	for _, m := range model.ScoringModes {
		line("  • " + choiceLabel("scoring", string(m), w.t) + ": " + w.t.T("checklist.xlsx.help.scoring."+string(m)))
	}
	line(w.t.T("checklist.xlsx.help.na"))
	for _, p := range model.NAPolicies {
		line("  • " + choiceLabel("na", p.Code(), w.t) + ": " + w.t.T("checklist.xlsx.help.na."+p.Code()))
	}
	line(w.t.T("checklist.xlsx.help.kinds"))
	kinds, err := Kinds()
	w.check(err)
	for _, k := range kinds {
		name := k.Name
		if w.t.Lang == i18n.EN && k.NameEN != "" {
			name = k.NameEN
		}
		line("  • " + string(k.Code) + ": " + name)
	}
}

// helpParagraphs is how many checklist.xlsx.help.N paragraphs there are.
const helpParagraphs = 9

func (w *xlsxWriter) settings() {
	sheet := w.name(sheetSettings)
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	w.str(sheet, 1, 1, vi.T("checklist.xlsx.settings.name"))
	w.str(sheet, 2, 1, en.T("checklist.xlsx.settings.name"))
	w.str(sheet, 3, 1, w.t.T("checklist.xlsx.settings.value"))
	w.str(sheet, 4, 1, w.t.T("checklist.xlsx.settings.note"))
	w.check(w.f.SetCellStyle(sheet, "A1", "D1", w.styles["head"]))
	for col, width := range []float64{28, 24, 70, 60} {
		w.check(w.f.SetColWidth(sheet, colName(col+1), colName(col+1), width))
	}
	w.check(w.f.SetColStyle(sheet, "A:C", w.styles["wrap"]))
	w.check(w.f.SetColStyle(sheet, "D", w.styles["note"]))
	c := w.c
	values := map[string]string{
		"id": c.ID, "version": c.Version, "title": c.Title, "valid_from": c.ValidFrom.VN(), "valid_until": c.ValidUntil.VN(),
		"source": c.Source, "defaults": c.Defaults, "bands_basis": c.BandsBasis,
	}
	var kinds []string
	for _, k := range c.AllKinds() {
		kinds = append(kinds, string(k))
	}
	values["kind"] = strings.Join(kinds, ", ")
	for i, key := range settingKeys {
		row := i + 2
		w.str(sheet, 1, row, header(sheetSettings, key, vi))
		w.str(sheet, 2, row, header(sheetSettings, key, en))
		w.str(sheet, 3, row, values[key])
		w.str(sheet, 4, row, w.t.T("checklist.xlsx.note."+key))
		if key == "kind" {
			w.kindList(sheet, cell(3, row))
		}
	}
	w.check(w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// kindList offers the kind codes on the kind cell; several may be typed,
// separated by commas, so a value not in the list only gets a notice.
func (w *xlsxWriter) kindList(sheet, ref string) {
	kinds, err := Kinds()
	w.check(err)
	var codes []string
	for _, k := range kinds {
		codes = append(codes, string(k.Code))
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	w.check(dv.SetDropList(codes))
	dv.SetError(excelize.DataValidationErrorStyleInformation, w.t.T("checklist.xlsx.dv.title"), w.t.T("checklist.xlsx.dv.kind"))
	w.check(w.f.AddDataValidation(sheet, dv))
}

// table writes a tabular sheet's header rows, widths, styles, frozen
// panes and choice lists; rows is the number of data rows to come.
func (w *xlsxWriter) table(k sheetKind, rows int) string {
	sheet := w.name(k)
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	cols := columns[k]
	last := validationRows + 2
	if rows+2 > validationRows {
		last = rows + 2 + validationRows
	}
	for i, c := range cols {
		col := i + 1
		letter := colName(col)
		w.str(sheet, col, 1, header(k, c.key, vi))
		w.str(sheet, col, 2, header(k, c.key, en))
		w.check(w.f.SetColWidth(sheet, letter, letter, c.width))
		style := "plain"
		switch {
		case c.text:
			style = "code"
		case c.wrap:
			style = "wrap"
		}
		w.check(w.f.SetColStyle(sheet, letter, w.styles[style]))
		if c.choice != "" {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s3:%s%d", letter, letter, last)
			w.check(dv.SetDropList(choiceLabels(c.choice, w.t)))
			dv.SetError(excelize.DataValidationErrorStyleStop, w.t.T("checklist.xlsx.dv.title"), w.t.T("checklist.xlsx.dv.choice"))
			w.check(w.f.AddDataValidation(sheet, dv))
		}
	}
	end := colName(len(cols))
	w.check(w.f.SetCellStyle(sheet, "A1", end+"1", w.styles["head"]))
	w.check(w.f.SetCellStyle(sheet, "A2", end+"2", w.styles["head_en"]))
	w.check(w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}))
	return sheet
}

// colOf is the 1-based column of a key on a sheet.
func colOf(k sheetKind, key string) int {
	for i, c := range columns[k] {
		if c.key == key {
			return i + 1
		}
	}
	panic("checklists: no column " + key + " on sheet " + string(k))
}

func (w *xlsxWriter) fields() {
	sheet := w.table(sheetFields, len(w.c.Fields))
	for i, f := range w.c.Fields {
		row := i + 3
		w.str(sheet, colOf(sheetFields, "code"), row, f.Code)
		w.str(sheet, colOf(sheetFields, "title"), row, f.Title)
		w.num(sheet, colOf(sheetFields, "max"), row, f.Max.Float())
	}
}

func (w *xlsxWriter) items() {
	sheet := w.table(sheetItems, w.c.ItemCount())
	col := func(key string) int { return colOf(sheetItems, key) }
	// The field column offers the codes of the fields sheet.
	dv := excelize.NewDataValidation(true)
	letter := colName(col("field"))
	dv.Sqref = fmt.Sprintf("%s3:%s%d", letter, letter, w.c.ItemCount()+2+validationRows)
	dv.SetSqrefDropList(fmt.Sprintf("'%s'!$A$3:$A$%d", w.name(sheetFields), len(w.c.Fields)+2+validationRows))
	dv.SetError(excelize.DataValidationErrorStyleWarning, w.t.T("checklist.xlsx.dv.title"), w.t.T("checklist.xlsx.dv.field"))
	w.check(w.f.AddDataValidation(sheet, dv))
	row := 3
	for _, f := range w.c.Fields {
		for _, cr := range f.Criteria {
			first := row
			for _, it := range cr.Items {
				w.str(sheet, col("field"), row, f.Code)
				w.str(sheet, col("criterion"), row, cr.Code)
				if row == first {
					w.str(sheet, col("criterion_title"), row, cr.Title)
				}
				w.item(sheet, row, it)
				row++
			}
			if row-1 > first {
				// The title spans its items' rows, as in a decision's table.
				tc := col("criterion_title")
				w.check(w.f.MergeCell(sheet, cell(tc, first), cell(tc, row-1)))
			}
		}
	}
}

func (w *xlsxWriter) item(sheet string, row int, it model.Item) {
	col := func(key string) int { return colOf(sheetItems, key) }
	w.str(sheet, col("code"), row, it.Code)
	w.str(sheet, col("text"), row, it.Text)
	w.num(sheet, col("max"), row, it.Max.Float())
	w.str(sheet, col("scoring"), row, choiceLabel("scoring", string(it.Scoring), w.t))
	if it.Scoring == model.ScoringDeduction {
		w.num(sheet, col("per_case"), row, it.PerCase.Float())
	}
	w.str(sheet, col("not_applicable"), row, choiceLabel("na", it.NA.Code(), w.t))
	w.str(sheet, col("guidance"), row, it.Guidance)
	w.str(sheet, col("evidence"), row, it.Evidence)
	w.str(sheet, col("legal_basis"), row, it.LegalBasis)
	w.str(sheet, col("source"), row, it.Source)
	if it.Default {
		w.str(sheet, col("default"), row, choiceLabel("bool", "true", w.t))
	}
	if it.FollowUp {
		w.str(sheet, col("follow_up"), row, choiceLabel("bool", "true", w.t))
	}
}

func (w *xlsxWriter) levels() {
	n := 0
	for _, it := range w.c.Items() {
		n += len(it.Levels)
	}
	sheet := w.table(sheetLevels, n)
	row := 3
	for _, it := range w.c.Items() {
		for _, l := range it.Levels {
			w.str(sheet, 1, row, it.Code)
			w.num(sheet, 2, row, l.Score.Float())
			w.str(sheet, 3, row, l.Label)
			row++
		}
	}
}

func (w *xlsxWriter) bands() {
	sheet := w.table(sheetBands, len(w.c.Bands))
	for i, b := range w.c.Bands {
		w.str(sheet, 1, i+3, b.Label)
		w.str(sheet, 2, i+3, b.LabelEN)
		w.num(sheet, 3, i+3, b.MinPercent)
	}
}

func (w *xlsxWriter) abbreviations() {
	sheet := w.table(sheetAbbrevs, len(w.c.Abbreviations))
	for i, a := range w.c.Abbreviations {
		w.str(sheet, 1, i+3, a.Short)
		w.str(sheet, 2, i+3, a.Long)
	}
}
