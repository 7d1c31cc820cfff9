package report

import (
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// conclusionDoc is the thông báo kết luận kiểm tra of one unit, issued
// after the visit by the inspection's issuer (or the head of the team, as
// the plan says) with its own number, date and signer: what was achieved
// by field, the strengths, the shortcomings and their causes, kiến nghị
// with deadlines and the day the unit reports on its fixes, counted from
// the thông báo's own date; nơi nhận and the signature.
func conclusionDoc(v *recordView) document {
	t, r := v.T, v.Rec
	in, a, c := r.Inspection, r.Assessment, r.Assessment.Conclusion
	byTeam := in.ConclusionBy == model.ConclusionByTeam
	org, code, issuerName := v.Bodies.issuer, in.IssuerCode, strings.TrimSpace(in.Issuer)
	if issuerName == "" {
		issuerName = t.T("report.record.default_issuer")
	}
	if byTeam {
		org, code, issuerName = v.Bodies.team, in.TeamCode, teamName(in, t)
	}
	d := document{Lang: v.Lang, Draft: v.Draft, DraftMark: t.T("report.draft"), DraftNote: t.T("report.draft_note"),
		Head:  head(v.Bodies, org, docNumber(c.Number, kindConclusion, code, t), placeDate(in, c.Date, t), t),
		Title: []string{t.T("report.conclusion.title"), t.T("report.conclusion.subtitle", lowerFirst(in.Title), r.Unit.Name)}}
	var b body
	var bases []string
	for _, s := range []string{in.Plan, in.Decision} {
		if s = strings.TrimSpace(s); s != "" {
			bases = append(bases, strings.TrimSuffix(s, ";"))
		}
	}
	if len(bases) > 0 {
		b.para(t.T("report.conclusion.bases", strings.Join(bases, "; ")))
	}
	record := ""
	if strings.TrimSpace(a.RecordNo) != "" {
		record = t.T("report.conclusion.record_ref", docSymbol(a.RecordNo, kindRecord, in.TeamCode))
	}
	b.para(t.T("report.conclusion.opening", dateShortOr(a.Date, t), teamName(in, t), lowerFirst(in.Title), r.Unit.Name,
		record, issuerName))

	b.heading(1, t.T("report.conclusion.h_results"))
	for i, s := range v.Sections {
		line := s.Title
		if v.Scores && i < len(v.Fields) && v.Fields[i].Counted {
			f := v.Fields[i]
			line = t.T("report.conclusion.field_score", s.Title, f.Score, f.AdjMax, f.Percent)
		}
		if s.Counts != "" {
			line += "; " + s.Counts
		}
		b.para(sentence(line))
	}
	if v.Scores {
		b.para(v.TotalLine)
	}
	if v.Class != "" {
		b.spans(bold(v.Class))
	}
	if v.Self != nil {
		b.para(v.Self.Line)
	}
	b.heading(2, t.T("report.conclusion.strengths"))
	b.list(orNone(v.Strengths, t)...)
	prevBlocks(&b, v, 0)

	b.heading(1, t.T("report.conclusion.h_shortcomings"))
	b.heading(2, t.T("report.conclusion.shortcomings"))
	if len(v.Shortfalls) == 0 {
		b.para(t.T("report.record.no_shortcomings"))
	}
	for _, g := range v.Shortfalls {
		b.heading(3, g.Title)
		var lines []string
		for _, it := range g.Items {
			lines = append(lines, it.Line)
		}
		b.list(lines...)
	}
	b.heading(2, t.T("report.conclusion.causes"))
	b.list(orNone(paragraphs(c.Causes), t)...)

	b.heading(1, t.T("report.conclusion.h_recs"))
	if len(v.Recs) == 0 {
		b.para(t.T("report.record.no_recs"))
	} else {
		b.para(t.T("report.conclusion.recs_lead", r.Unit.Name))
		b.keepNext()
		b.tbl(recsTable(v))
	}
	b.para(conclusionFixReport(r, issuerName, t))
	d.Body = b

	sig := signature{Authority: upper(c.Authority), Title: upper(c.SignerPosition), Name: c.Signer}
	if byTeam && sig.Title == "" {
		sig.Title = t.T("report.sign.leader")
		if sig.Name == "" {
			sig.Name = leaderOf(in).Name
		}
	}
	gov := strings.TrimSpace(in.GoverningBody)
	if gov == "" {
		gov = t.T("report.conclusion.to_province")
	}
	keep := code
	if keep == "" {
		keep = issuerName
	}
	d.Close = closing{Recipients: []string{t.T("report.recipients"),
		t.T("report.recipient.report_to", gov), t.T("report.recipient.item", r.Unit.Name),
		t.T("report.recipient.item", t.T("report.conclusion.members")), t.T("report.recipient.archive", keep)},
		Signatures: []signature{sig}}
	return d
}

// conclusionFixReport is the deadline for the unit's report on its fixes,
// counted from this thông báo.
func conclusionFixReport(r *model.UnitRecord, to string, t i18n.Catalog) string {
	days := r.Inspection.ReportDaysOrDefault()
	if due := r.FixReportDue(); !due.IsZero() {
		return t.TN("report.conclusion.fix_report", days, r.Unit.Name, to, due.VN(), days)
	}
	return t.TN("report.conclusion.fix_report_days", days, r.Unit.Name, to, days)
}

// dateShortOr is dd/mm/yyyy, or room to write the date.
func dateShortOr(d model.Date, t i18n.Catalog) string {
	if d.IsZero() {
		return t.T("report.blank")
	}
	return d.VN()
}
