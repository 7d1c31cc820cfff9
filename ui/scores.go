package ui

import "kiemtra/model"

// Every screen shows a score on the one basis the documents use: the
// score over the maximum without the items marked không áp dụng, and that
// percentage (model.Tally.Percent); a unit with nothing assessed is "chưa
// kiểm tra", never 0; a draft's figures are marked provisional, never
// classified.

// scoreOf is "40/90": the score over the maximum it is a percentage of.
func (c common) scoreOf(t model.Tally) string { return c.pts(t.Score) + "/" + c.pts(t.AdjustedMax) }

// resultCell is a unit's result as a list shows it: "chưa kiểm tra", or
// its percentage, marked "tạm tính" unless its assessment is finalized.
func (c common) resultCell(t model.Tally, st model.Status) string {
	if t.Answered == 0 {
		return c.t.T("ui.score.not_started")
	}
	if st != model.StatusFinalized {
		return c.t.T("ui.score.provisional_pct", c.pct(t.Percent()))
	}
	return c.pct(t.Percent())
}

// classLine is what the review says of the classification: the band only
// for a finalized, complete assessment of a checklist whose bands have a
// basis; that a draft is provisional; nothing otherwise.
func (c common) classLine(cl *model.Checklist, sc model.Scorecard, st model.Status) string {
	switch {
	case st != model.StatusFinalized:
		return c.t.T("ui.score.provisional")
	case cl != nil && cl.Classifies() && sc.Overall.Complete():
		return c.t.T("ui.score.class", c.bandName(sc.Band))
	}
	return ""
}
