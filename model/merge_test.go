package model

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2024, 10, 1, 8, 0, 0, 0, time.UTC)

func rev(id string, content string, at int, parents ...string) Rev {
	return Rev{ID: id, Parents: parents, Hash: "h:" + id + ":" + content + ":" + strings.Join(parents, ","),
		Content: content, At: t0.Add(time.Duration(at) * time.Minute)}
}

func TestClassifyKinds(t *testing.T) {
	r0 := rev("r0", "a", 0)
	r1 := rev("r1", "b", 1, "r0")
	r2 := rev("r2", "c", 2, "r1")
	x1 := rev("x1", "d", 3, "r0")
	held := NewGraph(r0, r1)
	cases := []struct {
		name     string
		held     *Graph
		incoming []Rev
		in       Rev
		want     RevKind
	}{
		{"nothing held", NewGraph(), nil, r0, FastForward},
		{"same revision same content", held, nil, r1, NoOp},
		{"same revision other content", held, nil, rev("r1", "zzz", 1, "r0"), Refuse},
		{"based on the held head", held, nil, r2, FastForward},
		{"based on the held head through an unheld revision", NewGraph(r0), []Rev{r1}, r2, FastForward},
		{"based on an older revision", held, nil, x1, Conflict},
		{"an ancestor of a held revision", NewGraph(r2), nil, r1, Older},
		{"a merge of both heads", NewGraph(r0, r1, x1), nil, rev("m", "e", 4, "r1", "x1"), FastForward},
		{"a merge of one head only", NewGraph(r0, r1, x1), nil, rev("m", "e", 4, "r1"), Conflict},
	}
	for _, c := range cases {
		got := ClassifyRevision(c.held, NewGraph(c.incoming...), c.in)
		if got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMergeRefusesWholeFindingOnChangedRevision(t *testing.T) {
	held := NewGraph(rev("r0", "a", 0), rev("r1", "b", 1, "r0"))
	forged := rev("r1", "evil", 1, "r0")
	m := MergeRevisions(held, []Rev{forged, rev("r2", "c", 2, "r1")})
	if m.Delivery != DeliveryRefused || len(m.Refused) != 1 || m.Refused[0].ID != "r1" {
		t.Fatalf("delivery %v refused %v", m.Delivery, m.Refused)
	}
	if m.Graph.Len() != 2 || m.Current.ID != "r1" || m.Current.Content != "b" {
		t.Fatalf("held graph changed: len %d current %+v", m.Graph.Len(), m.Current)
	}
	if _, ok := m.Graph.Get("r2"); ok {
		t.Fatal("r2 was merged although its finding was refused")
	}
}

func TestMergeOneSidedEditTakesThatSide(t *testing.T) {
	r0 := rev("r0", "a", 0)
	a := NewGraph(r0)
	b := NewGraph(r0)
	r1 := rev("r1", "b", 5, "r0")
	a = MergeRevisions(a, []Rev{r1}).Graph
	mb := MergeRevisions(b, a.Revs())
	if mb.Delivery != DeliveryAccepted || mb.Current.ID != "r1" || len(mb.Conflicts) != 0 {
		t.Fatalf("B after A's edit: %+v", mb)
	}
	ma := MergeRevisions(a, b.Revs())
	if ma.Delivery != DeliveryPresent || ma.Current.ID != "r1" {
		t.Fatalf("A after B's old state: delivery %v current %s", ma.Delivery, ma.Current.ID)
	}
	// Even an older edit time on the one edited side wins: it is based on
	// the other side's value.
	r2 := rev("r2", "c", -100, "r1")
	if m := MergeRevisions(mb.Graph, []Rev{r2}); m.Current.ID != "r2" {
		t.Fatalf("fast-forward with an earlier clock: current %s", m.Current.ID)
	}
}

func TestMergeDivergentIsConflictUntilResolved(t *testing.T) {
	r0 := rev("r0", "a", 0)
	ra := rev("ra", "b", 5, "r0")
	rb := rev("rb", "c", 6, "r0")
	a := NewGraph(r0, ra)
	m := MergeRevisions(a, []Rev{r0, rb})
	if m.Delivery != DeliveryConflict || len(m.Conflicts) != 1 {
		t.Fatalf("delivery %v conflicts %v", m.Delivery, m.Conflicts)
	}
	if p := m.Conflicts[0]; p.Current.ID != "rb" || p.Other.ID != "ra" {
		t.Fatalf("pair %s/%s, want rb (later) shown, ra kept", p.Current.ID, p.Other.ID)
	}
	// Both values are kept.
	for _, id := range []string{"ra", "rb"} {
		if _, ok := m.Graph.Get(id); !ok {
			t.Fatalf("%s lost", id)
		}
	}
	res := rev("rm", "b", 7, "rb", "ra")
	m2 := MergeRevisions(m.Graph, []Rev{res})
	if m2.Delivery != DeliveryAccepted || len(m2.Conflicts) != 0 || m2.Current.ID != "rm" {
		t.Fatalf("after resolution: %+v", m2)
	}
	// The same value reached on both sides is not a conflict.
	same := MergeRevisions(NewGraph(r0, rev("s1", "z", 3, "r0")), []Rev{rev("s2", "z", 4, "r0")})
	if len(same.Conflicts) != 0 || same.Delivery != DeliveryAccepted || len(same.Heads) != 2 {
		t.Fatalf("equal contents: %+v", same)
	}
}

// sim is a set of devices editing one finding offline and exchanging
// bundles (snapshots of everything a device holds).
type sim struct {
	rng     *rand.Rand
	devices []*Graph
	bundles [][]Rev
	n       int
}

func (s *sim) edit(d int) {
	g := s.devices[d]
	heads := g.Heads()
	var parents []string
	switch {
	case len(heads) > 1 && s.rng.IntN(2) == 0: // resolve every head
		for _, h := range heads {
			parents = append(parents, h.ID)
		}
	case len(heads) > 0:
		parents = []string{heads[0].ID}
	}
	s.n++
	// Few contents and a coarse clock, so equal values and equal times occur.
	r := rev(fmt.Sprintf("r%04d-d%d", s.n, d), fmt.Sprint("v", s.rng.IntN(3)), s.rng.IntN(20), parents...)
	s.devices[d] = MergeRevisions(g, []Rev{r}).Graph
}

func (s *sim) bundle(d int) []Rev {
	b := s.devices[d].Revs()
	s.bundles = append(s.bundles, b)
	return b
}

func (s *sim) run(steps int) {
	for i := 0; i < steps; i++ {
		d := s.rng.IntN(len(s.devices))
		switch s.rng.IntN(3) {
		case 0, 1:
			s.edit(d)
		default:
			b := s.bundle(s.rng.IntN(len(s.devices)))
			s.devices[d] = MergeRevisions(s.devices[d], b).Graph
		}
	}
	for d := range s.devices {
		s.bundle(d)
	}
}

// state is everything a merge decides, in comparable form.
type state struct {
	Revs      []string
	Heads     []string
	Current   string
	Conflicts []string
}

func stateOf(g *Graph) state {
	var st state
	for _, r := range g.Revs() {
		st.Revs = append(st.Revs, r.ID+"="+r.Hash)
	}
	heads := g.Heads()
	for _, h := range heads {
		st.Heads = append(st.Heads, h.ID)
	}
	if len(heads) > 0 {
		st.Current = heads[0].ID
	}
	for _, p := range ConflictsOf(heads) {
		st.Conflicts = append(st.Conflicts, p.Current.ID+"|"+p.Other.ID)
	}
	sort.Strings(st.Conflicts)
	return st
}

func importAll(bundles [][]Rev, order []int) (*Graph, []Delivery) {
	g := NewGraph()
	var ds []Delivery
	for _, i := range order {
		m := MergeRevisions(g, bundles[i])
		ds = append(ds, m.Delivery)
		g = m.Graph
	}
	return g, ds
}

func TestMergePropertyOrderIndependentAndIdempotent(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		nDev := 3 + rng.IntN(3)
		s := &sim{rng: rng, devices: make([]*Graph, nDev)}
		for i := range s.devices {
			s.devices[i] = NewGraph()
		}
		s.run(10 + rng.IntN(30))

		order := rng.Perm(len(s.bundles))
		ref, _ := importAll(s.bundles, order)
		want := stateOf(ref)
		for k := 0; k < 4; k++ {
			order := rng.Perm(len(s.bundles))
			g, _ := importAll(s.bundles, order)
			if got := stateOf(g); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d: order %v gave\n%+v\nwant\n%+v", seed, order, got, want)
			}
		}
		// Idempotent: every bundle again changes nothing.
		g := ref
		for i, b := range s.bundles {
			m := MergeRevisions(g, b)
			if m.Delivery != DeliveryPresent || len(m.New) != 0 {
				t.Fatalf("seed %d: bundle %d again: delivery %v, %d new", seed, i, m.Delivery, len(m.New))
			}
			for id, k := range m.Kinds {
				if k != NoOp {
					t.Fatalf("seed %d: bundle %d again: %s is %v", seed, i, id, k)
				}
			}
			g = m.Graph
		}
		if got := stateOf(g); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: re-import changed the state", seed)
		}
		// Every device, given every final bundle, agrees with the centre:
		// laptops and Sở Nội vụ converge.
		for d, dg := range s.devices {
			for _, b := range s.bundles {
				dg = MergeRevisions(dg, b).Graph
			}
			if got := stateOf(dg); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d: device %d after all bundles differs", seed, d)
			}
		}
		// Nothing is lost: every revision any device made is held.
		for _, b := range s.bundles {
			for _, r := range b {
				if _, ok := ref.Get(r.ID); !ok {
					t.Fatalf("seed %d: revision %s lost", seed, r.ID)
				}
			}
		}
	}
}

