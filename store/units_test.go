package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kiemtra/i18n"
	"kiemtra/model"
)

// openDemoKinds opens a private copy of the demo database (the 2022
// inspection, Sở Tư pháp finalized) with the built-in kinds of unit.
func openDemoKinds(t *testing.T) *DB {
	t.Helper()
	demoTemplate.once.Do(func() { demoTemplate.path, demoTemplate.err = makeDemoTemplate() })
	check(t, demoTemplate.err)
	path := filepath.Join(t.TempDir(), "demo.db")
	copyFileTB(t, demoTemplate.path, path)
	c := &clock{t: demoClockStart.Add(24 * time.Hour)}
	db, err := Open(context.Background(), path, WithClock(c.now), WithKinds(demoKinds(t)))
	check(t, err)
	t.Cleanup(func() { check(t, db.Close()) })
	return db
}

// demoInspection is the demo's 2022 inspection.
func demoInspection(t *testing.T, db *DB) model.Inspection {
	t.Helper()
	in, err := db.FindInspection(context.Background(), "")
	check(t, err)
	return in
}

// record is what the unit record of a unit in an inspection prints.
func record(t *testing.T, db *DB, inspectionID, code string) model.UnitRecord {
	t.Helper()
	ctx := context.Background()
	a, err := db.AssessmentOf(ctx, inspectionID, code)
	check(t, err)
	r, err := db.UnitRecord(ctx, a.ID, demoKinds(t))
	check(t, err)
	return r
}

// summaryRow is the unit's row in the inspection's summary.
func summaryRow(t *testing.T, db *DB, inspectionID, code string) model.SummaryRow {
	t.Helper()
	s, err := db.Summary(context.Background(), demoKinds(t), inspectionID)
	check(t, err)
	for _, r := range s.Rows {
		if r.Unit.Code == code {
			return r
		}
	}
	t.Fatalf("no summary row for %s", code)
	return model.SummaryRow{}
}

func wantCode(t *testing.T, what string, err error, code model.Code, params ...string) {
	t.Helper()
	if model.ErrorCode(err) != code {
		t.Fatalf("%s: %v, want %s", what, err, code)
	}
	if got := model.ErrorParams(err); len(params) > 0 && !slices.Equal(got, params) {
		t.Errorf("%s: params %q, want %q", what, got, params)
	}
}

