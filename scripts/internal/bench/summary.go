package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// dumpQuery selects every finding of the data with its unit: what the
// summary's findings table shows.
const dumpQuery = `SELECT u.code, u.name, f.item_code, f.result, f.score, f.note, f.evidence, f.recommendation, f.deadline
FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN units u ON u.id = a.unit_id
ORDER BY u.code, f.item_code`

// timed runs cmd and returns its wall time in seconds and its peak RSS in
// MB.
func timed(cmd *exec.Cmd) (sec, rssMB float64, err error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t := time.Now()
	err = cmd.Run()
	sec = time.Since(t).Seconds()
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, lastLines(out.Bytes(), 8))
	}
	return sec, peakRSS(cmd.ProcessState), nil
}

// summary: `kiemtra report summary` of the inspection (every finding of
// the data) as XLSX and as Markdown, beside sqlite3 -csv dumping the same
// findings joined with their units to a file.
func (b *bench) summary() error {
	data, err := b.dataDB()
	if err != nil {
		return err
	}
	// sqlite3 opens the file read-write, though it only reads: opened
	// -readonly it leaves the write-ahead log behind when it exits (a
	// read-only connection cannot remove it), and the next kiemtra would
	// take that for a crash and check the whole file before anything else,
	// as it does after one — measuring the after-a-crash path, not the
	// summary.
	cnt, err := exec.Command(b.sqlite3, data, "SELECT count(*) FROM ("+dumpQuery+")").Output()
	if err != nil {
		return fmt.Errorf("sqlite3 counts the rows: %w", err)
	}
	if strings.TrimSpace(string(cnt)) != strconv.Itoa(b.n) {
		return fmt.Errorf("sqlite3 counts %q rows, want %d", cnt, b.n)
	}
	var rss []float64
	ours := func(format string) func() (float64, error) {
		return func() (float64, error) {
			if _, err := os.Lstat(data + "-wal"); err == nil {
				return 0, fmt.Errorf("%s-wal is there before the summary: the file was not closed cleanly", data)
			}
			out := filepath.Join(b.dir, "summary."+format)
			s, m, err := timed(exec.Command(b.bin, "--db", data, "report", "summary", "--format", format, "--out", out, "--force"))
			if format == "xlsx" {
				rss = append(rss, m)
			}
			return s, err
		}
	}
	base := func() (float64, error) {
		f, err := os.Create(filepath.Join(b.dir, "dump.csv"))
		if err != nil {
			return 0, err
		}
		s, _, err := timed(exec.Command(b.sqlite3, "-csv", data, ".once "+f.Name(), dumpQuery))
		return s, errors.Join(err, f.Close())
	}
	logf("summary: %d runs, interleaved", *runs)
	v, err := interleave(*runs, ours("xlsx"), base, ours("md"), base)
	if err != nil {
		return err
	}
	baseline := median(append(append([]float64(nil), v[1]...), v[3]...))
	note := fmt.Sprintf("kiemtra report summary of the inspection (%d findings); baseline: sqlite3 -csv dumping the same findings joined with their units to a file", b.n)
	b.out.add(line{Figure: "summary XLSX ÷ sqlite3 CSV dump", Size: b.size, Ours: median(v[0]), Baseline: baseline,
		Unit: "s", Runs: *runs, maxRatio: 3, Note: note})
	b.out.add(line{Figure: "summary Markdown ÷ sqlite3 CSV dump", Size: b.size, Ours: median(v[2]), Baseline: baseline,
		Unit: "s", Runs: *runs, maxRatio: 3, Note: note})
	b.out.add(line{Figure: "peak RSS, summary XLSX", Size: b.size, Ours: maxOf(rss), Unit: "MB", Runs: *runs,
		maxOurs: memoryGoal(b.n), Note: "the highest of the runs (getrusage ru_maxrss)"})
	return nil
}

// memoryGoal is the most a process may hold at n findings.
func memoryGoal(n int) float64 {
	if n > 100_000 {
		return 128
	}
	return 64
}

func lastLines(b []byte, n int) string {
	ls := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n")
}
