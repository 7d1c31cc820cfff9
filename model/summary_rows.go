package model

// RowMaker makes records' summary rows (FindingRows) one record after
// another without redoing what does not change between them: where each
// item of a checklist is, by code, is worked out once per checklist, and
// the rows go into a slice the caller hands back. A summary of a hundred
// thousand findings otherwise builds and drops a map of every unit's
// findings in each of its passes. A RowMaker is for one goroutine.
type RowMaker struct {
	places map[*Checklist]*itemPlaces
	slots  []*Finding // by item position: the finding answering it
}

// itemPlaces is where a checklist's items are.
type itemPlaces struct {
	first map[string]int32 // an item code's first position
	next  []int32          // by position: the next item of the same code, or -1
	refs  []placedItem     // by position
}

type placedItem struct {
	field *Field
	item  *Item
}

func (m *RowMaker) placesOf(c *Checklist) *itemPlaces {
	if p, ok := m.places[c]; ok {
		return p
	}
	p := &itemPlaces{first: map[string]int32{}}
	last := map[string]int32{}
	for fi := range c.Fields {
		fl := &c.Fields[fi]
		for ci := range fl.Criteria {
			for ii := range fl.Criteria[ci].Items {
				it := &fl.Criteria[ci].Items[ii]
				pos := int32(len(p.refs))
				p.refs = append(p.refs, placedItem{fl, it})
				p.next = append(p.next, -1)
				if l, ok := last[it.Code]; ok {
					p.next[l] = pos
				} else {
					p.first[it.Code] = pos
				}
				last[it.Code] = pos
			}
		}
	}
	if m.places == nil {
		m.places = map[*Checklist]*itemPlaces{}
	}
	m.places[c] = p
	return p
}

// Rows is r.FindingRows(kind, st) appended to dst[:0].
func (m *RowMaker) Rows(dst []FindingRow, r *UnitRecord, kind KindInfo, st RecordState) []FindingRow {
	ref := r.checklistRef()
	out := dst[:0]
	m.eachAnswered(r, func(_ int, field *Field, it *Item, f *Finding) {
		out = append(out, findingRow(r, field, it, f, kind, st, ref))
	})
	return out
}

// eachAnswered calls fn with each answered item of the record in checklist
// order, as UnitRecord.eachAnswered does: an item takes the last of the
// record's findings of its code, and pos counts every item, answered or
// not.
func (m *RowMaker) eachAnswered(r *UnitRecord, fn func(pos int, field *Field, it *Item, f *Finding)) {
	if r.Checklist == nil {
		return
	}
	p := m.placesOf(r.Checklist)
	if cap(m.slots) < len(p.refs) {
		m.slots = make([]*Finding, len(p.refs))
	}
	slots := m.slots[:len(p.refs)]
	clear(slots)
	for i := range r.Findings {
		f := &r.Findings[i]
		pos, ok := p.first[f.ItemCode]
		for ok && pos >= 0 {
			slots[pos] = f
			pos = p.next[pos]
		}
	}
	for pos, f := range slots {
		if f != nil && f.Result.Answered() {
			fn(pos, p.refs[pos].field, p.refs[pos].item, f)
		}
	}
	clear(slots) // hold no record's findings past the call
}
