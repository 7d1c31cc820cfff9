package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
)

var benchLine = regexp.MustCompile(`(?m)^Benchmark\S+\s+\d+\s+([\d.]+) ns/op(.*)$`)
var foundMetric = regexp.MustCompile(`([\d.]+) found`)

// goBench runs one benchmark of package ui's test binary (built once) and
// returns its time per operation in µs and its "found" metric (-1 when
// it reports none).
func (b *bench) goBench(name string) func() (float64, error) {
	return func() (float64, error) {
		out, err := exec.Command(b.uiTest, "-test.run", "^$", "-test.bench", "^"+name+"$", "-test.benchtime", "300ms").CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("%s: %w\n%s", name, err, out)
		}
		m := benchLine.FindSubmatch(out)
		if m == nil {
			return 0, fmt.Errorf("%s printed no result:\n%s", name, out)
		}
		ns, err := strconv.ParseFloat(string(m[1]), 64)
		if err != nil {
			return 0, err
		}
		if f := foundMetric.FindSubmatch(m[2]); f != nil {
			v, err := strconv.ParseFloat(string(f[1]), 64)
			found[name] = err == nil && v == 1
		}
		return ns / 1e3, nil
	}
}

// found records, per benchmark, whether its search found the item.
var found = map[string]bool{}

// keystroke: ↓ then View on the 2,000-item checklist at 120×40, beside
// bubbles/list holding the same items doing the same.
func (b *bench) keystroke() error {
	logf("keystroke: package ui's benchmarks, interleaved")
	v, err := interleave(*runs, b.goBench("BenchmarkKeystroke2000"), b.goBench("BenchmarkKeystroke2000BubblesList"))
	if err != nil {
		return err
	}
	b.out.add(line{Figure: "one keystroke on a 2,000-item checklist ÷ bubbles/list View", Size: "2000 items",
		Ours: median(v[0]), Baseline: median(v[1]), Unit: "µs", Runs: *runs, maxRatio: 0.5,
		Note: "ours: App.Update(↓) + View() at 120×40; baseline: bubbles/list with the same items, Update(↓) + View()"})
	return nil
}

// search: the keystroke completing "thu tuc" in our accent-folding search
// beside list.DefaultFilter over the same items.
func (b *bench) search() error {
	logf("search: package ui's benchmarks, interleaved")
	v, err := interleave(*runs, b.goBench("BenchmarkSearch2000"), b.goBench("BenchmarkSearch2000BubblesListFilter"))
	if err != nil {
		return err
	}
	yn := func(ok bool) string {
		if ok {
			return "finds “thủ tục”"
		}
		return "does NOT find “thủ tục”"
	}
	l := line{Figure: "search keystroke ÷ list.DefaultFilter", Size: "2000 items",
		Ours: median(v[0]), Baseline: median(v[1]), Unit: "µs", Runs: *runs, maxRatio: 0.25,
		Note: fmt.Sprintf("\"thu tuc\": ours %s, the baseline %s", yn(found["BenchmarkSearch2000"]), yn(found["BenchmarkSearch2000BubblesListFilter"]))}
	b.out.add(l)
	if !found["BenchmarkSearch2000"] {
		return fmt.Errorf("our search did not find the item: %s", l.Note)
	}
	return nil
}
