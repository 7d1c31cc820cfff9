package model

import (
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"testing"
)

// tallyWant is a Tally plus the percentage it should give.
type tallyWant struct {
	Tally
	percent float64
}

func checkTally(t *testing.T, name string, got Tally, want tallyWant) {
	t.Helper()
	if got != want.Tally {
		t.Errorf("%s: tally = %+v, want %+v", name, got, want.Tally)
	}
	if p := got.Percent(); math.Abs(p-want.percent) > 1e-9 {
		t.Errorf("%s: Percent() = %.12f, want %.12f", name, p, want.percent)
	}
}

func TestScore(t *testing.T) {
	// See testChecklist: field 1 = 1.1.1 (1, binary), 1.1.2 (0.5, partial),
	// 1.2.1 (2, levels); field 2 = 2.1.1 (1.5, partial), 2.1.2 (1, manual),
	// 2.1.3 (2, binary). Maxima in hundredths: field 1 350, field 2 450.
	tests := []struct {
		name     string
		findings map[string]Content
		fields   [2]tallyWant
		overall  tallyWant
		complete bool
		band     string
	}{
		{
			name: "mixed, one item missing, one unknown code",
			findings: map[string]Content{
				"1.1.1": {Result: ResultPass, Score: 100},
				"1.1.2": {Result: ResultNotApplicable},
				"1.2.1": {Result: ResultPartial, Score: 100},
				"2.1.1": {Result: ResultPartial, Score: 75},
				"2.1.2": {Result: ResultFail, Note: "Tỷ lệ đúng hạn thấp"},
				// 2.1.3 has no finding.
				"9.9.9": {Result: ResultPass, Score: 500}, // not in the checklist: ignored
			},
			fields: [2]tallyWant{
				// Score 100+0+100 = 200; Max 350; AdjustedMax 350-50 (1.1.2 na) = 300;
				// 3 of 3 answered; 1 shortfall (1.2.1 partial); 200/300 = 66.67 %.
				{Tally{Score: 200, Max: 350, AdjustedMax: 300, Answered: 3, Total: 3, Shortfalls: 1}, 200.0 / 3},
				// Score 75+0 = 75; Max 450; AdjustedMax 450 (a missing item still counts);
				// 2 of 3 answered; 2 shortfalls (partial, fail); 75/450 = 16.67 %.
				{Tally{Score: 75, Max: 450, AdjustedMax: 450, Answered: 2, Total: 3, Shortfalls: 2}, 50.0 / 3},
			},
			// 275 / 750 = 36.67 % → Yếu (below 50).
			overall:  tallyWant{Tally{Score: 275, Max: 800, AdjustedMax: 750, Answered: 5, Total: 6, Shortfalls: 3}, 110.0 / 3},
			complete: false,
			band:     "Yếu",
		},
		{
			name: "complete",
			findings: map[string]Content{
				"1.1.1": {Result: ResultPass, Score: 100},
				"1.1.2": {Result: ResultPass, Score: 50},
				"1.2.1": {Result: ResultPass, Score: 200},
				"2.1.1": {Result: ResultPartial, Score: 75},
				"2.1.2": {Result: ResultPass, Score: 100},
				"2.1.3": {Result: ResultNotApplicable},
			},
			fields: [2]tallyWant{
				// 100+50+200 = 350 of 350 → 100 %.
				{Tally{Score: 350, Max: 350, AdjustedMax: 350, Answered: 3, Total: 3, Shortfalls: 0}, 100},
				// 75+100 = 175 of 450-200 = 250 → 70 %.
				{Tally{Score: 175, Max: 450, AdjustedMax: 250, Answered: 3, Total: 3, Shortfalls: 1}, 70},
			},
			// 525 / 600 = 87.5 % → Tốt (80 ≤ 87.5 < 90).
			overall:  tallyWant{Tally{Score: 525, Max: 800, AdjustedMax: 600, Answered: 6, Total: 6, Shortfalls: 1}, 87.5},
			complete: true,
			band:     "Tốt",
		},
		{
			name: "Khá at 77.5 percent",
			findings: map[string]Content{
				"1.1.1": {Result: ResultPass, Score: 100},
				"1.1.2": {Result: ResultPass, Score: 50},
				"1.2.1": {Result: ResultPartial, Score: 100},
				"2.1.1": {Result: ResultPass, Score: 150},
				"2.1.2": {Result: ResultPartial, Score: 20},
				"2.1.3": {Result: ResultPass, Score: 200},
			},
			fields: [2]tallyWant{
				// 100+50+100 = 250 of 350 → 71.43 %.
				{Tally{Score: 250, Max: 350, AdjustedMax: 350, Answered: 3, Total: 3, Shortfalls: 1}, 25000.0 / 350},
				// 150+20+200 = 370 of 450 → 82.22 %.
				{Tally{Score: 370, Max: 450, AdjustedMax: 450, Answered: 3, Total: 3, Shortfalls: 1}, 37000.0 / 450},
			},
			// 620 / 800 = 77.5 % → Khá.
			overall:  tallyWant{Tally{Score: 620, Max: 800, AdjustedMax: 800, Answered: 6, Total: 6, Shortfalls: 2}, 77.5},
			complete: true,
			band:     "Khá",
		},
		{
			name: "exactly 90 percent",
			findings: map[string]Content{
				"1.1.1": {Result: ResultPass, Score: 100},
				"1.1.2": {Result: ResultPass, Score: 50},
				"1.2.1": {Result: ResultPass, Score: 200},
				"2.1.1": {Result: ResultPass, Score: 150},
				"2.1.2": {Result: ResultPartial, Score: 20},
				"2.1.3": {Result: ResultPass, Score: 200},
			},
			fields: [2]tallyWant{
				{Tally{Score: 350, Max: 350, AdjustedMax: 350, Answered: 3, Total: 3}, 100},
				// 150+20+200 = 370 of 450 → 82.22 %.
				{Tally{Score: 370, Max: 450, AdjustedMax: 450, Answered: 3, Total: 3, Shortfalls: 1}, 37000.0 / 450},
			},
			// 720 / 800 = 90 % exactly → Xuất sắc (the threshold is inclusive).
			overall:  tallyWant{Tally{Score: 720, Max: 800, AdjustedMax: 800, Answered: 6, Total: 6, Shortfalls: 1}, 90},
			complete: true,
			band:     "Xuất sắc",
		},
		{
			name: "all not applicable",
			findings: map[string]Content{
				"1.1.1": {Result: ResultNotApplicable},
				"1.1.2": {Result: ResultNotApplicable},
				"1.2.1": {Result: ResultNotApplicable},
				"2.1.1": {Result: ResultNotApplicable},
				"2.1.2": {Result: ResultNotApplicable, Score: 100}, // a stray score on na earns nothing
				"2.1.3": {Result: ResultNotApplicable},
			},
			fields: [2]tallyWant{
				{Tally{Score: 0, Max: 350, AdjustedMax: 0, Answered: 3, Total: 3}, 0},
				{Tally{Score: 0, Max: 450, AdjustedMax: 0, Answered: 3, Total: 3}, 0},
			},
			// AdjustedMax 0 → Percent 0 → the lowest band.
			overall:  tallyWant{Tally{Score: 0, Max: 800, AdjustedMax: 0, Answered: 6, Total: 6}, 0},
			complete: true,
			band:     "Yếu",
		},
		{
			name:     "no findings",
			findings: nil,
			fields: [2]tallyWant{
				{Tally{Score: 0, Max: 350, AdjustedMax: 350, Answered: 0, Total: 3}, 0},
				{Tally{Score: 0, Max: 450, AdjustedMax: 450, Answered: 0, Total: 3}, 0},
			},
			overall:  tallyWant{Tally{Score: 0, Max: 800, AdjustedMax: 800, Answered: 0, Total: 6}, 0},
			complete: false,
			band:     "Yếu",
		},
		{
			name: "only unknown codes and an explicit unassessed finding",
			findings: map[string]Content{
				"1.1":   {Result: ResultPass, Score: 150}, // a criterion code, not an item
				"x":     {Result: ResultFail},
				"2.1.3": {Result: ResultUnassessed}, // stored but not assessed: like missing
			},
			fields: [2]tallyWant{
				{Tally{Score: 0, Max: 350, AdjustedMax: 350, Answered: 0, Total: 3}, 0},
				{Tally{Score: 0, Max: 450, AdjustedMax: 450, Answered: 0, Total: 3}, 0},
			},
			overall:  tallyWant{Tally{Score: 0, Max: 800, AdjustedMax: 800, Answered: 0, Total: 6}, 0},
			complete: false,
			band:     "Yếu",
		},
		{
			name: "full marks",
			findings: map[string]Content{
				"1.1.1": {Result: ResultPass, Score: 100},
				"1.1.2": {Result: ResultPass, Score: 50},
				"1.2.1": {Result: ResultPass, Score: 200},
				"2.1.1": {Result: ResultPass, Score: 150},
				"2.1.2": {Result: ResultPass, Score: 100},
				"2.1.3": {Result: ResultPass, Score: 200},
			},
			fields: [2]tallyWant{
				{Tally{Score: 350, Max: 350, AdjustedMax: 350, Answered: 3, Total: 3}, 100},
				{Tally{Score: 450, Max: 450, AdjustedMax: 450, Answered: 3, Total: 3}, 100},
			},
			overall:  tallyWant{Tally{Score: 800, Max: 800, AdjustedMax: 800, Answered: 6, Total: 6}, 100},
			complete: true,
			band:     "Xuất sắc",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := testChecklist()
			sc := Score(cl, tt.findings)
			if len(sc.Fields) != 2 {
				t.Fatalf("%d fields, want 2", len(sc.Fields))
			}
			for i, want := range tt.fields {
				fs := sc.Fields[i]
				if fs.Code != cl.Fields[i].Code || fs.Title != cl.Fields[i].Title {
					t.Errorf("field %d = %q %q, want %q %q", i, fs.Code, fs.Title, cl.Fields[i].Code, cl.Fields[i].Title)
				}
				checkTally(t, "field "+fs.Code, fs.Tally, want)
			}
			checkTally(t, "overall", sc.Overall, tt.overall)
			if got := sc.Overall.Complete(); got != tt.complete {
				t.Errorf("Complete() = %v, want %v", got, tt.complete)
			}
			if sc.Band.Label != tt.band {
				t.Errorf("Band = %q, want %q", sc.Band.Label, tt.band)
			}
			// The overall tally is the sum of the fields.
			var sum Tally
			for _, fs := range sc.Fields {
				sum.Score += fs.Score
				sum.Max += fs.Max
				sum.AdjustedMax += fs.AdjustedMax
				sum.Answered += fs.Answered
				sum.Total += fs.Total
				sum.Shortfalls += fs.Shortfalls
			}
			if sum != sc.Overall {
				t.Errorf("sum of fields %+v != overall %+v", sum, sc.Overall)
			}
		})
	}
}

