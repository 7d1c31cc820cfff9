package report

import (
	"fmt"
	"strings"
)

// mdEscaper backslash-escapes the characters Markdown would read as markup
// in people's text (CommonMark allows escaping any ASCII punctuation), so a
// note with "*", "_", "|" or "<script>" reads as typed.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `#`, `\#`,
)

func md(s string) string { return mdEscaper.Replace(oneLine(s)) }

// mdStart is md for text that starts a line: "1. Đoàn kiểm tra" must not
// turn into a numbered list, nor "- x" or "+ x" into a bullet.
func mdStart(s string) string {
	s = md(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	switch {
	case i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')'):
		return s[:i] + `\` + s[i:]
	case strings.HasPrefix(s, "- "), strings.HasPrefix(s, "+ "), strings.HasPrefix(s, "="):
		return `\` + s
	}
	return s
}

type mdWriter struct{ strings.Builder }

func (w *mdWriter) line(format string, args ...any) {
	fmt.Fprintf(w, format, args...)
	w.WriteByte('\n')
}

func (w *mdWriter) blank() { w.WriteByte('\n') }

// table writes a Markdown table; align holds "l" or "r" per column.
func (w *mdWriter) table(head []string, align string, rows [][]string) {
	w.tableHead(head, align)
	for _, r := range rows {
		w.tableRow(r...)
	}
	w.blank()
}

// tableHead starts a table: its header and alignment rows.
func (w *mdWriter) tableHead(head []string, align string) {
	w.WriteString("|")
	for _, h := range head {
		w.WriteString(" " + md(h) + " |")
	}
	w.WriteString("\n|")
	for i := range head {
		if i < len(align) && align[i] == 'r' {
			w.WriteString("---:|")
		} else {
			w.WriteString("---|")
		}
	}
	w.WriteByte('\n')
}

// tableRow writes one row of cells already escaped.
func (w *mdWriter) tableRow(cells ...string) {
	w.WriteString("|")
	for _, c := range cells {
		w.WriteByte(' ')
		w.WriteString(c)
		w.WriteString(" |")
	}
	w.WriteByte('\n')
}
