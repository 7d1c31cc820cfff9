package ui

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kiemtra/checklists"
	"kiemtra/cli"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// The story, end to end: a Sở Nội vụ official exports a built-in
// checklist to Excel, changes points and wording and adds a criterion as
// one does in Excel, loads it back with kiemtra checklist add, and an
// inspector creates an inspection and a unit with it in the TUI and
// answers items, a deduction and không áp dụng among them, and sees the
// scores. TestOfficialChecklistStory drives the TUI through Update; the
// tmux test in story_tmux_test.go does it once with the real binary.

// The official's edits to so-ban-nganh@2026.2.
const (
	storyID      = "tieu-chi-hai-duong"
	storyTitle   = "Kiểm tra công tác cải cách hành chính: sở, ban, ngành tỉnh Hải Dương (từ ngày 01/7/2025)"
	storyText112 = "Kế hoạch CCHC năm của cơ quan, đơn vị có đủ nhiệm vụ theo Kế hoạch CCHC của UBND tỉnh Hải Dương và có kinh phí không?"
	storyText161 = "Số văn bản của cơ quan, đơn vị gửi Sở Nội vụ chậm hạn trong năm (mỗi văn bản chậm là một trường hợp)"
	storySrc161  = "Quyết định số 99/QĐ-UBND năm 2025 của UBND tỉnh Hải Dương (ví dụ), tiêu chí 1.6"
)

