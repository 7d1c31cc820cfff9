package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle/bundletest"
)

// The merge benchmark: 200 bundles from 200 laptops, 500 findings each
// (100,000 findings, each with its audit entry), merged into an empty
// database — beside the sqlite3 command-line tool inserting the same
// finding rows from 200 attached SQLite files into one table, in the same
// run:
//
//	go test ./store -run '^$' -bench 'Merge200|SQLite3Attach' -benchtime 3x

const (
	benchBundles     = 200
	benchUnits       = 5   // per bundle
	benchItems       = 100 // per unit: 500 findings per bundle
	benchFindingsAll = benchBundles * benchUnits * benchItems
)

type benchData struct {
	dir     string
	bundles []string
	plain   []string // the same finding rows as plain SQLite files
	keys    []*bundletest.Key
	cl      *model.Checklist
	err     error
}

var (
	benchOnce sync.Once
	bench     benchData
)

func benchSetup(b *testing.B) *benchData {
	benchOnce.Do(func() {
		d := &bench
		d.dir, d.err = os.MkdirTemp("", "kiemtra-bench-")
		if d.err != nil {
			return
		}
		d.cl = bundletest.BigChecklist(benchItems)
		in := bundletest.Inspection()
		for i := 0; i < benchBundles; i++ {
			k := bundletest.NewKey(fmt.Sprint("bench-", i))
			d.keys = append(d.keys, k)
			data := bundletest.Generate(k, 1, in, d.cl, benchUnits, fmt.Sprintf("U%03d-", i))
			p := filepath.Join(d.dir, fmt.Sprintf("b%03d.ktb", i))
			if d.err = os.WriteFile(p, data, 0o600); d.err != nil {
				return
			}
			d.bundles = append(d.bundles, p)
			bd, err := ReadBundle(strings.NewReader(string(data)), int64(len(data)))
			if err != nil {
				d.err = err
				return
			}
			pp := filepath.Join(d.dir, fmt.Sprintf("p%03d.db", i))
			if d.err = writePlainFindings(pp, bd.Payload.Findings); d.err != nil {
				return
			}
			d.plain = append(d.plain, pp)
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return &bench
}

const plainSchema = `CREATE TABLE findings (id TEXT PRIMARY KEY, assessment_id TEXT NOT NULL, item_code TEXT NOT NULL,
	result TEXT NOT NULL, score INTEGER NOT NULL, note TEXT NOT NULL, evidence TEXT NOT NULL, recommendation TEXT NOT NULL,
	deadline TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL, device TEXT NOT NULL,
	revision TEXT NOT NULL UNIQUE, base_revision TEXT NOT NULL, UNIQUE (assessment_id, item_code)) STRICT`

func writePlainFindings(path string, fs []model.Finding) (err error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if _, err := db.Exec(plainSchema); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	for _, f := range fs {
		if _, err := tx.Exec("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", f.ID, f.AssessmentID, f.ItemCode,
			f.Result.Code(), int64(f.Score), f.Note, f.Evidence, f.Recommendation, f.Deadline.ISO(), f.UpdatedBy,
			formatTime(f.UpdatedAt), f.Device, f.Revision, f.BaseRevision); err != nil {
			return errors.Join(err, tx.Rollback())
		}
	}
	return tx.Commit()
}

// benchTarget is Sở Nội vụ's empty database trusting the 200 laptops.
func benchTarget(b *testing.B, d *benchData, dir string) *DB {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(dir, "centre.db"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.AddChecklists(ctx, true, d.cl); err != nil {
		b.Fatal(err)
	}
	err = db.tx(ctx, func(t *txn) error {
		for i, k := range d.keys {
			if err := t.trustKey(ctx, TrustedKey{Fingerprint: k.Fingerprint, PublicKey: k.Public, Device: k.Device,
				Name: fmt.Sprint("Laptop ", i), AddedAt: time.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func BenchmarkMerge200Bundles(b *testing.B) {
	d := benchSetup(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		db := benchTarget(b, d, dir)
		b.StartTimer()
		rep, err := db.Import(ctx, d.bundles, ImportOptions{ReceiptPath: func(p string) string {
			return filepath.Join(dir, filepath.Base(p)+".receipt.json")
		}})
		b.StopTimer()
		if err != nil || rep.Failed() > 0 {
			b.Fatalf("import: %v %+v", err, rep.Results[0].Err)
		}
		var n int
		check(b, db.sql.QueryRow("SELECT count(*) FROM findings").Scan(&n))
		if n != benchFindingsAll {
			b.Fatalf("%d findings merged, want %d", n, benchFindingsAll)
		}
		check(b, db.Close())
		b.StartTimer()
	}
	b.ReportMetric(float64(benchFindingsAll)*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
}

func BenchmarkSQLite3AttachInsert(b *testing.B) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 command-line tool not installed (apt-get install sqlite3)")
	}
	d := benchSetup(b)
	var script strings.Builder
	script.WriteString("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n" + plainSchema + ";\n")
	for _, p := range d.plain {
		// One transaction per file, as the merge does per bundle.
		fmt.Fprintf(&script, "ATTACH '%s' AS s;\nINSERT INTO findings SELECT * FROM s.findings;\nDETACH s;\n", p)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		target := filepath.Join(b.TempDir(), "target.db")
		b.StartTimer()
		cmd := exec.Command(bin, target)
		cmd.Stdin = strings.NewReader(script.String())
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("sqlite3: %v\n%s", err, out)
		}
		b.StopTimer()
		out, err := exec.Command(bin, target, "SELECT count(*) FROM findings").Output()
		if err != nil || strings.TrimSpace(string(out)) != fmt.Sprint(benchFindingsAll) {
			b.Fatalf("sqlite3 inserted %q rows: %v", out, err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(benchFindingsAll)*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
}
