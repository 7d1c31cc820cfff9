package model

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParseClock(t *testing.T) {
	for in, want := range map[string]string{
		"8:30": "08:30", "08:30": "08:30", "8h30": "08:30", "8 giờ 30": "08:30", "8 giờ 30 phút": "08:30",
		"14g": "14:00", "8": "08:00", "23:59": "23:59", " 7.05 ": "07:05", "": "", "0:00": "00:00", "14H15": "14:15",
	} {
		got, err := ParseClock(in)
		if err != nil || got != want {
			t.Errorf("ParseClock(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"24:00", "8:60", "tám giờ", "8:3:0", "123", "-1", "a8", ":30"} {
		if got, err := ParseClock(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseClock(%q) = %q, %v; want ErrInvalid", in, got, err)
		}
	}
	if h, m, ok := ClockParts("08:05"); !ok || h != 8 || m != 5 {
		t.Errorf("ClockParts = %d %d %v", h, m, ok)
	}
	if _, _, ok := ClockParts(""); ok {
		t.Error("empty clock has parts")
	}
}

// Records made before the document fields existed encode as they did: a
// bundle or audit entry of an old inspection or assessment is unchanged.
func TestDocumentFieldsOmittedWhenEmpty(t *testing.T) {
	in, err := json.Marshal(Inspection{ID: "i", Year: 2022, Title: "T"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(in); got != `{"id":"i","year":2022,"title":"T","start":"","end":""}` {
		t.Errorf("inspection encodes as %s", got)
	}
	a, err := json.Marshal(Assessment{ID: "a", Status: StatusDraft})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"a","inspection_id":"","unit_id":"","checklist_id":"","checklist_version":"","date":"","status":"draft","finalized_at":"0001-01-01T00:00:00Z","updated_at":"0001-01-01T00:00:00Z"}`
	if got := string(a); got != want {
		t.Errorf("assessment encodes as\n%s, want\n%s", got, want)
	}
	full := Inspection{Report: InspectionReport{Number: "3", Narrative: Narrative{Method: "m"}}}
	b, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	var back Inspection
	if err := json.Unmarshal(b, &back); err != nil || back.Report != full.Report {
		t.Errorf("report round trip: %+v, %v", back.Report, err)
	}
}

func TestNarrativeParts(t *testing.T) {
	var n Narrative
	for i, p := range NarrativeParts {
		n = n.WithPart(p, string(rune('a'+i)))
	}
	for i, p := range NarrativeParts {
		if n.Part(p) != string(rune('a'+i)) {
			t.Errorf("part %s = %q", p, n.Part(p))
		}
	}
	if n.WithPart("nope", "x") != n || n.Part("nope") != "" {
		t.Error("unknown part changed something")
	}
	if n.Proposals != "g" || n.Scope != "a" {
		t.Errorf("parts map to the wrong fields: %+v", n)
	}
}

func TestUnitParticipants(t *testing.T) {
	a := Assessment{Representative: "Đỗ Quang Huy", RepresentativePosition: "Phó Giám đốc"}
	if p := a.UnitParticipants(); len(p) != 1 || p[0].Name != "Đỗ Quang Huy" || p[0].Position != "Phó Giám đốc" {
		t.Errorf("legacy representative: %+v", p)
	}
	a.Participants = []Participant{{Honorific: "Bà", Name: "X"}, {Name: "Y"}}
	if p := a.UnitParticipants(); len(p) != 2 || p[0].Name != "X" {
		t.Errorf("participants: %+v", p)
	}
	if p := (Assessment{}).UnitParticipants(); p != nil {
		t.Errorf("nobody: %+v", p)
	}
	for s, want := range map[string]ConclusionBy{"": ConclusionByIssuer, "issuer": ConclusionByIssuer, "team": ConclusionByTeam} {
		if got, ok := ParseConclusionBy(s); !ok || got != want {
			t.Errorf("ParseConclusionBy(%q) = %q %v", s, got, ok)
		}
	}
	if _, ok := ParseConclusionBy("lead"); ok {
		t.Error("unknown issuer accepted")
	}
}
