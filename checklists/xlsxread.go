package checklists

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Limits on a workbook, checked before excelize expands it: the zip's
// declared sizes (which Go's zip reader holds it to) and its number of
// parts, then the rows of each sheet as they are read.
const (
	// MaxXLSXBytes is the largest workbook file read.
	MaxXLSXBytes = 8 << 20
	// MaxXLSXUnzipped is the most a workbook may expand to (the
	// 78-item built-ins expand to about 300 KB).
	MaxXLSXUnzipped = 16 << 20
	// MaxXLSXParts is the most files a workbook may hold.
	MaxXLSXParts = 400
	// MaxXLSXRows is the most rows a sheet may have (a 2,000-item
	// checklist needs about 2,000 on the items sheet).
	MaxXLSXRows = 20000
	// maxXLSXCols is the most columns read on a row (the widest sheet
	// has 15).
	maxXLSXCols = 40
)

// isWorkbook reports whether data is a zip file, as every .xlsx is.
func isWorkbook(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// isSpreadsheetName reports whether a file's name says it is a
// spreadsheet, so that an old .xls (or a damaged .xlsx) is told to be
// saved as .xlsx rather than read as YAML text.
func isSpreadsheetName(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".ods"
}

// ParseXLSX reads a checklist workbook (the layout is in FORMAT.md, and
// WriteXLSX makes one) and checks every rule a YAML checklist must keep.
// filename is only used in messages. On failure the error is an Errors
// value listing every problem found, each at its FILE:SHEET!CELL. On
// success the checklist has Hash set and is indexed: a workbook written by
// WriteXLSX reads back with the hash of the checklist it was made from.
func ParseXLSX(filename string, data []byte) (c *model.Checklist, err error) {
	kinds, err := knownKinds()
	if err != nil {
		return nil, fmt.Errorf("built-in kinds: %w", err)
	}
	d := &decoder{file: filename, xlsx: true}
	defer func() {
		// excelize is not ours; a panic on a strange workbook must not take
		// the program down with it.
		if r := recover(); r != nil {
			d.errs = nil
			d.errorf(Pos{Line: 1}, "checklist.xlsx_not_workbook")
			c, err = nil, d.errs
		}
	}()
	f, zr := d.openWorkbook(data)
	if f == nil {
		return nil, d.errs.sorted()
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	wb := &workbook{d: d, f: f, kinds: kinds, layoutOK: true, merges: mergedRanges(zr)}
	root := wb.tree()
	if root == nil || !wb.layoutOK {
		// A workbook whose layout is wrong is not validated further: its
		// cells would be read under the wrong headers.
		return nil, d.errs.sorted()
	}
	return d.finish(d.checklist(root, kinds))
}

// openWorkbook checks the limits and opens the workbook, or reports why not.
func (d *decoder) openWorkbook(data []byte) (*excelize.File, *zip.Reader) {
	here := Pos{Line: 1}
	if len(data) > MaxXLSXBytes {
		d.errorf(here, "checklist.too_large", sizeWords(MaxXLSXBytes))
		return nil, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		d.errorf(here, "checklist.xlsx_not_workbook")
		return nil, nil
	}
	if len(zr.File) > MaxXLSXParts {
		d.errorf(here, "checklist.xlsx_parts", len(zr.File), MaxXLSXParts)
		return nil, nil
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > MaxXLSXUnzipped {
			d.errorf(here, "checklist.xlsx_unzipped", sizeWords(MaxXLSXUnzipped))
			return nil, nil
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxXLSXUnzipped,
		UnzipXMLSizeLimit: MaxXLSXUnzipped, // never spill to temporary files
	})
	if err != nil {
		d.errorf(here, "checklist.xlsx_not_workbook")
		return nil, nil
	}
	return f, zr
}

// workbook reads the sheets of one workbook into the validator's tree.
type workbook struct {
	d      *decoder
	f      *excelize.File
	kinds  kindSet
	sheets map[sheetKind]string // kind → the sheet's name in this file
	// layoutOK is false once a sheet or a column is missing or unknown.
	layoutOK bool
	merges   map[string][]string // sheet name → merged ranges
}

// cellPos is the place of a cell of a sheet.
func (wb *workbook) cellPos(k sheetKind, row, col int) Pos {
	return Pos{Sheet: wb.sheets[k], Line: row, Col: col, sheet: k.index()}
}

// findSheets maps the workbook's sheets to kinds by name, in either
// language, and reports sheets it does not know and required ones missing.
func (wb *workbook) findSheets() bool {
	wb.sheets = map[sheetKind]string{}
	ok := true
	for i, name := range wb.f.GetSheetList() {
		kind, found := sheetKindOf(name)
		here := Pos{Sheet: name, Line: 1, Col: 1, sheet: len(sheetOrder) + i}
		switch {
		case !found:
			wb.d.errorf(here, "checklist.xlsx_sheet_unknown", name, sheetNames{})
			ok = false
		case wb.sheets[kind] != "":
			wb.d.errorf(here, "checklist.xlsx_sheet_twice", name, wb.sheets[kind])
			ok = false
		default:
			wb.sheets[kind] = name
		}
	}
	for _, k := range sheetOrder {
		if requiredSheets[k] && wb.sheets[k] == "" {
			vi, en := k.name(i18n.New(i18n.VI)), k.name(i18n.New(i18n.EN))
			wb.d.errorf(Pos{Sheet: vi, Line: 1, Col: 1, sheet: k.index()}, "checklist.xlsx_sheet_missing", vi, en)
			ok = false
		}
	}
	return ok
}

func sheetKindOf(name string) (sheetKind, bool) {
	want := fold(name)
	for _, k := range sheetOrder {
		for _, l := range []i18n.Lang{i18n.VI, i18n.EN} {
			if want == fold(k.name(i18n.New(l))) {
				return k, true
			}
		}
	}
	return "", false
}

// sheetNames lists the sheet names a workbook may have, for messages.
type sheetNames struct{}

func (sheetNames) localize(t i18n.Catalog) string {
	names := make([]string, len(sheetOrder))
	for i, k := range sheetOrder {
		names[i] = k.name(t)
	}
	return strings.Join(names, ", ")
}

// tree reads every sheet into the checklist's tree, or returns nil.
func (wb *workbook) tree() *node {
	if !wb.findSheets() {
		return nil
	}
	root := wb.settings()
	if root == nil {
		return nil
	}
	fields := wb.fields()
	items := wb.items(fields)
	if !wb.layoutOK {
		return nil // the levels would all name items not found
	}
	wb.levels(items)
	root.add("fields", wb.cellPos(sheetFields, 3, 1), fields.list)
	if wb.sheets[sheetBands] != "" {
		root.add("bands", wb.cellPos(sheetBands, 3, 1), wb.simpleList(sheetBands))
	}
	if wb.sheets[sheetAbbrevs] != "" {
		root.add("abbreviations", wb.cellPos(sheetAbbrevs, 3, 1), wb.simpleList(sheetAbbrevs))
	}
	return root
}

// grid is a sheet's cells as text, with merged ranges filled down and
// binary-float noise taken out of numbers.
type grid struct {
	rows [][]string // rows[r-1][c-1]
}

func (g grid) cell(row, col int) string {
	if row < 1 || row > len(g.rows) || col < 1 || col > len(g.rows[row-1]) {
		return ""
	}
	return g.rows[row-1][col-1]
}

func (g grid) blank(row int) bool {
	if row < 1 || row > len(g.rows) {
		return true
	}
	for _, v := range g.rows[row-1] {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// read loads a sheet's grid. Blank rows at the end cost nothing and are
// dropped; a sheet with content past MaxXLSXRows is refused.
func (wb *workbook) read(k sheetKind) (grid, bool) {
	name := wb.sheets[k]
	rows, err := wb.f.Rows(name)
	if err != nil {
		wb.d.errorf(wb.cellPos(k, 1, 1), "checklist.xlsx_not_workbook")
		wb.layoutOK = false
		return grid{}, false
	}
	ok := false
	defer func() { wb.layoutOK = wb.layoutOK && ok }()
	defer func() { _ = rows.Close() }() // read only: nothing to lose
	var g grid
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			wb.d.errorf(wb.cellPos(k, n, 1), "checklist.xlsx_not_workbook")
			return grid{}, false
		}
		if len(cells) > maxXLSXCols {
			cells = cells[:maxXLSXCols]
		}
		empty := true
		for i, v := range cells {
			cells[i] = cellText(v)
			if strings.TrimSpace(cells[i]) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		if n > MaxXLSXRows {
			wb.d.errorf(wb.cellPos(k, n, 1), "checklist.xlsx_rows", MaxXLSXRows)
			return grid{}, false
		}
		for len(g.rows) < n-1 {
			g.rows = append(g.rows, nil)
		}
		g.rows = append(g.rows, cells)
	}
	if err := rows.Error(); err != nil {
		wb.d.errorf(wb.cellPos(k, n, 1), "checklist.xlsx_not_workbook")
		return grid{}, false
	}
	for _, ref := range wb.merges[name] {
		from, to, found := strings.Cut(ref, ":")
		if found {
			g.fillDown(from, to)
		}
	}
	ok = true
	return g, true
}

// fillDown gives a merged range's value to every row it spans, in its
// first column: a criterion's title merged over its items' rows belongs to
// each of them. Other columns of the range stay blank.
func (g *grid) fillDown(from, to string) {
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil || c1 > maxXLSXCols {
		return
	}
	_, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil {
		return
	}
	r2 = min(r2, len(g.rows))
	v := g.cell(r1, c1)
	for r := r1 + 1; r <= r2; r++ {
		row := g.rows[r-1]
		for len(row) < c1 {
			row = append(row, "")
		}
		if strings.TrimSpace(row[c1-1]) == "" {
			row[c1-1] = v
		}
		g.rows[r-1] = row
	}
}

// cellText is a raw cell value as the validator reads it: line ends as
// "\n", and numbers that binary floating point has smudged
// (0.30000000000000004) back to what was typed.
func cellText(v string) string {
	v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
	return cleanNumber(v)
}
