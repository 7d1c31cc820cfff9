package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"kiemtra/store"
)

// nBundles is how many bundles Sở Nội vụ merges: one from each of 200
// laptops.
const nBundles = 200

// team is one laptop: its database (which is also the baseline's copy of
// what its bundle carries) and its bundle.
type team struct {
	db, bundle, key string
	units           []string
}

// merge: Sở Nội vụ importing 200 bundles that carry b.n distinct findings
// (laptop d answered findings d·n/200 … (d+1)·n/200 − 1 of the inspection)
// with `kiemtra import` — signatures, hashes, audit chains, merge by
// revision, backup, receipts — beside sqlite3 attaching each laptop's
// database in turn and inserting the same rows (inspection, units,
// assessments, audit, findings) with INSERT … SELECT, one transaction
// each, into a copy of the same office database.
func (b *bench) merge() error {
	ctx := context.Background()
	teams, err := b.teams()
	if err != nil {
		return err
	}
	office := filepath.Join(b.dir, "office.db")
	odb, err := store.Open(ctx, office)
	if err != nil {
		return err
	}
	if _, err := odb.AddChecklists(ctx, false, checklist2000()); err != nil {
		return errors.Join(err, odb.Close())
	}
	for i, t := range teams {
		if _, err := odb.TrustKeyFile(ctx, t.key, fmt.Sprintf("Máy đoàn %d", i)); err != nil {
			return errors.Join(err, odb.Close())
		}
	}
	cols, err := copiedColumns(ctx, odb)
	if err = errors.Join(err, odb.Close()); err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nPRAGMA foreign_keys=ON;\nPRAGMA busy_timeout=5000;\n")
	for _, t := range teams {
		fmt.Fprintf(&sb, "ATTACH '%s' AS b;\nBEGIN IMMEDIATE;\n", t.db)
		for _, tb := range []string{"inspections", "units", "assessments", "audit"} {
			fmt.Fprintf(&sb, "INSERT OR IGNORE INTO %s(%s) SELECT %s FROM b.%s;\n", tb, cols[tb], cols[tb], tb)
		}
		fmt.Fprintf(&sb, "INSERT OR REPLACE INTO findings(%s) SELECT %s FROM b.findings;\nCOMMIT;\nDETACH b;\n", cols["findings"], cols["findings"])
	}
	script := sb.String()
	var bundles []string
	for _, t := range teams {
		bundles = append(bundles, t.bundle)
	}
	run := 0
	fresh := func() (string, error) {
		run++
		dst := filepath.Join(b.dir, fmt.Sprintf("office-run%d.db", run))
		// The previous run's copy and its backups go: only the disk,
		// not the time, would notice them.
		if err := os.RemoveAll(filepath.Join(b.dir, "backups")); err != nil {
			return "", err
		}
		if run > 1 {
			prev := filepath.Join(b.dir, fmt.Sprintf("office-run%d", run-1))
			for _, sfx := range []string{".db", ".db-wal", ".db-shm", ".device.key"} {
				if err := os.Remove(prev + sfx); err != nil && !errors.Is(err, os.ErrNotExist) {
					return "", err
				}
			}
		}
		return dst, copyDB(office, dst)
	}
	var rss []float64
	ours := func() (float64, error) {
		db, err := fresh()
		if err != nil {
			return 0, err
		}
		s, m, err := timed(exec.Command(b.bin, append([]string{"--db", db, "import"}, bundles...)...))
		if err != nil {
			return 0, err
		}
		rss = append(rss, m)
		return s, b.checkMerged(db)
	}
	base := func() (float64, error) {
		db, err := fresh()
		if err != nil {
			return 0, err
		}
		return b.timeSQLite(db, script)
	}
	logf("merge: %d runs, interleaved", *runs)
	v, err := interleave(*runs, ours, base)
	if err != nil {
		return err
	}
	b.out.add(line{Figure: fmt.Sprintf("merge %d bundles ÷ sqlite3 INSERT…SELECT from attached DBs", nBundles), Size: b.size,
		Ours: median(v[0]), Baseline: median(v[1]), Unit: "s", Runs: *runs, maxRatio: 2,
		Note: fmt.Sprintf("%d bundles carrying %d distinct findings into the office database", nBundles, b.n)})
	b.out.add(line{Figure: "peak RSS, import", Size: b.size, Ours: maxOf(rss), Unit: "MB", Runs: *runs,
		maxOurs: memoryGoal(b.n), Note: "the highest of the runs (getrusage ru_maxrss)"})
	return nil
}

