package report

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"path"
	"slices"
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
	fill  func(emit, side func([]xcell) error) error
	// side is the sheet fill's side rows go to (written beside this
	// sheet's in the same pass); fed marks such a sheet, which has no
	// fill of its own.
	side string
	fed  bool
}

// rowTable is table for a sheet of many rows: the sheet, its widths, frozen
// header and table are set up now through excelize, the rows are written
// by fill as the workbook goes out (writeTo), one at a time, through
// rowWriter. n is how many rows fill will emit and widths the columns'
// widths in characters (both known before the first row, from
// model.FindingStats).
func (b *book) rowTable(sheet, tableName string, cols []col, widths []float64, n int,
	fill func(emit func([]xcell) error) error) error {
	return b.rowTables([]rowSpec{{sheet, tableName, cols, widths, n}}, 0,
		func(emit, _ func([]xcell) error) error { return fill(emit) })
}

// rowSpec is a sheet of rowTables.
type rowSpec struct {
	sheet, table string
	cols         []col
	widths       []float64
	rows         int
}

// rowTables is rowTable for one or two sheets, in the workbook's order,
// filled in one pass: fill emits each row to the sheet specs[main] or, with
// side, to the other. The other sheet's rows are compressed in memory as
// they come, and its part goes into the package after main's.
func (b *book) rowTables(specs []rowSpec, main int, fill func(emit, side func([]xcell) error) error) error {
	if len(specs) > 2 {
		return errors.New("xlsx: at most two sheets in one pass")
	}
	for i, sp := range specs {
		sw, err := b.sheet(sp.sheet, layout{landscape: len(sp.cols) > 6, titleRows: 1})
		if err != nil {
			return fmt.Errorf("xlsx sheet %s: %w", sp.sheet, err)
		}
		if err := b.head(sw, sp.cols, sp.widths); err != nil {
			return err
		}
		if err := b.addTable(sw, sp.sheet, sp.table, len(sp.cols), sp.rows); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		rs := rowSheet{name: sp.sheet, table: sp.table, cols: len(sp.cols), rows: sp.rows, fed: i != main}
		if i == main {
			rs.fill = fill
			if len(specs) == 2 {
				rs.side = specs[1-main].sheet
			}
		}
		b.rowSheets = append(b.rowSheets, rs)
	}
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
	zw.RegisterCompressor(zip.Deflate, deflater)
	// The tables go last, once their sheets' rows are counted: a finding
	// saved meanwhile by the app must not leave a table short of its rows.
	var tables []*zip.File
	// excelize writes its parts in the order of a map: in name order
	// (the content types first, as Office writes them), the same data
	// gives the same bytes.
	files := slices.Clone(zr.File)
	rank := func(f *zip.File) int {
		if f.Name == "[Content_Types].xml" {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(files, func(a, b *zip.File) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.Name, b.Name))
	})
	for _, f := range files {
		if strings.HasPrefix(f.Name, "xl/tables/") {
			tables = append(tables, f)
			continue
		}
		rs := byPart[f.Name]
		switch {
		case rs == nil:
			if err := zw.Copy(f); err != nil {
				return err
			}
		case rs.fed: // written with the sheet that fills it
		default:
			var side *sideSheet
			if rs.side != "" {
				if side, err = b.newSideSheet(zr, rs.side, sheets[rs.side]); err != nil {
					return fmt.Errorf("xlsx sheet %s: %w", rs.side, err)
				}
			}
			if err := writeRowSheet(zw, f, rs, side); err != nil {
				return fmt.Errorf("xlsx sheet %s: %w", rs.name, err)
			}
			if side != nil {
				if err := side.writeTo(zw); err != nil {
					return fmt.Errorf("xlsx sheet %s: %w", rs.side, err)
				}
			}
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

// writeRowSheet writes the part f with the rows of rs spliced in, and
// the side rows into side.
func writeRowSheet(zw *zip.Writer, f *zip.File, rs *rowSheet, side *sideSheet) error {
	head, tail, err := splitSheet(f)
	if err != nil {
		return err
	}
	out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	if _, err := out.Write(head); err != nil {
		return err
	}
	// The rows are compressed in a goroutine of their own as they are made.
	aw := newAsyncWriter(out, rowChunk+rowChunk/4)
	rw := newRowWriter(rs.cols)
	rw.buf = make([]byte, 0, rowChunk+rowChunk/4)
	n := 1 // the header
	var toSide func([]xcell) error
	if side != nil {
		toSide = side.row
	}
	err = rs.fill(func(cells []xcell) error {
		n++
		if err := rw.row(n, cells); err != nil {
			return err
		}
		if len(rw.buf) >= rowChunk {
			var err error
			rw.buf, err = aw.send(rw.buf)
			return err
		}
		return nil
	}, toSide)
	if err == nil {
		_, err = aw.send(rw.buf)
	}
	if werr := aw.wait(); err == nil {
		err = werr // a failed write ends the fill with this same error
	}
	if err != nil {
		return err
	}
	rs.got = n - 1
	_, err = out.Write(tail)
	return err
}

// rowChunk is how many bytes of rows go to the compressor at a time.
const rowChunk = 256 << 10

// splitSheet reads a sheet's part and cuts it where its rows end.
func splitSheet(f *zip.File) (head, tail []byte, err error) {
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	text, err := io.ReadAll(rc)
	if err = errors.Join(err, rc.Close()); err != nil {
		return nil, nil, err
	}
	at := bytes.LastIndex(text, []byte("</sheetData>"))
	if at < 0 {
		return nil, nil, errors.New("no sheetData")
	}
	return text[:at], text[at:], nil
}

// sideSheet is a fed sheet being written: its part compressed in memory
// (the rows a pass sends it are a small share of the pass's) until the
// sheet that fills it is done.
type sideSheet struct {
	rs    *rowSheet
	f     *zip.File
	tail  []byte
	rw    *rowWriter
	n     int
	buf   bytes.Buffer // compressed
	fw    io.WriteCloser
	crc   hash.Hash32
	plain uint64 // bytes before compression
}

func (b *book) newSideSheet(zr *zip.Reader, name, part string) (*sideSheet, error) {
	var rs *rowSheet
	for i := range b.rowSheets {
		if b.rowSheets[i].fed && b.rowSheets[i].name == name {
			rs = &b.rowSheets[i]
		}
	}
	var f *zip.File
	for _, zf := range zr.File {
		if zf.Name == part {
			f = zf
		}
	}
	if rs == nil || f == nil {
		return nil, fmt.Errorf("no part %s", part)
	}
	head, tail, err := splitSheet(f)
	if err != nil {
		return nil, err
	}
	s := &sideSheet{rs: rs, f: f, tail: tail, rw: newRowWriter(rs.cols), n: 1, crc: crc32.NewIEEE()}
	if s.fw, err = deflater(&s.buf); err != nil {
		return nil, err
	}
	return s, s.write(head)
}

func (s *sideSheet) write(p []byte) error {
	s.plain += uint64(len(p))
	_, _ = s.crc.Write(p) // a hash never fails
	_, err := s.fw.Write(p)
	return err
}

func (s *sideSheet) row(cells []xcell) error {
	s.n++
	if err := s.rw.row(s.n, cells); err != nil {
		return err
	}
	if len(s.rw.buf) >= 64<<10 {
		if err := s.write(s.rw.buf); err != nil {
			return err
		}
		s.rw.buf = s.rw.buf[:0]
	}
	return nil
}

// writeTo ends the part and puts it into the package as it is compressed.
func (s *sideSheet) writeTo(zw *zip.Writer) error {
	if err := errors.Join(s.write(s.rw.buf), s.write(s.tail), s.fw.Close()); err != nil {
		return err
	}
	s.rs.got = s.n - 1
	out, err := zw.CreateRaw(&zip.FileHeader{Name: s.f.Name, Method: zip.Deflate, Modified: s.f.Modified, CRC32: s.crc.Sum32(),
		CompressedSize64: uint64(s.buf.Len()), UncompressedSize64: s.plain})
	if err != nil {
		return err
	}
	_, err = out.Write(s.buf.Bytes())
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
