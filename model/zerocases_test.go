package model

import (
	"math/rand"
	"testing"
)

// Property: ZeroCases is the fewest cases that leave a deduction item no
// points: that many take everything, one fewer leaves some.
func TestZeroCasesProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(12))
	for i := 0; i < 5000; i++ {
		it := Item{Code: "x", Scoring: ScoringDeduction, Max: Points(1 + rng.Intn(2000))}
		it.PerCase = Points(1 + rng.Intn(int(it.Max)))
		n := it.ZeroCases()
		if r, p := it.Deduct(n); r != ResultFail || p != 0 {
			t.Fatalf("%+v: %d cases give %s %s, want nothing", it, n, r, p)
		}
		if r, p := it.Deduct(n - 1); n > 1 && (r == ResultFail || p == 0) {
			t.Fatalf("%+v: %d cases already take everything", it, n-1)
		}
	}
	if n := deductionItem().ZeroCases(); n != 4 {
		t.Errorf("2 points less 0.5 a case: %d cases to nothing, want 4", n)
	}
}
