package ui

import "kiemtra/model"

// result is what a screen asks of the App after handling a message,
// returned beside its command: screens never reach into the App or into
// shared state; they say what they want and App.apply carries it out, in
// the order of the fields below. The zero result asks for nothing.
type result struct {
	// edit is an item's new content: the App shows it and queues its save.
	edit *edit
	// retry puts the saves that failed back in the queue (ctrl+s).
	retry bool
	// change is a change to the assessment itself for the App to store.
	change *assessmentChange
	// undo is the item whose last change to take back ("" none).
	undo string
	// prefs are the export form's choices to remember (an export began).
	prefs *exportPrefs
	// status replaces the status line's text (a long task started:
	// "Đang xuất…"; an import's outcome); statusErr marks it an error.
	status    string
	statusErr bool
	// nav is the screen to show next; nil stays. It is carried out in the
	// same Update, not through a command: keys typed right after (a note
	// after "3") must reach the new screen, not the old one.
	nav *navigation
}

// edit is an item's content as the inspector left it on screen.
type edit struct {
	code    string
	content model.Content
}

// navigation asks for another screen.
type navigation struct {
	to screenID
	// index is the item for the editor, or the checklist's new cursor
	// (-1 keeps it where it was).
	index int
	// focus is the editor field to start in.
	focus editorField
	// assessmentID, with unit, opens that assessment's checklist (from
	// the start screen); empty returns to the one open.
	assessmentID string
	unit         model.Unit
	// outcome is the import shown above the conflicts, if one led there.
	outcome *model.ImportOutcome
	// resume returns to the conflicts screen as it was (leaving a merged
	// value unsaved) instead of opening it afresh.
	resume bool
}

// goTo is a result asking only for another screen.
func goTo(n navigation) result { return result{nav: &n} }

// say is a result asking only for a status line text.
func say(text string) result { return result{status: text} }
