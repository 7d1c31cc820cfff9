package report_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

// visit2023 is the demo with STP visited again in 2023: two of its 2022
// kiến nghị checked (one fixed, one not), its self-assessment loaded for
// two items the team then scored (one lower, one equal), the record
// finalized. It returns the 2023 record and the two recommendations.
func visit2023(t *testing.T) (*store.DB, []model.KindInfo, *model.UnitRecord, [2]model.Finding) {
	t.Helper()
	ctx := context.Background()
	db, kinds := demoDB(t)
	ins, err := db.InspectionsOfYear(ctx, 2022)
	if err != nil {
		t.Fatal(err)
	}
	old, err := db.AssessmentOf(ctx, ins[0].ID, "STP")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := db.Findings(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	var recs []model.Finding
	for _, f := range fs {
		if f.Recommendation != "" {
			recs = append(recs, f)
		}
	}
	if len(recs) < 2 {
		t.Fatalf("STP 2022 has %d kiến nghị", len(recs))
	}
	res, err := db.ImportPlan(ctx, "Nguyễn Thị Hương", &model.Plan{
		Inspection: model.Inspection{Year: 2023, Title: "Kiểm tra công tác cải cách hành chính năm 2023",
			Start: model.NewDate(2023, 10, 2), End: model.NewDate(2023, 11, 30)},
		Visits: []model.Visit{{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"}, Date: model.NewDate(2023, 10, 10),
			ChecklistID: "so-ban-nganh"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.AssessmentOf(ctx, res.Inspection.ID, "STP")
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range []model.FixStatus{model.FixDone, model.FixNotDone} {
		if _, err := db.SaveFollowUp(ctx, model.FollowUp{AssessmentID: a.ID, RecommendationID: recs[i].ID, Status: st,
			Checked: model.NewDate(2023, 10, 10), Note: "Đã xem hồ sơ " + string(st), Evidence: "Báo cáo số 45/BC-STP",
			Stamp: model.Stamp{UpdatedBy: "Vũ Hoàng Nam"}}); err != nil {
			t.Fatal(err)
		}
	}
	cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	if err != nil {
		t.Fatal(err)
	}
	items := cl.Items()
	one, two := items[0], items[1]
	if _, err := db.SaveSelfScores(ctx, "Sở Tư pháp", a.ID, []model.SelfScore{
		{ItemCode: one.Code, Scored: true, Score: one.Max, Evidence: "QĐ số 12/QĐ-STP"},
		{ItemCode: two.Code, Scored: true, Score: two.Max},
	}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []model.Finding{
		{AssessmentID: a.ID, ItemCode: one.Code, Result: model.ResultFail, Score: 0, Note: "Chưa ban hành"},
		{AssessmentID: a.ID, ItemCode: two.Code, Result: model.ResultPass, Score: two.Max},
	} {
		f.UpdatedBy = "Vũ Hoàng Nam"
		if _, err := db.SaveFinding(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Finalize(ctx, "Vũ Hoàng Nam", a.ID); err != nil {
		t.Fatal(err)
	}
	r, err := db.UnitRecord(ctx, a.ID, kinds)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.FollowUps) < 2 {
		t.Fatalf("the 2023 record follows up %d kiến nghị", len(r.FollowUps))
	}
	return db, kinds, &r, [2]model.Finding{recs[0], recs[1]}
}

// The biên bản and the thông báo kết luận of 2023 print the 2022 kiến
// nghị with what the visit found, and the biên bản the unit's
// self-assessment beside the team's scores, in every format.
func TestRecordPrintsFollowUpAndSelfAssessment(t *testing.T) {
	t.Parallel()
	_, _, r, recs := visit2023(t)
	one := r.Checklist.Items()[0]
	wantSelf := "Điểm tự đánh giá: " + i18n.New(i18n.VI).Points(one.Max+r.Checklist.Items()[1].Max)
	for _, doc := range []struct {
		name string
		f    report.Format
		make func(*model.UnitRecord, report.Format, i18n.Lang) ([]byte, error)
		self bool
	}{
		{"record md", report.Markdown, report.UnitRecord, true},
		{"record html", report.HTML, report.UnitRecord, true},
		{"conclusion md", report.Markdown, report.Conclusion, false},
		{"conclusion html", report.HTML, report.Conclusion, false},
	} {
		b, err := doc.make(r, doc.f, i18n.VI)
		if err != nil {
			t.Fatalf("%s: %v", doc.name, err)
		}
		s := string(b)
		for _, want := range []string{"Việc thực hiện kiến nghị của các lần kiểm tra trước", oneLineOf(recs[0].Recommendation),
			oneLineOf(recs[1].Recommendation), "đã khắc phục", "chưa khắc phục", "Năm 2022, mục " + recs[0].ItemCode,
			"Đã khắc phục: 1; đang khắc phục: 0; chưa khắc phục: 1", wantSelf} {
			if !strings.Contains(s, htmlish(doc.f, want)) {
				t.Errorf("%s lacks %q", doc.name, want)
			}
		}
		if doc.self {
			for _, want := range []string{"Kết quả tự đánh giá của đơn vị so với kết quả kiểm tra", "Chênh lệch", "+" + num(one.Max),
				"QĐ số 12/QĐ-STP"} {
				if !strings.Contains(s, htmlish(doc.f, want)) {
					t.Errorf("%s lacks %q", doc.name, want)
				}
			}
		}
	}

	b, err := report.UnitRecord(r, report.DOCX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	d := readDocx(t, b)
	var prev, self [][]string
	for _, tb := range d.tables {
		switch {
		case len(tb) > 0 && len(tb[0]) == 7 && tb[0][4] == "Tình trạng":
			prev = tb
		case len(tb) > 0 && len(tb[0]) == 5 && tb[0][2] == "Điểm tự đánh giá":
			self = tb
		}
	}
	if len(prev) < 3 || prev[1][1] != oneLineOf(recs[0].Recommendation) || prev[1][4] != "đã khắc phục" || prev[1][5] != "10/10/2023" ||
		prev[2][4] != "chưa khắc phục" {
		t.Errorf("docx follow-up table %q", prev)
	}
	if n := len(self); n < 2 || self[n-1][1] != "Tổng cộng" || self[n-1][4] != "+"+num(one.Max) {
		t.Errorf("docx self-assessment table %q", self)
	}

	b, err = report.UnitRecord(r, report.XLSX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, b)
	if got := strings.Join(f.GetSheetList(), "|"); !strings.HasSuffix(got, "|Kiến nghị trước|Tự đánh giá") {
		t.Fatalf("sheets %q", got)
	}
	if cell(t, f, "Kiến nghị trước", "C2") != recs[0].ItemCode || cell(t, f, "Kiến nghị trước", "F2") != "đã khắc phục" ||
		cell(t, f, "Kiến nghị trước", "F3") != "chưa khắc phục" || raw(t, f, "Kiến nghị trước", "B2") != "2022" {
		t.Errorf("follow-up sheet row 2: %q %q", cell(t, f, "Kiến nghị trước", "C2"), cell(t, f, "Kiến nghị trước", "F2"))
	}
	if cell(t, f, "Tự đánh giá", "B2") != one.Code || raw(t, f, "Tự đánh giá", "C2") != one.Max.String() ||
		raw(t, f, "Tự đánh giá", "D2") != "0" || raw(t, f, "Tự đánh giá", "E2") != one.Max.String() {
		t.Errorf("self sheet row 2: %q %q %q %q", cell(t, f, "Tự đánh giá", "B2"), raw(t, f, "Tự đánh giá", "C2"),
			raw(t, f, "Tự đánh giá", "D2"), raw(t, f, "Tự đánh giá", "E2"))
	}
}

// The 2023 summary lists every kiến nghị of its units across years with
// the latest status and overdue ones marked, and ranks the units by how
// far their self-assessment was from the verified score.
func TestSummaryFollowUpAndSelfRank(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, kinds, r, recs := visit2023(t)
	s, err := db.Summary(ctx, kinds, r.Inspection.ID)
	if err != nil {
		t.Fatal(err)
	}
	s.AsOf = model.NewDate(2024, time.March, 1)
	if len(s.SelfAssessments) != 1 || s.SelfAssessments[0].Unit.Code != "STP" {
		t.Fatalf("self-assessments %+v", s.SelfAssessments)
	}
	one := r.Checklist.Items()[0]
	b, err := report.Summary(&s, report.Markdown, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	sec := md[strings.Index(md, "## 6. Theo dõi"):]
	for _, want := range []string{"### STP — Sở Tư pháp", "| 2022 | " + recs[0].ItemCode + " | " + oneLineOf(recs[0].Recommendation),
		"đã khắc phục | 10/10/2023 |  |", "chưa khắc phục | 10/10/2023 | **quá hạn** |",
		"## 7. Xếp hạng mức chênh lệch", "| — | *STP* | *Sở Tư pháp* | *Đã hoàn thành, còn mục chưa đánh giá* | *" + num(one.Max+r.Checklist.Items()[1].Max) + "* | *" +
			num(r.Checklist.Items()[1].Max) + "* | *+" + num(one.Max) + "* |"} {
		if !strings.Contains(sec, want) {
			t.Errorf("summary lacks %q in\n%s", want, sec)
		}
	}

	b, err = report.Summary(&s, report.XLSX, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, b)
	rows, err := f.GetRows("Theo dõi kiến nghị")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, row := range rows {
		row = append(row, make([]string, 12)...) // the reader drops empty cells at the end
		if row[0] == "STP" && row[4] == recs[0].ItemCode && row[7] == "đã khắc phục" && row[9] == "không" && row[10] == "" {
			found++
		}
		if row[0] == "STP" && row[4] == recs[1].ItemCode && row[7] == "chưa khắc phục" && row[9] == "có" && row[10] == "quá hạn" {
			found++
		}
	}
	if found != 2 {
		t.Errorf("follow-up sheet: %d of the two checked kiến nghị as recorded", found)
	}

	b, err = report.Summary(&s, report.JSON, i18n.VI)
	if err != nil {
		t.Fatal(err)
	}
	if js := string(b); !strings.Contains(js, `"self_assessments"`) || !strings.Contains(js, `"status": "done"`) ||
		!strings.Contains(js, `"difference": `+one.Max.String()) {
		t.Errorf("summary json lacks the follow-up or self-assessment parts")
	}
}

func oneLineOf(s string) string { return strings.Join(strings.Fields(s), " ") }

func num(p model.Points) string { return i18n.New(i18n.VI).Points(p) }

// htmlish is text as an HTML document escapes it.
func htmlish(f report.Format, s string) string {
	if f != report.HTML {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}