// editAsOfficial makes the official's edits to the workbook at path, with
// excelize as an office suite would leave them: a new ID and title, item
// 1.1.2 reworded and worth 1,5 (typed with a decimal comma), items 1.1.3
// and 1.4.1 worth 0,5, and a new criterion 1.6 with one deduction item of
// 0,5 points less 0,25 a case, which may not be marked không áp dụng. The
// field's maximum is unchanged.
func editAsOfficial(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	set := func(sheet, cell, v string) {
		t.Helper()
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	const settings, items = "Thông tin chung", "Mục"
	set(settings, "C2", storyID)
	set(settings, "C4", storyTitle)
	rows, err := f.GetRows(items)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i + 1
	}
	row := map[string]int{}
	for i, r := range rows {
		if c := col["Mã mục"]; c <= len(r) && i > 1 {
			row[r[c-1]] = i + 1
		}
	}
	cell := func(header string, r int) string {
		t.Helper()
		c, ok := col[header]
		if !ok {
			t.Fatalf("no column %q in %v", header, rows[0])
		}
		name, err := excelize.CoordinatesToCellName(c, r)
		if err != nil {
			t.Fatal(err)
		}
		return name
	}
	set(items, cell("Câu hỏi kiểm tra", row["1.1.2"]), storyText112)
	set(items, cell("Điểm tối đa", row["1.1.2"]), "1,5")
	set(items, cell("Điểm tối đa", row["1.1.3"]), "0,5")
	set(items, cell("Điểm tối đa", row["1.4.1"]), "0,5")
	r := row["1.5.1"] + 1
	if err := f.InsertRows(items, r, 1); err != nil {
		t.Fatal(err)
	}
	for h, v := range map[string]string{
		"Mã tiêu chí": "1.6", "Tên tiêu chí": "Chấp hành chế độ báo cáo cải cách hành chính",
		"Mã mục": "1.6.1", "Câu hỏi kiểm tra": storyText161, "Điểm tối đa": "0,5", "Cách chấm": "điểm trừ",
		"Điểm trừ mỗi trường hợp": "0,25", "Khi không áp dụng": "không cho phép", "Nguồn của mục": storySrc161,
	} {
		set(items, cell(h, r), v)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// firstWords is the first n words of s, which a line holds unwrapped.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// runKiemtra runs a kiemtra command in this process, as the binary does.
func runKiemtra(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	g, rest, err := cli.ParseGlobal(args, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	env := &cli.Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		T: i18n.New(g.Lang), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Global: g}
	if code := cli.Run(env, rest); code != 0 {
		t.Fatalf("kiemtra %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

// storyWorkbook exports so-ban-nganh@2026.2 into dir, edits it and
// checks kiemtra reads the edits; it returns the workbook's path.
func storyWorkbook(t *testing.T, dir, db string) string {
	t.Helper()
	wb := filepath.Join(dir, "tieu-chi-hai-duong.xlsx")
	runKiemtra(t, "--db", db, "checklist", "export", "so-ban-nganh@2026.2", "--format", "xlsx", "--out", wb)
	editAsOfficial(t, wb)
	c, err := checklists.LoadFile(wb)
	if err != nil {
		t.Fatalf("the edited workbook: %s", checklists.Message(err, i18n.New(i18n.VI)))
	}
	it112, _ := c.Item("1.1.2")
	it113, _ := c.Item("1.1.3")
	it161, ok := c.Item("1.6.1")
	if c.Ref() != storyID+"@2026.2" || c.Title != storyTitle || it112.Text != storyText112 || it112.Max != 150 || it113.Max != 50 ||
		!ok || it161.Scoring != model.ScoringDeduction || it161.PerCase != 25 || it161.NA != model.NANotAllowed || c.Max() != 10000 {
		t.Fatalf("the edits did not read back: %s %q, 1.1.2 %+v, 1.6.1 %+v", c.Ref(), c.Title, it112, it161)
	}
	return wb
}

// storyItems are the story's answers and what they earn.
type storyItems struct {
	full, excluded model.Item // không áp dụng as full marks; left out of the maximum
}

// pickNA finds, in the checklist, the first item counting không áp dụng
// as full marks and the first leaving it out, after field 1.
func pickNA(t *testing.T, c *model.Checklist) storyItems {
	t.Helper()
	var s storyItems
	for _, it := range c.Items() {
		if c.FieldOf(it.Code) == 0 {
			continue
		}
		if it.NA == model.NAFull && s.full.Code == "" {
			s.full = it
		}
		if it.NA == model.NAExclude && s.excluded.Code == "" {
			s.excluded = it
		}
	}
	if s.full.Code == "" || s.excluded.Code == "" {
		t.Fatal("the checklist lacks the không áp dụng items the story needs")
	}
	return s
}

func TestOfficialChecklistStory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "kiemtra.db")
	wb := storyWorkbook(t, dir, dbPath)
	out, _ := runKiemtra(t, "--db", dbPath, "checklist", "add", wb)
	if !strings.Contains(out, "Đã nạp 1 bộ tiêu chí mới") {
		t.Fatalf("checklist add: %s", out)
	}
	out, _ = runKiemtra(t, "--db", dbPath, "checklist", "list")
	if !strings.Contains(out, storyID+"\t2026.2\tso\t"+storyTitle+"\tnạp từ tệp tieu-chi-hai-duong.xlsx (SHA-256 ") {
		t.Fatalf("checklist list:\n%s", out)
	}

	kinds, err := checklists.Kinds()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, dbPath, store.WithClock(fixedClock), store.WithKinds(kinds))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	if err := db.SetSetting(ctx, store.SettingInspector, "Nguyễn Thị Hương"); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = newInspection(t, a, "Kiểm tra CCHC năm 2025 tại các sở", "2025")
	a = keys(t, a, "a", "SXD", "tab", "Sở Xây dựng", "tab")
	a = chooseKind(t, a, "so")
	a = keys(t, a, "tab", "15/08/2025", "tab")
	// The province's checklist is offered first, saying where it came from.
	if got := offered(a); len(got) == 0 || got[0] != storyID+"@2026.2" {
		t.Fatalf("offered %v", got)
	}
	requireContains(t, a, "› "+storyID+"@2026.2  nạp từ tệp tieu-chi-hai-duong.xlsx (SHA-256 ", "so-ban-nganh@2026.2",
		"có sẵn trong kiemtra")
	a = keys(t, a, "enter")
	if a.start.formKind != noForm || len(a.start.rows) != 1 || a.start.rows[0].checklist != storyID+"@2026.2" {
		t.Fatalf("unit not added: %+v, %q", a.start.rows, a.start.form.err)
	}
	a = keys(t, a, "enter")
	if a.screen != screenChecklist || a.sess.cl.Ref() != storyID+"@2026.2" {
		t.Fatalf("screen %s", a.screen)
	}
	cl := a.sess.cl
	na := pickNA(t, cl)
	aid := a.sess.assessment.ID

	// 1.1.2, reworded and worth 1,5: đạt.
	a = gotoItem(t, a, a.sess.index["1.1.2"])
	requireContains(t, a, firstWords(storyText112, 8))
	a = keys(t, a, "1")
	// 1.6.1, the new deduction item: không áp dụng refused, then 2 cases.
	a = gotoItem(t, a, a.sess.index["1.6.1"])
	requireContains(t, a, "Nguồn: "+firstWords(storySrc161, 6), "Cách chấm: điểm trừ: 0,5 điểm, trừ 0,25 mỗi trường hợp, đến 0")
	a = keys(t, a, "4")
	requireStatus(t, a, "Mục 1.6.1 không được ghi “không áp dụng” (theo bộ tiêu chí).")
	a = keys(t, a, "2")
	requireContains(t, a, "Số trường hợp", "→ 0,5 − 1 × 0,25 = 0,25 điểm · Đạt một phần")
	a = keys(t, a, "esc")
	// Không áp dụng counted as full marks, and left out.
	a = gotoItem(t, a, a.sess.index[na.full.Code])
	a = keys(t, a, "4")
	a = gotoItem(t, a, a.sess.index[na.excluded.Code])
	a = keys(t, a, "4")

	want := map[string]model.Content{
		"1.1.2":          {Result: model.ResultPass, Score: 150},
		"1.6.1":          {Result: model.ResultPartial, Score: 25, Cases: 1},
		na.full.Code:     {Result: model.ResultNotApplicable, Score: na.full.Max},
		na.excluded.Code: {Result: model.ResultNotApplicable},
	}
	for code, w := range want {
		f, ok := storedFinding(t, db, aid, code)
		if !ok || f.Content() != w {
			t.Errorf("%s stored as %+v, want %+v", code, f.Content(), w)
		}
	}
	// The scores: 1,5 + 0,25 + the full item's maximum, out of 100 less
	// the excluded item's maximum (which the total shows).
	score := 150 + 25 + na.full.Max
	adjusted := model.Points(10000) - na.excluded.Max
	pct := a.c.pct(float64(score) * 100 / float64(adjusted))
	requireContains(t, a, "Tổng: "+a.c.pts(score)+"/"+a.c.pts(adjusted)+" điểm ("+pct+")", "Đã đánh giá 4/"+strconv.Itoa(cl.ItemCount())+" mục")
	a = keys(t, a, "s")
	requireContains(t, a, a.c.pts(score))
	ovs, err := db.Overviews(ctx, a.sess.assessment.InspectionID)
	if err != nil || len(ovs) != 1 {
		t.Fatal(err)
	}
	if o := ovs[0].Scorecard.Overall; o.Score != score || o.AdjustedMax != adjusted || o.Answered != 4 {
		t.Errorf("stored scores %+v", o)
	}
}
