package store

import (
	"context"
	"strings"
	"testing"

	"kiemtra/model"
)

// The demo reads as an inspection an official recognises: each note,
// piece of evidence and recommendation is the one written for its item,
// the recommendations differ from one another, no inspector belongs to a
// unit the team inspects, and the plan and decision the seed cannot
// source are marked as invented.
func TestDemoContent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDemoCopy(t)
	in, err := db.FindInspection(ctx, "")
	check(t, err)
	for _, s := range []string{in.Plan, in.Decision} {
		if !strings.Contains(s, "giả định") || strings.Contains(s, "149/KH-UBND") {
			t.Errorf("căn cứ %q: the seed supports no number for it, so it must say it is invented", s)
		}
	}
	units, err := db.Units(ctx)
	check(t, err)
	for _, m := range in.Team {
		for _, u := range units {
			if strings.Contains(model.Fold(m.Organisation), model.Fold(u.Name)) {
				t.Errorf("team member %s (%s) belongs to %s, which the team inspects", m.Name, m.Organisation, u.Name)
			}
		}
	}
	fs, err := db.InspectionFindings(ctx, in.ID)
	check(t, err)
	recs := map[string]bool{}
	for code, sh := range demoShortfalls {
		if _, err := model.ParseDate(sh.by); sh.by != "" && err != nil {
			t.Errorf("item %s: deadline %q: %v", code, sh.by, err)
		}
	}
	var shortfalls, na, seen int
	for _, f := range fs {
		for _, s := range []string{f.Note, f.Evidence, f.Recommendation} {
			if strings.Contains(s, "%!") || strings.Contains(s, "%s") {
				t.Errorf("item %s: %q is a broken format", f.ItemCode, s)
			}
		}
		switch {
		case f.Result.Shortcoming():
			shortfalls++
			want, ok := demoShortfalls[f.ItemCode]
			if !ok || f.Note != want.note || f.Evidence != want.evidence || f.Recommendation != want.rec {
				t.Errorf("item %s found lacking with %q / %q / %q, not what was written for it", f.ItemCode, f.Note, f.Evidence, f.Recommendation)
			}
			recs[f.Recommendation] = true
		case f.Result == model.ResultNotApplicable:
			na++
			if f.Note != demoNotApplicable[f.ItemCode].note || f.Note == "" {
				t.Errorf("item %s không áp dụng without its reason: %q", f.ItemCode, f.Note)
			}
		case f.Evidence != "":
			seen++
			if !strings.HasPrefix(strings.Fields(demoSeen[f.ItemCode] + " x")[0], strings.Fields(f.Evidence)[0]) {
				t.Errorf("item %s đạt with evidence %q, not what was written for it", f.ItemCode, f.Evidence)
			}
		}
		if f.Recommendation != "" && !f.Result.Shortcoming() {
			t.Errorf("item %s has a recommendation but no shortcoming", f.ItemCode)
		}
	}
	if shortfalls < 20 || na < 3 || seen < 20 || len(recs) < 15 {
		t.Errorf("%d shortcomings, %d không áp dụng, %d đạt with evidence, %d distinct recommendations: too few for a demo",
			shortfalls, na, seen, len(recs))
	}
}
