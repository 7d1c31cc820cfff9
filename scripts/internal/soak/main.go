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
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The soak's files, by job: main.go runs the kills and sums up; answers.go
// says what an answer may be after a kill; session.go starts the app in
// tmux and kills it; drive.go answers items as an inspector would;
// driver.go reads the screen and types; check.go reads the database back.

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

func run(n int, seed uint64, maxDelay time.Duration, keep, verbose, selftest bool) (err error) {
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
		defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	}
	s := &soak{bin: filepath.Join(dir, "kiemtra"), db: filepath.Join(dir, "soak.db"),
		socket: fmt.Sprintf("kiemtra-soak-%d", os.Getpid()), rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		maxDelay: maxDelay, verbose: verbose, selftest: selftest}
	// Every session was killed already; the server may be gone with them.
	defer func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() }()
	fmt.Printf("building kiemtra; demo database in %s; seed %d\n", dir, seed)
	if out, err := exec.Command("go", "build", "-o", s.bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, out)
	}
	for _, args := range [][]string{{"demo", "--seed-only"}, {"config", "set", "inspector", "Trần Văn Minh"}} {
		if out, err := exec.Command(s.bin, append([]string{"--db", s.db}, args...)...).CombinedOutput(); err != nil {
			return fmt.Errorf("kiemtra %s: %w\n%s", strings.Join(args, " "), err, out)
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
