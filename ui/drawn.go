package ui

import (
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
)

// drawnCache remembers what the App's last frames fitted to the screen: a
// line fitted to w cells, and the help line for a set of keys. Between two
// keystrokes most lines are the very same strings (the checklist's rows
// come from its own cache), and looking a line up costs a hash of its
// bytes where measuring it costs a walk over its graphemes. Every entry is
// what a pure function of its key returns, so the cache changes nothing a
// frame shows; it is bounded, and the App's own. The App's screens hold it
// too (common.drawn), and copies of an App share it: a mutex keeps it
// whole where copies are drawn at once (tests do), held only to look up
// and to store.
type drawnCache struct {
	mu    sync.Mutex
	lines map[fitKey]string
	helps map[string]string
	rules map[fitKey]string // a section's title rule, by title and width
}

// remember is m[k], made by draw when absent. The lock is not held while
// drawing: drawing one entry may look up another.
func remember[K comparable](d *drawnCache, m map[K]string, k K, draw func() string) string {
	d.mu.Lock()
	s, ok := m[k]
	d.mu.Unlock()
	if ok {
		return s
	}
	s = draw()
	d.mu.Lock()
	if len(m) >= drawnMax {
		clear(m)
	}
	m[k] = s
	d.mu.Unlock()
	return s
}

type fitKey struct {
	line string
	w    int
}

// drawnMax bounds each map; past it the cache starts afresh.
const drawnMax = 4096

func newDrawnCache() *drawnCache {
	return &drawnCache{lines: map[fitKey]string{}, helps: map[string]string{}, rules: map[fitKey]string{}}
}

// fit is fit(l, w), remembered.
func (d *drawnCache) fit(l string, w int) string {
	if d == nil {
		return fit(l, w)
	}
	return remember(d, d.lines, fitKey{l, w}, func() string { return fit(l, w) })
}

// rule is c.drawRule(title, w), remembered: lipgloss renders each of a
// frame's rules twice (the title and the line), a sixth of a keystroke's
// cost on a checklist.
func (d *drawnCache) rule(c common, title string, w int) string {
	if d == nil {
		return c.drawRule(title, w)
	}
	return remember(d, d.rules, fitKey{title, w}, func() string { return c.drawRule(title, w) })
}

// help is the App's footer at width w (footerView), remembered by the
// keys it shows.
func (d *drawnCache) help(a App, w int) string {
	if d == nil {
		return a.footerView(w)
	}
	var b strings.Builder
	writeKeys(&b, a.ShortHelp())
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(w))
	if a.help.ShowAll {
		b.WriteString("\x00all")
	}
	return remember(d, d.helps, b.String(), func() string { return a.footerView(w) })
}

// writeKeys writes what the help shows of each binding.
func writeKeys(b *strings.Builder, keys []key.Binding) {
	for _, k := range keys {
		h := k.Help()
		b.WriteString(h.Key)
		b.WriteByte(0)
		b.WriteString(h.Desc)
		if k.Enabled() {
			b.WriteByte(1)
		}
		b.WriteByte(0)
	}
}
