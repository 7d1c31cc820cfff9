package main

import (
	"fmt"
	"strings"
	"time"

	"kiemtra/model"
)

// answering is one run's progress through the items: what was sent, what
// the screen shows per item, and where the cursor is.
type answering struct {
	s      *soak
	d      *driver
	k      int
	acts   []action
	shown  state0
	cursor int
}

// iteration starts the app, answers items until the killer fires, and
// returns the actions sent. A non-empty second result is the screen of a
// stall (the app never showed an answer saved).
func (s *soak) iteration(k int) ([]action, string) {
	ss, err := s.start(k)
	if err != nil {
		return nil, err.Error()
	}
	defer func() {
		ss.end()
		s.kills++
	}()
	r := &answering{s: s, d: &driver{tm: ss.tm, name: ss.name, killed: ss.killed}, k: k, shown: state0{}}
	for c, st := range s.base {
		r.shown[c] = st
	}
	if !r.openUnit() {
		return r.acts, r.d.stall
	}
	for seq := 1; ; seq++ {
		ok := false
		if s.rng.IntN(2) == 0 && r.cursor+1 < len(s.items) {
			ok = r.pass()
		} else {
			ok = r.failWithNote(seq)
		}
		if !ok {
			return r.acts, r.d.stall
		}
		if r.cursor >= len(s.items)-1 {
			r.d.keys("g")
			r.cursor = 0
		}
		if r.d.dead() {
			return r.acts, ""
		}
	}
}

// detail is what the detail pane shows for the item at i.
func (r *answering) detail(i int) string { return r.s.items[i] + " · " }

// openUnit opens Sở Y tế's checklist at its first item.
func (r *answering) openUnit() bool {
	d := r.d
	if !d.wait(func(sc string) bool { return strings.Contains(sc, "Sở Y tế (SYT)") }) {
		return false
	}
	d.keys("Tab", "Down", "Down", "Down", "Down", "Enter")
	if !d.wait(func(sc string) bool {
		return strings.Contains(sc, "Lĩnh vực ─") && strings.Contains(sc, "Sở Y tế")
	}) {
		return false
	}
	d.keys("g")
	return d.wait(func(sc string) bool { return strings.Contains(sc, r.detail(0)) })
}

// send records an action about to be sent and what the screen will show.
func (r *answering) send(a action) {
	r.acts = append(r.acts, a)
	r.shown[a.item] = a.after
}

// pass answers "1" (đạt): the cursor moves to the next item. False on a
// stall or when the app was killed.
func (r *answering) pass() bool {
	code := r.s.items[r.cursor]
	before := r.shown[code]
	r.send(action{item: code, before: before, after: state{model.ResultPass, before.Note}, at: time.Now()})
	r.d.keys("1")
	r.cursor++
	next := r.detail(r.cursor)
	if !r.d.stable(func(sc string) bool { return strings.Contains(sc, next) && saved(sc) }) {
		return false
	}
	r.acts[len(r.acts)-1].acked = true
	return true
}

// failWithNote answers chưa đạt with a new note written in the editor,
// then sometimes moves on. False on a stall or when the app was killed.
func (r *answering) failWithNote(seq int) bool {
	d := r.d
	code := r.s.items[r.cursor]
	before := r.shown[code]
	note := fmt.Sprintf("soak %d-%d tường nứt, chưa có sổ", r.k, seq)
	a := action{item: code, before: before, after: state{model.ResultFail, note}, prefix: true, at: time.Now()}
	r.acts = append(r.acts, a)
	if before.Result == model.ResultFail && strings.TrimSpace(before.Note) != "" {
		// Already chưa đạt with a note: "3" would change nothing and
		// move on; open the editor instead.
		d.keys("Enter")
	} else {
		d.keys("3")
	}
	if !d.wait(func(sc string) bool { return strings.Contains(sc, "esc lưu và quay lại") }) {
		return false
	}
	// Tab to the note, one field at a time: each press must have moved
	// the focus marker before the next.
	for i := 0; i < 6 && !strings.Contains(d.screen, "▶ Ghi chú"); i++ {
		prev := focusLine(d.screen)
		d.keys("Tab")
		if !d.waitFor(2*time.Second, func(sc string) bool { return focusLine(sc) != prev }) && d.dead() {
			return false
		}
	}
	if !strings.Contains(d.screen, "▶ Ghi chú") {
		d.stall = "the note field never took the focus:\n" + d.screen
		return false
	}
	d.keys("C-u")
	d.literal(note)
	d.keys("Escape")
	r.shown[code] = a.after
	here := r.detail(r.cursor)
	if !d.stable(func(sc string) bool {
		return strings.Contains(sc, "Lĩnh vực ─") && strings.Contains(sc, here) &&
			strings.Contains(sc, "Ghi chú: "+note) && saved(sc)
	}) {
		return false
	}
	r.acts[len(r.acts)-1].acked = true
	if r.s.rng.IntN(2) == 0 && r.cursor+1 < len(r.s.items) {
		d.keys("j")
		r.cursor++
	}
	return true
}

// saved: nothing on screen waits to be stored (see the package comment).
func saved(screen string) bool {
	return !strings.Contains(screen, "Đang lưu") && !strings.Contains(screen, "Chưa lưu")
}
