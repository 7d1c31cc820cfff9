package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// docSheet lays a document down one sheet, for those who keep records in
// Excel: the letterhead in two halves, the title, each paragraph on a
// merged row across columns A–F sized to its text, tables in the columns
// (their last column stretched to F), the signatures side by side. The
// sheet prints on A4 portrait, one page wide.
func docSheet(b *book, name string, d document) error {
	sw, err := b.sheet(name, layout{})
	if err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", name, err)
	}
	widths := []float64{8, 40, 12, 14, 12, 14}
	total := 0.0
	for i, w := range widths {
		total += w
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	x := &sheetWriter{b: b, sw: sw, chars: total}
	if d.Draft {
		x.merged(b.st.title, d.DraftMark+" — "+d.DraftNote)
	}
	h := d.Head
	org := h.Issuer
	if h.Governing != "" {
		org = h.Governing + "\n" + h.Issuer
	}
	x.split(b.st.sign, org, h.Nation+"\n"+h.Motto)
	x.split(b.st.center, h.Number, h.Date)
	x.row++
	for _, l := range d.Title {
		x.merged(b.st.title, l)
	}
	x.blocks(d.Body)
	x.row++
	x.signatures(d.Close)
	if len(d.Annex) > 0 {
		x.row++
		x.blocks(d.Annex)
	}
	if x.err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", name, x.err)
	}
	return sw.Flush()
}

// sheetWriter puts a document's rows down a sheet, keeping the first
// error.
type sheetWriter struct {
	b     *book
	sw    *excelize.StreamWriter
	row   int
	chars float64 // the width of A–F, in characters
	err   error
}

// put writes one row of cells with a height fitting lines of text.
func (x *sheetWriter) put(height float64, cells ...excelize.Cell) {
	if x.err != nil {
		return
	}
	x.row++
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	ref, _ := excelize.CoordinatesToCellName(1, x.row)
	x.err = x.sw.SetRow(ref, vals, excelize.RowOpts{Height: height})
}

func (x *sheetWriter) merge(from, to int) {
	if x.err != nil || from == to {
		return
	}
	a, _ := excelize.CoordinatesToCellName(from, x.row)
	b, _ := excelize.CoordinatesToCellName(to, x.row)
	x.err = x.sw.MergeCell(a, b)
}

// height is the row height for text wrapped in a width of chars.
func height(text string, chars float64) float64 {
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		lines += 1 + int(float64(utf8.RuneCountInString(l))*1.1/max(chars, 1))
	}
	return float64(lines) * 16
}

// merged is one text across A–F.
func (x *sheetWriter) merged(style int, text string) {
	x.put(height(text, x.chars), excelize.Cell{StyleID: style, Value: text})
	x.merge(1, 6)
}

// split is two texts, one over A–B and one over C–F.
func (x *sheetWriter) split(style int, left, right string) {
	h := max(height(left, 48), height(right, 52))
	x.put(h, excelize.Cell{StyleID: style, Value: left}, excelize.Cell{StyleID: style}, excelize.Cell{StyleID: style, Value: right})
	x.merge(1, 2)
	x.merge(3, 6)
}

func (x *sheetWriter) blocks(bs []block) {
	for _, bl := range bs {
		switch bl.Kind {
		case blockHeading:
			x.merged(x.b.st.bold, spanText(bl.Text))
		case blockPara:
			st := x.b.st.para
			if bl.Style == styleCenter {
				st = x.b.st.center
			}
			x.merged(st, spanText(bl.Text))
		case blockList:
			for _, it := range bl.Items {
				x.merged(x.b.st.para, "- "+spanText(it))
			}
		case blockTable:
			x.table(bl.Table)
		case blockImages:
			// Pictures are for HTML only: the table before lists the files.
		case blockPageBreak:
			x.row++
		}
	}
}

// table puts a table's columns in A, B, …, its last column stretched to
// F; cells with a number (Values) hold the number.
func (x *sheetWriter) table(t *table) {
	n := min(len(t.Head), 6)
	line := func(cells []string, vals []any, style int) {
		row := make([]excelize.Cell, 0, 6)
		h := 16.0
		for i := 0; i < n; i++ {
			c := cells[i]
			if i == n-1 && len(cells) > n {
				c = strings.Join(cells[n-1:], " · ")
			}
			cell := excelize.Cell{StyleID: style, Value: c}
			if i < len(vals) && vals[i] != nil {
				switch v := vals[i].(type) {
				case fraction:
					cell = excelize.Cell{StyleID: x.b.st.pct, Value: float64(v)}
				default:
					cell = excelize.Cell{StyleID: x.b.st.num, Value: v}
				}
			}
			row = append(row, cell)
			h = max(h, height(c, 12))
		}
		for len(row) < 6 {
			row = append(row, excelize.Cell{StyleID: style})
		}
		if n >= 2 {
			h = max(h, height(cells[1], 40))
		}
		x.put(h, row...)
		x.merge(n, 6)
	}
	line(t.Head, nil, x.b.st.head)
	for i, r := range t.Rows {
		st := x.b.st.wrap
		if t.Total && i == len(t.Rows)-1 {
			st = x.b.st.totalRow
		}
		var vals []any
		if i < len(t.Values) {
			vals = t.Values[i]
		}
		line(r, vals, st)
	}
}

// signatures puts the nơi nhận and the signatures side by side: A–B,
// C–D, E–F.
func (x *sheetWriter) signatures(c closing) {
	var cols []string
	if len(c.Recipients) > 0 {
		cols = append(cols, strings.Join(c.Recipients, "\n"))
	}
	for _, s := range c.Signatures {
		var lines []string
		for _, l := range []string{s.Authority, s.Title, s.Hint} {
			if l != "" {
				lines = append(lines, l)
			}
		}
		lines = append(lines, "", "", "", "", s.Name)
		cols = append(cols, strings.Join(lines, "\n"))
	}
	if len(cols) == 0 {
		return
	}
	cells := make([]excelize.Cell, 6)
	span := 6 / min(len(cols), 3)
	h := 16.0
	for i, text := range cols[:min(len(cols), 3)] {
		cells[i*span] = excelize.Cell{StyleID: x.b.st.sign, Value: text}
		h = max(h, height(text, 20))
	}
	for i := range cells {
		if cells[i].StyleID == 0 {
			cells[i].StyleID = x.b.st.sign
		}
	}
	x.put(h, cells...)
	for i := 0; i < min(len(cols), 3); i++ {
		x.merge(i*span+1, i*span+span)
	}
}
