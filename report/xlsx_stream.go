package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// rowSheet is a sheet whose rows after its header are written as the
// workbook is zipped (rowTable), straight from where they are read.
type rowSheet struct {
	name  string
	table string // the table's name
	cols  int
	rows  int // rows promised when the table was defined
	got   int // rows written
	fill  func(emit func([]xcell) error) error
}

// rowTable is table for a sheet of many rows: the sheet, its widths, frozen
// header and table are set up now through excelize, the rows are written
// by fill as the workbook goes out (writeTo), one at a time, through
// rowWriter. n is how many rows fill will emit and widths the columns'
// widths in characters (both known before the first row, from
// model.FindingStats).
func (b *book) rowTable(sheet, tableName string, cols []col, widths []float64, n int,
	fill func(emit func([]xcell) error) error) error {
	sw, err := b.sheet(sheet, layout{landscape: len(cols) > 6, titleRows: 1})
	if err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", sheet, err)
	}
	if err := b.head(sw, cols, widths); err != nil {
		return err
	}
	if err := b.addTable(sw, sheet, tableName, len(cols), n); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	b.rowSheets = append(b.rowSheets, rowSheet{name: sheet, table: tableName, cols: len(cols), rows: n, fill: fill})
	return nil
}

// colWidth is a column's width for text of the given length in
// characters, within its limit.
func colWidth(c col, chars float64) float64 {
	limit := c.Max
	if limit == 0 {
		limit = 60
	}
	// Vietnamese letters with two marks sit a little wider than plain
	// ASCII in Times New Roman: a tenth more room.
	return max(min(chars*1.1+2, limit), 6)
}

// head sets the columns' widths, freezes the header row and writes it.
func (b *book) head(sw *excelize.StreamWriter, cols []col, widths []float64) error {
	for i := range cols {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.st.head, Value: c.Head}
	}
	return sw.SetRow("A1", head, excelize.RowOpts{Height: 32})
}

// addTable makes the sheet's rows an Excel table with a filter on every
// column.
func (b *book) addTable(sw *excelize.StreamWriter, sheet, tableName string, ncols, rows int) error {
	last, _ := excelize.CoordinatesToCellName(ncols, max(rows+1, 2))
	off := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: tableName, StyleName: "TableStyleLight1",
		ShowRowStripes: &off}); err != nil {
		return fmt.Errorf("xlsx table %s: %w", sheet, err)
	}
	return nil
}

// zipWithRows writes the workbook excelize made (pkg, whose row sheets
// hold only their header) to w: every part copied as it is, but each row
// sheet's rows written in before its </sheetData>, compressed as they
// come.
func (b *book) zipWithRows(w io.Writer, pkg []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return err
	}
	sheets, err := sheetParts(zr)
	if err != nil {
		return err
	}
	byPart := map[string]*rowSheet{}
	for i := range b.rowSheets {
		p, ok := sheets[b.rowSheets[i].name]
		if !ok {
			return fmt.Errorf("xlsx: no part for sheet %s", b.rowSheets[i].name)
		}
		byPart[p] = &b.rowSheets[i]
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	// The tables go last, once their sheets' rows are counted: a finding
	// saved meanwhile by the app must not leave a table short of its rows.
	var tables []*zip.File
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/tables/") {
			tables = append(tables, f)
			continue
		}
		rs := byPart[f.Name]
		if rs == nil {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		if err := writeRowSheet(zw, f, rs); err != nil {
			return fmt.Errorf("xlsx sheet %s: %w", rs.name, err)
		}
	}
	for _, f := range tables {
		if err := b.writeTable(zw, f); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeTable copies a table part, its range corrected to the rows its
// sheet got when that differs from the rows promised.
func (b *book) writeTable(zw *zip.Writer, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	text, err := io.ReadAll(rc)
	if err = errors.Join(err, rc.Close()); err != nil {
		return err
	}
	changed := false
	for _, rs := range b.rowSheets {
		if rs.got == rs.rows || !bytes.Contains(text, []byte(` name="`+rs.table+`"`)) {
			continue
		}
		last := func(n int) string {
			c, _ := excelize.CoordinatesToCellName(rs.cols, max(n+1, 2))
			return `ref="A1:` + c + `"`
		}
		text = bytes.ReplaceAll(text, []byte(last(rs.rows)), []byte(last(rs.got)))
		changed = true
	}
	if !changed {
		return zw.Copy(f)
	}
	out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	_, err = out.Write(text)
	return err
}

// writeRowSheet writes the part f with the rows of rs spliced in.
func writeRowSheet(zw *zip.Writer, f *zip.File, rs *rowSheet) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	xmlText, err := io.ReadAll(rc)
	if err = errors.Join(err, rc.Close()); err != nil {
		return err
	}
	at := bytes.LastIndex(xmlText, []byte("</sheetData>"))
	if at < 0 {
		return errors.New("no sheetData")
	}
	out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	if _, err := out.Write(xmlText[:at]); err != nil {
		return err
	}
	rw := newRowWriter(rs.cols)
	n := 1 // the header
	err = rs.fill(func(cells []xcell) error {
		n++
		if err := rw.row(n, cells); err != nil {
			return err
		}
		if len(rw.buf) >= 256<<10 {
			if _, err := out.Write(rw.buf); err != nil {
				return err
			}
			rw.buf = rw.buf[:0]
		}
		return nil
	})
	if err != nil {
		return err
	}
	rs.got = n - 1
	if _, err := out.Write(rw.buf); err != nil {
		return err
	}
	_, err = out.Write(xmlText[at:])
	return err
}

// sheetParts maps each sheet's name to its part in the package, from the
// workbook and its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := readXMLPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}

func readXMLPart(zr *zip.Reader, name string, v any) error {
	rc, err := zr.Open(name)
	if err != nil {
		return err
	}
	err = xml.NewDecoder(rc).Decode(v)
	return errors.Join(err, rc.Close())
}
