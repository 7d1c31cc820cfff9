package ui

import (
	"context"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// rulesVisit is a database with Sở Xây dựng visited on 15/08/2025
// against so-ban-nganh@2026.2, a built-in that uses the per-item rules,
// and the App open on its checklist.
func rulesVisit(t *testing.T, lang i18n.Lang, w, h int) (*store.DB, App) {
	t.Helper()
	db := openStore(t, false, "Nguyễn Thị Hương")
	if _, err := db.ImportPlan(context.Background(), "Nguyễn Thị Hương", &model.Plan{
		Inspection: model.Inspection{Year: 2025, Title: "Kiểm tra CCHC năm 2025"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "SXD", Name: "Sở Xây dựng", Kind: "so"}, Date: model.NewDate(2025, 8, 15),
			ChecklistID: "so-ban-nganh", ChecklistVersion: "2026.2"}},
	}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, db, lang, w, h)
	return db, openDemoUnit(t, a, "SXD")
}

// findItem is the index of the first item of the open checklist that ok
// accepts.
func findItem(t *testing.T, a App, what string, ok func(model.Item) bool) int {
	t.Helper()
	for i, it := range a.sess.items {
		if ok(it.Item) {
			return i
		}
	}
	t.Fatalf("the checklist has no %s item", what)
	return -1
}

// gotoItem puts the checklist's cursor on item i.
func gotoItem(t *testing.T, a App, i int) App {
	t.Helper()
	a.checklist = a.checklist.jump(i)
	if cursorItem(a).Code != a.sess.items[i].Code {
		t.Fatalf("cursor on %s", cursorItem(a).Code)
	}
	return a
}

// helpHas reports whether the help (the "?" overlay, which lists every
// key) offers key k with description d.
func helpHas(a App, k, d string) bool {
	for _, g := range a.FullHelp() {
		for _, b := range g {
			if b.Enabled() && b.Help().Key == k && b.Help().Desc == d {
				return true
			}
		}
	}
	return false
}

// TestNotApplicableRefusedWhereTheRuleSaysNo: on an item whose rule is
// "no", the help offers no "4 không áp dụng", in the checklist or the
// editor, and pressing 4 anyway says why in the status line and stores
// nothing. Before, không áp dụng was offered on every item and the store
// refused the save.
func TestNotApplicableRefusedWhereTheRuleSaysNo(t *testing.T) {
	t.Parallel()
	db, a := rulesVisit(t, i18n.VI, 120, 40)
	i := findItem(t, a, "not-applicable-refused", func(it model.Item) bool { return it.NA == model.NANotAllowed })
	a = gotoItem(t, a, i)
	code := cursorItem(a).Code
	if helpHas(a, "4", "không áp dụng") || !helpHas(a, "1", "đạt") {
		t.Errorf("checklist help on %s: %v", code, a.ShortHelp())
	}
	a = keys(t, a, "4")
	requireStatus(t, a, "Mục "+code+" không được ghi “không áp dụng” (theo bộ tiêu chí).")
	if _, ok := storedFinding(t, db, a.sess.assessment.ID, code); ok || a.sess.content[code].Result.Answered() {
		t.Fatalf("4 on %s stored something", code)
	}
	requireContains(t, a, "Không áp dụng: không được ghi không áp dụng")
	a = keys(t, a, "enter")
	if a.screen != screenEditor || helpHas(a, "4", "không áp dụng") {
		t.Fatalf("editor help on %s: %v", code, a.ShortHelp())
	}
	a = keys(t, a, "4")
	requireStatus(t, a, "Mục "+code+" không được ghi “không áp dụng” (theo bộ tiêu chí).")
	if a.sess.content[code].Result.Answered() {
		t.Error("4 in the editor set a result")
	}
	// Another item allows it: 4 is offered and acts.
	a = keys(t, a, "esc")
	j := findItem(t, a, "not-applicable-excluded", func(it model.Item) bool { return it.NA == model.NAExclude })
	a = gotoItem(t, a, j)
	if !helpHas(a, "4", "không áp dụng") {
		t.Errorf("no 4 on %s, which allows it", cursorItem(a).Code)
	}
}

