package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"kiemtra/model"
)

// demoInvented marks the demo's plan and decision as what they are: the
// public sources name the 2022 inspection of Hải Dương, not the numbers
// of its plan or of the decision forming the team.
const demoInvented = " (số, ngày giả định cho dữ liệu trình diễn)"

// DemoPlan is the demo database's inspection: the 2022 CCHC inspection of
// Hải Dương province (eight departments and six districts were inspected
// that year). The units are real; the plan's and decision's numbers, the
// team, the people and every finding are invented for the demo, and the
// team has no member from a unit it inspects.
func DemoPlan() *model.Plan {
	d := func(day, month int) model.Date { return model.NewDate(2022, time.Month(month), day) }
	so, huyen := "so-ban-nganh", "ubnd-huyen"
	visit := func(code, name string, kind model.UnitKind, date model.Date, cl, place string) model.Visit {
		// A 2022 inspection uses the checklists of that time, not the newest
		// built-in versions (written for inspections from 1 July 2025).
		return model.Visit{Unit: model.Unit{Code: code, Name: name, Kind: kind}, Date: date, ChecklistID: cl, ChecklistVersion: "2026.1", Place: place}
	}
	p := &model.Plan{
		Inspection: model.Inspection{
			Year:          2022,
			Title:         "Kiểm tra công tác cải cách hành chính năm 2022",
			Plan:          "Kế hoạch kiểm tra công tác cải cách hành chính năm 2022 của UBND tỉnh Hải Dương" + demoInvented,
			Decision:      "Quyết định của Chủ tịch UBND tỉnh Hải Dương về việc thành lập Đoàn kiểm tra công tác cải cách hành chính năm 2022" + demoInvented,
			Issuer:        "Sở Nội vụ tỉnh Hải Dương",
			GoverningBody: "UBND tỉnh Hải Dương",
			TeamName:      "Đoàn kiểm tra công tác cải cách hành chính",
			Locality:      "Hải Dương",
			TeamCode:      "ĐKT",
			IssuerCode:    "SNV",
			Start:         d(17, 10),
			End:           d(25, 11),
			Team: []model.Member{
				{Name: "Trần Văn Minh", Position: "Phó Giám đốc", Organisation: "Sở Nội vụ", Role: "Trưởng đoàn"},
				{Name: "Nguyễn Thị Hương", Position: "Trưởng phòng Cải cách hành chính", Organisation: "Sở Nội vụ", Role: "Phó Trưởng đoàn"},
				{Name: "Phạm Đức Long", Position: "Chuyên viên", Organisation: "Văn phòng UBND tỉnh", Role: "Thành viên"},
				{Name: "Lê Thu Trang", Position: "Chuyên viên", Organisation: "Sở Khoa học và Công nghệ", Role: "Thành viên"},
				{Name: "Vũ Hoàng Nam", Position: "Chuyên viên", Organisation: "Sở Nội vụ", Role: "Thư ký"},
			},
			ReportDays: 15,
			Report:     model.InspectionReport{Number: "30", Date: d(30, 11)},
		},
		Visits: []model.Visit{
			visit("STP", "Sở Tư pháp", "so", d(18, 10), so, "Trụ sở Sở Tư pháp, thành phố Hải Dương"),
			visit("STC", "Sở Tài chính", "so", d(20, 10), so, "Trụ sở Sở Tài chính, thành phố Hải Dương"),
			visit("STTTT", "Sở Thông tin và Truyền thông", "so", d(25, 10), so, "Trụ sở Sở Thông tin và Truyền thông"),
			visit("SKHDT", "Sở Kế hoạch và Đầu tư", "so", d(27, 10), so, "Trụ sở Sở Kế hoạch và Đầu tư"),
			visit("SYT", "Sở Y tế", "so", d(1, 11), so, "Trụ sở Sở Y tế"),
			visit("BINHGIANG", "UBND huyện Bình Giang", "huyen", d(3, 11), huyen, "Hội trường UBND huyện Bình Giang, thị trấn Kẻ Sặt"),
			visit("CAMGIANG", "UBND huyện Cẩm Giàng", "huyen", d(8, 11), huyen, "UBND huyện Cẩm Giàng, thị trấn Lai Cách"),
			visit("NAMSACH", "UBND huyện Nam Sách", "huyen", d(10, 11), huyen, "UBND huyện Nam Sách, thị trấn Nam Sách"),
			visit("THANHHA", "UBND huyện Thanh Hà", "huyen", d(15, 11), huyen, "UBND huyện Thanh Hà, thị trấn Thanh Hà"),
			visit("NINHGIANG", "UBND huyện Ninh Giang", "huyen", d(17, 11), huyen, "UBND huyện Ninh Giang, thị trấn Ninh Giang"),
			visit("KINHMON", "UBND thị xã Kinh Môn", "huyen", d(22, 11), huyen, "UBND thị xã Kinh Môn"),
			visit("CHILINH", "UBND thành phố Chí Linh", "huyen", d(24, 11), huyen, "UBND thành phố Chí Linh"),
		},
	}
	// The visits whose biên bản the demo signs: hours, number, copies and
	// the unit's people.
	p.Visits[0].StartTime, p.Visits[0].EndTime, p.Visits[0].RecordNo, p.Visits[0].Copies = "08:00", "11:30", "01", 2
	p.Visits[0].Participants = []model.Participant{
		{Honorific: "Ông", Name: "Đỗ Quang Huy", Position: "Phó Giám đốc", Unit: "Sở Tư pháp"},
		{Honorific: "Bà", Name: "Nguyễn Thị Mai", Position: "Chánh Văn phòng", Unit: "Sở Tư pháp"},
		{Honorific: "Ông", Name: "Lê Văn Tuấn", Position: "Trưởng phòng Hành chính tư pháp", Unit: "Sở Tư pháp"},
	}
	p.Visits[5].StartTime, p.Visits[5].EndTime, p.Visits[5].RecordNo, p.Visits[5].Copies = "08:00", "11:45", "06", 2
	p.Visits[5].Participants = []model.Participant{
		{Honorific: "Ông", Name: "Phạm Văn Hùng", Position: "Phó Chủ tịch UBND huyện", Unit: "UBND huyện Bình Giang"},
		{Honorific: "Bà", Name: "Trần Thị Lan", Position: "Trưởng phòng Nội vụ", Unit: "UBND huyện Bình Giang"},
		{Honorific: "Ông", Name: "Nguyễn Văn Dũng", Position: "Chánh Văn phòng HĐND và UBND huyện", Unit: "UBND huyện Bình Giang"},
	}
	return p
}

