package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"kiemtra/model"
)

// DemoPlan is the demo database's inspection: the 2022 CCHC inspection of
// Hải Dương province (eight departments and six districts were inspected
// that year). The units are real; the team and every finding are invented
// for the demo.
func DemoPlan() *model.Plan {
	d := func(day, month int) model.Date { return model.NewDate(2022, time.Month(month), day) }
	so, huyen := "so-ban-nganh", "ubnd-huyen"
	visit := func(code, name string, kind model.UnitKind, date model.Date, cl, place string) model.Visit {
		// A 2022 inspection uses the checklists of that time, not the newest
		// built-in versions (written for inspections from 1 July 2025).
		return model.Visit{Unit: model.Unit{Code: code, Name: name, Kind: kind}, Date: date, ChecklistID: cl, ChecklistVersion: "2026.1", Place: place}
	}
	return &model.Plan{
		Inspection: model.Inspection{
			Year:     2022,
			Title:    "Kiểm tra công tác cải cách hành chính năm 2022",
			Plan:     "Kế hoạch số 149/KH-UBND ngày 14/01/2022 của UBND tỉnh Hải Dương",
			Decision: "Quyết định số 2850/QĐ-UBND ngày 05/10/2022 thành lập Đoàn kiểm tra (ví dụ)",
			Issuer:   "Sở Nội vụ tỉnh Hải Dương",
			Start:    d(17, 10),
			End:      d(25, 11),
			Team: []model.Member{
				{Name: "Trần Văn Minh", Position: "Phó Giám đốc", Organisation: "Sở Nội vụ", Role: "Trưởng đoàn"},
				{Name: "Nguyễn Thị Hương", Position: "Trưởng phòng Cải cách hành chính", Organisation: "Sở Nội vụ", Role: "Phó Trưởng đoàn"},
				{Name: "Phạm Đức Long", Position: "Chuyên viên", Organisation: "Văn phòng UBND tỉnh", Role: "Thành viên"},
				{Name: "Lê Thu Trang", Position: "Chuyên viên", Organisation: "Sở Tư pháp", Role: "Thành viên"},
				{Name: "Vũ Hoàng Nam", Position: "Chuyên viên", Organisation: "Sở Nội vụ", Role: "Thư ký"},
			},
			ReportDays: 15,
		},
		Visits: []model.Visit{
			visit("STP", "Sở Tư pháp", "so", d(18, 10), so, "Trụ sở Sở Tư pháp, TP Hải Dương"),
			visit("STC", "Sở Tài chính", "so", d(20, 10), so, "Trụ sở Sở Tài chính, TP Hải Dương"),
			visit("STTTT", "Sở Thông tin và Truyền thông", "so", d(25, 10), so, "Trụ sở Sở Thông tin và Truyền thông"),
			visit("SKHDT", "Sở Kế hoạch và Đầu tư", "so", d(27, 10), so, "Trụ sở Sở Kế hoạch và Đầu tư"),
			visit("SYT", "Sở Y tế", "so", d(1, 11), so, "Trụ sở Sở Y tế"),
			visit("BINHGIANG", "UBND huyện Bình Giang", "huyen", d(3, 11), huyen, "UBND huyện Bình Giang, thị trấn Kẻ Sặt"),
			visit("CAMGIANG", "UBND huyện Cẩm Giàng", "huyen", d(8, 11), huyen, "UBND huyện Cẩm Giàng, thị trấn Lai Cách"),
			visit("NAMSACH", "UBND huyện Nam Sách", "huyen", d(10, 11), huyen, "UBND huyện Nam Sách, thị trấn Nam Sách"),
			visit("THANHHA", "UBND huyện Thanh Hà", "huyen", d(15, 11), huyen, "UBND huyện Thanh Hà, thị trấn Thanh Hà"),
			visit("NINHGIANG", "UBND huyện Ninh Giang", "huyen", d(17, 11), huyen, "UBND huyện Ninh Giang, thị trấn Ninh Giang"),
			visit("KINHMON", "UBND thị xã Kinh Môn", "huyen", d(22, 11), huyen, "UBND thị xã Kinh Môn"),
			visit("CHILINH", "UBND thành phố Chí Linh", "huyen", d(24, 11), huyen, "UBND thành phố Chí Linh"),
		},
	}
}

