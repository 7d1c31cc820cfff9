package report

import (
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// Tables in Word: the grid of a document's table, its column widths, and
// the borderless layout tables the letterhead and signatures sit in.

// rule is the short line under a name in the letterhead: an empty
// paragraph with a bottom border, as long as length (of a cell width
// wide), centered.
func rule(c *docx.Cell, width, length int) {
	p := c.AddEmptyPara()
	p.Spacing(0, 100)
	side := (width - length) / 2
	indent(p, side, 0)
	ct := p.GetCT()
	ct.Property.Indent.Right = ptr(side)
	ct.Property.Border = &ctypes.ParaBorder{Bottom: &ctypes.Border{Val: stypes.BorderStyleSingle, Size: ptr(6), Space: ptr("1"),
		Color: ptr("000000")}}
	// An empty line at 2 pt: the rule sits right under the text.
	ct.Property.Spacing.Line = ptr(40)
	ct.Property.Spacing.LineRule = ptr(stypes.LineSpacingRuleExact)
}

func noBorders(tb *docx.Table) {
	none := func() *ctypes.Border { return &ctypes.Border{Val: stypes.BorderStyleNone} }
	tb.GetCT().TableProp.Borders = &ctypes.TableBorders{Top: none(), Left: none(), Bottom: none(), Right: none(),
		InsideH: none(), InsideV: none()}
}

func gridBorders(tb *docx.Table) {
	line := func() *ctypes.Border {
		return &ctypes.Border{Val: stypes.BorderStyleSingle, Size: ptr(4), Space: ptr("0"), Color: ptr("000000")}
	}
	tb.GetCT().TableProp.Borders = &ctypes.TableBorders{Top: line(), Left: line(), Bottom: line(), Right: line(),
		InsideH: line(), InsideV: line()}
}

// table writes a bordered table whose header row repeats on every page
// and whose rows never split; the row above the total row is kept with
// it, so "Tổng cộng" never starts a page alone.
func (w *docxWriter) table(t *table) {
	tb := w.rd.AddTable()
	tb.Width(textWidth, stypes.TableWidthDxa)
	tb.Layout(stypes.TableLayoutFixed)
	widths := columnWidths(t)
	grid := make([]uint64, len(widths))
	for i, x := range widths {
		grid[i] = uint64(x)
	}
	tb.Grid(grid...)
	gridBorders(tb)
	size := uint64(tableSize)
	if t.Small {
		size = smallSize
	}
	addRow := func(cells []string, header, bold, keep bool) {
		row := tb.AddRow()
		ct := tb.GetCT().RowContents[len(tb.GetCT().RowContents)-1].Row
		ct.Property = &ctypes.RowProperty{CantSplit: ctypes.OnOffFromBool(true)}
		if header {
			ct.Property.Header = ctypes.OnOffFromBool(true)
		}
		for i, c := range cells {
			cell := row.AddCell().Width(widths[min(i, len(widths)-1)], stypes.TableWidthDxa)
			jc := stypes.JustificationLeft
			switch {
			case header:
				jc = stypes.JustificationCenter
			case i < len(t.Align) && t.Align[i] == 'r':
				jc = stypes.JustificationRight
			case i < len(t.Align) && t.Align[i] == 'c':
				jc = stypes.JustificationCenter
			}
			p := cell.AddEmptyPara()
			p.Justification(jc)
			p.Spacing(20, 20)
			if keep || header {
				keepNext(p)
			}
			w.run(p, c, size, bold || header, false)
		}
	}
	addRow(t.Head, true, true, false)
	for i, r := range t.Rows {
		total := t.Total && i == len(t.Rows)-1
		addRow(r, false, total, t.Total && i == len(t.Rows)-2)
	}
	// An empty paragraph after the table: Word joins two tables that
	// touch, and the next block needs room.
	w.para(stypes.JustificationLeft, 0, 60)
}

// columnWidths shares the text width among the columns by their relative
// widths (equal when none are given).
func columnWidths(t *table) []int {
	n := len(t.Head)
	rel := t.Widths
	if len(rel) != n {
		rel = make([]int, n)
		for i := range rel {
			rel[i] = 1
		}
	}
	sum := 0
	for _, x := range rel {
		sum += x
	}
	out := make([]int, n)
	used := 0
	for i, x := range rel {
		out[i] = textWidth * x / sum
		used += out[i]
	}
	out[n-1] += textWidth - used
	return out
}
