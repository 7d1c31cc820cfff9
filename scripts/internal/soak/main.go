// Command soak is the crash soak behind scripts/soak: it drives the real
// kiemtra binary in tmux through answering checklist items, kills it with
// SIGKILL at random moments, and after each kill checks that every answer
// the screen had shown as saved is in the database and that
// PRAGMA integrity_check is ok.
//
// "Shown as saved" is read off the screen exactly as an inspector would: the
// checklist shows the new answer (the cursor moved on after "1", or the
// detail pane shows the new note after the editor was left with esc) and
// the status line no longer says "Đang lưu…" (nor "Chưa lưu được…"). The
// app shows "Đang lưu…" while any change on screen differs from the store,
// so once both hold the answer has been committed. A capture must hold
// twice, 50 ms apart, so a half-drawn frame never counts.
//
// An answer sent but not yet acknowledged when the process died may or may
// not be in the database; anything else there — an older answer, a missing
// one — counts as lost.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"kiemtra/model"
	"kiemtra/store"
)

// state is the part of an answer the soak sets and checks.
type state struct {
	Result model.Result
	Note   string
}

func (s state) String() string {
	code := s.Result.Code()
	if code == "" {
		code = "unassessed"
	}
	return fmt.Sprintf("%s %q", code, s.Note)
}

// action is one answer sent to the app; possible lists the states the
// database may hold for the item if the action was in flight when killed.
type action struct {
	item   string
	after  state     // the state the screen shows once the action is done
	before state     // the state before it
	prefix bool      // a typed note: any prefix of after.Note may have been saved by the debounce
	acked  bool      // the screen showed it saved
	at     time.Time // when it was sent
}

func (a action) allows(s state) bool {
	if s == a.after || s == a.before {
		return true
	}
	if a.prefix && s.Result == a.after.Result && strings.HasPrefix(a.after.Note, s.Note) {
		return true
	}
	// "3" on an item first stores chưa đạt with the old note, then the
	// editor's text replaces it.
	return a.prefix && s.Result == a.after.Result && s.Note == a.before.Note
}

type soak struct {
	bin, db, socket string
	assessment      string
	items           []string // the items answered (the first field's)
	rng             *rand.Rand
	maxDelay        time.Duration
	verbose         bool
	selftest        bool

	base state0 // the database's answers before the current run

	kills, acked, sent, lost, stalls, integrityOK int
	firstStall                                    string
}

type state0 map[string]state

