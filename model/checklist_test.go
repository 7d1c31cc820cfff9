package model

import (
	"errors"
	"math/rand"
	"reflect"
	"testing"
)

// testChecklist is a small checklist written out by hand:
//
//	field 1 "Công tác chỉ đạo, điều hành"   Max 3.5 = 1 + 0.5 + 2
//	  1.1  1.1.1 binary  1      1.1.2 partial 0.5
//	  1.2  1.2.1 levels  2 (2; 1; 0)
//	field 2 "Cải cách thủ tục hành chính"   Max 4.5 = 1.5 + 1 + 2
//	  2.1  2.1.1 partial 1.5    2.1.2 manual 1    2.1.3 binary 2
//
// Total 8 points (800 hundredths); bands in no particular order.
func testChecklist() *Checklist {
	return &Checklist{
		ID:      "so-test",
		Version: "2025.1",
		Title:   "Bảng chấm điểm thử",
		Kind:    "so",
		Bands: []Band{
			{Label: "Khá", MinPercent: 70},
			{Label: "Xuất sắc", MinPercent: 90},
			{Label: "Yếu", MinPercent: 0},
			{Label: "Tốt", MinPercent: 80},
			{Label: "Trung bình", MinPercent: 50},
		},
		Fields: []Field{
			{Code: "1", Title: "Công tác chỉ đạo, điều hành", Max: 350, Criteria: []Criterion{
				{Code: "1.1", Title: "Kế hoạch CCHC", Items: []Item{
					{Code: "1.1.1", Text: "Ban hành kế hoạch", Max: 100, Scoring: ScoringBinary},
					{Code: "1.1.2", Text: "Báo cáo đúng hạn", Max: 50, Scoring: ScoringPartial},
				}},
				{Code: "1.2", Title: "Kiểm tra CCHC", Items: []Item{
					{Code: "1.2.1", Text: "Ban hành kịp thời", Max: 200, Scoring: ScoringLevels,
						Levels: []Level{{200, "Kịp thời"}, {100, "Không kịp thời"}, {0, "Không ban hành"}}},
				}},
			}},
			{Code: "2", Title: "Cải cách thủ tục hành chính", Max: 450, Criteria: []Criterion{
				{Code: "2.1", Title: "Công khai TTHC", Items: []Item{
					{Code: "2.1.1", Text: "Niêm yết TTHC", Max: 150, Scoring: ScoringPartial},
					{Code: "2.1.2", Text: "Tỷ lệ hồ sơ đúng hạn", Max: 100, Scoring: ScoringManual},
					{Code: "2.1.3", Text: "Cổng dịch vụ công", Max: 200, Scoring: ScoringBinary},
				}},
			}},
		},
	}
}

func TestChecklistHelpers(t *testing.T) {
	cl := testChecklist()
	if got := cl.Ref(); got != "so-test@2025.1" {
		t.Errorf("Ref() = %q", got)
	}
	if got := cl.Max(); got != 800 { // 350 + 450
		t.Errorf("Max() = %d, want 800", got)
	}
	if got := cl.ItemCount(); got != 6 {
		t.Errorf("ItemCount() = %d, want 6", got)
	}
	var codes []string
	for _, it := range cl.Items() {
		codes = append(codes, it.Code)
	}
	if want := []string{"1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2", "2.1.3"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("Items() codes = %v, want %v", codes, want)
	}
	// Criterion and field sums: 1.1 = 1 + 0.5; 1.2 = 2; field 1 = 3.5; field 2 = 1.5 + 1 + 2.
	if got := cl.Fields[0].Criteria[0].Max(); got != 150 {
		t.Errorf("criterion 1.1 Max() = %d, want 150", got)
	}
	if got := cl.Fields[0].Criteria[1].Max(); got != 200 {
		t.Errorf("criterion 1.2 Max() = %d, want 200", got)
	}
	if got := cl.Fields[0].ItemMax(); got != 350 {
		t.Errorf("field 1 ItemMax() = %d, want 350", got)
	}
	if got := cl.Fields[1].ItemMax(); got != 450 {
		t.Errorf("field 2 ItemMax() = %d, want 450", got)
	}
	// Checklist.Max adds the declared field maxima, not the items.
	cl2 := testChecklist()
	cl2.Fields[1].Max = 500
	if got := cl2.Max(); got != 850 {
		t.Errorf("Max() with field 2 declared 5 = %d, want 850", got)
	}

	tests := []struct {
		code  string
		found bool
		max   Points
		field int
	}{
		{"1.1.1", true, 100, 0},
		{"1.1.2", true, 50, 0},
		{"1.2.1", true, 200, 0},
		{"2.1.1", true, 150, 1},
		{"2.1.2", true, 100, 1},
		{"2.1.3", true, 200, 1},
		{"1.1", false, 0, -1}, // a criterion code is not an item
		{"2", false, 0, -1},
		{"9.9.9", false, 0, -1},
		{"", false, 0, -1},
	}
	for _, tt := range tests {
		for _, c := range []*Checklist{testChecklist(), cl} { // fresh (lazy index) and already indexed
			it, ok := c.Item(tt.code)
			if ok != tt.found || it.Max != tt.max || (ok && it.Code != tt.code) {
				t.Errorf("Item(%q) = %+v, %v; want found=%v max=%d", tt.code, it, ok, tt.found, tt.max)
			}
			if !ok && !reflect.DeepEqual(it, Item{}) {
				t.Errorf("Item(%q) not found but returned %+v", tt.code, it)
			}
			if got := c.FieldOf(tt.code); got != tt.field {
				t.Errorf("FieldOf(%q) = %d, want %d", tt.code, got, tt.field)
			}
		}
	}

	// Index after a change sees the new item.
	cl.Fields[1].Criteria[0].Items = append(cl.Fields[1].Criteria[0].Items, Item{Code: "2.1.4", Max: 25})
	cl.Index()
	if it, ok := cl.Item("2.1.4"); !ok || it.Max != 25 || cl.FieldOf("2.1.4") != 1 {
		t.Errorf("after Index, Item(2.1.4) = %+v, %v", it, ok)
	}
	if cl.ItemCount() != 7 {
		t.Errorf("ItemCount() = %d, want 7", cl.ItemCount())
	}
}

