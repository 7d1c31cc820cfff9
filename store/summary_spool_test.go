package store

import (
	"context"
	"reflect"
	"testing"

	"kiemtra/model"
)

// streamed is every row of a summary's stream, and those with a kiến
// nghị.
func streamed(t *testing.T, s model.Summary) (all, recs []model.FindingRow) {
	t.Helper()
	if err := s.Stream(false, func(f *model.FindingRow) error { all = append(all, *f); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Stream(true, func(f *model.FindingRow) error { recs = append(recs, *f); return nil }); err != nil {
		t.Fatal(err)
	}
	return all, recs
}

// TestSummarySpoolIsTheDatabase: whatever the spool's bound — none, room
// for a few units, room for all — the summary's stream gives the same
// rows in the same order, as many as FindingStats counts, and the spool
// never holds more than its bound.
func TestSummarySpoolIsTheDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, kinds := openReportDemo(t)
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var wantAll, wantRecs []model.FindingRow
	for _, limit := range []int{0, 1, 300, 2000, spoolLimit} {
		s, err := db.summary(ctx, kinds, limit, []string{in.ID})
		if err != nil {
			t.Fatal(err)
		}
		all, recs := streamed(t, s)
		if len(all) != s.FindingStats.Rows || len(recs) != s.RecommendationStats.Rows || len(recs) == 0 {
			t.Fatalf("limit %d: %d rows, %d kiến nghị; stats say %d, %d", limit, len(all), len(recs),
				s.FindingStats.Rows, s.RecommendationStats.Rows)
		}
		if limit == 0 {
			wantAll, wantRecs = all, recs
		} else if !reflect.DeepEqual(all, wantAll) || !reflect.DeepEqual(recs, wantRecs) {
			t.Errorf("limit %d: the stream differs from the one read from the database", limit)
		}
	}
	// What a spool holds at each bound: nothing at 0, every unit at the
	// default, only the first units with findings at a bound that fits
	// the first one.
	recs, ins, err := db.UnitRecords(ctx, kinds, in.ID)
	if err != nil || len(ins) != 1 {
		t.Fatal(err)
	}
	read, err := db.newFindingReader(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer read.close()
	fill := func(limit int) *findingSpool {
		sp := newFindingSpool(limit)
		for _, r := range recs {
			_, n, packed, err := read.readPacked(ctx, nil, r.Assessment.ID)
			if err != nil {
				t.Fatal(err)
			}
			sp.keep(r.Assessment.ID, n, packed)
		}
		held := 0
		for _, u := range sp.units {
			held += len(u.data)
		}
		if held > limit {
			t.Errorf("limit %d: the spool holds %d bytes", limit, held)
		}
		return sp
	}
	all, first := fill(spoolLimit), 0
	if len(all.units) != len(recs) {
		t.Fatalf("the default bound spools %d of %d units", len(all.units), len(recs))
	}
	for _, r := range recs {
		if u := all.units[r.Assessment.ID]; u.n > 0 && first == 0 {
			first = len(u.data)
		}
	}
	if n := len(fill(0).units); n != 0 {
		t.Errorf("limit 0: %d units spooled", n)
	}
	some := fill(first)
	withFindings := 0
	for _, u := range some.units {
		if u.n > 0 {
			withFindings++
		}
	}
	if withFindings != 1 || len(some.units) >= len(recs) {
		t.Errorf("limit %d: %d units spooled, %d with findings; want the first with findings alone", first, len(some.units), withFindings)
	}
	// A stream over a spool holding only some units reads the others again.
	s, err := db.summary(ctx, kinds, first, []string{in.ID})
	if err != nil {
		t.Fatal(err)
	}
	if a, r := streamed(t, s); !reflect.DeepEqual(a, wantAll) || !reflect.DeepEqual(r, wantRecs) {
		t.Errorf("limit %d: the stream differs from the one read from the database", first)
	}
}

// TestSummaryStreamGivesWhatWasCounted: a finding changed in the database
// after the summary was gathered does not reach a spooled unit's rows —
// they are the rows the summary scored and counted — while a unit past
// the spool's bound is read again, as before.
func TestSummaryStreamGivesWhatWasCounted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, kinds := openReportDemo(t)
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	spooled, err := db.summary(ctx, kinds, spoolLimit, []string{in.ID})
	if err != nil {
		t.Fatal(err)
	}
	reread, err := db.summary(ctx, kinds, 0, []string{in.ID})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := streamed(t, spooled)
	f := before[0]
	if _, err := db.sql.ExecContext(ctx, `UPDATE findings SET note = 'đổi sau khi tổng hợp' WHERE assessment_id =
		(SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.inspection_id = ? AND u.code = ?) AND item_code = ?`,
		in.ID, f.UnitCode, f.ItemCode); err != nil {
		t.Fatal(err)
	}
	if got, _ := streamed(t, spooled); got[0].Finding.Note != f.Finding.Note {
		t.Errorf("spooled: note %q, want the one counted, %q", got[0].Finding.Note, f.Finding.Note)
	}
	if got, _ := streamed(t, reread); got[0].Finding.Note != "đổi sau khi tổng hợp" {
		t.Errorf("read again: note %q, want the database's", got[0].Finding.Note)
	}
}
