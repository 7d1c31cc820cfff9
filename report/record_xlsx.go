package report

import (
	"strconv"
	"strings"

	"kiemtra/model"
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
	if err := docSheet(b, t.T("report.sheet.record"), recordDoc(v)); err != nil {
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
		if ri.Answered && ri.Finding.Result != model.ResultNotApplicable {
			score = ri.Finding.Score.Float() // không áp dụng is no score, not 0
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
	if err := recordFollowSheets(b, v); err != nil {
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
