package i18n

// The TUI's words for the earlier kiến nghị a visit follows up and for
// the unit's self-assessment beside the inspector's score.
func init() {
	register(map[string]Entry{
		"ui.key.follow": {VI: "kiến nghị lần trước", EN: "earlier recommendations"},
		"ui.follow.summary": {VI: "Kiến nghị của lần kiểm tra trước: %d, đã ghi tình trạng %d — %s: xem và ghi tình trạng khắc phục",
			EN: "Earlier recommendations: %d, status recorded for %d — %s: view them and record what became of each"},
		"ui.follow.title":        {VI: "Kiến nghị của các lần kiểm tra trước (%d)", EN: "Recommendations of earlier inspections (%d)"},
		"ui.follow.before":       {VI: "%s (năm %d)", EN: "%s (%d)"},
		"ui.follow.checked":      {VI: "Ngày kiểm tra", EN: "Checked on"},
		"ui.follow.status_first": {VI: "Chọn tình trạng trước (phím 1–4), rồi ghi ngày, ghi chú, tài liệu kiểm chứng.", EN: "Choose a status first (keys 1–4), then the day, the note and the evidence seen."},
		"ui.follow.saved":        {VI: "Đã lưu tình trạng khắc phục kiến nghị", EN: "What became of the recommendation is saved"},
		"ui.follow.not_saved":    {VI: "Chưa lưu được tình trạng khắc phục: %s", EN: "What became of the recommendation is not saved: %s"},
		"ui.follow.other": {VI: "⚠ Máy khác ghi: %s — %q (%s). Lưu lại (phím tình trạng hoặc ctrl+s) để thống nhất.",
			EN: "⚠ Another laptop recorded: %s — %q (%s). Save again (a status key or ctrl+s) to settle it."},
		"ui.self.title": {VI: "Tự đánh giá của đơn vị", EN: "The unit's self-assessment"},
		"ui.self.total": {VI: "Điểm tự đánh giá %s · điểm kiểm tra %s · chênh lệch %s (so sánh %d/%d mục đơn vị tự chấm)",
			EN: "Self-assessed %s · verified %s · difference %s (items compared: %d of %d the unit scored)"},
		"ui.self.row":    {VI: "tự chấm %s", EN: "self %s"},
		"ui.self.beside": {VI: "đơn vị tự chấm %s", EN: "self-assessed %s"},
		"ui.self.diff":   {VI: "chênh lệch %s", EN: "difference %s"},
	})
}
