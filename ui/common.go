package ui

import (
	"log/slog"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/x/ansi"

	"kiemtra/i18n"
	"kiemtra/model"
)

// common is what every screen shares (soft-serve's Common): the size of
// the area, styles, the catalogue, the clock and the store. Screens hold a
// pointer to the App's one copy; only App.Update changes it.
type common struct {
	width, height int
	st            *Styles
	t             i18n.Catalog
	lang          i18n.Lang
	now           func() time.Time
	log           *slog.Logger
	store         Store
	kinds         []model.KindInfo
	checklists    []*model.Checklist
	inspector     string
	keys          globalKeys
	// debounce is how long typing pauses before a note is saved; 0
	// saves only on leaving the field (tests).
	debounce time.Duration
	// nav is a screen change requested during the current Update.
	nav *navMsg
	// exporter writes documents; nil when the TUI runs without it.
	exporter Exporter
	// importer imports bundles and resolves conflicts; nil hides them.
	importer Importer
	// started is the catalogue key of a long task (export, import) a
	// screen started during the current Update, for the status line.
	started string
}

// pts formats a score the way the language writes decimals.
func (c *common) pts(p model.Points) string {
	if c.lang == i18n.EN {
		return p.Format('.')
	}
	return p.Format(',')
}

// pct formats a percentage with one decimal.
func (c *common) pct(f float64) string {
	s := model.PointsOf(f).Format('.')
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s) > i+2 {
		s = s[:i+2]
	}
	s = strings.TrimSuffix(s, ".0")
	if c.lang != i18n.EN {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + "%"
}

// resultMarker is the result's symbol, styled; the symbol alone tells the
// result apart without colour.
func (c *common) resultMarker(r model.Result) string {
	st := c.st.Result
	switch r {
	case model.ResultPass:
		return st.Pass.Render("✓")
	case model.ResultPartial:
		return st.Partial.Render("◐")
	case model.ResultFail:
		return st.Fail.Render("✗")
	case model.ResultNotApplicable:
		return st.NA.Render("–")
	}
	return st.Unassessed.Render("·")
}

// resultName is the result in words.
func (c *common) resultName(r model.Result) string {
	switch r {
	case model.ResultPass:
		return c.t.T("ui.result.pass")
	case model.ResultPartial:
		return c.t.T("ui.result.partial")
	case model.ResultFail:
		return c.t.T("ui.result.fail")
	case model.ResultNotApplicable:
		return c.t.T("ui.result.na")
	}
	return c.t.T("ui.result.none")
}

// statusName is an assessment status in words, styled.
func (c *common) statusName(s model.Status) string {
	if s == model.StatusFinalized {
		return c.st.Status.Finalized.Render("✔ " + c.t.T("ui.status.finalized"))
	}
	return c.st.Status.Draft.Render("✎ " + c.t.T("ui.status.draft"))
}

// kindName is a unit kind's name in the current language.
func (c *common) kindName(k model.UnitKind) string {
	for _, ki := range c.kinds {
		if ki.Code == k {
			if c.lang == i18n.EN && ki.NameEN != "" {
				return ki.NameEN
			}
			return ki.Name
		}
	}
	return string(k)
}

// bandName is a classification band's label in the current language.
func (c *common) bandName(b model.Band) string {
	if c.lang == i18n.EN && b.LabelEN != "" {
		return b.LabelEN
	}
	if b.Label == "" {
		return "—"
	}
	return b.Label
}

// row renders one list row exactly w cells wide, with the selection marker.
func (c *common) row(s string, w int, selected bool) string {
	if selected {
		return c.st.Selected.Render(fit("› "+s, w))
	}
	return fit("  "+s, w)
}

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

// padLines pads to exactly h lines of w spaces.
func padLines(lines []string, w, h int) []string {
	lines = clipLines(lines, h)
	// Producers give lines of exactly w cells (fit, row, rule); only blank
	// spacer lines need filling. Measuring every line again would double
	// the cost of a frame.
	for i, l := range lines {
		if l == "" {
			lines[i] = strings.Repeat(" ", max(0, w))
		}
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", max(0, w)))
	}
	return lines
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

// scrollTo returns the window offset that keeps cursor visible in rows.
func scrollTo(cursor, offset, rows int) int {
	if rows <= 0 {
		return cursor
	}
	if cursor < offset {
		return cursor
	}
	if cursor >= offset+rows {
		return cursor - rows + 1
	}
	return max(0, offset)
}

// rule is a horizontal line w cells wide with an optional title.
func (c *common) rule(title string, w int) string {
	if w <= 0 {
		return ""
	}
	if title == "" {
		return c.st.Rule.Render(strings.Repeat("─", w))
	}
	t := fit(title, min(w, ansi.StringWidth(title)))
	rest := w - ansi.StringWidth(t) - 1
	if rest < 0 {
		return fit(c.st.Section.Render(t), w)
	}
	return c.st.Section.Render(t) + " " + c.st.Rule.Render(strings.Repeat("─", rest))
}

// newTextInput makes a single-line input with a steady cursor (no blink
// ticks: less idle CPU and stable golden files).
func newTextInput(c *common) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = 0
	ti.PromptStyle = c.st.Input.Prompt
	ti.TextStyle = c.st.Input.Text
	ti.PlaceholderStyle = c.st.Input.Placeholder
	ti.Cursor.Style = c.st.Input.Cursor
	ti.Cursor.SetMode(cursor.CursorStatic)
	return ti
}

// newTextArea makes a multi-line input without line numbers or a size
// limit: notes can be long.
func newTextArea(c *common) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.CharLimit = 0
	ta.MaxHeight = 0
	fs, bs := textarea.DefaultStyles()
	fs.Base, bs.Base = c.st.App, c.st.App
	fs.CursorLine = c.st.Input.Text
	fs.Text, bs.Text = c.st.Input.Text, c.st.Input.Text
	fs.Prompt, bs.Prompt = c.st.Input.Prompt, c.st.Muted
	fs.Placeholder, bs.Placeholder = c.st.Input.Placeholder, c.st.Input.Placeholder
	bs.CursorLine = c.st.Input.Text
	ta.FocusedStyle, ta.BlurredStyle = fs, bs
	ta.Cursor.Style = c.st.Input.Cursor
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Blur()
	return ta
}
