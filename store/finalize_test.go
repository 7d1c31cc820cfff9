package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"kiemtra/model"
)

// A finalized assessment is changed only by reopening it: finalizing and
// reopening are revisions that travel, a change made on a draft that never
// saw the finalization is held aside as a conflict, and the signed record
// and its documents stay as signed.

// TestFinalizedRecordNotChangedByAConcurrentEdit: laptop B finalizes Sở
// Tư pháp; laptop A, which had not seen that, changes one of its findings;
// the office imports both, in either order. The record stays as B signed
// it, A's change is listed as a conflict, and applies only when someone
// reopens the record and resolves it (before, the finalized record showed
// A's value at once).
func TestFinalizedRecordNotChangedByAConcurrentEdit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, aFirst := range []bool{false, true} {
		a, b, c := newDevice(t, "A"), newDevice(t, "B"), newCentre(t, "C")
		trustAll(t, a, b, c)
		c.in = b.in
		b.save(t, "1.1.1", pass)
		a.importFiles(t, b.bundle(t, "b0.ktb"))
		if _, err := b.db.Finalize(ctx, "B", b.a.ID); err != nil {
			t.Fatal(err)
		}
		a.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "A sửa sau khi B đã ký."})
		bf, af := b.bundle(t, "b1.ktb"), a.bundle(t, "a1.ktb")
		if aFirst {
			c.importFiles(t, af)
		}
		c.importFiles(t, bf)
		rep := c.importFiles(t, af)
		got := findingsByItem(t, c)["1.1.1"]
		if got.Content() != pass {
			t.Fatalf("A first %v: the finalized record shows %v, want what B signed", aFirst, got.Content())
		}
		as := c.assessment(t)
		if as.Status != model.StatusFinalized || as.FinalizedBy != "B" {
			t.Fatalf("A first %v: %s by %q", aFirst, as.Status, as.FinalizedBy)
		}
		if !aFirst && rep.Results[0].Conflicts != 1 {
			t.Errorf("A's change not reported as a conflict: %+v", rep.Results[0])
		}
		cs, err := c.db.Conflicts(ctx, ConflictFilter{})
		check(t, err)
		if len(cs) != 1 || cs[0].Current.Content() != pass || cs[0].Other.Note != "A sửa sau khi B đã ký." {
			t.Fatalf("A first %v: conflicts %+v", aFirst, cs)
		}
		if _, err := c.db.ResolveConflict(ctx, "C", cs[0].ID, cs[0].Other.Content()); !errors.Is(err, model.ErrFinalized) {
			t.Fatalf("resolving on the finalized record: %v", err)
		}
		// Reopening does not apply it behind anyone's back: it stays a
		// conflict until resolved.
		if _, err := c.db.Reopen(ctx, "C", as.ID, "A sửa kết quả 1.1.1"); err != nil {
			t.Fatal(err)
		}
		if got := findingsByItem(t, c)["1.1.1"]; got.Content() != pass {
			t.Fatalf("reopening applied the held change: %v", got.Content())
		}
		cs, err = c.db.Conflicts(ctx, ConflictFilter{})
		check(t, err)
		if len(cs) != 1 {
			t.Fatalf("after reopening: %d conflicts", len(cs))
		}
		if _, err := c.db.ResolveConflict(ctx, "C", cs[0].ID, cs[0].Other.Content()); err != nil {
			t.Fatal(err)
		}
		if got := findingsByItem(t, c)["1.1.1"]; got.Result != model.ResultFail {
			t.Fatalf("resolved, yet %v", got.Content())
		}
	}
}

