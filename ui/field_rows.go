package ui

// A multi-row field wraps each line of its text into rows at the spaces
// (a word longer than a row is cut). Rows are found by walking forward
// from a row's start, and what follows a row's start depends only on the
// text from there: so the view starts at a row (top) and draws its rows
// from there, and a key at the end of a long note walks only the rows on
// screen. Only moving above the first row shown walks the line from its
// start.

// row is one row of a multi-row field: runes [start, end) are drawn; next
// is where the row after it starts (end, or just past the line break or
// the space the row ended at); last is set on the text's last row.
type row struct {
	start, end, next int
	last             bool
}

// rowCells is the most cells a row's text takes: one is left for the
// cursor after it.
func (f field) rowCells() int { return max(1, f.width-1) }

// rowAt is the row starting at s.
func (f field) rowAt(s int) row {
	limit := f.rowCells()
	it := f.txt.iter(s)
	used, brk := 0, -1
	for i := s; ; i++ {
		r, ok := it.next()
		if !ok {
			return row{start: s, end: i, next: i, last: true}
		}
		if r == '\n' {
			return row{start: s, end: i, next: i + 1}
		}
		w := cells(r)
		if used+w > limit {
			switch {
			case r == ' ':
				return row{start: s, end: i, next: i + 1} // the row ends at this space
			case brk > 0:
				return row{start: s, end: brk, next: brk} // the word goes to the next row
			case i == s:
				return row{start: s, end: i + 1, next: i + 1} // wider than a row: alone
			default:
				return row{start: s, end: i, next: i} // a word longer than a row: cut
			}
		}
		used += w
		if r == ' ' {
			brk = i + 1
		}
	}
}

// holds reports whether position p is on row r: the cursor may stand
// after a row's last rune when the row ended at a line break or a space,
// or is the text's last.
func (r row) holds(p int) bool { return p >= r.start && (p < r.next || r.last && p <= r.end) }

// rowOf is the row holding position p, walking from the row start s ≤ p.
func (f field) rowOf(s, p int) row {
	for {
		r := f.rowAt(s)
		if r.last || p < r.next {
			return r
		}
		s = r.next
	}
}

// rowStartOf is the start of the row holding p, walked from the start of
// p's line: a row's start depends on everything before it on its line.
func (f field) rowStartOf(p int) int { return f.rowOf(f.lineStart(p), p).start }

// colOf is the column of position p on the row starting at s.
func (f field) colOf(s, p int) int {
	c := 0
	it := f.txt.iter(s)
	for i := s; i < p; i++ {
		r, _ := it.next()
		c += cells(r)
	}
	return c
}

// posAt is the position on row r nearest column col, never past the row.
func (f field) posAt(r row, col int) int {
	end := r.end
	if !r.last && r.next == r.end && end > r.start {
		end-- // the row's end is the next row's start
	}
	c := 0
	it := f.txt.iter(r.start)
	for i := r.start; i < end; i++ {
		ch, _ := it.next()
		if c+cells(ch) > col {
			return i
		}
		c += cells(ch)
	}
	return end
}

// moveRow moves the cursor a row down or up, keeping its column.
func (f *field) moveRow(down bool) {
	r := f.rowOf(f.top, f.cur)
	if f.goal < 0 {
		f.goal = f.colOf(r.start, f.cur)
	}
	switch {
	case down && r.last:
		f.cur = f.txt.Len()
	case down:
		f.cur = f.posAt(f.rowAt(r.next), f.goal)
	case r.start == 0:
		f.cur = 0
	default:
		// The row above: among those on screen, or found from its line.
		prev := f.top
		if r.start > f.top {
			for s := f.top; s < r.start; s = f.rowAt(s).next {
				prev = s
			}
		} else {
			prev = f.rowStartOf(r.start - 1)
		}
		f.cur = f.posAt(f.rowAt(prev), f.goal)
	}
}

// scroll keeps the cursor on screen after a key; edit is where the text
// changed, -1 when it did not.
func (f *field) scroll(edit int) {
	n := f.txt.Len()
	f.cur = max(0, min(f.cur, n))
	if !f.multi {
		f.scrollLine()
		return
	}
	f.top = max(0, min(f.top, n))
	if f.cur < f.top {
		f.top = f.rowStartOf(f.cur)
		return
	}
	if edit >= 0 && edit <= f.top+f.width && f.top > 0 && f.txt.at(f.top-1) != '\n' {
		// A change in the first row's first word can move where that row
		// starts (the word may now fit on the row above).
		f.top = f.rowStartOf(f.top)
	}
	h := max(1, f.height)
	ring := make([]int, h) // the starts of the last h rows walked
	k := 0
	var cr row // the cursor's row
	for s := f.top; ; k++ {
		ring[k%h] = s
		cr = f.rowAt(s)
		if cr.holds(f.cur) || cr.last {
			break
		}
		s = cr.next
	}
	if k >= h {
		f.top = ring[(k-h+1)%h]
		return
	}
	// Fewer rows below the top than the field shows: show the rows above
	// too, as the text shrinks.
	shown := k + 1
	for r := cr; !r.last && shown < h; shown++ {
		r = f.rowAt(r.next)
	}
	for ; shown < h && f.top > 0; shown++ {
		f.top = f.rowStartOf(f.top - 1)
	}
}

// scrollLine keeps the cursor of a one-line field on screen: the text
// before it fits in the width, and as much text as fits is shown.
func (f *field) scrollLine() {
	f.top = max(0, min(f.top, f.cur))
	k, used := f.cur, 0
	it := f.txt.iter(f.cur)
	for k > f.top {
		r, _ := it.prev()
		if used+cells(r) > f.width {
			break
		}
		used += cells(r)
		k--
	}
	f.top = k
	// Fill the width with the text before the view when what follows the
	// view's start is narrower (after deleting at the end).
	rest := 0
	it = f.txt.iter(f.top)
	for rest <= f.width {
		r, ok := it.next()
		if !ok {
			break
		}
		rest += cells(r)
	}
	it = f.txt.iter(f.top)
	for f.top > 0 {
		r, _ := it.prev()
		if rest+cells(r) > f.width {
			break
		}
		rest += cells(r)
		f.top--
	}
}
