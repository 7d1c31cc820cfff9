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
	for _, r := range rows {
		w.WriteString("|")
		for _, c := range r {
			w.WriteString(" " + c + " |")
		}
		w.WriteByte('\n')
	}
	w.blank()
}

func recordMarkdown(v *recordView) []byte {
	t := v.T
	var w mdWriter
	if v.Draft {
		w.line("> **%s** — %s", md(t.T("report.draft")), md(t.T("report.draft_note")))
		w.blank()
	}
	if v.Issuer != "" {
		w.line("%s  ", md(v.Issuer))
	}
	w.line("**%s**", md(v.TeamName))
	w.blank()
	w.line("**%s**  ", md(v.Nation))
	w.line("**%s**", md(v.Motto))
	w.blank()
	w.line("*%s*", md(v.DateLine))
	w.blank()
	w.line("# %s", md(v.Title))
	w.blank()
	w.line("**%s**", md(v.Subtitle))
	w.blank()
	for _, b := range v.Bases {
		w.line("- %s", md(b))
	}
	if len(v.Bases) > 0 {
		w.blank()
	}
	w.line("**%s** %s  ", md(t.T("report.record.time")), md(v.Time))
	w.line("**%s** %s", md(t.T("report.record.place")), md(v.Place))
	w.blank()
	w.line("**%s**", md(t.T("report.record.members")))
	w.blank()
	w.line("%s", mdStart(t.T("report.record.team")))
	w.blank()
	for _, m := range v.Team {
		w.line("- %s", md(memberText(m)))
	}
	w.blank()
	w.line("%s %s", mdStart(t.T("report.record.unit_side")), md(v.UnitName))
	w.blank()
	if len(v.UnitReps) == 0 {
		w.line("- %s", md(t.T("report.none_recorded")))
	}
	for _, m := range v.UnitReps {
		w.line("- %s", md(memberText(m)))
	}
	w.blank()

	w.line("## %s", md(t.T("report.record.s1")))
	w.blank()
	var rows [][]string
	for _, f := range v.Fields {
		rows = append(rows, []string{f.No, md(f.Title), f.Max, f.AdjMax, f.Score, f.Percent})
	}
	tot := v.Total
	rows = append(rows, []string{"", "**" + md(tot.Title) + "**", "**" + tot.Max + "**", "**" + tot.AdjMax + "**",
		"**" + tot.Score + "**", "**" + tot.Percent + "**"})
	w.table(fieldHead(v), "llrrrr", rows)
	w.line("%s  ", mdStart(v.TotalLine))
	if v.Progress != "" {
		w.line("%s  ", mdStart(v.Progress))
	}
	w.line("**%s**", md(v.Class))
	w.blank()

	w.line("## %s", md(t.T("report.record.s2")))
	w.blank()
	listOrNone(&w, v.Strengths, t.T("report.none_recorded"))

	w.line("## %s", md(t.T("report.record.s3")))
	w.blank()
	if len(v.Shortfalls) == 0 {
		w.line("%s", md(t.T("report.record.no_shortcomings")))
		w.blank()
	}
	for _, g := range v.Shortfalls {
		w.line("### %s", md(g.Title))
		w.blank()
		for _, it := range g.Items {
			// Two spaces before a line break keep note and evidence on
			// lines of their own within the list item.
			lines := []string{fmt.Sprintf("- **%s** %s — %s (%s).", md(it.Code), md(it.Text), md(it.Result), md(it.Score))}
			if it.Note != "" {
				lines = append(lines, "  "+md(t.T("report.note"))+" "+md(it.Note))
			}
			if it.Evidence != "" {
				lines = append(lines, "  "+md(t.T("report.evidence"))+" "+md(it.Evidence))
			}
			w.line("%s", strings.Join(lines, "  \n"))
		}
		w.blank()
	}

	w.line("## %s", md(t.T("report.record.s4")))
	w.blank()
	listOrNone(&w, v.Comments, t.T("report.none_recorded"))

	w.line("## %s", md(t.T("report.record.s5")))
	w.blank()
	if len(v.Recs) == 0 {
		w.line("%s", md(t.T("report.record.no_recs")))
		w.blank()
	} else {
		rows = rows[:0]
		for _, r := range v.Recs {
			rows = append(rows, []string{r.No, md(r.Code), md(r.Rec), r.Deadline})
		}
		w.table(recHead(v), "llll", rows)
	}
	w.line("%s", mdStart(v.FixReport))
	w.blank()

	w.line("---")
	w.blank()
	head := make([]string, len(v.Signatures))
	cells := make([]string, len(v.Signatures))
	names := make([]string, len(v.Signatures))
	for i, s := range v.Signatures {
		head[i] = s.Title
		cells[i] = "*" + md(s.Hint) + "*"
		names[i] = md(s.Name)
	}
	w.table(head, "", [][]string{cells, names})
	return []byte(w.String())
}

func memberText(m memberView) string {
	s := m.Name
	if m.Position != "" {
		s += ", " + m.Position
	}
	if m.Role != "" {
		s += " — " + m.Role
	}
	return s
}

func fieldHead(v *recordView) []string {
	t := v.T
	return []string{t.T("report.col.no"), t.T("report.col.field"), t.T("report.col.max"), t.T("report.col.adj_max"),
		t.T("report.col.score"), t.T("report.col.percent")}
}

func recHead(v *recordView) []string {
	t := v.T
	return []string{t.T("report.col.no"), t.T("report.col.item"), t.T("report.col.recommendation"), t.T("report.col.deadline")}
}

func listOrNone(w *mdWriter, items []string, none string) {
	if len(items) == 0 {
		w.line("%s", md(none))
	}
	for _, s := range items {
		w.line("- %s", md(s))
	}
	w.blank()
}
