package model

import (
	"encoding/json"
	"errors"
	"math/rand"
	"strings"
	"testing"
)

// A finding recorded before cases existed keeps the hash it had (the value
// below was computed by the code before the change).
func TestContentHashStableWithoutCases(t *testing.T) {
	c := Content{Result: ResultFail, Score: 50, Note: "n", Evidence: "e", Recommendation: "r", Deadline: NewDate(2024, 12, 1)}
	if got := ContentHash(c); got != "5762b4871c70190d3c759cc863b64fb4222de6b0776dcbefc5d9d649d0c864b5" {
		t.Errorf("ContentHash changed: %s", got)
	}
	c3 := c
	c3.Cases = 3
	if ContentHash(c3) == ContentHash(c) {
		t.Error("cases do not change the content hash")
	}
	c4 := c
	c4.Cases = 4
	if ContentHash(c4) == ContentHash(c3) {
		t.Error("3 and 4 cases hash the same")
	}
	f := Finding{Cases: 2}
	if f.Content().Cases != 2 {
		t.Error("Finding.Content drops cases")
	}
	var g Finding
	g.Apply(Content{Cases: 5})
	if g.Cases != 5 {
		t.Error("Apply drops cases")
	}
	b, _ := json.Marshal(Finding{})
	if strings.Contains(string(b), "cases") {
		t.Errorf("zero cases are written: %s", b)
	}
}

// The new checklist and item fields are absent from the canonical JSON
// when zero, so old checklists hash as before.
func TestNewFieldsOmittedWhenZero(t *testing.T) {
	b, err := json.Marshal(testChecklist())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kinds", "valid_from", "valid_until", "bands_basis", "abbreviations",
		"per_case", "not_applicable", `"default"`, "follow_up"} {
		if strings.Contains(string(b), k) {
			t.Errorf("zero %s is in the canonical JSON", k)
		}
	}
	ib, _ := json.Marshal(testChecklist().Fields[0].Criteria[0].Items[0])
	if want := `{"code":"1.1.1","text":"Ban hành kế hoạch","max":100,"scoring":"binary"}`; string(ib) != want {
		t.Errorf("item JSON %s, want %s", ib, want)
	}
	c := testChecklist()
	c.ValidFrom = NewDate(2025, 7, 1)
	c.Kinds = []UnitKind{"xa", "dackhu"}
	b, _ = json.Marshal(c)
	if !strings.Contains(string(b), `"kinds":["xa","dackhu"],"valid_from":"2025-07-01","source"`) {
		t.Errorf("set fields not written in order: %s", b)
	}
}

func deductionItem() Item {
	return Item{Code: "4.1.1", Text: "Vi phạm kỷ luật", Max: 200, Scoring: ScoringDeduction, PerCase: 50}
}

func TestDeduct(t *testing.T) {
	it := deductionItem() // 2 points, minus 0.5 per case
	for _, c := range []struct {
		cases int
		r     Result
		p     Points
	}{
		{0, ResultPass, 200}, {-1, ResultPass, 200}, {1, ResultPartial, 150}, {3, ResultPartial, 50},
		{4, ResultFail, 0}, {5, ResultFail, 0}, {1 << 40, ResultFail, 0},
	} {
		r, p := it.Deduct(c.cases)
		if r != c.r || p != c.p {
			t.Errorf("Deduct(%d) = %s %s, want %s %s", c.cases, r, p, c.r, c.p)
		}
	}
	if it.DefaultScore(ResultPartial) != 150 || it.DefaultScore(ResultPass) != 200 || it.DefaultScore(ResultFail) != 0 {
		t.Error("DefaultScore of a deduction item")
	}
}

// Property: for any deduction item and number of cases, the score is
// max(0, max − cases × per_case), the result follows the score, Check
// accepts exactly that pair and refuses every other score.
func TestDeductionProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < 5000; i++ {
		it := Item{Code: "x", Scoring: ScoringDeduction, Max: Points(1 + rng.Intn(2000))}
		it.PerCase = Points(1 + rng.Intn(int(it.Max)))
		cases := rng.Intn(50)
		want := it.Max - Points(cases)*it.PerCase
		if want < 0 {
			want = 0
		}
		r, p := it.Deduct(cases)
		if p != want {
			t.Fatalf("%+v cases %d: score %s, want %s", it, cases, p, want)
		}
		switch {
		case cases == 0 && r != ResultPass, cases > 0 && p > 0 && r != ResultPartial, p == 0 && r != ResultFail:
			t.Fatalf("%+v cases %d: result %s for score %s", it, cases, r, p)
		}
		if err := it.Check(Content{Result: r, Score: p, Cases: cases}); err != nil {
			t.Fatalf("%+v cases %d: Check refuses its own result: %v", it, cases, err)
		}
		other := Points(rng.Intn(int(it.Max) + 1))
		if other != p {
			if err := it.Check(Content{Result: r, Score: other, Cases: cases}); !errors.Is(err, ErrScore) {
				t.Fatalf("%+v cases %d: score %s accepted (want %s)", it, cases, other, p)
			}
		}
		for _, wrong := range []Result{ResultPass, ResultPartial, ResultFail} {
			if wrong != r {
				if err := it.Check(Content{Result: wrong, Score: p, Cases: cases}); err == nil {
					t.Fatalf("%+v cases %d: result %s accepted (want %s)", it, cases, wrong, r)
				}
			}
		}
	}
}

