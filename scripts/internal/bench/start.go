package main

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// start: the real binary in tmux on the data, timed to two moments — its
// first frame (the header over the loading screen, or over the start
// screen if that is ready first) and its first usable screen (the units
// of the inspection listed with their progress) — beside sqlite3 opening
// the same file and printing count(*) of its findings, in tmux, until the
// number shows.
func (b *bench) start() error {
	data, err := b.dataDB()
	if err != nil {
		return err
	}
	units := b.n / nItems
	usable := has(fmt.Sprintf("Đơn vị được kiểm tra (%d)", units), fmt.Sprintf("%d/%d", nItems, nItems))
	var first []float64
	ours := retry(3, "start (ours)", func() (_ float64, err error) {
		t, err := launch("exec " + b.bin + " --db " + data)
		if err != nil {
			return 0, err
		}
		defer func() { err = errors.Join(err, t.quit("q")) }()
		f, err := t.waitFor("the first frame", 60*time.Second, firstLine("kiemtra"))
		if err != nil {
			return 0, err
		}
		u, err := t.waitFor("the units with their progress", 60*time.Second, usable)
		if err != nil {
			return 0, err
		}
		first = append(first, f.Seconds()*1e3)
		return u.Seconds() * 1e3, nil
	})
	base := retry(3, "start (sqlite3)", func() (_ float64, err error) {
		t, err := launch(b.sqlite3 + " " + data + " 'SELECT count(*) FROM findings'; sleep 60")
		if err != nil {
			return 0, err
		}
		defer func() { err = errors.Join(err, t.stop()) }()
		d, err := t.waitFor("the count", 60*time.Second, has(strconv.Itoa(b.n)))
		return d.Seconds() * 1e3, err
	})
	logf("start: %d runs in tmux, interleaved", *runs)
	v, err := interleave(*runs, ours, base)
	if err != nil {
		return err
	}
	note := "both in tmux at 120×40 from launch until the text shows; baseline: sqlite3 opening the file and printing count(*) of findings"
	b.out.add(line{Figure: "start to first frame ÷ sqlite3 open + count", Size: b.size,
		Ours: median(first), Baseline: median(v[1]), Unit: "ms", Runs: *runs, maxRatio: 3, Note: note})
	b.out.add(line{Figure: "start to first usable screen ÷ sqlite3 open + count", Size: b.size,
		Ours: median(v[0]), Baseline: median(v[1]), Unit: "ms", Runs: *runs, maxRatio: 3,
		Note: note + "; usable: every unit of the inspection listed with its progress"})
	return nil
}
