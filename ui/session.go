package ui

import (
	"strings"
	"time"

	"kiemtra/model"
)

// flatItem is one checklist item with where it sits.
type flatItem struct {
	model.Item
	field, crit int
}

// session is the assessment open on screen: its checklist flattened for
// fast windowed drawing and search, the last stored revision of every
// finding, and the content the screen shows, which may be ahead of the
// store while a save is in flight. Only App.Update mutates it.
type session struct {
	assessment model.Assessment
	unit       model.Unit
	cl         *model.Checklist

	items      []flatItem
	fieldStart []int // fieldStart[f] is the index of field f's first item; last entry is len(items)
	index      map[string]int
	search     *searchIndex

	saved   map[string]model.Finding // last stored revision per item
	content map[string]model.Content // what the screen shows per item

	queue    []string        // items whose content differs from saved, oldest first
	queued   map[string]bool // membership of queue
	inflight string          // item being saved, "" when none
	failed   map[string]string

	score model.Scorecard

	// resolve is set when the session holds the merged value of a
	// conflict being edited: nothing is saved as a finding, the value is
	// stored as the conflict's resolution.
	resolve *model.ConflictView
}

func newSession(a model.Assessment, u model.Unit, cl *model.Checklist, fs []model.Finding) *session {
	s := &session{assessment: a, unit: u, cl: cl, index: map[string]int{},
		saved: map[string]model.Finding{}, content: map[string]model.Content{},
		queued: map[string]bool{}, failed: map[string]string{}}
	for fi, f := range cl.Fields {
		s.fieldStart = append(s.fieldStart, len(s.items))
		for ci, cr := range f.Criteria {
			for _, it := range cr.Items {
				s.index[it.Code] = len(s.items)
				s.items = append(s.items, flatItem{Item: it, field: fi, crit: ci})
			}
		}
	}
	s.fieldStart = append(s.fieldStart, len(s.items))
	for _, f := range fs {
		s.saved[f.ItemCode] = f
		s.content[f.ItemCode] = f.Content()
	}
	s.search = newSearchIndex(s.items)
	s.rescore()
	return s
}

func (s *session) finalized() bool { return s.assessment.Status == model.StatusFinalized }

// rescore recomputes the scorecard from the content on screen.
func (s *session) rescore() {
	m := make(map[string]model.Content, len(s.content))
	for code, c := range s.content {
		if c.Result.Answered() {
			m[code] = c
		}
	}
	s.score = model.Score(s.cl, m)
}

// set changes an item's content on screen and queues it for saving.
func (s *session) set(code string, c model.Content) {
	s.content[code] = c
	delete(s.failed, code)
	if !s.queued[code] {
		s.queued[code] = true
		s.queue = append(s.queue, code)
	}
	s.rescore()
}

// next pops the next item that really needs saving, or "".
func (s *session) next() string {
	for len(s.queue) > 0 {
		code := s.queue[0]
		s.queue = s.queue[1:]
		delete(s.queued, code)
		if s.dirty(code) {
			return code
		}
	}
	return ""
}

// dirty reports whether the screen shows something the store lacks.
func (s *session) dirty(code string) bool {
	return s.content[code] != s.saved[code].Content()
}

// pending reports whether any change is unsaved (queued, in flight or failed).
func (s *session) pending() bool {
	if s.inflight != "" || len(s.failed) > 0 {
		return true
	}
	for _, code := range s.queue {
		if s.dirty(code) {
			return true
		}
	}
	return false
}

// requeueFailed puts failed items back in the queue (ctrl+s, quit).
func (s *session) requeueFailed() {
	for code := range s.failed {
		delete(s.failed, code)
		if !s.queued[code] {
			s.queued[code] = true
			s.queue = append(s.queue, code)
		}
	}
}

// gaps lists, in checklist order, the items marked chưa đạt without a note.
func (s *session) gaps() []string {
	var out []string
	for _, it := range s.items {
		if c, ok := s.content[it.Code]; ok && c.NeedsNote() {
			out = append(out, it.Code)
		}
	}
	return out
}

// nextUnanswered finds the first unanswered item after from, wrapping; -1
// when every item is answered.
func (s *session) nextUnanswered(from int) int {
	n := len(s.items)
	for k := 1; k <= n; k++ {
		i := (from + k) % n
		if !s.content[s.items[i].Code].Result.Answered() {
			return i
		}
	}
	return -1
}

// finding is the revision to store for an item: the screen's content on top
// of the last stored revision.
func (s *session) finding(code, actor string) model.Finding {
	f := s.saved[code]
	if f.ItemCode == "" {
		f = model.Finding{AssessmentID: s.assessment.ID, ItemCode: code}
	}
	f.Apply(s.content[code])
	f.UpdatedBy = actor
	f.BaseRevision = s.saved[code].Revision
	f.UpdatedAt = time.Time{}
	return f
}

// shortText is the item's text cut at the first sentence end for lists.
func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return s
}
