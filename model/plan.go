package model

// Plan is an inspection plan as Sở Nội vụ hands it to a team: the
// inspection, its team, and the units to visit with the day and the
// checklist that applies to each.
type Plan struct {
	Inspection Inspection `json:"inspection"`
	Visits     []Visit    `json:"visits"`
}

// Visit is one unit to inspect under a plan.
type Visit struct {
	Unit             Unit   `json:"unit"`
	Date             Date   `json:"date,omitempty"`
	Place            string `json:"place,omitempty"`
	ChecklistID      string `json:"checklist"`
	ChecklistVersion string `json:"checklist_version,omitempty"` // "" means the newest built-in
	// The biên bản's details known when the plan is made (document.go);
	// any left empty stay as recorded.
	StartTime    string        `json:"start_time,omitempty"`
	EndTime      string        `json:"end_time,omitempty"`
	RecordNo     string        `json:"record_no,omitempty"`
	Copies       int           `json:"copies,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
	Conclusion   Conclusion    `json:"conclusion,omitzero"`
}
