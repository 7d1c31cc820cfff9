package i18n

// Text of the documents' parts on the earlier kiến nghị a visit followed
// up and on the unit's own scores (tự đánh giá) beside the inspection's.
func init() {
	register(map[string]Entry{
		"report.follow.heading":     {VI: "%d. Việc thực hiện kiến nghị của các lần kiểm tra trước", EN: "%d. What became of the earlier inspections' recommendations"},
		"report.follow.heading_tb":  {VI: "Việc thực hiện kiến nghị của các lần kiểm tra trước", EN: "What became of the earlier inspections' recommendations"},
		"report.follow.lead":        {VI: "Đoàn kiểm tra đã kiểm tra việc thực hiện các kiến nghị chưa hoàn thành của các lần kiểm tra trước, cụ thể như sau:", EN: "The team checked the recommendations of earlier inspections not yet closed, as follows:"},
		"report.follow.counts":      {VI: "Đã khắc phục: %d; đang khắc phục: %d; chưa khắc phục: %d; không còn phù hợp: %d; chưa kiểm tra lại: %d.", EN: "Fixed: %d; being fixed: %d; not fixed: %d; no longer relevant: %d; not checked yet: %d."},
		"report.follow.source":      {VI: "Năm %d, mục %s", EN: "%d, item %s"},
		"report.follow.source_tb":   {VI: "TB số %s", EN: "notice no. %s"},
		"report.follow.source_bb":   {VI: "BB số %s", EN: "record no. %s"},
		"report.follow.seen":        {VI: "(Tài liệu kiểm chứng: %s)", EN: "(Evidence seen: %s)"},
		"report.follow.col.source":  {VI: "Nguồn", EN: "From"},
		"report.follow.col.status":  {VI: "Tình trạng", EN: "Status"},
		"report.follow.col.checked": {VI: "Ngày kiểm tra", EN: "Checked on"},
		"report.follow.col.year":    {VI: "Năm", EN: "Year"},
		"report.follow.col.overdue": {VI: "Quá hạn", EN: "Overdue"},
		"report.follow.col.open":    {VI: "Còn mở", EN: "Open"},
		"report.follow.overdue":     {VI: "quá hạn", EN: "overdue"},
		"report.follow.yes":         {VI: "có", EN: "yes"},
		"report.follow.no":          {VI: "không", EN: "no"},
		"report.col.inspection":     {VI: "Đợt kiểm tra", EN: "Inspection"},
		"report.col.fix_reports":    {VI: "Báo cáo khắc phục của đơn vị", EN: "The unit's reports on its fixes"},
		"report.sheet.follow":       {VI: "Kiến nghị trước", EN: "Earlier recs"},
		"report.sheet.follow_all":   {VI: "Theo dõi kiến nghị", EN: "Follow-up"},
		"report.sheet.self":         {VI: "Tự đánh giá", EN: "Self-assessment"},

		"report.self.heading":        {VI: "Kết quả tự đánh giá của đơn vị so với kết quả kiểm tra", EN: "The unit's self-assessment beside the inspection's scores"},
		"report.self.line":           {VI: "Điểm tự đánh giá: %s; điểm kiểm tra: %s; chênh lệch: %s (so sánh %d/%d mục đơn vị tự chấm).", EN: "Self-assessed: %s; verified: %s; difference: %s (items compared: %d of %d the unit scored)."},
		"report.self.line_none":      {VI: "Đơn vị tự chấm %d mục; chưa có mục nào được đoàn kiểm tra chấm điểm để so sánh.", EN: "Items the unit scored: %d; none has been scored by the team yet to compare."},
		"report.self.items_lead":     {VI: "Các mục có điểm tự đánh giá khác điểm kiểm tra:", EN: "Items where the self-assessed score differs from the verified one:"},
		"report.self.col.self":       {VI: "Điểm tự đánh giá", EN: "Self-assessed"},
		"report.self.col.verified":   {VI: "Điểm kiểm tra", EN: "Verified"},
		"report.self.col.diff":       {VI: "Chênh lệch", EN: "Difference"},
		"report.self.col.gap":        {VI: "Tổng chênh lệch theo mục", EN: "Sum of item differences"},
		"report.self.col.evidence":   {VI: "Tài liệu kiểm chứng của đơn vị", EN: "The unit's evidence"},
		"report.self.col.compared":   {VI: "Số mục so sánh", EN: "Items compared"},
		"report.self.col.claimed":    {VI: "Số mục tự chấm", EN: "Items self-scored"},
		"report.self.col.unscored":   {VI: "chưa chấm", EN: "not scored"},
		"report.summary.s_follow":    {VI: "6. Theo dõi việc thực hiện kiến nghị qua các năm", EN: "6. Recommendations followed up across years"},
		"report.summary.s_self":      {VI: "7. Xếp hạng mức chênh lệch giữa tự đánh giá và kết quả kiểm tra", EN: "7. Units ranked by how far their self-assessment was from the verified score"},
		"report.summary.follow_note": {VI: "Kiến nghị quá hạn tính đến ngày %s được đánh dấu \"quá hạn\".", EN: "Recommendations overdue on %s are marked \"overdue\"."},
		"report.summary.self_note":   {VI: "Xếp hạng theo độ lớn chênh lệch tổng điểm, sau đó theo tổng chênh lệch từng mục; chỉ đơn vị đã hoàn thành kiểm tra được xếp hạng.", EN: "Ranked by the size of the difference in totals, then by the sum of the items' differences; only finalized units are ranked."},
	})
}