// TestAddingAnExistingCodeNeverRenames is the case: a 2023
// inspection adds code STP as "Tên bị ghi đè", a UBND cấp huyện. Before,
// that rewrote the unit everywhere: the finalized 2022 record of Sở Tư
// pháp read "Tên bị ghi đè" and the 2022 summary ranked it among the UBND
// cấp huyện. Now the app's add-unit path and a plan file are refused with
// the unit held (name, kind) in the message, nothing is written, and the
// 2022 record and summary say what they said; the same code with its own
// name and kind adds the unit as it is.
func TestAddingAnExistingCodeNeverRenames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDemoKinds(t)
	in22 := demoInspection(t, db)
	before := record(t, db, in22.ID, "STP")
	if before.Unit.Name != "Sở Tư pháp" || before.Assessment.Status != model.StatusFinalized {
		t.Fatalf("demo STP: %+v", before.Unit)
	}
	in23, err := db.SaveInspection(ctx, "Lê Thu Trang", model.Inspection{Year: 2023, Title: "Kiểm tra CCHC năm 2023"})
	check(t, err)
	bad := model.Visit{Unit: model.Unit{Code: "stp", Name: "Tên bị ghi đè", Kind: "huyen"}, Date: model.NewDate(2023, 10, 2),
		ChecklistID: "ubnd-huyen"}
	_, err = db.AddVisit(ctx, "Lê Thu Trang", in23.ID, bad)
	wantCode(t, "add STP as another unit", err, model.EUnitExists, "STP", "Sở Tư pháp", "so")
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		msg := i18n.New(lang).Err(err)
		if !strings.Contains(msg, "STP") || !strings.Contains(msg, "Sở Tư pháp") || !strings.Contains(msg, demoKinds(t)[0].Name) && lang == i18n.VI {
			t.Errorf("%s message %q does not show the unit held", lang, msg)
		}
	}
	_, err = db.AddVisit(ctx, "Lê Thu Trang", in23.ID, model.Visit{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "huyen"},
		ChecklistID: "ubnd-huyen"})
	wantCode(t, "add STP re-kinded", err, model.EUnitExists)
	plan := &model.Plan{Inspection: model.Inspection{Year: 2023, Title: "Kế hoạch kiểm tra năm 2023"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "STC", Name: "Sở Tài chính", Kind: "so"}, ChecklistID: "so-ban-nganh"}, bad}}
	_, err = db.ImportPlan(ctx, "Lê Thu Trang", plan)
	wantCode(t, "plan with STP as another unit", err, model.EUnitExists, "STP", "Sở Tư pháp", "so")
	if ins, err := db.Inspections(ctx); err != nil || len(ins) != 2 {
		t.Errorf("a refused plan left inspections %v (%v)", ins, err)
	}
	u, err := db.UnitByCode(ctx, "STP")
	if err != nil || u.Name != "Sở Tư pháp" || u.Kind != "so" {
		t.Errorf("unit STP after refusals: %+v %v", u, err)
	}
	after := record(t, db, in22.ID, "STP")
	if after.Unit.Name != "Sở Tư pháp" || after.Kind.Code != "so" || after.Scorecard.Overall != before.Scorecard.Overall {
		t.Errorf("2022 record of STP now %+v, kind %s", after.Unit, after.Kind.Code)
	}
	if row := summaryRow(t, db, in22.ID, "STP"); row.Kind.Code != "so" || row.Unit.Name != "Sở Tư pháp" {
		t.Errorf("2022 summary row of STP: %+v %s", row.Unit, row.Kind.Code)
	}

	// The unit as it is: added to 2023, the same unit, nothing changed.
	a, err := db.AddVisit(ctx, "Lê Thu Trang", in23.ID, model.Visit{Unit: model.Unit{Code: "stp", Name: " Sở  Tư pháp ", Kind: "so"},
		Date: model.NewDate(2023, 10, 2), ChecklistID: "so-ban-nganh"})
	check(t, err)
	if a.UnitID != before.Unit.ID || a.UnitName != "Sở Tư pháp" || a.UnitKind != "so" || a.ChecklistVersion != "2026.1" {
		t.Errorf("STP added to 2023: %+v", a)
	}
	// Within one inspection, adding it again is refused: never renamed,
	// never re-kinded, its checklist kept.
	_, err = db.AddVisit(ctx, "Lê Thu Trang", in23.ID, model.Visit{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"},
		ChecklistID: "so-ban-nganh"})
	wantCode(t, "add STP to 2023 again", err, model.EUnitInInspection, "STP")
	_, err = db.AddVisit(ctx, "Lê Thu Trang", in23.ID, model.Visit{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp (mới)", Kind: "xa"},
		ChecklistID: "ubnd-xa"})
	wantCode(t, "add STP to 2023 again, renamed", err, model.EUnitExists)
	again, err := db.AssessmentOf(ctx, in23.ID, "STP")
	if err != nil || again.ID != a.ID || again.ChecklistID != "so-ban-nganh" || again.UnitName != "Sở Tư pháp" {
		t.Errorf("2023 STP after refusals: %+v %v", again, err)
	}
}

