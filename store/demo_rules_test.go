package store

import (
	"math/rand/v2"
	"testing"

	"kiemtra/checklists"
	"kiemtra/model"
)

// TestDemoFindingsFitTheItemsRules: the demo's findings for the built-in
// checklists that use the per-item rules (deduction items, không áp dụng
// not allowed or counted as full marks) are findings the store accepts:
// deduction items come with cases and the result and score those give,
// and no item that refuses không áp dụng gets it. Before, the generator
// gave a deduction item a score without cases and không áp dụng to any
// item, which SaveFinding refuses.
func TestDemoFindingsFitTheItemsRules(t *testing.T) {
	t.Parallel()
	cls, err := checklists.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[string]int{}
	for _, cl := range cls {
		o := Overview{Unit: model.Unit{Code: "STP"}, Checklist: cl, Assessment: model.Assessment{ID: "a", Date: model.NewDate(2025, 10, 1)}}
		for range 20 {
			for _, it := range cl.Items() {
				f := demoFinding(rng, o, it)
				if err := it.Check(f.Content()); err != nil {
					t.Fatalf("%s item %s: demo finding %+v refused: %v", cl.Ref(), it.Code, f.Content(), err)
				}
				if it.Scoring == model.ScoringDeduction && f.Cases > 0 {
					seen["cases"]++
				}
				if it.NA == model.NAFull && f.Result == model.ResultNotApplicable {
					seen["full"]++
				}
			}
		}
	}
	if seen["cases"] == 0 || seen["full"] == 0 {
		t.Errorf("the demo never used the rules it was checked for: %v", seen)
	}
}
