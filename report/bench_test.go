package report_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

// The 100k benchmarks share one generated database: 50 assessments of a
// 2,000-item checklist, 100,000 findings. Run them together:
//
//	go test ./report/ -run '^$' -bench 100k
//
// BenchmarkSQLite3CSVDump100k times the sqlite3 command-line tool dumping
// the same 100,000 rows to CSV, as a yardstick printed beside ours.
const (
	benchUnits  = 50
	benchFields = 10
	benchCrits  = 10
	benchItems  = 20 // per criterion: 10 × 10 × 20 = 2,000 items
)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchQuery selects the rows the findings table of the summary shows.
const benchQuery = `SELECT u.code, u.name, f.item_code, f.result, f.score, f.note, f.evidence, f.recommendation, f.deadline
FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN units u ON u.id = a.unit_id
ORDER BY u.code, f.item_code`

func benchChecklist() *model.Checklist {
	cl := &model.Checklist{ID: "bench", Version: "1", Title: "Bộ tiêu chí thử tải", Kind: "so", Hash: "bench-1",
		Bands: []model.Band{{Label: "Tốt", MinPercent: 90}, {Label: "Khá", MinPercent: 80}, {Label: "Trung bình"}}}
	for f := 1; f <= benchFields; f++ {
		fl := model.Field{Code: fmt.Sprint(f), Title: fmt.Sprintf("Lĩnh vực thử số %d", f)}
		for c := 1; c <= benchCrits; c++ {
			cr := model.Criterion{Code: fmt.Sprintf("%d.%d", f, c), Title: fmt.Sprintf("Tiêu chí %d.%d", f, c)}
			for i := 1; i <= benchItems; i++ {
				cr.Items = append(cr.Items, model.Item{Code: fmt.Sprintf("%d.%d.%d", f, c, i),
					Text: fmt.Sprintf("Đơn vị có thực hiện đúng quy định về nội dung %d.%d.%d không?", f, c, i),
					Max:  50, Scoring: model.ScoringPartial})
				fl.Max += 50
			}
			fl.Criteria = append(fl.Criteria, cr)
		}
		cl.Fields = append(cl.Fields, fl)
	}
	cl.Index()
	return cl
}

// benchDB generates the database once per process.
func benchDB(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() { benchPath, benchErr = generateBenchDB() })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

func generateBenchDB() (_ string, err error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "kiemtra-bench-")
	if err != nil {
		return "", err
	}
	benchDirs = append(benchDirs, dir)
	path := filepath.Join(dir, "bench.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		return "", err
	}
	cl := benchChecklist()
	if _, err := db.AddChecklists(ctx, false, cl); err != nil {
		return "", errors.Join(err, db.Close())
	}
	in, err := db.SaveInspection(ctx, "bench", model.Inspection{Year: 2030, Title: "Kiểm tra thử tải", Issuer: "Sở Nội vụ tỉnh Thử"})
	if err != nil {
		return "", errors.Join(err, db.Close())
	}
	if err := db.Close(); err != nil {
		return "", err
	}

	// Rows go in through plain SQL in one transaction: generating 100,000
	// audited saves would take minutes and is not what is measured.
	sdb, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
	if err != nil {
		return "", err
	}
	defer func() { err = errors.Join(err, sdb.Close()) }()
	tx, err := sdb.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	// After Commit, Rollback only says so (sql.ErrTxDone).
	defer func() {
		if rerr := tx.Rollback(); !errors.Is(rerr, sql.ErrTxDone) {
			err = errors.Join(err, rerr)
		}
	}()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)
	fstmt, err := tx.PrepareContext(ctx, `INSERT INTO findings(id, assessment_id, item_code, result, score, note, evidence,
		recommendation, deadline, updated_by, updated_at, device, revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return "", err
	}
	defer func() { err = errors.Join(err, fstmt.Close()) }()
	items := cl.Items()
	n := 0
	for u := 0; u < benchUnits; u++ {
		code := fmt.Sprintf("DV%03d", u)
		kind := "so"
		if u%2 == 1 {
			kind = "huyen"
		}
		uid, aid := "unit-"+code, "asm-"+code
		status := "draft"
		if u%5 != 0 {
			status = "finalized"
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO units(id, code, name, kind) VALUES (?,?,?,?)",
			uid, code, fmt.Sprintf("Đơn vị thử số %d", u), kind); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO assessments(id, inspection_id, unit_id, checklist_id, checklist_version,
			visit_date, status, updated_at) VALUES (?,?,?,?,?,?,?,?)`, aid, in.ID, uid, cl.ID, cl.Version, "2030-03-01", status, now); err != nil {
			return "", err
		}
		for i, it := range items {
			result, score, note, rec, deadline := "pass", int64(50), "", "", ""
			switch (i*7 + u) % 20 {
			case 0, 1:
				result, score = "fail", 0
				note, rec, deadline = "Chưa thực hiện, không có hồ sơ lưu.", "Khắc phục và báo cáo Sở Nội vụ.", "2030-04-15"
			case 2:
				result, score, note = "partial", 25, "Thực hiện chưa đầy đủ."
			case 3:
				result, score = "na", 0
			}
			n++
			if _, err := fstmt.ExecContext(ctx, fmt.Sprintf("f%06d", n), aid, it.Code, result, score, note,
				"Hồ sơ do đơn vị cung cấp", rec, deadline, "bench", now, "bench", fmt.Sprintf("r%06d", n)); err != nil {
				return "", err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return "", err
	}
	if _, err := sdb.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return "", err
	}
	return path, nil
}