func TestScoringModeValid(t *testing.T) {
	for _, m := range []ScoringMode{ScoringBinary, ScoringPartial, ScoringLevels, ScoringManual} {
		if !m.Valid() {
			t.Errorf("%q.Valid() = false", m)
		}
	}
	for _, m := range []ScoringMode{"", "Binary", "level", "percent"} {
		if m.Valid() {
			t.Errorf("%q.Valid() = true", m)
		}
	}
}

func TestItemDefaultScore(t *testing.T) {
	levels := Item{Max: 200, Scoring: ScoringLevels, Levels: []Level{{200, "a"}, {100, "b"}, {0, "c"}}}
	unordered := Item{Max: 200, Scoring: ScoringLevels, Levels: []Level{{50, "c"}, {200, "a"}, {0, "d"}, {150, "b"}}}
	onlyMax := Item{Max: 200, Scoring: ScoringLevels, Levels: []Level{{200, "a"}, {0, "b"}}}
	noMaxLevel := Item{Max: 100, Scoring: ScoringLevels, Levels: []Level{{75, "a"}, {25, "b"}}}
	partial := func(max Points) Item { return Item{Max: max, Scoring: ScoringPartial} }

	tests := []struct {
		name string
		it   Item
		r    Result
		want Points
	}{
		// Partial: half the maximum, rounded down to a quarter (25 hundredths).
		{"partial 1.5", partial(150), ResultPartial, 75},    // 150/2 = 75, a multiple of 25
		{"partial 1", partial(100), ResultPartial, 50},      // 100/2 = 50
		{"partial 0.5", partial(50), ResultPartial, 25},     // 50/2 = 25
		{"partial 0.25", partial(25), ResultPartial, 0},     // 25/2 = 12 (12.5 truncated); 12 - 12%25 = 0
		{"partial 0.75", partial(75), ResultPartial, 25},    // 75/2 = 37; 37 - 12 = 25
		{"partial 1.25", partial(125), ResultPartial, 50},   // 125/2 = 62; 62 - 12 = 50
		{"partial 2", partial(200), ResultPartial, 100},     // 200/2 = 100
		{"partial 3", partial(300), ResultPartial, 150},     // 300/2 = 150
		{"partial 14.5", partial(1450), ResultPartial, 725}, // 1450/2 = 725 = 29×25
		{"partial 0.1", partial(10), ResultPartial, 0},      // 5 → 0
		{"manual 1.5", Item{Max: 150, Scoring: ScoringManual}, ResultPartial, 75},
		// Levels: the best level below the maximum.
		{"levels 2;1;0", levels, ResultPartial, 100},
		{"levels unordered", unordered, ResultPartial, 150}, // 150 < 200 beats 50 and 0
		{"levels only max and 0", onlyMax, ResultPartial, 0},
		{"levels without max", noMaxLevel, ResultPartial, 75},
		// Pass earns the maximum in every mode.
		{"binary pass", Item{Max: 100, Scoring: ScoringBinary}, ResultPass, 100},
		{"partial pass", partial(150), ResultPass, 150},
		{"levels pass", levels, ResultPass, 200},
		{"manual pass", Item{Max: 100, Scoring: ScoringManual}, ResultPass, 100},
		// Nothing for fail, not applicable, or not assessed.
		{"binary fail", Item{Max: 100, Scoring: ScoringBinary}, ResultFail, 0},
		{"partial fail", partial(150), ResultFail, 0},
		{"levels fail", levels, ResultFail, 0},
		{"manual na", Item{Max: 100, Scoring: ScoringManual}, ResultNotApplicable, 0},
		{"levels na", levels, ResultNotApplicable, 0},
		{"partial na", partial(150), ResultNotApplicable, 0},
		{"binary unassessed", Item{Max: 100, Scoring: ScoringBinary}, ResultUnassessed, 0},
		{"levels unassessed", levels, ResultUnassessed, 0},
	}
	for _, tt := range tests {
		got := tt.it.DefaultScore(tt.r)
		if got != tt.want {
			t.Errorf("%s: DefaultScore(%v) = %d, want %d", tt.name, tt.r, got, tt.want)
		}
		// Every default must itself be an allowed score.
		if err := tt.it.CheckScore(tt.r, got); err != nil {
			t.Errorf("%s: DefaultScore(%v) = %d is rejected by CheckScore: %v", tt.name, tt.r, got, err)
		}
	}
}

