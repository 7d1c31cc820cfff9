package report

import (
	"fmt"
	"slices"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The báo cáo kết quả kiểm tra's paragraphs are generated from the
// records; the team may rewrite any of them in the app before export
// (model.Narrative), and a paragraph it left empty stays generated. Both
// are plain text in one convention: each line a paragraph, a line
// starting with "- " an item of a list.

// maxCommonShortcomings is how many of the most common shortcomings the
// báo cáo lists; the phụ lục and the summary hold them all.
const maxCommonShortcomings = 10

// DefaultNarrative is the báo cáo's paragraphs as generated from d, in
// lang: what a paragraph says until the team rewrites it.
func DefaultNarrative(d *model.ReportData, lang i18n.Lang) model.Narrative {
	return defaultNarrative(d, i18n.New(lang))
}

func defaultNarrative(d *model.ReportData, t i18n.Catalog) model.Narrative {
	s, in := &d.Summary, d.Inspection
	var n model.Narrative
	total := s.Progress[len(s.Progress)-1]
	var kinds []string
	var byKind []string
	for _, p := range s.Progress[:len(s.Progress)-1] {
		kinds = append(kinds, t.T("report.inspection.kind_count", pad2(p.Units), lowerFirst(kindName(p.Kind, t))))
		var names []string
		for _, r := range s.Rows {
			if r.Kind.Code == p.Kind.Code {
				names = append(names, r.Unit.Name)
			}
		}
		byKind = append(byKind, "- "+kindName(p.Kind, t)+": "+strings.Join(names, ", ")+".")
	}
	scope := []string{t.T("report.inspection.scope", pad2(total.Units), strings.Join(kinds, t.T("report.and")), period(in, t))}
	scope = append(scope, byKind...)
	scope = append(scope, t.T("report.inspection.progress", pad2(total.Final+total.Incomplete), pad2(total.Draft), pad2(total.NotStarted)))
	n.Scope = strings.Join(scope, "\n")

	var cls []string
	seen := map[string]bool{}
	for _, r := range d.Records {
		if r.Checklist != nil && !seen[r.Checklist.Ref()] {
			seen[r.Checklist.Ref()] = true
			cls = append(cls, fmt.Sprintf("%s (%s)", r.Checklist.Title, r.Checklist.Ref()))
		}
	}
	n.Method = t.T("report.inspection.method", strings.Join(cls, "; "))

	var res []string
	for _, k := range s.Kinds {
		res = append(res, kindResults(s, k, t))
	}
	res = append(res, t.T("report.inspection.results_annex"))
	n.Results = strings.Join(res, "\n")

	var str []string
	for _, r := range d.Records {
		if p := oneLine(r.Assessment.Strengths); p != "" {
			str = append(str, "- "+r.Unit.Name+": "+p)
		}
	}
	if len(str) == 0 {
		str = []string{t.T("report.none_recorded")}
	} else {
		str = append([]string{t.T("report.inspection.strengths_lead")}, str...)
	}
	n.Strengths = strings.Join(str, "\n")

	var sh []string
	for i, st := range s.Shortcomings {
		if i == maxCommonShortcomings {
			sh = append(sh, t.TN("report.inspection.more_shortcomings", len(s.Shortcomings)-i))
			break
		}
		sh = append(sh, "- "+t.T("report.inspection.shortcoming", criterionPhrase(st.Text), st.ItemCode,
			pad2(st.Units), pad2(st.Assessed), strings.Join(st.UnitCodes, ", ")))
	}
	if len(sh) == 0 {
		sh = []string{t.T("report.record.no_shortcomings")}
	} else {
		sh = append([]string{t.T("report.inspection.shortcomings_lead")}, sh...)
	}
	n.Shortcomings = strings.Join(sh, "\n")

	issuer := strings.TrimSpace(in.Issuer)
	if issuer == "" {
		issuer = t.T("report.record.default_issuer")
	}
	var per []string
	for _, r := range s.Rows {
		if r.Recommendations > 0 {
			per = append(per, fmt.Sprintf("%s %d", r.Unit.Code, r.Recommendations))
		}
	}
	if len(s.Recommendations) == 0 {
		n.Recommendations = t.T("report.record.no_recs")
	} else {
		n.Recommendations = t.TN("report.inspection.recommendations", len(s.Recommendations), len(s.Recommendations), strings.Join(per, ", "), issuer,
			in.ReportDaysOrDefault())
	}
	n.Proposals = t.T("report.inspection.proposals", issuer)
	return n
}

// kindResults is one kind's results: how many units were finalized, their
// average, the highest and the lowest; units not finalized are named and
// never counted.
func kindResults(s *model.Summary, k model.KindInfo, t i18n.Catalog) string {
	var final []model.SummaryRow
	var open []string
	for _, r := range s.Rows {
		if r.Kind.Code != k.Code {
			continue
		}
		if r.State.Ranked() {
			final = append(final, r)
		} else {
			open = append(open, r.Unit.Name)
		}
	}
	line := "- " + kindName(k, t) + ": "
	if len(final) == 0 {
		line += t.T("report.inspection.kind_none")
	} else {
		sum := 0.0
		for _, r := range final {
			sum += r.Percent
		}
		hi, lo := final[0], final[len(final)-1] // rows are ranked, best first
		if len(final) == 1 {
			line += t.T("report.inspection.kind_final_one", hi.Unit.Name, pct(hi.Percent, t))
		} else {
			line += t.T("report.inspection.kind_final", pad2(len(final)), pct(sum/float64(len(final)), t),
				hi.Unit.Name, pct(hi.Percent, t), lo.Unit.Name, pct(lo.Percent, t))
		}
	}
	if len(open) > 0 {
		line += " " + t.T("report.inspection.kind_open", strings.Join(open, ", "))
	}
	return line
}

// period is "từ ngày 17/10/2022 đến ngày 25/11/2022", or as much of it as
// is recorded.
func period(in model.Inspection, t i18n.Catalog) string {
	switch {
	case !in.Start.IsZero() && !in.End.IsZero():
		return t.T("report.inspection.period", in.Start.VN(), in.End.VN())
	case !in.Start.IsZero():
		return t.T("report.inspection.period_from", in.Start.VN())
	}
	return ""
}

// narrativeBlocks renders a narrative paragraph: each line a paragraph,
// "- " lines a list.
func narrativeBlocks(b *body, text string) {
	var items []string
	flush := func() {
		b.list(items...)
		items = nil
	}
	for _, l := range paragraphs(text) {
		if item, ok := strings.CutPrefix(l, "- "); ok {
			items = append(items, item)
			continue
		}
		flush()
		b.para(l)
	}
	flush()
}

// narrativeOf is the team's paragraphs, each empty one generated.
func narrativeOf(d *model.ReportData, t i18n.Catalog) model.Narrative {
	n, gen := d.Inspection.Report.Narrative, defaultNarrative(d, t)
	for _, p := range model.NarrativeParts {
		if strings.TrimSpace(n.Part(p)) == "" {
			n = n.WithPart(p, gen.Part(p))
		}
	}
	return n
}

// kindsClassify reports whether any checklist used classifies, so the
// phụ lục has a Xếp loại column only then.
func kindsClassify(d *model.ReportData) bool {
	return slices.ContainsFunc(d.Records, func(r model.UnitRecord) bool { return r.Checklist != nil && r.Checklist.Classifies() })
}

// questionTails are the endings that make a checklist item a question.
var questionTails = []string{" là bao nhiêu?", " hay không?", " không?", " chưa?", "?"}

// criterionPhrase is an item's question as the criterion it checks:
// "Đơn vị có ban hành Kế hoạch CCHC năm đúng thời hạn không?" is listed
// as "Đơn vị có ban hành Kế hoạch CCHC năm đúng thời hạn".
func criterionPhrase(q string) string {
	q = strings.TrimSpace(q)
	for _, tail := range questionTails {
		if s, ok := strings.CutSuffix(q, tail); ok {
			return s
		}
	}
	return q
}
