package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Drawing helpers: every screen builds its view as lines of exactly its
// width, so the App can stack them without measuring again.

// textWidth is how many cells s takes on screen (ANSI styles aside).
func textWidth(s string) int { return ansi.StringWidth(s) }

// fit truncates s (which may hold ANSI styles) to w cells, with an
// ellipsis, and pads it with spaces to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if strings.ContainsAny(s, "\n\r\t") {
		s = strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(s)
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// wrap breaks plain text into lines of at most w cells.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		para = strings.TrimRight(para, " \r\t")
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(para, w, ""), "\n")...)
	}
	return out
}

// indentWrap wraps text to w cells with every line indented by prefix.
func indentWrap(prefix, text string, w int) []string {
	pw := ansi.StringWidth(prefix)
	lines := wrap(text, max(1, w-pw))
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return lines
}

// clipLines keeps at most h lines.
func clipLines(lines []string, h int) []string {
	if h <= 0 {
		return nil
	}
	if len(lines) > h {
		return lines[:h]
	}
	return lines
}

// padLines is lines clipped or padded to exactly h lines; blank lines
// become w spaces. Producers give lines of exactly w cells (fit, row,
// rule), so only blank spacer lines need filling: measuring every line
// again would double the cost of a frame. The lines given are not changed.
func padLines(lines []string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	blank := strings.Repeat(" ", max(0, w))
	out := make([]string, h)
	for i := range out {
		if i < len(lines) && lines[i] != "" {
			out[i] = lines[i]
		} else {
			out[i] = blank
		}
	}
	return out
}

// joinColumns puts blocks of lines side by side; every block must already
// be its column's exact width.
func joinColumns(sep string, cols ...[]string) []string {
	h := 0
	for _, c := range cols {
		h = max(h, len(c))
	}
	out := make([]string, h)
	for i := range out {
		var b strings.Builder
		for j, c := range cols {
			if j > 0 {
				b.WriteString(sep)
			}
			if i < len(c) {
				b.WriteString(c[i])
			}
		}
		out[i] = b.String()
	}
	return out
}

// scrollTo returns the window offset that keeps cursor visible in a window
// of rows over n entries, moving the window as little as possible and
// never past the last entry.
func scrollTo(cursor, offset, rows, n int) int {
	if rows <= 0 {
		return max(0, cursor)
	}
	switch {
	case cursor < offset:
		offset = cursor
	case cursor >= offset+rows:
		offset = cursor - rows + 1
	}
	return max(0, min(offset, n-rows))
}

// shortText is an item's text on one line, for lists.
func shortText(s string) string { return strings.Join(strings.Fields(s), " ") }