func TestItemCheckScore(t *testing.T) {
	binary := Item{Code: "b", Max: 100, Scoring: ScoringBinary}
	partial := Item{Code: "p", Max: 150, Scoring: ScoringPartial}
	manual := Item{Code: "m", Max: 100, Scoring: ScoringManual}
	levels := Item{Code: "l", Max: 200, Scoring: ScoringLevels, Levels: []Level{{200, "a"}, {100, "b"}, {0, "c"}}}
	levelsNoMax := Item{Code: "l2", Max: 200, Scoring: ScoringLevels, Levels: []Level{{100, "b"}, {50, "c"}}}

	tests := []struct {
		it    Item
		r     Result
		score Points
		ok    bool
	}{
		{binary, ResultPass, 100, true},
		{binary, ResultPass, 50, false}, // all or nothing
		{binary, ResultPass, 0, false},
		{binary, ResultPass, 101, false},
		{binary, ResultPartial, 50, false}, // partial is not an answer for binary items
		{binary, ResultPartial, 0, false},
		{binary, ResultPartial, 100, false},
		{binary, ResultFail, 0, true},
		{binary, ResultFail, 100, false},
		{binary, ResultNotApplicable, 0, true},
		{binary, ResultUnassessed, 0, true},

		{partial, ResultPartial, 0, true},
		{partial, ResultPartial, 75, true},
		{partial, ResultPartial, 1, true},
		{partial, ResultPartial, 150, true},
		{partial, ResultPartial, 151, false}, // max + 1
		{partial, ResultPartial, -1, false},
		{partial, ResultPass, 150, true},
		{partial, ResultPass, 151, false},
		{partial, ResultFail, 0, true},
		{partial, ResultFail, 75, false},
		{partial, ResultNotApplicable, 0, true},
		{partial, ResultNotApplicable, 1, false},
		{partial, ResultUnassessed, 0, true},
		{partial, ResultUnassessed, 75, false},

		{manual, ResultPartial, 0, true},
		{manual, ResultPartial, 37, true},
		{manual, ResultPartial, 100, true},
		{manual, ResultPartial, 101, false},
		{manual, ResultPartial, -1, false},
		{manual, ResultPass, 100, true},
		{manual, ResultPass, 101, false},
		{manual, ResultFail, 0, true},
		{manual, ResultFail, -1, false},
		{manual, ResultNotApplicable, 100, false},

		{levels, ResultPartial, 100, true},
		{levels, ResultPartial, 0, true},
		{levels, ResultPartial, 150, false}, // between levels
		{levels, ResultPartial, 50, false},
		{levels, ResultPartial, 201, false},
		{levels, ResultPartial, -1, false},
		{levels, ResultPass, 200, true},
		{levels, ResultFail, 0, true},
		{levels, ResultFail, 100, false},
		{levelsNoMax, ResultPass, 200, true}, // the maximum is always a valid score
		{levelsNoMax, ResultPartial, 100, true},
		{levelsNoMax, ResultPartial, 50, true},
		{levelsNoMax, ResultPartial, 0, false}, // 0 is not one of its levels
		{levelsNoMax, ResultPartial, 75, false},
	}
	for _, tt := range tests {
		err := tt.it.CheckScore(tt.r, tt.score)
		if tt.ok && err != nil {
			t.Errorf("%s item %s: CheckScore(%v, %d) = %v, want ok", tt.it.Scoring, tt.it.Code, tt.r, tt.score, err)
		}
		if !tt.ok {
			if err == nil {
				t.Errorf("%s item %s: CheckScore(%v, %d) ok, want error", tt.it.Scoring, tt.it.Code, tt.r, tt.score)
			} else if !errors.Is(err, ErrScore) {
				t.Errorf("%s item %s: CheckScore(%v, %d) error %v does not wrap ErrScore", tt.it.Scoring, tt.it.Code, tt.r, tt.score, err)
			}
		}
	}
}

