package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kiemtra/i18n"
	"kiemtra/model"
)

// recordView is a unit's record with every text worked out: the biên bản
// (record_doc.go) and the thông báo kết luận (conclusion_doc.go) print
// from it, in every format, and the XLSX record lays it out in cells.
type recordView struct {
	T     i18n.Catalog
	Lang  string
	Rec   *model.UnitRecord
	State model.RecordState
	Draft bool // not finalized: marked DỰ THẢO

	Bodies   bodies
	UnitName string
	Bases    []string // căn cứ, as recorded
	Team     []string // the team's members, one line each
	People   []string // the unit's participants, one line each

	Sections []fieldSection // nội dung kiểm tra, by field
	Scores   bool           // the checklist scores (has maxima)
	Fields   []fieldRow
	Total    fieldRow
	// TotalLine says the total in words; Progress how many items are left
	// (empty when none); Class the classification, only for a finalized,
	// complete record of a checklist whose bands have a basis.
	TotalLine, Progress, Class string
	DefaultNote                string // explains the (*) of scores resting on defaults

	Strengths  []string
	Shortfalls []shortGroup
	Comments   []string
	Recs       []recRow
	FixReport  string // when and to whom the unit reports its fixes
	Items      []model.RecordItem
	// Prev is the earlier kiến nghị this visit followed up; Self the
	// unit's self-assessment beside the scores (nil when it scored none).
	Prev []prevRow
	Self *selfView
}

// fieldSection is what the team found in one field.
type fieldSection struct {
	Title    string   // "1. Chỉ đạo, điều hành cải cách hành chính"
	Checked  string   // the criteria checked
	Seen     []string // documents and case files seen (tài liệu kiểm chứng)
	Counts   string   // "10 nội dung đạt yêu cầu, 1 nội dung chưa đạt"
	Findings []string // the inspectors' notes, as findings
}

type fieldRow struct {
	No, Title, Max, AdjMax, Score, Percent string
	// Numbers for XLSX; Counted says the percentage means something.
	MaxN, AdjMaxN, ScoreN, PercentN float64
	Counted                         bool
}

type shortGroup struct {
	Title string
	Items []shortItem
}

type shortItem struct {
	Code, Text, Result, Score, Note, Evidence string
	Line                                      string // the finding as the documents print it
	ScoreN, MaxN                              float64
}

type recRow struct {
	No, Code, Text, Rec, Deadline string
	DeadlineDate                  model.Date
}

func newRecordView(r *model.UnitRecord, t i18n.Catalog) *recordView {
	in, a := r.Inspection, r.Assessment
	v := &recordView{T: t, Lang: string(t.Lang), Rec: r, State: r.State(), Draft: a.Status != model.StatusFinalized,
		Bodies: bodiesOf(in, t), UnitName: r.Unit.Name, Items: r.Items()}
	for _, b := range []string{in.Plan, in.Decision} {
		if b = strings.TrimSpace(b); b != "" {
			v.Bases = append(v.Bases, t.T("report.record.basis", strings.TrimSuffix(b, ";")))
		}
	}
	for _, m := range in.Team {
		v.Team = append(v.Team, memberLine(m))
	}
	for _, p := range a.UnitParticipants() {
		v.People = append(v.People, participantLine(p))
	}
	v.sections(t)
	v.scores(t)
	v.Strengths = paragraphs(a.Strengths)
	v.shortfalls(t)
	v.Comments = paragraphs(a.UnitComments)
	for i, ri := range r.Recommendations() {
		dl := dateShort(ri.Finding.Deadline)
		if dl == "" {
			dl = "—"
		}
		v.Recs = append(v.Recs, recRow{No: strconv.Itoa(i + 1), Code: ri.Item.Code, Text: ri.Item.Text,
			Rec: oneLine(ri.Finding.Recommendation), Deadline: dl, DeadlineDate: ri.Finding.Deadline})
	}
	v.FixReport = fixReport(r, t)
	v.Prev, v.Self = followUps(r, t), selfAssessment(r, t)
	return v
}

// sections is the nội dung kiểm tra: for each field, the criteria
// checked, the documents seen, how the items came out, and what the
// inspectors wrote — the findings, not the checklist's questions.
func (v *recordView) sections(t i18n.Catalog) {
	r := v.Rec
	byField := map[string][]model.RecordItem{}
	for _, ri := range v.Items {
		byField[ri.FieldCode] = append(byField[ri.FieldCode], ri)
	}
	for _, f := range r.Checklist.Fields {
		s := fieldSection{Title: f.Code + ". " + f.Title}
		var crit []string
		for _, cr := range f.Criteria {
			crit = append(crit, cr.Title)
		}
		s.Checked = strings.Join(crit, "; ")
		var n [5]int
		seen := map[string]bool{}
		for _, ri := range byField[f.Code] {
			res := model.ResultUnassessed
			if ri.Answered {
				res = ri.Finding.Result
			}
			n[res]++
			if ev := oneLine(ri.Finding.Evidence); ev != "" && !seen[ev] {
				seen[ev] = true
				s.Seen = append(s.Seen, ev)
			}
			if note := oneLine(ri.Finding.Note); note != "" {
				s.Findings = append(s.Findings, t.T("report.finding.ref", strings.TrimSuffix(note, "."), ri.Item.Code))
			}
		}
		var parts []string
		for _, c := range []struct {
			res model.Result
			key string
		}{{model.ResultPass, "pass"}, {model.ResultPartial, "partial"}, {model.ResultFail, "fail"},
			{model.ResultNotApplicable, "na"}, {model.ResultUnassessed, "unassessed"}} {
			if n[c.res] > 0 {
				parts = append(parts, t.T("report.counts."+c.key, n[c.res]))
			}
		}
		s.Counts = strings.Join(parts, ", ")
		v.Sections = append(v.Sections, s)
	}
}

