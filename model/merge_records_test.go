package model

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// The record rules are tested as properties over random copies drawn from
// small pools, so that equal times and equal contents (the tie-breaks)
// happen often.

func randomInspection(rng *rand.Rand) (Inspection, time.Time) {
	titles := []string{"Kiểm tra CCHC năm 2022", "Kiểm tra CCHC 2022 (đợt 2)", "Kiểm tra công tác CCHC"}
	in := Inspection{ID: "insp", Year: 2022, Title: titles[rng.IntN(len(titles))], ReportDays: 10 + rng.IntN(2)*5}
	if rng.IntN(2) == 0 {
		in.Team = []Member{{Name: "Trần Văn Minh", Role: "Trưởng đoàn"}}
	}
	return in, t0.Add(time.Duration(rng.IntN(3)) * time.Hour)
}

func randomUnit(rng *rand.Rand) Unit {
	names := []string{"Sở Tư pháp", "Sở Tư Pháp", "Sở Tư pháp tỉnh Hải Dương"}
	kinds := []UnitKind{"so", "huyen"}
	return Unit{ID: "u", Code: "STP", Name: names[rng.IntN(len(names))], Kind: kinds[rng.IntN(len(kinds))],
		Address: []string{"", "TP Hải Dương"}[rng.IntN(2)]}
}

func randomAssessment(rng *rand.Rand) Assessment {
	a := Assessment{ID: "a", InspectionID: "insp", UnitID: "u", ChecklistID: "so-ban-nganh",
		ChecklistVersion: []string{"2022", "2025"}[rng.IntN(2)], Status: StatusDraft,
		Place: []string{"Trụ sở", "Hội trường"}[rng.IntN(2)], UpdatedAt: t0.Add(time.Duration(rng.IntN(3)) * time.Minute)}
	if rng.IntN(2) == 0 {
		a.Status, a.FinalizedBy, a.FinalizedAt = StatusFinalized, "Nguyễn Thị Hương", a.UpdatedAt
	}
	return a
}

type inspCopy struct {
	in Inspection
	at time.Time
}

// foldInspections merges the copies in order into the first, as a
// database importing them one by one does.
func foldInspections(cs []inspCopy) inspCopy {
	held := cs[0]
	for _, c := range cs[1:] {
		m := MergeInspection(held.in, held.at, c.in, c.at)
		held = inspCopy{m.Inspection, m.At}
	}
	return held
}

func TestMergeInspectionOrderIndependentIdempotent(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 2022))
	for round := 0; round < 300; round++ {
		n := 2 + rng.IntN(5)
		cs := make([]inspCopy, n)
		for i := range cs {
			in, at := randomInspection(rng)
			cs[i] = inspCopy{in, at}
		}
		want := foldInspections(cs)
		for p := 0; p < 5; p++ {
			perm := make([]inspCopy, n)
			for i, j := range rng.Perm(n) {
				perm[i] = cs[j]
			}
			if got := foldInspections(perm); !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: order changed the kept inspection:\n%+v\n%+v", round, got, want)
			}
		}
		// Merging what is held, or anything again, changes nothing.
		if m := MergeInspection(want.in, want.at, want.in, want.at); m.Changed {
			t.Fatalf("round %d: a copy merged into itself changed", round)
		}
		for _, c := range cs {
			if m := MergeInspection(want.in, want.at, c.in, c.at); m.Changed {
				t.Fatalf("round %d: merging %+v again changed the result", round, c)
			}
		}
	}
}

func TestMergeInspectionLaterChangeWins(t *testing.T) {
	old := Inspection{ID: "i", Title: "Z — the greater title"}
	newer := Inspection{ID: "i", Title: "A — corrected"}
	m := MergeInspection(old, t0, newer, t0.Add(time.Minute))
	if !m.Changed || m.Inspection.Title != newer.Title || !m.At.Equal(t0.Add(time.Minute)) {
		t.Fatalf("the later change must win whatever its content: %+v", m)
	}
	if m := MergeInspection(newer, t0.Add(time.Minute), old, t0); m.Changed {
		t.Fatalf("an older copy replaced a newer one: %+v", m)
	}
}

func foldUnits(us []Unit) Unit {
	held := us[0]
	for _, u := range us[1:] {
		held = MergeUnit(held, u).Unit
	}
	return held
}

func TestMergeUnitOrderIndependentIdempotent(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2022))
	for round := 0; round < 300; round++ {
		n := 2 + rng.IntN(5)
		us := make([]Unit, n)
		for i := range us {
			us[i] = randomUnit(rng)
		}
		want := foldUnits(us)
		for p := 0; p < 5; p++ {
			perm := make([]Unit, n)
			for i, j := range rng.Perm(n) {
				perm[i] = us[j]
			}
			if got := foldUnits(perm); got != want {
				t.Fatalf("round %d: order changed the kept unit: %+v vs %+v", round, got, want)
			}
		}
		for _, u := range us {
			if m := MergeUnit(want, u); m.Changed || m.Unit != want {
				t.Fatalf("round %d: merging %+v again changed the result to %+v", round, u, m.Unit)
			}
		}
	}
}

func TestMergeUnitKeepsIdentity(t *testing.T) {
	held := Unit{ID: "held", Code: "STP", Name: "A", Kind: "so"}
	in := Unit{ID: "other", Code: "STP", Name: "B", Kind: "so", Address: "x"}
	m := MergeUnit(held, in)
	if !m.Changed || m.Unit.ID != "held" || m.Unit.Name != "B" || m.Unit.Address != "x" {
		t.Fatalf("%+v", m)
	}
}

func foldAssessments(as []Assessment) Assessment {
	held := as[0]
	for _, a := range as[1:] {
		held = MergeAssessment(held, a).Assessment
	}
	return held
}

func TestMergeAssessmentOrderIndependentIdempotent(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 2022))
	for round := 0; round < 300; round++ {
		n := 2 + rng.IntN(5)
		as := make([]Assessment, n)
		for i := range as {
			as[i] = randomAssessment(rng)
		}
		// The checklist version is the first holder's (findings were made
		// against it); everything else must not depend on the order.
		own := func(a Assessment) Copy { return AssessmentCopy(a) }
		want := own(foldAssessments(as))
		for p := 0; p < 5; p++ {
			perm := make([]Assessment, n)
			for i, j := range rng.Perm(n) {
				perm[i] = as[j]
			}
			got := foldAssessments(perm)
			if own(got) != want {
				t.Fatalf("round %d: order changed the kept fields: %+v vs %+v", round, own(got), want)
			}
			if got.ChecklistVersion != perm[0].ChecklistVersion || got.ID != perm[0].ID {
				t.Fatalf("round %d: the held record's identity or checklist changed: %+v", round, got)
			}
		}
		kept := foldAssessments(as)
		for _, a := range as {
			if m := MergeAssessment(kept, a); m.Changed {
				t.Fatalf("round %d: merging %+v again changed the result", round, a)
			}
		}
	}
}

func TestMergeAssessmentReportsChecklistDifference(t *testing.T) {
	held := Assessment{ID: "a", ChecklistID: "so", ChecklistVersion: "2022", UpdatedAt: t0}
	in := held
	in.ChecklistVersion, in.Place, in.UpdatedAt = "2025", "Hội trường", t0.Add(time.Hour)
	m := MergeAssessment(held, in)
	if !m.ChecklistDiffers || !m.Changed || m.Assessment.ChecklistVersion != "2022" || m.Assessment.Place != "Hội trường" {
		t.Fatalf("%+v", m)
	}
}