func TestMergePropertyCommutative(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		s := &sim{rng: rng, devices: []*Graph{NewGraph(), NewGraph(), NewGraph()}}
		s.run(20)
		base := NewGraph(s.bundles[rng.IntN(len(s.bundles))]...)
		a := s.bundles[rng.IntN(len(s.bundles))]
		b := s.bundles[rng.IntN(len(s.bundles))]
		ab := MergeRevisions(MergeRevisions(base, a).Graph, b).Graph
		ba := MergeRevisions(MergeRevisions(base, b).Graph, a).Graph
		if !reflect.DeepEqual(stateOf(ab), stateOf(ba)) {
			t.Fatalf("seed %d: a then b differs from b then a", seed)
		}
	}
}

func TestMergePropertyNeverOverwrites(t *testing.T) {
	// A bundle that re-uses a held revision ID with other content is refused
	// whole, whatever else it carries, and the held state is unchanged.
	for seed := uint64(1); seed <= 100; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		s := &sim{rng: rng, devices: []*Graph{NewGraph(), NewGraph(), NewGraph()}}
		s.run(15)
		held, _ := importAll(s.bundles, rng.Perm(len(s.bundles)))
		revs := held.Revs()
		if len(revs) == 0 {
			continue
		}
		victim := revs[rng.IntN(len(revs))]
		forged := victim
		forged.Hash += "-forged"
		incoming := append([]Rev{forged}, rev("new", "v9", 30, victim.ID))
		before := stateOf(held)
		m := MergeRevisions(held, incoming)
		if m.Delivery != DeliveryRefused || m.Kinds[victim.ID] != Refuse {
			t.Fatalf("seed %d: forged %s not refused: %v", seed, victim.ID, m.Delivery)
		}
		if !reflect.DeepEqual(stateOf(m.Graph), before) {
			t.Fatalf("seed %d: refused merge changed the state", seed)
		}
	}
}

