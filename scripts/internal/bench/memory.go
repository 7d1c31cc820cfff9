package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var vmHWM = regexp.MustCompile(`VmHWM:\s+(\d+) kB`)

// memory: the TUI's peak RSS on the data after a working session: the
// start screen with every unit's progress, a unit's 2,000-item checklist
// opened and scrolled to its end, a search, and the unit's summary.
func (b *bench) memory() error {
	data, err := b.dataDB()
	if err != nil {
		return err
	}
	units := b.n / nItems
	session := retry(3, "memory (TUI)", func() (_ float64, err error) {
		// Each session on a fresh copy: a session that failed half-way
		// leaves the app's "where you stopped" behind, and the next would
		// open elsewhere than the steps expect.
		fresh := filepath.Join(b.dir, "memory.db")
		for _, side := range []string{"-wal", "-shm"} {
			if err := os.Remove(fresh + side); err != nil && !errors.Is(err, os.ErrNotExist) {
				return 0, err
			}
		}
		if err := copyDB(data, fresh); err != nil {
			return 0, err
		}
		t, err := launch("exec " + b.bin + " --db " + fresh)
		if err != nil {
			return 0, err
		}
		atUnits := has(fmt.Sprintf("Đơn vị được kiểm tra (%d)", units), "2000/2000")
		// From the summary, Escape goes back to the checklist and again to
		// the units, so the next start opens on them; q quits.
		defer func() {
			err = errors.Join(err, t.press("Escape", false, "the checklist", has("Lĩnh vực ─")),
				t.press("Escape", false, "the units", atUnits), t.quit("q"))
		}()
		// The app reopens where the last session stopped (a unit's
		// checklist, after a session that quit there): Escape goes to the
		// units.
		resumed := has("Mở lại nơi làm việc lần trước")
		if _, err := t.waitFor("the units", 60*time.Second, func(s string) bool { return atUnits(s) || resumed(s) }); err != nil {
			return 0, err
		}
		if s, err := t.screen(); err == nil && !atUnits(s) {
			if err := t.press("Escape", false, "the units", atUnits); err != nil {
				return 0, err
			}
		}
		steps := []struct {
			key  string
			lit  bool
			what string
			ok   func(string) bool
		}{
			{"Tab", false, "the unit list focused", has("▸ Đơn vị được kiểm tra")},
			{"Enter", false, "the checklist", has("Lĩnh vực ─", "1.1.1")},
			{"G", false, "the last item", has("10.10.20")},
			{"/", false, "the search", func(s string) bool { return !strings.Contains(s, "Lĩnh vực ─") }},
			{"thu", true, "the search results", has("kết quả")},
			{"Escape", false, "the checklist again", has("Lĩnh vực ─")},
			{"s", true, "the summary", has("› Tổng hợp")},
		}
		for _, s := range steps {
			if err := t.press(s.key, s.lit, s.what, s.ok); err != nil {
				return 0, err
			}
		}
		pid, err := t.pid()
		if err != nil {
			return 0, err
		}
		st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err != nil {
			return 0, fmt.Errorf("read peak RSS: %w", err)
		}
		m := vmHWM.FindSubmatch(st)
		if m == nil {
			return 0, errors.New("no VmHWM in /proc status")
		}
		kb, err := strconv.ParseFloat(string(m[1]), 64)
		return kb / 1024, err
	})
	logf("memory: %d TUI sessions", *runs)
	v, err := interleave(*runs, session)
	if err != nil {
		return err
	}
	b.out.add(line{Figure: "peak RSS, TUI", Size: b.size, Ours: maxOf(v[0]), Unit: "MB", Runs: *runs, maxOurs: memoryGoal(b.n),
		Note: "VmHWM after the start screen, a 2,000-item checklist opened and scrolled to its end, a search and the summary; the highest of the runs"})
	return nil
}
