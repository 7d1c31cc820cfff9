// Package report renders kiemtra's documents from model data: the three a
// team signs and files — the biên bản kiểm tra of a unit, its thông báo
// kết luận kiểm tra, the báo cáo kết quả kiểm tra of an inspection — in
// Markdown, print-ready HTML and Word (the biên bản in XLSX too), laid
// out as Nghị định 30/2020/NĐ-CP says; and the consolidated summary
// across units in Markdown, HTML, XLSX, CSV and JSON. It reads nothing
// itself: the store gathers model.UnitRecord, model.ReportData and
// model.Summary, and report turns them into bytes.
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
	DOCX     Format = "docx"
)

// The formats each document comes in: UnitFormats the biên bản,
// ConclusionFormats the thông báo kết luận, ReportFormats the báo cáo kết
// quả kiểm tra, SummaryFormats the consolidated summary.
var (
	UnitFormats       = []Format{Markdown, HTML, DOCX, XLSX}
	ConclusionFormats = []Format{Markdown, HTML, DOCX}
	ReportFormats     = []Format{Markdown, HTML, DOCX}
	SummaryFormats    = []Format{Markdown, HTML, XLSX, CSV, JSON}
	allFormats        = []Format{Markdown, HTML, DOCX, XLSX, CSV, JSON}
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

// ParseFormat reads a format name ("md", "markdown", "html", "docx",
// "word", "xlsx", "csv", "json").
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
	case "docx", "word":
		return DOCX, nil
	}
	return "", formatError(s, allFormats)
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
func (f Format) Text() bool { return f != XLSX && f != DOCX }

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

// UnitRecord renders the biên bản kiểm tra of one unit as md, html,
// docx or xlsx.
func UnitRecord(r *model.UnitRecord, f Format, lang i18n.Lang) ([]byte, error) {
	if r == nil || r.Checklist == nil {
		return nil, errors.New("unit record: no data")
	}
	v := newRecordView(r, i18n.New(lang))
	if f == XLSX {
		return recordXLSX(v)
	}
	if !slices.Contains(UnitFormats, f) {
		return nil, formatError(string(f), UnitFormats)
	}
	return render(recordDoc(v), f)
}

// Conclusion renders the thông báo kết luận kiểm tra of one unit as md,
// html or docx. It is issued after the biên bản: a record not finalized
// is refused with model.ENotFinal.
func Conclusion(r *model.UnitRecord, f Format, lang i18n.Lang) ([]byte, error) {
	if r == nil || r.Checklist == nil {
		return nil, errors.New("conclusion: no data")
	}
	if !slices.Contains(ConclusionFormats, f) {
		return nil, formatError(string(f), ConclusionFormats)
	}
	if r.Assessment.Status != model.StatusFinalized {
		return nil, model.NewError(model.ENotFinal, nil, r.Unit.Name)
	}
	return render(conclusionDoc(newRecordView(r, i18n.New(lang))), f)
}

// InspectionReport renders the báo cáo kết quả kiểm tra of one inspection
// as md, html or docx.
func InspectionReport(d *model.ReportData, f Format, lang i18n.Lang) ([]byte, error) {
	if d == nil || len(d.Summary.Progress) == 0 {
		return nil, errors.New("inspection report: no data")
	}
	if !slices.Contains(ReportFormats, f) {
		return nil, formatError(string(f), ReportFormats)
	}
	return render(inspectionDoc(d, i18n.New(lang)), f)
}

// render writes a document in one of the formats every document comes
// in.
func render(d document, f Format) ([]byte, error) {
	switch f {
	case Markdown:
		return docMarkdown(d), nil
	case HTML:
		return docHTML(d)
	case DOCX:
		return docxDoc(d)
	case XLSX, CSV, JSON:
	}
	return nil, formatError(string(f), ReportFormats)
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
	if f == HTML || f == JSON || f == CSV {
		if s, err = held(s); err != nil {
			return err
		}
	}
	switch f {
	case Markdown:
		return summaryMarkdown(w, s, newSummaryView(s, t))
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

// UnitFileName is a file name for a unit's biên bản:
// "bien-ban-2022-STP.md".
func UnitFileName(r *model.UnitRecord, f Format) string {
	return fmt.Sprintf("bien-ban-%d-%s%s", r.Inspection.Year, safeName(r.Unit.Code), f.Ext())
}

// ConclusionFileName is a file name for a unit's thông báo kết luận:
// "thong-bao-ket-luan-2022-STP.docx".
func ConclusionFileName(r *model.UnitRecord, f Format) string {
	return fmt.Sprintf("thong-bao-ket-luan-%d-%s%s", r.Inspection.Year, safeName(r.Unit.Code), f.Ext())
}

// ReportFileName is a file name for an inspection's báo cáo:
// "bao-cao-ket-qua-2022.docx".
func ReportFileName(d *model.ReportData, f Format) string {
	return fmt.Sprintf("bao-cao-ket-qua-%d%s", d.Inspection.Year, f.Ext())
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
