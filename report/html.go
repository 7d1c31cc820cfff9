package report

import (
	"bytes"
	"html/template"
)

// pageCSS is the summary's: A4, serif faces that carry Vietnamese
// letters, black borders, rows kept whole across page breaks, table
// headers repeated on every page, the total row kept with the row above
// it. The page margin boxes number the pages and keep the browser from
// printing its own header and footer (the file's address, the time).
// Everything is inline: the file is sent by e-mail and opened offline.
const pageCSS = `
@page { size: A4; margin: 20mm 15mm; @top-center { content: counter(page); font-size: 11pt; } @bottom-center { content: ""; } }
@page landscape { size: A4 landscape; margin: 15mm 12mm; @top-center { content: counter(page); font-size: 11pt; } @bottom-center { content: ""; } }
@page :first { @top-center { content: ""; } }
html { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", "Liberation Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; background: #fff; }
body { margin: 0; }
@media screen { body { max-width: 180mm; margin: 10mm auto; padding: 0 8mm; } body.wide { max-width: 270mm; } }
body.wide { page: landscape; font-size: 10.5pt; }
.head { display: table; width: 100%; margin-bottom: 8pt; font-size: 12pt; }
.head > div { display: table-cell; width: 60%; text-align: center; vertical-align: top; }
.head > div.issuer { width: 40%; }
.head strong { display: block; }
.rule { display: block; width: 35%; margin: 2pt auto 0; border-top: 1px solid #000; }
.dateline { text-align: right; font-style: italic; margin: 6pt 0 12pt; }
h1 { text-align: center; font-size: 15pt; margin: 10pt 0 2pt; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 12pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; page-break-after: avoid; break-after: avoid; }
h3 { font-size: 13pt; font-style: italic; font-weight: bold; margin: 8pt 0 4pt; page-break-after: avoid; break-after: avoid; }
p { margin: 3pt 0; text-align: justify; }
ul { margin: 3pt 0 3pt 0; padding-left: 18pt; }
li { margin: 2pt 0; page-break-inside: avoid; break-inside: avoid; }
table.grid { border-collapse: collapse; width: 100%; margin: 6pt 0; }
table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.grid th { font-weight: bold; text-align: center; background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.n { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
tr.total td { font-weight: bold; }
tbody.last { break-inside: avoid; page-break-inside: avoid; }
tr.muted td { color: #555; font-style: italic; }
.label { font-weight: bold; }
.draft { border: 2px solid #b00; color: #b00; text-align: center; font-weight: bold; padding: 3pt; margin-bottom: 8pt; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 90pt; font-weight: bold; color: rgba(176, 0, 0, 0.12); transform: rotate(-30deg); z-index: -1; }
table.sigs { width: 100%; margin-top: 20pt; border-collapse: collapse; table-layout: fixed; page-break-inside: avoid; break-inside: avoid; }
table.sigs td { width: 33%; text-align: center; vertical-align: top; padding: 0 4pt; }
table.sigs td.hint { font-style: italic; font-size: 11pt; }
table.sigs td.name { padding-top: 60pt; font-weight: bold; }
.section { page-break-inside: avoid; break-inside: avoid; }
`

