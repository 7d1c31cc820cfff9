package ui

import "strings"

// text is a text field's content, built so that a key costs what it
// changes even in a megabyte of text, while every copy of a text keeps
// the content it had (Bubble Tea copies the App on every update; old
// copies must not see later keys).
//
// The runes are in pieces. Edits happen at the end of one piece, cur,
// the one the cursor is in: the pieces before it are a stack (left), the
// pieces after it another (right, nearest last). Typing appends to cur,
// and a full cur goes onto left; a key at another place first moves
// pieces from one stack to the other. Arrays are shared between copies
// and only ever written past what any copy sees: a piece or a stack is
// extended in place only by the copy that extended it last (end says how
// far its array has been written); any other copy extends a copy of it.
type text struct {
	left  stack // the pieces before cur, in order
	cur   piece
	right stack // the pieces after cur, the nearest last
	leftN int   // runes in left
	n     int   // runes in all
}

// pieceMax is the most runes a piece holds: small enough that copying one
// is cheap, large enough that a megabyte is a short list.
const pieceMax = 1024

// piece is runes a[from:to] of an array other pieces may share.
type piece struct {
	a        []rune
	from, to int
	end      *int // how far a has been written, by any piece
}

func (p piece) len() int      { return p.to - p.from }
func (p piece) runes() []rune { return p.a[p.from:p.to] }

// extend is p with rs after it: written in place when p ends where its
// array's writing ended and there is room, into a new array otherwise.
func (p piece) extend(rs []rune) piece {
	if p.end != nil && *p.end == p.to && p.to+len(rs) <= cap(p.a) {
		p.a = append(p.a[:p.to], rs...)
		p.to += len(rs)
		*p.end = p.to
		return p
	}
	a := make([]rune, 0, max(pieceMax, p.len()+len(rs)))
	a = append(append(a, p.runes()...), rs...)
	end := len(a)
	return piece{a: a, to: len(a), end: &end}
}

// stack is pieces in an array other stacks may share, under the same rule.
type stack struct {
	p   []piece
	end *int
}

func (s stack) push(x piece) stack {
	if x.len() == 0 {
		return s
	}
	if s.end != nil && *s.end == len(s.p) && len(s.p) < cap(s.p) {
		s.p = append(s.p, x)
		*s.end = len(s.p)
		return s
	}
	p := make([]piece, len(s.p), max(16, 2*len(s.p)+1))
	copy(p, s.p)
	p = append(p, x)
	end := len(p)
	return stack{p: p, end: &end}
}

func (s stack) pop() (stack, piece) {
	x := s.p[len(s.p)-1]
	s.p = s.p[:len(s.p)-1]
	return s, x
}

func textOf(s string) text {
	return text{}.insert(0, []rune(s))
}

// Len is the number of runes.
func (t text) Len() int { return t.n }

func (t text) String() string {
	var b strings.Builder
	b.Grow(t.n)
	for k := range t.count() {
		for _, r := range t.piece(k) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// count is the number of pieces, cur among them; piece is the k-th.
func (t text) count() int { return len(t.left.p) + 1 + len(t.right.p) }

func (t text) piece(k int) []rune {
	switch nl := len(t.left.p); {
	case k < nl:
		return t.left.p[k].runes()
	case k == nl:
		return t.cur.runes()
	default:
		return t.right.p[len(t.right.p)-1-(k-nl-1)].runes()
	}
}

// focus is t with cur ending at position at, so that an edit there is
// at cur's end.
func (t text) focus(at int) text {
	at = max(0, min(at, t.n))
	for at < t.leftN {
		t.right = t.right.push(t.cur)
		t.left, t.cur = t.left.pop()
		t.leftN -= t.cur.len()
	}
	for at > t.leftN+t.cur.len() {
		t.left = t.left.push(t.cur)
		t.leftN += t.cur.len()
		t.right, t.cur = t.right.pop()
	}
	if off := at - t.leftN; off < t.cur.len() {
		rest := t.cur
		rest.from += off
		t.right = t.right.push(rest)
		t.cur.to = t.cur.from + off
	}
	return t
}

// insert is t with rs inserted before rune at.
func (t text) insert(at int, rs []rune) text {
	if len(rs) == 0 {
		return t
	}
	t = t.focus(at)
	t.n += len(rs)
	for len(rs) > 0 {
		if t.cur.len() == pieceMax {
			t.left = t.left.push(t.cur)
			t.leftN += t.cur.len()
			t.cur = piece{}
		}
		k := min(pieceMax-t.cur.len(), len(rs))
		t.cur = t.cur.extend(rs[:k])
		rs = rs[k:]
	}
	return t
}

// delete is t without runes [from, to).
func (t text) delete(from, to int) text {
	from, to = max(0, from), min(t.n, to)
	if from >= to {
		return t
	}
	t = t.focus(to)
	t.n -= to - from
	for k := to - from; k > 0; {
		if t.cur.len() == 0 {
			t.left, t.cur = t.left.pop()
			t.leftN -= t.cur.len()
		}
		d := min(k, t.cur.len())
		t.cur.to -= d
		k -= d
	}
	return t
}

// find is the piece holding rune i and i's offset in it, looked for from
// the nearer end of the text; the end of the text is the end of the last
// piece.
func (t text) find(i int) (k, off int) {
	count := t.count()
	if i > t.n/2 {
		rest := t.n - i
		for k = count - 1; k > 0; k-- {
			n := len(t.piece(k))
			if rest <= n {
				return k, n - rest
			}
			rest -= n
		}
		return 0, len(t.piece(0)) - rest
	}
	for k = range count {
		if n := len(t.piece(k)); i <= n {
			return k, i
		}
		i -= len(t.piece(k))
	}
	return count - 1, len(t.piece(count - 1))
}

// slice is a copy of runes [from, to).
func (t text) slice(from, to int) []rune {
	from, to = max(0, from), min(t.n, to)
	out := make([]rune, 0, max(0, to-from))
	for it := t.iter(from); from < to; from++ {
		r, _ := it.next()
		out = append(out, r)
	}
	return out
}

// at is rune i; 0 outside the text.
func (t text) at(i int) rune {
	if i < 0 || i >= t.n {
		return 0
	}
	it := t.iter(i)
	r, _ := it.next()
	return r
}

// textIter walks a text from a position, forward or back.
type textIter struct {
	t      text
	k, off int // the next rune forward is piece k's rune off
	cur    []rune
}

func (t text) iter(i int) textIter {
	k, off := t.find(max(0, min(i, t.n)))
	return textIter{t: t, k: k, off: off, cur: t.piece(k)}
}

// next is the rune after the position, moving past it.
func (it *textIter) next() (rune, bool) {
	for it.off >= len(it.cur) {
		if it.k+1 >= it.t.count() {
			return 0, false
		}
		it.k++
		it.off, it.cur = 0, it.t.piece(it.k)
	}
	r := it.cur[it.off]
	it.off++
	return r, true
}

// prev is the rune before the position, moving before it.
func (it *textIter) prev() (rune, bool) {
	for it.off == 0 {
		if it.k == 0 {
			return 0, false
		}
		it.k--
		it.cur = it.t.piece(it.k)
		it.off = len(it.cur)
	}
	it.off--
	return it.cur[it.off], true
}
