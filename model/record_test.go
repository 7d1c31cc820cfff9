package model

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestResultCodes(t *testing.T) {
	tests := []struct {
		r           Result
		str, code   string
		answered    bool
		shortcoming bool
	}{
		{ResultUnassessed, "unassessed", "", false, false},
		{ResultPass, "pass", "pass", true, false},
		{ResultPartial, "partial", "partial", true, true},
		{ResultFail, "fail", "fail", true, true},
		{ResultNotApplicable, "na", "na", true, false},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.str {
			t.Errorf("Result(%d).String() = %q, want %q", int(tt.r), got, tt.str)
		}
		if got := tt.r.Code(); got != tt.code {
			t.Errorf("Result(%d).Code() = %q, want %q", int(tt.r), got, tt.code)
		}
		for _, s := range []string{tt.str, tt.code} {
			got, err := ParseResult(s)
			if err != nil || got != tt.r {
				t.Errorf("ParseResult(%q) = %v, %v; want %v", s, got, err, tt.r)
			}
		}
		if got := tt.r.Answered(); got != tt.answered {
			t.Errorf("%v.Answered() = %v, want %v", tt.r, got, tt.answered)
		}
		if got := tt.r.Shortcoming(); got != tt.shortcoming {
			t.Errorf("%v.Shortcoming() = %v, want %v", tt.r, got, tt.shortcoming)
		}
		b, err := tt.r.MarshalText()
		if err != nil || string(b) != tt.code {
			t.Errorf("%v.MarshalText() = %q, %v; want %q", tt.r, b, err, tt.code)
		}
		var back Result = 99
		if err := back.UnmarshalText(b); err != nil || back != tt.r {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, tt.r)
		}
	}
}

func TestResultOutOfRange(t *testing.T) {
	for _, r := range []Result{-1, 5, 42} {
		want := "Result(" + strconv.Itoa(int(r)) + ")"
		if got := r.String(); got != want {
			t.Errorf("Result(%d).String() = %q, want %q", int(r), got, want)
		}
		// Its code must not read back as a real result.
		if _, err := ParseResult(r.Code()); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseResult(%q) error = %v, want ErrInvalid", r.Code(), err)
		}
	}
}

func TestParseResultInvalid(t *testing.T) {
	for _, s := range []string{"PASS", "Pass", " pass", "đạt", "ok", "n/a", "NA", "0", "1", "Result(1)"} {
		r, err := ParseResult(s)
		if err == nil {
			t.Errorf("ParseResult(%q) = %v, want error", s, r)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseResult(%q) error %v does not wrap ErrInvalid", s, err)
		}
		if errors.Is(err, ErrScore) {
			t.Errorf("ParseResult(%q) error wraps ErrScore", s)
		}
		var r2 Result = ResultPass
		if err := r2.UnmarshalText([]byte(s)); !errors.Is(err, ErrInvalid) || r2 != ResultPass {
			t.Errorf("UnmarshalText(%q) = %v, %v; want ErrInvalid and no change", s, r2, err)
		}
	}
}

func TestFindingJSON(t *testing.T) {
	f := Finding{
		ID:           "0190f3a2-7b1c-7d2e-8f90-a1b2c3d4e5f6",
		AssessmentID: "a",
		ItemCode:     "3.2.1",
		Result:       ResultPartial,
		Score:        75,
		Note:         "Thiếu 2 quyết định công bố TTHC",
		Deadline:     NewDate(2022, time.February, 15),
		UpdatedAt:    time.Date(2022, 1, 14, 8, 0, 0, 0, time.UTC),
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	for _, want := range []string{`"result":"partial"`, `"item_code":"3.2.1"`, `"deadline":"2022-02-15"`, `"note":"Thiếu 2 quyết định công bố TTHC"`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON %s lacks %s", js, want)
		}
	}
	var back Finding
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Content() != f.Content() || back.ID != f.ID || !back.UpdatedAt.Equal(f.UpdatedAt) {
		t.Errorf("round trip: got %+v, want %+v", back, f)
	}

	// Each result as JSON.
	for r, want := range map[Result]string{
		ResultUnassessed: `"result":""`, ResultPass: `"result":"pass"`, ResultFail: `"result":"fail"`, ResultNotApplicable: `"result":"na"`,
	} {
		b, _ := json.Marshal(Finding{Result: r})
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON of %v: %s lacks %s", r, b, want)
		}
	}

	err = json.Unmarshal([]byte(`{"result":"good"}`), &back)
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("JSON with result \"good\": error %v, want ErrInvalid", err)
	}
}

func TestContentApply(t *testing.T) {
	c := Content{
		Result:         ResultFail,
		Score:          0,
		Note:           "Không niêm yết",
		Evidence:       "Biên bản",
		Recommendation: "Niêm yết công khai",
		Deadline:       NewDate(2022, time.March, 1),
	}
	f := Finding{ID: "keep", ItemCode: "1.1", Result: ResultPass, Score: 100, Note: "old"}
	f.Apply(c)
	if f.Content() != c {
		t.Errorf("after Apply, Content() = %+v, want %+v", f.Content(), c)
	}
	if f.ID != "keep" || f.ItemCode != "1.1" {
		t.Errorf("Apply changed identity fields: %+v", f)
	}
}

func TestContentNeedsNote(t *testing.T) {
	tests := []struct {
		name string
		c    Content
		want bool
	}{
		{"fail without note", Content{Result: ResultFail, Note: ""}, true},
		{"fail with white space only", Content{Result: ResultFail, Note: "  \n"}, true},
		{"fail with tabs and CR LF only", Content{Result: ResultFail, Note: "\t \r\n"}, true},
		{"fail with note", Content{Result: ResultFail, Note: "Chưa công khai TTHC"}, false},
		{"fail with evidence but no note", Content{Result: ResultFail, Evidence: "x"}, true},
		{"partial without note", Content{Result: ResultPartial}, false},
		{"pass without note", Content{Result: ResultPass, Score: 100}, false},
		{"na without note", Content{Result: ResultNotApplicable}, false},
		{"unassessed", Content{}, false},
	}
	for _, tt := range tests {
		if got := tt.c.NeedsNote(); got != tt.want {
			t.Errorf("%s: NeedsNote() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestContentValidate(t *testing.T) {
	it := Item{Code: "1.1", Max: 100, Scoring: ScoringBinary}
	if err := (Content{Result: ResultPass, Score: 100}).Validate(it); err != nil {
		t.Errorf("pass 1/1: %v", err)
	}
	if err := (Content{Result: ResultPartial, Score: 50}).Validate(it); !errors.Is(err, ErrScore) {
		t.Errorf("partial on binary item: error %v, want ErrScore", err)
	}
	if err := (Content{Result: ResultFail, Score: 100}).Validate(it); !errors.Is(err, ErrScore) {
		t.Errorf("fail with points: error %v, want ErrScore", err)
	}
}
