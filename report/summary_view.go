package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// summaryView is the consolidated summary with every text worked out, for
// Markdown and HTML.
type summaryView struct {
	T         i18n.Catalog
	Lang      string
	Issuer    string
	Title     string
	Scope     []string
	FieldCols []string // "LV1"…
	Legend    []string // "LV1: Chỉ đạo, điều hành CCHC"
	// Classify says some unit is classified (its checklist's bands have a
	// basis): only then is there a Xếp loại column. Provisional says some
	// row's numbers are a draft's, marked *.
	Classify, Provisional bool
	Notes                 []string // under the table: the basis of the percentages, *, the fields
	Progress              []progressRow
	Groups                []kindGroup
	Shorts                []shortStatRow
	Recs                  []sumRecRow
	Findings              []sumFindingRow
	Recommendations       int // how many findings have a kiến nghị
	// Follow is every kiến nghị of the units across years, by unit;
	// SelfRank the units ranked by their self-assessment's distance.
	Follow     []followGroup
	FollowNote string
	SelfRank   []selfRankRow
}

type progressRow struct {
	Kind                                        string
	Units, NotStarted, Draft, Incomplete, Final int
	Total                                       bool
	// KeepFrom starts the rows kept with the total row, so "Tổng cộng"
	// never starts a printed page alone.
	KeepFrom bool
}

type kindGroup struct {
	Kind string
	Rows []sumRow
}

type sumRow struct {
	Rank, Code, Name, State, Score, Percent, Band string
	Fields                                        []string
	Muted                                         bool // not ranked
}

type shortStatRow struct {
	No, Checklist, Item, Text, Units, Fail, Partial, Where string
}

type sumRecRow struct {
	No, Unit, Item, Rec, Deadline, State string
}

type sumFindingRow struct {
	Unit, Item, Result, Score, Note, Rec, Deadline string
}

func newSummaryView(s *model.Summary, t i18n.Catalog) *summaryView {
	v := &summaryView{T: t, Lang: string(t.Lang)}
	for _, in := range s.Inspections {
		if in.Issuer != "" {
			v.Issuer = strings.ToUpper(in.Issuer)
			break
		}
	}
	if s.Year != 0 {
		v.Title = t.T("report.summary.title_year", s.Year)
	} else {
		v.Title = t.T("report.summary.title")
	}
	for _, in := range s.Inspections {
		line := in.Title
		if in.Plan != "" {
			line += " (" + in.Plan + ")"
		}
		v.Scope = append(v.Scope, line)
	}
	for _, f := range s.Fields {
		c := t.T("report.summary.field_col", f.Code)
		v.FieldCols = append(v.FieldCols, c)
		v.Legend = append(v.Legend, c+": "+f.Title)
	}
	for _, p := range s.Progress {
		name := kindName(p.Kind, t)
		if p.Kind.Code == "" {
			name = t.T("report.total")
		}
		v.Progress = append(v.Progress, progressRow{Kind: name, Units: p.Units, NotStarted: p.NotStarted, Draft: p.Draft,
			Incomplete: p.Incomplete, Final: p.Final, Total: p.Kind.Code == ""})
	}
	if n := len(v.Progress); n > 1 {
		v.Progress[n-2].KeepFrom = true
	}
	for _, r := range s.Rows {
		if r.Band.Label != "" {
			v.Classify = true
		}
	}
	for _, r := range s.Rows {
		kn := kindName(r.Kind, t)
		if len(v.Groups) == 0 || v.Groups[len(v.Groups)-1].Kind != kn {
			v.Groups = append(v.Groups, kindGroup{Kind: kn})
		}
		g := &v.Groups[len(v.Groups)-1]
		row := sumRow{Code: r.Unit.Code, Name: r.Unit.Name, State: stateLabel(r.State, t), Muted: r.Rank == 0,
			Rank: "—", Band: "—"}
		if r.Rank > 0 {
			row.Rank = strconv.Itoa(r.Rank)
		}
		if l := bandLabel(r.Band, t); r.Rank > 0 && l != "" {
			row.Band = l
		}
		// A draft's numbers are provisional: marked, never ranked.
		mark := ""
		if !r.State.Ranked() && r.State != model.StateNotStarted {
			mark, v.Provisional = "*", true
		}
		row.Score, row.Percent = "—", overallPercent(r, mark, t)
		if r.State != model.StateNotStarted {
			row.Score = num(r.Overall.Score, t) + "/" + num(r.Overall.AdjustedMax, t) + mark
		}
		for _, c := range r.Fields {
			row.Fields = append(row.Fields, cellPercent(c.Present, c.Tally, r.State, mark, t))
		}
		g.Rows = append(g.Rows, row)
	}
	for i, st := range s.Shortcomings {
		v.Shorts = append(v.Shorts, shortStatRow{No: strconv.Itoa(i + 1), Checklist: st.ChecklistID, Item: st.ItemCode,
			Text: st.Text, Units: t.T("report.summary.units_of", st.Units, st.Assessed), Fail: strconv.Itoa(st.Fail),
			Partial: strconv.Itoa(st.Partial), Where: strings.Join(st.UnitCodes, ", ")})
	}
	for i := range s.Recommendations {
		v.Recs = append(v.Recs, recRowOf(i+1, &s.Recommendations[i], t))
	}
	for i := range s.Findings {
		v.Findings = append(v.Findings, findingRowOf(&s.Findings[i], t))
	}
	v.Recommendations = s.ListStats(true).Rows
	v.Notes = v.notes()
	v.followUp(s)
	return v
}

