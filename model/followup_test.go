package model

import (
	"testing"
	"time"
)

func recOf(id, assessment, inspection string, year int, day Date, deadline Date, checks ...Check) Recommendation {
	r := Recommendation{ID: id, AssessmentID: assessment, InspectionID: inspection, Year: year, VisitDate: day, UnitCode: "STP",
		ItemCode: "1.1." + id, Deadline: deadline, Checks: checks}
	SortChecks(r.Checks)
	return r
}

func checkAt(assessment string, year int, day Date, st FixStatus) Check {
	return Check{FollowUp: FollowUp{ID: assessment + string(st), AssessmentID: assessment, Status: st}, Year: year, VisitDate: day}
}

func TestFollowUpsDue(t *testing.T) {
	d := func(y, m, day int) Date { return NewDate(y, time.Month(m), day) }
	a2023 := Assessment{ID: "a23", InspectionID: "i23", Date: d(2023, 10, 10)}
	a2024 := Assessment{ID: "a24", InspectionID: "i24", Date: d(2024, 10, 8)}
	all := []Recommendation{
		recOf("1", "a22", "i22", 2022, d(2022, 10, 18), d(2022, 12, 31)),
		recOf("2", "a22", "i22", 2022, d(2022, 10, 18), d(2022, 12, 31), checkAt("a23", 2023, d(2023, 10, 10), FixDone)),
		recOf("3", "a22", "i22", 2022, d(2022, 10, 18), Date{}, checkAt("a23", 2023, d(2023, 10, 10), FixInProgress)),
		recOf("4", "a22", "i22", 2022, d(2022, 10, 18), Date{}, checkAt("a21x", 2022, d(2022, 11, 1), FixObsolete)),
		recOf("5", "a23", "i23", 2023, d(2023, 10, 10), Date{}),                               // its own
		recOf("6", "b23", "i23", 2023, d(2023, 10, 1), Date{}),                                // the same inspection's
		recOf("7", "a25", "i25", 2025, d(2025, 1, 1), Date{}),                                 // later
		recOf("8", "a22", "i22", 2022, Date{}, Date{}, checkAt("a24", 2024, Date{}, FixDone)), // no day: by year
	}
	codes := func(rs []Recommendation) string {
		s := ""
		for _, r := range rs {
			s += r.ID
		}
		return s
	}
	// 2023 lists what was open before it, and what it closed itself.
	// (8, of no recorded day, sorts first in its year.)
	if got := codes(FollowUpsDue(a2023, 2023, all)); got != "8123" {
		t.Errorf("2023 follows up %q, want 8123", got)
	}
	// 2024: not 2 (done in 2023) nor 4 (obsolete in 2022); 8 it closes
	// itself; 2023's own 6 and 5 are due now.
	if got := codes(FollowUpsDue(a2024, 2024, all)); got != "81365" {
		t.Errorf("2024 follows up %q, want 81365", got)
	}
	r3 := all[2]
	if c, ok := r3.Before(a2024, 2024); !ok || c.Status != FixInProgress {
		t.Errorf("before 2024, 3 was %+v %v", c, ok)
	}
	if _, ok := r3.Before(a2023, 2023); ok {
		t.Errorf("before 2023, 3 had a check")
	}
	if all[1].Open() || !all[2].Open() || !all[0].Open() || all[3].Open() {
		t.Errorf("open: %v %v %v %v", all[0].Open(), all[1].Open(), all[2].Open(), all[3].Open())
	}
	if !all[0].Overdue(d(2023, 1, 1)) || all[0].Overdue(d(2022, 12, 31)) || all[1].Overdue(d(2024, 1, 1)) || all[2].Overdue(d(2030, 1, 1)) {
		t.Errorf("overdue is open and past the deadline, not on it, never without one")
	}
}

func TestSortChecksByVisitThenDay(t *testing.T) {
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	cs := []Check{
		{FollowUp: FollowUp{ID: "c", Checked: NewDate(2023, 1, 5)}, Year: 2023},
		{FollowUp: FollowUp{ID: "b", Checked: NewDate(2024, 1, 1), Stamp: Stamp{UpdatedAt: at}}, Year: 2024},
		{FollowUp: FollowUp{ID: "a", Checked: NewDate(2024, 1, 1), Stamp: Stamp{UpdatedAt: at.Add(-time.Hour)}}, Year: 2024},
	}
	SortChecks(cs)
	if cs[0].ID != "c" || cs[1].ID != "a" || cs[2].ID != "b" {
		t.Errorf("order %s %s %s", cs[0].ID, cs[1].ID, cs[2].ID)
	}
}

func TestRecordRevisionHash(t *testing.T) {
	f := FollowUp{ID: "x", AssessmentID: "a", RecommendationID: "r", Status: FixDone, Stamp: Stamp{Revision: "r1", UpdatedBy: "A"}}
	base := RecordRevisionHash(f)
	for name, g := range map[string]FollowUp{
		"status": func() FollowUp { g := f; g.Status = FixNotDone; return g }(),
		"note":   func() FollowUp { g := f; g.Note = "n"; return g }(),
		"who":    func() FollowUp { g := f; g.UpdatedBy = "B"; return g }(),
		"merged": func() FollowUp { g := f; g.Merged = []string{"r0"}; return g }(),
		"about":  func() FollowUp { g := f; g.RecommendationID = "q"; return g }(),
	} {
		if RecordRevisionHash(g) == base {
			t.Errorf("%s does not change the revision hash", name)
		}
	}
	g := f
	g.UpdatedBy = "B"
	if g.ContentHash() != f.ContentHash() {
		t.Errorf("who said it changes the content hash")
	}
	r := StampedRev(FollowUp{Stamp: Stamp{Revision: "r3", BaseRevision: "r1", Merged: []string{"r2", "r1", ""}}})
	if len(r.Parents) != 2 || r.Parents[0] != "r1" || r.Parents[1] != "r2" {
		t.Errorf("parents %v", r.Parents)
	}
}