func main() {
	n := flag.Int("n", 200, "number of SIGKILLs")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "random seed (printed, to replay a run)")
	maxDelay := flag.Duration("max-delay", 4*time.Second, "kill at a random moment up to this long after start")
	keep := flag.Bool("keep", false, "keep the temporary folder (binary, database) for inspection")
	verbose := flag.Bool("v", false, "print every kill")
	selftest := flag.Bool("selftest", false, "after each kill, revert the last acknowledged answer behind the app's back: the soak must then report losses (proves the check can fail)")
	flag.Parse()
	if err := run(*n, *seed, *maxDelay, *keep, *verbose, *selftest); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, maxDelay time.Duration, keep, verbose, selftest bool) error {
	if _, err := exec.LookPath("tmux"); err != nil {
		return errors.New("tmux is not installed: install the Debian package tmux (sudo apt-get install tmux)")
	}
	dir, err := os.MkdirTemp("", "kiemtra-proof-soak-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("files kept in", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	s := &soak{bin: filepath.Join(dir, "kiemtra"), db: filepath.Join(dir, "soak.db"),
		socket: fmt.Sprintf("kiemtra-soak-%d", os.Getpid()), rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		maxDelay: maxDelay, verbose: verbose, selftest: selftest}
	defer exec.Command("tmux", "-L", s.socket, "kill-server").Run()
	fmt.Printf("building kiemtra; demo database in %s; seed %d\n", dir, seed)
	if out, err := exec.Command("go", "build", "-o", s.bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"demo", "--seed-only"}, {"config", "set", "inspector", "Trần Văn Minh"}} {
		if out, err := exec.Command(s.bin, append([]string{"--db", s.db}, args...)...).CombinedOutput(); err != nil {
			return fmt.Errorf("kiemtra %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := s.setup(); err != nil {
		return err
	}
	start := time.Now()
	for k := 1; k <= n; k++ {
		acts, stalled := s.iteration(k)
		if err := s.verify(k, acts); err != nil {
			return err
		}
		if stalled != "" {
			s.stalls++
			if s.firstStall == "" {
				s.firstStall = stalled
			}
		}
		if !verbose && (k%20 == 0 || k == n) {
			fmt.Printf("  %d/%d kills, %d answers acknowledged, %d lost (%s)\n", k, n, s.acked, s.lost, time.Since(start).Round(time.Second))
		}
	}
	fmt.Printf("kills=%d acknowledged=%d sent=%d lost=%d integrity_check=ok(%d/%d) stalls=%d\n",
		s.kills, s.acked, s.sent, s.lost, s.integrityOK, s.kills, s.stalls)
	if s.stalls > 0 {
		fmt.Printf("first stall (the app did not show an answer saved within 10 s):\n%s\n", s.firstStall)
	}
	if s.lost > 0 || s.integrityOK != s.kills || s.stalls > 0 {
		return fmt.Errorf("FAILED: %d answers lost, %d integrity failures, %d stalls", s.lost, s.kills-s.integrityOK, s.stalls)
	}
	return nil
}

// setup finds Sở Y tế's assessment (untouched by the demo data) and the
// items of its checklist's first field, and reads their answers.
func (s *soak) setup() error {
	ctx := context.Background()
	db, err := store.Open(ctx, s.db)
	if err != nil {
		return err
	}
	defer db.Close()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		return err
	}
	as, err := db.InspectionAssessments(ctx, in.ID)
	if err != nil {
		return err
	}
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	var syt model.Assessment
	for _, a := range as {
		for _, u := range units {
			if u.ID == a.UnitID && u.Code == "SYT" {
				syt = a
			}
		}
	}
	if syt.ID == "" {
		return errors.New("the demo database has no assessment of Sở Y tế (SYT)")
	}
	cl, err := db.Checklist(ctx, syt.ChecklistID, syt.ChecklistVersion)
	if err != nil {
		return err
	}
	for _, cr := range cl.Fields[0].Criteria {
		for _, it := range cr.Items {
			s.items = append(s.items, it.Code)
		}
	}
	if len(s.items) < 3 {
		return fmt.Errorf("the first field of %s has only %d items", cl.Ref(), len(s.items))
	}
	s.assessment = syt.ID
	s.base, err = s.read(ctx, db)
	return err
}

func (s *soak) read(ctx context.Context, db *store.DB) (state0, error) {
	fs, err := db.Findings(ctx, s.assessment)
	if err != nil {
		return nil, err
	}
	out := state0{}
	for _, f := range fs {
		out[f.ItemCode] = state{f.Result, f.Note}
	}
	return out, nil
}

