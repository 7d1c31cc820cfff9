package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writePlan(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ke-hoach.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// firstInspection is the ID of the newest inspection.
func firstInspection(t *testing.T, db string) string {
	t.Helper()
	r := mustRun(t, "--db", db, "inspection", "list")
	id, _, _ := strings.Cut(r.stdout, "\t")
	return id
}

const plan2023 = `inspection:
  year: 2023
  title: "Kiểm tra công tác cải cách hành chính năm 2023"
visits:
  - unit: {code: STC, name: "Sở Tài chính", kind: so}
    date: 02/10/2023
    checklist: so-ban-nganh
  - unit: {code: STP, name: "Tên bị ghi đè", kind: huyen}
    date: 03/10/2023
    checklist: ubnd-huyen
`

// TestPlanNeverRenamesAUnit is the case through the command line:
// a 2023 plan names code STP as "Tên bị ghi đè", a UBND cấp huyện. The
// import is refused, saying which visit and which unit holds the code
// (name, kind) and how to rename on purpose; nothing is written; the
// finalized 2022 record of Sở Tư pháp still names it and the 2022 summary
// still ranks it among the sở. Before, the import succeeded and rewrote
// both.
func TestPlanNeverRenamesAUnit(t *testing.T) {
	t.Parallel()
	db := laptop(t, "Lê Thu Trang", true)
	r := runCLI(t, nil, "--db", db, "plan", "import", writePlan(t, plan2023))
	if r.code != 1 || !strings.Contains(r.stderr, "lượt kiểm tra STP: mã STP đã là của đơn vị Sở Tư pháp (Sở, ban, ngành)") ||
		!strings.Contains(r.stderr, "kiemtra unit rename") {
		t.Errorf("plan renaming STP: %+v", r)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "plan", "import", writePlan(t, plan2023))
	if r.code != 1 || !strings.Contains(r.stderr, "visit STP: code STP already belongs to Sở Tư pháp (Departments and agencies)") {
		t.Errorf("plan renaming STP (en): %+v", r)
	}
	if r := mustRun(t, "--db", db, "inspection", "list"); strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("a refused plan left an inspection: %q", r.stdout)
	}
	rec := mustRun(t, "--db", db, "report", "unit", "--unit", "STP", "--format", "md", "--out", "-")
	if !strings.Contains(rec.stdout, "Sở Tư pháp") || strings.Contains(rec.stdout, "ghi đè") {
		t.Errorf("the 2022 record of STP changed:\n%s", rec.stdout)
	}
	sum := mustRun(t, "--db", db, "report", "summary", "--format", "json", "--out", "-")
	if !strings.Contains(sum.stdout, `"Sở Tư pháp"`) || strings.Contains(sum.stdout, "ghi đè") {
		t.Errorf("the 2022 summary changed")
	}

	// The unit as it is joins the 2023 inspection.
	ok := strings.Replace(plan2023, `{code: STP, name: "Tên bị ghi đè", kind: huyen}`, `{code: STP, name: "Sở Tư pháp", kind: so}`, 1)
	ok = strings.Replace(ok, "checklist: ubnd-huyen", "checklist: so-ban-nganh", 1)
	if r := runCLI(t, nil, "--db", db, "plan", "import", writePlan(t, ok)); r.code != 0 {
		t.Fatalf("plan with STP as it is: %+v", r)
	}
}

