package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTypingBurstDrawnAtFrames: while keys typed into a field come faster
// than frames, the first is drawn at once and the next ones at the next
// frame, not one by one; the burst's end and any other message draw the
// screen afresh.
func TestTypingBurstDrawnAtFrames(t *testing.T) {
	t.Parallel()
	a, _ := noteApp(t)
	a.c.frameEvery = frameInterval
	a, tick := a.update(runes("Kiểm"))
	if tick == nil || !strings.Contains(ansi.Strip(a.View()), "│ Kiểm") {
		t.Fatalf("the burst's first key: tick %v, screen:\n%s", tick != nil, ansi.Strip(a.View()))
	}
	a, tick = a.update(space())
	if tick != nil {
		t.Fatal("a second frame was asked for while one is on its way")
	}
	a, _ = a.update(runes("tra"))
	if got := ansi.Strip(a.View()); strings.Contains(got, "Kiểm tra") || !strings.Contains(ansi.Strip(a.render()), "│ Kiểm tra") {
		t.Fatalf("the keys after the first were drawn one by one:\n%s", got)
	}
	a, tick = a.update(frameMsg{})
	if tick == nil || a.View() != a.render() || !strings.Contains(ansi.Strip(a.View()), "│ Kiểm tra") {
		t.Fatalf("the frame did not draw the keys (tick %v):\n%s", tick != nil, ansi.Strip(a.View()))
	}
	a, tick = a.update(frameMsg{})
	if tick != nil || a.frame != "" {
		t.Fatal("no key came since the last frame, yet the burst goes on")
	}
	// Another message draws the screen afresh at once.
	a, _ = a.update(runes(" vết"))
	a, _ = a.update(runes(" nứt"))
	a = keys(t, a, "tab")
	if a.View() != a.render() || !strings.Contains(ansi.Strip(a.View()), "│ Kiểm tra vết nứt") {
		t.Fatalf("tab after a burst: the screen is not afresh:\n%s", ansi.Strip(a.View()))
	}
}
