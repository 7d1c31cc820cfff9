package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
)

// poolWaitLimit bounds every call in TestNoPoolUseInsideTransactions. The
// store has one connection: code inside a transaction that reads through
// the pool waits for that connection until its context ends. With this
// limit such a wait fails the test instead of hanging it; the work itself
// takes a small fraction of it even on a loaded machine.
const poolWaitLimit = 60 * time.Second

// TestPoolUseInsideATransactionFailsFast shows what the next test guards
// against: a read through the pool inside a transaction waits until the
// context ends, and then fails with the context's error.
func TestPoolUseInsideATransactionFailsFast(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	err := f.db.tx(ctx, func(*txn) error {
		var n int
		return f.db.sql.QueryRowContext(ctx, "SELECT count(*) FROM findings").Scan(&n)
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a pool read inside a transaction: %v, want the context's deadline", err)
	}
}

// TestNoPoolUseInsideTransactions runs every store operation that opens a
// transaction — saving, finalizing, keys, bundles, imports, conflicts,
// receipts — under one bounded context: had any helper read through the
// pool inside its transaction, the call would fail with the deadline.
func TestNoPoolUseInsideTransactions(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), poolWaitLimit)
	defer cancel()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	a, b := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long")
	dir := t.TempDir()
	for _, p := range [][2]*device{{a, b}, {b, a}} {
		kf := filepath.Join(dir, p[0].name+".key")
		_, err := p[0].db.ExportPublicKey(ctx, kf)
		must("export key", err)
		_, err = p[1].db.TrustKeyFile(ctx, kf, p[0].name)
		must("trust key", err)
	}
	must("set setting", a.db.SetSetting(ctx, "lang", "vi"))
	_, err := a.db.AddChecklists(ctx, false, testChecklist())
	must("add checklists", err)
	in, err := a.db.SaveInspection(ctx, "A", model.Inspection{Year: 2022, Title: "Đợt 2"})
	must("save inspection", err)
	u, err := a.db.SaveUnit(ctx, "A", model.Unit{Code: "STC", Name: "Sở Tài chính", Kind: "so"})
	must("save unit", err)
	_, err = a.db.AddAssessment(ctx, "A", model.Assessment{InspectionID: in.ID, UnitID: u.ID, ChecklistID: "test", ChecklistVersion: "1"})
	must("add assessment", err)
	save := func(d *device, item string, c model.Content) {
		t.Helper()
		base := ""
		if fs, err := d.db.Findings(ctx, d.a.ID); err == nil {
			for _, f := range fs {
				if f.ItemCode == item {
					base = f.Revision
				}
			}
		}
		nf := model.Finding{AssessmentID: d.a.ID, ItemCode: item, UpdatedBy: d.name, BaseRevision: base}
		nf.Apply(c)
		_, err := d.db.SaveFinding(ctx, nf)
		must("save finding", err)
	}
	save(a, "1.1.1", pass)
	save(a, "2.1.1", fail)
	_, err = a.db.SaveRemarks(ctx, "A", a.a.ID, AssessmentRemarks{Representative: "Đỗ Quang Huy"})
	must("save remarks", err)
	_, err = a.db.SaveUnitSide(ctx, "A", model.Assessment{ID: a.a.ID, UnitComments: "Thống nhất."})
	must("save unit side", err)
	_, err = a.db.Finalize(ctx, "A", a.a.ID)
	must("finalize", err)
	_, err = a.db.Reopen(ctx, "A", a.a.ID, "bổ sung")
	must("reopen", err)

	wb := func(d *device, name string) string {
		out := filepath.Join(dir, name)
		_, err := d.db.WriteBundle(ctx, out, BundleOptions{Inspection: d.in.ID})
		must("write bundle", err)
		return out
	}
	first := wb(a, "a1.ktb")
	out, err := b.db.ImportPath(ctx, first)
	must("import path", err)
	if out.Refused() != 0 {
		t.Fatalf("import refused: %v", out.Files[0].Err)
	}
	save(a, "1.1.1", fail)
	save(b, "1.1.1", model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	rep, err := b.db.Import(ctx, []string{wb(a, "a2.ktb")}, ImportOptions{})
	must("import", err)
	if rep.Failed() != 0 || rep.Results[0].Conflicts != 1 {
		t.Fatalf("import: %+v", rep.Results)
	}
	_, err = a.db.AcceptReceipt(ctx, rep.Results[0].Receipt)
	must("accept receipt", err)
	views, err := b.db.ConflictViews(ctx)
	must("conflict views", err)
	if len(views) != 1 {
		t.Fatalf("%d conflicts, want 1", len(views))
	}
	_, err = b.db.ResolveConflict(ctx, "Trần Văn Minh", views[0].ID, views[0].A.Content())
	must("resolve conflict", err)
	cs, err := b.db.Conflicts(ctx, ConflictFilter{Resolved: true})
	must("conflicts", err)
	if len(cs) != 1 || cs[0].Open() {
		t.Fatalf("conflicts after resolving: %+v", cs)
	}
	_, err = b.db.FindingHistory(ctx, cs[0].FindingID)
	must("finding history", err)
	_, err = b.db.Gaps(ctx)
	must("gaps", err)
	_, err = b.db.Overviews(ctx, b.in.ID)
	must("overviews", err)
	_, err = b.db.Backup(ctx, 0)
	must("backup", err)
}