func renderHTML(tpl *template.Template, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := tpl.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

var summaryTpl = template.Must(template.New("summary").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.V.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body class="wide">
{{- with .V}}
{{if .Issuer}}<p class="label">{{.Issuer}}</p>{{end}}
<h1>{{.Title}}</h1>
{{range .Scope}}<p class="subtitle">{{.}}</p>
{{end}}
<h2>{{.T.T "report.summary.s_progress"}}</h2>
<table class="grid">
<thead><tr>{{range $.ProgressHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Progress}}{{if .KeepFrom}}</tbody>
<tbody class="last">
{{end}}<tr{{if .Total}} class="total"{{end}}><td>{{.Kind}}</td><td class="n">{{.Units}}</td><td class="n">{{.Final}}</td><td class="n">{{.Incomplete}}</td><td class="n">{{.Draft}}</td><td class="n">{{.NotStarted}}</td></tr>
{{end}}</tbody>
</table>
<p>{{.T.T "report.summary.ranking_note"}}</p>

<h2>{{.T.T "report.summary.s_table"}}</h2>
{{range .Groups}}<h3>{{.Kind}}</h3>
<table class="grid">
<thead><tr>{{range $.MainHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Muted}} class="muted"{{end}}><td class="c">{{.Rank}}</td><td>{{.Code}}</td><td>{{.Name}}</td><td>{{.State}}</td>{{range .Fields}}<td class="n">{{.}}</td>{{end}}<td class="n">{{.Score}}</td><td class="n">{{.Percent}}</td>{{if $.V.Classify}}<td>{{.Band}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}<ul>{{range .Notes}}<li>{{.}}</li>{{end}}</ul>

<h2>{{.T.T "report.summary.s_shortcomings"}}</h2>
{{if .Shorts}}<table class="grid">
<thead><tr>{{range $.ShortHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Shorts}}<tr><td class="c">{{.No}}</td><td>{{.Checklist}}</td><td>{{.Item}}</td><td>{{.Text}}</td><td class="n">{{.Units}}</td><td class="n">{{.Fail}}</td><td class="n">{{.Partial}}</td><td>{{.Where}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>{{.T.T "report.record.no_shortcomings"}}</p>{{end}}

<h2>{{.T.T "report.summary.s_recs"}}</h2>
{{if .Recs}}<table class="grid">
<thead><tr>{{range $.RecHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Recs}}<tr><td class="c">{{.No}}</td><td>{{.Unit}}</td><td>{{.Item}}</td><td>{{.Rec}}</td><td class="c">{{.Deadline}}</td><td>{{.State}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>{{.T.T "report.record.no_recs"}}</p>{{end}}

<h2>{{.T.T "report.summary.s_findings"}}</h2>
<table class="grid">
<thead><tr>{{range $.FindingHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Findings}}<tr><td>{{.Unit}}</td><td>{{.Item}}</td><td>{{.Result}}</td><td class="n">{{.Score}}</td><td>{{.Note}}</td><td>{{.Rec}}</td><td class="c">{{.Deadline}}</td></tr>
{{end}}</tbody>
</table>
{{if .Follow}}
<h2>{{.T.T "report.summary.s_follow"}}</h2>
{{range .Follow}}<h3>{{.Unit}}</h3>
<table class="grid">
<thead><tr>{{range $.FollowHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td class="c">{{.No}}</td><td class="c">{{.Year}}</td><td>{{.Item}}</td><td>{{.Rec}}</td><td class="c">{{.Deadline}}</td><td>{{.Status}}</td><td class="c">{{.Checked}}</td><td class="label">{{.Overdue}}</td></tr>
{{end}}</tbody>
</table>
{{end}}<p>{{.FollowNote}}</p>
{{end}}{{if .SelfRank}}
<h2>{{.T.T "report.summary.s_self"}}</h2>
<table class="grid">
<thead><tr>{{range $.SelfHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .SelfRank}}<tr{{if .Muted}} class="muted"{{end}}><td class="c">{{.Rank}}</td><td>{{.Code}}</td><td>{{.Name}}</td><td>{{.State}}</td><td class="n">{{.Self}}</td><td class="n">{{.Verified}}</td><td class="n">{{.Diff}}</td><td class="n">{{.Gap}}</td><td class="n">{{.Compared}}</td></tr>
{{end}}</tbody>
</table>
<p>{{.T.T "report.summary.self_note"}}</p>
{{end}}{{- end}}
</body>
</html>
`))

func summaryHTML(v *summaryView) ([]byte, error) {
	return renderHTML(summaryTpl, struct {
		Lang                                                    string
		CSS                                                     template.CSS
		V                                                       *summaryView
		ProgressHead, MainHead, ShortHead, RecHead, FindingHead []string
		FollowHead, SelfHead                                    []string
	}{v.Lang, template.CSS(pageCSS), v, progressHead(v.T), v.mainHead(), shortHead(v.T), sumRecHead(v.T), findingHead(v.T),
		followHead(v.T), selfRankHead(v.T)})
}