// TestNotApplicableAsFullMarks: on an item whose rule is "full", không áp
// dụng is stored with the item's maximum, the lists show it earned, and
// the editor and the checklist say it counts as full marks.
func TestNotApplicableAsFullMarks(t *testing.T) {
	t.Parallel()
	db, a := rulesVisit(t, i18n.VI, 120, 40)
	i := findItem(t, a, "full-marks", func(it model.Item) bool { return it.NA == model.NAFull })
	a = gotoItem(t, a, i)
	it := cursorItem(a)
	max := a.c.pts(it.Max)
	a = keys(t, a, "4")
	f, ok := storedFinding(t, db, a.sess.assessment.ID, it.Code)
	if !ok || f.Result != model.ResultNotApplicable || f.Score != it.Max {
		t.Fatalf("stored %+v", f)
	}
	if a.sess.score.Overall.Score != it.Max {
		t.Errorf("total %s, want %s", a.sess.score.Overall.Score, it.Max)
	}
	a = gotoItem(t, a, i)
	requireContains(t, a, "– "+" "+it.Code+" ", max+"/"+max, "Không áp dụng · không áp dụng được tính đủ "+max+" điểm")
	a = keys(t, a, "enter")
	requireContains(t, a, "4 – Không áp dụng (tính đủ điểm)", "Điểm không áp dụng được tính đủ "+max+" điểm")
}

// TestDeductionItemTakesCases: on a deduction item, 2 opens the editor on
// the number of cases with one case; typing the cases shows max − cases ×
// per case and the result it gives, and stores the cases with that score
// and result; enough cases to take every point is chưa đạt; a number that
// is not a whole number is refused beside the field; 1 is no case.
func TestDeductionItemTakesCases(t *testing.T) {
	t.Parallel()
	db, a := rulesVisit(t, i18n.VI, 120, 40)
	i := findItem(t, a, "deduction", func(it model.Item) bool { return it.Scoring == model.ScoringDeduction && it.ZeroCases() > 2 })
	a = gotoItem(t, a, i)
	it := cursorItem(a)
	requireContains(t, a, "Cách chấm: điểm trừ: "+a.c.pts(it.Max)+" điểm, trừ "+a.c.pts(it.PerCase)+" mỗi trường hợp, đến 0")
	a = keys(t, a, "2")
	if a.screen != screenEditor || a.editor.focus != focusScore || a.editor.score.Value() != "1" {
		t.Fatalf("2 on %s: screen %s focus %s value %q", it.Code, a.screen, a.editor.focus, a.editor.score.Value())
	}
	_, one := it.Deduct(1)
	requireContains(t, a, "Số trường hợp", "→ "+a.c.deductionText(it.Item, 1)+" · Đạt một phần")
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, it.Code); f.Cases != 1 || f.Score != one || f.Result != model.ResultPartial {
		t.Fatalf("one case stored as %+v", f)
	}
	a = keys(t, a, "backspace", "2", "tab")
	r, two := it.Deduct(2)
	f, _ := storedFinding(t, db, a.sess.assessment.ID, it.Code)
	if f.Cases != 2 || f.Score != two || f.Result != r {
		t.Fatalf("two cases stored as %+v", f)
	}
	a = keys(t, a, "shift+tab", "backspace", "hai", "tab")
	requireContains(t, a, "số trường hợp phải là số nguyên, ví dụ 2")
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, it.Code); f.Cases != 2 {
		t.Errorf("a word for the cases changed the finding: %+v", f)
	}
	a = keys(t, a, "shift+tab", "backspace", "backspace", "backspace", "99", "tab")
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, it.Code); f.Cases != 99 || f.Score != 0 || f.Result != model.ResultFail {
		t.Errorf("99 cases stored as %+v", f)
	}
	// Back on the result: 1 is no case.
	a = keys(t, a, "shift+tab", "shift+tab", "1")
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, it.Code); f.Cases != 0 || f.Score != it.Max || f.Result != model.ResultPass {
		t.Errorf("1 stored as %+v", f)
	}
	// 3 from the checklist: the fewest cases that take everything.
	a = keys(t, a, "esc")
	a = gotoItem(t, a, i)
	a = keys(t, a, "3")
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, it.Code); f.Cases != it.ZeroCases() || f.Result != model.ResultFail {
		t.Errorf("3 stored as %+v", f)
	}
}

