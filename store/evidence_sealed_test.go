package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"kiemtra/model"
)

// TestFinalizedEvidenceNotChangedByAnUnawareLaptop: B finalizes a unit
// whose finding holds files X and K; laptop A, which never saw the
// finalization, removes X and attaches Y on the same finding. Whatever
// order the office imports the two bundles in, the record's files are
// exactly what B signed, A's changes are kept and listed as pending, and
// reopening the assessment applies them.
func TestFinalizedEvidenceNotChangedByAnUnawareLaptop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, aFirst := range []bool{false, true} {
		a, b, c := newDevice(t, "A"), newDevice(t, "B"), newCentre(t, "C")
		trustAll(t, a, b, c)
		c.in = b.in
		b.save(t, "1.1.1", pass)
		x := b.attach(t, "1.1.1", "x.jpg", []byte("\xff\xd8\xff\xe0 x"))
		b.attach(t, "1.1.1", "k.pdf", []byte("%PDF-1.4 k"))
		a.importFiles(t, b.bundle(t, "b0.ktb"))
		if _, err := b.db.Finalize(ctx, "B", b.a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.db.RemoveEvidence(ctx, a.name, x.ID); err != nil {
			t.Fatal(err)
		}
		a.attach(t, "1.1.1", "y.jpg", []byte("\xff\xd8\xff\xe0 y"))
		bf, af := b.bundle(t, "b1.ktb"), a.bundle(t, "a1.ktb")
		var waiting int
		if aFirst {
			c.importFiles(t, af)
		}
		waiting += c.importFiles(t, bf).Results[0].FilesWaiting
		waiting += c.importFiles(t, af).Results[0].FilesWaiting
		if waiting != 2 {
			t.Errorf("A first %v: the imports reported %d changes waiting, want 2", aFirst, waiting)
		}
		signed := strings.Join(evidenceOf(t, b, false), ";")
		if signed != "1.1.1 k.pdf;1.1.1 x.jpg" {
			t.Fatalf("B signed %q", signed)
		}
		if got := strings.ReplaceAll(strings.Join(evidenceOf(t, c, false), ";"), " (pending)", ""); got != signed {
			t.Fatalf("A first %v: the finalized record holds %q, want what B signed %q", aFirst, got, signed)
		}
		// A's changes are kept, listed as pending, and travel on.
		pending := "1.1.1 k.pdf;1.1.1 x.jpg (pending);1.1.1 y.jpg (removed) (pending)"
		if got := strings.Join(evidenceOf(t, c, true), ";"); got != pending {
			t.Fatalf("A first %v: the office lists %q, want %q", aFirst, got, pending)
		}
		relay := newCentre(t, "R")
		trustAll(t, a, b, c, relay)
		relay.in = c.in
		relay.importFiles(t, c.bundle(t, "c.ktb"))
		if got := strings.Join(evidenceOf(t, relay, true), ";"); got != pending {
			t.Fatalf("A first %v: the office's bundle gives %q, want %q", aFirst, got, pending)
		}
		// Nothing is lost: reopening applies A's changes by the normal merge.
		if _, err := c.db.Reopen(ctx, "C", c.assessment(t).ID, "A bổ sung tệp"); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(evidenceOf(t, c, true), ";"); got != "1.1.1 k.pdf;1.1.1 x.jpg (removed);1.1.1 y.jpg" {
			t.Fatalf("A first %v: after reopening the record holds %q", aFirst, got)
		}
		if got := strings.Join(evidenceOf(t, c, false), ";"); got != "1.1.1 k.pdf;1.1.1 y.jpg" {
			t.Fatalf("A first %v: the reopened record shows %q", aFirst, got)
		}
		// The files of A's attachment travelled with it while it waited.
		relay.importFiles(t, c.bundle(t, "c2.ktb"))
		if got := strings.Join(evidenceOf(t, relay, false), ";"); got != "1.1.1 k.pdf;1.1.1 y.jpg" {
			t.Fatalf("A first %v: after the reopening travelled: %q", aFirst, got)
		}
	}
}

// shownFiles lists the IDs of the files each unit's record shows.
func shownFiles(t *testing.T, d *device) map[string]string {
	t.Helper()
	rows, err := d.db.Evidence(context.Background(), EvidenceFilter{})
	check(t, err)
	out := map[string][]string{}
	for _, r := range rows {
		out[r.UnitCode] = append(out[r.UnitCode], r.ID)
	}
	s := map[string]string{}
	for code, ids := range out {
		sort.Strings(ids)
		s[code] = strings.Join(ids, ",")
	}
	return s
}

