package i18n

// Messages of the command line about following kiến nghị up and about the
// unit's self-assessment (cli/followup.go, cli/selfassess.go).
func init() {
	register(map[string]Entry{
		"cli.recs.conflicts_head": {VI: "Ghi nhận khác nhau từ hai máy về theo dõi kiến nghị, báo cáo khắc phục, tự đánh giá: %d (lưu lại trong ứng dụng để thống nhất):",
			EN: "Follow-ups, fix reports and self-scores two laptops recorded differently: %d (save again in the app to settle):"},
		"cli.recs.conflict_item":   {VI: "%s %s", EN: "%s %s"},
		"cli.recs.conflict_side":   {VI: "    %s: %s — %s, %s", EN: "    %s: %s — %s, %s"},
		"cli.recs.conflict_follow": {VI: "%s, %q", EN: "%s, %q"},
		"cli.recs.conflict_report": {VI: "báo cáo số %s nhận ngày %s, %d kiến nghị", EN: "report no. %s received %s, recommendations covered: %d"},
		"cli.recs.conflict_self":   {VI: "mục %s tự chấm %s", EN: "item %s self-assessed %s"},
		"cli.recs.kind.follow_up":  {VI: "Theo dõi kiến nghị", EN: "Follow-up"},
		"cli.recs.kind.fix_report": {VI: "Báo cáo khắc phục", EN: "Fix report"},
		"cli.recs.kind.self_score": {VI: "Tự đánh giá", EN: "Self-assessment"},
		"sync.import.follow_up": {VI: "  Theo dõi kiến nghị, tự đánh giá, báo cáo khắc phục: %d cập nhật, %d có giá trị khác nhau từ hai máy (giữ cả hai; lưu lại để thống nhất)",
			EN: "  Follow-ups, self-assessment, fix reports: updated %d; with differing values from two laptops %d (both kept; save again to settle)"},
		"cli.recs.summary": {VI: "liệt kê kiến nghị đã ban hành và tình trạng khắc phục (qua các năm)",
			EN: "list the recommendations issued and what became of them (across years)"},
		"cli.recs.usage":       {VI: "[--unit MÃ] [--open] [--json]", EN: "[--unit CODE] [--open] [--json]"},
		"cli.recs.flag.unit":   {VI: "chỉ kiến nghị của đơn vị có mã này", EN: "only the recommendations of the unit with this code"},
		"cli.recs.flag.open":   {VI: "chỉ kiến nghị chưa khắc phục xong", EN: "only the recommendations still open"},
		"cli.recs.no_unit":     {VI: "không có đơn vị mã %s (xem: kiemtra unit list)", EN: "there is no unit %s (unit codes: kiemtra unit list)"},
		"cli.recs.no_deadline": {VI: "không ghi hạn", EN: "no deadline"},
		"cli.recs.overdue":     {VI: "hạn %s — quá hạn", EN: "due %s — overdue"},

		"cli.fixreport.summary": {VI: "ghi nhận báo cáo kết quả khắc phục của đơn vị (số, ngày nhận, các kiến nghị được báo cáo)",
			EN: "record a unit's report on its fixes (number, day received, the recommendations it covers)"},
		"cli.fixreport.usage": {VI: "--unit MÃ --number SỐ --received NGÀY [--rec MÃ_KN]… [--inspection ID] [--note \"…\"]",
			EN: "--unit CODE --number NUMBER --received DATE [--rec REF]… [--inspection ID] [--note \"…\"]"},
		"cli.fixreport.flag.number":     {VI: "số báo cáo, ví dụ 45/BC-STP", EN: "the report's number, e.g. 45/BC-STP"},
		"cli.fixreport.flag.received":   {VI: "ngày nhận (ngày/tháng/năm)", EN: "the day received (dd/mm/yyyy)"},
		"cli.fixreport.flag.note":       {VI: "ghi chú", EN: "a note"},
		"cli.fixreport.flag.inspection": {VI: "chỉ kiến nghị của đợt kiểm tra này", EN: "only the recommendations of this inspection"},
		"cli.fixreport.flag.rec": {VI: "kiến nghị được báo cáo: mã ở cột đầu của kiemtra recommendations, hoặc mã mục khi có --inspection; nhắc lại cho nhiều kiến nghị; bỏ trống là mọi kiến nghị chưa khắc phục xong",
			EN: "a recommendation the report covers: the ref in the first column of kiemtra recommendations, or an item code with --inspection; repeat for several; none means every one still open"},
		"cli.fixreport.need_number":  {VI: "cần --number SỐ (số của báo cáo)", EN: "--number NUMBER (the report's number) is required"},
		"cli.fixreport.bad_received": {VI: "cần --received NGÀY, ngày nhận báo cáo dạng ngày/tháng/năm (không phải %q)", EN: "--received DATE is required, the day the report arrived as dd/mm/yyyy (not %q)"},
		"cli.fixreport.no_recs":      {VI: "đơn vị %s chưa có kiến nghị nào trong biên bản đã hoàn thành", EN: "unit %s has no recommendation in a finalized record"},
		"cli.fixreport.none_open":    {VI: "đơn vị %s không còn kiến nghị nào chưa khắc phục xong; hãy nêu kiến nghị bằng --rec", EN: "unit %s has no recommendation still open; name them with --rec"},
		"cli.fixreport.bad_rec":      {VI: "%q không chỉ đúng một kiến nghị của đơn vị %s (xem: kiemtra recommendations --unit %[2]s)", EN: "%q does not name exactly one recommendation of unit %s (see: kiemtra recommendations --unit %[2]s)"},

		"cli.self_template.summary": {VI: "lập sổ tính Excel để đơn vị tự đánh giá, chấm điểm theo bộ tiêu chí của mình",
			EN: "write the Excel workbook a unit scores itself in, on its own checklist"},
		"cli.self_template.usage": {VI: "--unit MÃ [--inspection ID] --out TỆP.xlsx [--force]", EN: "--unit CODE [--inspection ID] --out FILE.xlsx [--force]"},
		"cli.self_template.need_out": {VI: "cần --out TỆP.xlsx (sổ tính không in ra màn hình được)",
			EN: "--out FILE.xlsx is required (a workbook cannot go to the terminal)"},
		"cli.self_import.summary": {VI: "nạp sổ tính tự đánh giá đơn vị đã điền, báo lỗi theo TỆP:TRANG!Ô",
			EN: "load a self-assessment workbook a unit filled in, errors as FILE:SHEET!CELL"},
		"cli.self_import.usage": {VI: "TỆP.xlsx", EN: "FILE.xlsx"},
		"cli.self_import.done": {VI: "Đã nạp tự đánh giá của %s (%s): %d mục ghi mới, %d không đổi, %d bỏ điểm.",
			EN: "Loaded the self-assessment of %s (%s): items recorded: %d, unchanged: %d, taken back: %d."},
		"cli.self_import.diff": {VI: "Trên %d mục đã kiểm tra: điểm tự đánh giá %s, điểm kiểm tra %s, chênh lệch %s.",
			EN: "Items inspected: %d; self-assessed %s, inspected %s, difference %s."},
	})

	registerPlural(map[string]Plural{
		"cli.self_template.done": {VI: "Đã ghi %[2]s: %[1]d mục để %[3]s tự đánh giá.",
			One: "Wrote %[2]s: %[1]d item for %[3]s to score.", Other: "Wrote %[2]s: %[1]d items for %[3]s to score."},
		"cli.fixreport.done": {VI: "Đã ghi báo cáo %[2]s của %[3]s, nhận ngày %[4]s: %[1]d kiến nghị.",
			One: "Recorded report %[2]s of %[3]s, received %[4]s: %[1]d recommendation.", Other: "Recorded report %[2]s of %[3]s, received %[4]s: %[1]d recommendations."},
	})
}
