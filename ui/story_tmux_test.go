package ui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// kiemtraBin runs the built binary and fails the test on a non-zero exit.
func kiemtraBin(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("kiemtra %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestOfficialChecklistStoryInTmux is the story with the real binary: the
// workbook exported and added with kiemtra's own commands, then, in the
// TUI in tmux, an inspection and a unit created with the province's
// checklist, items answered (a deduction with its cases, không áp dụng
// refused where the rule says no, counted as full marks, left out) and
// the scores read off the screen and from the database.
func TestOfficialChecklistStoryInTmux(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed; the end-to-end test needs it (.ci/run installs it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kiemtra")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "story.db")
	wb := filepath.Join(dir, "tieu-chi-hai-duong.xlsx")
	kiemtraBin(t, bin, "--db", db, "checklist", "export", "so-ban-nganh@2026.2", "--format", "xlsx", "--out", wb)
	editAsOfficial(t, wb)
	if out := kiemtraBin(t, bin, "--db", db, "checklist", "validate", wb); !strings.Contains(out, "hợp lệ — "+storyID+"@2026.2") {
		t.Fatalf("validate: %s", out)
	}
	kiemtraBin(t, bin, "--db", db, "checklist", "add", wb)
	kiemtraBin(t, bin, "--db", db, "config", "set", "inspector", "Trần Văn Minh")

	// The checklist as added, to know its items' order and rules.
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := st.Checklist(ctx, storyID, "2026.2")
	if err == nil {
		err = st.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	items := cl.Items()
	index := map[string]int{}
	for i, it := range items {
		index[it.Code] = i
	}
	na := pickNA(t, cl)

	s := &tmuxSession{t: t, socket: fmt.Sprintf("kiemtra-story-%d", os.Getpid()), name: "story"}
	t.Cleanup(func() { _, _ = s.tmux("kill-server") })
	s.start(fmt.Sprintf("%s --db %s", bin, db))
	s.waitFor("start", "Trần Văn Minh", "đợt kiểm tra mới")

	// The inspection: the year field holds this year; 2025 replaces it.
	s.key("n")
	s.waitFor("new inspection form", "Đợt kiểm tra mới", "Tên đợt")
	s.literal("Kiểm tra CCHC năm 2025 tại các sở")
	s.key("Tab", "BSpace", "BSpace", "BSpace", "BSpace")
	s.literal("2025")
	s.key("C-s")
	s.waitFor("inspection created", "› 2025 · Kiểm tra CCHC năm 2025", "Chưa có đơn vị nào")

	// The unit, with the province's checklist, first in the list.
	s.key("a")
	s.waitFor("add-unit form", "Thêm đơn vị được kiểm tra")
	s.literal("SXD")
	s.key("Tab")
	s.literal("Sở Xây dựng")
	s.key("Tab", "Tab")
	s.literal("15/08/2025")
	s.key("Tab")
	s.waitFor("checklists offered", "› "+storyID+"@2026.2  nạp từ tệp tieu-chi-hai-duong.xlsx (SHA-256 ", "có sẵn trong kiemtra")
	s.key("Enter")
	s.waitFor("unit added", "Đơn vị được kiểm tra (1)", "Sở Xây dựng")
	s.key("Enter")
	s.waitFor("checklist", "kiemtra › Sở Xây dựng", "·  1.6.1 ")

	cur := 0 // the cursor starts on the first item
	moveTo := func(code string) {
		t.Helper()
		for cur < index[code] {
			cur++
			s.key("j")
			s.waitFor("cursor on "+items[cur].Code, "› ·  "+items[cur].Code+" ")
		}
	}
	moveTo("1.1.2")
	s.key("1")
	s.waitFor("1.1.2 stored", savedRow("✓", "1.1.2"))
	cur++ // a result moves the cursor on
	moveTo("1.6.1")
	s.waitFor("1.6.1 shown", "Nguồn: "+firstWords(storySrc161, 6), "điểm trừ: 0,5 điểm, trừ 0,25 mỗi trường hợp")
	s.key("4")
	s.waitFor("N/A refused", "Mục 1.6.1 không được ghi “không áp dụng” (theo bộ tiêu chí).")
	s.key("2")
	s.waitFor("cases", "Số trường hợp", "→ 0,5 − 1 × 0,25 = 0,25 điểm · Đạt một phần")
	s.key("Escape")
	s.waitFor("1.6.1 stored", savedRow("◐", "1.6.1"))
	// Không áp dụng: counted as full marks, and left out, in item order.
	first, second := na.full, na.excluded
	if index[second.Code] < index[first.Code] {
		first, second = second, first
	}
	for _, it := range []model.Item{first, second} {
		moveTo(it.Code)
		s.key("4")
		s.waitFor(it.Code+" stored", savedRow("–", it.Code))
		cur++
	}
	c := common{t: i18n.New(i18n.VI)}
	score := 150 + 25 + na.full.Max
	adjusted := model.Points(10000) - na.excluded.Max
	s.waitFor("scores", "Tổng: "+c.pts(score)+"/"+c.pts(adjusted)+" điểm ("+c.pct(float64(score)*100/float64(adjusted))+")",
		"Đã đánh giá 4/"+strconv.Itoa(len(items))+" mục")
	s.key("q")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := s.tmux("has-session", "-t", s.name); err != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}

	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	}()
	in, err := st.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	ovs, err := st.Overviews(ctx, in.ID)
	if err != nil || len(ovs) != 1 {
		t.Fatalf("overviews %d %v", len(ovs), err)
	}
	if o := ovs[0].Scorecard.Overall; o.Score != score || o.AdjustedMax != adjusted || o.Answered != 4 {
		t.Errorf("stored scores %+v", o)
	}
	f, ok := storedFinding(t, st, ovs[0].Assessment.ID, "1.6.1")
	if !ok || f.Cases != 1 || f.Score != 25 || f.UpdatedBy != "Trần Văn Minh" {
		t.Errorf("1.6.1 stored as %+v", f)
	}
}
