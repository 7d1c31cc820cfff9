package store

import (
	"context"
	"errors"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

func TestSaveVisitDetails(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	a := f.a
	a.Place = "  Trụ sở   Sở Tư pháp "
	a.StartTime, a.EndTime = "8h30", "11 giờ 15"
	a.RecordNo, a.Copies = "15", 2
	a.Strengths = "Lãnh đạo quan tâm.\n\n  Bộ phận Một cửa gọn gàng.  "
	a.UnitComments = "Thống nhất."
	a.Participants = []model.Participant{
		{Honorific: "Ông", Name: "Đỗ Quang Huy", Position: "Phó Giám đốc", Unit: "Sở Tư pháp"},
		{Honorific: "Bà", Name: norm.NFD.String("Nguyễn Thị Lụa"), Position: "Chánh Văn phòng", Unit: "Văn phòng Sở"},
	}
	saved, err := f.db.SaveVisit(ctx, "Vũ Hoàng Nam", a)
	check(t, err)
	if saved.StartTime != "08:30" || saved.EndTime != "11:15" || saved.Place != "Trụ sở Sở Tư pháp" || saved.Copies != 2 ||
		saved.RecordNo != "15" || saved.Strengths != "Lãnh đạo quan tâm.\n\nBộ phận Một cửa gọn gàng." {
		t.Errorf("saved %+v", saved)
	}
	if len(saved.Participants) != 2 || saved.Participants[1].Name != "Nguyễn Thị Lụa" || saved.Participants[1].Unit != "Văn phòng Sở" {
		t.Errorf("participants %+v (NFC?)", saved.Participants)
	}
	// Read back through every path the documents and the TUI use.
	rec, err := f.db.UnitRecord(ctx, a.ID, nil)
	check(t, err)
	if rec.Assessment.EndTime != "11:15" || len(rec.Assessment.Participants) != 2 {
		t.Errorf("unit record %+v", rec.Assessment)
	}
	ovs, err := f.db.Overviews(ctx, f.in.ID)
	check(t, err)
	if ovs[0].Assessment.RecordNo != "15" {
		t.Errorf("overview %+v", ovs[0].Assessment)
	}
	hist, err := f.db.History(ctx, a.ID)
	check(t, err)
	if last := hist[len(hist)-1]; last.Action != "save" || last.Entity != "assessment" {
		t.Errorf("last audit entry %+v", last)
	}

	for name, bad := range map[string]func(*model.Assessment){
		"bad start":        func(a *model.Assessment) { a.StartTime = "25:00" },
		"end before start": func(a *model.Assessment) { a.EndTime = "07:00" },
		"no name":          func(a *model.Assessment) { a.Participants = []model.Participant{{Honorific: "Ông", Position: "x"}} },
		"copies":           func(a *model.Assessment) { a.Copies = -1 },
	} {
		b := saved
		bad(&b)
		if _, err := f.db.SaveVisit(ctx, "x", b); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if cur, err := f.db.Assessment(ctx, a.ID); err != nil || cur.StartTime != "08:30" || cur.EndTime != "11:15" {
		t.Errorf("a refused save changed the visit: %+v %v", cur, err)
	}

	if _, err := f.db.Finalize(ctx, "x", a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.SaveVisit(ctx, "x", saved); !errors.Is(err, model.ErrFinalized) {
		t.Errorf("saving a finalized visit: %v, want ErrFinalized", err)
	}
}

// The thông báo kết luận is issued after the visit, on a finalized
// assessment, without touching what the biên bản was signed with.
func TestSaveConclusionAfterFinalize(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.db.Finalize(ctx, "x", f.a.ID)
	check(t, err)
	before, err := f.db.Assessment(ctx, f.a.ID)
	check(t, err)
	c := model.Conclusion{Number: " 20 ", Date: model.NewDate(2022, 12, 5), Signer: "Trần Văn Minh",
		SignerPosition: "Phó Giám đốc", Authority: "KT. GIÁM ĐỐC", Causes: "Chủ quan: chưa quan tâm.\nKhách quan: thiếu người."}
	got, err := f.db.SaveConclusion(ctx, "Vũ Hoàng Nam", f.a.ID, c)
	check(t, err)
	if got.Conclusion.Number != "20" || got.Conclusion.Date != c.Date || got.Conclusion.Causes != c.Causes {
		t.Errorf("conclusion %+v", got.Conclusion)
	}
	if got.Status != model.StatusFinalized || got.FinalizedAt != before.FinalizedAt || got.Place != before.Place {
		t.Errorf("the conclusion changed the finalized record: %+v", got)
	}
	rec, err := f.db.UnitRecord(ctx, f.a.ID, nil)
	check(t, err)
	if due := rec.FixReportDue(); due != model.NewDate(2022, 12, 20) {
		t.Errorf("fix report due %s, want 20/12/2022 (15 days from the thông báo)", due)
	}
}

func TestInspectionDocumentFields(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	in := f.in
	in.GoverningBody, in.TeamName, in.Locality = "UBND tỉnh  Hải Dương", "Đoàn kiểm tra công tác CCHC", "Hải Dương"
	in.TeamCode, in.IssuerCode, in.ConclusionBy = "ĐKT", "SNV", model.ConclusionByTeam
	in.Report = model.InspectionReport{Number: "30", Date: model.NewDate(2022, 12, 20),
		Narrative: model.Narrative{Method: "Kiểm tra trực tiếp.\r\nXem hồ sơ.", Proposals: "Đề xuất khen thưởng."}}
	_, err := f.db.SaveInspection(ctx, "x", in)
	check(t, err)
	got, err := f.db.Inspection(ctx, in.ID)
	check(t, err)
	if got.GoverningBody != "UBND tỉnh Hải Dương" || got.TeamCode != "ĐKT" || got.ConclusionBy != model.ConclusionByTeam ||
		got.Report.Number != "30" || got.Report.Method != "Kiểm tra trực tiếp.\nXem hồ sơ." || got.Report.Proposals != "Đề xuất khen thưởng." {
		t.Errorf("inspection %+v", got)
	}
}

// The new fields travel in bundles: they sit on the inspection and the
// assessment, which every bundle carries.
func TestDocumentFieldsTravelInBundles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "Laptop A"), newDevice(t, "Laptop B")
	trustAll(t, a, b)
	in := a.in
	in.GoverningBody, in.TeamCode = "UBND tỉnh Hải Dương", "ĐKT"
	_, err := a.db.SaveInspection(ctx, a.name, in)
	check(t, err)
	v := a.a
	v.StartTime, v.EndTime, v.Copies = "08:00", "11:30", 3
	v.Participants = []model.Participant{{Honorific: "Bà", Name: "Lê Thị Hoa", Position: "Giám đốc", Unit: "Sở Tư pháp"}}
	_, err = a.db.SaveVisit(ctx, a.name, v)
	check(t, err)
	_, err = a.db.SaveConclusion(ctx, a.name, v.ID, model.Conclusion{Number: "7", Date: model.NewDate(2022, 11, 1)})
	check(t, err)
	b.importFiles(t, a.bundle(t, "a.ktb"))
	gotIn, err := b.db.Inspection(ctx, in.ID)
	check(t, err)
	gotA, err := b.db.Assessment(ctx, v.ID)
	check(t, err)
	if gotIn.GoverningBody != "UBND tỉnh Hải Dương" || gotIn.TeamCode != "ĐKT" {
		t.Errorf("inspection arrived as %+v", gotIn)
	}
	if gotA.StartTime != "08:00" || gotA.Copies != 3 || len(gotA.Participants) != 1 || gotA.Conclusion.Number != "7" {
		t.Errorf("assessment arrived as %+v", gotA)
	}
}

func TestPlanVisitDetails(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	plan := &model.Plan{
		Inspection: model.Inspection{Year: 2022, Title: "Kiểm tra CCHC năm 2022", GoverningBody: "UBND tỉnh Hải Dương"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"}, Date: model.NewDate(2022, 10, 18),
			ChecklistID: "test", StartTime: "8:00", Copies: 2, Participants: []model.Participant{{Honorific: "Ông", Name: "A"}}}},
	}
	_, err := f.db.ImportPlan(ctx, "x", plan)
	check(t, err)
	got, err := f.db.Assessment(ctx, f.a.ID)
	check(t, err)
	if got.StartTime != "08:00" || got.Copies != 2 || len(got.Participants) != 1 {
		t.Fatalf("after the plan: %+v", got)
	}
	// Typed on site, then the plan imported again without those fields:
	// what was typed stays.
	got.EndTime, got.Participants = "11:00", []model.Participant{{Name: "A"}, {Name: "B"}}
	_, err = f.db.SaveVisit(ctx, "x", got)
	check(t, err)
	plan.Visits[0].Participants = nil
	_, err = f.db.ImportPlan(ctx, "x", plan)
	check(t, err)
	again, err := f.db.Assessment(ctx, f.a.ID)
	check(t, err)
	if again.EndTime != "11:00" || len(again.Participants) != 2 {
		t.Errorf("the plan again erased what was typed: %+v", again)
	}
	plan.Visits[0].EndTime = "07:00"
	if _, err := f.db.ImportPlan(ctx, "x", plan); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("a plan visit ending before it starts: %v", err)
	}
}
