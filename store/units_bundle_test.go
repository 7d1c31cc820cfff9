package store

import (
	"context"
	"testing"

	"kiemtra/model"
)

// TestUnitAsVisitedTravels: the unit as it was at the visit travels with
// the assessment in a bundle. Laptop A finalizes Sở Tư pháp; Sở Nội vụ
// meanwhile renames the unit (on purpose). After the import the office
// holds A's signed record, and it prints the name A signed, whatever the
// unit is called at the office now.
func TestUnitAsVisitedTravels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, office := newDevice(t, "Nguyễn Thị Hương"), newDevice(t, "Văn phòng Sở Nội vụ")
	trustAll(t, a, office)
	a.save(t, "1.1.1", model.Content{Result: model.ResultPass, Score: 100})
	if _, err := a.db.Finalize(ctx, a.name, a.a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := office.db.RenameUnit(ctx, office.name, "STP", "Sở Tư pháp tỉnh Hải Dương", ""); err != nil {
		t.Fatal(err)
	}
	office.importFiles(t, a.bundle(t, "a1.ktb"))
	got := office.assessment(t)
	if got.Status != model.StatusFinalized || got.UnitName != "Sở Tư pháp" || got.UnitKind != "so" {
		t.Errorf("the office holds %+v", got)
	}
	r, err := office.db.UnitRecord(ctx, got.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Unit.Name != "Sở Tư pháp" {
		t.Errorf("the office's record of A's signed assessment names %q", r.Unit.Name)
	}
}
