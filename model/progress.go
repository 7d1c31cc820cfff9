package model

// Progress is how far one assessment has come, as the unit list shows it:
// the items answered (không áp dụng included) out of the checklist's, the
// points earned, and the maximum with and without the items found không
// áp dụng. Its numbers equal those of the Overall tally Score computes on
// the same findings.
type Progress struct {
	Answered    int
	Total       int
	Score       Points
	Max         Points
	AdjustedMax Points
}

// Tally is the progress as a tally (its Shortfalls are not counted).
func (p Progress) Tally() Tally {
	return Tally{Score: p.Score, Max: p.Max, AdjustedMax: p.AdjustedMax, Answered: p.Answered, Total: p.Total}
}
