package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// recordXLSX writes the record as a workbook: the record itself on the
// first sheet (header, results table, classification, remarks, signatures),
// then one table each for shortcomings, recommendations and every item.
func recordXLSX(v *recordView) ([]byte, error) {
	t := v.T
	b, err := newBook()
	if err != nil {
		return nil, err
	}
	if err := recordSheet(b, v); err != nil {
		b.discard()
		return nil, err
	}

	var rows [][]any
	for _, g := range v.Shortfalls {
		for _, it := range g.Items {
			rows = append(rows, []any{g.Title, it.Code, it.Text, it.Result, it.ScoreN, it.MaxN, it.Note, it.Evidence})
		}
	}
	err = b.table(t.T("report.sheet.shortcomings"), "TonTai", []col{
		{t.T("report.col.field"), colWrap, 30}, {t.T("report.col.item"), colText, 10}, {t.T("report.col.question"), colWrap, 60},
		{t.T("report.col.result"), colText, 16}, {t.T("report.col.score"), colNum, 0}, {t.T("report.col.max"), colNum, 0},
		{t.T("report.col.note"), colWrap, 50}, {t.T("report.col.evidence_seen"), colWrap, 40},
	}, rows)
	if err != nil {
		b.discard()
		return nil, err
	}

	rows = rows[:0]
	for _, r := range v.Recs {
		rows = append(rows, []any{atoi(r.No), r.Code, r.Text, r.Rec, r.DeadlineDate})
	}
	err = b.table(t.T("report.sheet.recommendations"), "KienNghi", []col{
		{t.T("report.col.no"), colInt, 6}, {t.T("report.col.item"), colText, 10}, {t.T("report.col.question"), colWrap, 50},
		{t.T("report.col.recommendation"), colWrap, 60}, {t.T("report.col.deadline"), colDate, 12},
	}, rows)
	if err != nil {
		b.discard()
		return nil, err
	}

	rows = rows[:0]
	for _, ri := range v.Items {
		var score any
		if ri.Answered {
			score = ri.Finding.Score.Float()
		}
		rows = append(rows, []any{ri.FieldCode, ri.Item.Code, ri.Item.Text, resultLabel(ri.Finding.Result, t), score,
			ri.Item.Max.Float(), oneLine(ri.Finding.Note), oneLine(ri.Finding.Evidence), oneLine(ri.Finding.Recommendation),
			ri.Finding.Deadline})
	}
	err = b.table(t.T("report.sheet.items"), "ChiTiet", []col{
		{t.T("report.col.field_code"), colText, 10}, {t.T("report.col.item"), colText, 10}, {t.T("report.col.question"), colWrap, 60},
		{t.T("report.col.result"), colText, 16}, {t.T("report.col.score"), colNum, 0}, {t.T("report.col.max"), colNum, 0},
		{t.T("report.col.note"), colWrap, 50}, {t.T("report.col.evidence_seen"), colWrap, 40},
		{t.T("report.col.recommendation"), colWrap, 50}, {t.T("report.col.deadline"), colDate, 12},
	}, rows)
	if err != nil {
		b.discard()
		return nil, err
	}
	return b.bytes()
}

// atoi reads a row number; one that is not a number leaves the cell 0.
func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

