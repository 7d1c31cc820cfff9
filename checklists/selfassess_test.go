package checklists

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

func selfBuiltin(t *testing.T) *model.Checklist {
	t.Helper()
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cls {
		if c.Ref() == "so-ban-nganh@2026.1" {
			return c
		}
	}
	t.Fatal("no so-ban-nganh@2026.1")
	return nil
}

func selfTemplate(t *testing.T, lang i18n.Lang, held ...model.SelfScore) (*excelize.File, *model.Checklist) {
	t.Helper()
	cl := selfBuiltin(t)
	var buf bytes.Buffer
	err := WriteSelfAssessment(&buf, SelfTemplate{Inspection: model.Inspection{ID: "0193a2b0-0000-7000-8000-000000000001",
		Title: "Kiểm tra năm 2023"}, Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp"}, Checklist: cl, Held: held}, lang)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f, cl
}

// rowOf is the sheet row of an item in the template: items in checklist
// order from row 3.
func rowOf(t *testing.T, cl *model.Checklist, code string) int {
	t.Helper()
	for i, it := range cl.Items() {
		if it.Code == code {
			return i + 3
		}
	}
	t.Fatalf("no item %s", code)
	return 0
}

// firstOf finds the first item scored in a mode.
func firstOf(t *testing.T, cl *model.Checklist, mode model.ScoringMode) model.Item {
	t.Helper()
	for _, it := range cl.Items() {
		if it.Scoring == mode {
			return it
		}
	}
	t.Fatalf("no %s item", mode)
	return model.Item{}
}

// A unit fills in the template in Excel; the workbook reads back as the
// scores and evidence it typed, for the inspection, unit and checklist it
// was made for.
func TestSelfAssessmentRoundTrip(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		heldItem := firstOf(t, selfBuiltin(t), model.ScoringPartial)
		f, cl := selfTemplate(t, lang, model.SelfScore{ItemCode: heldItem.Code, Scored: true, Score: 50, Evidence: "đã gửi"})
		sheet := selfName(sheetSelf, i18n.New(lang))
		if got := f.GetSheetList(); len(got) != 3 || got[2] != sheet {
			t.Fatalf("%s: sheets %v", lang, got)
		}
		if v, _ := f.GetCellValue(sheet, fmt.Sprintf("G%d", rowOf(t, cl, heldItem.Code))); v != "0.5" {
			t.Errorf("%s: the held score is not written in: %q", lang, v)
		}
		bin := firstOf(t, cl, model.ScoringBinary)
		lev := firstOf(t, cl, model.ScoringLevels)
		set(t, f, sheet, fmt.Sprintf("G%d", rowOf(t, cl, bin.Code)), bin.Max.Float())
		set(t, f, sheet, fmt.Sprintf("H%d", rowOf(t, cl, bin.Code)), "Quyết định số 12/QĐ-STP ngày 05/01/2023")
		set(t, f, sheet, fmt.Sprintf("G%d", rowOf(t, cl, lev.Code)), lev.Levels[1].Score.Format(',')) // typed as text, with a comma
		s, err := ParseSelfAssessment("stp.xlsx", saved(t, f))
		if err != nil {
			t.Fatalf("%s: %v", lang, Message(err, i18n.New(lang)))
		}
		if s.InspectionID != "0193a2b0-0000-7000-8000-000000000001" || s.UnitCode != "STP" || s.ChecklistRef != cl.Ref() {
			t.Errorf("%s: for %s/%s/%s", lang, s.InspectionID, s.UnitCode, s.ChecklistRef)
		}
		scores, err := s.Scores(cl)
		if err != nil {
			t.Fatalf("%s: %v", lang, Message(err, i18n.New(lang)))
		}
		if len(scores) != cl.ItemCount() {
			t.Errorf("%s: %d rows, want one per item (%d)", lang, len(scores), cl.ItemCount())
		}
		got := map[string]model.SelfScore{}
		for _, sc := range scores {
			got[sc.ItemCode] = sc
		}
		if g := got[bin.Code]; !g.Scored || g.Score != bin.Max || g.Evidence != "Quyết định số 12/QĐ-STP ngày 05/01/2023" {
			t.Errorf("%s: %s read as %+v", lang, bin.Code, g)
		}
		if g := got[lev.Code]; !g.Scored || g.Score != lev.Levels[1].Score {
			t.Errorf("%s: %s read as %+v", lang, lev.Code, g)
		}
		if g := got[heldItem.Code]; !g.Scored || g.Score != 50 || g.Evidence != "đã gửi" {
			t.Errorf("%s: the held score read back as %+v", lang, g)
		}
		scored := 0
		for _, sc := range scores {
			if sc.Scored {
				scored++
			}
		}
		if scored != 3 {
			t.Errorf("%s: %d scored, want 3 (the rest left blank)", lang, scored)
		}
	}
}

// Every problem is named at its cell, in the reader's language, and
// nothing is returned to save.
func TestSelfAssessmentProblems(t *testing.T) {
	f, cl := selfTemplate(t, i18n.VI)
	sheet := selfName(sheetSelf, i18n.New(i18n.VI))
	bin := firstOf(t, cl, model.ScoringBinary)
	lev := firstOf(t, cl, model.ScoringLevels)
	rb, rl := rowOf(t, cl, bin.Code), rowOf(t, cl, lev.Code)
	set(t, f, sheet, fmt.Sprintf("G%d", rb), "nhiều")
	set(t, f, sheet, fmt.Sprintf("G%d", rl), 0.3)
	set(t, f, sheet, "B4", "9.9.9")
	set(t, f, sheet, "G4", 1)
	set(t, f, sheet, "B5", cl.Items()[0].Code) // the first item again
	last := cl.ItemCount() + 3
	set(t, f, sheet, fmt.Sprintf("H%d", last), "tài liệu không thuộc mục nào")
	s, err := ParseSelfAssessment("stp.xlsx", saved(t, f))
	if err == nil {
		t.Fatal("a workbook with errors was read")
	}
	msg := Message(err, i18n.New(i18n.VI))
	for _, want := range []string{
		fmt.Sprintf("stp.xlsx:Tự đánh giá!G%d: \"nhiều\" không phải là điểm", rb),
		"stp.xlsx:Tự đánh giá!B5: mục " + cl.Items()[0].Code + " đã có ở Tự đánh giá!B3",
		fmt.Sprintf("stp.xlsx:Tự đánh giá!B%d: dòng có điểm hoặc tài liệu nhưng không có mã mục", last),
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in:\n%s", want, msg)
		}
	}
	if s != nil {
		t.Errorf("a sheet was returned with the errors")
	}

	// The rows read, the checklist's rules: unknown items, scores the item
	// does not allow.
	f, cl = selfTemplate(t, i18n.EN)
	sheet = selfName(sheetSelf, i18n.New(i18n.EN))
	set(t, f, sheet, fmt.Sprintf("G%d", rb), bin.Max.Float()/2)
	set(t, f, sheet, fmt.Sprintf("G%d", rl), 0.3)
	set(t, f, sheet, "B4", "9.9.9")
	s, err = ParseSelfAssessment("stp.xlsx", saved(t, f))
	if err != nil {
		t.Fatal(Message(err, i18n.New(i18n.EN)))
	}
	_, err = s.Scores(cl)
	msg = Message(err, i18n.New(i18n.EN))
	for _, want := range []string{
		fmt.Sprintf("stp.xlsx:Self-assessment!G%d: %s is not a score item %s allows (0 or %s)", rb, (bin.Max / 2).Format(','), bin.Code, bin.Max),
		fmt.Sprintf("stp.xlsx:Self-assessment!G%d: 0,3 is not a score item %s allows (one of:", rl, lev.Code),
		"stp.xlsx:Self-assessment!B4: item 9.9.9 is not in checklist so-ban-nganh@2026.1",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in:\n%s", want, msg)
		}
	}
	other := *cl
	other.Version = "2026.2"
	if _, err := s.Scores(&other); !strings.Contains(Message(err, i18n.New(i18n.EN)), "stp.xlsx:Details!C6: the file was made for checklist so-ban-nganh@2026.1, but the unit is assessed against so-ban-nganh@2026.2") {
		t.Errorf("another checklist version: %v", Message(err, i18n.New(i18n.EN)))
	}
}

