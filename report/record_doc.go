package report

import (
	"math"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// recordDoc is the biên bản kiểm tra of one unit, laid out as such a
// record is (cchc-domain §4 and §7): letterhead, căn cứ, the opening
// hour and place, thành phần, nội dung kiểm tra by field, kết quả,
// ưu điểm, tồn tại, the unit's comments, kiến nghị, the closing and the
// signatures of the unit, the secretary and the head of the team.
func recordDoc(v *recordView) document {
	t, r := v.T, v.Rec
	in, a := r.Inspection, r.Assessment
	d := document{Lang: v.Lang, Draft: v.Draft, DraftMark: t.T("report.draft"), DraftNote: t.T("report.draft_note"),
		Head:  head(v.Bodies, v.Bodies.team, docNumber(a.RecordNo, kindRecord, in.TeamCode, t), placeDate(in, a.Date, t), t),
		Title: []string{t.T("report.record.title"), t.T("report.record.subtitle", in.Title, r.Unit.Name)}}
	var b body
	for _, s := range v.Bases {
		b.para(s)
	}
	place := strings.TrimSpace(a.Place)
	if place == "" {
		place = strings.TrimSpace(r.Unit.Address)
	}
	if place == "" {
		place = t.T("report.place.blank")
	}
	b.para(t.T("report.record.opening", clockText(a.StartTime, t), vnDate(a.Date, t), place, teamName(in, t), lowerFirst(in.Title), r.Unit.Name))

	b.heading(1, t.T("report.record.h_members"))
	b.heading(2, t.T("report.record.team"))
	b.list(orNone(v.Team, t)...)
	b.heading(2, t.T("report.record.unit_side", r.Unit.Name))
	b.list(orNone(v.People, t)...)

	b.heading(1, t.T("report.record.h_content"))
	for _, s := range v.Sections {
		b.heading(2, s.Title)
		b.spans(bold(t.T("report.record.checked")), span{Text: " " + sentence(s.Checked)})
		if len(s.Seen) > 0 {
			b.spans(bold(t.T("report.record.seen")), span{Text: " " + strings.Join(s.Seen, "; ") + "."})
		}
		if s.Counts != "" {
			b.spans(bold(t.T("report.record.counts")), span{Text: " " + s.Counts + "."})
		}
		for i := range s.Findings {
			s.Findings[i] = sentence(s.Findings[i])
		}
		b.list(s.Findings...)
	}
	prevBlocks(&b, v, len(v.Sections)+1)

	b.heading(1, t.T("report.record.h_results"))
	if v.Scores {
		b.tbl(fieldsTable(v))
		if v.DefaultNote != "" {
			b.styled(styleNote, v.DefaultNote)
		}
	}
	b.para(v.TotalLine)
	if v.Progress != "" {
		b.para(v.Progress)
	}
	if v.Class != "" {
		b.spans(bold(v.Class))
	}
	if v.Self != nil {
		selfBlocks(&b, v.Self, t)
	}

	b.heading(1, t.T("report.record.h_strengths"))
	b.list(orNone(v.Strengths, t)...)

	b.heading(1, t.T("report.record.h_shortcomings"))
	if len(v.Shortfalls) == 0 {
		b.para(t.T("report.record.no_shortcomings"))
	}
	for _, g := range v.Shortfalls {
		b.heading(2, g.Title)
		var lines []string
		for _, it := range g.Items {
			lines = append(lines, it.Line)
		}
		b.list(lines...)
	}

	b.heading(1, t.T("report.record.h_comments"))
	b.list(orNone(v.Comments, t)...)

	b.heading(1, t.T("report.record.h_recs"))
	if len(v.Recs) == 0 {
		b.para(t.T("report.record.no_recs"))
	} else {
		b.tbl(recsTable(v))
	}
	b.para(v.FixReport)
	b.para(t.T("report.record.closing", clockText(a.EndTime, t), copiesText(a.Copies, t)))
	d.Body = b
	d.Close = closing{Signatures: recordSignatures(v)}
	d.Annex = append(d.Annex, evidenceAnnex(r, t)...)
	return d
}

// recordSignatures are the unit's representative (its first participant),
// the secretary and the head of the team, each with their name.
func recordSignatures(v *recordView) []signature {
	t, r := v.T, v.Rec
	hint := t.T("report.sign.hint")
	unit := signature{Authority: t.T("report.sign.unit"), Hint: hint}
	if ps := r.Assessment.UnitParticipants(); len(ps) > 0 {
		unit.Title, unit.Name = upper(ps[0].Position), ps[0].Name
	}
	return []signature{
		unit,
		{Title: t.T("report.sign.secretary"), Hint: hint, Name: secretaryOf(r.Inspection).Name},
		{Title: t.T("report.sign.leader"), Hint: hint, Name: leaderOf(r.Inspection).Name},
	}
}

// fieldsTable is the scores by field with the total row.
func fieldsTable(v *recordView) *table {
	t := v.T
	tb := &table{Head: []string{t.T("report.col.no"), t.T("report.col.field"), t.T("report.col.max"), t.T("report.col.adj_max"),
		t.T("report.col.score"), t.T("report.col.percent")}, Align: "clrrrr", Widths: []int{8, 40, 12, 16, 12, 12}, Total: true}
	for _, f := range append(append([]fieldRow(nil), v.Fields...), v.Total) {
		tb.Rows = append(tb.Rows, []string{f.No, f.Title, f.Max, f.AdjMax, f.Score, f.Percent})
		vals := []any{nil, nil, f.MaxN, f.AdjMaxN, nil, nil}
		if f.Counted {
			vals[4], vals[5] = f.ScoreN, fraction(math.Round(f.PercentN*100)/10000)
		}
		tb.Values = append(tb.Values, vals)
	}
	return tb
}

// recsTable is the kiến nghị with their deadlines.
func recsTable(v *recordView) *table {
	t := v.T
	tb := &table{Head: []string{t.T("report.col.no"), t.T("report.col.recommendation"), t.T("report.col.item"),
		t.T("report.col.deadline")}, Align: "clcc", Widths: []int{8, 60, 12, 20}}
	for _, r := range v.Recs {
		tb.Rows = append(tb.Rows, []string{r.No, r.Rec, r.Code, r.Deadline})
	}
	return tb
}

// teamName is the team as a sentence names it.
func teamName(in model.Inspection, t i18n.Catalog) string {
	if n := strings.TrimSpace(in.TeamName); n != "" {
		return n
	}
	return t.T("report.team")
}

// copiesText is "02" for two copies, or room to write the number.
func copiesText(n int, t i18n.Catalog) string {
	if n <= 0 {
		return t.T("report.blank")
	}
	return pad2(n)
}

// orNone is lines, or the one line saying nothing was recorded.
func orNone(lines []string, t i18n.Catalog) []string {
	if len(lines) == 0 {
		return []string{t.T("report.none_recorded")}
	}
	return lines
}
