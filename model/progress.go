package model

// Progress is how far one assessment has come, as the unit list shows it:
// the items answered (không áp dụng included) out of the checklist's, and
// the points earned out of the checklist's maximum. It equals the Overall
// tally of Score on the same findings in those four numbers.
type Progress struct {
	Answered int
	Total    int
	Score    Points
	Max      Points
}
