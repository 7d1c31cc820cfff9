package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"kiemtra/model"
)

// The sheets with a row per finding (a hundred thousand rows, fourteen
// columns) are written by rowWriter, which appends each row's XML to one
// buffer with no allocation per cell, rather than through the stream
// writer's SetRow (a boxed value, a cell name, an escaped copy and a
// struct per cell: most of a summary's time). It writes exactly the bytes
// SetRow writes for the same cells — xlsx_cells_test.go compares the two
// on hostile text — so the workbook reads the same.

// xkind is what a cell holds.
type xkind uint8

const (
	xEmpty xkind = iota // a styled cell with nothing in it
	xText
	xNum
	xDate
)

// xcell is one cell: its style and its value.
type xcell struct {
	style int
	kind  xkind
	s     string
	f     float64
	d     model.Date
}

// rowWriter appends rows of a sheet's XML to buf.
type rowWriter struct {
	buf     []byte
	cols    [][]byte // column letters, "A"…
	scratch strings.Builder
	// plain is, for each column, the last text found plain: most of a
	// column's cells repeat the cell above (the unit, its kind and state,
	// the evidence seen), and comparing with it costs next to nothing when
	// it is the very same string, which checking every byte again does not.
	plain []string
}

func newRowWriter(ncols int) *rowWriter {
	w := &rowWriter{cols: make([][]byte, ncols), plain: make([]string, ncols)}
	for i := range w.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		w.cols[i] = []byte(name)
	}
	return w
}

// row appends row number n (1-based) holding cells from column A.
func (w *rowWriter) row(n int, cells []xcell) error {
	if n > excelize.TotalRows {
		return excelize.ErrMaxRows
	}
	var digits [20]byte
	num := strconv.AppendInt(digits[:0], int64(n), 10)
	b := append(w.buf, `<row r="`...)
	b = append(b, num...)
	b = append(b, `">`...)
	for i := range cells {
		c := &cells[i]
		b = append(b, `<c r="`...)
		b = append(b, w.cols[i]...)
		b = append(b, num...)
		b = append(b, '"')
		if c.style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.style), 10)
			b = append(b, '"')
		}
		switch c.kind {
		case xEmpty:
			b = append(b, `></c>`...)
		case xText:
			plain := i < len(w.plain) && c.s == w.plain[i] && c.s != ""
			if !plain && plainText(c.s) {
				plain = true
				if i < len(w.plain) {
					w.plain[i] = c.s
				}
			}
			b = w.textOf(b, c.s, plain)
		case xNum:
			if math.IsNaN(c.f) || math.IsInf(c.f, 0) {
				b = w.text(b, fmt.Sprint(c.f))
				break
			}
			b = append(b, `><v>`...)
			b = append(b, formatFloat(c.f)...)
			b = append(b, `</v></c>`...)
		case xDate:
			b = appendDate(b, c.d)
		}
	}
	w.buf = append(b, `</row>`...)
	return nil
}

// text appends the rest of an inline-string cell holding s.
func (w *rowWriter) text(b []byte, s string) []byte { return w.textOf(b, s, plainText(s)) }

// textOf is text for s known to be plainText or not.
func (w *rowWriter) textOf(b []byte, s string, plain bool) []byte {
	b = append(b, ` t="inlineStr"><is><t`...)
	if plain {
		b = append(b, '>')
		b = append(b, s...)
	} else {
		v, preserve := w.escape(s)
		if preserve {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = append(b, v...)
	}
	return append(b, `</t></is></c>`...)
}

// plainText reports whether s goes into the XML as it is: valid UTF-8
// with no character XML escapes or refuses, no space at either end, no
// "_" (which may start an _xHHHH_ escape) and short enough for a cell.
func plainText(s string) bool {
	if len(s) > excelize.TotalCellChars {
		return false
	}
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '&', c == '<', c == '>', c == '"', c == '\'', c == '_':
			return false
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF):
			return false // U+FFFE and U+FFFF are not XML characters
		case c >= 0x80:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s)
}

// escape is text that is not plain made ready for the sheet as the stream
// writer does: cut to a cell's 32,767 UTF-16 units, XML-escaped with line
// feeds kept, and "_xHHHH_" sequences escaped as Excel's own "_x005F_";
// preserve says the text starts or ends with white space.
func (w *rowWriter) escape(s string) (string, bool) {
	if utf16Len(s) > excelize.TotalCellChars {
		s = cutUTF16(s, excelize.TotalCellChars)
	}
	preserve := false
	if s != "" {
		for _, c := range []byte{'\t', '\n', '\r', ' '} {
			if s[0] == c || s[len(s)-1] == c {
				preserve = true
				break
			}
		}
		w.scratch.Reset()
		_ = xml.EscapeText(&w.scratch, []byte(s)) // a strings.Builder never fails
		s = strings.ReplaceAll(w.scratch.String(), "&#xA;", "\n")
	}
	return escapeBSTR(s), preserve
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func cutUTF16(s string, limit int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > limit {
			return s[:i]
		}
	}
	return s
}

var (
	bstrSeq    = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscSeq = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// escapeBSTR escapes text that already looks like an "_xHHHH_" escape, so
// that Excel shows it as typed: "_x0041_" becomes "_x005F_x0041_".
func escapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	matches, cursor := bstrSeq.FindAllStringSubmatchIndex(s, -1), 0
	for _, m := range matches {
		out.WriteString(s[cursor:m[0]])
		sub := s[m[0]:m[1]]
		if sub == "_x005F_" {
			cursor = m[1]
			if m[1]+6 <= len(s) && bstrEscSeq.MatchString(s[m[1]:m[1]+6]) {
				if _, err := strconv.Unquote(`"\u` + s[m[1]+1:m[1]+5] + `"`); err == nil {
					out.WriteString(sub + "x005F" + sub)
					continue
				}
			}
			out.WriteString(sub + "x005F_")
			continue
		}
		cursor = m[1]
		if _, err := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`); err == nil {
			out.WriteString("_x005F" + sub)
		}
	}
	if cursor < len(s) {
		out.WriteString(s[cursor:])
	}
	return out.String()
}

// formatFloat is a number as the stream writer writes it: as many digits
// as it takes, at most Excel's 15 significant ones.
func formatFloat(v float64) []byte {
	var tmp [32]byte
	str := strconv.AppendFloat(tmp[:0], v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return bytes.TrimSuffix(str[:idx], []byte("."))
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := append([]byte(nil), str[:decimal]...)
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return truncated
	}
	return str
}

var (
	excelDay0 = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelLeap = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC) // from here Excel counts its 29 February 1900
)

// appendDate appends the rest of a date cell: an unset date is an empty
// cell; a day is Excel's serial number of it, or (before Excel's first day)
// the text the stream writer writes for it.
func appendDate(b []byte, d model.Date) []byte {
	if d.IsZero() {
		return append(b, `></c>`...)
	}
	t := d.Time()
	var days int64
	if !t.Before(excelDay0) {
		days = (t.Unix() - excelDay0.Unix()) / 86400 // not a Duration: those end in 2192
	}
	if days <= 0 {
		b = append(b, ` t="inlineStr"><is><t>`...)
		b = append(b, t.Format(time.RFC3339Nano)...)
		return append(b, `</t></is></c>`...)
	}
	if !t.Before(excelLeap) {
		days++
	}
	b = append(b, `><v>`...)
	b = strconv.AppendInt(b, days, 10)
	return append(b, `</v></c>`...)
}
