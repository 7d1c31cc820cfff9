// Package report renders kiemtra's documents from model data: the
// inspection record of one unit (biên bản / thông báo kết luận kiểm tra) and
// the consolidated summary across units, in Markdown, print-ready HTML,
// XLSX, CSV and JSON. It reads nothing itself: the store gathers
// model.UnitRecord and model.Summary, and report turns them into bytes.
//
// No output carries the time it was made, and every list is in a fixed
// order, so the same data always gives the same bytes (XLSX aside, whose
// zip container is excelize's business).
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Format is an output format.
type Format string

// The formats.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	XLSX     Format = "xlsx"
	CSV      Format = "csv"
	JSON     Format = "json"
)

// UnitFormats are the formats of the unit record; SummaryFormats those of
// the consolidated summary.
var (
	UnitFormats    = []Format{Markdown, HTML, XLSX}
	SummaryFormats = []Format{Markdown, HTML, XLSX, CSV, JSON}
)

// ErrFormat matches (errors.Is) the error returned for a format a document
// does not come in; that error's params name the format and the formats
// the document comes in.
var ErrFormat = &model.Error{Code: model.EFormat}

// formatError is the EFormat error for name, listing the formats allowed.
func formatError(name string, allowed []Format) error {
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	return model.NewError(model.EFormat, nil, name, strings.Join(names, ", "))
}

// ParseFormat reads a format name ("md", "markdown", "html", "xlsx", "csv", "json").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "md", "markdown":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "xlsx", "excel":
		return XLSX, nil
	case "csv":
		return CSV, nil
	case "json":
		return JSON, nil
	}
	return "", formatError(s, SummaryFormats)
}

// ParseFormatOf reads a format name that must be one of allowed (the
// formats of one document).
func ParseFormatOf(s string, allowed []Format) (Format, error) {
	f, err := ParseFormat(s)
	if err == nil && slices.Contains(allowed, f) {
		return f, nil
	}
	return "", formatError(s, allowed)
}

// Text reports whether the format is text (it may go to a terminal).
func (f Format) Text() bool { return f != XLSX }

// Ext is the file name extension, with the dot.
func (f Format) Ext() string { return "." + string(f) }

// View names one table of the summary, for the formats that hold only one
// (CSV).
type View string

// The summary's views.
const (
	ViewSummary         View = "summary"
	ViewShortcomings    View = "shortcomings"
	ViewRecommendations View = "recommendations"
	ViewFindings        View = "findings"
)

// Views lists the views in order.
var Views = []View{ViewSummary, ViewShortcomings, ViewRecommendations, ViewFindings}

// ParseView reads a view name; false when there is no such view.
func ParseView(s string) (View, bool) {
	for _, v := range Views {
		if string(v) == strings.ToLower(strings.TrimSpace(s)) {
			return v, true
		}
	}
	return "", false
}

// UnitRecord renders the inspection record of one unit as md, html or xlsx.
func UnitRecord(r *model.UnitRecord, f Format, lang i18n.Lang) ([]byte, error) {
	if r == nil || r.Checklist == nil {
		return nil, errors.New("unit record: no data")
	}
	v := newRecordView(r, i18n.New(lang))
	switch f {
	case Markdown:
		return recordMarkdown(v), nil
	case HTML:
		return recordHTML(v)
	case XLSX:
		return recordXLSX(v)
	default:
		return nil, formatError(string(f), UnitFormats)
	}
}

// Summary renders the consolidated summary. CSV holds the summary table;
// SummaryView picks another view.
func Summary(s *model.Summary, f Format, lang i18n.Lang) ([]byte, error) {
	return SummaryView(s, f, ViewSummary, lang)
}

// SummaryView renders the consolidated summary; view matters only for CSV,
// which holds one table (the other formats hold every view).
func SummaryView(s *model.Summary, f Format, view View, lang i18n.Lang) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteSummary(&b, s, f, view, lang); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteSummary renders the consolidated summary to w, as SummaryView does;
// an XLSX workbook goes out as it is zipped, never whole in memory.
func WriteSummary(w io.Writer, s *model.Summary, f Format, view View, lang i18n.Lang) error {
	if s == nil {
		return errors.New("summary: no data")
	}
	t := i18n.New(lang)
	var data []byte
	var err error
	switch f {
	case Markdown:
		data = summaryMarkdown(newSummaryView(s, t))
	case HTML:
		data, err = summaryHTML(newSummaryView(s, t))
	case XLSX:
		return summaryXLSX(w, s, t)
	case CSV:
		data, err = summaryCSV(s, view, t)
	case JSON:
		data, err = summaryJSON(s)
	default:
		return formatError(string(f), SummaryFormats)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// UnitFileName is a file name for a unit's record: "bien-ban-2022-STP.md".
func UnitFileName(r *model.UnitRecord, f Format) string {
	return fmt.Sprintf("bien-ban-%d-%s%s", r.Inspection.Year, safeName(r.Unit.Code), f.Ext())
}

// SummaryFileName is a file name for a summary: "tong-hop-2022.xlsx".
func SummaryFileName(s *model.Summary, f Format) string {
	if s.Year != 0 {
		return fmt.Sprintf("tong-hop-%d%s", s.Year, f.Ext())
	}
	return "tong-hop" + f.Ext()
}

// safeName keeps letters, digits, - and _ of an ASCII code.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "don-vi"
	}
	return b.String()
}
