package checklists

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"kiemtra/model"
)

// WriteYAML writes c as a checklist file in the layout of the built-in
// ones (FORMAT.md), which Parse reads back to the same content hash. Every
// text is written double-quoted, so a code such as "1.10" stays text and
// nothing in a wording (a colon, a leading dash, a quote) is read as YAML.
// Keys that are not set are left out, as a person writing the file would.
func WriteYAML(w io.Writer, c *model.Checklist) error {
	bw := bufio.NewWriter(w)
	y := &yamlWriter{w: bw}
	y.checklist(c)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s as YAML: %w", c.Ref(), err)
	}
	return nil
}

// yamlWriter writes lines to a buffered writer, whose first error Flush
// returns.
type yamlWriter struct{ w *bufio.Writer }

func (y *yamlWriter) line(indent int, s string) {
	_, _ = y.w.WriteString(strings.Repeat(" ", indent))
	_, _ = y.w.WriteString(s)
	_ = y.w.WriteByte('\n')
}

// kv writes key: "value" when the value is set (or always, if required).
func (y *yamlWriter) kv(indent int, key, value string, required bool) {
	if value == "" && !required {
		return
	}
	y.line(indent, key+": "+yamlQuote(value))
}

func (y *yamlWriter) checklist(c *model.Checklist) {
	y.kv(0, "id", c.ID, true)
	y.kv(0, "version", c.Version, true)
	y.kv(0, "title", c.Title, true)
	kinds := c.AllKinds()
	if len(kinds) > 1 {
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = yamlQuote(string(k))
		}
		y.line(0, "kind: ["+strings.Join(parts, ", ")+"]")
	} else {
		y.kv(0, "kind", string(c.Kind), true)
	}
	if !c.ValidFrom.IsZero() {
		y.kv(0, "valid_from", c.ValidFrom.VN(), true)
	}
	if !c.ValidUntil.IsZero() {
		y.kv(0, "valid_until", c.ValidUntil.VN(), true)
	}
	y.kv(0, "source", c.Source, false)
	y.kv(0, "defaults", c.Defaults, false)
	if len(c.Bands) > 0 {
		y.line(0, "bands:")
		for _, b := range c.Bands {
			s := "label: " + yamlQuote(b.Label)
			if b.LabelEN != "" {
				s += ", label_en: " + yamlQuote(b.LabelEN)
			}
			y.line(2, "- {"+s+", min: "+strconv.FormatFloat(b.MinPercent, 'f', -1, 64)+"}")
		}
	}
	y.kv(0, "bands_basis", c.BandsBasis, false)
	if len(c.Abbreviations) > 0 {
		y.line(0, "abbreviations:")
		for _, a := range c.Abbreviations {
			y.line(2, "- {short: "+yamlQuote(a.Short)+", long: "+yamlQuote(a.Long)+"}")
		}
	}
	y.line(0, "")
	y.line(0, "fields:")
	for _, f := range c.Fields {
		y.line(2, "- code: "+yamlQuote(f.Code))
		y.kv(4, "title", f.Title, true)
		y.line(4, "max: "+f.Max.String())
		y.line(4, "criteria:")
		for _, cr := range f.Criteria {
			y.line(6, "- code: "+yamlQuote(cr.Code))
			y.kv(8, "title", cr.Title, true)
			y.line(8, "items:")
			for _, it := range cr.Items {
				y.item(10, it)
			}
		}
	}
}

func (y *yamlWriter) item(indent int, it model.Item) {
	y.line(indent, "- code: "+yamlQuote(it.Code))
	in := indent + 2
	y.kv(in, "text", it.Text, true)
	y.kv(in, "guidance", it.Guidance, false)
	y.kv(in, "evidence", it.Evidence, false)
	y.kv(in, "legal_basis", it.LegalBasis, false)
	y.kv(in, "source", it.Source, false)
	if it.Default {
		y.line(in, "default: true")
	}
	if it.NA != model.NAExclude {
		y.kv(in, "not_applicable", it.NA.Code(), true)
	}
	if it.FollowUp {
		y.line(in, "follow_up: true")
	}
	y.line(in, "max: "+it.Max.String())
	y.line(in, "scoring: "+string(it.Scoring))
	if it.Scoring == model.ScoringDeduction {
		y.line(in, "per_case: "+it.PerCase.String())
	}
	if len(it.Levels) > 0 {
		y.line(in, "levels:")
		for _, l := range it.Levels {
			y.line(in+2, "- {score: "+l.Score.String()+", label: "+yamlQuote(l.Label)+"}")
		}
	}
}

// yamlQuote is s as a YAML double-quoted scalar. Besides the quote and
// the backslash, every control character is escaped, so a line break in
// a wording stays one and the file stays one value a line.
func yamlQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