// TestUnitRenameKeepsRecords: kiemtra unit rename changes the unit from now
// on (unit list, drafts) and never a finalized record or the summary it is
// ranked in.
func TestUnitRenameKeepsRecords(t *testing.T) {
	t.Parallel()
	db := laptop(t, "Lê Thu Trang", true)
	r := mustRun(t, "--db", db, "unit", "rename", "stp", "--name", "Sở Tư pháp tỉnh Hải Dương")
	if !strings.Contains(r.stdout, `Đơn vị STP từ nay là "Sở Tư pháp tỉnh Hải Dương" (Sở, ban, ngành). 0 phiếu`) {
		t.Errorf("rename says %q", r.stdout)
	}
	if r := mustRun(t, "--db", db, "unit", "list"); !strings.Contains(r.stdout, "STP\tso\tSở Tư pháp tỉnh Hải Dương") {
		t.Errorf("unit list after rename: %q", r.stdout)
	}
	var rows []UnitRow
	r = mustRun(t, "--db", db, "unit", "list", "--inspection", firstInspection(t, db), "--json")
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	for _, u := range rows {
		if u.Code == "STP" && u.Name != "Sở Tư pháp" {
			t.Errorf("the 2022 inspection lists STP as %q", u.Name)
		}
	}
	rec := mustRun(t, "--db", db, "report", "unit", "--unit", "STP", "--format", "md", "--out", "-")
	if strings.Contains(rec.stdout, "tỉnh Hải Dương Sở") || strings.Contains(rec.stdout, "Sở Tư pháp tỉnh Hải Dương") {
		t.Errorf("the finalized record took the new name")
	}
	r = mustRun(t, "--db", db, "unit", "rename", "CAMGIANG", "--name", "UBND thị xã Cẩm Giàng")
	if !strings.Contains(r.stdout, "1 phiếu") {
		t.Errorf("renaming a unit with a draft: %q", r.stdout)
	}
	if r := runCLI(t, nil, "--db", db, "unit", "rename", "STP", "--kind", "tinh"); r.code != 2 || !strings.Contains(r.stderr, `"tinh"`) {
		t.Errorf("unknown kind: %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "unit", "rename", "STP"); r.code != 2 {
		t.Errorf("nothing to change: %+v", r)
	}
}

// TestPlanChecklistFitsTheVisit: a plan that gives a sở the xã checklist,
// visits a UBND cấp huyện after 1 July 2025, or names a checklist version
// not meant for the visit's day is refused with the reason (and the visit,
// or the line), and on a new path leaves no database; without a version a
// visit gets the newest valid on its day (the 2022 example plan's sở get
// so-ban-nganh@2026.1, not 2026.2, which is for visits from 1 July 2025).
// Before, all three were accepted and the example's sở got 2026.2.
func TestPlanChecklistFitsTheVisit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, plan, want string }{
		{"a sở with the xã checklist", `inspection: {year: 2025, title: "T"}
visits:
  - unit: {code: SXD, name: "Sở Xây dựng", kind: so}
    date: 15/08/2025
    checklist: ubnd-xa
`, "lượt kiểm tra SXD: bộ tiêu chí ubnd-xa@2026.2 không dùng cho Sở, ban, ngành (bộ này dành cho: UBND cấp xã, phường; UBND đặc khu)"},
		{"a huyện after 1 July 2025", `inspection: {year: 2025, title: "T"}
visits:
  - unit: {code: GIALOC, name: "UBND huyện Gia Lộc", kind: huyen}
    date: 15/08/2025
    checklist: ubnd-huyen
`, "ke-hoach.yaml:4: lượt kiểm tra GIALOC: UBND cấp huyện không còn từ ngày 01/07/2025"},
		{"a version not meant for the day", `inspection: {year: 2022, title: "T"}
visits:
  - unit: {code: STP, name: "Sở Tư pháp", kind: so}
    date: 18/10/2022
    checklist: so-ban-nganh
    checklist_version: "2026.2"
`, "lượt kiểm tra STP: bộ tiêu chí so-ban-nganh@2026.2 không dùng được cho lượt kiểm tra ngày 18/10/2022: phiên bản này chỉ dùng cho các lượt kiểm tra từ 01/07/2025 đến …"},
	} {
		dir := t.TempDir()
		db := filepath.Join(dir, "k.db")
		r := runCLI(t, nil, "--db", db, "plan", "import", writePlan(t, c.plan))
		if r.code != 1 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: %+v\nwant %q", c.name, r, c.want)
		}
		if got := listTree(t, dir); len(got) != 1 {
			t.Errorf("%s: left %v", c.name, got[1:])
		}
	}

	db := emptyCopy(t)
	mustRun(t, "--db", db, "plan", "import", filepath.Join("..", "checklists", "testdata", "plan-example.yaml"))
	var rows []UnitRow
	r := mustRun(t, "--db", db, "unit", "list", "--inspection", firstInspection(t, db), "--json")
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	for _, u := range rows {
		want := map[string]string{"STP": "so-ban-nganh@2026.1", "STC": "so-ban-nganh@2026.1", "BINHGIANG": "ubnd-huyen@2026.1"}[u.Code]
		if u.Checklist != want {
			t.Errorf("example plan: %s gets %s, want %s", u.Code, u.Checklist, want)
		}
	}
}
