package ui

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The inspection's details as the documents print them: its letterhead
// (governing body, issuing body, team name, the place of the date line,
// the abbreviations in the documents' numbers), its căn cứ (plan,
// decision), its dates, who issues the thông báo kết luận, and the team.

// inspectionForm is the details form of in (a new inspection when in.ID
// is empty).
func inspectionForm(c common, in model.Inspection) detailsForm {
	t := c.t
	title := t.T("ui.start.new_inspection")
	year := c.now().Year()
	if in.ID != "" {
		title, year = t.T("ui.inspection.edit_title"), in.Year
	}
	days := ""
	if in.ReportDays > 0 {
		days = strconv.Itoa(in.ReportDays)
	}
	by := 0
	if in.ConclusionBy == model.ConclusionByTeam {
		by = 1
	}
	f := newDetailsForm(c, title)
	f = f.withLine("title", t.T("ui.form.title"), in.Title, t.T("ui.form.title_hint"))
	f = f.withLine("year", t.T("ui.form.year"), strconv.Itoa(year), "")
	f = f.withLine("governing", t.T("ui.inspection.governing"), in.GoverningBody, t.T("ui.inspection.governing_hint"))
	f = f.withLine("issuer", t.T("ui.inspection.issuer"), in.Issuer, t.T("ui.inspection.issuer_hint"))
	f = f.withLine("team_name", t.T("ui.inspection.team_name"), in.TeamName, t.T("ui.inspection.team_name_hint"))
	f = f.withLine("locality", t.T("ui.inspection.locality"), in.Locality, t.T("ui.inspection.locality_hint"))
	f = f.withLine("team_code", t.T("ui.inspection.team_code"), in.TeamCode, t.T("ui.inspection.team_code_hint"))
	f = f.withLine("issuer_code", t.T("ui.inspection.issuer_code"), in.IssuerCode, t.T("ui.inspection.issuer_code_hint"))
	f = f.withLine("plan", t.T("ui.form.plan"), in.Plan, t.T("ui.form.plan_hint"))
	f = f.withLine("decision", t.T("ui.inspection.decision"), in.Decision, t.T("ui.inspection.decision_hint"))
	f = f.withLine("start", t.T("ui.inspection.start"), in.Start.VN(), "dd/mm/yyyy")
	f = f.withLine("end", t.T("ui.inspection.end"), in.End.VN(), "dd/mm/yyyy")
	f = f.withLine("report_days", t.T("ui.inspection.report_days"), days, t.T("ui.inspection.report_days_hint"))
	f = f.withChoice("conclusion_by", t.T("ui.inspection.conclusion_by"),
		[]string{t.T("ui.inspection.by_issuer"), t.T("ui.inspection.by_team")}, by)
	f = f.withText("team", t.T("ui.inspection.team"), membersText(in.Team), t.T("ui.inspection.team_hint"), 5)
	return f
}

// readInspection is in with the form's values, or the error to show with
// the key of the field it is about.
func readInspection(f detailsForm, in model.Inspection) (model.Inspection, string, string) {
	t := f.c.t
	in.Title = clean(f.value("title"))
	if in.Title == "" {
		return in, "title", t.T("ui.form.title_required")
	}
	year, err := strconv.Atoi(strings.TrimSpace(f.value("year")))
	if err != nil || year < 1990 || year > 2200 {
		return in, "year", t.T("ui.form.year_invalid")
	}
	in.Year = year
	in.GoverningBody, in.Issuer, in.TeamName = clean(f.value("governing")), clean(f.value("issuer")), clean(f.value("team_name"))
	in.Locality, in.TeamCode, in.IssuerCode = clean(f.value("locality")), clean(f.value("team_code")), clean(f.value("issuer_code"))
	in.Plan, in.Decision = clean(f.value("plan")), clean(f.value("decision"))
	for _, k := range []string{"start", "end"} {
		d, err := model.ParseDate(f.value(k))
		if err != nil {
			return in, k, t.T("ui.form.date_invalid")
		}
		if k == "start" {
			in.Start = d
		} else {
			in.End = d
		}
	}
	if !in.Start.IsZero() && !in.End.IsZero() && in.End.Before(in.Start) {
		return in, "end", t.T("ui.inspection.end_before_start")
	}
	in.ReportDays = 0
	if s := strings.TrimSpace(f.value("report_days")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 365 {
			return in, "report_days", t.T("ui.inspection.report_days_invalid")
		}
		in.ReportDays = n
	}
	in.ConclusionBy = model.ConclusionByIssuer
	if f.chosen("conclusion_by") == 1 {
		in.ConclusionBy = model.ConclusionByTeam
	}
	team, bad := parseMembers(f.value("team"))
	if bad > 0 {
		return in, "team", t.T("ui.people.no_name", bad)
	}
	in.Team = team
	return in, "", ""
}

// submitInspectionDetails saves the form's inspection, or shows what is
// wrong with it.
func (m startModel) submitInspectionDetails() (startModel, tea.Cmd) {
	in, field, msg := readInspection(m.details, m.editing)
	if msg != "" {
		var cmd tea.Cmd
		m.details, cmd = m.details.fail(field, msg)
		return m, cmd
	}
	m.details.err = ""
	return m, createInspectionCmd(m.c.store, m.c.inspector, in)
}
