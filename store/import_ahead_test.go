package store

import (
	"context"
	"errors"
	"os"
	"testing"

	"kiemtra/model"
)

// Each file of an import is staged while the one before it merges, its
// header checked ahead; at its turn the header is checked again against
// what the files before it merged. Two files that share a bundle number
// in one import are decided as they are in two imports.
func TestImportChecksEachFileAgainstTheFilesBeforeIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := newDevice(t, "A")
	a.save(t, "1.1.1", pass)
	backup, err := a.db.Backup(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	first := a.bundle(t, "1.ktb")
	// Restored from a backup, laptop A issues bundle 1 again with other
	// content.
	a.restore(t, backup)
	a.save(t, "1.1.2", partial)
	again := a.bundle(t, "1-again.ktb")

	b := newDevice(t, "B")
	trustAll(t, a, b)
	rep, err := b.db.Import(ctx, []string{first, first, again, first}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rs := rep.Results
	if len(rs) != 4 || rs[0].Err != nil || rs[0].Accepted != 1 || rs[0].Replay {
		t.Fatalf("the first file: %+v", rs[0])
	}
	if rs[1].Err != nil || !rs[1].Replay || rs[1].Present != 1 {
		t.Fatalf("the same file again, in the same import: %+v, want a replay", rs[1])
	}
	if !errors.Is(rs[2].Err, ErrSeqReused) {
		t.Fatalf("bundle 1 with other content, in the same import: %v, want %v", rs[2].Err, ErrSeqReused)
	}
	if rs[3].Err != nil || !rs[3].Replay {
		t.Fatalf("the first file a third time: %+v", rs[3])
	}
	if got := findingsByItem(t, b); len(got) != 1 || got["1.1.1"].Revision == "" {
		t.Fatalf("findings after the import: %+v, want only 1.1.1", got)
	}
	if left, _ := os.ReadDir(b.dir); hasStage(left) {
		t.Fatal("a stage was left behind")
	}
}

func hasStage(es []os.DirEntry) bool {
	for _, e := range es {
		if len(e.Name()) >= len(stagePrefix) && e.Name()[:len(stagePrefix)] == stagePrefix {
			return true
		}
	}
	return false
}

// An import interrupted between two files keeps the first and leaves
// nothing of the second, which was being staged meanwhile.
func TestImportInterruptedBetweenFiles(t *testing.T) {
	t.Parallel()
	a, c, b := newDevice(t, "A"), newDevice(t, "C"), newDevice(t, "B")
	a.save(t, "1.1.1", pass)
	c.save(t, "1.1.2", partial)
	trustAll(t, a, c, b)
	files := []string{a.bundle(t, "a.ktb"), c.bundle(t, "c.ktb")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep, err := b.db.Import(ctx, files, ImportOptions{Progress: func(p ImportProgress) {
		if p.Done == 1 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Import: %v, want %v", err, context.Canceled)
	}
	if len(rep.Results) != 1 || rep.Results[0].Err != nil || rep.Results[0].Accepted != 1 {
		t.Fatalf("results %+v, want the first file merged", rep.Results)
	}
	if got := findingsByItem(t, b); len(got) != 1 || got["1.1.1"].Revision == "" {
		t.Fatalf("findings %+v, want only the first file's", got)
	}
	if left, _ := os.ReadDir(b.dir); hasStage(left) {
		t.Fatal("a stage was left behind")
	}
}

// The merge's statements do not watch the import's cancellation; the
// merge checks it between its steps, and an interrupted merge changes
// nothing.
func TestMergeInterruptedChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "A"), newDevice(t, "B")
	a.save(t, "1.1.1", pass)
	a.save(t, "1.1.2", partial)
	trustAll(t, a, b)
	path := a.bundle(t, "a.ktb")
	before := dumpRows(t, b.db, "SELECT id, revision FROM findings UNION ALL SELECT id, hash FROM audit")
	ah := b.db.readHeader(ctx, path)
	b.db.stage(ctx, ah, false)
	defer b.db.release(ah)
	if ah.err != nil {
		t.Fatal(ah.err)
	}
	if err := b.db.attach(ctx, ah.st); err != nil {
		t.Fatal(err)
	}
	stopped, stop := context.WithCancel(ctx)
	stop()
	res := ImportResult{}
	err := b.db.tx(ctx, func(t *txn) error { return t.applyBundle(stopped, path, ah.f, &res) })
	if derr := b.db.detach(ctx); derr != nil {
		t.Fatal(derr)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("merge with the import interrupted: %v, want %v", err, context.Canceled)
	}
	if after := dumpRows(t, b.db, "SELECT id, revision FROM findings UNION ALL SELECT id, hash FROM audit"); after != before {
		t.Fatalf("an interrupted merge changed the database:\n%s\nwas\n%s", after, before)
	}
}

// A file staged beside the merge of the one before it checks its entries'
// signatures on one core: a forged one is refused all the same, naming
// the device and the entry.
func TestSignatureForgedInAFileStagedAhead(t *testing.T) {
	t.Parallel()
	a, c, b := newDevice(t, "A"), newDevice(t, "C"), newDevice(t, "B")
	a.save(t, "1.1.1", pass)
	c.save(t, "1.1.2", partial)
	c.save(t, "1.1.1", pass)
	trustAll(t, a, c, b)
	forged := forge(t, c, c.bundle(t, "c.ktb"), "forged.ktb", func(_ *Manifest, p *Payload, _ *DeviceKey) {
		p.Audit[1].Sig = p.Audit[0].Sig
	})
	rep, err := b.db.Import(context.Background(), []string{a.bundle(t, "a.ktb"), forged}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rs := rep.Results; len(rs) != 2 || rs[0].Err != nil || !errors.Is(rs[1].Err, ErrEntrySignature) {
		t.Fatalf("results %+v, want the first merged and the forged one refused with %v", rs, ErrEntrySignature)
	}
	if p := model.ErrorParams(rep.Results[1].Err); len(p) != 2 || p[0] != short(c.db.Device()) {
		t.Errorf("params %q, want C's device and the entry", p)
	}
	if got := findingsByItem(t, b); len(got) != 1 {
		t.Fatalf("findings %+v, want only the first file's", got)
	}
}
