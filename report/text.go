package report

import (
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// People's documents write numbers the Vietnamese way ("14,5", "85,50"),
// English ones with a dot; machine formats (CSV, JSON) always use a dot.

// num and pct are the catalogue's: the app's screens write the same score
// and percentage the same way.
func num(p model.Points, t i18n.Catalog) string { return t.Points(p) }

func pct(f float64, t i18n.Catalog) string { return t.Percent(f) }

// round2 rounds a percentage to the two decimals every document prints,
// as classification and the catalogue's Percent round it.
func round2(f float64) float64 { return model.RoundPercent(f) }

// dateShort is dd/mm/yyyy; "" when unset.
func dateShort(d model.Date) string { return d.VN() }

// locality takes the place name documents start their date line with from
// the issuer: "Sở Nội vụ tỉnh Hải Dương" gives "Hải Dương".
func locality(issuer string) string {
	low := strings.ToLower(issuer)
	for _, w := range []string{"thành phố ", "tỉnh "} {
		if i := strings.LastIndex(low, w); i >= 0 {
			return strings.TrimSpace(issuer[i+len(w):])
		}
	}
	return ""
}

func resultLabel(r model.Result, t i18n.Catalog) string {
	switch r {
	case model.ResultPass:
		return t.T("report.result.pass")
	case model.ResultPartial:
		return t.T("report.result.partial")
	case model.ResultFail:
		return t.T("report.result.fail")
	case model.ResultNotApplicable:
		return t.T("report.result.na")
	default: // model.ResultUnassessed
		return t.T("report.result.unassessed")
	}
}

func stateLabel(s model.RecordState, t i18n.Catalog) string {
	switch s {
	case model.StateNotStarted:
		return t.T("report.state.not_started")
	case model.StateDraft:
		return t.T("report.state.draft")
	case model.StateIncomplete:
		return t.T("report.state.incomplete")
	default: // model.StateFinal
		return t.T("report.state.final")
	}
}

func kindName(k model.KindInfo, t i18n.Catalog) string {
	if t.Lang == i18n.EN && k.NameEN != "" {
		return k.NameEN
	}
	if k.Name == "" {
		return string(k.Code)
	}
	return k.Name
}

func bandLabel(b model.Band, t i18n.Catalog) string {
	if t.Lang == i18n.EN && b.LabelEN != "" {
		return b.LabelEN
	}
	return b.Label
}

// paragraphs splits free text into its non-blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// oneLine joins free text onto one line (table cells). Most cells are one
// line already: they are only trimmed, with nothing split or joined.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return strings.TrimSpace(s)
	}
	return strings.Join(paragraphs(s), " ")
}
