package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// Every store call happens in a command built here. Constructors copy what
// they need into the closure (strings, structs, the Store interface value),
// never a pointer into the model, so a command running on its own
// goroutine never races with Update.

// opTimeout bounds one store call; SQLite's busy timeout is 5 s.
const opTimeout = 15 * time.Second

func opCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), opTimeout)
}

// settingsLoadedMsg carries the inspector's name read at start-up.
type settingsLoadedMsg struct {
	inspector string
	err       error
}

func loadSettingsCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		name, err := st.Setting(ctx, settingInspector)
		return settingsLoadedMsg{inspector: name, err: err}
	}
}

// inspectorSavedMsg reports the first-launch name was stored.
type inspectorSavedMsg struct {
	name string
	err  error
}

func saveInspectorCmd(st Store, name string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		return inspectorSavedMsg{name: name, err: st.SetSetting(ctx, settingInspector, name)}
	}
}

// inspectionsLoadedMsg carries the inspections for the start screen;
// selectID asks the list to select that inspection (after creating it).
type inspectionsLoadedMsg struct {
	list     []model.Inspection
	selectID string
	err      error
}

func loadInspectionsCmd(st Store, selectID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		list, err := st.Inspections(ctx)
		return inspectionsLoadedMsg{list: list, selectID: selectID, err: err}
	}
}

// unitRow is one line of the start screen's unit list.
type unitRow struct {
	assessment model.Assessment
	unit       model.Unit
	checklist  string // "id@version"
	score      model.Scorecard
}

// unitsLoadedMsg carries one inspection's units with their progress.
type unitsLoadedMsg struct {
	inspectionID string
	rows         []unitRow
	selectID     string // assessment to select, "" keeps the cursor
	err          error
}

func loadUnitsCmd(st Store, inspectionID, selectID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		msg := unitsLoadedMsg{inspectionID: inspectionID, selectID: selectID}
		as, err := st.InspectionAssessments(ctx, inspectionID)
		if err != nil {
			msg.err = err
			return msg
		}
		units, err := st.Units(ctx)
		if err != nil {
			msg.err = err
			return msg
		}
		byID := make(map[string]model.Unit, len(units))
		for _, u := range units {
			byID[u.ID] = u
		}
		fs, err := st.InspectionFindings(ctx, inspectionID)
		if err != nil {
			msg.err = err
			return msg
		}
		contents := map[string]map[string]model.Content{}
		for _, f := range fs {
			if !f.Result.Answered() {
				continue
			}
			m := contents[f.AssessmentID]
			if m == nil {
				m = map[string]model.Content{}
				contents[f.AssessmentID] = m
			}
			m[f.ItemCode] = f.Content()
		}
		for _, a := range as {
			cl, err := st.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.rows = append(msg.rows, unitRow{assessment: a, unit: byID[a.UnitID], checklist: cl.Ref(),
				score: model.Score(cl, contents[a.ID])})
		}
		return msg
	}
}

// sessionLoadedMsg carries everything the checklist screen needs for one
// assessment.
type sessionLoadedMsg struct {
	assessment model.Assessment
	unit       model.Unit
	checklist  *model.Checklist
	findings   []model.Finding
	err        error
}

func loadSessionCmd(st Store, assessmentID string, unit model.Unit) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		msg := sessionLoadedMsg{unit: unit}
		a, err := st.Assessment(ctx, assessmentID)
		if err != nil {
			msg.err = err
			return msg
		}
		cl, err := st.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
		if err != nil {
			msg.err = err
			return msg
		}
		fs, err := st.Findings(ctx, assessmentID)
		msg.assessment, msg.checklist, msg.findings, msg.err = a, cl, fs, err
		return msg
	}
}

// findingSavedMsg reports one finding's save: the stored revision, or the
// error that kept it from being stored.
type findingSavedMsg struct {
	assessmentID string
	itemCode     string
	sent         model.Content
	saved        model.Finding
	err          error
}

func saveFindingCmd(st Store, f model.Finding) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		saved, err := st.SaveFinding(ctx, f)
		return findingSavedMsg{assessmentID: f.AssessmentID, itemCode: f.ItemCode, sent: f.Content(), saved: saved, err: err}
	}
}

