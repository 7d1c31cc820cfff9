package checklists

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

// A self-assessment workbook (tự đánh giá) is the unit's checklist for the
// unit to score itself on before the inspection: one row per item with its
// question, the evidence to show and the maximum, and two columns for the
// unit to fill in, its score and its reference to the evidence. It keeps
// the conventions of a checklist workbook (sheets and columns named in
// Vietnamese or English, two header rows, texts stored as text, the same
// limits on what is read) and its problems are reported the same way, at
// FILE:SHEET!CELL. A details sheet says which inspection, unit and
// checklist version it is for, so the file loads into the right record.

// Sheets of a self-assessment workbook, besides the instructions.
const (
	sheetSelfInfo sheetKind = "info"
	sheetSelf     sheetKind = "scores"
)

// selfName is a self-assessment sheet's name in a language.
func selfName(k sheetKind, t i18n.Catalog) string { return t.T("selfassess.sheet." + string(k)) }

// selfHeader is a column's (or, on the details sheet, a row's) header.
func selfHeader(k sheetKind, key string, t i18n.Catalog) string {
	return t.T("selfassess.col." + string(k) + "." + key)
}

// selfInfoKeys are the rows of the details sheet, in order; the ones in
// selfInfoRequired are read back.
var (
	selfInfoKeys     = []string{"inspection", "inspection_title", "unit", "unit_name", "checklist"}
	selfInfoRequired = map[string]bool{"inspection": true, "unit": true, "checklist": true}
)

// selfColumns are the columns of the self-assessment sheet, in the
// writer's order; the unit fills in the last two.
var selfColumns = []column{
	{key: "field", width: 26, wrap: true},
	{key: "code", width: 10, text: true, required: true},
	{key: "text", width: 60, wrap: true},
	{key: "evidence", width: 40, wrap: true},
	{key: "max", width: 10},
	{key: "scoring", width: 26, wrap: true},
	{key: "self_score", width: 14, required: true},
	{key: "self_evidence", width: 44, wrap: true},
}

// SelfTemplate is what a self-assessment workbook is made from: the
// inspection, the unit as at the visit, the checklist its assessment uses
// and the unit's scores already held (written in, so a unit can correct
// what it sent).
type SelfTemplate struct {
	Inspection model.Inspection
	Unit       model.Unit
	Checklist  *model.Checklist
	Held       []model.SelfScore
}

// WriteSelfAssessment writes the self-assessment workbook of t in lang.
// Only the unit's two columns can be changed (the sheet is protected
// without a password, so nobody rewrites a question by accident).
func WriteSelfAssessment(w io.Writer, t SelfTemplate, lang i18n.Lang) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }() // WriteTo has written (or failed) already
	wr := &xlsxWriter{f: f, t: i18n.New(lang), c: t.Checklist}
	if err := wr.buildSelf(t); err != nil {
		return fmt.Errorf("write the self-assessment of %s: %w", t.Unit.Code, err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write the self-assessment of %s: %w", t.Unit.Code, err)
	}
	return nil
}

func (w *xlsxWriter) buildSelf(t SelfTemplate) error {
	w.check(w.makeStyles())
	open, err := w.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Protection: &excelize.Protection{Locked: false}})
	w.check(err)
	w.styles["open"] = open
	w.check(w.f.SetSheetName("Sheet1", w.name(sheetHelp)))
	for _, k := range []sheetKind{sheetSelfInfo, sheetSelf} {
		_, err := w.f.NewSheet(selfName(k, w.t))
		w.check(err)
	}
	if w.err != nil {
		return w.err
	}
	w.selfHelp(t)
	w.selfInfo(t)
	w.selfItems(t)
	w.f.SetActiveSheet(2)
	w.check(w.f.SetDocProps(&excelize.DocProperties{Title: w.t.T("selfassess.title", t.Unit.Name, t.Inspection.Title),
		Creator: "kiemtra", Identifier: t.Inspection.ID + "/" + t.Unit.Code}))
	return w.err
}

func (w *xlsxWriter) selfHelp(t SelfTemplate) {
	sheet := w.name(sheetHelp)
	w.check(w.f.SetColWidth(sheet, "A", "A", 110))
	w.check(w.f.SetColStyle(sheet, "A", w.styles["wrap"]))
	w.str(sheet, 1, 1, w.t.T("selfassess.title", t.Unit.Name, t.Inspection.Title))
	w.check(w.f.SetCellStyle(sheet, "A1", "A1", w.styles["title"]))
	for i := 1; i <= selfHelpParagraphs; i++ {
		w.str(sheet, 1, i+1, w.t.T(fmt.Sprintf("selfassess.help.%d", i), selfName(sheetSelf, w.t), selfName(sheetSelfInfo, w.t),
			selfHeader(sheetSelf, "self_score", w.t), selfHeader(sheetSelf, "self_evidence", w.t)))
	}
}