// scores is the kết quả: the table of fields, the total and, only where
// it has a basis, the classification.
func (v *recordView) scores(t i18n.Catalog) {
	r := v.Rec
	v.Scores = r.Checklist.Max() > 0
	defaults := map[string]bool{}
	for _, ri := range v.Items {
		if ri.Item.Basis() == model.BasisDefault {
			defaults[ri.FieldCode] = true
		}
	}
	for i, fs := range r.Scorecard.Fields {
		title := fs.Code + ". " + fs.Title
		if defaults[fs.Code] {
			title += " (*)"
			v.DefaultNote = t.T("report.record.default_note")
		}
		v.Fields = append(v.Fields, tallyRow(strconv.Itoa(i+1), title, fs.Tally, t))
	}
	v.Total = tallyRow("", t.T("report.total"), r.Scorecard.Overall, t)
	o := r.Scorecard.Overall
	switch v.State {
	case model.StateNotStarted:
		v.TotalLine = t.T("report.record.total_none")
	case model.StateFinal, model.StateIncomplete:
		v.TotalLine = t.T("report.record.total_line", num(o.Score, t), num(o.AdjustedMax, t), pct(o.Percent(), t))
	default:
		v.TotalLine = t.T("report.record.total_provisional", num(o.Score, t), num(o.AdjustedMax, t), pct(o.Percent(), t))
	}
	if !o.Complete() {
		v.Progress = t.TN("report.record.progress", o.Total, o.Answered, o.Total)
	}
	if v.State == model.StateFinal && r.Checklist.Classifies() {
		v.Class = t.T("report.record.class", bandLabel(r.Scorecard.Band, t))
	}
}

// shortfalls is the tồn tại, hạn chế: each item found lacking, written as
// the finding it is (the note and the evidence seen), its result after.
func (v *recordView) shortfalls(t i18n.Catalog) {
	var cur *shortGroup
	for _, ri := range v.Rec.Shortcomings() {
		title := ri.FieldCode + ". " + ri.FieldTitle
		if cur == nil || cur.Title != title {
			v.Shortfalls = append(v.Shortfalls, shortGroup{Title: title})
			cur = &v.Shortfalls[len(v.Shortfalls)-1]
		}
		f := ri.Finding
		it := shortItem{Code: ri.Item.Code, Text: ri.Item.Text, Result: resultLabel(f.Result, t), Score: itemScore(ri, t),
			Note: oneLine(f.Note), Evidence: oneLine(f.Evidence), ScoreN: f.Score.Float(), MaxN: ri.Item.Max.Float()}
		it.Line = findingLine(it, t)
		cur.Items = append(cur.Items, it)
	}
}

// findingLine is one shortcoming as a sentence: what was found, what it
// was seen in, then the item and its result.
func findingLine(it shortItem, t i18n.Catalog) string {
	s := it.Note
	if s == "" {
		s = t.T("report.finding.no_note")
	}
	s = sentence(s)
	if it.Evidence != "" {
		s += " " + t.T("report.finding.seen", strings.TrimSuffix(it.Evidence, "."))
	}
	return s + " " + t.T("report.finding.result", it.Code, lowerFirst(it.Result), it.Score)
}

// itemScore is an item's score as documents print it: "0,5/1 điểm", "không
// áp dụng" (never "0/1,5"), "chưa đánh giá"; a score resting on a default
// wording or points carries (*).
func itemScore(ri model.RecordItem, t i18n.Catalog) string {
	switch {
	case !ri.Answered:
		return lowerFirst(t.T("report.result.unassessed"))
	case ri.Finding.Result == model.ResultNotApplicable:
		return lowerFirst(t.T("report.result.na"))
	}
	s := t.T("report.score_of", num(ri.Finding.Score, t), num(ri.Item.Max, t))
	if ri.Item.Basis() == model.BasisDefault {
		s += " (*)"
	}
	return s
}

// fixReport says when and to whom the unit reports on its fixes: the
// inspection's days from the thông báo kết luận, with the day once the
// thông báo is dated.
func fixReport(r *model.UnitRecord, t i18n.Catalog) string {
	to := strings.TrimSpace(r.Inspection.Issuer)
	if to == "" {
		to = t.T("report.record.default_issuer")
	}
	days := r.Inspection.ReportDaysOrDefault()
	if due := r.FixReportDue(); !due.IsZero() {
		return t.TN("report.record.fix_report", days, r.Unit.Name, to, due.VN(), days)
	}
	return t.TN("report.record.fix_report_days", days, r.Unit.Name, to, days)
}

func tallyRow(no, title string, tl model.Tally, t i18n.Catalog) fieldRow {
	row := fieldRow{No: no, Title: title, Max: num(tl.Max, t), AdjMax: num(tl.AdjustedMax, t), Score: num(tl.Score, t),
		MaxN: tl.Max.Float(), AdjMaxN: tl.AdjustedMax.Float(), ScoreN: tl.Score.Float()}
	switch {
	case tl.Answered == 0:
		row.Score, row.Percent = "—", lowerFirst(t.T("report.result.unassessed"))
	case tl.AdjustedMax <= 0:
		// Every item assessed was không áp dụng: nothing to score.
		row.Score, row.Percent = "—", lowerFirst(t.T("report.result.na"))
	default:
		row.Counted = true
		row.Percent = pct(tl.Percent(), t)
		row.PercentN = round2(tl.Percent())
	}
	return row
}

// sentence is s with its first letter capitalised and a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// lowerFirst lowers the first letter of a phrase that starts a clause
// ("Đạt một phần" in "mục 3.1: đạt một phần"), unless the word is an
// abbreviation (its second letter is upper case too).
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
