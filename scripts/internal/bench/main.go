// Command bench is scripts/bench: it generates its own data in a temporary
// folder (a 2,000-item checklist, 40 units, 100,000 findings, 200 bundles)
// and prints, for each figure, our time, a baseline's time measured in the
// same run on the same data, and the ratio — each the median of several
// runs. Baselines are the sqlite3 command-line tool and bubbles/list.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"kiemtra/model"
	"kiemtra/store"
)

var (
	runs    = flag.Int("runs", 5, "runs per measurement (the median is printed)")
	keep    = flag.Bool("keep", false, "keep the temporary folder")
	only    = flag.String("only", "", "run only figures whose name contains this")
	verbose = flag.Bool("v", false, "print progress")
)

const (
	nItems    = 2000
	nUnits    = 40
	nBundles  = 200
	perBundle = 50 // answers between two bundles of one team
)

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type bench struct {
	dir, bin, sqlite3 string
	big               string // 100,000 findings
	cl                *model.Checklist
	rows              []line
}

type line struct {
	name           string
	ours, baseline float64 // seconds; baseline 0 when there is none
	unit           string  // how to print: "µs", "ms", "s", "MB"
	note           string
}

func run() (err error) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		return errors.New("the sqlite3 command-line tool is missing: install the Debian package sqlite3 (sudo apt-get install sqlite3)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		return errors.New("tmux is missing: install the Debian package tmux (sudo apt-get install tmux)")
	}
	dir, err := os.MkdirTemp("", "kiemtra-proof-bench-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Println("files kept in", dir)
	} else {
		defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	}
	b := &bench{dir: dir, bin: filepath.Join(dir, "kiemtra"), sqlite3: sqlite3, cl: checklist2000()}
	out, _ := exec.Command(sqlite3, "--version").Output()
	fmt.Printf("kiemtra bench: %d runs each, median; data in %s; sqlite3 %s\n", *runs, dir, strings.Fields(string(out) + " ?")[0])
	b.logf("building kiemtra")
	if out, err := exec.Command("go", "build", "-o", b.bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, out)
	}
	steps := []struct {
		name string
		f    func() error
	}{
		{"save", b.save},
		{"keystroke", b.ui},
		{"start", b.start},
		{"summary", b.summary},
		{"merge", b.merge},
		{"memory", b.memory},
	}
	need := func(s string) bool { return *only == "" || strings.Contains(s, *only) }
	if need("start") || need("summary") || need("memory") {
		b.logf("generating the database of 100,000 findings")
		if b.big, err = b.generateBig(); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	for _, s := range steps {
		if !need(s.name) {
			continue
		}
		if err := s.f(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	b.print()
	return nil
}

func (b *bench) logf(format string, args ...any) {
	if *verbose {
		fmt.Fprintf(os.Stderr, "  "+format+"\n", args...)
	}
}

func (b *bench) add(l line) { b.rows = append(b.rows, l) }

func (b *bench) print() {
	fmt.Printf("\n%-58s %12s %12s %8s\n", "figure", "kiemtra", "baseline", "ratio")
	for _, l := range b.rows {
		base, ratio := "–", "–"
		if l.baseline > 0 {
			base, ratio = format(l.baseline, l.unit), fmt.Sprintf("%.2f×", l.ours/l.baseline)
		}
		fmt.Printf("%-58s %12s %12s %8s\n", l.name, format(l.ours, l.unit), base, ratio)
		if l.note != "" {
			fmt.Printf("    %s\n", l.note)
		}
	}
	fmt.Println("\nratio = kiemtra ÷ baseline (below 1 is faster than the baseline)")
}

func format(v float64, unit string) string {
	switch unit {
	case "µs":
		return fmt.Sprintf("%.1f µs", v*1e6)
	case "ms":
		return fmt.Sprintf("%.1f ms", v*1e3)
	case "MB":
		return fmt.Sprintf("%.1f MB", v)
	}
	return fmt.Sprintf("%.2f s", v)
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// measure runs f *runs times and returns the median duration in seconds.
func measure(f func() error) (float64, error) {
	var ts []float64
	for range *runs {
		t := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		ts = append(ts, time.Since(t).Seconds())
	}
	return median(ts), nil
}

func (b *bench) sqlite(db, script string) error {
	cmd := exec.Command(b.sqlite3, "-batch", db)
	cmd.Stdin = strings.NewReader(script)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("sqlite3 %s: %w %s", db, err, stderr.String())
	}
	if stderr.Len() > 0 {
		return fmt.Errorf("sqlite3 %s: %s", db, stderr.String())
	}
	return nil
}

// checklist2000 is a 2,000-item checklist: 10 fields × 10 criteria × 20 items.
func checklist2000() *model.Checklist {
	cl := &model.Checklist{ID: "bench", Version: "1", Title: "Bộ tiêu chí thử tải 2.000 mục", Kind: "so", Hash: "bench-2000",
		Bands: []model.Band{{Label: "Tốt", MinPercent: 90}, {Label: "Khá", MinPercent: 80}, {Label: "Trung bình"}}}
	for f := 1; f <= 10; f++ {
		fl := model.Field{Code: fmt.Sprint(f), Title: fmt.Sprintf("Lĩnh vực thử số %d", f)}
		for c := 1; c <= 10; c++ {
			cr := model.Criterion{Code: fmt.Sprintf("%d.%d", f, c), Title: fmt.Sprintf("Tiêu chí %d.%d", f, c)}
			for i := 1; i <= nItems/100; i++ {
				cr.Items = append(cr.Items, model.Item{Code: fmt.Sprintf("%d.%d.%d", f, c, i),
					Text: fmt.Sprintf("Đơn vị có thực hiện đúng quy định về thủ tục hành chính %d.%d.%d không?", f, c, i),
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

func unitCode(u int) string { return fmt.Sprintf("DV%02d", u) }

func plan(units int, year int) *model.Plan {
	p := &model.Plan{Inspection: model.Inspection{Year: year, Title: fmt.Sprintf("Kiểm tra CCHC năm %d", year), Issuer: "Sở Nội vụ tỉnh Thử"}}
	for u := 0; u < units; u++ {
		p.Visits = append(p.Visits, model.Visit{Unit: model.Unit{Code: unitCode(u), Name: fmt.Sprintf("Đơn vị thử số %d", u), Kind: "so"},
			Date: model.NewDate(year, 3, 1+u%28), ChecklistID: "bench"})
	}
	return p
}

// generateBig makes the 100,000-finding database: 40 units inspected in
// 2030 and 10 of them again in 2031, every item answered (50 × 2,000).
// Findings go in through plain SQL in one transaction: 100,000 audited
// saves would take minutes and are not what is measured here.
func (b *bench) generateBig() (_ string, err error) {
	ctx := context.Background()
	path := filepath.Join(b.dir, "big.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		return "", err
	}
	if _, err := db.AddChecklists(ctx, false, b.cl); err != nil {
		return "", errors.Join(err, db.Close())
	}
	var ids []string
	for _, p := range []*model.Plan{plan(nUnits, 2030), plan(10, 2031)} {
		res, err := db.ImportPlan(ctx, "bench", p)
		if err != nil {
			return "", errors.Join(err, db.Close())
		}
		ovs, err := db.Overviews(ctx, res.Inspection.ID)
		if err != nil {
			return "", errors.Join(err, db.Close())
		}
		for _, o := range ovs {
			ids = append(ids, o.Assessment.ID)
		}
	}
	if err := db.SetSetting(ctx, store.SettingInspector, "Trần Văn Minh"); err != nil {
		return "", errors.Join(err, db.Close())
	}
	if err := db.Close(); err != nil {
		return "", err
	}
	sdb, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)")
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
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO findings(id, assessment_id, item_code, result, score, note, evidence,
		recommendation, deadline, updated_by, updated_at, device, revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return "", err
	}
	defer func() { err = errors.Join(err, stmt.Close()) }()
	now := time.Date(2030, 3, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)
	n := 0
	for u, aid := range ids {
		for i, it := range b.cl.Items() {
			result, score, note, rec, deadline := "pass", 50, "", "", ""
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
			if _, err := stmt.ExecContext(ctx, fmt.Sprintf("f%06d", n), aid, it.Code, result, score, note,
				"Hồ sơ do đơn vị cung cấp", rec, deadline, "bench", now, "bench", fmt.Sprintf("r%06d", n)); err != nil {
				return "", err
			}
		}
	}
	if n != 100000 {
		return "", fmt.Errorf("%d findings generated, want 100,000", n)
	}
	if err := tx.Commit(); err != nil {
		return "", err
	}
	_, err = sdb.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return path, err
}

// save: one finding saved durably (SaveFinding: check, write the revision,
// append the audit row, commit with WAL + synchronous FULL) vs sqlite3
// committing one equivalent findings row per transaction with the same
// pragmas on the same disk.
func (b *bench) save() (err error) {
	const n = 200
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.dir, "save.db"))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if _, err := db.AddChecklists(ctx, false, b.cl); err != nil {
		return err
	}
	res, err := db.ImportPlan(ctx, "bench", plan(1, 2030))
	if err != nil {
		return err
	}
	ovs, err := db.Overviews(ctx, res.Inspection.ID)
	if err != nil {
		return err
	}
	aid := ovs[0].Assessment.ID
	items := b.cl.Items()
	saved := map[string]string{}
	k := 0
	b.logf("save: %d × %d saves", *runs, n)
	ours, err := measure(func() error {
		for range n {
			it := items[k%len(items)]
			k++
			f, err := db.SaveFinding(ctx, model.Finding{AssessmentID: aid, ItemCode: it.Code, Result: model.ResultFail,
				Note: fmt.Sprintf("Chưa niêm yết thủ tục số %d", k), UpdatedBy: "Trần Văn Minh", BaseRevision: saved[it.Code]})
			if err != nil {
				return err
			}
			saved[it.Code] = f.Revision
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The same table layout, a fresh file, the same pragmas; each INSERT
	// is its own transaction. The CLI's start-up is measured without the
	// inserts and taken off.
	base := filepath.Join(b.dir, "save-sqlite3.db")
	head := "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n" +
		"CREATE TABLE IF NOT EXISTS findings (id TEXT PRIMARY KEY, assessment_id TEXT NOT NULL, item_code TEXT NOT NULL, result TEXT NOT NULL, score INTEGER NOT NULL, note TEXT NOT NULL, evidence TEXT NOT NULL, recommendation TEXT NOT NULL, deadline TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL, device TEXT NOT NULL, revision TEXT NOT NULL, base_revision TEXT NOT NULL, UNIQUE(assessment_id, item_code));\n"
	if err := b.sqlite(base, head); err != nil {
		return err
	}
	j := 0
	script := func() string {
		var sb strings.Builder
		sb.WriteString(head)
		for range n {
			j++
			fmt.Fprintf(&sb, "INSERT INTO findings VALUES ('f%d','a','%s','fail',0,'Chưa niêm yết thủ tục số %d','','','','Trần Văn Minh','2030-03-01T00:00:00Z','d','r%d','') ON CONFLICT(assessment_id, item_code) DO UPDATE SET note=excluded.note, revision=excluded.revision;\n",
				j, items[j%len(items)].Code, j, j)
		}
		return sb.String()
	}
	full, err := measure(func() error { return b.sqlite(base, script()) })
	if err != nil {
		return err
	}
	empty, err := measure(func() error { return b.sqlite(base, head) })
	if err != nil {
		return err
	}
	b.add(line{name: "save one finding durably (WAL, synchronous FULL)", ours: ours / n, baseline: (full - empty) / n, unit: "µs",
		note: "baseline: sqlite3 CLI, one INSERT … ON CONFLICT per transaction, same pragmas, same disk (CLI start-up subtracted)"})
	return nil
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)$`)

// ui runs the TUI benchmarks of package ui (same process, same 2,000
// items for ours and bubbles/list) and takes the median of -count runs.
func (b *bench) ui() error {
	b.logf("keystroke/search: go test ./ui/ -bench")
	cmd := exec.Command("go", "test", "./ui/", "-run", "^$", "-bench", "^Benchmark(Keystroke|Search)2000", "-benchtime", "1s",
		"-count", strconv.Itoa(*runs))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -bench ./ui/: %w\n%s", err, out)
	}
	ns := map[string][]float64{}
	found := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		ns[m[1]] = append(ns[m[1]], v/1e9)
		if f := regexp.MustCompile(`([\d.]+) found`).FindStringSubmatch(m[3]); f != nil {
			found[m[1]] = f[1]
		}
	}
	get := func(name string) (float64, error) {
		if len(ns[name]) == 0 {
			return 0, fmt.Errorf("no result for %s in:\n%s", name, out)
		}
		return median(ns[name]), nil
	}
	k, err := get("BenchmarkKeystroke2000")
	if err != nil {
		return err
	}
	kb, err := get("BenchmarkKeystroke2000BubblesList")
	if err != nil {
		return err
	}
	s, err := get("BenchmarkSearch2000")
	if err != nil {
		return err
	}
	sb, err := get("BenchmarkSearch2000BubblesListFilter")
	if err != nil {
		return err
	}
	yn := func(s string) string {
		if v, err := strconv.ParseFloat(s, 64); err == nil && v == 1 {
			return "found it"
		}
		return "did NOT find it"
	}
	b.add(line{name: "one keystroke (Update + View), 2,000-item checklist", ours: k, baseline: kb, unit: "µs",
		note: "baseline: bubbles/list with the same 2,000 items, ↓ then View, 120×40"})
	b.add(line{name: "one search keystroke \"thu tuc\" → \"thủ tục\", 2,000 items", ours: s, baseline: sb, unit: "µs",
		note: fmt.Sprintf("baseline: bubbles/list DefaultFilter; kiemtra %s, the baseline %s", yn(found["BenchmarkSearch2000"]), yn(found["BenchmarkSearch2000BubblesListFilter"]))})
	return nil
}

var tmuxN int

// tmuxUntil starts cmd in a fresh tmux server and returns the seconds until
// want is on screen, and the pane's PID, then (if stop) kills the server.
func (b *bench) tmuxUntil(socket, cmd, want string, stop bool) (_ float64, _ int, err error) {
	// A fresh socket each time: a server being killed may still hold the
	// last one.
	tmuxN++
	socket = fmt.Sprintf("%s-%d", socket, tmuxN)
	tm := func(args ...string) ([]byte, error) {
		return exec.Command("tmux", append([]string{"-L", socket}, args...)...).CombinedOutput()
	}
	// A running server first, so server start-up is not counted.
	if out, err := tm("new-session", "-d", "-s", "idle", "-x", "120", "-y", "40", "sleep 600"); err != nil {
		return 0, 0, fmt.Errorf("tmux: %w %s", err, out)
	}
	if stop {
		defer func() {
			if out, kerr := tm("kill-server"); kerr != nil && err == nil {
				err = fmt.Errorf("tmux kill-server: %w %s", kerr, out)
			}
		}()
	}
	t := time.Now()
	if out, err := tm("new-session", "-d", "-s", "m", "-x", "120", "-y", "40", "-e", "LANG=C.UTF-8", cmd); err != nil {
		return 0, 0, fmt.Errorf("tmux: %w %s", err, out)
	}
	for time.Since(t) < 30*time.Second {
		out, _ := tm("capture-pane", "-p", "-t", "m")
		if bytes.Contains(out, []byte(want)) {
			el := time.Since(t).Seconds()
			pidOut, _ := tm("list-panes", "-t", "m", "-F", "#{pane_pid}")
			pid, _ := strconv.Atoi(strings.TrimSpace(string(pidOut)))
			return el, pid, nil
		}
		time.Sleep(2 * time.Millisecond)
	}
	out, _ := tm("capture-pane", "-p", "-t", "m")
	if !stop {
		// The caller would have killed it once done; it is done now.
		_, _ = tm("kill-server")
	}
	return 0, 0, fmt.Errorf("%q never showed %q:\n%s", cmd, want, out)
}

// start: the real binary from launch to its first frame (the start
// screen) on the 100,000-finding database, vs sqlite3 opening the same file
// and printing the count of findings; both in tmux, until the text shows.
func (b *bench) start() error {
	b.logf("cold start")
	socket := fmt.Sprintf("kiemtra-bench-%d", os.Getpid())
	var ours, base []float64
	for range *runs {
		t, _, err := b.tmuxUntil(socket, "exec "+b.bin+" --db "+b.big, "Đơn vị được kiểm tra", true)
		if err != nil {
			return err
		}
		ours = append(ours, t)
		t, _, err = b.tmuxUntil(socket, b.sqlite3+" "+b.big+" 'SELECT count(*) FROM findings'; sleep 60", "100000", true)
		if err != nil {
			return err
		}
		base = append(base, t)
	}
	b.add(line{name: "start to first frame, 100,000-finding database", ours: median(ours), baseline: median(base), unit: "ms",
		note: "baseline: sqlite3 opening the file and printing count(*) of findings; both timed in tmux until the text shows"})
	return nil
}

const summaryQuery = `SELECT u.code, u.name, f.item_code, f.result, f.score, f.note, f.evidence, f.recommendation, f.deadline
FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN units u ON u.id = a.unit_id
JOIN inspections i ON i.id = a.inspection_id WHERE i.year = 2030 ORDER BY u.code, f.item_code`

// summary: the consolidated summary of 2030 (40 units, 80,000 findings) as
// XLSX and Markdown by the real command, vs sqlite3 dumping the same rows
// to CSV.
func (b *bench) summary() error {
	b.logf("summary")
	var lines []line
	for _, f := range []string{"xlsx", "md"} {
		out := filepath.Join(b.dir, "summary."+f)
		t, err := measure(func() error {
			cmd := exec.Command(b.bin, "--db", b.big, "report", "summary", "--year", "2030", "--format", f,
				"--out", out, "--force")
			if o, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("kiemtra report summary: %w %s", err, o)
			}
			return nil
		})
		if err != nil {
			return err
		}
		lines = append(lines, line{name: "consolidated summary, 80,000 findings → " + strings.ToUpper(f), ours: t, unit: "s"})
	}
	csv := filepath.Join(b.dir, "dump.csv")
	cnt, err := exec.Command(b.sqlite3, "-readonly", b.big, "SELECT count(*) FROM ("+summaryQuery+")").Output()
	if err != nil {
		return fmt.Errorf("sqlite3 counts rows: %w", err)
	}
	if strings.TrimSpace(string(cnt)) != "80000" {
		return fmt.Errorf("sqlite3 counts %q rows, want 80000", cnt)
	}
	base, err := measure(func() error {
		f, err := os.Create(csv)
		if err != nil {
			return err
		}
		cmd := exec.Command(b.sqlite3, "-readonly", "-csv", b.big, summaryQuery)
		cmd.Stdout = f
		return errors.Join(cmd.Run(), f.Close())
	})
	if err != nil {
		return err
	}
	for i := range lines {
		lines[i].baseline = base
		lines[i].note = "baseline: sqlite3 -csv dumping the same 80,000 rows (joined with their units) to a file"
		b.add(lines[i])
	}
	return nil
}

// merge: Sở Nội vụ importing 200 bundles (40 teams × 5 bundles each, sent
// every 50 answers) with `kiemtra import`, vs sqlite3 inserting the same
// rows (findings, audit, inspections, units, assessments) from the 200
// teams' databases as they were when each bundle was written, attached one
// at a time, one transaction each.
func (b *bench) merge() error {
	ctx := context.Background()
	mdir := filepath.Join(b.dir, "merge")
	if err := os.MkdirAll(mdir, 0o700); err != nil {
		return err
	}
	office := filepath.Join(mdir, "office.db")
	odb, err := store.Open(ctx, office)
	if err != nil {
		return err
	}
	if _, err := odb.AddChecklists(ctx, false, b.cl); err != nil {
		return err
	}
	b.logf("merge: 40 teams answering and bundling (%d saves)", nUnits*perBundle*nBundles/nUnits)
	var bundles, snaps []string
	items := b.cl.Items()
	rows := 0
	for u := 0; u < nUnits; u++ {
		dev := filepath.Join(mdir, fmt.Sprintf("team%02d.db", u))
		db, err := store.Open(ctx, dev)
		if err != nil {
			return err
		}
		if _, err := db.AddChecklists(ctx, false, b.cl); err != nil {
			return err
		}
		if err := db.SetSetting(ctx, store.SettingInspector, fmt.Sprintf("Đoàn %d", u)); err != nil {
			return err
		}
		res, err := db.ImportPlan(ctx, "bench", plan(nUnits, 2030))
		if err != nil {
			return err
		}
		a, err := db.AssessmentOf(ctx, res.Inspection.ID, unitCode(u))
		if err != nil {
			return err
		}
		if _, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion); err != nil {
			return err
		}
		key := filepath.Join(mdir, fmt.Sprintf("team%02d.pub", u))
		if _, err := db.ExportPublicKey(ctx, key); err != nil {
			return err
		}
		if _, err := odb.TrustKeyFile(ctx, key, fmt.Sprintf("Đoàn %d", u)); err != nil {
			return err
		}
		k := 0
		for j := 0; j < nBundles/nUnits; j++ {
			for range perBundle {
				it := items[k]
				k++
				c := model.Content{Result: model.ResultPass, Score: it.Max}
				if k%5 == 0 {
					c = model.Content{Result: model.ResultFail, Note: "Chưa thực hiện đúng quy định"}
				}
				f := model.Finding{AssessmentID: a.ID, ItemCode: it.Code, UpdatedBy: fmt.Sprintf("Đoàn %d", u)}
				f.Apply(c)
				if _, err := db.SaveFinding(ctx, f); err != nil {
					return err
				}
			}
			out := filepath.Join(mdir, fmt.Sprintf("team%02d-%d.ktb", u, j+1))
			info, err := db.WriteBundle(ctx, out, store.BundleOptions{Inspection: res.Inspection.ID, Units: []string{unitCode(u)}})
			if err != nil {
				return err
			}
			rows += info.Manifest.Counts.Records()
			snap := filepath.Join(mdir, fmt.Sprintf("team%02d-%d.db", u, j+1))
			if _, err := db.SQL().ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
				return err
			}
			bundles, snaps = append(bundles, out), append(snaps, snap)
		}
		if err := db.Close(); err != nil {
			return err
		}
	}
	if err := odb.Close(); err != nil {
		return err
	}
	// Every run starts from the same office database (and its key).
	fresh := func(name string) (string, error) {
		dst := filepath.Join(mdir, name+".db")
		for _, sfx := range []string{".db", ".device.key"} {
			src := strings.TrimSuffix(office, ".db") + sfx
			if _, err := os.Stat(src); err != nil {
				continue
			}
			data, err := os.ReadFile(src)
			if err != nil {
				return "", err
			}
			if err := os.WriteFile(strings.TrimSuffix(dst, ".db")+sfx, data, 0o600); err != nil {
				return "", err
			}
		}
		// The import's backups from the previous run would count against
		// this one's disk, not its time; they go.
		if err := os.RemoveAll(filepath.Join(mdir, "backups")); err != nil {
			return "", err
		}
		return dst, nil
	}
	b.logf("merge: importing %d bundles, %d runs", len(bundles), *runs)
	run := 0
	ours, err := measure(func() error {
		run++
		db, err := fresh(fmt.Sprintf("run%d", run))
		if err != nil {
			return err
		}
		cmd := exec.Command(b.bin, append([]string{"--db", db, "import"}, bundles...)...)
		if o, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("kiemtra import: %w %s", err, lastLines(o, 5))
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Check the merge: every team's answers are in.
	check, err := store.Open(ctx, filepath.Join(mdir, "run1.db"))
	if err != nil {
		return err
	}
	nf, cols, err := mergedShape(ctx, check)
	if err = errors.Join(err, check.Close()); err != nil {
		return err
	}
	if want := nUnits * perBundle * nBundles / nUnits; nf != want {
		return fmt.Errorf("after the import the office holds %d findings, want %d", nf, want)
	}
	var sb strings.Builder
	sb.WriteString("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n")
	for _, s := range snaps {
		fmt.Fprintf(&sb, "ATTACH '%s' AS b;\nBEGIN;\n", s)
		for _, t := range []string{"inspections", "units", "assessments", "audit"} {
			fmt.Fprintf(&sb, "INSERT OR IGNORE INTO %s(%s) SELECT %s FROM b.%s;\n", t, cols[t], cols[t], t)
		}
		fmt.Fprintf(&sb, "INSERT OR REPLACE INTO findings(%s) SELECT %s FROM b.findings;\nCOMMIT;\nDETACH b;\n", cols["findings"], cols["findings"])
	}
	script := sb.String()
	base, err := measure(func() error {
		run++
		db, err := fresh(fmt.Sprintf("run%d", run))
		if err != nil {
			return err
		}
		return b.sqlite(db, script)
	})
	if err != nil {
		return err
	}
	b.add(line{name: fmt.Sprintf("merge %d bundles (%d records) into the office database", len(bundles), rows), ours: ours, baseline: base, unit: "s",
		note: "ours: kiemtra import (signature, hashes, audit chains, merge by revision, backup, receipts); baseline: sqlite3 ATTACH + INSERT of the same rows from each team's database, one transaction each"})
	return nil
}

func lastLines(b []byte, n int) string {
	ls := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n")
}

// memory: peak RSS of the app on the large database after opening a
// 2,000-item checklist, scrolling to its end and opening the summary.
func (b *bench) memory() error {
	b.logf("memory")
	_, pid, err := b.tmuxUntil(fmt.Sprintf("kiemtra-bench-mem-%d", os.Getpid()), "exec "+b.bin+" --db "+b.big, "Đơn vị được kiểm tra", false)
	if err != nil {
		return err
	}
	socket := fmt.Sprintf("kiemtra-bench-mem-%d-%d", os.Getpid(), tmuxN)
	// The measurement is read from /proc before this; a server that will
	// not die is tmux's business.
	defer func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() }()
	keys := func(ks ...string) {
		for _, k := range ks {
			// A key lost here shows as the screen not reached below.
			_ = exec.Command("tmux", "-L", socket, "send-keys", "-t", "m", k).Run()
			time.Sleep(100 * time.Millisecond)
		}
	}
	capture := func() []byte {
		out, _ := exec.Command("tmux", "-L", socket, "capture-pane", "-p", "-t", "m").Output()
		return out
	}
	waitFor := func(want string) bool {
		for t := time.Now(); time.Since(t) < 15*time.Second; time.Sleep(50 * time.Millisecond) {
			if bytes.Contains(capture(), []byte(want)) {
				return true
			}
		}
		return false
	}
	keys("Tab", "Enter")
	opened := waitFor("Lĩnh vực ─")
	keys("G", "g", "/", "t", "h", "u")
	time.Sleep(500 * time.Millisecond)
	keys("Escape", "s")
	time.Sleep(time.Second)
	screen := capture()
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return fmt.Errorf("read peak RSS: %w", err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(st)
	if m == nil {
		return errors.New("no VmHWM in /proc status")
	}
	kb, _ := strconv.ParseFloat(string(m[1]), 64)
	note := "after opening a 2,000-item checklist, scrolling to its end, searching and opening the summary"
	if !opened {
		note += " (the checklist did not open: check the key sequence)"
		b.logf("memory: last screen:\n%s", screen)
	}
	b.add(line{name: "peak memory (RSS) on the 100,000-finding database", ours: kb / 1024, unit: "MB", note: note})
	return nil
}

// mergedShape is how many findings the office holds after the merge, and
// the columns of each table the baseline copies (the audit chain's own
// sequence number aside).
func mergedShape(ctx context.Context, db *store.DB) (int, map[string]string, error) {
	var nf int
	if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM findings").Scan(&nf); err != nil {
		return 0, nil, fmt.Errorf("count findings: %w", err)
	}
	cols := map[string]string{}
	for _, t := range []string{"inspections", "units", "assessments", "findings", "audit"} {
		names, err := columns(ctx, db, t)
		if err != nil {
			return 0, nil, err
		}
		cols[t] = strings.Join(names, ", ")
	}
	return nf, cols, nil
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
