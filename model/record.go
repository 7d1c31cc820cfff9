package model

import (
	"fmt"
	"strings"
	"time"
)

// Result is the outcome an inspector records for one item.
type Result int

// The results of an item. The zero value means not yet assessed.
const (
	ResultUnassessed    Result = iota // chưa đánh giá
	ResultPass                        // đạt
	ResultPartial                     // đạt một phần
	ResultFail                        // chưa đạt
	ResultNotApplicable               // không áp dụng
)

var resultCodes = [...]string{"", "pass", "partial", "fail", "na"}

// String returns the stable code used in files and the database.
func (r Result) String() string {
	if r < 0 || int(r) >= len(resultCodes) {
		return fmt.Sprintf("Result(%d)", int(r))
	}
	if r == ResultUnassessed {
		return "unassessed"
	}
	return resultCodes[r]
}

// Code is the stored form: "" for not assessed, else String().
func (r Result) Code() string {
	if r == ResultUnassessed {
		return ""
	}
	return r.String()
}

// ParseResult reads a stored result code.
func ParseResult(s string) (Result, error) {
	switch s {
	case "", "unassessed":
		return ResultUnassessed, nil
	case "pass":
		return ResultPass, nil
	case "partial":
		return ResultPartial, nil
	case "fail":
		return ResultFail, nil
	case "na":
		return ResultNotApplicable, nil
	}
	return 0, fmt.Errorf("%w result %q", ErrInvalid, s)
}

// Answered reports whether the item has been assessed.
func (r Result) Answered() bool { return r != ResultUnassessed }

// Shortcoming reports whether the result is a tồn tại, hạn chế to report.
func (r Result) Shortcoming() bool { return r == ResultFail || r == ResultPartial }

// Member is one person of an inspection team.
type Member struct {
	Name         string `json:"name"`
	Position     string `json:"position,omitempty"`     // chức vụ
	Organisation string `json:"organisation,omitempty"` // cơ quan
	Role         string `json:"role,omitempty"`         // trưởng đoàn, thành viên, thư ký
}

// Inspection is a đợt kiểm tra: one year's inspection under one plan.
type Inspection struct {
	ID       string   `json:"id"`
	Year     int      `json:"year"`
	Title    string   `json:"title"`
	Plan     string   `json:"plan,omitempty"`     // "Kế hoạch số 12/KH-UBND ngày 20/01/2022 …"
	Decision string   `json:"decision,omitempty"` // quyết định thành lập đoàn
	Issuer   string   `json:"issuer,omitempty"`   // cơ quan chủ trì, e.g. "Sở Nội vụ tỉnh Hải Dương"
	Team     []Member `json:"team,omitempty"`
	Start    Date     `json:"start,omitempty"`
	End      Date     `json:"end,omitempty"`
	// ReportDays is how many days after the conclusion the unit must report
	// its fixes (15 in the usual plans).
	ReportDays int `json:"report_days,omitempty"`

	// What the documents print in their letterhead and number (Nghị định
	// 30/2020/NĐ-CP); document.go says what each is. All are optional and
	// omitted when empty, so an inspection recorded before they existed
	// encodes as it did.
	GoverningBody string           `json:"governing_body,omitempty"` // cơ quan chủ quản: "UBND tỉnh Hải Dương"
	TeamName      string           `json:"team_name,omitempty"`      // "Đoàn kiểm tra công tác CCHC"
	Locality      string           `json:"locality,omitempty"`       // địa danh of the date line: "Hải Dương"
	TeamCode      string           `json:"team_code,omitempty"`      // the team's abbreviation: "ĐKT" in "Số: 15/BB-ĐKT"
	IssuerCode    string           `json:"issuer_code,omitempty"`    // the issuer's: "SNV" in "Số: 20/TB-SNV"
	ConclusionBy  ConclusionBy     `json:"conclusion_by,omitempty"`  // who issues the thông báo kết luận
	Report        InspectionReport `json:"report,omitzero"`          // the báo cáo kết quả kiểm tra
	// Removed marks an inspection taken off the list while it held no
	// findings (a revision like any other, so the removal travels); one
	// that holds findings after a merge is shown all the same.
	Removed bool `json:"removed,omitempty"`
}

// Unit is an inspected body: a sở, a UBND huyện, a UBND xã.
type Unit struct {
	ID      string   `json:"id"`
	Code    string   `json:"code"` // short, stable, unique: "STP", "BINHGIANG"
	Name    string   `json:"name"`
	Kind    UnitKind `json:"kind"`
	Address string   `json:"address,omitempty"`
}

// Status is an assessment's state.
type Status string

// Assessment states. A finalized assessment is read-only until reopened.
const (
	StatusDraft     Status = "draft"
	StatusFinalized Status = "finalized"
)