var benchDirs []string

func BenchmarkSummary100k(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := db.Close(); err != nil {
			b.Error(err)
		}
	})
	kinds, err := checklists.Kinds()
	if err != nil {
		b.Fatal(err)
	}
	ins, err := db.Inspections(ctx)
	if err != nil || len(ins) != 1 {
		b.Fatalf("inspections %v %v", ins, err)
	}
	s, err := db.Summary(ctx, kinds, ins[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	if s.FindingStats.Rows != benchUnits*benchFields*benchCrits*benchItems {
		b.Fatalf("%d findings, want 100,000", s.FindingStats.Rows)
	}
	// Gather (SQL → model.Summary) and render, as the command does.
	b.Run("gather", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Summary(ctx, kinds, ins[0].ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Each pass over the findings on its own: the second read of every
	// finding (XLSX and Markdown write from it), and the read of those
	// with a kiến nghị (Markdown's table before the findings), so a
	// profile of the summary can be set against what each pass costs.
	for _, p := range []struct {
		name     string
		recsOnly bool
		want     int
	}{{"stream", false, s.FindingStats.Rows}, {"stream-recommendations", true, s.RecommendationStats.Rows}} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				n := 0
				if err := s.Stream(p.recsOnly, func(*model.FindingRow) error { n++; return nil }); err != nil {
					b.Fatal(err)
				}
				if n != p.want {
					b.Fatalf("%d rows streamed, want %d", n, p.want)
				}
			}
		})
	}
	for _, f := range []report.Format{report.CSV, report.JSON, report.Markdown, report.XLSX} {
		b.Run("gather+"+string(f), func(b *testing.B) {
			for b.Loop() {
				s, err := db.Summary(ctx, kinds, ins[0].ID)
				if err != nil {
					b.Fatal(err)
				}
				out, err := report.SummaryView(&s, f, report.ViewFindings, i18n.VI)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(out)))
			}
		})
	}
}

func BenchmarkSQLite3CSVDump100k(b *testing.B) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("no sqlite3 command-line tool: install Debian's sqlite3 package for the comparison")
	}
	path := benchDB(b)
	// Once, outside the timing: sqlite3 dumps the same 100,000 rows.
	out, err := exec.Command(bin, "-readonly", "-csv", path, "SELECT count(*) FROM ("+benchQuery+")").Output()
	if err != nil || string(bytes.TrimSpace(out)) != "100000" {
		b.Fatalf("sqlite3 counts %q rows: %v", out, err)
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := null.Close(); err != nil {
			b.Error(err)
		}
	})
	for b.Loop() {
		var stderr bytes.Buffer
		cmd := exec.Command(bin, "-readonly", "-csv", path, benchQuery)
		cmd.Stdout, cmd.Stderr = null, &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("sqlite3: %v %s", err, stderr.String())
		}
	}
}
