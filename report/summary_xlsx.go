package report

import (
	"io"
	"math"
	"strings"
	"unicode/utf8"

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
	if err := findingSheets(b, s, t.T("report.sheet.recommendations"), t.T("report.sheet.findings"), findingCols, t); err != nil {
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

// findingSheets adds the sheet of the findings with a kiến nghị and the
// sheet of every finding, their rows read from the summary in one pass as
// the workbook is written.
func findingSheets(b *book, s *model.Summary, recSheet, sheet string, cols []col, t i18n.Catalog) error {
	recs, all := findingSpec(s, true, recSheet, "KienNghi", cols, t), findingSpec(s, false, sheet, "ChiTiet", cols, t)
	return b.rowTables([]rowSpec{recs, all}, 1, func(emit, side func([]xcell) error) error {
		line := make([]xcell, len(cols))
		text, wrap := b.st.text, b.st.wrap
		return eachFinding(s, false, func(f *model.FindingRow) error {
			line[0] = xcell{style: text, kind: xText, s: kindName(f.Kind, t)}
			line[1] = xcell{style: text, kind: xText, s: f.UnitCode}
			line[2] = xcell{style: wrap, kind: xText, s: f.UnitName}
			line[3] = xcell{style: text, kind: xText, s: stateLabel(f.State, t)}
			line[4] = xcell{style: text, kind: xText, s: f.FieldCode}
			line[5] = xcell{style: text, kind: xText, s: f.ItemCode}
			line[6] = xcell{style: wrap, kind: xText, s: f.ItemText}
			line[7] = xcell{style: text, kind: xText, s: resultLabel(f.Finding.Result, t)}
			line[8] = xcell{style: b.st.num}
			if f.Finding.Result != model.ResultNotApplicable {
				line[8] = xcell{style: b.st.num, kind: xNum, f: f.Finding.Score.Float()}
			}
			line[9] = xcell{style: b.st.num, kind: xNum, f: f.Max.Float()}
			line[10] = xcell{style: wrap, kind: xText, s: f.Finding.Note}
			line[11] = xcell{style: wrap, kind: xText, s: f.Finding.Evidence}
			line[12] = xcell{style: wrap, kind: xText, s: f.Finding.Recommendation}
			line[13] = xcell{style: b.st.date, kind: xDate, d: f.Finding.Deadline}
			if strings.TrimSpace(f.Finding.Recommendation) != "" {
				if err := side(line); err != nil {
					return err
				}
			}
			return emit(line)
		})
	})
}

// findingSpec is the sheet of every finding (recsOnly: of those with a
// kiến nghị), its columns as wide as table would make them.
func findingSpec(s *model.Summary, recsOnly bool, sheet, table string, cols []col, t i18n.Catalog) rowSpec {
	st := s.ListStats(recsOnly)
	longest := func(labels ...string) int {
		n := 0
		for _, l := range labels {
			n = max(n, utf8.RuneCountInString(l))
		}
		return n
	}
	var kinds, states, results []string
	for _, k := range st.Kinds {
		kinds = append(kinds, kindName(model.KindOf(s.Kinds, k), t))
	}
	for _, x := range st.States {
		states = append(states, stateLabel(x, t))
	}
	for _, r := range st.Results {
		results = append(results, resultLabel(r, t))
	}
	number := 0
	if st.Rows > 0 {
		number = 8 // as table gives a column of numbers
	}
	// The longest text of each column, as table measures it from the rows.
	text := []int{longest(kinds...), st.UnitCode, st.UnitName, longest(states...), st.FieldCode, st.ItemCode,
		st.ItemText, longest(results...), number, number, st.Note, st.Evidence, st.Recommendation, 10}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = colWidth(c, float64(max(utf8.RuneCountInString(c.Head), text[i])))
	}
	return rowSpec{sheet, table, cols, widths, st.Rows}
}
