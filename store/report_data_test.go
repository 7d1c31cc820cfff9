package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"kiemtra/model"
)

// openReportDemo opens a copy of the database holding the built-in
// checklists and the demo data.
func openReportDemo(t testing.TB) (*DB, []model.KindInfo) {
	t.Helper()
	return openDemoCopy(t), demoKinds(t)
}

func TestUnitRecordFromDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, kinds := openReportDemo(t)
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.AssessmentOf(ctx, in.ID, "stp") // codes are case-insensitive
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.UnitRecord(ctx, a.ID, kinds)
	if err != nil {
		t.Fatal(err)
	}
	if r.Unit.Name != "Sở Tư pháp" || r.Kind.Name != "Sở, ban, ngành" || r.Inspection.Year != 2022 ||
		len(r.Assessment.Participants) == 0 || r.Assessment.Participants[0].Name != "Đỗ Quang Huy" ||
		r.Assessment.Status != model.StatusFinalized {
		t.Errorf("record = unit %+v kind %+v assessment %+v", r.Unit, r.Kind, r.Assessment)
	}
	if r.Checklist == nil || r.Checklist.ID != "so-ban-nganh" || len(r.Findings) != r.Checklist.ItemCount() {
		t.Fatalf("checklist %v, %d findings", r.Checklist, len(r.Findings))
	}
	if r.State() != model.StateFinal || !r.Scorecard.Overall.Complete() {
		t.Errorf("state %s, overall %+v", r.State(), r.Scorecard.Overall)
	}
	// The scorecard matches the one the unit list shows.
	ovs, err := db.Overviews(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ovs {
		if o.Assessment.ID == a.ID && o.Scorecard.Overall != r.Scorecard.Overall {
			t.Errorf("overview %+v, record %+v", o.Scorecard.Overall, r.Scorecard.Overall)
		}
	}
	if len(r.Shortcomings()) == 0 || len(r.Recommendations()) == 0 {
		t.Error("the demo record has no shortcomings or recommendations")
	}

	if _, err := db.AssessmentOf(ctx, in.ID, "NOPE"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown unit: %v", err)
	}
	if _, err := db.UnitRecord(ctx, "no-such-id", kinds); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown assessment: %v", err)
	}
}

func TestSummaryFromDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, kinds := openReportDemo(t)
	ins, err := db.InspectionsOfYear(ctx, 2022)
	if err != nil || len(ins) != 1 {
		t.Fatalf("inspections of 2022: %v %v", ins, err)
	}
	if none, err := db.InspectionsOfYear(ctx, 2019); err != nil || len(none) != 0 {
		t.Errorf("inspections of 2019: %v %v", none, err)
	}
	s, err := db.Summary(ctx, kinds, ins[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 12 {
		t.Fatalf("%d rows, want the 12 demo units", len(s.Rows))
	}
	// Demo: STP and BINHGIANG finalized and complete; STC, NAMSACH (all
	// answered), STTTT, CAMGIANG (partly) drafts; the six others untouched.
	want := []model.KindProgress{
		{Kind: model.KindOf(kinds, "so"), Units: 5, NotStarted: 2, Draft: 2, Final: 1},
		{Kind: model.KindOf(kinds, "huyen"), Units: 7, NotStarted: 4, Draft: 2, Final: 1},
		{Units: 12, NotStarted: 6, Draft: 4, Final: 2},
	}
	for i, w := range want {
		if i >= len(s.Progress) || s.Progress[i] != w {
			t.Errorf("progress[%d] = %+v, want %+v", i, s.Progress, w)
		}
	}
	// Ranked, but not classified: the demo's checklists give their bands
	// no basis.
	if s.Rows[0].Unit.Code != "STP" || s.Rows[0].Rank != 1 || s.Rows[0].Band.Label != "" {
		t.Errorf("first row %+v", s.Rows[0])
	}
	if s.Rows[5].Unit.Code != "BINHGIANG" || s.Rows[5].Rank != 1 {
		t.Errorf("first huyện row %+v", s.Rows[5])
	}
	n := 0
	for _, r := range s.Rows {
		if r.Rank != 0 {
			n++
		}
		if r.State == model.StateNotStarted && (r.Overall.Answered != 0 || r.Band.Label != "") {
			t.Errorf("untouched unit %s scored: %+v", r.Unit.Code, r)
		}
	}
	if n != 2 {
		t.Errorf("%d ranked rows, want 2", n)
	}
	// Every finding of the inspection is listed once.
	var count int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM findings").Scan(&count); err != nil {
		t.Fatal(err)
	}
	listed := 0
	if err := s.Stream(false, func(*model.FindingRow) error { listed++; return nil }); err != nil {
		t.Fatal(err)
	}
	if listed != count || s.FindingStats.Rows != count || count == 0 {
		t.Errorf("%d findings listed (%d counted), %d in the database", listed, s.FindingStats.Rows, count)
	}
	if len(s.Findings) != 0 || len(s.Recommendations) != 0 {
		t.Errorf("the summary holds %d findings: they are read as it is written", len(s.Findings))
	}
	if len(s.Shortcomings) == 0 || s.Shortcomings[0].Units < s.Shortcomings[len(s.Shortcomings)-1].Units {
		t.Errorf("shortcomings not most common first: %+v", s.Shortcomings)
	}
	if _, err := db.Summary(ctx, kinds, "no-such-inspection"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown inspection: %v", err)
	}
}