// selfHelpParagraphs is how many selfassess.help.N paragraphs there are.
const selfHelpParagraphs = 4

func (w *xlsxWriter) selfInfo(t SelfTemplate) {
	sheet := selfName(sheetSelfInfo, w.t)
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	w.str(sheet, 1, 1, vi.T("checklist.xlsx.settings.name"))
	w.str(sheet, 2, 1, en.T("checklist.xlsx.settings.name"))
	w.str(sheet, 3, 1, w.t.T("checklist.xlsx.settings.value"))
	w.check(w.f.SetCellStyle(sheet, "A1", "C1", w.styles["head"]))
	for col, width := range []float64{28, 24, 70} {
		w.check(w.f.SetColWidth(sheet, colName(col+1), colName(col+1), width))
	}
	w.check(w.f.SetColStyle(sheet, "A:C", w.styles["wrap"]))
	values := map[string]string{"inspection": t.Inspection.ID, "inspection_title": t.Inspection.Title, "unit": t.Unit.Code,
		"unit_name": t.Unit.Name, "checklist": t.Checklist.Ref()}
	for i, key := range selfInfoKeys {
		row := i + 2
		w.str(sheet, 1, row, selfHeader(sheetSelfInfo, key, vi))
		w.str(sheet, 2, row, selfHeader(sheetSelfInfo, key, en))
		w.str(sheet, 3, row, values[key])
	}
	w.check(w.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true}))
}

func (w *xlsxWriter) selfItems(t SelfTemplate) {
	sheet := selfName(sheetSelf, w.t)
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	for i, c := range selfColumns {
		col := i + 1
		letter := colName(col)
		w.str(sheet, col, 1, selfHeader(sheetSelf, c.key, vi))
		w.str(sheet, col, 2, selfHeader(sheetSelf, c.key, en))
		w.check(w.f.SetColWidth(sheet, letter, letter, c.width))
	}
	last := colName(len(selfColumns))
	w.check(w.f.SetCellStyle(sheet, "A1", last+"1", w.styles["head"]))
	w.check(w.f.SetCellStyle(sheet, "A2", last+"2", w.styles["head_en"]))
	held := map[string]model.SelfScore{}
	for _, s := range t.Held {
		held[s.ItemCode] = s
	}
	row := 3
	for _, fl := range t.Checklist.Fields {
		for _, cr := range fl.Criteria {
			for _, it := range cr.Items {
				w.str(sheet, 1, row, fl.Code+". "+fl.Title)
				w.str(sheet, 2, row, it.Code)
				w.str(sheet, 3, row, it.Text)
				w.str(sheet, 4, row, it.Evidence)
				w.num(sheet, 5, row, it.Max.Float())
				w.str(sheet, 6, row, selfScoring(it, w.t))
				if s, ok := held[it.Code]; ok {
					if s.Scored {
						w.num(sheet, 7, row, s.Score.Float())
					}
					w.str(sheet, 8, row, s.Evidence)
				}
				w.selfValidation(sheet, row, it)
				row++
			}
		}
	}
	if row > 3 {
		w.check(w.f.SetCellStyle(sheet, "A3", "F"+fmt.Sprint(row-1), w.styles["wrap"]))
		w.check(w.f.SetCellStyle(sheet, "B3", "B"+fmt.Sprint(row-1), w.styles["code"]))
		w.check(w.f.SetCellStyle(sheet, "G3", "H"+fmt.Sprint(row-1), w.styles["open"]))
	}
	w.check(w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, XSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"}))
	w.check(w.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true}))
}

// selfValidation offers Excel's own check on a score cell: a number from
// 0 to the item's maximum (the reader checks the item's own rule).
func (w *xlsxWriter) selfValidation(sheet string, row int, it model.Item) {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(cell(7, row))
	w.check(dv.SetRange(0, it.Max.Float(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
	dv.SetError(excelize.DataValidationErrorStyleStop, w.t.T("checklist.xlsx.dv.title"),
		w.t.T("selfassess.dv.score", it.Max.Format(decimalSep(w.t))))
	w.check(w.f.AddDataValidation(sheet, dv))
}

// decimalSep is the decimal separator of the language.
func decimalSep(t i18n.Catalog) byte {
	if t.Lang == i18n.EN {
		return '.'
	}
	return ','
}

// selfScoring says in a few words which scores the item allows.
func selfScoring(it model.Item, t i18n.Catalog) string {
	sep := decimalSep(t)
	switch it.Scoring {
	case model.ScoringBinary:
		return t.T("selfassess.scoring.binary", it.Max.Format(sep))
	case model.ScoringLevels:
		var ls []string
		for _, l := range it.Levels {
			ls = append(ls, l.Score.Format(sep)+" ("+l.Label+")")
		}
		return t.T("selfassess.scoring.levels", strings.Join(ls, "; "))
	default:
		return t.T("selfassess.scoring.range", it.Max.Format(sep))
	}
}