func TestCheckCasesAndNA(t *testing.T) {
	binary := Item{Code: "1", Max: 100, Scoring: ScoringBinary}
	full := Item{Code: "2", Max: 100, Scoring: ScoringPartial, NA: NAFull}
	no := Item{Code: "3", Max: 100, Scoring: ScoringManual, NA: NANotAllowed}
	ded := deductionItem()
	for _, c := range []struct {
		name string
		it   Item
		c    Content
		ok   bool
	}{
		{"cases on a binary item", binary, Content{Result: ResultPass, Score: 100, Cases: 1}, false},
		{"negative cases", ded, Content{Result: ResultPass, Score: 200, Cases: -1}, false},
		{"too many cases", ded, Content{Result: ResultFail, Cases: maxCases + 1}, false},
		{"na excluded", binary, Content{Result: ResultNotApplicable}, true},
		{"na excluded with points", binary, Content{Result: ResultNotApplicable, Score: 100}, false},
		{"na full with full marks", full, Content{Result: ResultNotApplicable, Score: 100}, true},
		{"na full with no points", full, Content{Result: ResultNotApplicable}, false},
		{"na not allowed", no, Content{Result: ResultNotApplicable}, false},
		{"na not allowed, other results fine", no, Content{Result: ResultPass, Score: 40}, true},
		{"deduction na", ded, Content{Result: ResultNotApplicable}, true},
		{"deduction na with cases", ded, Content{Result: ResultNotApplicable, Cases: 1}, false},
		{"deduction unassessed", ded, Content{}, true},
		{"deduction unassessed with cases", ded, Content{Cases: 2}, false},
		{"deduction pass needs max", ded, Content{Result: ResultPass, Score: 150}, false},
		{"deduction two cases", ded, Content{Result: ResultPartial, Score: 100, Cases: 2}, true},
	} {
		err := c.it.Check(c.c)
		if (err == nil) != c.ok {
			t.Errorf("%s: Check = %v, want ok %v", c.name, err, c.ok)
		}
		if err != nil && !errors.Is(err, ErrScore) {
			t.Errorf("%s: error %v is not ErrScore", c.name, err)
		}
		if err2 := c.c.Validate(c.it); (err2 == nil) != (err == nil) {
			t.Errorf("%s: Validate and Check disagree", c.name)
		}
		if c.c.Cases == 0 {
			if err2 := c.it.CheckScore(c.c.Result, c.c.Score); (err2 == nil) != (err == nil) {
				t.Errorf("%s: CheckScore and Check disagree", c.name)
			}
		}
	}
	if full.DefaultScore(ResultNotApplicable) != 100 || binary.DefaultScore(ResultNotApplicable) != 0 {
		t.Error("DefaultScore for không áp dụng")
	}
	if !binary.AllowsNA() || !full.AllowsNA() || no.AllowsNA() {
		t.Error("AllowsNA")
	}
}

// naChecklist: one field of three items, 1 point each, whose không áp dụng
// rules differ.
func naChecklist() *Checklist {
	return &Checklist{ID: "na", Version: "1", Kind: "so", Fields: []Field{{Code: "1", Max: 300, Criteria: []Criterion{{
		Code: "1.1", Items: []Item{
			{Code: "1.1.1", Max: 100, Scoring: ScoringBinary},
			{Code: "1.1.2", Max: 100, Scoring: ScoringBinary, NA: NAFull},
			{Code: "1.1.3", Max: 100, Scoring: ScoringBinary, NA: NANotAllowed},
		}}}}}}
}