// checkMerged makes sure an import left every finding in the office.
func (b *bench) checkMerged(db string) error {
	out, err := exec.Command(b.sqlite3, "-readonly", db, "SELECT count(*) FROM findings").Output()
	if err != nil {
		return fmt.Errorf("count merged findings: %w", err)
	}
	if got := strings.TrimSpace(string(out)); got != fmt.Sprint(b.n) {
		return fmt.Errorf("after the import the office holds %s findings, want %d", got, b.n)
	}
	return nil
}

// teams generates the 200 laptops' databases and bundles, two at a time.
func (b *bench) teams() ([]team, error) {
	logf("merge: %d laptops answering %d findings between them, each writing a bundle", nBundles, b.n)
	per := b.n / nBundles
	teams := make([]team, nBundles)
	errs := make([]error, nBundles)
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				teams[d], errs[d] = b.team(d, d*per, (d+1)*per)
			}
		}()
	}
	for d := range nBundles {
		next <- d
	}
	close(next)
	wg.Wait()
	return teams, errors.Join(errs...)
}

func (b *bench) team(d, from, to int) (_ team, err error) {
	ctx := context.Background()
	t := team{db: filepath.Join(b.ram, fmt.Sprintf("team%03d.db", d)), bundle: filepath.Join(b.ram, fmt.Sprintf("team%03d.ktb", d)),
		key: filepath.Join(b.ram, fmt.Sprintf("team%03d.pub", d))}
	for u := from / nItems; u <= (to-1)/nItems; u++ {
		t.units = append(t.units, unitCode(u))
	}
	if err := generate(t.db, genSpec{units: b.n / nItems, from: from, to: to, actor: fmt.Sprintf("Đoàn %d", d)}); err != nil {
		return t, err
	}
	db, err := store.Open(ctx, t.db)
	if err != nil {
		return t, err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if _, err := db.ExportPublicKey(ctx, t.key); err != nil {
		return t, err
	}
	ins, err := db.Inspections(ctx)
	if err != nil {
		return t, err
	}
	if len(ins) != 1 {
		return t, fmt.Errorf("team %d holds %d inspections, want 1", d, len(ins))
	}
	info, err := db.WriteBundle(ctx, t.bundle, store.BundleOptions{Inspection: ins[0].ID, Units: t.units})
	if err != nil {
		return t, err
	}
	if got := info.Manifest.Counts.Findings; got != to-from {
		return t, fmt.Errorf("team %d's bundle carries %d findings, want %d", d, got, to-from)
	}
	return t, nil
}

// copiedColumns are the columns of each table the baseline copies (the
// audit table's local row number aside).
func copiedColumns(ctx context.Context, db *store.DB) (map[string]string, error) {
	cols := map[string]string{}
	for _, t := range []string{"inspections", "units", "assessments", "findings", "audit"} {
		names, err := columns(ctx, db, t)
		if err != nil {
			return nil, err
		}
		cols[t] = strings.Join(names, ", ")
	}
	return cols, nil
}

func columns(ctx context.Context, db *store.DB, table string) (_ []string, err error) {
	r, err := db.SQL().QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	defer func() { err = errors.Join(err, r.Close()) }()
	var names []string
	for r.Next() {
		var n string
		if err := r.Scan(&n); err != nil {
			return nil, fmt.Errorf("columns of %s: %w", table, err)
		}
		if table != "audit" || n != "seq" {
			names = append(names, n)
		}
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	return names, nil
}
