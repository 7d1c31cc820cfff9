package report

import (
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// inspectionDoc is the báo cáo kết quả kiểm tra the team sends the Chủ
// tịch UBND tỉnh: kính gửi; basis, scope and method; the units inspected
// by kind; the general results; strengths seen across units; the most
// common shortcomings with how many units had each; recommendations to
// the units and proposals to the province; signed by the Trưởng đoàn;
// the consolidated table as its phụ lục.
func inspectionDoc(d *model.ReportData, t i18n.Catalog) document {
	in, rep := d.Inspection, d.Inspection.Report
	bs := bodiesOf(in, t)
	doc := document{Lang: string(t.Lang),
		Head:  head(bs, bs.team, docNumber(rep.Number, kindReport, in.TeamCode, t), placeDate(in, rep.Date, t), t),
		Title: []string{t.T("report.inspection.title"), t.T("report.inspection.subtitle", lowerFirst(in.Title))}}
	n := narrativeOf(d, t)
	var b body
	to := strings.TrimSpace(rep.Recipient)
	if to == "" {
		gov := strings.TrimSpace(in.GoverningBody)
		if gov == "" {
			gov = t.T("report.conclusion.to_province")
		}
		to = t.T("report.inspection.chair", gov)
	}
	b.styled(styleCenter, t.T("report.inspection.to", to))
	var bases []string
	for _, s := range []string{in.Plan, in.Decision} {
		if s = strings.TrimSpace(s); s != "" {
			bases = append(bases, strings.TrimSuffix(s, ";"))
		}
	}
	if len(bases) > 0 {
		b.para(t.T("report.inspection.opening", strings.Join(bases, "; "), teamName(in, t)))
	}

	b.heading(1, t.T("report.inspection.h_general"))
	b.heading(2, t.T("report.inspection.h_scope"))
	narrativeBlocks(&b, n.Scope)
	b.heading(2, t.T("report.inspection.h_method"))
	narrativeBlocks(&b, n.Method)

	b.heading(1, t.T("report.inspection.h_results"))
	b.heading(2, t.T("report.inspection.h_overall"))
	narrativeBlocks(&b, n.Results)
	b.heading(2, t.T("report.inspection.h_strengths"))
	narrativeBlocks(&b, n.Strengths)
	b.heading(2, t.T("report.inspection.h_shortcomings"))
	narrativeBlocks(&b, n.Shortcomings)

	b.heading(1, t.T("report.inspection.h_proposals"))
	b.heading(2, t.T("report.inspection.h_to_units"))
	narrativeBlocks(&b, n.Recommendations)
	b.heading(2, t.T("report.inspection.h_to_province"))
	narrativeBlocks(&b, n.Proposals)
	b.para(t.T("report.inspection.closing", teamName(in, t)))
	doc.Body = b

	leader := leaderOf(in)
	issuer := strings.TrimSpace(in.Issuer)
	if issuer == "" {
		issuer = t.T("report.record.default_issuer")
	}
	keep := strings.TrimSpace(in.TeamCode)
	if keep == "" {
		keep = teamName(in, t)
	}
	doc.Close = closing{Recipients: []string{t.T("report.recipients"), t.T("report.recipient.report_to", to),
		t.T("report.recipient.follow", issuer), t.T("report.recipient.item", t.T("report.inspection.units")),
		t.T("report.recipient.archive", keep)},
		Signatures: []signature{{Title: t.T("report.sign.leader"), Name: leader.Name}}}
	doc.Annex = annex(d, t)
	return doc
}

// annex is the phụ lục: the consolidated results, one table per kind of
// unit, each field as a percentage of its maximum without the items
// marked không áp dụng, so fields can be compared.
func annex(d *model.ReportData, t i18n.Catalog) []block {
	s, in, rep := &d.Summary, d.Inspection, d.Inspection.Report
	var b body
	b.styled(styleCenter, t.T("report.annex.title"))
	b.styled(styleCenter, t.T("report.annex.subtitle", lowerFirst(in.Title)))
	b.styled(styleCenter, t.T("report.annex.attached", docSymbol(rep.Number, kindReport, in.TeamCode), dateShortOr(rep.Date, t),
		teamName(in, t)))
	classify := kindsClassify(d)
	head := []string{t.T("report.col.no"), t.T("report.col.unit"), t.T("report.col.state")}
	align, widths := "clc", []int{5, 22, 13}
	for _, f := range s.Fields {
		head = append(head, t.T("report.summary.field_col", f.Code))
		align += "r"
		widths = append(widths, 7)
	}
	head = append(head, t.T("report.col.score_of"), t.T("report.col.percent"), t.T("report.col.rank"))
	align += "rrc"
	widths = append(widths, 12, 9, 8)
	if classify {
		head = append(head, t.T("report.col.class"))
		align += "c"
		widths = append(widths, 9)
	}
	provisional := false
	for _, k := range s.Kinds {
		b.heading(2, kindName(k, t))
		tb := &table{Head: head, Align: align, Widths: widths, Small: true}
		no := 0
		for _, r := range s.Rows {
			if r.Kind.Code != k.Code {
				continue
			}
			no++
			row := []string{strconv.Itoa(no), r.Unit.Name, stateLabel(r.State, t)}
			mark := ""
			if !r.State.Ranked() && r.State != model.StateNotStarted {
				mark, provisional = "*", true
			}
			for _, c := range r.Fields {
				row = append(row, cellPercent(c.Present, c.Tally, r.State, mark, t))
			}
			score, p, rank, band := "—", overallPercent(r, mark, t), "—", "—"
			if r.State != model.StateNotStarted {
				score = num(r.Overall.Score, t) + "/" + num(r.Overall.AdjustedMax, t) + mark
			}
			if r.Rank > 0 {
				rank = strconv.Itoa(r.Rank)
				band = bandLabel(r.Band, t)
			}
			row = append(row, score, p, rank)
			if classify {
				row = append(row, band)
			}
			tb.Rows = append(tb.Rows, row)
		}
		b.tbl(tb)
	}
	var legend []string
	for _, f := range s.Fields {
		legend = append(legend, t.T("report.summary.field_col", f.Code)+": "+f.Title)
	}
	b.styled(styleNote, t.T("report.annex.percent_note"))
	if provisional {
		b.styled(styleNote, t.T("report.annex.provisional_note"))
	}
	b.styled(styleNote, strings.Join(legend, "; ")+".")
	return b
}

// cellPercent is a tally's percentage in a table: "—" for a field of a
// unit not started (the overall cell, mark "overall", says "chưa kiểm
// tra"), "không áp dụng" for a field with nothing to score, with mark
// after a provisional (draft) value.
func cellPercent(present bool, tl model.Tally, st model.RecordState, mark string, t i18n.Catalog) string {
	switch {
	case !present:
		return "—"
	case st == model.StateNotStarted && mark == "overall":
		return lowerFirst(t.T("report.state.not_started"))
	case st == model.StateNotStarted, tl.Answered == 0:
		return "—"
	case tl.AdjustedMax <= 0:
		return lowerFirst(t.T("report.result.na"))
	}
	return pct(tl.Percent(), t) + mark
}

// overallPercent is a row's total percentage cell.
func overallPercent(r model.SummaryRow, mark string, t i18n.Catalog) string {
	if r.State == model.StateNotStarted {
		return cellPercent(true, r.Overall, r.State, "overall", t)
	}
	return cellPercent(true, r.Overall, r.State, mark, t)
}