func TestScoreEmptyChecklist(t *testing.T) {
	sc := Score(&Checklist{}, map[string]Content{"1": {Result: ResultPass, Score: 100}})
	if len(sc.Fields) != 0 || sc.Overall != (Tally{}) || sc.Band != (Band{}) {
		t.Errorf("Score(empty) = %+v", sc)
	}
	if !sc.Overall.Complete() { // 0 of 0 answered
		t.Errorf("empty tally not complete")
	}
	if sc.Fields == nil {
		t.Errorf("Fields is nil; want an empty slice (JSON [] rather than null)")
	}
}

func TestTallyPercent(t *testing.T) {
	tests := []struct {
		t    Tally
		want float64
	}{
		{Tally{Score: 0, AdjustedMax: 0}, 0},
		{Tally{Score: 50, AdjustedMax: 0}, 0},   // nothing to score
		{Tally{Score: 50, AdjustedMax: -10}, 0}, // defensive
		{Tally{Score: 900, AdjustedMax: 1000}, 90},
		{Tally{Score: 1, AdjustedMax: 3}, 100.0 / 3},
		{Tally{Score: 8725, AdjustedMax: 10000}, 87.25},
	}
	for _, tt := range tests {
		if got := tt.t.Percent(); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%+v.Percent() = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestRank(t *testing.T) {
	kindOrder := []UnitKind{"xa", "so"}
	entries := []RankEntry{
		{UnitID: "so-C", Kind: "so", Percent: 90, Eligible: true},
		{UnitID: "so-B", Kind: "so", Percent: 95, Eligible: true},
		{UnitID: "so-D", Kind: "so", Percent: 99, Eligible: false, Rank: 7}, // stale rank is reset
		{UnitID: "so-A", Kind: "so", Percent: 95, Eligible: true},
		{UnitID: "so-E", Kind: "so", Percent: 80, Eligible: true},
		{UnitID: "so-F", Kind: "so", Percent: 10, Eligible: false},
		{UnitID: "xa-F", Kind: "xa", Percent: 70, Eligible: true},
		{UnitID: "xa-G", Kind: "xa", Percent: 85, Eligible: true},
		{UnitID: "zz-H", Kind: "zzz", Percent: 50, Eligible: true}, // unknown kinds last, by code
		{UnitID: "aa-I", Kind: "aaa", Percent: 60, Eligible: true},
		{UnitID: "aa-J", Kind: "aaa", Percent: 60, Eligible: false},
	}
	want := []struct {
		unit string
		rank int
	}{
		// xa comes first because kindOrder says so.
		{"xa-G", 1}, {"xa-F", 2},
		// so: 95, 95 share rank 1; 90 is third (1, 1, 3); then 80; then the
		// ineligible entries, unranked, by unit ID whatever their percent.
		{"so-A", 1}, {"so-B", 1}, {"so-C", 3}, {"so-E", 4}, {"so-D", 0}, {"so-F", 0},
		// Unknown kinds: "aaa" before "zzz".
		{"aa-I", 1}, {"aa-J", 0},
		{"zz-H", 1},
	}
	check := func(in []RankEntry) {
		t.Helper()
		saved := append([]RankEntry(nil), in...)
		got := Rank(in, kindOrder)
		if !reflect.DeepEqual(in, saved) {
			t.Errorf("Rank modified its input")
		}
		if len(got) != len(want) {
			t.Fatalf("Rank returned %d entries, want %d", len(got), len(want))
		}
		for i, w := range want {
			if got[i].UnitID != w.unit || got[i].Rank != w.rank {
				t.Errorf("position %d = %s rank %d, want %s rank %d", i, got[i].UnitID, got[i].Rank, w.unit, w.rank)
			}
		}
	}
	check(entries)
	// Any input order gives the same answer.
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 20; i++ {
		shuffled := append([]RankEntry(nil), entries...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		check(shuffled)
	}
}

func TestRankRounding(t *testing.T) {
	tests := []struct {
		name    string
		entries []RankEntry
		want    []string // "unit:rank" in order
	}{
		{
			name: "90.001 and 90.004 both show 90.00: tie",
			entries: []RankEntry{
				{UnitID: "b", Kind: "so", Percent: 90.004, Eligible: true},
				{UnitID: "a", Kind: "so", Percent: 90.001, Eligible: true},
				{UnitID: "c", Kind: "so", Percent: 89, Eligible: true},
			},
			// Tied, so by unit ID: a before b although b is higher.
			want: []string{"a:1", "b:1", "c:3"},
		},
		{
			name: "90.00 and 90.02 differ",
			entries: []RankEntry{
				{UnitID: "a", Kind: "so", Percent: 90.00, Eligible: true},
				{UnitID: "b", Kind: "so", Percent: 90.02, Eligible: true},
			},
			want: []string{"b:1", "a:2"},
		},
		{
			name: "90.01 and 90.014 tie; 90.016 rounds to 90.02",
			entries: []RankEntry{
				{UnitID: "a", Kind: "so", Percent: 90.01, Eligible: true},
				{UnitID: "c", Kind: "so", Percent: 90.016, Eligible: true},
				{UnitID: "b", Kind: "so", Percent: 90.014, Eligible: true},
			},
			want: []string{"c:1", "a:2", "b:2"},
		},
		{
			name: "three-way tie then next rank is 4",
			entries: []RankEntry{
				{UnitID: "d", Kind: "xa", Percent: 70, Eligible: true},
				{UnitID: "c", Kind: "xa", Percent: 80, Eligible: true},
				{UnitID: "a", Kind: "xa", Percent: 80, Eligible: true},
				{UnitID: "b", Kind: "xa", Percent: 80, Eligible: true},
			},
			want: []string{"a:1", "b:1", "c:1", "d:4"},
		},
		{
			name: "equal percents in different kinds do not share a rank chain",
			entries: []RankEntry{
				{UnitID: "x1", Kind: "xa", Percent: 80, Eligible: true},
				{UnitID: "s1", Kind: "so", Percent: 80, Eligible: true},
				{UnitID: "s2", Kind: "so", Percent: 70, Eligible: true},
			},
			// kindOrder is nil: both kinds unknown, so by code: so before xa.
			want: []string{"s1:1", "s2:2", "x1:1"},
		},
		{
			name: "ineligible at the top of a kind",
			entries: []RankEntry{
				{UnitID: "a", Kind: "so", Percent: 100, Eligible: false},
				{UnitID: "b", Kind: "so", Percent: 50, Eligible: true},
				{UnitID: "c", Kind: "so", Percent: 50, Eligible: true},
			},
			want: []string{"b:1", "c:1", "a:0"},
		},
		{
			name:    "empty",
			entries: nil,
			want:    nil,
		},
	}
	for _, tt := range tests {
		got := Rank(tt.entries, nil)
		var gs []string
		for _, e := range got {
			gs = append(gs, e.UnitID+":"+strconv.Itoa(e.Rank))
		}
		if !reflect.DeepEqual(gs, tt.want) {
			t.Errorf("%s: Rank = %v, want %v", tt.name, gs, tt.want)
		}
	}
}
