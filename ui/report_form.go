package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The báo cáo kết quả kiểm tra's own details: its number, date and
// addressee, and its paragraphs, which start as the text generated from
// the records and may be rewritten before export. A paragraph left as
// generated is stored empty, so it keeps following the records.

// narrativeLoadedMsg carries the báo cáo's generated paragraphs, to open
// its form with.
type narrativeLoadedMsg struct {
	inspectionID string
	generated    model.Narrative
	err          error
}

func loadNarrativeCmd(ex Exporter, inspectionID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		n, err := ex.ReportNarrative(ctx, inspectionID)
		return narrativeLoadedMsg{inspectionID: inspectionID, generated: n, err: err}
	}
}

// reportForm is the báo cáo's form for in, its paragraphs as the team
// wrote them or as generated.
func reportForm(c common, in model.Inspection, gen model.Narrative) detailsForm {
	t, r := c.t, in.Report
	f := newDetailsForm(c, t.T("ui.report.title", in.Title))
	f = f.withLine("number", t.T("ui.report.number"), r.Number, t.T("ui.report.number_hint"))
	f = f.withLine("date", t.T("ui.report.date"), r.Date.VN(), "dd/mm/yyyy")
	f = f.withLine("recipient", t.T("ui.report.recipient"), r.Recipient, t.T("ui.report.recipient_hint"))
	for _, p := range model.NarrativeParts {
		v := r.Part(p)
		if strings.TrimSpace(v) == "" {
			v = gen.Part(p)
		}
		f = f.withText(p, t.T("ui.report.part."+p), v, t.T("ui.report.part_hint"), 4)
	}
	f.note = t.T("ui.report.note")
	return f
}

// readReport is in with the form's báo cáo, or the error to show with the
// key of its field. A paragraph the team left as generated is stored
// empty.
func readReport(f detailsForm, in model.Inspection, gen model.Narrative) (model.Inspection, string, string) {
	t := f.c.t
	d, err := model.ParseDate(f.value("date"))
	if err != nil {
		return in, "date", t.T("ui.form.date_invalid")
	}
	r := model.InspectionReport{Number: clean(f.value("number")), Date: d, Recipient: clean(f.value("recipient"))}
	for _, p := range model.NarrativeParts {
		v := paragraphsText(f.value(p))
		if v == paragraphsText(gen.Part(p)) {
			v = ""
		}
		r.Narrative = r.Narrative.WithPart(p, v)
	}
	in.Report = r
	return in, "", ""
}

// submitReport saves the báo cáo's details, or shows what is wrong.
func (m startModel) submitReport() (startModel, tea.Cmd) {
	in, field, msg := readReport(m.details, m.editing, m.generated)
	if msg != "" {
		var cmd tea.Cmd
		m.details, cmd = m.details.fail(field, msg)
		return m, cmd
	}
	m.details.err = ""
	return m, createInspectionCmd(m.c.store, m.c.inspector, in)
}