// flushCmd starts saving the next changed finding of the session, unless a
// save is already in flight: saves of one assessment go one at a time, so
// each is based on the revision the previous one stored.
func flushCmd(c *common, s *session) tea.Cmd {
	if s == nil || s.inflight != "" || s.resolve != nil {
		return nil
	}
	code := s.next()
	if code == "" {
		return nil
	}
	s.inflight = code
	return saveFindingCmd(c.store, s.finding(code, c.inspector))
}

// assessmentSavedMsg reports a change to an assessment itself (the unit's
// side, finalizing, reopening).
type assessmentSavedMsg struct {
	action     string // "side", "finalize", "reopen"
	assessment model.Assessment
	err        error
}

func saveSideCmd(st Store, actor string, a model.Assessment) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		saved, err := st.SaveUnitSide(ctx, actor, a)
		return assessmentSavedMsg{action: "side", assessment: saved, err: err}
	}
}

func finalizeCmd(st Store, actor, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		a, err := st.Finalize(ctx, actor, id)
		return assessmentSavedMsg{action: "finalize", assessment: a, err: err}
	}
}

func reopenCmd(st Store, actor, id, reason string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		a, err := st.Reopen(ctx, actor, id, reason)
		return assessmentSavedMsg{action: "reopen", assessment: a, err: err}
	}
}

// inspectionCreatedMsg reports a new inspection made on the start screen.
type inspectionCreatedMsg struct {
	inspection model.Inspection
	err        error
}

func createInspectionCmd(st Store, actor string, in model.Inspection) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		saved, err := st.SaveInspection(ctx, actor, in)
		return inspectionCreatedMsg{inspection: saved, err: err}
	}
}

// unitAddedMsg reports a unit added to an inspection on the start screen.
type unitAddedMsg struct {
	inspectionID string
	assessmentID string
	err          error
}

func addUnitCmd(st Store, actor string, u model.Unit, a model.Assessment) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		saved, err := st.SaveUnit(ctx, actor, u)
		if err != nil {
			return unitAddedMsg{inspectionID: a.InspectionID, err: err}
		}
		a.UnitID = saved.ID
		added, err := st.AddAssessment(ctx, actor, a)
		return unitAddedMsg{inspectionID: a.InspectionID, assessmentID: added.ID, err: err}
	}
}

// debounceMsg fires when typing in an editor field has paused; seq tells
// stale ticks from the latest one.
type debounceMsg struct{ seq int }

// debounceDelay is how long typing must pause before a note is saved.
const debounceDelay = 800 * time.Millisecond

func debounceCmd(d time.Duration, seq int) tea.Cmd {
	if d <= 0 {
		return nil
	}
	return tea.Tick(d, func(time.Time) tea.Msg { return debounceMsg{seq: seq} })
}

// navMsg asks the App to show another screen; screens file it with
// common.navigate instead of reaching into the App.
type navMsg struct {
	to    screenID
	index int    // item index for the checklist and editor
	focus int    // editor field to focus
	unit  string // assessment ID to open (start → checklist)
	u     model.Unit
	// outcome is the import shown above the conflicts; keep returns to
	// the conflicts screen as it was (from editing a merged value).
	outcome *model.ImportOutcome
	keep    bool
}

// navigate files a request to change screens. The App acts on it at the
// end of the same Update, not through a command: keys typed right after
// (a note after "3") must reach the new screen, not the old one.
func (c *common) navigate(n navMsg) tea.Cmd {
	c.nav = &n
	return nil
}

// errorCode is the model code of err, as the switches below spell it.
func errorCode(err error) string { return string(model.ErrorCode(err)) }

// errText is the catalogue message for a store error.
func (c *common) errText(err error) string {
	if err == nil {
		return ""
	}
	switch errorCode(err) {
	case "stale":
		return c.t.T("ui.err.stale")
	case "finalized":
		return c.t.T("ui.err.finalized")
	case "disk_full":
		return c.t.T("ui.err.disk_full")
	case "read_only":
		return c.t.T("ui.err.read_only")
	case "busy":
		return c.t.T("ui.err.busy")
	case "corrupt":
		return c.t.T("ui.err.corrupt")
	case "gaps":
		return c.t.T("ui.err.gaps")
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return c.t.T("ui.err.timeout")
	}
	var me *model.Error
	if errors.As(err, &me) {
		return c.t.Err(err)
	}
	return fmt.Sprint(err)
}