func TestClassify(t *testing.T) {
	top := Band{Label: "Tốt", MinPercent: 90}
	mid := Band{Label: "Khá", MinPercent: 80}
	low := Band{Label: "Trung bình", MinPercent: 0}
	bands := []Band{top, mid, low}

	tests := []struct {
		percent float64
		want    Band
	}{
		{100, top},
		{90, top},
		{89.99, mid},
		// Classify compares the percentage rounded to two decimals, as
		// printed: 89.995 prints as "90,00" and is Tốt; 89.994 prints
		// "89,99" and is Khá. Float noise below 90 lands on 90.
		{89.999999999999, top},
		{89.995, top},
		{89.9949, mid},
		{89.994, mid},
		{80, mid},
		{80 - 1e-12, mid},
		{79.996, mid},  // rounds to 80.00
		{79.9949, low}, // rounds to 79.99
		{79.99, low},
		{50, low},
		{0, low},
		{-5, low}, // below every band → the last (lowest) one
	}
	// The same answers whatever order the bands come in.
	rng := rand.New(rand.NewSource(1))
	orders := [][]Band{bands, {low, mid, top}, {mid, low, top}}
	for i := 0; i < 5; i++ {
		b := append([]Band(nil), bands...)
		rng.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		orders = append(orders, b)
	}
	for _, order := range orders {
		saved := append([]Band(nil), order...)
		for _, tt := range tests {
			if got := Classify(order, tt.percent); got != tt.want {
				t.Errorf("Classify(%v, %.15g) = %q, want %q", order, tt.percent, got.Label, tt.want.Label)
			}
		}
		if !reflect.DeepEqual(order, saved) {
			t.Errorf("Classify reordered its argument: %v, was %v", order, saved)
		}
	}

	// Bands that do not reach 0: a percentage below all of them gets the lowest.
	noFloor := []Band{{Label: "A", MinPercent: 50}, {Label: "B", MinPercent: 90}, {Label: "C", MinPercent: 70}}
	for _, tt := range []struct {
		p    float64
		want string
	}{{95, "B"}, {75, "C"}, {55, "A"}, {49.9, "A"}, {10, "A"}, {0, "A"}} {
		if got := Classify(noFloor, tt.p); got.Label != tt.want {
			t.Errorf("Classify(noFloor, %v) = %q, want %q", tt.p, got.Label, tt.want)
		}
	}

	if got := Classify(nil, 95); got != (Band{}) {
		t.Errorf("Classify(nil, 95) = %+v, want zero Band", got)
	}
	if got := Classify([]Band{}, 0); got != (Band{}) {
		t.Errorf("Classify(empty, 0) = %+v, want zero Band", got)
	}
	if got := Classify([]Band{mid}, 10); got != mid {
		t.Errorf("Classify(one band, 10) = %+v, want %+v", got, mid)
	}

	// The method uses the checklist's bands (given in random order).
	cl := testChecklist()
	for _, tt := range []struct {
		p    float64
		want string
	}{{100, "Xuất sắc"}, {90, "Xuất sắc"}, {87.5, "Tốt"}, {70, "Khá"}, {69.99, "Trung bình"}, {50, "Trung bình"}, {36.7, "Yếu"}, {0, "Yếu"}} {
		if got := cl.Classify(tt.p); got.Label != tt.want {
			t.Errorf("checklist Classify(%v) = %q, want %q", tt.p, got.Label, tt.want)
		}
	}
}
