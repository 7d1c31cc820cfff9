package ui

import (
	"strconv"
	"strings"

	"kiemtra/model"
)

// The per-item rules of a checklist as the screens apply them: which
// results an item can take (không áp dụng only where its rule allows it,
// đạt một phần only where a score between nothing and the maximum
// exists), what a deduction item's cases give, and how the item's basis
// and rules read.

// partialAllowed reports whether đạt một phần is a result the item can
// take: not on an item scored đạt/chưa đạt only, nor on a deduction item
// whose one case takes every point.
func partialAllowed(it model.Item) bool {
	switch it.Scoring {
	case model.ScoringBinary:
		return false
	case model.ScoringDeduction:
		return it.ZeroCases() > 1
	default:
		return true
	}
}

// withResult returns c with result r and what r gives by default: the
// score r earns (không áp dụng earns the maximum on an item that counts it
// as full marks) and, on a deduction item, cases that give r: none for
// đạt; for đạt một phần the cases recorded if they leave points, else
// one; for chưa đạt the cases recorded if they leave nothing, else the
// fewest that do. It refuses a result the item cannot take (see
// refusedResult).
func withResult(c model.Content, it model.Item, r model.Result) (model.Content, bool) {
	if r == model.ResultPartial && !partialAllowed(it) || r == model.ResultNotApplicable && !it.AllowsNA() {
		return c, false
	}
	prev := c.Cases
	c.Result, c.Score, c.Cases = r, it.DefaultScore(r), 0
	if it.Scoring != model.ScoringDeduction || r == model.ResultUnassessed || r == model.ResultNotApplicable {
		return c, true
	}
	cases := 0
	switch r {
	case model.ResultPartial:
		cases = 1
		if pr, _ := it.Deduct(prev); pr == model.ResultPartial {
			cases = prev
		}
	case model.ResultFail:
		cases = it.ZeroCases()
		if pr, _ := it.Deduct(prev); pr == model.ResultFail {
			cases = prev
		}
	default:
		// đạt: no case.
	}
	c.Cases = cases
	c.Result, c.Score = it.Deduct(cases)
	return c, true
}

// refusedResult says why the item cannot take result r, or "" when it
// can.
func (c common) refusedResult(it model.Item, r model.Result) string {
	switch {
	case r == model.ResultNotApplicable && !it.AllowsNA():
		return c.t.T("ui.rules.na_not_allowed", it.Code)
	case r == model.ResultPartial && it.Scoring == model.ScoringDeduction && !partialAllowed(it):
		return c.t.T("ui.rules.one_case_empties", it.Code, c.pts(it.Max))
	case r == model.ResultPartial && !partialAllowed(it):
		return c.t.T("ui.editor.binary_only")
	}
	return ""
}

// parseCases reads a number of cases as typed: a whole number, at least
// zero ("" is none).
func parseCases(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// deductionText is how a deduction item's score follows from its cases:
// "3 − 2 × 0,5 = 2".
func (c common) deductionText(it model.Item, cases int) string {
	_, score := it.Deduct(cases)
	return c.t.T("ui.rules.deduction", c.pts(it.Max), cases, c.pts(it.PerCase), c.pts(score))
}

// naText is what không áp dụng does on the item.
func (c common) naText(it model.Item) string {
	switch it.NA {
	case model.NAFull:
		return c.t.T("ui.rules.na_full", c.pts(it.Max))
	case model.NANotAllowed:
		return c.t.T("ui.rules.na_no")
	default:
		return c.t.T("ui.rules.na_exclude")
	}
}

// basisText is what the item's wording and points rest on: the source it
// cites, "mặc định" (with its source, if it names one) for a default or
// inferred item, else the checklist's own source.
func (c common) basisText(cl *model.Checklist, it model.Item) string {
	switch it.Basis() {
	case model.BasisDefault:
		if it.Source != "" {
			return c.t.T("ui.rules.basis_default_source", it.Source)
		}
		return c.t.T("ui.rules.basis_default")
	case model.BasisCited:
		return it.Source
	default:
		if cl.Source == "" {
			return c.t.T("ui.rules.basis_none")
		}
		return c.t.T("ui.rules.basis_checklist")
	}
}

// showsScore reports whether a finding's result has a score to show: an
// answer that is scored, or không áp dụng counted as full marks.
func showsScore(it model.Item, r model.Result) bool {
	if r == model.ResultNotApplicable {
		return it.NA == model.NAFull
	}
	return r.Answered()
}
