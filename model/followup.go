package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// This file follows kiến nghị from one inspection to the next. Each
// recommendation a finalized record made (a finding with a kiến nghị) is
// shown again when the same unit (the same code) is assessed later; the
// inspector records for each what has become of it (FollowUp). Between
// inspections the unit sends a báo cáo kết quả khắc phục (FixReport) that
// says which recommendations it reports on.

// FixStatus is what a later visit found of a kiến nghị.
type FixStatus string

// The statuses. Done and obsolete close a recommendation: it is not shown
// again at the next visit.
const (
	FixDone       FixStatus = "done"        // đã khắc phục
	FixInProgress FixStatus = "in_progress" // đang khắc phục
	FixNotDone    FixStatus = "not_done"    // chưa khắc phục
	FixObsolete   FixStatus = "obsolete"    // không còn phù hợp
)

// FixStatuses lists the statuses in the order forms offer them.
var FixStatuses = []FixStatus{FixDone, FixInProgress, FixNotDone, FixObsolete}

// Valid reports whether s is a known status.
func (s FixStatus) Valid() bool { return slices.Contains(FixStatuses, s) }

// Closed reports whether a recommendation with this status needs no
// further follow-up.
func (s FixStatus) Closed() bool { return s == FixDone || s == FixObsolete }

// ParseFixStatus reads a stored status code.
func ParseFixStatus(s string) (FixStatus, error) {
	if st := FixStatus(strings.TrimSpace(s)); st.Valid() {
		return st, nil
	}
	return "", fmt.Errorf("%w fix status %q", ErrInvalid, s)
}

// FollowUp is what one visit found of one earlier kiến nghị: the status,
// the day it was checked, a note and the evidence seen. It belongs to the
// visit's assessment and is kept as revisions, like a finding.
type FollowUp struct {
	ID           string `json:"id"`
	AssessmentID string `json:"assessment_id"` // the visit that checked
	// RecommendationID is the finding that made the kiến nghị.
	RecommendationID string    `json:"recommendation_id"`
	Status           FixStatus `json:"status"`
	Checked          Date      `json:"checked,omitzero"`
	Note             string    `json:"note,omitempty"`
	Evidence         string    `json:"evidence,omitempty"`
	Stamp
}

// FollowUpID names the follow-up of a recommendation at a visit, the same
// on every laptop.
func FollowUpID(assessmentID, recommendationID string) string {
	return DerivedID("follow_up", assessmentID, recommendationID)
}

// FollowUpContent is what the inspector decides in a follow-up.
type FollowUpContent struct {
	Status   FixStatus
	Checked  Date
	Note     string
	Evidence string
}

// Content is the follow-up's content.
func (f FollowUp) Content() FollowUpContent {
	return FollowUpContent{f.Status, f.Checked, f.Note, f.Evidence}
}

// RecordKind implements Revisioned.
func (f FollowUp) RecordKind() string { return "follow_up" }

// RecordID implements Revisioned.
func (f FollowUp) RecordID() string { return f.ID }

// RecordStamp implements Revisioned.
func (f FollowUp) RecordStamp() Stamp { return f.Stamp }

func (f FollowUp) identity() []string { return []string{f.AssessmentID, f.RecommendationID} }

// ContentHash implements Revisioned.
func (f FollowUp) ContentHash() string {
	return hashFields(string(f.Status), f.Checked.ISO(), f.Note, f.Evidence)
}

// Check says whether the follow-up can be kept: a known status.
func (c FollowUpContent) Check() error {
	if !c.Status.Valid() {
		return fmt.Errorf("%w fix status %q", ErrInvalid, c.Status)
	}
	return nil
}

// FixReport is a unit's báo cáo kết quả khắc phục: its number, the day it
// was received and the recommendations it reports on. It is recorded when
// it arrives, between inspections, and kept as revisions.
type FixReport struct {
	ID       string `json:"id"`
	UnitCode string `json:"unit_code"`
	Number   string `json:"number"` // "45/BC-STP"
	Received Date   `json:"received"`
	// Covers are the recommendations (finding IDs) it reports on, sorted.
	Covers []string `json:"covers,omitempty"`
	Note   string   `json:"note,omitempty"`
	Stamp
}

// FixReportID names a unit's report by its number, the same on every
// laptop that records it.
func FixReportID(unitCode, number string) string {
	return DerivedID("fix_report", unitCode, number)
}

// RecordKind implements Revisioned.
func (r FixReport) RecordKind() string { return "fix_report" }

// RecordID implements Revisioned.
func (r FixReport) RecordID() string { return r.ID }

// RecordStamp implements Revisioned.
func (r FixReport) RecordStamp() Stamp { return r.Stamp }

func (r FixReport) identity() []string { return []string{r.UnitCode, r.Number} }

// ContentHash implements Revisioned.
func (r FixReport) ContentHash() string {
	return hashFields(r.Received.ISO(), strings.Join(r.Covers, ","), r.Note)
}

// SameContent reports whether two copies of a report say the same thing.
func (r FixReport) SameContent(o FixReport) bool { return r.ContentHash() == o.ContentHash() }