// TestReopenedChangesTravel: finalizing, reopening and a change made after
// reopening travel like findings: the office applies the change once the
// reopening has arrived with it.
func TestReopenedChangesTravel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, c := newDevice(t, "B"), newCentre(t, "C")
	trustAll(t, b, c)
	c.in = b.in
	b.save(t, "1.1.1", pass)
	_, err := b.db.Finalize(ctx, "B", b.a.ID)
	check(t, err)
	c.importFiles(t, b.bundle(t, "b1.ktb"))
	if as := c.assessment(t); as.Status != model.StatusFinalized {
		t.Fatalf("finalizing did not travel: %s", as.Status)
	}
	_, err = b.db.Reopen(ctx, "B", b.a.ID, "bổ sung")
	check(t, err)
	b.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Sau khi mở lại."})
	_, err = b.db.Finalize(ctx, "B", b.a.ID)
	check(t, err)
	rep := c.importFiles(t, b.bundle(t, "b2.ktb"))
	if rep.Results[0].Conflicts != 0 {
		t.Fatalf("a change made after reopening held aside: %+v", rep.Results[0])
	}
	if got := findingsByItem(t, c)["1.1.1"]; got.Note != "Sau khi mở lại." {
		t.Fatalf("office shows %v", got.Content())
	}
	if as := c.assessment(t); as.Status != model.StatusFinalized {
		t.Fatalf("status %s", as.Status)
	}
}

// assessmentState is what a finalized record says: its own fields, its
// revision and its findings.
type assessmentState struct {
	status   model.Status
	revision string
	own      string
	findings map[string]model.Content
	rows     map[string]string // item → revision
}

func stateOf(t *testing.T, d *device) map[string]assessmentState {
	t.Helper()
	rows, err := d.db.sql.Query("SELECT " + prefixCols("a.", assessmentCols) + ", a.revision, u.code FROM assessments a JOIN units u ON u.id = a.unit_id")
	check(t, err)
	out := map[string]assessmentState{}
	type row struct {
		a    model.Assessment
		rev  string
		code string
	}
	var all []row
	for rows.Next() {
		var r row
		a, err := scanAssessment(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &r.rev, &r.code)...) }))
		check(t, err)
		r.a = a
		all = append(all, r)
	}
	check(t, rows.Err())
	closeRows(rows)
	for _, r := range all {
		st := assessmentState{status: r.a.Status, revision: r.rev, own: model.AssessmentCopy(r.a).Body,
			findings: map[string]model.Content{}, rows: map[string]string{}}
		fs, err := d.db.Findings(context.Background(), r.a.ID)
		check(t, err)
		for _, f := range fs {
			st.findings[f.ItemCode], st.rows[f.ItemCode] = f.Content(), f.Revision
		}
		out[r.code] = st
	}
	return out
}

// sealOf reads the seal of an assessment's current revision, if any.
func sealOf(t *testing.T, d *device, code string) (model.Seal, bool) {
	t.Helper()
	ctx := context.Background()
	var id string
	check(t, d.db.sql.QueryRow("SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = ?", code).Scan(&id))
	v, err := assessmentView(ctx, d.db.sql, id)
	check(t, err)
	return v.CurrentSeal()
}

// descends reports whether, at d, the assessment's current revision
// descends from rev.
func descends(t *testing.T, d *device, code, rev string) bool {
	t.Helper()
	var id string
	check(t, d.db.sql.QueryRow("SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = ?", code).Scan(&id))
	v, err := assessmentView(context.Background(), d.db.sql, id)
	check(t, err)
	cur, ok := v.Current()
	return ok && v.Graph.Ancestor(rev, cur.ID)
}

