package report

import (
	"encoding/json"
	"strconv"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The consolidated summary's parts on kiến nghị followed up across years
// (every one issued to its units, open and closed, overdue ones marked)
// and on self-assessment (units ranked by how far they were from the
// verified score), in Markdown, HTML and JSON; summary_xlsx.go's sheets
// come from followup_xlsx.go.

// followGroup is one unit's kiến nghị across years.
type followGroup struct {
	Unit string // "STP — Sở Tư pháp"
	Rows []followRow
}

type followRow struct {
	No, Year, Item, Rec, Deadline, Status, Checked, Overdue string
}

type selfRankRow struct {
	Rank, Code, Name, State, Self, Verified, Diff, Gap, Compared string
	Muted                                                        bool
}

// followUp fills the view's follow-up and self-assessment parts.
func (v *summaryView) followUp(s *model.Summary) {
	t := v.T
	for _, r := range s.FollowUp {
		name := r.UnitCode + " — " + r.UnitName
		if len(v.Follow) == 0 || v.Follow[len(v.Follow)-1].Unit != name {
			v.Follow = append(v.Follow, followGroup{Unit: name})
		}
		g := &v.Follow[len(v.Follow)-1]
		f := followOf(r, s.AsOf, t)
		g.Rows = append(g.Rows, followRow{No: strconv.Itoa(len(g.Rows) + 1), Year: strconv.Itoa(r.Year), Item: r.ItemCode,
			Rec: oneLine(r.Text), Deadline: dateOrDash(r.Deadline), Status: f.Status, Checked: f.Checked, Overdue: f.Overdue})
	}
	if len(s.FollowUp) > 0 {
		v.FollowNote = t.T("report.summary.follow_note", dateOrDash(s.AsOf))
	}
	for _, r := range model.RankSelf(s.SelfAssessments) {
		row := selfRankRow{Rank: "—", Code: r.Unit.Code, Name: r.Unit.Name, State: stateLabel(r.State, t), Self: "—", Verified: "—",
			Diff: "—", Gap: "—", Compared: t.T("report.summary.units_of", r.Compared, r.Claimed), Muted: r.Rank == 0}
		if r.Rank > 0 {
			row.Rank = strconv.Itoa(r.Rank)
		}
		if r.Compared > 0 {
			row.Self, row.Verified, row.Diff, row.Gap = num(r.Self, t), num(r.Verified, t), signedNum(r.Diff(), t), num(r.Gap, t)
		}
		v.SelfRank = append(v.SelfRank, row)
	}
}

func followHead(t i18n.Catalog) []string {
	return []string{t.T("report.col.no"), t.T("report.follow.col.year"), t.T("report.col.item"), t.T("report.col.recommendation"),
		t.T("report.col.deadline"), t.T("report.follow.col.status"), t.T("report.follow.col.checked"), t.T("report.follow.col.overdue")}
}

func selfRankHead(t i18n.Catalog) []string {
	return []string{t.T("report.col.rank"), t.T("report.col.unit_code"), t.T("report.col.unit"), t.T("report.col.state"),
		t.T("report.self.col.self"), t.T("report.self.col.verified"), t.T("report.self.col.diff"), t.T("report.self.col.gap"),
		t.T("report.self.col.compared")}
}

// followMarkdown writes the two parts, each only when there is something
// to show.
func followMarkdown(w *mdWriter, v *summaryView) {
	t := v.T
	if len(v.Follow) > 0 {
		w.line("## %s", md(t.T("report.summary.s_follow")))
		w.blank()
		for _, g := range v.Follow {
			w.line("### %s", md(g.Unit))
			w.blank()
			var rows [][]string
			for _, r := range g.Rows {
				over := md(r.Overdue)
				if over != "" {
					over = "**" + over + "**"
				}
				rows = append(rows, []string{r.No, r.Year, md(r.Item), md(r.Rec), r.Deadline, md(r.Status), r.Checked, over})
			}
			w.table(followHead(t), "lrllllll", rows)
		}
		w.line("%s", md(v.FollowNote))
		w.blank()
	}
	if len(v.SelfRank) > 0 {
		w.line("## %s", md(t.T("report.summary.s_self")))
		w.blank()
		var rows [][]string
		for _, r := range v.SelfRank {
			cells := []string{r.Rank, md(r.Code), md(r.Name), md(r.State), r.Self, r.Verified, r.Diff, r.Gap, r.Compared}
			if r.Muted {
				for i := range cells {
					if cells[i] != "" && cells[i] != "—" {
						cells[i] = "*" + cells[i] + "*"
					}
				}
			}
			rows = append(rows, cells)
		}
		w.table(selfRankHead(t), "llllrrrrr", rows)
		w.line("%s", md(t.T("report.summary.self_note")))
		w.blank()
	}
}

// The JSON of the two parts, [] when empty.
type jsonFollow struct {
	ID           string   `json:"id"`
	UnitCode     string   `json:"unit_code"`
	UnitName     string   `json:"unit_name"`
	Year         int      `json:"year"`
	InspectionID string   `json:"inspection_id"`
	Item         string   `json:"item"`
	Text         string   `json:"text"`
	Deadline     string   `json:"deadline"`
	Status       string   `json:"status"`
	Checked      string   `json:"checked"`
	Open         bool     `json:"open"`
	Overdue      bool     `json:"overdue"`
	Reports      []string `json:"reports"`
}

type jsonSelf struct {
	Rank         *int        `json:"rank"`
	InspectionID string      `json:"inspection_id"`
	AssessmentID string      `json:"assessment_id"`
	UnitCode     string      `json:"unit_code"`
	State        string      `json:"state"`
	Self         json.Number `json:"self"`
	Verified     json.Number `json:"verified"`
	Difference   json.Number `json:"difference"`
	Gap          json.Number `json:"gap"`
	Compared     int         `json:"compared"`
	Claimed      int         `json:"claimed"`
}

func jsonFollowOf(s *model.Summary) ([]jsonFollow, []jsonSelf) {
	fs, ss := []jsonFollow{}, []jsonSelf{}
	for _, r := range s.FollowUp {
		j := jsonFollow{ID: r.ID, UnitCode: r.UnitCode, UnitName: r.UnitName, Year: r.Year, InspectionID: r.InspectionID,
			Item: r.ItemCode, Text: r.Text, Deadline: r.Deadline.ISO(), Status: string(r.Status()), Open: r.Open(),
			Overdue: r.Overdue(s.AsOf), Reports: []string{}}
		if c, ok := r.Last(); ok {
			j.Checked = c.Checked.ISO()
		}
		for _, rep := range r.Reports {
			j.Reports = append(j.Reports, rep.Number)
		}
		fs = append(fs, j)
	}
	for _, r := range model.RankSelf(s.SelfAssessments) {
		j := jsonSelf{InspectionID: r.InspectionID, AssessmentID: r.AssessmentID, UnitCode: r.Unit.Code, State: string(r.State),
			Self: pts(r.Self), Verified: pts(r.Verified), Difference: pts(r.Diff()), Gap: pts(r.Gap), Compared: r.Compared, Claimed: r.Claimed}
		if r.Rank > 0 {
			rank := r.Rank
			j.Rank = &rank
		}
		ss = append(ss, j)
	}
	return fs, ss
}