// TestBundleReadsOneState: the data of a bundle is read in one read
// transaction, so a change committed by another connection while it is
// being read is either all in it or not at all. The same reads through the
// pool, without the transaction, mix the two states.
func TestBundleReadsOneState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, inTx := range []bool{true, false} {
		d := newDevice(t, "Lê Thu Trang")
		d.save(t, "1.1.1", pass)
		// Another program (a second kiemtra on the same file) changes the
		// finding, row and audit entry in one transaction, just after the
		// findings were read.
		other, err := Open(ctx, d.db.Path())
		if err != nil {
			t.Fatal(err)
		}
		fired := false
		q := &interfering{after: "FROM findings WHERE assessment_id", fire: func() {
			if fired {
				return
			}
			fired = true
			cur, err := other.Findings(ctx, d.a.ID)
			if err != nil || len(cur) != 1 {
				t.Fatalf("other connection: %v %d", err, len(cur))
			}
			nf := cur[0]
			nf.BaseRevision, nf.Result, nf.Score, nf.Note, nf.UpdatedBy = cur[0].Revision, model.ResultFail, 0, "Chưa ban hành.", "B"
			if _, err := other.SaveFinding(ctx, nf); err != nil {
				t.Fatal(err)
			}
		}}
		var p *Payload
		read := func(base queryer) error {
			q.q = base
			var err error
			p, err = payloadThrough(ctx, d.db, q, BundleOptions{Inspection: d.in.ID})
			return err
		}
		if inTx {
			err = d.db.read(ctx, read)
		} else {
			err = read(d.db.sql)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := other.Close(); err != nil {
			t.Fatal(err)
		}
		if !fired {
			t.Fatal("the other connection never wrote")
		}
		revs := 0
		for _, e := range p.Audit {
			if e.Entity == "finding" {
				revs++
			}
		}
		mixed := len(p.Findings) != 1 || p.Findings[0].Revision != p.Audit[len(p.Audit)-1].Revision || revs != 1
		if inTx && mixed {
			t.Errorf("in one read transaction the bundle mixed two states: finding %s, %d revisions in its history",
				p.Findings[0].Revision, revs)
		}
		if !inTx && !mixed {
			t.Error("without the transaction the reads should have seen the change half-way (the test lost its power)")
		}
	}
}

// interfering is a queryer that runs fire just before the first query
// after one containing after: the earlier query's rows have been read by
// then.
type interfering struct {
	q     queryer
	after string
	fire  func()
	armed bool
}

func (i *interfering) before(query string) {
	if i.armed {
		i.armed = false
		i.fire()
	}
	if strings.Contains(query, i.after) {
		i.armed = true
	}
}

func (i *interfering) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	i.before(query)
	return i.q.QueryContext(ctx, query, args...)
}

func (i *interfering) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	i.before(query)
	return i.q.QueryRowContext(ctx, query, args...)
}
