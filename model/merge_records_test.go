package model

import (
	"math/rand/v2"
	"testing"
	"time"
)

// The record rules are tested as properties over random histories drawn
// from small pools, so that equal times and equal contents (the
// tie-breaks) and the same change made on two laptops happen often.

func randomUnitBody(rng *rand.Rand) string {
	names := []string{"Sở Tư pháp", "Sở Tư Pháp", "Sở Tư pháp tỉnh Hải Dương"}
	kinds := []UnitKind{"so", "huyen"}
	return UnitCopy(Unit{ID: "u", Code: "STP", Name: names[rng.IntN(len(names))], Kind: kinds[rng.IntN(len(kinds))]}).Body
}

// recordHistory makes laptops that each edit a unit several times,
// sometimes after receiving another laptop's revisions, and returns every
// revision made and, per laptop, the revisions it holds.
func recordHistory(rng *rand.Rand) ([]Rev, [][]Rev) {
	laptops := 2 + rng.IntN(3)
	held := make([][]Rev, laptops)
	var all []Rev
	at := t0
	for step := 0; step < 12; step++ {
		l := rng.IntN(laptops)
		if rng.IntN(3) == 0 {
			// Receive everything another laptop holds.
			o := rng.IntN(laptops)
			held[l], _ = DedupRevs(append(held[l], held[o]...))
			continue
		}
		base := ""
		if h := NewGraph(held[l]...).Heads(); len(h) > 0 {
			base = h[0].ID
		}
		body := randomUnitBody(rng)
		at = at.Add(time.Duration(rng.IntN(2)) * time.Minute)
		r := RecordRev(RecordRevisionID("unit", "u", base, body), base, body, at, 0)
		held[l] = append(held[l], r)
		all = append(all, r)
	}
	return all, held
}

// TestRecordMergeOrderIndependent: merging the laptops' revisions in any
// order, any number of times, ends with the same record shown, and a
// laptop's own latest correction is never displaced by an older revision
// it had already built on.
func TestRecordMergeOrderIndependent(t *testing.T) {
	for seed := uint64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		_, held := recordHistory(rng)
		var want string
		for round := 0; round < 4; round++ {
			order := rng.Perm(len(held))
			g := NewGraph()
			for _, i := range order {
				for k := 0; k <= rng.IntN(2); k++ { // sometimes twice
					m := MergeRevisions(g, held[i])
					if m.Delivery == DeliveryRefused {
						t.Fatalf("seed %d: refused %v", seed, m.Refused)
					}
					g = m.Graph
				}
			}
			heads := g.Heads()
			if len(heads) == 0 {
				continue
			}
			if round == 0 {
				want = heads[0].ID
			} else if heads[0].ID != want {
				t.Fatalf("seed %d: order %v shows %s, another order %s", seed, order, heads[0].ID, want)
			}
		}
	}
}

// TestRecordCorrectionNotReverted: a revision made on another one
// supersedes it, whatever the times and contents say (the greater string
// used to win and reverted corrections).
func TestRecordCorrectionNotReverted(t *testing.T) {
	old := UnitCopy(Unit{Name: "Sở Tư pháp", Kind: "so"}).Body
	fixed := UnitCopy(Unit{Name: "Sở Tư Pháp tỉnh Hải Dương", Kind: "so"}).Body // sorts before old
	create := RecordRev(RecordRevisionID("unit", "u", "", old), "", old, t0.Add(time.Hour), 0)
	// The correction's clock is behind the laptop that created the unit.
	fix := RecordRev(RecordRevisionID("unit", "u", create.ID, fixed), create.ID, fixed, t0, 0)
	for _, order := range [][]Rev{{create, fix}, {fix, create}} {
		g := NewGraph()
		for _, r := range order {
			g = MergeRevisions(g, []Rev{r}).Graph
		}
		if h := g.Heads(); len(h) != 1 || h[0].ID != fix.ID {
			t.Fatalf("heads %v, want the correction alone", h)
		}
	}
}

// TestRecordSameChangeOneRevision: two laptops loading the same plan make
// the same revision, so they never disagree about it.
func TestRecordSameChangeOneRevision(t *testing.T) {
	body := randomUnitBody(rand.New(rand.NewPCG(1, 1)))
	a := RecordRev(RecordRevisionID("unit", "u", "", body), "", body, t0.Add(time.Minute), 0)
	b := RecordRev(RecordRevisionID("unit", "u", "", body), "", body, t0, 0)
	if a.ID != b.ID {
		t.Fatal("the same change made twice has two IDs")
	}
	revs, ok := DedupRevs([]Rev{a, b})
	if !ok || len(revs) != 1 || !revs[0].At.Equal(t0) {
		t.Fatalf("dedup: %v %v, want one revision dated by the earlier entry", revs, ok)
	}
	forged := b
	forged.Hash = "other"
	if _, ok := DedupRevs([]Rev{a, forged}); ok {
		t.Fatal("one ID with two contents was not noticed")
	}
}

// TestFinalizedRanksAboveLaterDraft: a finalized assessment revision is
// shown before a later draft made without knowing of it.
func TestFinalizedRanksAboveLaterDraft(t *testing.T) {
	fin := RecordRev("f", "c", "finalized", t0, 1)
	draft := RecordRev("d", "c", "draft", t0.Add(time.Hour), 0)
	for _, order := range [][]Rev{{fin, draft}, {draft, fin}} {
		if h := NewGraph(order...).Heads(); h[0].ID != "f" {
			t.Fatalf("heads %v: the draft displaced the finalized record", h)
		}
	}
}
