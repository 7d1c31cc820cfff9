package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// term is a program running in its own tmux server, 120×40, driven by
// keys and read by screen captures. The driver never sleeps to let the
// program catch up: after every key it waits for the screen that key
// leads to, so two keys never reach the program in one read (Escape then
// a letter 100 ms apart arrives as alt+letter on a loaded machine).
type term struct {
	socket string
	start  time.Time // when the program was launched
}

var tmuxN atomic.Int64

// pollEvery is how often the screen is captured while waiting.
const pollEvery = 3 * time.Millisecond

func (t *term) tmux(args ...string) ([]byte, error) {
	out, err := exec.Command("tmux", append([]string{"-L", t.socket}, args...)...).CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("tmux %s: %w: %s", args[0], err, strings.TrimSpace(string(out)))
	}
	return out, nil
}

// launch starts cmd (a shell command line) in a fresh tmux server whose
// start-up is already over, and notes the moment.
func launch(cmd string) (*term, error) {
	t := &term{socket: fmt.Sprintf("kiemtra-bench-%d-%d", os.Getpid(), tmuxN.Add(1))}
	if _, err := t.tmux("new-session", "-d", "-s", "idle", "-x", "120", "-y", "40", "sleep 600"); err != nil {
		return nil, err
	}
	t.start = time.Now()
	if _, err := t.tmux("new-session", "-d", "-s", "m", "-x", "120", "-y", "40", "-e", "LANG=C.UTF-8", cmd); err != nil {
		return nil, errors.Join(err, t.stop())
	}
	return t, nil
}

func (t *term) screen() (string, error) {
	out, err := t.tmux("capture-pane", "-p", "-t", "m")
	return string(out), err
}

// waitFor polls the screen until ok holds and returns the time since the
// launch at that moment.
func (t *term) waitFor(what string, timeout time.Duration, ok func(string) bool) (time.Duration, error) {
	deadline := time.Now().Add(timeout)
	last := ""
	for time.Now().Before(deadline) {
		s, err := t.screen()
		if err == nil && ok(s) {
			return time.Since(t.start), nil
		}
		if err == nil {
			last = s
		}
		time.Sleep(pollEvery)
	}
	return 0, fmt.Errorf("the screen never showed %s; the last screen:\n%s", what, last)
}

// press sends one key (a tmux key name, or literal text when lit) and
// waits until the screen shows what it should lead to.
func (t *term) press(key string, lit bool, what string, ok func(string) bool) error {
	args := []string{"send-keys", "-t", "m"}
	if lit {
		args = append(args, "-l")
	}
	if _, err := t.tmux(append(args, key)...); err != nil {
		return err
	}
	_, err := t.waitFor(what, 20*time.Second, ok)
	if err != nil {
		return fmt.Errorf("after %q: %w", key, err)
	}
	return nil
}

// pid is the process running in the pane.
func (t *term) pid() (int, error) {
	out, err := t.tmux("list-panes", "-t", "m", "-F", "#{pane_pid}")
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}

// quit asks the program to quit with key and waits until its pane is
// gone, so that it shuts down cleanly (a killed kiemtra leaves its
// write-ahead log behind, which the next start rightly treats as an
// unclean shutdown); the server goes after.
func (t *term) quit(key string) error {
	if _, err := t.tmux("send-keys", "-t", "m", key); err != nil {
		return errors.Join(err, t.stop())
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := t.tmux("has-session", "-t", "m"); err != nil {
			return t.stop()
		}
		time.Sleep(pollEvery)
	}
	return errors.Join(errors.New("the program did not quit"), t.stop())
}

// stop ends the server and everything in it.
func (t *term) stop() error {
	_, err := t.tmux("kill-server")
	return err
}

func has(subs ...string) func(string) bool {
	return func(s string) bool {
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	}
}

// firstLine reports whether the screen's first line starts with prefix.
func firstLine(prefix string) func(string) bool {
	return func(s string) bool { return strings.HasPrefix(s, prefix) }
}
