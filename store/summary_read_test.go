package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kiemtra/model"
)

// sortedFindings orders a unit's findings by item, as a read of them has
// no order of its own.
func sortedFindings(fs []model.Finding) []model.Finding {
	out := slices.Clone(fs)
	slices.SortFunc(out, func(a, b model.Finding) int { return strings.Compare(a.ItemCode, b.ItemCode) })
	return out
}

// readBoth reads the fixture's findings packed (the summary's read) and
// row by row (summaryQuery), with and without recsOnly, and fails unless
// both give the same findings.
func readBoth(t *testing.T, f fixture, recsOnly bool) []model.Finding {
	t.Helper()
	ctx := context.Background()
	r, err := f.db.newFindingReader(ctx, recsOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	got, err := r.read(ctx, nil, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	q := summaryQuery
	if recsOnly {
		q = summaryRecommendedQuery
	}
	st, err := f.db.sql.PrepareContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer closeStmt(st)
	want, err := summaryFindings(ctx, st, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := sortedFindings(got), sortedFindings(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("recsOnly %v: packed read\n%+v\nwant the row read's\n%+v", recsOnly, g, w)
	}
	return got
}

// setTexts writes a finding's texts straight into the table, past
// SaveFinding's normalisation, as a file from elsewhere may hold them.
func setTexts(t *testing.T, f fixture, item, note, evidence, rec string) {
	t.Helper()
	if _, err := f.db.sql.ExecContext(context.Background(),
		"UPDATE findings SET note = ?, evidence = ?, recommendation = ? WHERE assessment_id = ? AND item_code = ?",
		note, evidence, rec, f.a.ID, item); err != nil {
		t.Fatal(err)
	}
}

// TestPackedReadIsTheRowRead: the summary's packed read of a unit gives
// exactly the findings a read row by row gives — whatever bytes their
// texts hold, the packing's separators included — and takes the packed
// path whenever no text holds a separator.
func TestPackedReadIsTheRowRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	if got := readBoth(t, f, false); len(got) != 0 {
		t.Fatalf("a unit with no findings reads %v", got)
	}
	for _, fd := range []model.Finding{
		{ItemCode: "1.1.1", Result: model.ResultPass, Score: 100, Note: "Đạt", Evidence: "Kế hoạch số 12/KH-STP"},
		{ItemCode: "1.1.2", Result: model.ResultPartial, Score: 150, Note: "Thiếu 2 nhiệm vụ", Recommendation: "Bổ sung nhiệm vụ",
			Deadline: model.NewDate(2022, 12, 31)},
		{ItemCode: "2.1.1", Result: model.ResultNotApplicable},
	} {
		fd.AssessmentID, fd.UpdatedBy = f.a.ID, "Lê Thu Trang"
		if _, err := f.db.SaveFinding(ctx, fd); err != nil {
			t.Fatal(err)
		}
	}
	for _, recsOnly := range []bool{false, true} {
		got := readBoth(t, f, recsOnly)
		if want := map[bool]int{false: 3, true: 1}[recsOnly]; len(got) != want {
			t.Fatalf("recsOnly %v: %d findings, want %d", recsOnly, len(got), want)
		}
	}
	// The packed path itself, not its fallback, read those.
	var n int
	var packed string
	if err := f.db.sql.QueryRowContext(ctx, summaryPackedQuery, f.a.ID).Scan(&n, &packed); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := unpackFindings(nil, f.a.ID, n, packed); !ok || err != nil || n != 3 {
		t.Fatalf("plain texts: unpacked %v, %v, of %d findings", ok, err, n)
	}

	hostile := []struct{ note, evidence, rec string }{
		{"a" + packField + "b", "", "x"},
		{"", packRecord, ""},
		{packField + packRecord + packField, packRecord + packRecord, packField},
		{"nul\x00inside", "\xff\xfe invalid UTF-8", " \t "},
		{"", "", ""},
		{"dòng 1\ndòng 2\r\n", strings.Repeat("ệ", 5000), "1.1.1" + packField + "fail" + packField + "0"},
	}
	for i, h := range hostile {
		setTexts(t, f, "1.1.2", h.note, h.evidence, h.rec)
		for _, recsOnly := range []bool{false, true} {
			got := readBoth(t, f, recsOnly)
			for _, g := range got {
				if g.ItemCode == "1.1.2" && (g.Note != h.note || g.Evidence != h.evidence || g.Recommendation != h.rec) {
					t.Errorf("case %d, recsOnly %v: read %q %q %q", i, recsOnly, g.Note, g.Evidence, g.Recommendation)
				}
			}
		}
	}
}

// TestUnpackFindingsRefusesWhatDoesNotAddUp: a packed read whose count
// and separators disagree is read again row by row (ok false), never
// split into findings that are not there; a result or a deadline the
// table cannot hold is the row read's error.
func TestUnpackFindingsRefusesWhatDoesNotAddUp(t *testing.T) {
	t.Parallel()
	row := func(cols ...string) string { return strings.Join(cols, packField) }
	good := row("1.1.1", "pass", "100", "n", "e", "r", "2022-12-31")
	for _, c := range []struct {
		name   string
		n      int
		packed string
	}{
		{"one finding counted, none packed", 1, ""},
		{"none counted, one packed", 0, good},
		{"two counted, one packed", 2, good},
		{"a field too many", 1, good + packField},
		{"a field too few", 1, row("1.1.1", "pass", "100", "n", "e", "r")},
		{"a record too many", 1, good + packRecord},
	} {
		if out, ok, err := unpackFindings(nil, "a", c.n, c.packed); ok || err != nil || out != nil {
			t.Errorf("%s: %v, %v, %v; want a read row by row", c.name, out, ok, err)
		}
	}
	out, ok, err := unpackFindings(nil, "a", 2, good+packRecord+row("2.1.1", "", "-5", "", "", "", ""))
	want := []model.Finding{
		{AssessmentID: "a", ItemCode: "1.1.1", Result: model.ResultPass, Score: 100, Note: "n", Evidence: "e", Recommendation: "r",
			Deadline: model.NewDate(2022, 12, 31)},
		{AssessmentID: "a", ItemCode: "2.1.1", Score: -5},
	}
	if !ok || err != nil || !reflect.DeepEqual(out, want) {
		t.Errorf("two findings: %+v, %v, %v", out, ok, err)
	}
	// Into the memory of an earlier unit's findings: nothing of them stays.
	used := []model.Finding{{ItemCode: "x", UpdatedBy: "B", Note: "cũ", Revision: "r1"}, {Device: "d"}, {ItemCode: "y"}}
	out, ok, err = unpackFindings(used, "a", 2, good+packRecord+row("2.1.1", "", "-5", "", "", "", ""))
	if !ok || err != nil || !reflect.DeepEqual(out, want) || &out[0] != &used[0] {
		t.Errorf("into used memory: %+v, %v, %v", out, ok, err)
	}
	for _, bad := range []string{
		row("1.1.1", "maybe", "100", "", "", "", ""),
		row("1.1.1", "pass", "1.5", "", "", "", ""),
		row("1.1.1", "pass", "100", "", "", "", "31/02/2022"),
	} {
		if _, _, err := unpackFindings(nil, "a", 1, bad); err == nil {
			t.Errorf("%q: no error", bad)
		} else if strings.Contains(bad, "maybe") && !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%q: %v, want ErrInvalid", bad, err)
		}
	}
}
