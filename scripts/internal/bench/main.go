// Command bench is scripts/bench: kiemtra's figures beside their baselines,
// measured in the same run on data it generates itself in a temporary
// folder, ours and the baseline's runs interleaved (A B A B …) so that a
// busy machine slows both alike. Each figure runs on the size its line
// names: -size findings in one inspection of a 2,000-item checklist, and
// 200 bundles carrying that many distinct findings. Every line is printed
// the moment it is measured:
//
//	figure  ours  baseline  ratio  goal  ok|MISS
//
// Baselines are the sqlite3 command-line tool and bubbles/list.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

var (
	runs    = flag.Int("runs", 5, "runs of each figure, ours and the baseline's interleaved (the median is printed)")
	keep    = flag.Bool("keep", false, "keep the temporary folders")
	only    = flag.String("only", "", "comma-separated figures to run (save, keystroke, search, start, summary, merge, memory)")
	sizeArg = flag.String("size", "100k", "findings in the data: 10k, 100k or 1m")
	scaling = flag.Bool("scaling", false, "run every figure at 10k, 100k and 1m")
	asJSON  = flag.Bool("json", false, "print one JSON object per figure instead of the table")
	verbose = flag.Bool("v", false, "print progress on stderr")
)

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		if errors.As(err, new(missedGoals)) {
			os.Exit(3)
		}
		os.Exit(1)
	}
}

// sizes the data can have: findings in one inspection.
var sizes = map[string]int{"10k": 10_000, "100k": 100_000, "1m": 1_000_000}

// bench is one run of the figures at one size.
type bench struct {
	dir     string // on disk: the databases measured
	ram     string // on tmpfs when there is one: generation scratch, bundle sources
	bin     string // the kiemtra binary
	uiTest  string // package ui's test binary
	sqlite3 string
	size    string
	n       int // findings
	out     *printer

	data string // the database of n findings in one inspection (generated on first need)
}

func run() (err error) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		return errors.New("the sqlite3 command-line tool is missing: install the Debian package sqlite3 (sudo apt-get install sqlite3)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		return errors.New("tmux is missing: install the Debian package tmux (sudo apt-get install tmux)")
	}
	list := []string{*sizeArg}
	if *scaling {
		list = []string{"10k", "100k", "1m"}
	}
	for _, s := range list {
		if _, ok := sizes[s]; !ok {
			return fmt.Errorf("-size %q: use 10k, 100k or 1m", s)
		}
	}
	want, err := figuresWanted(*only)
	if err != nil {
		return err
	}
	top, err := os.MkdirTemp("", "kiemtra-bench-")
	if err != nil {
		return err
	}
	ram := top
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if ram, err = os.MkdirTemp("/dev/shm", "kiemtra-bench-"); err != nil {
			return err
		}
	}
	if *keep {
		fmt.Fprintln(os.Stderr, "files kept in", top, ram)
	} else {
		defer func() { err = errors.Join(err, os.RemoveAll(top), os.RemoveAll(ram)) }()
		// Interrupted (ctrl+c, a CI timeout), the bench still takes its
		// gigabyte of data with it.
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(sig)
		go func() {
			s := <-sig
			fmt.Fprintln(os.Stderr, "bench: interrupted; removing", top, ram)
			_ = os.RemoveAll(top) // best effort: the process ends now
			_ = os.RemoveAll(ram)
			os.Exit(128 + int(s.(syscall.Signal)))
		}()
	}
	out := newPrinter(*asJSON)
	version, _ := exec.Command(sqlite3, "--version").Output()
	out.header(fmt.Sprintf("kiemtra bench: %d runs each, interleaved with the baseline, median; sqlite3 %s",
		*runs, strings.Fields(string(version) + " ?")[0]))
	bin := filepath.Join(top, "kiemtra")
	logf("building kiemtra and package ui's benchmarks")
	// Built as it ships (CGO_ENABLED=0: a static binary, as the
	// cross-builds for the laptops are), not as go build makes it here
	// by default (linked against libc, loaded by the dynamic linker).
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if o, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, o)
	}
	uiTest := filepath.Join(top, "ui.test")
	if o, err := exec.Command("go", "test", "-c", "-o", uiTest, "./ui/").CombinedOutput(); err != nil {
		return fmt.Errorf("go test -c ./ui/: %w\n%s", err, o)
	}
	for _, s := range list {
		b := &bench{dir: filepath.Join(top, s), ram: filepath.Join(ram, s), bin: bin, uiTest: uiTest,
			sqlite3: sqlite3, size: s, n: sizes[s], out: out}
		if err := b.figures(want); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
		// Each size's data goes before the next is made: a million
		// findings take a gigabyte.
		if !*keep {
			if err := errors.Join(os.RemoveAll(b.dir), os.RemoveAll(b.ram)); err != nil {
				return err
			}
		}
	}
	out.footer()
	return out.err()
}

// figureOrder is every figure, in the order they run.
var figureOrder = []string{"save", "keystroke", "search", "start", "summary", "merge", "memory"}

func figuresWanted(s string) (map[string]bool, error) {
	want := map[string]bool{}
	if strings.TrimSpace(s) == "" {
		for _, f := range figureOrder {
			want[f] = true
		}
		return want, nil
	}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		ok := false
		for _, g := range figureOrder {
			ok = ok || g == f
		}
		if !ok {
			return nil, fmt.Errorf("-only %q: figures are %s", f, strings.Join(figureOrder, ", "))
		}
		want[f] = true
	}
	return want, nil
}

func (b *bench) figures(want map[string]bool) error {
	for _, d := range []string{b.dir, b.ram} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
	}
	steps := []struct {
		name string
		f    func() error
	}{
		{"save", b.save},
		{"keystroke", b.keystroke},
		{"search", b.search},
		{"start", b.start},
		{"summary", b.summary},
		{"merge", b.merge},
		{"memory", b.memory},
	}
	for _, s := range steps {
		if !want[s.name] {
			continue
		}
		if err := s.f(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

// dataDB returns the database of b.n findings, generating it once.
func (b *bench) dataDB() (string, error) {
	if b.data != "" {
		return b.data, nil
	}
	p := filepath.Join(b.dir, "data.db")
	logf("generating %d findings in one inspection (%d units × %d items)", b.n, b.n/nItems, nItems)
	if err := generate(p, genSpec{units: b.n / nItems, from: 0, to: b.n, actor: "Trần Văn Minh"}); err != nil {
		return "", fmt.Errorf("generate %s: %w", p, err)
	}
	b.data = p
	return p, nil
}

func logf(format string, args ...any) {
	if *verbose {
		fmt.Fprintf(os.Stderr, "  "+format+"\n", args...)
	}
}