// TestNoImportChangesAFinalizedAssessment: laptops edit, finalize, reopen
// and exchange bundles at random, and two offices receive every bundle in
// random orders. After every import everywhere: a record that was
// finalized before shows exactly what it showed, unless the import brought
// a reopening of it (its revision now descends from the finalized one) or
// a finalization made elsewhere that ranks before it; and every finalized
// record's findings are exactly its seal. The offices end with the same
// records whatever the order.
func TestNoImportChangesAFinalizedAssessment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	seeds := 8
	if testing.Short() {
		seeds = 3
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 1010))
			laptops := []*device{newDevice(t, "Laptop 1"), newDevice(t, "Laptop 2"), newDevice(t, "Laptop 3")}
			c1, c2 := newCentre(t, "Sở Nội vụ 1"), newCentre(t, "Sở Nội vụ 2")
			all := append(append([]*device{}, laptops...), c1, c2)
			trustAll(t, all...)
			c1.in, c2.in = laptops[0].in, laptops[0].in
			checkedImport := func(d *device, f string) {
				t.Helper()
				before := stateOf(t, d)
				d.importFiles(t, f)
				after := stateOf(t, d)
				for code, was := range before {
					if was.status != model.StatusFinalized {
						continue
					}
					now := after[code]
					same := now.revision == was.revision && now.own == was.own && fmt.Sprint(now.findings) == fmt.Sprint(was.findings)
					if same {
						continue
					}
					if now.revision != was.revision && (descends(t, d, code, was.revision) || now.status == model.StatusFinalized) {
						continue // reopened there, or finalized there first
					}
					t.Fatalf("%s: importing %s changed the finalized record of %s:\n was %+v\n now %+v", d.name, f, code, was, now)
				}
				for code, now := range after {
					if now.status != model.StatusFinalized {
						continue
					}
					seal, ok := sealOf(t, d, code)
					if ok && fmt.Sprint(map[string]string(seal)) != fmt.Sprint(now.rows) {
						t.Fatalf("%s: the finalized record of %s shows %v, its seal says %v", d.name, code, now.rows, seal)
					}
				}
			}
			var bundles []string
			n := 0
			for step := 0; step < 24; step++ {
				d := laptops[rng.IntN(len(laptops))]
				a := d.assessment(t)
				switch k := rng.IntN(10); {
				case k < 5:
					if a.Status == model.StatusFinalized {
						continue
					}
					it := items[rng.IntN(len(items))]
					cs := itemContents[it]
					d.save(t, it, cs[rng.IntN(len(cs))])
				case k == 5:
					if _, err := d.db.Finalize(ctx, d.name, a.ID); err != nil && !errors.Is(err, ErrGaps) {
						t.Fatal(err)
					}
				case k == 6:
					if _, err := d.db.Reopen(ctx, d.name, a.ID, "sửa lại"); err != nil {
						t.Fatal(err)
					}
				case k == 7:
					if a.Status == model.StatusFinalized {
						continue
					}
					if _, err := d.db.SaveRemarks(ctx, d.name, a.ID, AssessmentRemarks{Representative: fmt.Sprint("Ông ", step)}); err != nil {
						t.Fatal(err)
					}
				default:
					from := laptops[rng.IntN(len(laptops))]
					if from == d {
						continue
					}
					n++
					f := from.bundle(t, fmt.Sprintf("s%d-%d.ktb", step, n))
					bundles = append(bundles, f)
					checkedImport(d, f)
				}
			}
			for i, d := range laptops {
				bundles = append(bundles, d.bundle(t, fmt.Sprintf("final-%d.ktb", i)))
			}
			for _, c := range []*device{c1, c2} {
				for _, j := range rng.Perm(len(bundles)) {
					checkedImport(c, bundles[j])
				}
			}
			s1, s2 := stateOf(t, c1), stateOf(t, c2)
			if fmt.Sprint(s1) != fmt.Sprint(s2) {
				t.Logf("c1:\n%s\nc2:\n%s", dumpAssessmentRevs(t, c1), dumpAssessmentRevs(t, c2))
				t.Fatalf("two import orders gave different records:\n%+v\n---\n%+v", s1, s2)
			}
			if d1, d2 := dump(t, c1.db), dump(t, c2.db); d1 != d2 {
				t.Fatalf("two import orders gave different data:\n%s\n---\n%s", d1, d2)
			}
		})
	}
}

// dumpAssessmentRevs lists the assessment revisions d holds, for a failure
// message.
func dumpAssessmentRevs(t *testing.T, d *device) string {
	rows, err := d.db.sql.Query("SELECT device, dev_seq, action, revision, base_revision, substr(new, 1, 400) FROM audit WHERE entity = 'assessment' ORDER BY at")
	check(t, err)
	s := ""
	for rows.Next() {
		var dev, act, rev, base, nw string
		var seq int64
		check(t, rows.Scan(&dev, &seq, &act, &rev, &base, &nw))
		s += fmt.Sprintf("%s/%d %s rev=%s base=%s %s\n", short(dev), seq, act, short(rev), short(base), nw)
	}
	check(t, rows.Err())
	closeRows(rows)
	return s
}