func TestSelfAssessmentLayoutRefusals(t *testing.T) {
	f, _ := selfTemplate(t, i18n.VI)
	check := func(name, want string, change func(f *excelize.File)) {
		t.Helper()
		g, _ := selfTemplate(t, i18n.VI)
		change(g)
		_, err := ParseSelfAssessment("x.xlsx", saved(t, g))
		if msg := Message(err, i18n.New(i18n.VI)); !strings.Contains(msg, want) {
			t.Errorf("%s: %q, want %q", name, msg, want)
		}
	}
	_ = f
	check("no scores sheet", "x.xlsx:Tự đánh giá!A1: sổ tính thiếu trang \"Tự đánh giá\" (\"Self-assessment\")", func(f *excelize.File) {
		if err := f.DeleteSheet("Tự đánh giá"); err != nil {
			t.Fatal(err)
		}
	})
	check("no unit", "x.xlsx:Thông tin!C4: chưa ghi “Mã đơn vị”", func(f *excelize.File) {
		set(t, f, "Thông tin", "C4", "")
	})
	check("no score column", "x.xlsx:Tự đánh giá!A1: trang thiếu cột \"Điểm tự đánh giá\"", func(f *excelize.File) {
		set(t, f, "Tự đánh giá", "G1", "Điểm")
		set(t, f, "Tự đánh giá", "G2", "Score")
	})
	if _, err := ParseSelfAssessment("x.xlsx", []byte("not a workbook")); !strings.Contains(Message(err, i18n.New(i18n.EN)),
		"x.xlsx:1: the file cannot be read as an Excel workbook") {
		t.Errorf("not a workbook: %v", err)
	}
	big := bytes.Repeat([]byte{0}, MaxXLSXBytes+1)
	copy(big, "PK\x03\x04")
	if _, err := ParseSelfAssessment("x.xlsx", big); !strings.Contains(Message(err, i18n.New(i18n.EN)), "x.xlsx:1:") {
		t.Errorf("too large: %v", err)
	}
}