// demoNotes are plausible remarks, by field code, for items found lacking.
var demoNotes = map[string][]string{
	"1": {"Kế hoạch CCHC năm ban hành chậm so với thời hạn của UBND tỉnh.", "Báo cáo CCHC quý III gửi chậm 5 ngày."},
	"2": {"Chưa ban hành kế hoạch theo dõi thi hành pháp luật năm 2022.", "Danh mục văn bản hết hiệu lực chưa được công bố."},
	"3": {"Tại Bộ phận Một cửa, 7 thủ tục niêm yết chưa cập nhật theo quyết định công bố mới.", "12 hồ sơ trễ hạn không có Phiếu xin lỗi và hẹn lại (Mẫu 04).", "Trạng thái hồ sơ trên phần mềm một cửa chưa cập nhật kịp thời."},
	"4": {"Quyết định quy định chức năng, nhiệm vụ chưa được sửa đổi sau khi sắp xếp.", "Số lượng cấp phó vượt quy định tại một phòng chuyên môn."},
	"5": {"Một số công chức không đeo thẻ khi làm việc.", "Chưa ban hành kế hoạch tự kiểm tra công vụ."},
	"6": {"Quy chế chi tiêu nội bộ chưa cập nhật theo quy định mới.", "Tỷ lệ giải ngân vốn đầu tư công đến 31/10 mới đạt 52%."},
	"7": {"Tỷ lệ văn bản đi được ký số mới đạt 78%.", "Chưa duy trì đánh giá nội bộ hệ thống ISO 9001 năm 2022."},
	"8": {"Chưa có kế hoạch khắc phục các chỉ số thành phần SIPAS điểm thấp."},
}

// SeedDemo fills an empty database with the demo plan and findings: some
// units untouched, some partly assessed, two finalized. The built-in
// checklists must already be added. It is deterministic (fixed seed).
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
	finalize := map[string]bool{"STP": true, "BINHGIANG": true}
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
		if finalize[o.Unit.Code] {
			r := AssessmentRemarks{
				Representative: "Đỗ Quang Huy", RepresentativePosition: "Phó Giám đốc",
				UnitComments: "Đơn vị thống nhất với kết quả kiểm tra và sẽ khắc phục các tồn tại trong quý I năm 2023.",
				Strengths:    "Lãnh đạo quan tâm chỉ đạo công tác CCHC; Bộ phận Một cửa bố trí khoa học, công khai đầy đủ đường dây nóng.",
				Place:        o.Assessment.Place, Date: o.Assessment.Date,
			}
			if o.Unit.Kind == "huyen" {
				r.RepresentativePosition = "Phó Chủ tịch UBND huyện"
			}
			if _, err := db.SaveRemarks(ctx, actor, o.Assessment.ID, r); err != nil {
				return fmt.Errorf("seed demo: %w", err)
			}
			if _, err := db.Finalize(ctx, actor, o.Assessment.ID); err != nil {
				return fmt.Errorf("seed demo: %w", err)
			}
		}
	}
	return nil
}

func demoFinding(rng *rand.Rand, o Overview, it model.Item) model.Finding {
	f := model.Finding{AssessmentID: o.Assessment.ID, ItemCode: it.Code}
	field := o.Checklist.Fields[o.Checklist.FieldOf(it.Code)].Code
	roll := rng.IntN(100)
	switch {
	case roll < 70:
		f.Result = model.ResultPass
	case roll < 82 && it.Scoring != model.ScoringBinary:
		f.Result = model.ResultPartial
	case roll < 95:
		f.Result = model.ResultFail
	default:
		f.Result = model.ResultNotApplicable
	}
	f.Score = it.DefaultScore(f.Result)
	if f.Result == model.ResultPass && rng.IntN(3) == 0 {
		f.Evidence = fmt.Sprintf("Kế hoạch số %d/KH-%s ngày %02d/01/2022", 100+rng.IntN(200), o.Unit.Code, 5+rng.IntN(20))
	}
	if f.Result.Shortcoming() {
		notes := demoNotes[field]
		if len(notes) == 0 {
			notes = demoNotes["1"]
		}
		f.Note = notes[rng.IntN(len(notes))]
		f.Evidence = "Hồ sơ, sổ theo dõi do đơn vị cung cấp tại buổi kiểm tra"
		f.Recommendation = "Khắc phục ngay tồn tại nêu trên và báo cáo kết quả về Sở Nội vụ."
		f.Deadline = o.Assessment.Date.AddDays(45)
	}
	return f
}
