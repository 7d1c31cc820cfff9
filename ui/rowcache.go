package ui

import "kiemtra/model"

// rowCache remembers the rows the checklist has drawn. A row is a pure
// function of its key (which item, what it shows, whether it is selected,
// how wide), so a keystroke that moves the cursor redraws two rows and
// takes the others as they were: measuring and truncating Vietnamese text
// to its cells was most of a frame. Filling the cache changes nothing any
// view shows; it is the checklist model's own and never shared with
// another App.
type rowCache struct {
	items  map[itemRowKey]string
	fields map[fieldRowKey]string
}

// rowCacheMax bounds each map: past it, the cache starts afresh (edits
// make new keys; a session makes a few thousand rows at most).
const rowCacheMax = 8192

type itemRowKey struct {
	item    int
	content model.Content
	flag    byte
	sel     bool
	w       int
}

type fieldRowKey struct {
	field int
	tally model.Tally
	sel   bool
	w     int
}

func newRowCache() *rowCache {
	return &rowCache{items: map[itemRowKey]string{}, fields: map[fieldRowKey]string{}}
}

// item returns the row for k, drawing it with draw the first time.
func (rc *rowCache) item(k itemRowKey, draw func() string) string {
	if rc == nil {
		return draw()
	}
	if s, ok := rc.items[k]; ok {
		return s
	}
	if len(rc.items) >= rowCacheMax {
		clear(rc.items)
	}
	s := draw()
	rc.items[k] = s
	return s
}

// field returns the field row for k, drawing it with draw the first time.
func (rc *rowCache) field(k fieldRowKey, draw func() string) string {
	if rc == nil {
		return draw()
	}
	if s, ok := rc.fields[k]; ok {
		return s
	}
	if len(rc.fields) >= rowCacheMax {
		clear(rc.fields)
	}
	s := draw()
	rc.fields[k] = s
	return s
}
