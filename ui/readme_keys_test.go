package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"kiemtra/i18n"
)

// TestReadmeListsEveryKey: the README's "Using the app" tables name every
// key each screen binds, so a key added to a screen and not to the
// README (or dropped from a screen and left in it) fails here.
func TestReadmeListsEveryKey(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	tr := i18n.New(i18n.VI)
	st, cl, ed, su, co := newStartKeys(tr), newChecklistKeys(tr), newEditorKeys(tr), newSummaryKeys(tr), newConflictKeys(tr)
	screens := []struct {
		heading string
		keys    []key.Binding
	}{
		{"Inspections (start screen):", []key.Binding{st.Up, st.Down, st.Switch, st.Open, st.NewInspection, st.EditInspection,
			st.EditUnit, st.RemoveInspection, st.RemoveUnit, st.Report, st.AddUnit, st.Reload, st.Export, st.Import, st.Conflicts}},
		{"Checklist:", append(cl.Results.list(), cl.Up, cl.Down, cl.PageUp, cl.PageDown, cl.Top, cl.Bottom, cl.PrevField,
			cl.NextField, cl.NextUnanswered, cl.NextAttention, cl.Filter, cl.Undo, cl.Edit, cl.Search, cl.Summary, cl.Export,
			cl.Retry, cl.Back)},
		{"Finding editor:", append(ed.Results.list(), ed.NextField, ed.PrevField, ed.Save, ed.Undo, ed.History, ed.NextItem,
			ed.PrevItem, ed.Back)},
		{"Unit summary:", []key.Binding{su.Up, su.Down, su.PageUp, su.PageDown, su.EditSide, su.Conclusion, su.Finalize,
			su.Reopen, su.Export, su.Back}},
		{"Conflicts:", []key.Binding{co.Up, co.Down, co.TakeA, co.TakeB, co.Edit, co.Reload}},
	}
	readmeName := map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn"}
	for _, s := range screens {
		_, rest, ok := strings.Cut(readme, "\n"+s.heading+"\n")
		if !ok {
			t.Errorf("README.md has no %q table", s.heading)
			continue
		}
		table, _, _ := strings.Cut(strings.TrimLeft(rest, "\n"), "\n\n")
		for _, b := range s.keys {
			for _, k := range b.Keys() {
				if n, ok := readmeName[k]; ok {
					k = n
				}
				if !strings.Contains(table, "`"+k+"`") {
					t.Errorf("README.md's %q table lacks `%s` (%s)", s.heading, k, b.Help().Desc)
				}
			}
		}
	}
}