func TestRevisionHashCoversEveryField(t *testing.T) {
	f := Finding{ID: "f", AssessmentID: "a", ItemCode: "1.1", Result: ResultFail, Score: 50, Note: "n", Evidence: "e",
		Recommendation: "r", Deadline: NewDate(2024, 12, 1), UpdatedBy: "u", UpdatedAt: t0, Device: "d",
		Revision: "rev", BaseRevision: "base"}
	base := RevisionHash(f)
	muts := map[string]func(*Finding){
		"id": func(f *Finding) { f.ID = "g" }, "assessment": func(f *Finding) { f.AssessmentID = "b" },
		"item": func(f *Finding) { f.ItemCode = "1.2" }, "result": func(f *Finding) { f.Result = ResultPass },
		"score": func(f *Finding) { f.Score = 51 }, "note": func(f *Finding) { f.Note = "m" },
		"evidence": func(f *Finding) { f.Evidence = "x" }, "recommendation": func(f *Finding) { f.Recommendation = "s" },
		"deadline": func(f *Finding) { f.Deadline = NewDate(2024, 12, 2) }, "by": func(f *Finding) { f.UpdatedBy = "v" },
		"at":     func(f *Finding) { f.UpdatedAt = t0.Add(time.Nanosecond) },
		"device": func(f *Finding) { f.Device = "e" }, "revision": func(f *Finding) { f.Revision = "rev2" },
		"base":    func(f *Finding) { f.BaseRevision = "" },
		"shifted": func(f *Finding) { f.Note, f.Evidence = "ne", "" },
	}
	for name, mut := range muts {
		g := f
		mut(&g)
		if RevisionHash(g) == base {
			t.Errorf("changing %s keeps the revision hash", name)
		}
	}
	if ContentHash(f.Content()) == ContentHash(Content{}) {
		t.Error("content hash ignores content")
	}
	r := RevOf(f, "other", "base")
	if !reflect.DeepEqual(r.Parents, []string{"base", "other"}) || r.Hash != base {
		t.Errorf("RevOf parents %v", r.Parents)
	}
}
