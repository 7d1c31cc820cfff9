package report

import (
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// recordFollowSheets adds to a record's workbook the earlier kiến nghị the
// visit followed up and every item the unit scored itself, each only when
// there is one: numbers and dates as Excel stores them, for the office to
// filter.
func recordFollowSheets(b *book, v *recordView) error {
	t, r := v.T, v.Rec
	if len(r.FollowUps) > 0 {
		var rows [][]any
		for i, rec := range r.FollowUps {
			status, checked, note, ev := t.T("fix.status.unchecked"), model.Date{}, "", ""
			if c, ok := rec.At(r.Assessment.ID); ok {
				status, checked, note, ev = t.T("fix.status."+string(c.Status)), c.Checked, oneLine(c.Note), oneLine(c.Evidence)
			}
			rows = append(rows, []any{i + 1, rec.Year, rec.ItemCode, oneLine(rec.Text), rec.Deadline, status, checked, note, ev})
		}
		if err := b.table(t.T("report.sheet.follow"), "KienNghiTruoc", []col{
			{t.T("report.col.no"), colInt, 6}, {t.T("report.follow.col.year"), colInt, 8}, {t.T("report.col.item"), colText, 10},
			{t.T("report.col.recommendation"), colWrap, 60}, {t.T("report.col.deadline"), colDate, 14},
			{t.T("report.follow.col.status"), colText, 20}, {t.T("report.follow.col.checked"), colDate, 14},
			{t.T("report.col.note"), colWrap, 40}, {t.T("report.col.evidence_seen"), colWrap, 40},
		}, rows); err != nil {
			return err
		}
	}
	cmp := r.SelfComparison()
	if cmp.Empty() {
		return nil
	}
	var rows [][]any
	for _, it := range cmp.Items {
		var verified, diff any
		if it.Compared {
			verified, diff = it.Verified.Float(), it.Diff().Float()
		}
		rows = append(rows, []any{it.FieldCode, it.Code, it.Self.Float(), verified, diff, oneLine(it.Evidence)})
	}
	return b.table(t.T("report.sheet.self"), "TuDanhGia", []col{
		{t.T("report.col.field_code"), colText, 10}, {t.T("report.col.item"), colText, 10},
		{t.T("report.self.col.self"), colNum, 16}, {t.T("report.self.col.verified"), colNum, 16},
		{t.T("report.self.col.diff"), colNum, 14}, {t.T("report.self.col.evidence"), colWrap, 50},
	}, rows)
}

// summaryFollowSheets adds to the summary's workbook every kiến nghị of
// its units across years, open and closed, overdue ones marked, and the
// units ranked by how far their self-assessment was from the verified
// score; each only when there is one.
func summaryFollowSheets(b *book, s *model.Summary, t i18n.Catalog) error {
	if len(s.FollowUp) > 0 {
		var rows [][]any
		for _, r := range s.FollowUp {
			f := followOf(r, s.AsOf, t)
			rows = append(rows, []any{r.UnitCode, r.UnitName, r.Year, r.Inspection, r.ItemCode, oneLine(r.Text), r.Deadline,
				f.Status, f.CheckedDate, f.Open, f.Overdue, f.Reports})
		}
		if err := b.table(t.T("report.sheet.follow_all"), "TheoDoiKienNghi", []col{
			{t.T("report.col.unit_code"), colText, 14}, {t.T("report.col.unit"), colWrap, 32}, {t.T("report.follow.col.year"), colInt, 8},
			{t.T("report.col.inspection"), colWrap, 36}, {t.T("report.col.item"), colText, 10},
			{t.T("report.col.recommendation"), colWrap, 60}, {t.T("report.col.deadline"), colDate, 14},
			{t.T("report.follow.col.status"), colText, 20}, {t.T("report.follow.col.checked"), colDate, 14},
			{t.T("report.follow.col.open"), colText, 10}, {t.T("report.follow.col.overdue"), colText, 10},
			{t.T("report.col.fix_reports"), colWrap, 30},
		}, rows); err != nil {
			return err
		}
	}
	if len(s.SelfAssessments) == 0 {
		return nil
	}
	var rows [][]any
	for _, r := range model.RankSelf(s.SelfAssessments) {
		var rank, self, verified, diff, gap any
		if r.Rank > 0 {
			rank = r.Rank
		}
		if r.Compared > 0 {
			self, verified, diff, gap = r.Self.Float(), r.Verified.Float(), r.Diff().Float(), r.Gap.Float()
		}
		rows = append(rows, []any{rank, r.Unit.Code, r.Unit.Name, kindName(r.Kind, t), stateLabel(r.State, t), self, verified, diff,
			gap, r.Compared, r.Claimed})
	}
	return b.table(t.T("report.sheet.self"), "TuDanhGia", []col{
		{t.T("report.col.rank"), colInt, 10}, {t.T("report.col.unit_code"), colText, 14}, {t.T("report.col.unit"), colWrap, 32},
		{t.T("report.col.kind"), colText, 24}, {t.T("report.col.state"), colText, 24},
		{t.T("report.self.col.self"), colNum, 16}, {t.T("report.self.col.verified"), colNum, 16},
		{t.T("report.self.col.diff"), colNum, 14}, {t.T("report.self.col.gap"), colNum, 16},
		{t.T("report.self.col.compared"), colInt, 14}, {t.T("report.self.col.claimed"), colInt, 14},
	}, rows)
}

// followLine is what the summary prints of one kiến nghị followed up.
type followLine struct {
	Status, Checked, Open, Overdue, Reports string
	CheckedDate                             model.Date
}

// followOf is the latest status of a kiến nghị, whether it is still open
// and overdue on day asOf, and the unit's reports that cover it.
func followOf(r model.Recommendation, asOf model.Date, t i18n.Catalog) followLine {
	f := followLine{Status: t.T("fix.status.unchecked"), Checked: "—", Open: t.T("report.follow.yes"), Overdue: ""}
	if c, ok := r.Last(); ok {
		f.Status, f.CheckedDate, f.Checked = t.T("fix.status."+string(c.Status)), c.Checked, dateOrDash(c.Checked)
	}
	if !r.Open() {
		f.Open = t.T("report.follow.no")
	}
	if r.Overdue(asOf) {
		f.Overdue = t.T("report.follow.overdue")
	}
	var nos []string
	for _, rep := range r.Reports {
		nos = append(nos, rep.Number)
	}
	f.Reports = strings.Join(nos, ", ")
	return f
}