// demoConclusions are the thông báo kết luận issued for the finalized
// units, by unit code: number and days after the visit.
var demoConclusions = map[string]struct {
	number string
	after  int
}{"STP": {"15", 14}, "BINHGIANG": {"22", 14}}

// SeedDemo fills an empty database with the demo plan and findings: some
// units untouched, some partly assessed, two finalized with their thông
// báo kết luận. The built-in checklists must already be added. It is
// deterministic (fixed seed).
func (db *DB) SeedDemo(ctx context.Context) error {
	const actor = "Nguyễn Thị Hương"
	// The mark first: a seed cut short still leaves a file kiemtra demo
	// may open again, and never one it would take for real work.
	if err := db.markDemo(ctx); err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	res, err := db.ImportPlan(ctx, actor, DemoPlan())
	if err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	ovs, err := db.Overviews(ctx, res.Inspection.ID)
	if err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	rng := rand.New(rand.NewPCG(2022, 11))
	// How much of each unit's checklist the demo has answered, by code.
	filled := map[string]float64{"STP": 1, "STC": 1, "STTTT": 0.6, "BINHGIANG": 1, "CAMGIANG": 0.35, "NAMSACH": 1}
	for _, o := range ovs {
		share := filled[o.Unit.Code]
		if share == 0 {
			continue
		}
		items := o.Checklist.Items()
		n := int(float64(len(items))*share + 0.5)
		for _, it := range items[:n] {
			f := demoFinding(rng, o, it)
			f.UpdatedBy = actor
			if _, err := db.SaveFinding(ctx, f); err != nil {
				return fmt.Errorf("seed demo: %w", err)
			}
		}
		c, ok := demoConclusions[o.Unit.Code]
		if !ok {
			continue
		}
		a := o.Assessment
		a.Strengths, a.UnitComments = demoStrengths[o.Unit.Code].strengths, demoStrengths[o.Unit.Code].comments
		if _, err := db.SaveVisit(ctx, actor, a); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		if _, err := db.Finalize(ctx, actor, a.ID); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		if _, err := db.SaveConclusion(ctx, actor, a.ID, model.Conclusion{Number: c.number, Date: a.Date.AddDays(c.after),
			Signer: "Trần Văn Minh", SignerPosition: "Phó Giám đốc", Authority: "KT. Giám đốc",
			Causes: "Chủ quan: một số phòng chưa quan tâm đúng mức đến công tác CCHC; công chức làm đầu mối còn kiêm nhiệm.\n" +
				"Khách quan: quy định về TTHC thay đổi nhiều trong năm; phần mềm một cửa mới đưa vào sử dụng."}); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
	}
	return nil
}