// Assessment is one unit, in one inspection, against one checklist version.
type Assessment struct {
	ID           string `json:"id"`
	InspectionID string `json:"inspection_id"`
	UnitID       string `json:"unit_id"`
	// UnitName and UnitKind are the unit's name and kind as they were at
	// the visit: the record and the summaries print these, so a unit
	// renamed or re-kinded later (communes merge, the district level
	// ended) never changes what a past record says. They travel with the
	// assessment in bundles.
	UnitName         string   `json:"unit_name,omitempty"`
	UnitKind         UnitKind `json:"unit_kind,omitempty"`
	ChecklistID      string   `json:"checklist_id"`
	ChecklistVersion string   `json:"checklist_version"`
	Date             Date     `json:"date,omitempty"`  // scheduled or actual day on site
	Place            string   `json:"place,omitempty"` // địa điểm
	Status           Status   `json:"status"`
	// The inspected unit's side of the record.
	Representative         string `json:"representative,omitempty"`          // họ tên
	RepresentativePosition string `json:"representative_position,omitempty"` // chức vụ
	UnitComments           string `json:"unit_comments,omitempty"`           // ý kiến, giải trình
	// The team's own overall remarks.
	Strengths string `json:"strengths,omitempty"` // ưu điểm
	// The biên bản's own details (document.go): its number, the hours the
	// meeting opened and closed, who of the unit took part, how many
	// copies were signed; and the thông báo kết luận issued after the
	// visit. Omitted when empty, as for the inspection's.
	RecordNo     string        `json:"record_no,omitempty"`  // số of the biên bản: "15" in "Số: 15/BB-ĐKT"
	StartTime    string        `json:"start_time,omitempty"` // "08:30" (ParseClock)
	EndTime      string        `json:"end_time,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
	Copies       int           `json:"copies,omitempty"` // bản of the biên bản signed
	Conclusion   Conclusion    `json:"conclusion,omitzero"`
	FinalizedAt  time.Time     `json:"finalized_at,omitempty"`
	FinalizedBy  string        `json:"finalized_by,omitempty"`
	UpdatedAt    time.Time     `json:"updated_at"`
	// Removed marks a unit taken off its inspection while it held no
	// findings, as Inspection.Removed.
	Removed bool `json:"removed,omitempty"`
}

// Finding is what the inspector recorded for one item of one assessment.
// Every change makes a new revision that names the revision it replaced, so
// edits from several laptops can be merged without losing any.
type Finding struct {
	ID             string    `json:"id"`
	AssessmentID   string    `json:"assessment_id"`
	ItemCode       string    `json:"item_code"`
	Result         Result    `json:"result"`
	Score          Points    `json:"score"`
	Note           string    `json:"note,omitempty"`
	Evidence       string    `json:"evidence,omitempty"`       // tài liệu kiểm chứng seen
	Recommendation string    `json:"recommendation,omitempty"` // kiến nghị
	Deadline       Date      `json:"deadline,omitempty"`       // hạn khắc phục
	Cases          int       `json:"cases,omitempty"`          // deduction items: cases found
	UpdatedBy      string    `json:"updated_by"`
	UpdatedAt      time.Time `json:"updated_at"`
	Device         string    `json:"device"`
	Revision       string    `json:"revision"`      // this revision's ID
	BaseRevision   string    `json:"base_revision"` // the revision it replaced, "" for the first
}

// Content is the part of a finding that the inspector decides; two
// revisions with equal Content say the same thing.
type Content struct {
	Result         Result
	Score          Points
	Note           string
	Evidence       string
	Recommendation string
	Deadline       Date
	Cases          int // deduction items (điểm trừ): the cases found
}

// Content returns the finding's content.
func (f Finding) Content() Content {
	return Content{f.Result, f.Score, f.Note, f.Evidence, f.Recommendation, f.Deadline, f.Cases}
}

// Apply copies c into the finding.
func (f *Finding) Apply(c Content) {
	f.Result, f.Score, f.Note, f.Evidence, f.Recommendation, f.Deadline, f.Cases =
		c.Result, c.Score, c.Note, c.Evidence, c.Recommendation, c.Deadline, c.Cases
}

// NeedsNote reports the evidence rule: an item marked chưa đạt must say why.
func (c Content) NeedsNote() bool {
	return c.Result == ResultFail && strings.TrimSpace(c.Note) == ""
}

// Validate checks the finding's content against its item (Item.Check).
func (c Content) Validate(it Item) error {
	return it.Check(c)
}

// MarshalText implements encoding.TextMarshaler with the stored code.
func (r Result) MarshalText() ([]byte, error) { return []byte(r.Code()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Result) UnmarshalText(b []byte) error {
	v, err := ParseResult(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}