// TestRenameKeepsThePast: renaming or re-kinding a unit on purpose (as
// communes merged and the district level ended in 2025) never rewrites a
// finalized record or summary; a draft, still being written, takes the new
// name, and the new kind only where its checklist is for it.
func TestRenameKeepsThePast(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDemoKinds(t)
	in22 := demoInspection(t, db)
	draft := record(t, db, in22.ID, "CAMGIANG")
	if draft.Assessment.Status != model.StatusDraft {
		t.Fatalf("demo CAMGIANG is %s", draft.Assessment.Status)
	}
	res, err := db.RenameUnit(ctx, "Lê Thu Trang", "stp", "Sở Tư pháp tỉnh Hải Dương", "")
	check(t, err)
	if res.Unit.Name != "Sở Tư pháp tỉnh Hải Dương" || res.Drafts != 0 {
		t.Errorf("rename STP: %+v", res)
	}
	if r := record(t, db, in22.ID, "STP"); r.Unit.Name != "Sở Tư pháp" {
		t.Errorf("finalized 2022 record after a rename: %q", r.Unit.Name)
	}
	res, err = db.RenameUnit(ctx, "Lê Thu Trang", "CAMGIANG", "UBND xã Cẩm Giàng", "xa")
	check(t, err)
	if res.Drafts != 1 || res.KeptKind != 1 {
		t.Errorf("rename CAMGIANG: %+v", res)
	}
	r := record(t, db, in22.ID, "CAMGIANG")
	if r.Unit.Name != "UBND xã Cẩm Giàng" || r.Kind.Code != "huyen" {
		t.Errorf("draft after rename: %q kind %s (its checklist is for huyen)", r.Unit.Name, r.Kind.Code)
	}
	if u, _ := db.UnitByCode(ctx, "CAMGIANG"); u.Kind != "xa" {
		t.Errorf("unit CAMGIANG kind %s after re-kinding", u.Kind)
	}
	if row := summaryRow(t, db, in22.ID, "CAMGIANG"); row.Kind.Code != "huyen" {
		t.Errorf("2022 summary counts CAMGIANG as %s", row.Kind.Code)
	}
	_, err = db.RenameUnit(ctx, "Lê Thu Trang", "STP", "", "tinh")
	wantCode(t, "rename to an unknown kind", err, model.EInvalid)
	_, err = db.RenameUnit(ctx, "Lê Thu Trang", "KHONGCO", "X", "")
	wantCode(t, "rename an unknown unit", err, model.ENotFound)
}

// TestChecklistFitsTheVisit: a checklist applies to its kinds only (a sở
// with the xã checklist is refused, in the add-unit path and in plans); a
// UBND cấp huyện cannot be visited on or after 1 July 2025, with the day
// in the message; a version must be meant for the visit's day, and
// without a version the newest valid one is taken. Before, all of these
// were accepted.
func TestChecklistFitsTheVisit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDemoKinds(t)
	in, err := db.SaveInspection(ctx, "Lê Thu Trang", model.Inspection{Year: 2025, Title: "Kiểm tra CCHC năm 2025"})
	check(t, err)
	add := func(code, name string, kind model.UnitKind, d model.Date, cl, ver string) (model.Assessment, error) {
		return db.AddVisit(ctx, "Lê Thu Trang", in.ID, model.Visit{Unit: model.Unit{Code: code, Name: name, Kind: kind},
			Date: d, ChecklistID: cl, ChecklistVersion: ver})
	}
	_, err = add("SXD", "Sở Xây dựng", "so", model.NewDate(2025, 9, 3), "ubnd-xa", "")
	wantCode(t, "a sở with the xã checklist", err, model.EChecklistKind, "ubnd-xa@2026.2", "so", "xa,dackhu")
	if msg := i18n.New(i18n.VI).Err(err); !strings.Contains(msg, "Sở, ban, ngành") || !strings.Contains(msg, "UBND cấp xã, phường; UBND đặc khu") {
		t.Errorf("message %q does not name the kinds", msg)
	}
	_, err = add("SXD", "Sở Xây dựng", "so", model.NewDate(2025, 3, 3), "ubnd-xa", "2026.1")
	wantCode(t, "a sở with the older xã checklist", err, model.EChecklistKind)
	_, err = add("GIALOC", "UBND huyện Gia Lộc", "huyen", model.NewDate(2025, 7, 1), "ubnd-huyen", "")
	wantCode(t, "a huyện on 1 July 2025", err, model.EKindRetired, "huyen", "01/07/2025", "01/07/2025")
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		msg := i18n.New(lang).Err(err)
		if !strings.Contains(msg, "01/07/2025") || !strings.Contains(msg, map[i18n.Lang]string{i18n.VI: "UBND cấp huyện", i18n.EN: "District"}[lang]) {
			t.Errorf("%s: %q does not say why", lang, msg)
		}
	}
	_, err = add("GIALOC", "UBND huyện Gia Lộc", "huyen", model.NewDate(2025, 6, 30), "ubnd-huyen", "")
	check(t, err)
	a, _ := db.AssessmentOf(ctx, in.ID, "GIALOC")
	if a.ChecklistVersion != "2026.2" {
		t.Errorf("a huyện on 30 June 2025 got ubnd-huyen@%s, want the newest valid (2026.2)", a.ChecklistVersion)
	}
	_, err = add("STP", "Sở Tư pháp", "so", model.NewDate(2025, 3, 4), "so-ban-nganh", "2026.2")
	wantCode(t, "so-ban-nganh@2026.2 before it is valid", err, model.EChecklistDate, "so-ban-nganh@2026.2", "04/03/2025", "01/07/2025", "…")
	a, err = add("STP", "Sở Tư pháp", "so", model.NewDate(2025, 3, 4), "so-ban-nganh", "")
	if err != nil || a.ChecklistVersion != "2026.1" {
		t.Errorf("STP in March 2025 without a version: %s, %v (want 2026.1)", a.ChecklistVersion, err)
	}
	a, err = add("STC", "Sở Tài chính", "so", model.NewDate(2025, 9, 4), "so-ban-nganh", "")
	if err != nil || a.ChecklistVersion != "2026.2" {
		t.Errorf("STC in September 2025 without a version: %s, %v (want 2026.2)", a.ChecklistVersion, err)
	}

	// The same rules in a plan file, and an undated visit of a huyện in a
	// later year: refused whole, nothing written.
	plan := &model.Plan{Inspection: model.Inspection{Year: 2026, Title: "Kiểm tra CCHC năm 2026"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "SNV", Name: "Sở Nội vụ", Kind: "so"}, ChecklistID: "ubnd-xa"}}}
	_, err = db.ImportPlan(ctx, "Lê Thu Trang", plan)
	wantCode(t, "plan: a sở with the xã checklist", err, model.EChecklistKind)
	plan.Visits[0] = model.Visit{Unit: model.Unit{Code: "NAMSACH", Name: "UBND huyện Nam Sách", Kind: "huyen"}, ChecklistID: "ubnd-huyen"}
	_, err = db.ImportPlan(ctx, "Lê Thu Trang", plan)
	wantCode(t, "plan: an undated huyện in 2026", err, model.EKindRetired, "huyen", "01/07/2025", "2026")
	if _, err := db.FindInspection(ctx, model.DerivedID("inspection", "2026", "Kiểm tra CCHC năm 2026")); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a refused plan created its inspection: %v", err)
	}
	// Moving a visit to a day that does not fit it is refused too.
	gl, _ := db.AssessmentOf(ctx, in.ID, "GIALOC")
	_, err = db.SaveRemarks(ctx, "Lê Thu Trang", gl.ID, AssessmentRemarks{Date: model.NewDate(2025, 8, 1)})
	wantCode(t, "move the huyện's visit to August 2025", err, model.EKindRetired)
}

