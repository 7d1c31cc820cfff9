package ui

import (
	"context"
	"maps"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// FollowStore is what following kiến nghị up and the unit's
// self-assessment need of the database. *store.DB satisfies it (checked
// in a test); a Store without it shows neither.
type FollowStore interface {
	// FollowUpsFor lists the earlier kiến nghị visit assessmentID follows
	// up, with what this and earlier visits found of each.
	FollowUpsFor(ctx context.Context, assessmentID string) ([]model.Recommendation, error)
	// SaveFollowUp records what the visit found of one of them (f.BaseRevision
	// the revision shown, else ErrStale).
	SaveFollowUp(ctx context.Context, f model.FollowUp) (model.FollowUp, error)
	// SelfScores are the unit's own scores for the visit.
	SelfScores(ctx context.Context, assessmentID string) ([]model.SelfScore, error)
	// StampedConflicts lists, of the records of kind entity with these
	// IDs, those holding two laptops' values that disagree.
	StampedConflicts(ctx context.Context, entity string, ids ...string) ([]model.StampedConflict, error)
}

// followData is what a session shows of the earlier kiến nghị and of the
// unit's self-assessment. It is never written in place: a save makes a new
// one, so a copy of a session keeps what it had.
type followData struct {
	recs []model.Recommendation
	self map[string]model.SelfScore // the items the unit scored, by code
	// others are, by kiến nghị, the values another laptop recorded for
	// this visit that disagree with the one shown (a conflict: the next
	// save settles it).
	others map[string][]model.FollowUp
}

// loadFollow reads the follow-up data of a visit; nil when st cannot hold
// any.
func loadFollow(ctx context.Context, st Store, assessmentID string) (*followData, error) {
	fs, ok := st.(FollowStore)
	if !ok {
		return nil, nil
	}
	recs, err := fs.FollowUpsFor(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	ss, err := fs.SelfScores(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	d := &followData{recs: recs, self: map[string]model.SelfScore{}, others: map[string][]model.FollowUp{}}
	for _, s := range ss {
		if s.Scored {
			d.self[s.ItemCode] = s
		}
	}
	ids := make([]string, len(recs))
	byID := map[string]string{}
	for i, r := range recs {
		ids[i] = model.FollowUpID(assessmentID, r.ID)
		byID[ids[i]] = r.ID
	}
	cs, err := fs.StampedConflicts(ctx, "follow_up", ids...)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		for _, o := range c.Others {
			if f, ok := o.(model.FollowUp); ok {
				d.others[byID[c.ID]] = append(d.others[byID[c.ID]], f)
			}
		}
	}
	return d, nil
}

// withSaved is d with the check f in place of the one its visit made of
// its kiến nghị.
func (d *followData) withSaved(f model.FollowUp) *followData {
	if d == nil {
		return nil
	}
	n := &followData{recs: slices.Clone(d.recs), self: d.self, others: maps.Clone(d.others)}
	// The save was based on every value shown beside it: settled.
	delete(n.others, f.RecommendationID)
	for i, r := range n.recs {
		if r.ID != f.RecommendationID {
			continue
		}
		checks := slices.Clone(r.Checks)
		at := slices.IndexFunc(checks, func(c model.Check) bool { return c.AssessmentID == f.AssessmentID })
		c := model.Check{FollowUp: f}
		if at >= 0 {
			c.InspectionID, c.Year, c.VisitDate = checks[at].InspectionID, checks[at].Year, checks[at].VisitDate
			checks[at] = c
		} else {
			checks = append(checks, c)
		}
		n.recs[i].Checks = checks
	}
	return n
}

// followSavedMsg is the outcome of saving a follow-up.
type followSavedMsg struct {
	f   model.FollowUp
	err error
}

func saveFollowCmd(st Store, f model.FollowUp) tea.Cmd {
	fs, ok := st.(FollowStore)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		saved, err := fs.SaveFollowUp(ctx, f)
		if err != nil {
			return followSavedMsg{f: f, err: err}
		}
		return followSavedMsg{f: saved}
	}
}

// handleFollowSaved takes in a saved follow-up, or says why it was not.
func (a App) handleFollowSaved(msg followSavedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		a.status = a.status.fail(a.c.t.T("ui.follow.not_saved", a.c.t.Err(msg.err)))
		a.c.log.Error("save follow-up", "recommendation", msg.f.RecommendationID, "err", msg.err)
		return a, nil
	}
	if a.sess.holds(msg.f.AssessmentID) {
		a.sess.follow = a.sess.follow.withSaved(msg.f)
		if e := a.editor; e != nil && e.follow.open && e.follow.focus == followList && e.followable(a.sess) {
			// The fields show what was stored (the day checked defaults
			// to the visit's).
			next := e.followRow(a.sess, e.follow.cursor)
			a.editor = &next
		}
	}
	a.status = statusLine{text: a.c.t.T("ui.follow.saved"), savedAt: a.c.now()}
	return a, nil
}
