package ui

import (
	"context"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The details forms refuse what the documents could not print, with the
// reason and the focus on the field; nothing is stored until they are
// right.
func TestDetailsFormsRefuseBadValues(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	ctx := context.Background()
	before, err := db.Inspections(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// The inspection: its dates, its team.
	e := keys(t, a, "e")
	if e.start.formKind != newInspectionForm || e.start.details.value("title") != before[0].Title ||
		e.start.details.value("governing") != "UBND tỉnh Hải Dương" {
		t.Fatalf("edit form: kind %s, title %q", e.start.formKind, e.start.details.value("title"))
	}
	for _, tc := range []struct {
		field, text, want string
	}{
		{"start", "31/02/2022", "Ngày không hợp lệ (dd/mm/yyyy)."},
		{"end", "01/01/2022", "Ngày kết thúc trước ngày bắt đầu."},
		{"report_days", "mười lăm", "Số ngày báo cáo khắc phục phải là số từ 1 đến 365."},
		{"team", "\n; Chuyên viên; Sở Nội vụ", "Dòng 6 chưa có họ tên."}, // after the five members
	} {
		b := e
		for b.start.details.fields[b.start.details.focus].key != tc.field {
			b = keys(t, b, "tab")
		}
		if tc.field != "team" {
			for range 20 {
				b = keys(t, b, "backspace")
			}
		} else {
			b = keys(t, b, "end")
		}
		b = keys(t, b, tc.text, "ctrl+s")
		d := b.start.details
		if b.start.formKind != newInspectionForm || d.err != tc.want || d.fields[d.focus].key != tc.field {
			t.Errorf("%s %q: form %s, error %q on %s; want %q", tc.field, tc.text, b.start.formKind, d.err, d.fields[d.focus].key, tc.want)
		}
		requireContains(t, b, tc.want)
	}
	after, err := db.Inspections(ctx)
	if err != nil || after[0].Start != before[0].Start || len(after[0].Team) != len(before[0].Team) {
		t.Errorf("a refused form changed the inspection: %+v", after[0])
	}
	// esc closes without storing.
	b := keys(t, e, "tab", "X", "esc")
	if b.start.formKind != noForm {
		t.Fatal("esc left the form open")
	}
	if got, _ := db.Inspections(ctx); got[0].Year != before[0].Year || got[0].Title != before[0].Title {
		t.Errorf("esc stored %+v", got[0])
	}

	// The visit: its hours, its copies, its people.
	u := keys(t, openDemoUnit(t, a, "STTTT"), "s", "e")
	for _, tc := range []struct {
		field, text, want string
	}{
		{"start", "25:00", "Giờ không hợp lệ (giờ:phút, ví dụ 08:30)."},
		{"end", "07:00", "Giờ kết thúc phải sau giờ bắt đầu."},
		{"copies", "0", "Số bản phải là số từ 1 đến 99."},
		{"participants", "Ông", "Dòng 1 chưa có họ tên."},
	} {
		b := u
		if tc.field == "end" {
			b = keys(t, b, "tab", "tab", "08:00")
		}
		for b.summary.details.fields[b.summary.details.focus].key != tc.field {
			b = keys(t, b, "tab")
		}
		for range 5 {
			b = keys(t, b, "backspace")
		}
		b = keys(t, b, tc.text, "ctrl+s")
		d := b.summary.details
		if b.summary.mode != summaryEditSide || d.err != tc.want || d.fields[d.focus].key != tc.field {
			t.Errorf("%s %q: mode %s, error %q on %s; want %q", tc.field, tc.text, b.summary.mode, d.err, d.fields[d.focus].key, tc.want)
		}
	}
	got, err := db.Assessment(ctx, u.sess.assessment.ID)
	if err != nil || got.StartTime != "" || got.Copies != 0 {
		t.Errorf("a refused visit form stored %+v %v", got, err)
	}
	// A draft has no thông báo yet: t does nothing and is not offered.
	if b := keys(t, keys(t, u, "esc"), "t"); b.summary.mode != summaryBrowse {
		t.Errorf("t on a draft opened %s", b.summary.mode)
	}
	if k := u.summary.keymap(u.sess); k.Conclusion.Enabled() {
		t.Error("the thông báo is offered for a draft")
	}
	f := keys(t, openDemoUnit(t, a, "STP"), "s")
	if k := f.summary.keymap(f.sess); !k.Conclusion.Enabled() || k.EditSide.Enabled() {
		t.Error("a finalized unit: the thông báo not offered, or its biên bản still editable")
	}
	f = keys(t, f, "t")
	if f.summary.mode != summaryConclusion || f.summary.details.value("number") != "15" {
		t.Fatalf("thông báo form: mode %s number %q", f.summary.mode, f.summary.details.value("number"))
	}
}

// The start screen, the checklist panel and the unit's summary show a
// unit's result on one basis (the score over the maximum without the
// items marked không áp dụng), as the documents do; a draft's is marked
// provisional and never classified; a unit with nothing assessed is "chưa
// kiểm tra", never 0.
func TestScreensAgreeOnAUnitsResult(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	requireContains(t, a, "chưa kiểm tra")
	u := openDemoUnit(t, a, "STC")
	o := u.sess.score.Overall
	p := u.c.pct(o.Percent())
	if p != u.c.pct(model.RoundPercent(float64(o.Score)*100/float64(o.AdjustedMax))) || o.AdjustedMax == o.Max {
		t.Fatalf("STC: %s of %s (%s): the demo unit should have items marked không áp dụng", u.c.pts(o.Score), u.c.pts(o.AdjustedMax), p)
	}
	requireContains(t, a, p+" tạm tính")
	requireContains(t, u, "Tổng: "+u.c.pts(o.Score)+"/"+u.c.pts(o.AdjustedMax)+" điểm ("+p+") · tạm tính") // the panel cuts the rest
	s := keys(t, u, "s")
	requireContains(t, s, "Điểm: "+u.c.pts(o.Score)+"/"+u.c.pts(o.AdjustedMax)+" ("+p+") · tạm tính, chưa xếp loại")
	if strings.Contains(screen(s), "Xếp loại:") {
		t.Error("a draft is classified on its summary")
	}
}