// fileSealOf reads the files an assessment's current revision sealed, if
// it sealed files.
func fileSealOf(t *testing.T, d *device, code string) (string, bool) {
	t.Helper()
	var id string
	check(t, d.db.sql.QueryRow("SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = ?", code).Scan(&id))
	v, err := assessmentView(context.Background(), d.db.sql, id)
	check(t, err)
	set, ok := v.CurrentFiles()
	var ids []string
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return strings.Join(ids, ","), ok
}

// TestNoImportChangesAFinalizedRecordsFiles: laptops attach and remove
// files, save, finalize, reopen and exchange bundles at random; two offices
// receive every bundle in random orders. After every import everywhere: a
// record finalized before shows exactly the files it showed, unless the
// import brought a reopening of it or a finalization that ranks before it;
// every finalized record shows exactly the files its seal names; the
// offices end with the same attachments whatever the order.
func TestNoImportChangesAFinalizedRecordsFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	contents := [][]byte{[]byte("%PDF-1.4 a"), []byte("%PDF-1.4 b"), pngBytes(40, 7), []byte("ghi chép")}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 2026))
			laptops := []*device{newDevice(t, "Laptop 1"), newDevice(t, "Laptop 2"), newDevice(t, "Laptop 3")}
			c1, c2 := newCentre(t, "Sở Nội vụ 1"), newCentre(t, "Sở Nội vụ 2")
			all := append(append([]*device{}, laptops...), c1, c2)
			trustAll(t, all...)
			c1.in, c2.in = laptops[0].in, laptops[0].in
			checkedImport := func(d *device, f string) {
				t.Helper()
				before, filesBefore := stateOf(t, d), shownFiles(t, d)
				d.importFiles(t, f)
				after, filesAfter := stateOf(t, d), shownFiles(t, d)
				for code, was := range before {
					if was.status != model.StatusFinalized || filesBefore[code] == filesAfter[code] {
						continue
					}
					now := after[code]
					if now.revision != was.revision && (descends(t, d, code, was.revision) || now.status == model.StatusFinalized) {
						continue // reopened there, or finalized there first
					}
					t.Fatalf("%s: importing %s changed the files of the finalized record of %s:\n was %s\n now %s", d.name, f, code,
						filesBefore[code], filesAfter[code])
				}
				for code, now := range after {
					if now.status != model.StatusFinalized {
						continue
					}
					if sealed, ok := fileSealOf(t, d, code); ok && sealed != filesAfter[code] {
						t.Fatalf("%s: the finalized record of %s shows files %q, its seal says %q", d.name, code, filesAfter[code], sealed)
					}
				}
			}
			var bundles []string
			n := 0
			for step := 0; step < 30; step++ {
				d := laptops[rng.IntN(len(laptops))]
				a := d.assessment(t)
				draft := a.Status != model.StatusFinalized
				switch k := rng.IntN(10); {
				case k < 2 && draft:
					it := items[rng.IntN(len(items))]
					cs := itemContents[it]
					d.save(t, it, cs[rng.IntN(len(cs))])
				case (k == 2 || k == 3) && draft:
					d.attach(t, items[rng.IntN(len(items))], fmt.Sprintf("tệp-%d.bin", step), contents[rng.IntN(len(contents))])
				case k == 4 && draft:
					fs, err := d.db.Evidence(ctx, EvidenceFilter{AssessmentID: a.ID})
					check(t, err)
					if len(fs) > 0 {
						if _, err := d.db.RemoveEvidence(ctx, d.name, fs[rng.IntN(len(fs))].ID); err != nil {
							t.Fatal(err)
						}
					}
				case k == 5:
					if _, err := d.db.Finalize(ctx, d.name, a.ID); err != nil && !errors.Is(err, ErrGaps) {
						t.Fatal(err)
					}
				case k == 6:
					if _, err := d.db.Reopen(ctx, d.name, a.ID, "sửa lại"); err != nil {
						t.Fatal(err)
					}
				case k >= 7:
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
			if e1, e2 := dumpEvidence(t, c1.db), dumpEvidence(t, c2.db); e1 != e2 {
				t.Fatalf("two import orders gave different attachments:\n%s\n---\n%s", e1, e2)
			}
		})
	}
}
