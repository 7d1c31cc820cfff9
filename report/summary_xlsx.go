package report

import (
	"io"
	"math"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// summaryXLSX writes the summary workbook to w: one sheet per view, each a
// filtered table under a frozen header row, numbers stored as numbers.
func summaryXLSX(w io.Writer, s *model.Summary, t i18n.Catalog) error {
	b, err := newBook()
	if err != nil {
		return err
	}
	fail := func(err error) error { b.discard(); return err }

	classify := false
	for _, r := range s.Rows {
		classify = classify || r.Band.Label != ""
	}
	cols := []col{{t.T("report.col.kind"), colText, 28}, {t.T("report.col.rank"), colInt, 10},
		{t.T("report.col.unit_code"), colText, 14}, {t.T("report.col.unit"), colWrap, 40}, {t.T("report.col.state"), colText, 30}}
	// Each field as a percentage of its maximum without the items marked
	// không áp dụng, so fields compare across units and checklists.
	for _, f := range s.Fields {
		cols = append(cols, col{t.T("report.summary.field_col", f.Code) + " (%) — " + f.Title, colPct, 14})
	}
	cols = append(cols, col{t.T("report.col.score"), colNum, 0}, col{t.T("report.col.adj_max"), colNum, 14},
		col{t.T("report.col.percent"), colPct, 12})
	if classify {
		cols = append(cols, col{t.T("report.col.class"), colText, 16})
	}
	cols = append(cols, col{t.T("report.col.answered"), colInt, 12}, col{t.T("report.col.items_total"), colInt, 12},
		col{t.T("report.col.visit_date"), colDate, 14})
	var rows [][]any
	for _, r := range s.Rows {
		started := r.State != model.StateNotStarted
		row := []any{kindName(r.Kind, t), nil, r.Unit.Code, r.Unit.Name, stateLabel(r.State, t)}
		if r.Rank > 0 {
			row[1] = r.Rank
		}
		for _, c := range r.Fields {
			row = append(row, fractionOf(c.Tally, c.Present && started))
		}
		var score, adj any
		if started {
			score, adj = r.Overall.Score.Float(), r.Overall.AdjustedMax.Float()
		}
		row = append(row, score, adj, fractionOf(r.Overall, started))
		if classify {
			var band any
			if l := bandLabel(r.Band, t); r.Rank > 0 && l != "" {
				band = l
			}
			row = append(row, band)
		}
		rows = append(rows, append(row, r.Overall.Answered, r.Overall.Total, r.Date))
	}
	if err := b.table(t.T("report.sheet.summary"), "TongHop", cols, rows); err != nil {
		return fail(err)
	}

	rows = rows[:0]
	for _, st := range s.Shortcomings {
		rows = append(rows, []any{st.ChecklistID, st.FieldCode, st.ItemCode, st.Text, st.Units, st.Assessed, st.Fail, st.Partial,
			st.Draft, strings.Join(st.UnitCodes, ", ")})
	}
	if err := b.table(t.T("report.sheet.shortcomings"), "TonTai", []col{
		{t.T("report.col.checklist"), colText, 16}, {t.T("report.col.field_code"), colText, 10}, {t.T("report.col.item"), colText, 10},
		{t.T("report.col.question"), colWrap, 60}, {t.T("report.col.short_units"), colInt, 14}, {t.T("report.col.assessed"), colInt, 14},
		{t.T("report.result.fail"), colInt, 12}, {t.T("report.result.partial"), colInt, 14},
		{t.T("report.col.draft_units"), colInt, 16}, {t.T("report.col.where"), colWrap, 50},
	}, rows); err != nil {
		return fail(err)
	}

	findingCols := []col{
		{t.T("report.col.kind"), colText, 24}, {t.T("report.col.unit_code"), colText, 14}, {t.T("report.col.unit"), colWrap, 32},
		{t.T("report.col.state"), colText, 24}, {t.T("report.col.field_code"), colText, 10}, {t.T("report.col.item"), colText, 10},
		{t.T("report.col.question"), colWrap, 50}, {t.T("report.col.result"), colText, 16}, {t.T("report.col.score"), colNum, 0},
		{t.T("report.col.max"), colNum, 0}, {t.T("report.col.note"), colWrap, 50}, {t.T("report.col.evidence_seen"), colWrap, 40},
		{t.T("report.col.recommendation"), colWrap, 50}, {t.T("report.col.deadline"), colDate, 14},
	}
	findingRows := func(list []model.FindingRow) [][]any {
		out := make([][]any, 0, len(list))
		for _, f := range list {
			out = append(out, []any{kindName(f.Kind, t), f.UnitCode, f.UnitName, stateLabel(f.State, t), f.FieldCode, f.ItemCode,
				f.ItemText, resultLabel(f.Finding.Result, t), findingScore(f.Finding), f.Max.Float(), f.Finding.Note,
				f.Finding.Evidence, f.Finding.Recommendation, f.Finding.Deadline})
		}
		return out
	}
	if err := b.table(t.T("report.sheet.recommendations"), "KienNghi", findingCols, findingRows(s.Recommendations)); err != nil {
		return fail(err)
	}
	if err := b.table(t.T("report.sheet.findings"), "ChiTiet", findingCols, findingRows(s.Findings)); err != nil {
		return fail(err)
	}
	if err := summaryFollowSheets(b, s, t); err != nil {
		return fail(err)
	}
	return b.writeTo(w)
}

// fractionOf is a tally's percentage as the fraction a workbook stores
// (two decimals of a percent), or nil where there is none yet: nothing
// assessed, or nothing to score.
func fractionOf(tl model.Tally, show bool) any {
	if !show || tl.Answered == 0 || tl.AdjustedMax <= 0 {
		return nil
	}
	return math.Round(tl.Percent()*100) / 10000
}

// findingScore is a finding's score as a number, or nil for one marked
// không áp dụng, which scores nothing rather than 0.
func findingScore(f model.Finding) any {
	if f.Result == model.ResultNotApplicable {
		return nil
	}
	return f.Score.Float()
}
