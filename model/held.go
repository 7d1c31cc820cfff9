package model

import "time"

// ChecklistOrigin says where a checklist version the database holds came
// from: built into kiemtra, or added from a file (kiemtra checklist add),
// named with the SHA-256 of the bytes that were read, so a person can tell
// which copy of a province's workbook it was.
type ChecklistOrigin struct {
	Builtin bool   `json:"builtin"`
	File    string `json:"file,omitempty"`   // the file's name, without its folder
	SHA256  string `json:"sha256,omitempty"` // hex SHA-256 of the file's bytes
	// AddedAt is when this database first recorded the version.
	AddedAt time.Time `json:"added_at,omitzero"`
}

// HeldChecklist is a checklist version the database holds, with where it
// came from.
type HeldChecklist struct {
	Checklist *Checklist
	Origin    ChecklistOrigin
}
