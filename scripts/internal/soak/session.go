package main

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// session is one run of the app in its own tmux session, with a killer
// armed to SIGKILL it at a random moment.
type session struct {
	name   string
	pid    int
	timer  *time.Timer
	killed chan struct{} // closed once the SIGKILL is sent
	tm     func(args ...string) (string, error)
}

// start runs the app on the soak's database in a 120×40 tmux session and
// arms the killer.
func (s *soak) start(k int) (*session, error) {
	ss := &session{name: fmt.Sprintf("k%d", k), killed: make(chan struct{}), tm: func(args ...string) (string, error) {
		out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
		return string(out), err
	}}
	if out, err := ss.tm("new-session", "-d", "-s", ss.name, "-x", "120", "-y", "40", "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8",
		"exec "+s.bin+" --db "+s.db); err != nil {
		return nil, fmt.Errorf("tmux new-session: %w: %s", err, out)
	}
	out, err := ss.tm("list-panes", "-t", ss.name, "-F", "#{pane_pid}")
	if err != nil {
		return nil, fmt.Errorf("tmux list-panes: %w: %s", err, out)
	}
	if ss.pid, err = strconv.Atoi(strings.TrimSpace(out)); err != nil {
		return nil, fmt.Errorf("tmux list-panes: no process ID in %q", out)
	}
	delay := 300*time.Millisecond + time.Duration(s.rng.Int64N(int64(s.maxDelay-300*time.Millisecond)))
	ss.timer = time.AfterFunc(delay, ss.kill)
	return ss, nil
}

// kill sends SIGKILL. The app may be gone already (it is never asked to
// quit, so verify finds out what it left if it died on its own).
func (ss *session) kill() {
	_ = syscall.Kill(ss.pid, syscall.SIGKILL)
	close(ss.killed)
}

// end makes sure every run ends with a SIGKILL, even one where the driver
// gave up (a stall) before the killer fired, waits for the process to go
// and removes what is left of the session.
func (ss *session) end() {
	if ss.timer.Stop() {
		ss.kill()
	}
	<-ss.killed
	for i := 0; i < 200 && syscall.Kill(ss.pid, 0) == nil; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	// tmux usually removed the session when its only process died; this
	// only catches the rare one that outlived it.
	_, _ = ss.tm("kill-session", "-t", ss.name)
}
