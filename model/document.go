package model

import (
	"fmt"
	"strconv"
	"strings"
)

// This file holds what the three documents of an inspection print beyond
// the findings, as Nghị định 30/2020/NĐ-CP lays such documents out: the
// biên bản kiểm tra signed on the day of the visit, the thông báo kết luận
// kiểm tra issued some days later, and the báo cáo kết quả kiểm tra the
// team sends the Chủ tịch UBND tỉnh. Every value here is typed by a
// person (in the TUI or a plan file): the documents never invent one.

// Participant is one person of the inspected unit present at the visit
// (thành phần đơn vị được kiểm tra). The first listed is the unit's head
// or the person the head authorised, who signs the biên bản.
type Participant struct {
	Honorific string `json:"honorific,omitempty"` // "Ông", "Bà"
	Name      string `json:"name"`
	Position  string `json:"position,omitempty"` // chức vụ
	Unit      string `json:"unit,omitempty"`     // where they work: "Sở Tư pháp", "Văn phòng Sở"
}

// Honorifics are the forms of address a participant may have, as the
// documents print them.
var Honorifics = []string{"Ông", "Bà"}

// ConclusionBy says who issues the thông báo kết luận kiểm tra: the
// inspection's issuer (Sở Nội vụ, the zero value) or the head of the
// team, as the plan says.
type ConclusionBy string

// Who issues the thông báo.
const (
	ConclusionByIssuer ConclusionBy = ""     // the issuer (Sở Nội vụ)
	ConclusionByTeam   ConclusionBy = "team" // the Trưởng đoàn
)

// ParseConclusionBy reads the plan file's value: "issuer" (or empty) or
// "team".
func ParseConclusionBy(s string) (ConclusionBy, bool) {
	switch strings.TrimSpace(s) {
	case "", "issuer":
		return ConclusionByIssuer, true
	case "team":
		return ConclusionByTeam, true
	}
	return "", false
}

// Conclusion is the thông báo kết luận kiểm tra of one unit, issued after
// the visit with its own number, date and signer. The unit reports on its
// fixes within the inspection's ReportDays of Date.
type Conclusion struct {
	Number         string `json:"number,omitempty"` // "20" in "Số: 20/TB-SNV"
	Date           Date   `json:"date,omitzero"`
	Signer         string `json:"signer,omitempty"`          // họ tên
	SignerPosition string `json:"signer_position,omitempty"` // chức vụ: "Phó Giám đốc"
	// Authority is the signer's quyền hạn when signing for the head:
	// "KT. GIÁM ĐỐC" (ký thay), "TL. GIÁM ĐỐC"; empty when the head signs.
	Authority string `json:"authority,omitempty"`
	// Causes are the causes of the shortcomings (nguyên nhân), which the
	// thông báo states and the findings do not.
	Causes string `json:"causes,omitempty"`
}

// IsZero reports whether nothing of the thông báo is recorded (for
// encoding/json's omitzero).
func (c Conclusion) IsZero() bool { return c == Conclusion{} }

// InspectionReport is the báo cáo kết quả kiểm tra: its number, date and
// addressee, and the narrative paragraphs the team may rewrite before
// sending it. A paragraph left empty is the one the documents generate
// from the data.
type InspectionReport struct {
	Number    string `json:"number,omitempty"` // "30" in "Số: 30/BC-ĐKT"
	Date      Date   `json:"date,omitzero"`
	Recipient string `json:"recipient,omitempty"` // kính gửi; by default the Chủ tịch of the governing body
	Narrative
}

// IsZero reports whether nothing of the report is recorded.
func (r InspectionReport) IsZero() bool { return r == InspectionReport{} }

// Narrative holds the báo cáo's paragraphs as the team wrote them; each
// empty one is generated from the records.
type Narrative struct {
	Scope           string `json:"scope,omitempty"`           // phạm vi, đối tượng, thời gian
	Method          string `json:"method,omitempty"`          // phương pháp, cách thức kiểm tra
	Results         string `json:"results,omitempty"`         // kết quả chung
	Strengths       string `json:"strengths,omitempty"`       // ưu điểm seen across units
	Shortcomings    string `json:"shortcomings,omitempty"`    // tồn tại, hạn chế
	Recommendations string `json:"recommendations,omitempty"` // kiến nghị với các đơn vị
	Proposals       string `json:"proposals,omitempty"`       // đề xuất với UBND tỉnh
}

// NarrativeParts names the narrative's paragraphs in the order the báo
// cáo prints them, for forms and files.
var NarrativeParts = []string{"scope", "method", "results", "strengths", "shortcomings", "recommendations", "proposals"}

// Part returns the paragraph named by one of NarrativeParts.
func (n Narrative) Part(name string) string {
	if p := n.part(name); p != nil {
		return *p
	}
	return ""
}

// WithPart is n with the named paragraph set to text; an unknown name
// changes nothing.
func (n Narrative) WithPart(name, text string) Narrative {
	if p := n.part(name); p != nil {
		*p = text
	}
	return n
}

func (n *Narrative) part(name string) *string {
	switch name {
	case "scope":
		return &n.Scope
	case "method":
		return &n.Method
	case "results":
		return &n.Results
	case "strengths":
		return &n.Strengths
	case "shortcomings":
		return &n.Shortcomings
	case "recommendations":
		return &n.Recommendations
	case "proposals":
		return &n.Proposals
	}
	return nil
}

// DefaultReportDays is how long a unit has to report on its fixes when
// the plan does not say: 15 days from the thông báo kết luận.
const DefaultReportDays = 15

// ReportDaysOrDefault is the inspection's ReportDays, or the default.
func (in Inspection) ReportDaysOrDefault() int {
	if in.ReportDays > 0 {
		return in.ReportDays
	}
	return DefaultReportDays
}

// UnitParticipants lists the unit's participants; an assessment recorded
// before participants were (with one representative) gives that person.
func (a Assessment) UnitParticipants() []Participant {
	if len(a.Participants) > 0 {
		return append([]Participant(nil), a.Participants...)
	}
	if strings.TrimSpace(a.Representative) == "" {
		return nil
	}
	return []Participant{{Name: a.Representative, Position: a.RepresentativePosition}}
}

// ParseClock reads a time of day as people write it on a biên bản
// ("8:30", "08:30", "8h30", "8 giờ 30", "14g", "8") and returns it as
// "HH:MM"; an empty string stays empty.
func ParseClock(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "phút"), "p")
	for _, sep := range []string{"giờ", "g", "h", ".", ":"} {
		s = strings.Replace(s, sep, ":", 1)
	}
	s = strings.Join(strings.Fields(s), "")
	hs, ms, _ := strings.Cut(s, ":")
	if ms == "" {
		ms = "0"
	}
	h, herr := strconv.Atoi(hs)
	m, merr := strconv.Atoi(ms)
	if herr != nil || merr != nil || len(hs) > 2 || len(ms) > 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		return "", fmt.Errorf("%w time of day %q", ErrInvalid, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m), nil
}

// ClockParts splits a clock from ParseClock into hours and minutes; ok is
// false for an empty or malformed one.
func ClockParts(c string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(c, ":")
	if !found {
		return 0, 0, false
	}
	h, herr := strconv.Atoi(hs)
	m, merr := strconv.Atoi(ms)
	return h, m, herr == nil && merr == nil
}
