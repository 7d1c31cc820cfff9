package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// The start screen's store commands and the messages they send.

// inspectionsLoadedMsg carries the inspections for the start screen;
// selectID asks the list to select that inspection (after creating it).
type inspectionsLoadedMsg struct {
	inspections []model.Inspection
	selectID    string
	err         error
}

func loadInspectionsCmd(st Store, selectID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		list, err := st.Inspections(ctx)
		return inspectionsLoadedMsg{inspections: list, selectID: selectID, err: err}
	}
}

// unitRow is one line of the start screen's unit list.
type unitRow struct {
	assessment model.Assessment
	unit       model.Unit
	checklist  string // "id@version"
	progress   model.Progress
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
		progress, err := st.InspectionProgress(ctx, inspectionID)
		if err != nil {
			msg.err = err
			return msg
		}
		// No checklist is parsed for the list: the store keeps each
		// version's size beside it.
		for _, a := range as {
			// The unit as it was at the visit, whatever it is called now.
			msg.rows = append(msg.rows, unitRow{assessment: a, unit: a.UnitAsVisited(byID[a.UnitID]),
				checklist: a.ChecklistID + "@" + a.ChecklistVersion, progress: progress[a.ID]})
		}
		return msg
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

func addVisitCmd(st Store, actor, inspectionID string, v model.Visit) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		added, err := st.AddVisit(ctx, actor, inspectionID, v)
		return unitAddedMsg{inspectionID: inspectionID, assessmentID: added.ID, err: err}
	}
}

// conflictCountMsg carries how many conflicts wait, for the start screen.
type conflictCountMsg struct {
	count int
	err   error
}

func countConflictsCmd(im Importer) tea.Cmd {
	if im == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		list, err := im.ConflictViews(ctx)
		return conflictCountMsg{count: len(list), err: err}
	}
}
