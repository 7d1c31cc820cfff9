package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The machine formats (JSON, CSV) use stable English field names, codes
// for states and results, dots for decimals, and nothing that changes from
// one run to the next. FORMATS.md documents them; change both together and
// bump summaryVersion when a field changes meaning or goes away.

const summaryVersion = 1

type jsonSummary struct {
	Format          string            `json:"format"`
	Version         int               `json:"version"`
	Year            int               `json:"year"`
	Inspections     []jsonInspection  `json:"inspections"`
	Kinds           []jsonKind        `json:"kinds"`
	Fields          []jsonField       `json:"fields"`
	Progress        []jsonProgress    `json:"progress"`
	Units           []jsonUnit        `json:"units"`
	Shortcomings    []jsonShortcoming `json:"shortcomings"`
	Recommendations []jsonFinding     `json:"recommendations"`
	Findings        []jsonFinding     `json:"findings"`
	FollowUp        []jsonFollow      `json:"follow_up"`
	SelfAssessments []jsonSelf        `json:"self_assessments"`
}

type jsonInspection struct {
	ID       string `json:"id"`
	Year     int    `json:"year"`
	Title    string `json:"title"`
	Plan     string `json:"plan"`
	Decision string `json:"decision"`
	Issuer   string `json:"issuer"`
}

type jsonKind struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	Order  int    `json:"order"`
}

type jsonField struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

type jsonProgress struct {
	Kind       string `json:"kind"`
	Units      int    `json:"units"`
	Final      int    `json:"final"`
	Incomplete int    `json:"incomplete"`
	Draft      int    `json:"draft"`
	NotStarted int    `json:"not_started"`
}

type jsonUnit struct {
	InspectionID    string          `json:"inspection_id"`
	AssessmentID    string          `json:"assessment_id"`
	UnitCode        string          `json:"unit_code"`
	UnitName        string          `json:"unit_name"`
	Kind            string          `json:"kind"`
	Checklist       string          `json:"checklist"`
	VisitDate       string          `json:"visit_date"`
	State           string          `json:"state"`
	Score           json.Number     `json:"score"`
	Max             json.Number     `json:"max"`
	AdjustedMax     json.Number     `json:"adjusted_max"`
	Percent         *json.Number    `json:"percent"`
	Answered        int             `json:"answered"`
	Total           int             `json:"total"`
	Classification  *string         `json:"classification"`
	Rank            *int            `json:"rank"`
	Shortcomings    int             `json:"shortcomings"`
	Recommendations int             `json:"recommendations"`
	Fields          []jsonUnitField `json:"fields"`
}

type jsonUnitField struct {
	Code        string       `json:"code"`
	Score       json.Number  `json:"score"`
	Max         json.Number  `json:"max"`
	AdjustedMax json.Number  `json:"adjusted_max"`
	Percent     *json.Number `json:"percent"`
	Answered    int          `json:"answered"`
	Total       int          `json:"total"`
}

type jsonShortcoming struct {
	Checklist string   `json:"checklist"`
	Field     string   `json:"field"`
	Item      string   `json:"item"`
	Text      string   `json:"text"`
	Units     int      `json:"units"`
	Fail      int      `json:"fail"`
	Partial   int      `json:"partial"`
	Draft     int      `json:"draft"`
	Assessed  int      `json:"assessed"`
	UnitCodes []string `json:"unit_codes"`
}

type jsonFinding struct {
	InspectionID   string      `json:"inspection_id"`
	UnitCode       string      `json:"unit_code"`
	UnitName       string      `json:"unit_name"`
	Kind           string      `json:"kind"`
	State          string      `json:"state"`
	Checklist      string      `json:"checklist"`
	Field          string      `json:"field"`
	Item           string      `json:"item"`
	Text           string      `json:"text"`
	Result         string      `json:"result"`
	Score          json.Number `json:"score"`
	Max            json.Number `json:"max"`
	Note           string      `json:"note"`
	Evidence       string      `json:"evidence"`
	Recommendation string      `json:"recommendation"`
	Deadline       string      `json:"deadline"`
}