// TestMigrationRestoresSignedNames: a database from before assessments
// kept the unit as visited, in which an added unit had already rewritten
// Sở Tư pháp (the case, done here as kiemtra did it: the unit row
// rewritten and audited), gets back on upgrade the name and kind the
// finalized 2022 record was signed with, from the audit history; a draft
// takes the unit as it is.
func TestMigrationRestoresSignedNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDemoKinds(t)
	in22 := demoInspection(t, db)
	stp, err := db.UnitByCode(ctx, "STP")
	check(t, err)
	cg, err := db.UnitByCode(ctx, "CAMGIANG")
	check(t, err)
	check(t, db.tx(ctx, func(t *txn) error {
		for _, u := range []model.Unit{stp, cg} {
			old := u
			u.Name, u.Kind = "Tên bị ghi đè "+u.Code, "xa"
			if _, err := t.ExecContext(ctx, "UPDATE units SET name = ?, kind = ? WHERE id = ?", u.Name, string(u.Kind), u.ID); err != nil {
				return err
			}
			if _, err := t.appendAudit(ctx, AuditEntry{Actor: "A", Entity: "unit", EntityID: u.ID, Action: "save",
				Old: jsonOf(old), New: jsonOf(u)}); err != nil {
				return err
			}
		}
		return nil
	}))
	undoMigrationsAfter(t, db, 3)
	path := db.Path()
	check(t, db.Close())
	db, err = Open(ctx, path, WithKinds(demoKinds(t)))
	check(t, err)
	t.Cleanup(func() { check(t, db.Close()) })
	if r := record(t, db, in22.ID, "STP"); r.Unit.Name != "Sở Tư pháp" || r.Kind.Code != "so" {
		t.Errorf("finalized STP after the upgrade: %q, %s", r.Unit.Name, r.Kind.Code)
	}
	if r := record(t, db, in22.ID, "CAMGIANG"); r.Unit.Name != "Tên bị ghi đè CAMGIANG" {
		t.Errorf("draft CAMGIANG after the upgrade: %q", r.Unit.Name)
	}
}