func TestScoreHonoursNAPolicy(t *testing.T) {
	cl := naChecklist()
	na := Content{Result: ResultNotApplicable}
	pass := Content{Result: ResultPass, Score: 100}
	for _, c := range []struct {
		name     string
		findings map[string]Content
		want     Tally
	}{
		{"excluded leaves the maximum", map[string]Content{"1.1.1": na, "1.1.2": pass, "1.1.3": pass},
			Tally{Score: 200, Max: 300, AdjustedMax: 200, Answered: 3, Total: 3}},
		{"full counts as earned and stays in the maximum", map[string]Content{"1.1.1": pass, "1.1.2": {Result: ResultNotApplicable, Score: 100}, "1.1.3": pass},
			Tally{Score: 300, Max: 300, AdjustedMax: 300, Answered: 3, Total: 3}},
		{"full earns the maximum even if the stored score says less", map[string]Content{"1.1.2": na},
			Tally{Score: 100, Max: 300, AdjustedMax: 300, Answered: 1, Total: 3}},
		{"not allowed counts as not assessed", map[string]Content{"1.1.1": pass, "1.1.2": pass, "1.1.3": na},
			Tally{Score: 200, Max: 300, AdjustedMax: 300, Answered: 2, Total: 3}},
	} {
		sc := Score(cl, c.findings)
		if sc.Overall != c.want || sc.Fields[0].Tally != c.want {
			t.Errorf("%s: tally %+v, want %+v", c.name, sc.Overall, c.want)
		}
	}
	if Score(cl, map[string]Content{"1.1.1": pass, "1.1.2": pass, "1.1.3": na}).Overall.Complete() {
		t.Error("a không áp dụng that is not allowed completes the assessment")
	}
}

func TestChecklistKindsDatesBands(t *testing.T) {
	c := testChecklist()
	if got := c.AllKinds(); len(got) != 1 || got[0] != "so" || !c.AppliesTo("so") || c.AppliesTo("xa") || c.AppliesTo("") {
		t.Errorf("single kind: %v", got)
	}
	c.Kind, c.Kinds = "xa", []UnitKind{"xa", "dackhu"}
	if got := c.AllKinds(); len(got) != 2 || !c.AppliesTo("dackhu") || !c.AppliesTo("xa") || c.AppliesTo("so") {
		t.Errorf("two kinds: %v", got)
	}
	c.AllKinds()[0] = "so"
	if c.Kinds[0] != "xa" {
		t.Error("AllKinds shares its slice")
	}
	if (&Checklist{}).AllKinds() != nil {
		t.Error("no kind")
	}

	if !c.ValidOn(NewDate(2020, 1, 1)) || !c.ValidOn(Date{}) {
		t.Error("unbounded version is not valid on every day")
	}
	c.ValidFrom, c.ValidUntil = NewDate(2025, 7, 1), NewDate(2026, 12, 31)
	for d, want := range map[Date]bool{
		NewDate(2025, 6, 30): false, NewDate(2025, 7, 1): true, NewDate(2026, 12, 31): true,
		NewDate(2027, 1, 1): false, {}: true,
	} {
		if c.ValidOn(d) != want {
			t.Errorf("ValidOn(%s) = %v", d, !want)
		}
	}
	c.ValidFrom = Date{}
	if !c.ValidOn(NewDate(2000, 1, 1)) || c.ValidOn(NewDate(2027, 1, 1)) {
		t.Error("only valid_until")
	}

	if c.Classifies() {
		t.Error("bands without a basis classify")
	}
	c.BandsBasis = "Quyết định số 1/QĐ-UBND"
	if !c.Classifies() {
		t.Error("bands with a basis do not classify")
	}
	c.Bands = nil
	if c.Classifies() {
		t.Error("a basis without bands classifies")
	}
}

func TestBasisAndFollowUp(t *testing.T) {
	c := testChecklist()
	c.Source = "QĐ 2948/QĐ-BNV"
	it := Item{Code: "1"}
	if it.Basis() != BasisChecklist || c.BasisText(it) != "QĐ 2948/QĐ-BNV" {
		t.Error("no source of its own")
	}
	it.Source = "Điều 5 Quyết định 1/QĐ-UBND"
	if it.Basis() != BasisCited || c.BasisText(it) != it.Source {
		t.Error("cited")
	}
	it.Default = true
	if it.Basis() != BasisDefault {
		t.Error("default wins over a source")
	}
	if _, ok := c.FollowUpItem(); ok {
		t.Error("follow-up item found in a checklist without one")
	}
	c.Fields[1].Criteria[0].Items[1].FollowUp = true
	if f, ok := c.FollowUpItem(); !ok || f.Code != "2.1.2" {
		t.Errorf("FollowUpItem = %v %v", f.Code, ok)
	}
}

func TestNAPolicyCodes(t *testing.T) {
	for _, p := range NAPolicies {
		got, ok := ParseNAPolicy(p.Code())
		if !ok || got != p {
			t.Errorf("%q does not round-trip", p.Code())
		}
	}
	if _, ok := ParseNAPolicy("maybe"); ok {
		t.Error("unknown policy accepted")
	}
	if NAExclude.Code() != "exclude" {
		t.Error("exclude code")
	}
}
