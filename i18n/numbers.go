package i18n

import (
	"strconv"
	"strings"
	"time"

	"kiemtra/model"
)

// Numbers and times are written one way on every screen, in every command
// and in every document, so the same score never reads two ways.

// Points writes a score the way the language writes decimals: "14,5" in
// Vietnamese, "14.5" in English.
func (c Catalog) Points(p model.Points) string {
	if c.Lang == EN {
		return p.Format('.')
	}
	return p.Format(',')
}

// PointsCount is the count a score takes for its English form: 1 for
// exactly one point ("1 point"), else 0 ("0 points", "0.5 points").
func PointsCount(p model.Points) int {
	if p == model.PointsOf(1) {
		return 1
	}
	return 0
}

// Percent writes a percentage with the two decimals every document prints
// and classification compares (model.RoundPercent), with the language's
// decimal separator and without the % sign: "88,89", "100,00". Its basis
// is the caller's: kiemtra always divides by the adjusted maximum
// (model.Tally.Percent), and shows that maximum beside it.
func (c Catalog) Percent(p float64) string {
	s := strconv.FormatFloat(model.RoundPercent(p), 'f', 2, 64)
	if c.Lang != EN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// TimeLayout is how a moment is shown to people: day, month, year and the
// time to the second (two edits a minute apart must not read alike).
const TimeLayout = "02/01/2006 15:04:05"

// When writes a moment in its own location (the caller picks it: the
// computer's, or a test's) as TimeLayout.
func (c Catalog) When(t time.Time) string { return t.Format(TimeLayout) }
