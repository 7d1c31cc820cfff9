package report

import (
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// recordView is the unit record with every text worked out, so Markdown,
// HTML and XLSX say exactly the same thing.
type recordView struct {
	T        i18n.Catalog
	Lang     string
	Draft    bool   // not finalized: marked DỰ THẢO
	Issuer   string // upper case, "SỞ NỘI VỤ TỈNH HẢI DƯƠNG"
	TeamName string // "ĐOÀN KIỂM TRA CCHC"
	Nation   string
	Motto    string
	DateLine string // "Hải Dương, ngày 18 tháng 10 năm 2022"
	Title    string // "BIÊN BẢN KIỂM TRA"
	Subtitle string // "Công tác cải cách hành chính năm 2022 tại Sở Tư pháp"
	Bases    []string
	Time     string
	Place    string
	Team     []memberView
	UnitName string
	UnitReps []memberView

	Fields     []fieldRow
	Total      fieldRow
	TotalLine  string
	Class      string // classification, or why there is none yet
	Progress   string // "Đã đánh giá 60/64 mục", only when items are unassessed
	Strengths  []string
	Shortfalls []shortGroup
	Comments   []string
	Recs       []recRow
	FixReport  string
	Signatures []signature
	Items      []model.RecordItem // every item, for the XLSX detail sheet
}

type memberView struct{ Name, Position, Role string }

type fieldRow struct {
	No, Title, Max, AdjMax, Score, Percent string
	// Numbers for XLSX.
	MaxN, AdjMaxN, ScoreN, PercentN float64
	Counted                         bool // AdjMax > 0, the percentage means something
}

type shortGroup struct {
	Title string
	Items []shortItem
}

type shortItem struct {
	Code, Text, Result, Score, Note, Evidence string
	ScoreN, MaxN                              float64
}

type recRow struct {
	No, Code, Text, Rec, Deadline string
	DeadlineDate                  model.Date
}

type signature struct{ Title, Hint, Name string }

func newRecordView(r *model.UnitRecord, t i18n.Catalog) *recordView {
	in, a := r.Inspection, r.Assessment
	v := &recordView{T: t, Lang: string(t.Lang), Draft: a.Status != model.StatusFinalized}
	if in.Issuer != "" {
		v.Issuer = strings.ToUpper(in.Issuer)
	}
	v.TeamName = t.T("report.record.team_name")
	v.Nation, v.Motto = t.T("report.nation"), t.T("report.motto")
	v.DateLine = dateLong(a.Date, t)
	if loc := locality(in.Issuer); loc != "" {
		v.DateLine = loc + ", " + v.DateLine
	} else if t.Lang != i18n.EN {
		v.DateLine = strings.ToUpper(v.DateLine[:1]) + v.DateLine[1:]
	}
	v.Title = t.T("report.record.title")
	v.Subtitle = t.T("report.record.subtitle", in.Year, r.Unit.Name)
	if in.Decision != "" {
		v.Bases = append(v.Bases, t.T("report.record.basis", in.Decision))
	}
	if in.Plan != "" {
		v.Bases = append(v.Bases, t.T("report.record.basis", in.Plan))
	}
	v.Time = dateLong(a.Date, t)
	v.Place = a.Place
	if v.Place == "" {
		v.Place = r.Unit.Address
	}
	for _, m := range in.Team {
		pos := m.Position
		if m.Organisation != "" {
			pos = strings.TrimSpace(pos + " " + m.Organisation)
		}
		v.Team = append(v.Team, memberView{Name: m.Name, Position: pos, Role: m.Role})
	}
	v.UnitName = r.Unit.Name
	if a.Representative != "" {
		v.UnitReps = append(v.UnitReps, memberView{Name: a.Representative, Position: a.RepresentativePosition})
	}

	// I. Results by field.
	for i, fs := range r.Scorecard.Fields {
		v.Fields = append(v.Fields, tallyRow(strconv.Itoa(i+1), fs.Code+". "+fs.Title, fs.Tally, t))
	}
	v.Total = tallyRow("", t.T("report.total"), r.Scorecard.Overall, t)
	o := r.Scorecard.Overall
	v.TotalLine = t.T("report.record.total_line", num(o.Score, t), num(o.AdjustedMax, t), pct(o.Percent(), t))
	switch st := r.State(); st {
	case model.StateFinal:
		v.Class = t.T("report.record.class", bandLabel(r.Scorecard.Band, t))
	case model.StateNotStarted:
		v.Class = t.T("report.record.class_none")
	default:
		v.Class = t.T("report.record.class_provisional", bandLabel(r.Scorecard.Band, t))
	}
	if !o.Complete() {
		v.Progress = t.TN("report.record.progress", o.Total, o.Answered, o.Total)
	}

	// II. Strengths; III. Shortcomings with the evidence seen.
	v.Strengths = paragraphs(a.Strengths)
	var cur *shortGroup
	for _, ri := range r.Shortcomings() {
		title := ri.FieldCode + ". " + ri.FieldTitle
		if cur == nil || cur.Title != title {
			v.Shortfalls = append(v.Shortfalls, shortGroup{Title: title})
			cur = &v.Shortfalls[len(v.Shortfalls)-1]
		}
		f := ri.Finding
		cur.Items = append(cur.Items, shortItem{Code: ri.Item.Code, Text: ri.Item.Text, Result: resultLabel(f.Result, t),
			Score: t.T("report.score_of", num(f.Score, t), num(ri.Item.Max, t)), Note: oneLine(f.Note),
			Evidence: oneLine(f.Evidence), ScoreN: f.Score.Float(), MaxN: ri.Item.Max.Float()})
	}

	v.Items = r.Items()

	// IV. The unit's comments; V. recommendations.
	v.Comments = paragraphs(a.UnitComments)
	for i, ri := range r.Recommendations() {
		v.Recs = append(v.Recs, recRow{No: strconv.Itoa(i + 1), Code: ri.Item.Code, Text: ri.Item.Text,
			Rec: oneLine(ri.Finding.Recommendation), Deadline: dateShort(ri.Finding.Deadline), DeadlineDate: ri.Finding.Deadline})
	}
	to := in.Issuer
	if to == "" {
		to = t.T("report.record.default_issuer")
	}
	if due := r.FixReportDue(); !due.IsZero() {
		v.FixReport = t.T("report.record.fix_report", to, due.VN())
	} else {
		v.FixReport = t.TN("report.record.fix_report_days", reportDays(in), to, reportDays(in))
	}

	leader, secretary := teamRole(in.Team, "truong doan", "team leader", "head of team"), teamRole(in.Team, "thu ky", "secretary")
	v.Signatures = []signature{
		{Title: t.T("report.sign.unit"), Hint: t.T("report.sign.hint"), Name: a.Representative},
		{Title: t.T("report.sign.secretary"), Hint: t.T("report.sign.hint"), Name: secretary},
		{Title: t.T("report.sign.leader"), Hint: t.T("report.sign.hint"), Name: leader},
	}
	return v
}

func reportDays(in model.Inspection) int {
	if in.ReportDays > 0 {
		return in.ReportDays
	}
	return 15
}

func tallyRow(no, title string, tl model.Tally, t i18n.Catalog) fieldRow {
	row := fieldRow{No: no, Title: title, Max: num(tl.Max, t), AdjMax: num(tl.AdjustedMax, t), Score: num(tl.Score, t),
		MaxN: tl.Max.Float(), AdjMaxN: tl.AdjustedMax.Float(), ScoreN: tl.Score.Float(), Counted: tl.AdjustedMax > 0}
	if row.Counted {
		row.Percent = pct(tl.Percent(), t)
		row.PercentN = round2(tl.Percent())
	} else {
		row.Percent = "—"
	}
	return row
}

// teamRole finds the member whose role is exactly one of roles, compared
// without diacritics ("Trưởng đoàn" but not "Phó Trưởng đoàn").
func teamRole(team []model.Member, roles ...string) string {
	for _, m := range team {
		for _, r := range roles {
			if model.Fold(m.Role) == r {
				return m.Name
			}
		}
	}
	return ""
}
