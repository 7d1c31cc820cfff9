package store

import (
	"context"
	"strings"
	"testing"
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
