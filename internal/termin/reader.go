// Package termin is the terminal input kiemtra's TUI reads: the terminal,
// as Bubble Tea would open it, behind a reader that never ends a read in
// the middle of a multi-byte UTF-8 sequence.
//
// Bubble Tea v1 parses each read on its own. When the bytes of one letter
// are split across two reads, which happens about once per kilobyte of
// fast input, the first part and the rest each become invalid bytes and
// the letter is lost ("tồn" arrives as "tn"; upstream issue, open pull
// request charmbracelet/bubbletea#1166). The fix belongs where the bytes
// come in: a read that would end inside a sequence waits, briefly, for
// the rest and hands over the whole letter.
package termin

import (
	"bytes"
	"io"
	"time"
	"unicode/utf8"
)

// Wait is how long a read that ended inside a UTF-8 sequence waits for
// the rest. A terminal writes a letter's bytes together, so the rest is
// normally there at once; it comes later only when something between
// splits the letter (a remote session's packets on a slow link, a busy
// machine) or the input is not UTF-8 at all (a terminal set to another
// encoding), whose bytes are then handed over as they are. Only the bytes
// before the split wait; the wait ends as soon as a byte comes.
const Wait = 2 * time.Second

// Reader reads from r and never ends a read inside a multi-byte UTF-8
// sequence, given a buffer of at least utf8.UTFMax bytes (Bubble Tea reads
// 256 at a time): it reads at most len(p)-3 bytes (less, in a large
// buffer, to leave room for an escape sequence), and when they end in an
// incomplete sequence it reads just the bytes that complete it. Before
// that read it asks ready whether they arrive within the wait; a nil
// ready waits by reading (for readers that cannot be polled, and that end
// with EOF). Invalid sequences are handed over as they are: Bubble Tea
// reports them as it always did.
type Reader struct {
	r     io.Reader
	ready func(time.Duration) bool
	wait  time.Duration
	// err is an error met while completing a sequence, after bytes were
	// read: Bubble Tea drops the bytes of a read that returns an error, so
	// it is returned by the next Read instead.
	err error
}

// NewReader reads from r; ready, if not nil, reports whether r has bytes
// to read within the given time (false when it cannot tell: the read
// after it says why).
func NewReader(r io.Reader, ready func(time.Duration) bool) *Reader {
	return &Reader{r: r, ready: ready, wait: Wait}
}

// escRoom is the room a read of a large buffer leaves for the rest of an
// escape sequence (a key such as ctrl+→ is "\x1b[1;5C").
const escRoom = 16

// Read implements io.Reader.
func (r *Reader) Read(p []byte) (int, error) {
	if r.err != nil {
		err := r.err
		r.err = nil
		return 0, err
	}
	if len(p) < utf8.UTFMax {
		// Too short to hold a whole letter: nothing to keep together.
		return r.r.Read(p)
	}
	room := utf8.UTFMax - 1
	if len(p) >= 4*escRoom {
		room += escRoom
	}
	n, err := r.r.Read(p[:len(p)-room])
	n, err = r.complete(p, n, err)
	if n > 0 && err != nil {
		r.err, err = err, nil
	}
	return n, err
}

// complete reads, after the n bytes read into p, the rest of a letter
// they end inside (waiting for it), then the rest of an escape sequence
// they end inside if it is there already: a read that stops short of the
// buffer tells Bubble Tea the input ended there, and it would take the
// start of an arrow key for Esc. A lone Esc is a key of its own: nothing
// is waited for after it.
func (r *Reader) complete(p []byte, n int, err error) (int, error) {
	for err == nil && n > 0 {
		need, wait := missing(p[:n]), r.wait
		if need == 0 && r.ready != nil && unfinishedEscape(p[:n]) {
			need, wait = 1, 0
		}
		if need == 0 || n+need > len(p) {
			return n, err
		}
		if r.ready != nil {
			if !r.ready(wait) {
				return n, nil // nothing more came: hand the bytes over as they are
			}
		}
		var m int
		m, err = r.r.Read(p[n : n+need])
		n += m
		if m == 0 && err == nil {
			return n, nil
		}
	}
	return n, err
}

// unfinishedEscape reports whether b ends inside an escape sequence: Esc,
// Esc [ or Esc O with nothing after, or a CSI sequence's parameters
// without its final byte.
func unfinishedEscape(b []byte) bool {
	i := bytes.LastIndexByte(b, 0x1b)
	if i < 0 || len(b)-i > escRoom {
		return false
	}
	rest := b[i+1:]
	switch {
	case len(rest) == 0:
		return true
	case rest[0] == 'O':
		return len(rest) == 1
	case rest[0] != '[':
		return false
	}
	for _, c := range rest[1:] {
		if c < 0x20 || c > 0x3f { // a final byte (or not a sequence at all)
			return false
		}
	}
	return true
}

// missing is how many bytes the UTF-8 sequence b ends with lacks, 0 when
// b ends with a whole rune or with bytes that cannot start one.
func missing(b []byte) int {
	start := len(b) - 1
	for start > 0 && len(b)-start < utf8.UTFMax && !utf8.RuneStart(b[start]) {
		start--
	}
	if start < 0 || utf8.FullRune(b[start:]) {
		return 0
	}
	return seqLen(b[start]) - (len(b) - start)
}

// seqLen is the length of the sequence a lead byte starts.
func seqLen(lead byte) int {
	switch {
	case lead >= 0xF0:
		return 4
	case lead >= 0xE0:
		return 3
	case lead >= 0xC0:
		return 2
	default:
		return 1
	}
}
