package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/model"
)

func openUITestDB(t *testing.T) *DB {
	t.Helper()
	return openDemoCopy(t)
}

func TestInspectionAssessmentsAndFindings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openUITestDB(t)
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	as, err := db.InspectionAssessments(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != len(DemoPlan().Visits) {
		t.Fatalf("got %d assessments, want %d", len(as), len(DemoPlan().Visits))
	}
	for i := 1; i < len(as); i++ {
		if as[i].Date.Before(as[i-1].Date) {
			t.Errorf("not ordered by date: %s before %s", as[i-1].Date, as[i].Date)
		}
	}
	fs, err := db.InspectionFindings(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, a := range as {
		one, err := db.Findings(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want += len(one)
	}
	if len(fs) != want || want == 0 {
		t.Fatalf("InspectionFindings gave %d findings, per-assessment reads give %d", len(fs), want)
	}
	if other, err := db.InspectionFindings(ctx, "no-such-inspection"); err != nil || len(other) != 0 {
		t.Fatalf("unknown inspection: %d findings, %v", len(other), err)
	}
}

func TestSaveUnitSide(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openUITestDB(t)
	in, _ := db.FindInspection(ctx, "")
	as, _ := db.InspectionAssessments(ctx, in.ID)
	var draft, final model.Assessment
	for _, a := range as {
		if a.Status == model.StatusDraft && draft.ID == "" {
			draft = a
		}
		if a.Status == model.StatusFinalized && final.ID == "" {
			final = a
		}
	}
	draft.Representative = "Lê Văn Đức"
	draft.RepresentativePosition = "Phó Giám đốc Sở"
	draft.UnitComments = "Đơn vị giải trình: kế hoạch ban hành chậm do chờ hướng dẫn."
	draft.Place = "must not change"
	got, err := db.SaveUnitSide(ctx, "Nguyễn Thị Hương", draft)
	if err != nil {
		t.Fatal(err)
	}
	if got.Representative != "Lê Văn Đức" || got.RepresentativePosition != "Phó Giám đốc Sở" || got.UnitComments != draft.UnitComments {
		t.Errorf("saved %+v", got)
	}
	if got.Place == "must not change" {
		t.Error("SaveUnitSide changed the place")
	}
	if _, err := db.SaveUnitSide(ctx, "x", final); !errors.Is(err, model.ErrFinalized) {
		t.Errorf("finalized: err %v, want ErrFinalized", err)
	}
}

func TestBundleFilesRecognisedByTheirHeader(t *testing.T) {
	t.Parallel()
	d := newDevice(t, "Lê Thu Trang")
	d.save(t, "1.1.1", pass)
	bundle := d.bundle(t, "a1.ktb")
	other := filepath.Join(d.dir, "notes.txt")
	short := filepath.Join(d.dir, "short")
	for path, data := range map[string]string{other: "KIEMTRA-BUNDLX\nnot a bundle", short: "KIEM"} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]bool{bundle: true, other: false, short: false} {
		got, err := isBundleFile(path)
		if err != nil || got != want {
			t.Errorf("isBundleFile(%s) = %v, %v; want %v", filepath.Base(path), got, err, want)
		}
	}
	if _, err := isBundleFile(filepath.Join(d.dir, "missing.ktb")); err == nil {
		t.Error("a missing file gave no error")
	}
}