// Recommendation is a kiến nghị a finalized record made, with where it
// came from and what later visits and the unit's reports said of it.
type Recommendation struct {
	ID           string `json:"id"` // the finding that made it
	AssessmentID string `json:"assessment_id"`
	InspectionID string `json:"inspection_id"`
	Year         int    `json:"year"`
	Inspection   string `json:"inspection"` // its title
	UnitCode     string `json:"unit_code"`
	UnitName     string `json:"unit_name"` // as at that visit
	VisitDate    Date   `json:"visit_date,omitzero"`
	// RecordNo and ConclusionNo are the biên bản's and the thông báo's
	// numbers as recorded ("" when not numbered).
	RecordNo       string `json:"record_no,omitempty"`
	ConclusionNo   string `json:"conclusion_no,omitempty"`
	ConclusionDate Date   `json:"conclusion_date,omitzero"`
	ItemCode       string `json:"item"`
	ItemText       string `json:"item_text"`
	Text           string `json:"text"`
	Deadline       Date   `json:"deadline,omitzero"`
	// Checks are what later visits found, oldest first (SortChecks);
	// Reports the unit's reports that cover it, by the day received.
	Checks  []Check     `json:"checks"`
	Reports []FixReport `json:"reports"`
}

// Check is a follow-up with the visit it was made at.
type Check struct {
	FollowUp
	InspectionID string `json:"inspection_id"`
	Year         int    `json:"year"`
	VisitDate    Date   `json:"visit_date,omitzero"`
}

// SortChecks puts checks in the order they were made: by visit (year,
// then day), then the day checked, then when they were saved.
func SortChecks(cs []Check) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.VisitDate != b.VisitDate {
			return a.VisitDate.Before(b.VisitDate)
		}
		if a.Checked != b.Checked {
			return a.Checked.Before(b.Checked)
		}
		if !a.UpdatedAt.Equal(b.UpdatedAt) {
			return a.UpdatedAt.Before(b.UpdatedAt)
		}
		return a.ID < b.ID
	})
}

// Last is the latest check; false when there is none.
func (r Recommendation) Last() (Check, bool) {
	if len(r.Checks) == 0 {
		return Check{}, false
	}
	return r.Checks[len(r.Checks)-1], true
}

// Before is the latest check made at a visit before visit a (of an
// inspection of year): what was known of it when a began.
func (r Recommendation) Before(a Assessment, year int) (Check, bool) {
	for i := len(r.Checks) - 1; i >= 0; i-- {
		c := r.Checks[i]
		if c.AssessmentID != a.ID && a.Earlier(c.Year, c.VisitDate, year) {
			return c, true
		}
	}
	return Check{}, false
}

// At is the check made at the visit assessmentID; false when that visit
// did not check it.
func (r Recommendation) At(assessmentID string) (Check, bool) {
	for _, c := range r.Checks {
		if c.AssessmentID == assessmentID {
			return c, true
		}
	}
	return Check{}, false
}

// Status is the latest status recorded, "" when never checked.
func (r Recommendation) Status() FixStatus {
	if c, ok := r.Last(); ok {
		return c.Status
	}
	return ""
}

// Open reports whether the recommendation still needs following up.
func (r Recommendation) Open() bool { return !r.Status().Closed() }

// Overdue reports whether it is open and its deadline had passed by day
// on.
func (r Recommendation) Overdue(on Date) bool {
	return r.Open() && !r.Deadline.IsZero() && !on.IsZero() && r.Deadline.Before(on)
}

// Source is where the recommendation came from in a few words for a
// table: "2022 · 1.1.2", with the thông báo's or biên bản's number when
// recorded.
func (r Recommendation) Source() string {
	s := fmt.Sprintf("%d · %s", r.Year, r.ItemCode)
	switch {
	case r.ConclusionNo != "":
		s += " · " + r.ConclusionNo
	case r.RecordNo != "":
		s += " · " + r.RecordNo
	}
	return s
}

// SortRecommendations orders recommendations by unit, then oldest first
// (year, visit day), then item, so every list of them reads the same.
func SortRecommendations(rs []Recommendation) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.UnitCode != b.UnitCode {
			return a.UnitCode < b.UnitCode
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.VisitDate != b.VisitDate {
			return a.VisitDate.Before(b.VisitDate)
		}
		if a.AssessmentID != b.AssessmentID {
			return a.AssessmentID < b.AssessmentID
		}
		if a.ItemCode != b.ItemCode {
			return CodeLess(a.ItemCode, b.ItemCode)
		}
		return a.ID < b.ID
	})
}

// Earlier reports whether a visit on day d in year y came before the
// visit of a (of an inspection of year ay): by day when both are known,
// else by year.
func (a Assessment) Earlier(y int, d Date, ay int) bool {
	if !d.IsZero() && !a.Date.IsZero() {
		return d.Before(a.Date)
	}
	return y < ay
}

// FollowUpsDue lists, of the recommendations made for a unit, the ones
// visit a (of an inspection of year) follows up: made at an earlier visit
// of another inspection and not closed by a check before this visit. One
// this visit closed stays listed, so the visit's record shows what it
// found.
func FollowUpsDue(a Assessment, year int, all []Recommendation) []Recommendation {
	var out []Recommendation
	for _, r := range all {
		if r.AssessmentID == a.ID || r.InspectionID == a.InspectionID || !a.Earlier(r.Year, r.VisitDate, year) {
			continue
		}
		if c, ok := r.Before(a, year); ok && c.Status.Closed() {
			continue
		}
		out = append(out, r)
	}
	SortRecommendations(out)
	return out
}