// recRowOf is the recommendations table's row no of f.
func recRowOf(no int, f *model.FindingRow, t i18n.Catalog) sumRecRow {
	return sumRecRow{No: strconv.Itoa(no), Unit: f.UnitName, Item: f.ItemCode,
		Rec: oneLine(f.Finding.Recommendation), Deadline: dateShort(f.Finding.Deadline), State: stateLabel(f.State, t)}
}

// findingRowOf is the findings table's row of f.
func findingRowOf(f *model.FindingRow, t i18n.Catalog) sumFindingRow {
	score := t.T("report.score_of", num(f.Finding.Score, t), num(f.Max, t))
	if f.Finding.Result == model.ResultNotApplicable {
		score = lowerFirst(t.T("report.result.na")) // never "0/1,5"
	}
	return sumFindingRow{Unit: f.UnitCode, Item: f.ItemCode, Result: resultLabel(f.Finding.Result, t),
		Score: score, Note: oneLine(f.Finding.Note),
		Rec: oneLine(f.Finding.Recommendation), Deadline: dateShort(f.Finding.Deadline)}
}

func (v *summaryView) mainHead() []string {
	t := v.T
	h := []string{t.T("report.col.rank"), t.T("report.col.unit_code"), t.T("report.col.unit"), t.T("report.col.state")}
	h = append(h, v.FieldCols...)
	h = append(h, t.T("report.col.score_of"), t.T("report.col.percent"))
	if v.Classify {
		h = append(h, t.T("report.col.class"))
	}
	return h
}

// cells is a summary row as table cells, in mainHead's order.
func (v *summaryView) cells(r sumRow) []string {
	c := append([]string{r.Rank, r.Code, r.Name, r.State}, r.Fields...)
	c = append(c, r.Score, r.Percent)
	if v.Classify {
		c = append(c, r.Band)
	}
	return c
}

// notes are the lines under the summary table: what the field columns
// are, what * marks.
func (v *summaryView) notes() []string {
	out := []string{v.T.T("report.annex.percent_note")}
	if v.Provisional {
		out = append(out, v.T.T("report.annex.provisional_note"))
	}
	return append(out, v.Legend...)
}

