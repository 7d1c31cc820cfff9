package model

import "time"

// FindingChange is one change in a finding's history as people read it:
// who made it, when, on which device, what it did and the value before
// and after. A history lists them oldest first.
type FindingChange struct {
	At    time.Time
	Actor string
	// Device is the ID of the device the change was made on (ShortID is
	// how people read it), DeviceName its trusted name if it has one;
	// Local marks this device's own changes.
	Device     string
	DeviceName string
	Local      bool
	Action     ChangeAction
	// Old is the value before (HadOld false for the first answer), New
	// the value after.
	Old    Content
	HadOld bool
	New    Content
}

// ChangeAction is what a change to a finding was.
type ChangeAction string

// The actions a finding's history holds.
const (
	ActionSave    ChangeAction = "save"    // recorded by an inspector
	ActionUndo    ChangeAction = "undo"    // the previous change taken back
	ActionResolve ChangeAction = "resolve" // a conflict settled
)