// The summary read one unit at a time, its findings streamed, is the
// summary built from every record held at once: the same rows, ranks,
// shortcomings, and the same findings and kiến nghị in the same order.
func TestSummaryStreamIsTheWholeSummary(t *testing.T) {
	ctx := context.Background()
	db, kinds := openReportDemo(t)
	ins, err := db.InspectionsOfYear(ctx, 2022)
	if err != nil || len(ins) != 1 {
		t.Fatalf("inspections of 2022: %v %v", ins, err)
	}
	got, err := db.Summary(ctx, kinds, ins[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	recs, held, err := db.UnitRecords(ctx, kinds, ins[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := model.BuildSummary(recs, held, kinds)
	want.FollowUp, want.AsOf = got.FollowUp, got.AsOf
	// The summary reads a finding's content, not its revision's bookkeeping.
	for _, list := range [][]model.FindingRow{want.Findings, want.Recommendations} {
		for i := range list {
			f := &list[i].Finding
			*f = model.Finding{AssessmentID: f.AssessmentID, ItemCode: f.ItemCode, Result: f.Result, Score: f.Score, Note: f.Note,
				Evidence: f.Evidence, Recommendation: f.Recommendation, Deadline: f.Deadline}
		}
	}
	stream := got.Stream
	got.Stream = nil
	got.Findings = []model.FindingRow{}
	if err := stream(false, func(f *model.FindingRow) error { got.Findings = append(got.Findings, *f); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := stream(true, func(f *model.FindingRow) error { got.Recommendations = append(got.Recommendations, *f); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) == 0 || len(want.Recommendations) == 0 {
		t.Fatalf("the demo has %d findings, %d kiến nghị", len(want.Findings), len(want.Recommendations))
	}
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got.Findings), len(want.Findings)) {
			if !reflect.DeepEqual(got.Findings[i], want.Findings[i]) {
				t.Fatalf("finding %d:\n%+v\nwant\n%+v", i, got.Findings[i], want.Findings[i])
			}
		}
		t.Errorf("streamed summary:\n%+v\nwant\n%+v", got, want)
	}
}

// A writer failing part-way (a full disk) stops the stream with its own
// error, and the stream can be read again afterwards.
func TestSummaryStreamStopsWithTheWritersError(t *testing.T) {
	ctx := context.Background()
	db, kinds := openReportDemo(t)
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Summary(ctx, kinds, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	full := errors.New("disk full")
	n := 0
	if err := s.Stream(false, func(*model.FindingRow) error {
		if n++; n == 3 {
			return full
		}
		return nil
	}); !errors.Is(err, full) || n != 3 {
		t.Fatalf("after %d rows: %v, want the writer's error at the third", n, err)
	}
	n = 0
	if err := s.Stream(false, func(*model.FindingRow) error { n++; return nil }); err != nil || n != s.FindingStats.Rows {
		t.Errorf("read again: %d rows of %d, %v", n, s.FindingStats.Rows, err)
	}
}
