package ui

import (
	"maps"
	"time"

	"kiemtra/model"
)

// flatItem is one checklist item with where it sits.
type flatItem struct {
	model.Item
	field, crit int
}

// sheet is a checklist laid flat for windowed drawing and search. It is
// built once when an assessment opens and never written after, so every
// copy of a session shares it safely.
type sheet struct {
	cl         *model.Checklist
	items      []flatItem
	fieldStart []int // fieldStart[f] is the index of field f's first item; the last entry is len(items)
	index      map[string]int
	search     *searchIndex
}

func newSheet(cl *model.Checklist) *sheet {
	sh := &sheet{cl: cl, index: map[string]int{}}
	for fi, f := range cl.Fields {
		sh.fieldStart = append(sh.fieldStart, len(sh.items))
		for ci, cr := range f.Criteria {
			for _, it := range cr.Items {
				sh.index[it.Code] = len(sh.items)
				sh.items = append(sh.items, flatItem{Item: it, field: fi, crit: ci})
			}
		}
	}
	sh.fieldStart = append(sh.fieldStart, len(sh.items))
	sh.search = newSearchIndex(sh.items, cl)
	return sh
}

// session is an assessment on screen: its checklist, the last stored
// revision of every finding, and the content the screen shows, which is
// ahead of the store while a save is on its way. It is a value: its maps
// are never written in place (each change makes new ones), so a copy of
// the App keeps the session it had. The zero session is "none open".
type session struct {
	*sheet
	assessment model.Assessment
	unit       model.Unit
	saved      map[string]model.Finding // last stored revision per item
	content    map[string]model.Content // what the screen shows per item
	score      model.Scorecard
	gapCount   int // len(gaps()), kept with the score
	// resolve is set when the session holds the merged value of a
	// conflict being edited: nothing is saved as a finding, the value is
	// stored as the conflict's resolution. It is never written.
	resolve *model.ConflictView
	// follow is the earlier kiến nghị this visit follows up and the unit's
	// own scores (followup_store.go); nil when the store holds none.
	follow *followData
	// files is how many files are attached to each item's finding (what
	// the "có tệp đính kèm" filter keeps). It is never written in place:
	// withFiles makes a new map, so a copy of a session keeps its own.
	files map[string]int
}

// withFiles is s with n files attached to item code.
func (s session) withFiles(code string, n int) session {
	files := make(map[string]int, len(s.files)+1)
	for k, v := range s.files {
		files[k] = v
	}
	files[code] = n
	s.files = files
	return s
}

func newSession(a model.Assessment, u model.Unit, cl *model.Checklist, fs []model.Finding) session {
	s := session{sheet: newSheet(cl), assessment: a, unit: u,
		saved: make(map[string]model.Finding, len(fs)), content: make(map[string]model.Content, len(fs))}
	for _, f := range fs {
		s.saved[f.ItemCode] = f
		s.content[f.ItemCode] = f.Content()
	}
	return s.rescored()
}

// isOpen reports whether the session holds an assessment.
func (s session) isOpen() bool { return s.sheet != nil }

// holds reports whether the session is assessment id's.
func (s session) holds(id string) bool { return s.isOpen() && s.assessment.ID == id }

func (s session) finalized() bool { return s.assessment.Status == model.StatusFinalized }

// rescored recomputes the scorecard from the content on screen.
func (s session) rescored() session {
	m := make(map[string]model.Content, len(s.content))
	s.gapCount = 0
	for code, c := range s.content {
		if c.Result.Answered() {
			m[code] = c
		}
		if _, ok := s.index[code]; ok && c.NeedsNote() {
			s.gapCount++
		}
	}
	s.score = model.Score(s.cl, m)
	return s
}

// with is the session showing c for item code.
func (s session) with(code string, c model.Content) session {
	s.content = maps.Clone(s.content)
	s.content[code] = c
	return s.rescored()
}

// stored takes in the revision the store kept for a change sent with
// content sent. The store normalizes text (NFC); its form is adopted when
// the screen still shows what was sent, so the item does not look changed
// forever. moved reports that the screen has moved on since, so the item
// needs saving again.
func (s session) stored(f model.Finding, sent model.Content) (next session, moved bool) {
	s.saved = maps.Clone(s.saved)
	s.saved[f.ItemCode] = f
	if s.content[f.ItemCode] != sent {
		return s, true
	}
	return s.with(f.ItemCode, f.Content()), false
}

// withAssessment is the session with the assessment as the store holds it.
func (s session) withAssessment(a model.Assessment) session {
	if s.holds(a.ID) {
		s.assessment = a
	}
	return s
}

// dirty reports whether the screen shows something the store lacks.
func (s session) dirty(code string) bool {
	return s.content[code] != s.saved[code].Content()
}

// gaps lists, in checklist order, the items marked chưa đạt without a note.
func (s session) gaps() []string {
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
func (s session) nextUnanswered(from int) int {
	n := len(s.items)
	for k := 1; k <= n; k++ {
		i := (from + k) % n
		if !s.content[s.items[i].Code].Result.Answered() {
			return i
		}
	}
	return -1
}

// finding is the revision to store for an item: the screen's content on
// top of the last stored revision.
func (s session) finding(code, actor string) model.Finding {
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
