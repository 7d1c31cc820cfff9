package model

// This file is the rule that keeps a finalized assessment as it was
// signed. Finalizing records a seal: the revision of each item's finding
// at that moment. A finding revision made on a draft that had not seen a
// finalization (on another laptop, offline) is held aside: it is kept,
// listed as a conflict against what the record shows, and never applied
// by an import, even after the record is reopened, until someone resolves
// it. Only a change made after a reopening of that finalization (its
// assessment revision descends from it) or one the seal itself includes is
// admissible. Like the rest of the merge, what a finding shows is a
// function of the union of the revisions alone, so the order of imports
// never matters.

// Seal is a finalized assessment's findings as signed: each item's
// finding revision ID. An item without one had no answer.
type Seal map[string]string

// AssessmentView is what deciding a finding needs of its assessment: the
// graph of the assessment's own revisions and the seal of each finalized
// one that has a seal (finalizations made by a kiemtra older than seals
// have none and hold nothing aside).
type AssessmentView struct {
	Graph *Graph
	Seals map[string]Seal
	// FileSeals are, for each finalized revision whose seal names them,
	// the attachments live when it was signed (see ViewAttachment).
	FileSeals map[string][]string
}

// Current is the assessment revision shown (see Later: a finalized one
// before a draft), and whether there is any.
func (v AssessmentView) Current() (Rev, bool) {
	if v.Graph == nil {
		return Rev{}, false
	}
	h := v.Graph.Heads()
	if len(h) == 0 {
		return Rev{}, false
	}
	return h[0], true
}

// CurrentSeal is the seal the shown revision carries, if it is a sealed
// finalized revision.
func (v AssessmentView) CurrentSeal() (Seal, bool) {
	cur, ok := v.Current()
	if !ok {
		return nil, false
	}
	s, ok := v.Seals[cur.ID]
	return s, ok
}

// FindingView is what one finding shows and what is in conflict.
type FindingView struct {
	// Shown is the revision the finding shows; a zero ID means none (an
	// item the signed record left unanswered).
	Shown Rev
	// Pairs are the disagreements to resolve: between current heads, and
	// between what is shown and each revision held aside.
	Pairs []Pair
	// HeldAside are the heads not applied because they were made on a
	// draft that had not seen a finalization.
	HeldAside []Rev
}

// Admissible reports whether a finding revision of item may be shown:
// for every sealed finalization, either the seal includes it (it is the
// sealed revision or one before it) or it was made under an assessment
// revision descending from that finalization (after it was reopened).
// made is the assessment revision the finding revision was saved under,
// "" if unknown (then only a seal can admit it).
func (v AssessmentView) Admissible(g *Graph, item string, r Rev, made string) bool {
	for fin, seal := range v.Seals {
		if made != "" && v.Graph != nil && v.Graph.Ancestor(fin, made) {
			continue
		}
		if s := seal[item]; s != "" && g.Ancestor(r.ID, s) {
			continue
		}
		return false
	}
	return true
}

// ViewFinding decides one finding of the assessment v describes, given
// all its revisions (g) and, for each revision ID, the assessment
// revision it was made under.
func ViewFinding(v AssessmentView, g *Graph, item string, made map[string]string) FindingView {
	var out FindingView
	admissible := map[string]bool{}
	for _, r := range g.Revs() {
		if v.Admissible(g, item, r, made[r.ID]) {
			admissible[r.ID] = true
		}
	}
	// The heads among admissible revisions: a held-aside change made on
	// top of one leaves that one current.
	based := map[string]bool{}
	for id := range admissible {
		r, _ := g.Get(id)
		for _, p := range r.Parents {
			based[p] = true
		}
	}
	var heads []Rev
	for id := range admissible {
		if !based[id] {
			r, _ := g.Get(id)
			heads = append(heads, r)
		}
	}
	sortLater(heads)
	for _, h := range g.Heads() {
		if !admissible[h.ID] {
			out.HeldAside = append(out.HeldAside, h)
		}
	}
	if seal, ok := v.CurrentSeal(); ok {
		if r, ok := g.Get(seal[item]); ok {
			out.Shown = r
		}
		// What the seal shows stands; anything else current beside it
		// waits, as a held-aside change does.
		for _, h := range heads {
			if h.ID != out.Shown.ID && !g.Ancestor(h.ID, out.Shown.ID) {
				out.HeldAside = append(out.HeldAside, h)
			}
		}
	} else if len(heads) > 0 {
		out.Shown = heads[0]
		out.Pairs = ConflictsOf(heads)
	}
	for _, h := range out.HeldAside {
		if out.Shown.ID == "" || h.Content != out.Shown.Content {
			out.Pairs = append(out.Pairs, Pair{Current: out.Shown, Other: h})
		}
	}
	return out
}

// sortLater orders revisions as Heads does: the one shown first.
func sortLater(rs []Rev) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && Later(rs[j], rs[j-1]); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}
