package model

import "testing"

func selfChecklist() *Checklist {
	cl := &Checklist{ID: "t", Version: "1", Fields: []Field{
		{Code: "1", Title: "Một", Max: 300, Criteria: []Criterion{{Code: "1.1", Items: []Item{
			{Code: "1.1.1", Max: 100, Scoring: ScoringBinary},
			{Code: "1.1.2", Max: 100, Scoring: ScoringManual},
			{Code: "1.1.3", Max: 100, Scoring: ScoringManual, NA: NAFull},
		}}}},
		{Code: "2", Title: "Hai", Max: 200, Criteria: []Criterion{{Code: "2.1", Items: []Item{
			{Code: "2.1.1", Max: 100, Scoring: ScoringLevels, Levels: []Level{{100, "a"}, {50, "b"}, {0, "c"}}},
			{Code: "2.1.2", Max: 100, Scoring: ScoringManual},
		}}}},
	}}
	cl.Index()
	return cl
}

func TestCompareSelf(t *testing.T) {
	cl := selfChecklist()
	findings := map[string]Content{
		"1.1.1": {Result: ResultFail},
		"1.1.2": {Result: ResultPartial, Score: 75},
		"1.1.3": {Result: ResultNotApplicable, Score: 100},
		"2.1.1": {Result: ResultNotApplicable},
	}
	self := []SelfScore{
		{ItemCode: "1.1.1", Scored: true, Score: 100},
		{ItemCode: "1.1.2", Scored: true, Score: 50},
		{ItemCode: "1.1.3", Scored: true, Score: 100},
		{ItemCode: "2.1.1", Scored: true, Score: 50},
		{ItemCode: "2.1.2", Scored: true, Score: 100},
		{ItemCode: "9.9.9", Scored: true, Score: 100}, // not in the checklist
		{ItemCode: "1.1.4", Evidence: "only evidence"},
	}
	c := CompareSelf(cl, findings, self)
	want := map[string]struct {
		compared bool
		diff     Points
	}{"1.1.1": {true, 100}, "1.1.2": {true, -25}, "1.1.3": {true, 0}, "2.1.1": {false, 50}, "2.1.2": {false, 100}}
	if len(c.Items) != len(want) {
		t.Fatalf("%d items, want %d", len(c.Items), len(want))
	}
	for _, it := range c.Items {
		w := want[it.Code]
		if it.Compared != w.compared || (it.Compared && it.Diff() != w.diff) {
			t.Errorf("%s: compared %v diff %s, want %v %s", it.Code, it.Compared, it.Diff(), w.compared, w.diff)
		}
	}
	if it, _ := c.Item("2.1.2"); !it.Unassessed {
		t.Errorf("2.1.2 has no finding: it is not assessed yet")
	}
	f1 := c.Fields[0].SelfTally
	if f1.Self != 250 || f1.Verified != 175 || f1.Diff() != 75 || f1.Gap != 125 || f1.Compared != 3 || f1.Claimed != 3 {
		t.Errorf("field 1 %+v", f1)
	}
	if o := c.Overall; o.Compared != 3 || o.Claimed != 5 || o.Diff() != 75 {
		t.Errorf("overall %+v", o)
	}
	if CompareSelf(cl, findings, nil).Empty() != true {
		t.Errorf("no self-assessment is empty")
	}
}

func TestCheckSelfScore(t *testing.T) {
	cl := selfChecklist()
	for _, tc := range []struct {
		item string
		p    Points
		ok   bool
	}{{"1.1.1", 100, true}, {"1.1.1", 0, true}, {"1.1.1", 50, false}, {"1.1.2", 33, true}, {"1.1.2", 101, false},
		{"1.1.2", -1, false}, {"2.1.1", 50, true}, {"2.1.1", 25, false}, {"2.1.1", 0, true}} {
		it, _ := cl.Item(tc.item)
		if err := it.CheckSelfScore(tc.p); (err == nil) != tc.ok {
			t.Errorf("%s claims %s: %v", tc.item, tc.p, err)
		}
	}
}

func TestRankSelf(t *testing.T) {
	row := func(code string, st RecordState, self, verified, gap Points) SelfRankRow {
		return SelfRankRow{Unit: Unit{Code: code}, State: st, SelfTally: SelfTally{Self: self, Verified: verified, Gap: gap}}
	}
	got := RankSelf([]SelfRankRow{
		row("A", StateFinal, 9000, 8500, 500),
		row("B", StateFinal, 8000, 8600, 600), // 6 under: further than A's 5 over
		row("C", StateDraft, 9900, 1000, 8900),
		row("D", StateFinal, 9000, 8500, 500), // ties with A
		row("E", StateFinal, 8000, 8000, 1000),
	})
	order := ""
	for _, r := range got {
		order += r.Unit.Code + string(rune('0'+r.Rank))
	}
	if order != "B1A2D2E4C0" {
		t.Errorf("ranking %s, want B1A2D2E4C0", order)
	}
}
