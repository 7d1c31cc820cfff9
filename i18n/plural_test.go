package i18n

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

func TestTN(t *testing.T) {
	registerPlural(map[string]Plural{"test.gaps": {VI: "%d mục chưa đạt thiếu ghi chú",
		One: "%d failed item lacks a note", Other: "%d failed items lack a note"}})
	for _, c := range []struct {
		lang Lang
		n    int
		want string
	}{
		{EN, 1, "1 failed item lacks a note"},
		{EN, 0, "0 failed items lack a note"},
		{EN, 2, "2 failed items lack a note"},
		{VI, 1, "1 mục chưa đạt thiếu ghi chú"},
		{VI, 3, "3 mục chưa đạt thiếu ghi chú"},
	} {
		if got := New(c.lang).TN("test.gaps", c.n); got != c.want {
			t.Errorf("%s, %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	// The count picks the form; args fill it.
	if got := New(EN).TN("ui.checklist.answered", 1, 0, 1); got != "0 of 1 item assessed" {
		t.Errorf("args: %q", got)
	}
	// A message that is not plural reads as T reads it.
	if got, want := New(EN).TN("report.cli.no_year", 1), New(EN).T("report.cli.no_year", 1); got != want {
		t.Errorf("not plural: %q, want %q", got, want)
	}
	if got := New(EN).TN("ui.checklist.max", PointsCount(model.PointsOf(1)), "1"); got != "max 1 point" {
		t.Errorf("one point: %q", got)
	}
	if got := New(EN).TN("ui.checklist.max", PointsCount(model.PointsOf(0.5)), "0.5"); got != "max 0.5 points" {
		t.Errorf("half a point: %q", got)
	}
}

// TestPluralForms checks every plural message's One form: NFC, the same
// placeholders as its other forms, and really different from Other.
func TestPluralForms(t *testing.T) {
	n := 0
	for _, k := range Keys() {
		one, ok := LookupOne(k)
		if !ok {
			continue
		}
		n++
		e, _ := Lookup(k)
		if !norm.NFC.IsNormalString(one) || strings.TrimSpace(one) == "" {
			t.Errorf("%s: One form empty or not NFC", k)
		}
		if a, b := strings.Join(verbs(one), " "), strings.Join(verbs(e.EN), " "); a != b {
			t.Errorf("%s: One has %q, Other %q", k, a, b)
		}
		if one == e.EN {
			t.Errorf("%s: One and Other are the same text %q", k, one)
		}
	}
	if n < 10 {
		t.Errorf("only %d plural messages", n)
	}
}

// countNoun finds a count shown before a plural noun ("%d failed items",
// "of %d files", "within %d days") and a score before "points".
var (
	countNoun  = regexp.MustCompile(`%(?:\[\d+\])?d (?:[\p{L}-]+ ){0,2}?(\p{L}{2,}s)\b`)
	verbWord   = map[string]bool{"has": true, "was": true, "does": true, "is": true}
	pointsNoun = regexp.MustCompile(`(?:^|[^/])%(?:\[\d+\])?s points\b`)
)

// neverOne are messages whose count is a limit kiemtra sets, never 1.
var neverOne = map[string]bool{
	"checklist.too_deep":        true, // more than %d levels: the limit is 64
	"checklist.too_many_values": true, // more than %d values: the limit is a million
	"checklist.xlsx_parts":      true, // %d parts, over the limit of %d
}

// TestEnglishPlurals fails on an English message that puts a count before
// a plural noun without a One form ("1 failed items lack a note"), and on
// "(s)" anywhere.
func TestEnglishPlurals(t *testing.T) {
	for _, k := range Keys() {
		e, _ := Lookup(k)
		if strings.Contains(e.EN, "(s)") {
			t.Errorf("%s: %q: a count's noun takes its form from the count (Plural), not (s)", k, e.EN)
		}
		if neverOne[k] {
			continue
		}
		if _, plural := LookupOne(k); plural {
			continue
		}
		for _, m := range countNoun.FindAllStringSubmatch(e.EN, -1) {
			if verbWord[m[1]] {
				continue // "line %d has no name"
			}
			t.Errorf("%s: %q shows a count before %q: register it with registerPlural and show it with TN", k, e.EN, m[0])
		}
		if pointsNoun.MatchString(e.EN) {
			t.Errorf("%s: %q shows a score before \"points\" (1 point): register it with registerPlural", k, e.EN)
		}
	}
	// The check itself catches what it is for.
	for _, s := range []string{"%d failed items lack a note", "%d of %d files", "within %d days", "max %s points"} {
		if !countNoun.MatchString(s) && !pointsNoun.MatchString(s) {
			t.Errorf("the check misses %q", s)
		}
	}
	for _, s := range []string{"%s/%s points", "new: %d, already present: %d", "%d/%d"} {
		if countNoun.MatchString(s) || pointsNoun.MatchString(s) {
			t.Errorf("the check takes %q for a count before a noun", s)
		}
	}
}