// summaryMarkdown writes the summary in Markdown to out, through a buffer
// emptied as it fills: the findings' tables row by row from the summary
// (eachFinding), never the whole document in memory.
func summaryMarkdown(out io.Writer, s *model.Summary, v *summaryView) error {
	t := v.T
	bw := bufio.NewWriterSize(out, 64<<10)
	var w mdWriter
	flush := func() error {
		_, err := bw.WriteString(w.String())
		w.Reset()
		return err
	}
	if v.Issuer != "" {
		w.line("%s", md(v.Issuer))
		w.blank()
	}
	w.line("# %s", md(v.Title))
	w.blank()
	for _, s := range v.Scope {
		w.line("- %s", md(s))
	}
	if len(v.Scope) > 0 {
		w.blank()
	}

	w.line("## %s", md(t.T("report.summary.s_progress")))
	w.blank()
	var rows [][]string
	for _, p := range v.Progress {
		r := []string{md(p.Kind), itoa(p.Units), itoa(p.Final), itoa(p.Incomplete), itoa(p.Draft), itoa(p.NotStarted)}
		if p.Total {
			for i := range r {
				r[i] = "**" + r[i] + "**"
			}
		}
		rows = append(rows, r)
	}
	w.table(progressHead(t), "lrrrrr", rows)
	w.line("%s", md(t.T("report.summary.ranking_note")))
	w.blank()

	w.line("## %s", md(t.T("report.summary.s_table")))
	w.blank()
	align := "llll" + strings.Repeat("r", len(v.FieldCols)) + "rrl"
	for _, g := range v.Groups {
		w.line("### %s", md(g.Kind))
		w.blank()
		rows = rows[:0]
		for _, r := range g.Rows {
			cells := v.cells(r)
			for i := range cells {
				cells[i] = md(cells[i])
				if r.Muted && cells[i] != "" && cells[i] != "—" {
					cells[i] = "*" + cells[i] + "*"
				}
			}
			rows = append(rows, cells)
		}
		w.table(v.mainHead(), align, rows)
	}
	for _, l := range v.Notes {
		w.line("- %s", md(l))
	}
	w.blank()

	w.line("## %s", md(t.T("report.summary.s_shortcomings")))
	w.blank()
	if len(v.Shorts) == 0 {
		w.line("%s", md(t.T("report.record.no_shortcomings")))
		w.blank()
	} else {
		rows = rows[:0]
		for _, s := range v.Shorts {
			rows = append(rows, []string{s.No, md(s.Checklist), md(s.Item), md(s.Text), md(s.Units), s.Fail, s.Partial, md(s.Where)})
		}
		w.table(shortHead(t), "llllrrrl", rows)
	}

	w.line("## %s", md(t.T("report.summary.s_recs")))
	w.blank()
	if v.Recommendations == 0 {
		w.line("%s", md(t.T("report.record.no_recs")))
		w.blank()
	} else {
		w.tableHead(sumRecHead(t), "llllll")
		no := 0
		err := eachFinding(s, true, func(f *model.FindingRow) error {
			no++
			r := recRowOf(no, f, t)
			w.tableRow(r.No, md(r.Unit), md(r.Item), md(r.Rec), r.Deadline, md(r.State))
			if w.Len() >= 32<<10 {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
		w.blank()
	}

	w.line("## %s", md(t.T("report.summary.s_findings")))
	w.blank()
	w.tableHead(findingHead(t), "lllrlll")
	err := eachFinding(s, false, func(f *model.FindingRow) error {
		r := findingRowOf(f, t)
		w.tableRow(md(r.Unit), md(r.Item), md(r.Result), md(r.Score), md(r.Note), md(r.Rec), r.Deadline)
		if w.Len() >= 32<<10 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.blank()
	followMarkdown(&w, v)
	if err := flush(); err != nil {
		return err
	}
	return bw.Flush()
}

func itoa(n int) string { return strconv.Itoa(n) }

func progressHead(t i18n.Catalog) []string {
	return []string{t.T("report.col.kind"), t.T("report.col.units"), t.T("report.state.final"), t.T("report.state.incomplete"),
		t.T("report.state.draft"), t.T("report.state.not_started")}
}

func shortHead(t i18n.Catalog) []string {
	return []string{t.T("report.col.no"), t.T("report.col.checklist"), t.T("report.col.item"), t.T("report.col.question"),
		t.T("report.col.short_of"), t.T("report.result.fail"), t.T("report.result.partial"), t.T("report.col.where")}
}

func sumRecHead(t i18n.Catalog) []string {
	return []string{t.T("report.col.no"), t.T("report.col.unit"), t.T("report.col.item"), t.T("report.col.recommendation"),
		t.T("report.col.deadline"), t.T("report.col.state")}
}

func findingHead(t i18n.Catalog) []string {
	return []string{t.T("report.col.unit_code"), t.T("report.col.item"), t.T("report.col.result"), t.T("report.col.score"),
		t.T("report.col.note"), t.T("report.col.recommendation"), t.T("report.col.deadline")}
}
