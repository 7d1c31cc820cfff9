package report

import (
	"strings"
)

// docMarkdown renders a document as Markdown: the letterhead as two short
// blocks of lines, headings by level, tables as Markdown tables, the
// signatures as a table of their own and the nơi nhận as a list. What
// people typed is escaped, so it reads as typed.
func docMarkdown(d document) []byte {
	var w mdWriter
	if d.Draft {
		w.line("> **%s** — %s", md(d.DraftMark), md(d.DraftNote))
		w.blank()
	}
	h := d.Head
	if h.Governing != "" {
		w.line("%s  ", md(h.Governing))
	}
	w.line("**%s**  ", md(h.Issuer))
	w.line("%s", md(h.Number))
	w.blank()
	w.line("**%s**  ", md(h.Nation))
	w.line("**%s**  ", md(h.Motto))
	w.line("*%s*", md(h.Date))
	w.blank()
	for i, l := range d.Title {
		if i == 0 {
			w.line("# %s", md(l))
		} else {
			w.line("**%s**", md(l))
		}
		w.blank()
	}
	mdBlocks(&w, d.Body)
	w.line("---")
	w.blank()
	mdClosing(&w, d.Close)
	if len(d.Annex) > 0 {
		w.line("---")
		w.blank()
		mdBlocks(&w, d.Annex)
	}
	return []byte(w.String())
}

func mdBlocks(w *mdWriter, bs []block) {
	for _, b := range bs {
		switch b.Kind {
		case blockHeading:
			w.line("%s %s", strings.Repeat("#", b.Level+1), md(spanText(b.Text)))
		case blockPara:
			s := mdSpans(b.Text)
			if b.Style == styleNote {
				s = "*" + s + "*"
			}
			w.line("%s", s)
		case blockList:
			for _, it := range b.Items {
				w.line("- %s", mdSpans(it))
			}
		case blockTable:
			mdTable(w, b.Table)
			continue // the table ends with its own blank line
		case blockImages:
			// Pictures are for HTML only: the table before lists the files.
		case blockPageBreak:
			w.line("---")
		}
		w.blank()
	}
}

// mdSpans is spans as Markdown, bold and italic marked; the first escaped
// so it cannot start a list or a heading.
func mdSpans(sp []span) string {
	var b strings.Builder
	for i, x := range sp {
		// md trims; a space between two spans is kept outside the marks.
		lead := x.Text[:len(x.Text)-len(strings.TrimLeft(x.Text, " "))]
		core := md(x.Text)
		if i == 0 {
			core = mdStart(x.Text)
		}
		switch {
		case core == "":
		case x.Bold && x.Italic:
			core = "***" + core + "***"
		case x.Bold:
			core = "**" + core + "**"
		case x.Italic:
			core = "*" + core + "*"
		}
		if lead != "" {
			b.WriteString(" ")
		}
		b.WriteString(core)
	}
	return b.String()
}

func mdTable(w *mdWriter, t *table) {
	rows := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		cells := make([]string, len(r))
		for j, c := range r {
			cells[j] = md(c)
			if t.Total && i == len(t.Rows)-1 && c != "" {
				cells[j] = "**" + cells[j] + "**"
			}
		}
		rows[i] = cells
	}
	align := strings.Map(func(r rune) rune {
		if r == 'c' {
			return 'l'
		}
		return r
	}, t.Align)
	w.table(t.Head, align, rows)
}

// mdClosing is the signatures as a table (quyền hạn and chức vụ, the
// hint, the name), then the nơi nhận.
func mdClosing(w *mdWriter, c closing) {
	n := len(c.Signatures)
	head, hints, names := make([]string, n), make([]string, n), make([]string, n)
	hasHint := false
	for i, s := range c.Signatures {
		head[i] = strings.TrimSpace(s.Authority + " " + s.Title)
		if s.Authority != "" && s.Title != "" {
			head[i] = s.Authority + " / " + s.Title
		}
		if s.Hint != "" {
			hints[i], hasHint = "*"+md(s.Hint)+"*", true
		}
		names[i] = "**" + md(s.Name) + "**"
		if s.Name == "" {
			names[i] = ""
		}
	}
	rows := [][]string{names}
	if hasHint {
		rows = [][]string{hints, names}
	}
	w.table(head, strings.Repeat("c", n), rows)
	if len(c.Recipients) > 0 {
		w.line("**%s**", md(c.Recipients[0]))
		w.blank()
		for _, r := range c.Recipients[1:] {
			w.line("- %s", md(strings.TrimPrefix(r, "- ")))
		}
		w.blank()
	}
}
