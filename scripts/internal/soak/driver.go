package main

import (
	"strings"
	"time"
)

// driver reads the app's screen and types into it through tmux.
type driver struct {
	tm     func(...string) (string, error)
	name   string        // the tmux session
	killed chan struct{} // closed once the app was sent SIGKILL
	screen string        // the last capture
	stall  string        // the screen when the app stopped answering
}

// dead reports whether the app was sent SIGKILL.
func (d *driver) dead() bool {
	select {
	case <-d.killed:
		return true
	default:
		return false
	}
}

// keys types keys one at a time, as a person would. A key that cannot be
// sent (the app died meanwhile) is lost like a keystroke into a dead
// window; the screen checks after it notice.
func (d *driver) keys(keys ...string) {
	for _, k := range keys {
		if d.dead() {
			return
		}
		_, _ = d.tm("send-keys", "-t", d.name, k)
		time.Sleep(20 * time.Millisecond)
	}
}

// literal types text as it is (no key names), like keys.
func (d *driver) literal(text string) {
	if !d.dead() {
		_, _ = d.tm("send-keys", "-t", d.name, "-l", text)
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