// recordSheet lays the record out down the first sheet: labels in column
// A, text in B (merged to F), the results table across A–F.
func recordSheet(b *book, v *recordView) error {
	t := v.T
	sw, err := b.sheet(t.T("report.sheet.record"))
	if err != nil {
		return err
	}
	for i, w := range []float64{8, 58, 12, 14, 12, 12} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	row := 0
	put := func(style int, height float64, vals ...any) error {
		row++
		cells := make([]any, len(vals))
		for i, x := range vals {
			cells[i] = excelize.Cell{StyleID: style, Value: x}
		}
		ref, _ := excelize.CoordinatesToCellName(1, row)
		opts := []excelize.RowOpts{}
		if height > 0 {
			opts = append(opts, excelize.RowOpts{Height: height})
		}
		return sw.SetRow(ref, cells, opts...)
	}
	merged := func(style int, height float64, text string) error {
		if err := put(style, height, text); err != nil {
			return err
		}
		return sw.MergeCell(fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row))
	}
	labelled := func(label, text string) error {
		if err := put(b.st.bold, 0, label, text); err != nil {
			return err
		}
		return sw.MergeCell(fmt.Sprintf("B%d", row), fmt.Sprintf("F%d", row))
	}
	var steps []func() error
	add := func(f func() error) { steps = append(steps, f) }
	if v.Draft {
		add(func() error { return merged(b.st.title, 20, t.T("report.draft")+" — "+t.T("report.draft_note")) })
	}
	add(func() error { return merged(b.st.bold, 0, v.Issuer+" — "+v.TeamName) })
	add(func() error { return merged(b.st.bold, 0, v.Nation+" — "+v.Motto) })
	add(func() error { return merged(b.st.bold, 0, v.DateLine) })
	add(func() error { return merged(b.st.title, 22, v.Title) })
	add(func() error { return merged(b.st.title, 36, v.Subtitle) })
	for _, s := range v.Bases {
		add(func() error { return merged(b.st.bold, 30, s) })
	}
	add(func() error { return labelled(t.T("report.record.time"), v.Time) })
	add(func() error { return labelled(t.T("report.record.place"), v.Place) })
	add(func() error { return labelled(t.T("report.record.team"), "") })
	for _, m := range v.Team {
		add(func() error { return labelled("", memberText(m)) })
	}
	add(func() error { return labelled(t.T("report.record.unit_side"), v.UnitName) })
	for _, m := range v.UnitReps {
		add(func() error { return labelled("", memberText(m)) })
	}
	add(func() error { return merged(b.st.bold, 0, t.T("report.record.s1")) })
	add(func() error {
		h := fieldHead(v)
		return put(b.st.head, 30, h[0], h[1], h[2], h[3], h[4], h[5])
	})
	for _, f := range append(append([]fieldRow{}, v.Fields...), v.Total) {
		add(func() error {
			var p any
			if f.Counted {
				p = excelize.Cell{StyleID: b.st.pct, Value: f.PercentN / 100}
			} else {
				p = excelize.Cell{StyleID: b.st.text, Value: "—"}
			}
			row++
			ref, _ := excelize.CoordinatesToCellName(1, row)
			return sw.SetRow(ref, []any{excelize.Cell{StyleID: b.st.text, Value: f.No}, excelize.Cell{StyleID: b.st.wrap, Value: f.Title},
				excelize.Cell{StyleID: b.st.num, Value: f.MaxN}, excelize.Cell{StyleID: b.st.num, Value: f.AdjMaxN},
				excelize.Cell{StyleID: b.st.num, Value: f.ScoreN}, p})
		})
	}
	add(func() error { return merged(b.st.bold, 0, v.TotalLine) })
	if v.Progress != "" {
		add(func() error { return merged(b.st.bold, 0, v.Progress) })
	}
	add(func() error { return merged(b.st.bold, 0, v.Class) })
	section := func(title string, lines []string) {
		add(func() error { return merged(b.st.bold, 0, title) })
		if len(lines) == 0 {
			lines = []string{t.T("report.none_recorded")}
		}
		for _, l := range lines {
			add(func() error { return labelled("", l) })
		}
	}
	section(t.T("report.record.s2"), v.Strengths)
	var shorts []string
	for _, g := range v.Shortfalls {
		for _, it := range g.Items {
			s := it.Code + " " + it.Text + " — " + it.Result + " (" + it.Score + ")."
			if it.Note != "" {
				s += " " + t.T("report.note") + " " + it.Note
			}
			if it.Evidence != "" {
				s += " " + t.T("report.evidence") + " " + it.Evidence
			}
			shorts = append(shorts, s)
		}
	}
	section(t.T("report.record.s3"), shorts)
	section(t.T("report.record.s4"), v.Comments)
	var recs []string
	for _, r := range v.Recs {
		s := r.Code + " " + r.Rec
		if r.Deadline != "" {
			s += " (" + t.T("report.col.deadline") + ": " + r.Deadline + ")"
		}
		recs = append(recs, s)
	}
	section(t.T("report.record.s5"), recs)
	add(func() error { return merged(b.st.bold, 0, v.FixReport) })
	add(func() error { row++; return nil })
	sigRow := func(texts ...string) error {
		if err := put(b.st.sign, 0, "", texts[0], texts[1], "", texts[2]); err != nil {
			return err
		}
		if err := sw.MergeCell(fmt.Sprintf("C%d", row), fmt.Sprintf("D%d", row)); err != nil {
			return err
		}
		return sw.MergeCell(fmt.Sprintf("E%d", row), fmt.Sprintf("F%d", row))
	}
	s := v.Signatures
	add(func() error { return sigRow(s[0].Title, s[1].Title, s[2].Title) })
	add(func() error { return sigRow(s[0].Hint, s[1].Hint, s[2].Hint) })
	add(func() error {
		row += 4 // room to sign
		return sigRow(s[0].Name, s[1].Name, s[2].Name)
	})
	for _, f := range steps {
		if err := f(); err != nil {
			return fmt.Errorf("xlsx record sheet: %w", err)
		}
	}
	return sw.Flush()
}