// iteration starts the app, answers items until the killer fires, and
// returns the actions sent. A non-empty second result is the screen of a
// stall (the app never showed an answer saved).
func (s *soak) iteration(k int) ([]action, string) {
	name := fmt.Sprintf("k%d", k)
	tm := func(args ...string) (string, error) {
		out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
		return string(out), err
	}
	if out, err := tm("new-session", "-d", "-s", name, "-x", "120", "-y", "40", "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8",
		"exec "+s.bin+" --db "+s.db); err != nil {
		return nil, "tmux new-session: " + err.Error() + out
	}
	out, err := tm("list-panes", "-t", name, "-F", "#{pane_pid}")
	pid, perr := strconv.Atoi(strings.TrimSpace(out))
	if err != nil || perr != nil {
		return nil, "tmux list-panes: " + out
	}
	delay := 300*time.Millisecond + time.Duration(s.rng.Int64N(int64(s.maxDelay-300*time.Millisecond)))
	killed := make(chan struct{})
	timer := time.AfterFunc(delay, func() {
		syscall.Kill(pid, syscall.SIGKILL)
		close(killed)
	})
	defer func() {
		if timer.Stop() {
			// The driver gave up (a stall) before the killer fired:
			// kill now, so every iteration ends with a SIGKILL.
			syscall.Kill(pid, syscall.SIGKILL)
			close(killed)
		}
		<-killed
		for i := 0; i < 200 && syscall.Kill(pid, 0) == nil; i++ {
			time.Sleep(10 * time.Millisecond)
		}
		tm("kill-session", "-t", name)
		s.kills++
	}()

	d := &driver{tm: tm, name: name, killed: killed}
	var acts []action
	shown := state0{} // what the screen shows per item
	for c, st := range s.base {
		shown[c] = st
	}
	detail := func(i int) string { return s.items[i] + " · " }

	if !d.wait(func(sc string) bool { return strings.Contains(sc, "Sở Y tế (SYT)") }) {
		return acts, d.stall
	}
	d.keys("Tab", "Down", "Down", "Down", "Down", "Enter")
	if !d.wait(func(sc string) bool {
		return strings.Contains(sc, "Lĩnh vực ─") && strings.Contains(sc, "Sở Y tế")
	}) {
		return acts, d.stall
	}
	d.keys("g")
	if !d.wait(func(sc string) bool { return strings.Contains(sc, detail(0)) }) {
		return acts, d.stall
	}
	cursor := 0
	for seq := 1; ; seq++ {
		code := s.items[cursor]
		before := shown[code]
		if s.rng.IntN(2) == 0 && cursor+1 < len(s.items) {
			// "1": đạt, the cursor moves to the next item.
			a := action{item: code, before: before, after: state{model.ResultPass, before.Note}, at: time.Now()}
			acts = append(acts, a)
			d.keys("1")
			shown[code] = a.after
			cursor++
			next := detail(cursor)
			if !d.stable(func(sc string) bool { return strings.Contains(sc, next) && saved(sc) }) {
				return acts, d.stall
			}
			acts[len(acts)-1].acked = true
		} else {
			// chưa đạt with a new note written in the editor.
			note := fmt.Sprintf("soak %d-%d tường nứt, chưa có sổ", k, seq)
			a := action{item: code, before: before, after: state{model.ResultFail, note}, prefix: true, at: time.Now()}
			acts = append(acts, a)
			if before.Result == model.ResultFail && strings.TrimSpace(before.Note) != "" {
				// Already chưa đạt with a note: "3" would change nothing
				// and move on; open the editor instead.
				d.keys("Enter")
			} else {
				d.keys("3")
			}
			if !d.wait(func(sc string) bool { return strings.Contains(sc, "esc lưu và quay lại") }) {
				return acts, d.stall
			}
			// Tab to the note, one field at a time: each press must have
			// moved the focus marker before the next.
			for i := 0; i < 6 && !strings.Contains(d.screen, "▶ Ghi chú"); i++ {
				prev := focusLine(d.screen)
				d.keys("Tab")
				if !d.waitFor(2*time.Second, func(sc string) bool { return focusLine(sc) != prev }) && d.dead() {
					return acts, ""
				}
			}
			if !strings.Contains(d.screen, "▶ Ghi chú") {
				d.stall = "the note field never took the focus:\n" + d.screen
				return acts, d.stall
			}
			d.keys("C-u")
			d.literal(note)
			d.keys("Escape")
			shown[code] = a.after
			here := detail(cursor)
			if !d.stable(func(sc string) bool {
				return strings.Contains(sc, "Lĩnh vực ─") && strings.Contains(sc, here) &&
					strings.Contains(sc, "Ghi chú: "+note) && saved(sc)
			}) {
				return acts, d.stall
			}
			acts[len(acts)-1].acked = true
			if s.rng.IntN(2) == 0 && cursor+1 < len(s.items) {
				d.keys("j")
				cursor++
			}
		}
		if cursor >= len(s.items)-1 {
			d.keys("g")
			cursor = 0
		}
		select {
		case <-killed:
			return acts, ""
		default:
		}
	}
}

// saved: nothing on screen waits to be stored (see the package comment).
func saved(screen string) bool {
	return !strings.Contains(screen, "Đang lưu") && !strings.Contains(screen, "Chưa lưu")
}

