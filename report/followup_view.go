package report

import (
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// This file works out what the documents print of the earlier kiến nghị a
// visit followed up and of the unit's own scores (tự đánh giá): for the
// biên bản and the thông báo kết luận of one unit, and for the
// consolidated summary across units and years.

// prevRow is one earlier kiến nghị as a unit's documents print it, with
// what this visit found of it.
type prevRow struct {
	No, Source, Rec, Deadline, Status, Checked, Note string
	Open                                             bool // not closed at this visit
}

// followUps is the earlier kiến nghị the visit followed up, with the
// status this visit recorded ("chưa kiểm tra lại" when it recorded none).
func followUps(r *model.UnitRecord, t i18n.Catalog) []prevRow {
	var out []prevRow
	for i, rec := range r.FollowUps {
		row := prevRow{No: strconv.Itoa(i + 1), Source: recSource(rec, t), Rec: oneLine(rec.Text), Deadline: dateOrDash(rec.Deadline),
			Status: t.T("fix.status.unchecked"), Checked: "—", Open: true}
		if c, ok := rec.At(r.Assessment.ID); ok {
			row.Status, row.Checked, row.Open = t.T("fix.status."+string(c.Status)), dateOrDash(c.Checked), !c.Status.Closed()
			row.Note = checkNote(c.FollowUp, t)
		}
		out = append(out, row)
	}
	return out
}

// recSource says where a kiến nghị came from: the year, the item and the
// thông báo's (or the biên bản's) number.
func recSource(r model.Recommendation, t i18n.Catalog) string {
	s := t.T("report.follow.source", r.Year, r.ItemCode)
	switch {
	case r.ConclusionNo != "":
		s += "; " + t.T("report.follow.source_tb", r.ConclusionNo)
	case r.RecordNo != "":
		s += "; " + t.T("report.follow.source_bb", r.RecordNo)
	}
	return s
}

// checkNote is a check's note and the evidence seen, on one line.
func checkNote(f model.FollowUp, t i18n.Catalog) string {
	var parts []string
	if n := oneLine(f.Note); n != "" {
		parts = append(parts, n)
	}
	if e := oneLine(f.Evidence); e != "" {
		parts = append(parts, t.T("report.follow.seen", e))
	}
	return strings.Join(parts, " ")
}

func dateOrDash(d model.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.VN()
}

// prevTable is the earlier kiến nghị with their status.
func prevTable(rows []prevRow, t i18n.Catalog) *table {
	tb := &table{Head: []string{t.T("report.col.no"), t.T("report.col.recommendation"), t.T("report.follow.col.source"),
		t.T("report.col.deadline"), t.T("report.follow.col.status"), t.T("report.follow.col.checked"), t.T("report.col.note")},
		Align: "clllccl", Widths: []int{6, 36, 18, 12, 14, 12, 24}}
	for _, r := range rows {
		tb.Rows = append(tb.Rows, []string{r.No, r.Rec, r.Source, r.Deadline, r.Status, r.Checked, r.Note})
	}
	return tb
}

// selfView is the unit's self-assessment beside the inspection's scores.
type selfView struct {
	Fields []selfRow
	Total  selfRow
	Items  []selfRow // the items whose scores differ, in checklist order
	Line   string    // the total in words
}

type selfRow struct {
	No, Title, Self, Verified, Diff, Evidence string
	SelfN, VerifiedN, DiffN                   float64
}

// selfAssessment is the record's self-assessment view, nil when the unit
// scored nothing.
func selfAssessment(r *model.UnitRecord, t i18n.Catalog) *selfView {
	cmp := r.SelfComparison()
	if cmp.Empty() {
		return nil
	}
	v := &selfView{}
	row := func(no, title string, st model.SelfTally) selfRow {
		if st.Compared == 0 {
			return selfRow{No: no, Title: title, Self: "—", Verified: "—", Diff: "—"}
		}
		return selfRow{No: no, Title: title, Self: num(st.Self, t), Verified: num(st.Verified, t), Diff: signedNum(st.Diff(), t),
			SelfN: st.Self.Float(), VerifiedN: st.Verified.Float(), DiffN: st.Diff().Float()}
	}
	for i, f := range cmp.Fields {
		v.Fields = append(v.Fields, row(strconv.Itoa(i+1), f.Code+". "+f.Title, f.SelfTally))
	}
	v.Total = row("", t.T("report.total"), cmp.Overall)
	for _, it := range cmp.Items {
		if !it.Compared || it.Diff() == 0 {
			continue
		}
		v.Items = append(v.Items, selfRow{No: strconv.Itoa(len(v.Items) + 1), Title: it.Code, Self: num(it.Self, t),
			Verified: num(it.Verified, t), Diff: signedNum(it.Diff(), t), Evidence: oneLine(it.Evidence),
			SelfN: it.Self.Float(), VerifiedN: it.Verified.Float(), DiffN: it.Diff().Float()})
	}
	o := cmp.Overall
	if o.Compared == 0 {
		v.Line = t.T("report.self.line_none", o.Claimed)
	} else {
		v.Line = t.T("report.self.line", num(o.Self, t), num(o.Verified, t), signedNum(o.Diff(), t), o.Compared, o.Claimed)
	}
	return v
}

// signedNum is a difference with its sign: "+1,5", "-0,25", "0".
func signedNum(p model.Points, t i18n.Catalog) string {
	if p > 0 {
		return "+" + num(p, t)
	}
	return num(p, t)
}

// selfFieldsTable is the self-assessment by field, with the total row.
func selfFieldsTable(v *selfView, t i18n.Catalog) *table {
	tb := &table{Head: []string{t.T("report.col.no"), t.T("report.col.field"), t.T("report.self.col.self"),
		t.T("report.self.col.verified"), t.T("report.self.col.diff")}, Align: "clrrr", Widths: []int{8, 50, 14, 14, 14}, Total: true}
	for _, r := range append(append([]selfRow(nil), v.Fields...), v.Total) {
		tb.Rows = append(tb.Rows, []string{r.No, r.Title, r.Self, r.Verified, r.Diff})
		if r.Self == "—" {
			tb.Values = append(tb.Values, nil)
			continue
		}
		tb.Values = append(tb.Values, []any{nil, nil, r.SelfN, r.VerifiedN, r.DiffN})
	}
	return tb
}

// selfItemsTable is every item whose two scores differ.
func selfItemsTable(v *selfView, t i18n.Catalog) *table {
	tb := &table{Head: []string{t.T("report.col.no"), t.T("report.col.item"), t.T("report.self.col.self"),
		t.T("report.self.col.verified"), t.T("report.self.col.diff"), t.T("report.self.col.evidence")},
		Align: "ccrrrl", Widths: []int{8, 12, 14, 14, 14, 38}}
	for _, r := range v.Items {
		tb.Rows = append(tb.Rows, []string{r.No, r.Title, r.Self, r.Verified, r.Diff, r.Evidence})
		tb.Values = append(tb.Values, []any{nil, nil, r.SelfN, r.VerifiedN, r.DiffN, nil})
	}
	return tb
}

// selfBlocks adds the self-assessment to a record's scores: the total in
// words, the table by field, and the items whose scores differ.
func selfBlocks(b *body, v *selfView, t i18n.Catalog) {
	b.spans(bold(t.T("report.self.heading")))
	b.keepNext()
	b.para(v.Line)
	if v.Total.Self == "—" {
		return
	}
	b.keepNext()
	b.tbl(selfFieldsTable(v, t))
	if len(v.Items) > 0 {
		b.para(t.T("report.self.items_lead"))
		b.keepNext()
		b.tbl(selfItemsTable(v, t))
	}
}

// prevBlocks adds the earlier kiến nghị and their status to a document:
// a heading numbered no (unnumbered when 0), the lead-in, the counts by
// status and the table. Nothing when the visit followed up none.
func prevBlocks(b *body, v *recordView, no int) {
	if len(v.Prev) == 0 {
		return
	}
	t := v.T
	if no > 0 {
		b.heading(2, t.T("report.follow.heading", no))
	} else {
		b.heading(2, t.T("report.follow.heading_tb"))
	}
	b.para(prevCounts(v.Rec, t))
	b.para(t.T("report.follow.lead"))
	b.keepNext()
	b.tbl(prevTable(v.Prev, t))
}

// prevCounts counts the earlier kiến nghị by what this visit found.
func prevCounts(r *model.UnitRecord, t i18n.Catalog) string {
	n := map[model.FixStatus]int{}
	unchecked := 0
	for _, rec := range r.FollowUps {
		if c, ok := rec.At(r.Assessment.ID); ok {
			n[c.Status]++
		} else {
			unchecked++
		}
	}
	return t.T("report.follow.counts", n[model.FixDone], n[model.FixInProgress], n[model.FixNotDone], n[model.FixObsolete], unchecked)
}
