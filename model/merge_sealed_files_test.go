package model

import (
	"fmt"
	"testing"
	"time"
)

func TestViewAttachment(t *testing.T) {
	t0 := time.Date(2025, 10, 1, 8, 0, 0, 0, time.UTC)
	draft := RecordRev(RecordRevisionID("assessment", "a", "", "draft"), "", "draft", t0, 0)
	fin := RecordRev(RecordRevisionID("assessment", "a", draft.ID, "fin"), draft.ID, "fin", t0.Add(time.Hour), 1)
	reopened := RecordRev(RecordRevisionID("assessment", "a", fin.ID, "reopened"), fin.ID, "reopened", t0.Add(2*time.Hour), 0)
	x, y := Attachment{ID: "x"}, Attachment{ID: "y"}
	xGone, yGone := x, y
	xGone.Removed, yGone.Removed = true, true
	sealed := AssessmentView{Graph: NewGraph(draft, fin), Seals: map[string]Seal{fin.ID: {}}, FileSeals: map[string][]string{fin.ID: {"x"}}}
	old := AssessmentView{Graph: NewGraph(draft, fin), Seals: map[string]Seal{fin.ID: {}}}
	open := AssessmentView{Graph: NewGraph(draft, fin, reopened), Seals: sealed.Seals, FileSeals: sealed.FileSeals}
	for _, c := range []struct {
		name             string
		v                AssessmentView
		cur              Attachment
		removed, pending bool
	}{
		{"sealed, live", sealed, x, false, false},
		{"sealed, removed elsewhere", sealed, xGone, false, true},
		{"not sealed, attached elsewhere", sealed, y, true, true},
		{"not sealed, removed", sealed, yGone, true, false},
		// A seal without files (made before files were sealed) leaves them
		// to the normal merge.
		{"old seal, attached elsewhere", old, y, false, false},
		{"old seal, removed elsewhere", old, xGone, true, false},
		{"reopened", open, y, false, false},
		{"reopened, removed", open, xGone, true, false},
	} {
		removed, pending := ViewAttachment(c.v, c.cur)
		if got, want := fmt.Sprint(removed, pending), fmt.Sprint(c.removed, c.pending); got != want {
			t.Errorf("%s: removed, pending = %s, want %s", c.name, got, want)
		}
	}
}