func pts(p model.Points) json.Number { return json.Number(p.String()) }

func pctNum(f float64) string { return strconv.FormatFloat(round2(f), 'f', 2, 64) }

// tallyPercent is the percentage, or nil when nothing is scored yet.
func tallyPercent(tl model.Tally, started bool) *json.Number {
	if !started || tl.AdjustedMax <= 0 {
		return nil
	}
	n := json.Number(pctNum(tl.Percent()))
	return &n
}

func jsonOf(s *model.Summary) jsonSummary {
	out := jsonSummary{Format: "kiemtra-summary", Version: summaryVersion, Year: s.Year,
		Inspections: []jsonInspection{}, Kinds: []jsonKind{}, Fields: []jsonField{}, Progress: []jsonProgress{},
		Units: []jsonUnit{}, Shortcomings: []jsonShortcoming{}, Recommendations: []jsonFinding{}, Findings: []jsonFinding{}}
	for _, in := range s.Inspections {
		out.Inspections = append(out.Inspections, jsonInspection{in.ID, in.Year, in.Title, in.Plan, in.Decision, in.Issuer})
	}
	for _, k := range s.Kinds {
		out.Kinds = append(out.Kinds, jsonKind{string(k.Code), k.Name, k.NameEN, k.Order})
	}
	for _, f := range s.Fields {
		out.Fields = append(out.Fields, jsonField{f.Code, f.Title})
	}
	for _, p := range s.Progress {
		out.Progress = append(out.Progress, jsonProgress{string(p.Kind.Code), p.Units, p.Final, p.Incomplete, p.Draft, p.NotStarted})
	}
	for _, r := range s.Rows {
		started := r.State != model.StateNotStarted
		u := jsonUnit{InspectionID: r.InspectionID, AssessmentID: r.AssessmentID, UnitCode: r.Unit.Code, UnitName: r.Unit.Name,
			Kind: string(r.Kind.Code), Checklist: r.ChecklistRef, VisitDate: r.Date.ISO(), State: string(r.State),
			Score: pts(r.Overall.Score), Max: pts(r.Overall.Max), AdjustedMax: pts(r.Overall.AdjustedMax),
			Percent: tallyPercent(r.Overall, started), Answered: r.Overall.Answered, Total: r.Overall.Total,
			Shortcomings: r.Shortcomings, Recommendations: r.Recommendations, Fields: []jsonUnitField{}}
		if r.Rank > 0 {
			rank := r.Rank
			u.Rank = &rank
		}
		if band := r.Band.Label; r.Rank > 0 && band != "" {
			u.Classification = &band
		}
		for i, c := range r.Fields {
			if !c.Present {
				continue
			}
			u.Fields = append(u.Fields, jsonUnitField{Code: s.Fields[i].Code, Score: pts(c.Score), Max: pts(c.Max),
				AdjustedMax: pts(c.AdjustedMax), Percent: tallyPercent(c.Tally, started), Answered: c.Answered, Total: c.Total})
		}
		out.Units = append(out.Units, u)
	}
	for _, st := range s.Shortcomings {
		out.Shortcomings = append(out.Shortcomings, jsonShortcoming{st.ChecklistID, st.FieldCode, st.ItemCode, st.Text,
			st.Units, st.Fail, st.Partial, st.Draft, st.Assessed, append([]string{}, st.UnitCodes...)})
	}
	for _, f := range s.Recommendations {
		out.Recommendations = append(out.Recommendations, jsonFindingOf(f))
	}
	for _, f := range s.Findings {
		out.Findings = append(out.Findings, jsonFindingOf(f))
	}
	out.FollowUp, out.SelfAssessments = jsonFollowOf(s)
	return out
}

func jsonFindingOf(f model.FindingRow) jsonFinding {
	return jsonFinding{InspectionID: f.InspectionID, UnitCode: f.UnitCode, UnitName: f.UnitName, Kind: string(f.Kind.Code),
		State: string(f.State), Checklist: f.ChecklistRef, Field: f.FieldCode, Item: f.ItemCode, Text: f.ItemText,
		Result: f.Finding.Result.Code(), Score: pts(f.Finding.Score), Max: pts(f.Max), Note: f.Finding.Note,
		Evidence: f.Finding.Evidence, Recommendation: f.Finding.Recommendation, Deadline: f.Finding.Deadline.ISO()}
}

