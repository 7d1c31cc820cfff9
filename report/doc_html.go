package report

import (
	"bytes"
	"html/template"
)

// docCSS lays a document out as Nghị định 30/2020/NĐ-CP asks, for Chrome's
// and Chromium's "Save as PDF": A4, margins top and bottom 20 mm, left
// 30 mm, right 15 mm, Times New Roman 14 pt (faces that carry Vietnamese
// letters after it), the page number at the top centre from page 2 on.
// The page margin boxes also keep the browser from printing its own
// header and footer (the file's address and the time). Headings stay with
// what follows, table headers repeat, rows never split, the total row
// stays with the row above it, and the signatures with the paragraph
// before them. Everything is inline: the file is sent by e-mail and
// opened offline.
const docCSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; } @bottom-center { content: ""; } }
@page :first { @top-center { content: ""; } }
html { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif; font-size: 14pt; line-height: 1.3; color: #000; background: #fff; }
body { margin: 0; }
@media screen { body { max-width: 165mm; margin: 10mm auto; padding: 0 8mm; } }
table.letterhead { width: 100%; border-collapse: collapse; margin-bottom: 6pt; font-size: 13pt; line-height: 1.2; }
table.letterhead td { vertical-align: top; text-align: center; padding: 0; }
table.letterhead td.org { width: 40%; padding-right: 3mm; }
.nation { font-size: 12pt; }
.b { font-weight: bold; }
.rule { width: 35%; margin: 1pt auto 4pt; border-top: 1px solid #000; }
.rule.long { width: 62%; }
.no { font-size: 13pt; }
.date { font-style: italic; font-size: 14pt; }
h1 { text-align: center; font-size: 14pt; margin: 12pt 0 0; }
p.subtitle { text-align: center; font-weight: bold; margin: 0 0 10pt; text-indent: 0; }
h2 { font-size: 14pt; margin: 8pt 0 3pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 14pt; font-weight: bold; margin: 6pt 0 3pt; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 14pt; font-weight: bold; font-style: italic; margin: 4pt 0 2pt; break-after: avoid; page-break-after: avoid; }
p { margin: 3pt 0; text-align: justify; text-indent: 10mm; }
p.center { text-align: center; text-indent: 0; }
p.note { font-size: 12pt; font-style: italic; text-indent: 0; }
.keep { break-after: avoid; page-break-after: avoid; }
ul { margin: 2pt 0; padding-left: 10mm; list-style: none; }
ul li { margin: 2pt 0; text-align: justify; break-inside: avoid; page-break-inside: avoid; }
ul li::before { content: "- "; margin-left: -4mm; }
table.grid { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 13pt; }
table.grid.small { font-size: 10.5pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 1pt 3pt; vertical-align: top; }
table.grid th { font-weight: bold; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
tbody.last { break-inside: avoid; page-break-inside: avoid; }
tr.total td { font-weight: bold; }
td.r { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
.end { break-inside: avoid; page-break-inside: avoid; }
table.closing { width: 100%; border-collapse: collapse; margin-top: 10pt; table-layout: fixed; }
table.closing td { vertical-align: top; padding: 0 2pt; }
td.recipients { width: 45%; font-size: 12pt; line-height: 1.2; }
td.recipients .head { font-style: italic; font-weight: bold; }
td.sig { text-align: center; }
td.sig .hint { font-style: italic; font-size: 13pt; }
td.sig .name { padding-top: 64pt; font-weight: bold; }
.annex { break-before: page; page-break-before: always; }
.draft { border: 2px solid #b00; color: #b00; text-align: center; font-weight: bold; padding: 3pt; margin-bottom: 8pt; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 90pt; font-weight: bold; color: rgba(176, 0, 0, 0.12); transform: rotate(-30deg); z-index: -1; }
`

var docTpl = template.Must(template.New("doc").Funcs(template.FuncMap{
	"cellClass": func(align string, i int) string {
		if i < len(align) {
			switch align[i] {
			case 'r':
				return "r"
			case 'c':
				return "c"
			}
		}
		return ""
	},
	"last": func(i int, rows [][]string) bool { return i == len(rows)-1 },
	// keepFrom is where the rows kept with the total row start: the row
	// above it, so "Tổng cộng" never starts a page alone.
	"keepFrom": func(i int, rows [][]string) bool { return i == len(rows)-2 && i > 0 },
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{range $i, $t := .Title}}{{if $i}} – {{end}}{{$t}}{{end}}</title>
<style>{{.CSS}}</style>
</head>
<body>
{{if .Draft}}<div class="watermark" aria-hidden="true">{{.DraftMark}}</div>
<div class="draft">{{.DraftMark}} — {{.DraftNote}}</div>
{{end}}{{with .Head}}<table class="letterhead"><tr>
<td class="org">{{if .Governing}}<div>{{.Governing}}</div>{{end}}<div class="b">{{.Issuer}}</div><div class="rule"></div><div class="no">{{.Number}}</div></td>
<td><div class="b nation">{{.Nation}}</div><div class="b">{{.Motto}}</div><div class="rule long"></div><div class="date">{{.Date}}</div></td>
</tr></table>
{{end}}{{range $i, $t := .Title}}{{if $i}}<p class="subtitle">{{$t}}</p>{{else}}<h1>{{$t}}</h1>{{end}}
{{end}}{{template "blocks" .Body}}
<div class="end">
{{template "blocks" .LastBlock}}<table class="closing">
{{with .Close}}{{if .Recipients}}<tr><td class="recipients">{{range $i, $r := .Recipients}}<div{{if not $i}} class="head"{{end}}>{{$r}}</div>{{end}}</td>
{{range .Signatures}}<td class="sig">{{if .Authority}}<div class="b">{{.Authority}}</div>{{end}}{{if .Title}}<div class="b">{{.Title}}</div>{{end}}{{if .Hint}}<div class="hint">{{.Hint}}</div>{{end}}<div class="name">{{.Name}}</div></td>
{{end}}</tr>
{{else}}<tr>{{range .Signatures}}<td class="sig">{{if .Authority}}<div class="b">{{.Authority}}</div>{{end}}{{if .Title}}<div class="b">{{.Title}}</div>{{end}}</td>{{end}}</tr>
<tr>{{range .Signatures}}<td class="sig"><div class="hint">{{.Hint}}</div></td>{{end}}</tr>
<tr>{{range .Signatures}}<td class="sig"><div class="name">{{.Name}}</div></td>{{end}}</tr>
{{end}}{{end}}</table>
</div>
{{if .Annex}}<div class="annex">
{{template "blocks" .Annex}}</div>
{{end}}</body>
</html>
{{define "spans"}}{{range .}}{{if and .Bold .Italic}}<b><i>{{.Text}}</i></b>{{else if .Bold}}<b>{{.Text}}</b>{{else if .Italic}}<i>{{.Text}}</i>{{else}}{{.Text}}{{end}}{{end}}{{end}}
{{define "blocks"}}{{range .}}{{if eq .Kind 1}}{{if eq .Level 1}}<h2>{{template "spans" .Text}}</h2>{{else if eq .Level 2}}<h3>{{template "spans" .Text}}</h3>{{else}}<h4>{{template "spans" .Text}}</h4>{{end}}
{{else if eq .Kind 0}}<p{{if eq .Style 1}} class="center{{if .KeepNext}} keep{{end}}"{{else if eq .Style 2}} class="note{{if .KeepNext}} keep{{end}}"{{else if .KeepNext}} class="keep"{{end}}>{{template "spans" .Text}}</p>
{{else if eq .Kind 2}}<ul{{if .KeepNext}} class="keep"{{end}}>{{range .Items}}<li>{{template "spans" .}}</li>{{end}}</ul>
{{else if eq .Kind 3}}{{with .Table}}<table class="grid{{if .Small}} small{{end}}">
{{if .Widths}}<colgroup>{{range .Widths}}<col style="width: {{.}}%">{{end}}</colgroup>
{{end}}<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{$t := .}}{{range $i, $r := .Rows}}{{if and $t.Total (keepFrom $i $t.Rows)}}</tbody>
<tbody class="last">
{{end}}<tr{{if and $t.Total (last $i $t.Rows)}} class="total"{{end}}>{{range $j, $c := $r}}<td{{with cellClass $t.Align $j}} class="{{.}}"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}{{else if eq .Kind 5}}<div class="pictures" style="display: flex; flex-wrap: wrap; gap: 8pt;">{{range .Pictures}}<figure style="margin: 0; width: 170pt; break-inside: avoid; page-break-inside: avoid;"><img src="{{.Src}}" alt="{{.Caption}}" style="max-width: 170pt; max-height: 170pt; border: 1px solid #999;"><figcaption style="font-size: 11pt;">{{.Caption}}</figcaption></figure>{{end}}</div>
{{end}}{{end}}{{end}}`))

// docHTML renders a document as one self-contained HTML page. The last
// block of the body is printed with the signatures, in one piece, so the
// signatures never start a page on their own.
func docHTML(d document) ([]byte, error) {
	body, last := d.Body, []block(nil)
	if n := len(body); n > 0 {
		body, last = body[:n-1], body[n-1:]
	}
	b, err := renderHTML(docTpl, struct {
		document
		CSS       template.CSS
		Body      []block
		LastBlock []block
	}{d, template.CSS(docCSS), body, last})
	if err != nil {
		return nil, err
	}
	// The template's definitions after </html> leave blank lines.
	return append(bytes.TrimRight(b, "\n"), '\n'), nil
}