// demoFinding is a finding written for its item: a shortcoming from
// demoShortfalls (about one item in three of those), không áp dụng where
// the item allows and the reason fits the unit, else đạt, with the
// documents seen where the demo has them.
func demoFinding(rng *rand.Rand, o Overview, it model.Item) model.Finding {
	f := model.Finding{AssessmentID: o.Assessment.ID, ItemCode: it.Code}
	sh, lacking := demoShortfalls[it.Code]
	na, skip := demoNotApplicable[it.Code]
	skip = skip && it.AllowsNA() && (na.onlyFor == "" || na.onlyFor == o.Checklist.ID)
	roll := rng.IntN(100)
	switch {
	case lacking && roll < 40:
		f.Result = model.ResultFail
		if sh.partial && it.Scoring != model.ScoringBinary {
			f.Result = model.ResultPartial
		}
		f.Note, f.Evidence, f.Recommendation = sh.note, sh.evidence, sh.rec
		// Fixed before the unit reports on its fixes, 15 days after a
		// thông báo issued two weeks after the visit, unless the
		// recommendation names its own day.
		f.Deadline = o.Assessment.Date.AddDays(28)
		if sh.by != "" {
			f.Deadline, _ = model.ParseDate(sh.by) // a literal of this file, tested
		}
	case skip && roll < 60:
		f.Result, f.Note = model.ResultNotApplicable, na.note
	default:
		f.Result = model.ResultPass
		if seen, ok := demoSeen[it.Code]; ok && rng.IntN(3) > 0 {
			f.Evidence = seen
			if strings.Contains(seen, "%s") {
				f.Evidence = fmt.Sprintf(seen, demoDocCode(o.Unit))
			}
		}
		if note, ok := demoPassNotes[it.Code]; ok && rng.IntN(2) == 0 {
			f.Note = note
		}
	}
	f.Score = it.DefaultScore(f.Result)
	if it.Scoring == model.ScoringDeduction && f.Result != model.ResultNotApplicable {
		// A deduction item is answered with the cases found; the result
		// and score follow from them.
		f.Cases = demoCases(rng, it, f.Result)
		f.Result, f.Score = it.Deduct(f.Cases)
	}
	return f
}

// demoDocCode is the unit's abbreviation in its document numbers: the
// code of a sở, UBND for a district.
func demoDocCode(u model.Unit) string {
	if u.Kind == "huyen" {
		return "UBND"
	}
	return u.Code
}

// demoCases is a plausible number of cases for a deduction item the roll
// found r: none for đạt, some that leave points for đạt một phần, enough
// to take them all for chưa đạt.
func demoCases(rng *rand.Rand, it model.Item, r model.Result) int {
	zero := it.ZeroCases()
	switch r {
	case model.ResultPass:
		return 0
	case model.ResultPartial:
		if zero <= 1 {
			return 1 // one case takes everything: chưa đạt
		}
		return 1 + rng.IntN(zero-1)
	default:
		return zero + rng.IntN(3)
	}
}
