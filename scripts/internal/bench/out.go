package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// line is one figure as printed: ours beside the baseline, the ratio, and
// whether it meets its goal. A figure without a baseline (peak memory)
// has its goal on ours itself.
type line struct {
	Figure   string  `json:"figure"`
	Size     string  `json:"size"`
	Ours     float64 `json:"ours"`               // in Unit
	Baseline float64 `json:"baseline,omitempty"` // in Unit; 0 when there is none
	Ratio    float64 `json:"ratio,omitempty"`
	Unit     string  `json:"unit"` // "µs", "ms", "s", "MB"
	Goal     string  `json:"goal"` // as printed: "≤ 1.3", "≤ 64 MB"
	OK       bool    `json:"ok"`
	Runs     int     `json:"runs"`
	Note     string  `json:"note,omitempty"`

	maxRatio float64 // the goal on the ratio, or
	maxOurs  float64 // the goal on ours (in Unit)
}

// printer prints lines as they come, as a table or as JSON lines.
type printer struct {
	json   bool
	missed int
	failed error
}

func newPrinter(asJSON bool) *printer { return &printer{json: asJSON} }

func (p *printer) header(s string) {
	if p.json {
		return
	}
	fmt.Println(s)
	fmt.Printf("\n%s %11s %11s %6s %9s  %s\n", pad("figure", figureWidth), "ours", "baseline", "ratio", "goal", "ok|MISS")
}

// add completes l (ratio, goal, verdict) and prints it at once.
func (p *printer) add(l line) {
	if l.Baseline > 0 {
		l.Ratio = l.Ours / l.Baseline
	}
	switch {
	case l.maxRatio > 0:
		l.Goal = fmt.Sprintf("≤ %g", l.maxRatio)
		l.OK = l.Baseline > 0 && l.Ratio <= l.maxRatio
	case l.maxOurs > 0:
		l.Goal = fmt.Sprintf("≤ %g %s", l.maxOurs, l.Unit)
		l.OK = l.Ours <= l.maxOurs
	}
	if !l.OK {
		p.missed++
	}
	if p.json {
		b, err := json.Marshal(l)
		if err != nil {
			p.failed = err
			return
		}
		fmt.Println(string(b))
		return
	}
	base, ratio := "–", "–"
	if l.Baseline > 0 {
		base, ratio = format(l.Baseline, l.Unit), fmt.Sprintf("%.2f", l.Ratio)
	}
	verdict := "ok"
	if !l.OK {
		verdict = "MISS"
	}
	fmt.Printf("%s %11s %11s %6s %9s  %s\n", pad(l.Figure+" ["+l.Size+"]", figureWidth), format(l.Ours, l.Unit), base, ratio, l.Goal, verdict)
	if l.Note != "" && *verbose {
		fmt.Printf("    %s\n", l.Note)
	}
}

func (p *printer) footer() {
	if p.json {
		return
	}
	fmt.Println("\nratio = ours ÷ baseline, each the median of its runs; below 1 we are faster")
}

// err makes a missed goal the command's failure, after every line is out.
func (p *printer) err() error {
	if p.failed != nil {
		return p.failed
	}
	if p.missed > 0 {
		return missedGoals(p.missed)
	}
	return nil
}

// missedGoals is a run whose every figure was measured and this many
// missed their goal: the command exits 3 (1 when a figure could not be
// measured), after its data is removed.
type missedGoals int

func (n missedGoals) Error() string { return fmt.Sprintf("%d figure(s) missed the goal", int(n)) }

// figureWidth is the width of the figure column, in characters.
const figureWidth = 74

// pad fills s with spaces to w characters (not bytes: the names hold ÷ and
// Vietnamese letters).
func pad(s string, w int) string {
	if n := utf8.RuneCountInString(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func format(v float64, unit string) string {
	switch unit {
	case "µs":
		return fmt.Sprintf("%.1f µs", v)
	case "ms":
		return fmt.Sprintf("%.1f ms", v)
	case "MB":
		return fmt.Sprintf("%.1f MB", v)
	}
	return fmt.Sprintf("%.3f s", v)
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

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// interleave runs each of fs once per run, in turn (A B A B …), and
// returns each one's values.
func interleave(n int, fs ...func() (float64, error)) ([][]float64, error) {
	out := make([][]float64, len(fs))
	for r := 0; r < n; r++ {
		for i, f := range fs {
			v, err := f()
			if err != nil {
				return nil, err
			}
			out[i] = append(out[i], v)
		}
	}
	return out, nil
}

// retry runs f up to tries times while it fails: a terminal multiplexer
// that drops a session or a key under load costs one attempt, not the
// whole table.
func retry(tries int, what string, f func() (float64, error)) func() (float64, error) {
	return func() (float64, error) {
		var err error
		for i := 0; i < tries; i++ {
			var v float64
			if v, err = f(); err == nil {
				return v, nil
			}
			logf("%s: attempt %d failed: %v", what, i+1, err)
		}
		return 0, fmt.Errorf("%s: %d attempts failed, the last: %w", what, tries, err)
	}
}
