package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"kiemtra/model"
)

// book wraps an excelize workbook written sheet by sheet with the stream
// writer, which keeps 100,000 rows cheap in time and memory.
type book struct {
	f         *excelize.File
	sheets    int
	st        styles
	rowSheets []rowSheet // sheets whose rows are written as the workbook goes out
}

type styles struct {
	title, head, text, wrap, bold, sign, num, pct, date, int, center, para, totalRow int
}

// colKind says how a column's cells are written and styled.
type colKind int

const (
	colText colKind = iota // short text, one line
	colWrap                // long text, wrapped
	colNum                 // a score: number with up to two decimals
	colPct                 // a percentage, stored as a fraction with a % format
	colInt                 // a count or a rank
	colDate                // a day, stored as an Excel date
)

type col struct {
	Head string
	Kind colKind
	Max  float64 // widest the column may grow, in characters (0: 60)
}

func newBook() (*book, error) {
	f := excelize.NewFile()
	// Deflate at its fastest: the sheets of a summary are tens of
	// megabytes of repetitive XML, which the default level spends most of
	// the export compressing a few percent smaller. klauspost's deflate
	// does its fastest level in about half the time of the standard
	// library's, a little smaller (93 MB of a 100k summary's findings
	// sheet: 0.13 s instead of 0.24 s, 8.1 MB instead of 8.3 MB).
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, deflater)
		return zw
	})
	b := &book{f: f}
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	bold := &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	numFmt, pctFmt, dateFmt := "0.00", "0.00%", "dd/mm/yyyy"
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.st.title, excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.st.head, excelize.Style{Font: bold, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.st.text, excelize.Style{Font: font, Border: border, Alignment: top}},
		{&b.st.wrap, excelize.Style{Font: font, Border: border, Alignment: wrapTop}},
		{&b.st.bold, excelize.Style{Font: bold, Alignment: wrapTop}},
		{&b.st.sign, excelize.Style{Font: bold, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&b.st.num, excelize.Style{Font: font, Border: border, Alignment: top, CustomNumFmt: &numFmt}},
		{&b.st.pct, excelize.Style{Font: font, Border: border, Alignment: top, CustomNumFmt: &pctFmt}},
		{&b.st.date, excelize.Style{Font: font, Border: border, Alignment: top, CustomNumFmt: &dateFmt}},
		{&b.st.int, excelize.Style{Font: font, Border: border, Alignment: top, NumFmt: 1}},
		{&b.st.center, excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&b.st.para, excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "justify", Vertical: "top", WrapText: true}}},
		{&b.st.totalRow, excelize.Style{Font: bold, Border: border, Alignment: wrapTop}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			b.discard()
			return nil, fmt.Errorf("xlsx style: %w", err)
		}
		*d.id = id
	}
	return b, nil
}

// layout is how a sheet prints.
type layout struct {
	landscape bool
	// titleRows repeats the first rows (a table's header) at the top of
	// every printed page; 0 repeats none.
	titleRows int
}

// sheet adds a sheet (renaming the default first one) set to print on A4
// in the layout's orientation, one page wide, with its header rows on
// every page, and returns its stream writer. The page setup must be in
// place before the stream writer starts: it writes the sheet's settings
// as they are then.
func (b *book) sheet(name string, l layout) (*excelize.StreamWriter, error) {
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	b.sheets++
	orient := "portrait"
	if l.landscape {
		orient = "landscape"
	}
	a4, wide, tall, fit := 9, 1, 0, true
	if err := b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &wide,
		FitToHeight: &tall}); err != nil {
		return nil, err
	}
	if err := b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	// Margins in inches: 20 mm top and bottom, 30 mm left, 15 mm right
	// (the Word documents' margins), or 15 mm all round in landscape.
	top, left, right := 0.79, 1.18, 0.59
	if l.landscape {
		top, left, right = 0.59, 0.59, 0.59
	}
	if err := b.f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Top: &top, Bottom: &top, Left: &left,
		Right: &right}); err != nil {
		return nil, err
	}
	if l.titleRows > 0 {
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(name, "'", "''"), l.titleRows)}); err != nil {
			return nil, err
		}
	}
	return b.f.NewStreamWriter(name)
}

// cell wraps a value in the column's style. Dates become Excel dates; an
// unset date, or a nil value, stays an empty cell with the border.
func (b *book) cell(k colKind, v any) excelize.Cell {
	var style int
	switch k {
	case colText:
		style = b.st.text
	case colWrap:
		style = b.st.wrap
	case colNum:
		style = b.st.num
	case colPct:
		style = b.st.pct
	case colInt:
		style = b.st.int
	case colDate:
		style = b.st.date
	}
	switch x := v.(type) {
	case model.Date:
		if x.IsZero() {
			return excelize.Cell{StyleID: style}
		}
		return excelize.Cell{StyleID: style, Value: x.Time()}
	case nil:
		return excelize.Cell{StyleID: style}
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// table writes a sheet holding one table: a header row frozen in place,
// a filter on every column (an Excel table), and widths that fit the
// Vietnamese text up to each column's maximum.
func (b *book) table(sheet, tableName string, cols []col, rows [][]any) error {
	sw, err := b.sheet(sheet, layout{landscape: len(cols) > 6, titleRows: 1})
	if err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", sheet, err)
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = float64(utf8.RuneCountInString(c.Head))
		if c.Kind == colDate {
			widths[i] = max(widths[i], 10)
		}
	}
	for _, r := range rows {
		for i, v := range r {
			if s, ok := v.(string); ok {
				widths[i] = max(widths[i], float64(utf8.RuneCountInString(s)))
			} else if i < len(cols) && (cols[i].Kind == colNum || cols[i].Kind == colPct) {
				widths[i] = max(widths[i], 8)
			}
		}
	}
	for i, c := range cols {
		widths[i] = colWidth(c, widths[i])
	}
	if err := b.head(sw, cols, widths); err != nil {
		return err
	}
	line := make([]any, len(cols))
	for ri, r := range rows {
		for i := range cols {
			var v any
			if i < len(r) {
				v = r[i]
			}
			line[i] = b.cell(cols[i].Kind, v)
		}
		ref, _ := excelize.CoordinatesToCellName(1, ri+2)
		if err := sw.SetRow(ref, line); err != nil {
			return err
		}
	}
	if err := b.addTable(sw, sheet, tableName, len(cols), len(rows)); err != nil {
		return err
	}
	return sw.Flush()
}

func (b *book) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := b.writeTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeTo writes the workbook to w and closes it. The first sheet is the
// active one as the workbook was made; setting it again would read the
// streamed sheet back into memory.
func (b *book) writeTo(w io.Writer) error {
	// The workbook without the row sheets' rows is small: make it, then
	// write it out with the rows spliced in, its parts in a fixed order.
	var pkg bytes.Buffer
	if _, err := b.f.WriteTo(&pkg); err != nil {
		b.discard()
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := b.f.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := b.zipWithRows(w, pkg.Bytes()); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// discard closes a workbook that failed: the error that made it fail is
// the one to report, and Close only removes excelize's temporary files.
func (b *book) discard() { _ = b.f.Close() }
