package model

import "fmt"

// maxCases bounds the cases a deduction item may record: far more than
// any inspection counts, small enough that cases × per-case cannot
// overflow.
const maxCases = 1_000_000

// Deduct is the result and score of a deduction item (điểm trừ) with the
// given number of cases: the maximum less PerCase for each case, down to
// zero. No case is đạt, a score left is đạt một phần, nothing left is
// chưa đạt.
func (it Item) Deduct(cases int) (Result, Points) {
	if cases <= 0 {
		return ResultPass, it.Max
	}
	score := it.Max
	if it.PerCase > 0 {
		if int64(cases) > int64(it.Max/it.PerCase) {
			score = 0
		} else {
			score = max(0, it.Max-Points(cases)*it.PerCase)
		}
	}
	if score == 0 {
		return ResultFail, 0
	}
	return ResultPartial, score
}

// ZeroCases is the fewest cases that take all of a deduction item's
// points (its result is then chưa đạt); 1 for an item without a per-case
// deduction.
func (it Item) ZeroCases() int {
	if it.PerCase <= 0 || it.Max <= 0 {
		return 1
	}
	return int((it.Max + it.PerCase - 1) / it.PerCase)
}

// DefaultScore is the score an item gets when the inspector picks result r
// and has not typed a score: the maximum for đạt, nothing for chưa đạt,
// nothing for không áp dụng unless the item counts it as full marks, and
// for đạt một phần half the maximum (rounded down to a quarter point),
// with levels the best level below the maximum, for a deduction item the
// score after one case.
func (it Item) DefaultScore(r Result) Points {
	switch r {
	case ResultPass:
		return it.Max
	case ResultNotApplicable:
		if it.NA == NAFull {
			return it.Max
		}
		return 0
	case ResultPartial:
		switch it.Scoring {
		case ScoringLevels:
			best := Points(0)
			for _, l := range it.Levels {
				if l.Score < it.Max && l.Score > best {
					best = l.Score
				}
			}
			return best
		case ScoringDeduction:
			_, p := it.Deduct(1)
			return p
		default:
			half := it.Max / 2
			return half - half%25
		}
	default:
		return 0
	}
}

// CheckScore says whether score is allowed for the item with result r and
// no cases recorded; see Check for a whole finding.
func (it Item) CheckScore(r Result, score Points) error {
	return it.Check(Content{Result: r, Score: score})
}

// Check says whether a finding's result, score and cases are allowed for
// the item: không áp dụng only where the item allows it (scoring 0, or
// the maximum for an item that counts it as full marks); cases only on a
// deduction item, whose result and score must be what Deduct gives; for
// the other modes, the rules of the item's scoring mode.
func (it Item) Check(c Content) error {
	if c.Cases < 0 || c.Cases > maxCases {
		return fmt.Errorf("%w: %d cases is outside 0–%d", ErrScore, c.Cases, maxCases)
	}
	if c.Cases != 0 && it.Scoring != ScoringDeduction {
		return fmt.Errorf("%w: item %s does not count cases", ErrScore, it.Code)
	}
	switch c.Result {
	case ResultUnassessed:
		if c.Cases != 0 {
			return fmt.Errorf("%w: an item not assessed has no cases", ErrScore)
		}
	case ResultNotApplicable:
		if c.Cases != 0 {
			return fmt.Errorf("%w: an item not applicable has no cases", ErrScore)
		}
		switch it.NA {
		case NANotAllowed:
			return fmt.Errorf("%w: item %s may not be marked not applicable", ErrScore, it.Code)
		case NAFull:
			if c.Score != it.Max {
				return fmt.Errorf("%w: not applicable counts as all %s points for item %s", ErrScore, it.Max, it.Code)
			}
			return nil
		default:
			// Excluded: the scoring mode's rule (no points) below.
		}
	default:
		// đạt, đạt một phần, chưa đạt: the scoring mode's rules below.
	}
	if it.Scoring == ScoringDeduction && c.Result != ResultUnassessed && c.Result != ResultNotApplicable {
		r, p := it.Deduct(c.Cases)
		if c.Result != r || c.Score != p {
			return fmt.Errorf("%w: item %s with %d cases is %s with %s points", ErrScore, it.Code, c.Cases, r, p)
		}
		return nil
	}
	return it.checkScore(c.Result, c.Score)
}

// checkScore is the rule of the non-deduction scoring modes.
func (it Item) checkScore(r Result, score Points) error {
	switch r {
	case ResultUnassessed, ResultNotApplicable, ResultFail:
		if score != 0 {
			return fmt.Errorf("%w: %s earns no points", ErrScore, r)
		}
		return nil
	default:
		// đạt and đạt một phần earn points: checked below.
	}
	if r == ResultPartial && it.Scoring == ScoringBinary {
		return fmt.Errorf("%w: item %s is scored đạt/chưa đạt only", ErrScore, it.Code)
	}
	if score < 0 || score > it.Max {
		return fmt.Errorf("%w: %s is outside 0–%s", ErrScore, score, it.Max)
	}
	if it.Scoring == ScoringBinary && score != it.Max {
		return fmt.Errorf("%w: item %s earns all %s points or none", ErrScore, it.Code, it.Max)
	}
	if it.Scoring == ScoringLevels && score != it.Max {
		for _, l := range it.Levels {
			if l.Score == score {
				return nil
			}
		}
		return fmt.Errorf("%w: %s is not one of the item's levels", ErrScore, score)
	}
	return nil
}