func summaryJSON(s *model.Summary) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jsonOf(s)); err != nil {
		return nil, fmt.Errorf("summary json: %w", err)
	}
	return b.Bytes(), nil
}

// bom makes Excel read the CSV as UTF-8, so Vietnamese shows correctly.
const bom = "\ufeff"

func summaryCSV(s *model.Summary, view View, _ i18n.Catalog) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b) // "," separator, RFC 4180 quoting
	w.UseCRLF = true       // as RFC 4180 and Excel expect
	j := jsonOf(s)
	var rows [][]string
	switch view {
	case ViewSummary, "":
		head := []string{"kind", "rank", "unit_code", "unit_name", "state", "classification", "score", "adjusted_max", "max",
			"percent", "answered", "total", "shortcomings", "recommendations"}
		for _, f := range j.Fields {
			head = append(head, "field_"+f.Code+"_score", "field_"+f.Code+"_adjusted_max", "field_"+f.Code+"_percent")
		}
		head = append(head, "visit_date", "checklist", "inspection_id", "assessment_id")
		rows = append(rows, head)
		for i, u := range j.Units {
			r := []string{u.Kind, optInt(u.Rank), u.UnitCode, u.UnitName, u.State, optStr(u.Classification), string(u.Score),
				string(u.AdjustedMax), string(u.Max), optNum(u.Percent), itoa(u.Answered), itoa(u.Total),
				itoa(u.Shortcomings), itoa(u.Recommendations)}
			for fi := range j.Fields {
				c := s.Rows[i].Fields[fi]
				if c.Present {
					r = append(r, c.Score.String(), c.AdjustedMax.String(),
						optNum(tallyPercent(c.Tally, s.Rows[i].State != model.StateNotStarted)))
				} else {
					r = append(r, "", "", "")
				}
			}
			rows = append(rows, append(r, u.VisitDate, u.Checklist, u.InspectionID, u.AssessmentID))
		}
	case ViewShortcomings:
		rows = append(rows, []string{"checklist", "field", "item", "text", "units", "fail", "partial", "draft", "assessed", "unit_codes"})
		for _, st := range j.Shortcomings {
			rows = append(rows, []string{st.Checklist, st.Field, st.Item, st.Text, itoa(st.Units), itoa(st.Fail), itoa(st.Partial),
				itoa(st.Draft), itoa(st.Assessed), strings.Join(st.UnitCodes, " ")})
		}
	case ViewRecommendations, ViewFindings:
		list := j.Findings
		if view == ViewRecommendations {
			list = j.Recommendations
		}
		rows = append(rows, []string{"inspection_id", "unit_code", "unit_name", "kind", "state", "checklist", "field", "item", "text",
			"result", "score", "max", "note", "evidence", "recommendation", "deadline"})
		for _, f := range list {
			rows = append(rows, []string{f.InspectionID, f.UnitCode, f.UnitName, f.Kind, f.State, f.Checklist, f.Field, f.Item, f.Text,
				f.Result, string(f.Score), string(f.Max), f.Note, f.Evidence, f.Recommendation, f.Deadline})
		}
	default:
		return nil, fmt.Errorf("summary csv: unknown view %q", view)
	}
	for _, r := range rows {
		for i, c := range r {
			r[i] = neutralCell(c)
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("summary csv: %w", err)
	}
	return b.Bytes(), nil
}

// neutralCell keeps a spreadsheet from running a cell as a formula: text
// starting with = + - @, a tab or a carriage return (a unit name such as
// =HYPERLINK(…), a note) gets a leading apostrophe, which Excel and
// LibreOffice take to mean "this is text" (OWASP's rule for CSV
// injection). No number kiemtra writes starts with one of them.
func neutralCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func optStr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func optNum(p *json.Number) string {
	if p == nil {
		return ""
	}
	return string(*p)
}