// TestDeductionOneCaseEmpties: a deduction item that one case empties has
// no đạt một phần: 2 is not offered and says why.
func TestDeductionOneCaseEmpties(t *testing.T) {
	t.Parallel()
	_, a := rulesVisit(t, i18n.EN, 120, 40)
	for _, it := range a.sess.items {
		if it.Scoring == model.ScoringDeduction && it.ZeroCases() == 1 {
			t.Fatalf("the built-in has a deduction item %s that one case empties: test it there", it.Code)
		}
	}
	it := model.Item{Code: "9.9.9", Max: 100, Scoring: model.ScoringDeduction, PerCase: 100}
	if _, ok := withResult(model.Content{}, it, model.ResultPartial); ok || partialAllowed(it) {
		t.Error("đạt một phần on an item one case empties")
	}
	if why := a.c.refusedResult(it, model.ResultPartial); why != "Item 9.9.9 loses its whole maximum (1) with one case: pass or fail only." {
		t.Errorf("reason %q", why)
	}
	c, ok := withResult(model.Content{}, it, model.ResultFail)
	if !ok || c.Cases != 1 || c.Score != 0 || it.Check(c) != nil {
		t.Errorf("chưa đạt: %+v", c)
	}
}

// TestItemBasisShows: the checklist and the editor say what each item's
// wording and points rest on: the source it cites, or "mặc định" for a
// default.
func TestItemBasisShows(t *testing.T) {
	t.Parallel()
	_, a := rulesVisit(t, i18n.VI, 120, 40)
	cited := findItem(t, a, "cited", func(it model.Item) bool { return it.Basis() == model.BasisCited })
	def := findItem(t, a, "default", func(it model.Item) bool { return it.Basis() == model.BasisDefault })
	a = gotoItem(t, a, cited)
	src := a.sess.items[cited].Source
	requireContains(t, a, "Nguồn: "+firstWords(src, 6))
	a = keys(t, a, "enter")
	requireContains(t, a, "Nguồn: "+firstWords(src, 6))
	a = keys(t, a, "esc")
	a = gotoItem(t, a, def)
	requireContains(t, a, "Nguồn: mặc định")
	a = keys(t, a, "enter")
	requireContains(t, a, "Nguồn: mặc định")
	// On a short screen the editor marks a default in its heading.
	_, small := rulesVisit(t, i18n.VI, 60, 16)
	small = gotoItem(t, small, def)
	small = keys(t, small, "enter")
	if s := screen(small); !strings.Contains(s, small.sess.items[def].Code+" · mặc định · ") {
		t.Errorf("the short editor does not mark the default:\n%s", s)
	}
}

// TestConflictNamesCases: two values of a deduction item that differ in
// their cases say so, and each side shows its cases.
func TestConflictNamesCases(t *testing.T) {
	t.Parallel()
	db := openStore(t, false, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	m := newConflictsModel(a.c)
	x := model.Content{Result: model.ResultPartial, Score: 100, Cases: 2}
	y := model.Content{Result: model.ResultPartial, Score: 150, Cases: 1}
	if got := m.differences(x, y); got != "điểm, số trường hợp" {
		t.Errorf("differences %q", got)
	}
	side := model.ConflictSide{Finding: model.Finding{Result: x.Result, Score: x.Score, Cases: x.Cases, UpdatedBy: "A"}, Local: true}
	if got := strings.Join(m.sideView(side, m.keys.TakeA, 100), "\n"); !strings.Contains(got, "1 điểm · 2 trường hợp") {
		t.Errorf("side:\n%s", got)
	}
}