type driver struct {
	tm     func(...string) (string, error)
	name   string
	killed chan struct{}
	screen string
	stall  string
}

func (d *driver) dead() bool {
	select {
	case <-d.killed:
		return true
	default:
		return false
	}
}

func (d *driver) keys(keys ...string) {
	for _, k := range keys {
		if d.dead() {
			return
		}
		d.tm("send-keys", "-t", d.name, k)
		time.Sleep(20 * time.Millisecond)
	}
}

func (d *driver) literal(text string) {
	if !d.dead() {
		d.tm("send-keys", "-t", d.name, "-l", text)
	}
}

// focusLine is the editor's focused field label (the line with ▶).
func focusLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "▶") {
			return l
		}
	}
	return ""
}

// wait polls the screen until cond holds; false if the app was killed
// first, or (setting d.stall) after 10 s.
func (d *driver) wait(cond func(string) bool) bool {
	if d.waitFor(10*time.Second, cond) {
		return true
	}
	if !d.dead() {
		d.stall = d.screen
	}
	return false
}

// waitFor polls the screen until cond holds, for at most timeout.
func (d *driver) waitFor(timeout time.Duration, cond func(string) bool) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if d.dead() {
			return false
		}
		out, err := d.tm("capture-pane", "-p", "-t", d.name)
		if d.dead() || err != nil {
			return false
		}
		d.screen = out
		if cond(out) {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// stable is wait, but cond must also hold on a second capture 50 ms later,
// so that a frame caught half drawn never counts as an acknowledgement.
func (d *driver) stable(cond func(string) bool) bool {
	for {
		if !d.wait(cond) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
		out, err := d.tm("capture-pane", "-p", "-t", d.name)
		if err != nil {
			return false
		}
		if cond(out) {
			return true
		}
	}
}

// verify opens the database the way the app does after a crash, runs
// integrity_check, and checks every item against what was acknowledged.
func (s *soak) verify(k int, acts []action) error {
	ctx := context.Background()
	db, err := store.Open(ctx, s.db)
	if err != nil {
		return fmt.Errorf("kill %d: reopen after SIGKILL: %w", k, err)
	}
	defer db.Close()
	if s.selftest {
		for i := len(acts) - 1; i >= 0; i-- {
			if a := acts[i]; a.acked {
				if _, err := db.SQL().ExecContext(ctx, "UPDATE findings SET note = 'reverted by -selftest', result = '' WHERE assessment_id = ? AND item_code = ?",
					s.assessment, a.item); err != nil {
					return fmt.Errorf("selftest: %w", err)
				}
				break
			}
		}
	}
	var res []string
	rows, err := db.SQL().QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("kill %d: integrity_check: %w", k, err)
	}
	for rows.Next() {
		var r string
		rows.Scan(&r)
		res = append(res, r)
	}
	rows.Close()
	if len(res) == 1 && res[0] == "ok" {
		s.integrityOK++
	} else {
		fmt.Printf("kill %d: integrity_check: %q\n", k, res)
	}
	now, err := s.read(ctx, db)
	if err != nil {
		return fmt.Errorf("kill %d: read findings: %w", k, err)
	}
	acked := 0
	for _, code := range s.items {
		// The item must hold its last acknowledged state (or, with no
		// acknowledgement this time, what it held before), or a state of
		// an action sent after that.
		want, from := s.base[code], 0
		for i, a := range acts {
			if a.item == code && a.acked {
				want, from = a.after, i+1
			}
		}
		got := now[code]
		ok := got == want
		for _, a := range acts[from:] {
			if a.item == code && a.allows(got) {
				ok = true
			}
		}
		if !ok {
			s.lost++
			fmt.Printf("kill %d: item %s LOST: database holds %s, screen had shown %s as saved\n", k, code, got, want)
		}
	}
	for _, a := range acts {
		if a.acked {
			acked++
		}
	}
	s.acked += acked
	s.sent += len(acts)
	if s.verbose {
		fmt.Printf("kill %d: %d answers sent, %d acknowledged, integrity %q\n", k, len(acts), acked, res)
	}
	s.base = now
	return nil
}
