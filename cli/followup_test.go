package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

const followUpPlan2023 = `inspection:
  year: 2023
  title: "Kiểm tra công tác cải cách hành chính năm 2023"
  start: 02/10/2023
  end: 30/11/2023
visits:
  - unit: {code: STP, name: "Sở Tư pháp", kind: so}
    date: 10/10/2023
    checklist: so-ban-nganh
`

// demo2023 is the demo database with a 2023 inspection visiting STP again
// and an inspector set; it returns the database and the inspections' IDs
// by year.
func demo2023(t *testing.T) (string, map[int]string) {
	t.Helper()
	db := demoCopy(t)
	plan := filepath.Join(t.TempDir(), "ke-hoach-2023.yaml")
	if err := os.WriteFile(plan, []byte(followUpPlan2023), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"plan", "import", plan}, {"config", "set", "inspector", "Vũ Hoàng Nam"}} {
		if r := runCLI(t, nil, append([]string{"--db", db}, args...)...); r.code != 0 {
			t.Fatalf("%v: %d %s", args, r.code, r.stderr)
		}
	}
	r := runCLI(t, nil, "--db", db, "inspection", "list", "--json")
	var ins []struct {
		ID   string `json:"id"`
		Year int    `json:"year"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &ins); err != nil {
		t.Fatal(err)
	}
	ids := map[int]string{}
	for _, in := range ins {
		ids[in.Year] = in.ID
	}
	if ids[2022] == "" || ids[2023] == "" {
		t.Fatalf("inspections %+v", ins)
	}
	return db, ids
}

func TestRecommendationsAndFixReport(t *testing.T) {
	t.Parallel()
	db, _ := demo2023(t)
	r := runCLI(t, nil, "--db", db, "recommendations", "--unit", "stp")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) < 2 {
		t.Fatalf("recommendations: %d %q %s", r.code, r.stdout, r.stderr)
	}
	for _, l := range lines {
		cols := strings.Split(l, "\t")
		if len(cols) != 6 || cols[1] != "STP" || !strings.HasPrefix(cols[2], "2022 · ") || !strings.HasSuffix(cols[2], " · 15") ||
			cols[4] != "chưa kiểm tra lại" || cols[5] == "" {
			t.Errorf("line %q", l)
		}
	}
	first := strings.Split(lines[0], "\t")[0]

	r = runCLI(t, nil, "--db", db, "recommendations", "report", "--unit", "STP", "--number", "45/BC-STP", "--received", "20/11/2022",
		"--rec", first)
	if r.code != 0 || !strings.Contains(r.stdout, "Đã ghi báo cáo 45/BC-STP của STP, nhận ngày 20/11/2022: 1 kiến nghị.") {
		t.Fatalf("report: %d %q %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "recommendations", "--unit", "STP", "--json")
	var rows []RecommendationRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err, r.stdout)
	}
	if len(rows) != len(lines) || rows[0].Ref != first || len(rows[0].Reports) != 1 || rows[0].Reports[0].Number != "45/BC-STP" ||
		len(rows[1].Reports) != 0 || !rows[0].Open || rows[0].Status != "" {
		t.Errorf("json %+v", rows)
	}
	// The demo's clock is today: the 2022 deadlines have passed.
	if !rows[0].Overdue && !rows[0].Deadline.IsZero() {
		t.Errorf("a 2022 deadline is not overdue today: %+v", rows[0])
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--number", "46", "--received", "31/02/2022"}, 2, "ngày nhận báo cáo dạng ngày/tháng/năm"},
		{[]string{"--received", "01/12/2022"}, 2, "cần --number SỐ"},
		{[]string{"--number", "46", "--received", "01/12/2022", "--rec", "zzzz"}, 1, "\"zzzz\" không chỉ đúng một kiến nghị của đơn vị STP"},
	} {
		r := runCLI(t, nil, append([]string{"--db", db, "recommendations", "report", "--unit", "STP"}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %d %q, want %d %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
	if r := runCLI(t, nil, "--db", db, "recommendations", "--unit", "KHONGCO"); r.code != 1 || !strings.Contains(r.stderr, "không có đơn vị mã KHONGCO") {
		t.Errorf("unknown unit: %d %q", r.code, r.stderr)
	}
}

func TestSelfAssessCommands(t *testing.T) {
	t.Parallel()
	db, ids := demo2023(t)
	id := ids[2023]
	dir := t.TempDir()
	out := filepath.Join(dir, "tu-danh-gia-STP.xlsx")
	r := runCLI(t, nil, "--db", db, "selfassess", "template", "--unit", "STP", "--inspection", id, "--out", out)
	if r.code != 0 || !strings.Contains(r.stdout, "Đã ghi "+out) {
		t.Fatalf("template: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, nil, "--db", db, "selfassess", "template", "--unit", "STP", "--inspection", id, "--out", out); r.code != 1 {
		t.Errorf("a second template over the first without --force: %d %s", r.code, r.stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	maxS, _ := f.GetCellValue("Tự đánh giá", "E3")
	if err := f.SetCellValue("Tự đánh giá", "G3", maxS); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Tự đánh giá", "H3", "Quyết định số 12/QĐ-STP"); err != nil {
		t.Fatal(err)
	}
	filled := filepath.Join(dir, "filled.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Tự đánh giá", "G4", "nhiều"); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.xlsx")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	check(t, f.Close())

	r = runCLI(t, nil, "--db", db, "selfassess", "import", filled)
	if r.code != 0 || !strings.Contains(r.stdout, "Đã nạp tự đánh giá của Sở Tư pháp (Kiểm tra công tác cải cách hành chính năm 2023): 1 mục ghi mới, 0 không đổi, 0 bỏ điểm.") {
		t.Errorf("import: %d %q %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "selfassess", "import", filled)
	if r.code != 0 || !strings.Contains(r.stdout, "items recorded: 0, unchanged: 1") {
		t.Errorf("import again: %d %q %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "--db", db, "selfassess", "import", bad)
	if want := fmt.Sprintf("%s:Tự đánh giá!G4: \"nhiều\" không phải là điểm", bad); r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("a bad score: %d %q, want %q", r.code, r.stderr, want)
	}
	// The 2022 record of STP is finalized: it was signed with the scores
	// it has.
	old := filepath.Join(dir, "2022.xlsx")
	if r := runCLI(t, nil, "--db", db, "selfassess", "template", "--unit", "STP", "--inspection", ids[2022], "--out", old); r.code != 0 {
		t.Fatalf("2022 template: %s", r.stderr)
	}
	if r := runCLI(t, nil, "--db", db, "selfassess", "import", old); r.code != 1 || !strings.Contains(r.stderr, "đánh giá đã hoàn thành") {
		t.Errorf("loading into a finalized record: %d %q", r.code, r.stderr)
	}
}

// Two laptops' differing follow-ups are listed by kiemtra conflicts with
// both values, in both languages.
func TestPrintStampedConflicts(t *testing.T) {
	t.Parallel()
	at := time.Date(2023, 10, 10, 9, 0, 0, 0, time.UTC)
	cs := []model.StampedConflict{{Kind: "follow_up", ID: "0191f0a2-0000-7000-8000-000000000001",
		Current: model.FollowUp{Status: model.FixDone, Note: "Đã ban hành kế hoạch", Stamp: model.Stamp{UpdatedBy: "Máy chị Hương", UpdatedAt: at}},
		Others:  []model.Revisioned{model.FollowUp{Status: model.FixNotDone, Note: "Chưa thấy", Stamp: model.Stamp{UpdatedBy: "Máy anh Nam", UpdatedAt: at}}}}}
	for lang, want := range map[i18n.Lang][]string{
		i18n.VI: {"Theo dõi kiến nghị 00000001", "đang hiện: đã khắc phục, \"Đã ban hành kế hoạch\" — Máy chị Hương", "bên kia: chưa khắc phục, \"Chưa thấy\" — Máy anh Nam"},
		i18n.EN: {"Follow-up 00000001", "shown: fixed, \"Đã ban hành kế hoạch\"", "other: not fixed, \"Chưa thấy\" — Máy anh Nam"},
	} {
		var out strings.Builder
		printStampedConflicts(&Env{Stdout: &out, T: i18n.New(lang)}, cs)
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: lacks %q in\n%s", lang, w, out.String())
			}
		}
	}
}

// followOn records on the laptop at path what its 2023 visit to STP found
// of STP's first 2022 kiến nghị.
func followOn(t *testing.T, path string, st model.FixStatus, note string) {
	t.Helper()
	ctx := context.Background()
	db, err := OpenDB(ctx, path, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	ins, err := db.InspectionsOfYear(ctx, 2023)
	if err != nil || len(ins) != 1 {
		t.Fatalf("2023 inspections %d: %v", len(ins), err)
	}
	a, err := db.AssessmentOf(ctx, ins[0].ID, "STP")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := db.FollowUpsFor(ctx, a.ID)
	if err != nil || len(recs) == 0 {
		t.Fatalf("STP 2023 follows up %d: %v", len(recs), err)
	}
	if _, err := db.SaveFollowUp(ctx, model.FollowUp{AssessmentID: a.ID, RecommendationID: recs[0].ID, Status: st, Note: note,
		Stamp: model.Stamp{UpdatedBy: "Cán bộ"}}); err != nil {
		t.Fatal(err)
	}
}

// Two laptops record different statuses for the same kiến nghị: kiemtra
// import says so, kiemtra conflicts lists both values.
func TestFollowUpConflictFromTwoLaptops(t *testing.T) {
	a := laptop(t, "Nguyễn Thị Hương", true)
	b := laptop(t, "Phạm Đức Long", false)
	dir := t.TempDir()
	ka, kb := filepath.Join(dir, "a.pub"), filepath.Join(dir, "b.pub")
	mustRun(t, "--db", a, "keys", "export", "--out", ka)
	mustRun(t, "--db", b, "keys", "export", "--out", kb)
	mustRun(t, "--db", b, "keys", "trust", ka, "--name", "Máy chị Hương")
	mustRun(t, "--db", a, "keys", "trust", kb, "--name", "Máy anh Long")
	mustRun(t, "--db", a, "bundle", "--out", filepath.Join(dir, "a2022.ktb"))
	mustRun(t, "--db", b, "import", filepath.Join(dir, "a2022.ktb"))
	plan := filepath.Join(dir, "ke-hoach-2023.yaml")
	if err := os.WriteFile(plan, []byte(followUpPlan2023), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{a, b} {
		mustRun(t, "--db", db, "plan", "import", plan)
	}
	followOn(t, a, model.FixDone, "Đã ban hành kế hoạch")
	followOn(t, b, model.FixNotDone, "Chưa thấy kế hoạch")
	var ins []struct {
		ID   string `json:"id"`
		Year int    `json:"year"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--db", b, "inspection", "list", "--json").stdout), &ins); err != nil {
		t.Fatal(err)
	}
	id2023 := ""
	for _, in := range ins {
		if in.Year == 2023 {
			id2023 = in.ID
		}
	}
	mustRun(t, "--db", b, "bundle", "--inspection", id2023, "--out", filepath.Join(dir, "b2023.ktb"))
	r := mustRun(t, "--db", a, "import", filepath.Join(dir, "b2023.ktb"))
	// Which value shows depends on which was saved later; that one holds
	// both is what matters.
	if !regexp.MustCompile(`Theo dõi kiến nghị, tự đánh giá, báo cáo khắc phục: [01] cập nhật, 1 có giá trị khác nhau từ hai máy`).MatchString(r.stdout) {
		t.Errorf("import output:\n%s", r.stdout)
	}
	r = mustRun(t, "--db", a, "conflicts")
	for _, want := range []string{"Theo dõi kiến nghị", "đã khắc phục, \"Đã ban hành kế hoạch\"", "chưa khắc phục, \"Chưa thấy kế hoạch\""} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("conflicts lack %q:\n%s", want, r.stdout)
		}
	}
}
