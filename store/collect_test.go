package store

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"runtime"
	"testing"
)

// failingAt is a queryer whose n-th QueryContext (from 0) is cut off after
// it has started answering: its rows end early, as when a disk or a
// connection fails half-way through a read, and only rows.Err says so.
type failingAt struct {
	q     queryer
	n     int
	calls int
}

func (f *failingAt) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	i := f.calls
	f.calls++
	if i != f.n {
		return f.q.QueryContext(ctx, query, args...)
	}
	qctx, cancel := context.WithCancel(ctx)
	rows, err := f.q.QueryContext(qctx, query, args...)
	cancel()
	if err != nil {
		return nil, err
	}
	// database/sql closes the rows when their context ends; wait for it,
	// so the caller's first Next already sees the end.
	for rows.Err() == nil {
		runtime.Gosched()
	}
	return rows, nil
}

func (f *failingAt) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return f.q.QueryRowContext(ctx, query, args...)
}

// TestBundleReadFailingHalfwayIsAnError: a read that fails part-way through
// any of a bundle's queries fails the bundle, instead of signing what was
// read so far.
func TestBundleReadFailingHalfwayIsAnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	a.save(t, "1.1.1", pass)
	b.importFiles(t, a.bundle(t, "a1.ktb")) // so b has received bundles to list
	b.save(t, "1.1.2", partial)
	opt := BundleOptions{Inspection: b.in.ID}
	key, err := b.db.DeviceKey(ctx)
	check(t, err)
	probe := &failingAt{q: b.db.sql, n: -1}
	if _, _, _, err := b.db.encodePayload(ctx, probe, opt, key, io.Discard); err != nil {
		t.Fatal(err)
	}
	if probe.calls < 5 {
		t.Fatalf("collect ran %d row queries; the test expects every one to be cut", probe.calls)
	}
	for n := 0; n < probe.calls; n++ {
		_, _, _, err := b.db.encodePayload(ctx, &failingAt{q: b.db.sql, n: n}, opt, key, io.Discard)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("row query %d cut off half-way: collect returned %v, want the failure", n, err)
		}
	}
}
