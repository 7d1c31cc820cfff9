package model

import "time"

// This file holds what the TUI shows of an import and of the conflicts it
// leaves: plain values, so that package ui can declare the interface it
// needs without importing store (store.DB.ImportPath and ConflictViews
// return them).

// ImportedFile is what importing one bundle file did.
type ImportedFile struct {
	File      string // the path as given
	From      string // who wrote it: the device's name, or its ID
	Replay    bool   // received before: nothing changed
	Accepted  int    // records taken in
	Present   int    // records already held
	Conflicts int    // findings left in conflict
	// Err says why the file was refused (a *model.Error: its code and
	// params give the words); nil when it was imported. A refused file
	// changed nothing.
	Err error
	// Warnings are what a person should know about a file that was
	// imported (each an error with a model code and params, for the
	// catalogue's words): the import stands.
	Warnings []error
}

// BundleGap is a device's bundles that never arrived.
type BundleGap struct {
	From    string
	Missing []int64
}

// ImportOutcome is what importing several files did.
type ImportOutcome struct {
	Files  []ImportedFile
	Gaps   []BundleGap
	Backup string // the backup made before the first change, if any
}

// Conflicts counts the findings left in conflict by every file.
func (o ImportOutcome) Conflicts() int {
	n := 0
	for _, f := range o.Files {
		n += f.Conflicts
	}
	return n
}

// Refused counts the files refused.
func (o ImportOutcome) Refused() int {
	n := 0
	for _, f := range o.Files {
		if f.Err != nil {
			n++
		}
	}
	return n
}

// ConflictSide is one of the two values of a finding in conflict.
type ConflictSide struct {
	Finding
	DeviceName string // the device that made it
	Local      bool   // made on this computer
}

// ConflictView is a finding changed on two devices since they last agreed,
// with what a person needs to choose between the two values.
type ConflictView struct {
	ID           string
	AssessmentID string
	InspectionID string
	UnitCode     string
	UnitName     string
	ItemCode     string
	ItemText     string
	// A is this computer's value when one of the two is; B the other.
	A, B       ConflictSide
	Finalized  bool // the assessment is finalized: reopen it to resolve
	DetectedAt time.Time
}
