package i18n

// Messages of the TUI for an inspector's day: keys that say why they
// cannot act, search, filters, undo and history, corrections to units and
// inspections, export where the inspector wants it.
func init() {
	register(map[string]Entry{
		// Keys.
		"ui.key.back_units":     {"về danh sách đơn vị", "back to the units"},
		"ui.key.back_checklist": {"về bộ tiêu chí", "back to the checklist"},
		"ui.key.first_gap":      {"đến mục đầu tiên", "go to the first"},
		"ui.key.view_item":      {"xem mục", "view the item"},

		"ui.start.inspection_created": {"Đã tạo đợt kiểm tra “%s” (năm %d). Nhấn a để thêm đơn vị được kiểm tra.", "Inspection “%s” (%d) created. Press a to add the units to inspect."},

		// Filters on the checklist screen.
		"ui.key.filter":             {"lọc", "filter"},
		"ui.key.filter_apply":       {"áp dụng", "apply"},
		"ui.key.filter_off":         {"bỏ lọc", "clear the filter"},
		"ui.key.next_attention":     {"mục cần chú ý", "next needing attention"},
		"ui.filter.all":             {"Tất cả", "All"},
		"ui.filter.unassessed":      {"Chưa đánh giá", "Not assessed"},
		"ui.filter.fail":            {"Chưa đạt", "Failed"},
		"ui.filter.partial":         {"Đạt một phần", "Partly"},
		"ui.filter.no_note":         {"Thiếu ghi chú (chưa đạt mà chưa ghi tồn tại)", "Note missing (failed without a note)"},
		"ui.filter.recommendation":  {"Có kiến nghị", "With a recommendation"},
		"ui.filter.files":           {"Có tệp đính kèm", "With files attached"},
		"ui.filter.title":           {"Lọc danh mục: chỉ xem các mục cần chú ý", "Filter: see only what needs attention"},
		"ui.filter.item":            {"%s (%d)", "%s (%d)"},
		"ui.filter.current":         {"· đang dùng", "· on"},
		"ui.filter.hint":            {"↑/↓ chọn · enter áp dụng · esc đóng. Khi đang lọc: n, ! và các phím di chuyển chỉ đi trong các mục được lọc; esc bỏ lọc.", "↑/↓ choose · enter applies · esc closes. While filtered, n, ! and the moving keys stay within the items kept; esc clears the filter."},
		"ui.filter.header":          {"Lọc: %s (%d)", "Filter: %s (%d)"},
		"ui.filter.off":             {"Đã bỏ lọc: hiện tất cả các mục.", "Filter cleared: every item is shown."},
		"ui.filter.empty":           {"Không có mục nào thuộc “%s”.", "No item is “%s”."},
		"ui.filter.items":           {"%s · %d/%d", "%s · %d/%d"},
		"ui.filter.no_unassessed":   {"Không còn mục chưa đánh giá trong bộ lọc “%s”.", "No item left unassessed in the filter “%s”."},
		"ui.filter.no_attention":    {"Không còn mục cần chú ý trong bộ lọc “%s”.", "Nothing needs attention in the filter “%s”."},
		"ui.checklist.no_attention": {"Không còn mục cần chú ý: mọi mục đã được đánh giá, mục chưa đạt nào cũng đã ghi tồn tại.", "Nothing needs attention: every item is assessed and every failed one says what was lacking."},

		// Undo and history.
		"ui.key.undo":            {"hoàn tác", "undo"},
		"ui.key.history":         {"lịch sử", "history"},
		"ui.undo.running":        {"Đang hoàn tác mục %s…", "Undoing item %s…"},
		"ui.undo.done":           {"Đã hoàn tác mục %s: %s. Nhấn u để hoàn tác tiếp.", "Undone on item %s: %s. Press u to undo further."},
		"ui.undo.failed":         {"Chưa hoàn tác được mục %s: %s", "Item %s was not undone: %s"},
		"ui.undo.none":           {"Mục %s chưa có thay đổi nào để hoàn tác.", "Item %s has no change to undo."},
		"ui.undo.texts":          {"(%s)", "(%s)"},
		"ui.undo.score_replaced": {"Mục %s: điểm %s nhập tay đã thay bằng %s. Nhấn u để lấy lại.", "Item %s: the score %s typed by hand is now %s. Press u to get it back."},

		"ui.history.none":           {"Mục này chưa có thay đổi nào được lưu.", "Nothing has been stored for this item yet."},
		"ui.history.this_device":    {"máy này (%s)", "this computer (%s)"},
		"ui.history.action.save":    {"ghi", "recorded"},
		"ui.history.action.undo":    {"hoàn tác", "undone"},
		"ui.history.action.resolve": {"giải quyết xung đột", "conflict resolved"},
		"ui.history.text":           {"%s %s → %s", "%s %s → %s"},
		"ui.history.empty":          {"(trống)", "(empty)"},

		// Conflicts: asking before settling one.
		"ui.conflicts.confirm":        {"Giữ giá trị %s (%s) cho mục %s · %s? Giá trị kia vẫn còn trong lịch sử của mục. y/enter: đồng ý · n/esc: huỷ", "Keep value %s (%s) for item %s · %s? The other stays in the item's history. y/enter: yes · n/esc: cancel"},
		"ui.conflicts.confirm_merged": {"Lưu giá trị đang sửa làm kết quả của xung đột mục %s? y/enter: đồng ý · n/esc: tiếp tục sửa", "Store the value being edited as the resolution of item %s? y/enter: yes · n/esc: go on editing"},

		// Reopening where the inspector stopped.
		"ui.resume.done": {"Mở lại nơi làm việc lần trước: %s, mục %s. esc về danh sách đơn vị.", "Back where you stopped: %s, item %s. esc goes to the units."},

		// Search: where a hit outside the item's text was found.
		"ui.search.where.own":  {"(trong ghi chú của đoàn)", "(in the team's notes)"},
		"ui.search.where.head": {"(trong tên tiêu chí, lĩnh vực)", "(in the criterion or field title)"},
		"ui.search.where.ref":  {"(trong hướng dẫn, tài liệu, căn cứ)", "(in the guidance, evidence or legal basis)"},

		// Why a key cannot act now (the status line).
		"ui.why.one_entry":              {"Danh sách chỉ có một mục.", "The list has only one entry."},
		"ui.why.all_shown":              {"Đã hiện hết, không cần cuộn.", "Everything is shown; nothing to scroll."},
		"ui.checklist.nothing_to_retry": {"Không có thay đổi nào chờ lưu lại: mọi thay đổi đã được lưu.", "Nothing is waiting to be saved again: every change is stored."},
		"ui.checklist.one_field":        {"Bộ tiêu chí chỉ có một lĩnh vực.", "The checklist has only one field."},
		"ui.editor.last_item":           {"Đây là mục cuối cùng của bộ tiêu chí.", "This is the checklist's last item."},
		"ui.editor.first_item":          {"Đây là mục đầu tiên của bộ tiêu chí.", "This is the checklist's first item."},
		"ui.editor.not_stored":          {"%s chưa được lưu: %s.", "%s not stored: %s."},
		"ui.editor.not_stored_leave":    {"%s chưa được lưu: %s. Sửa lại, hoặc nhấn esc lần nữa để bỏ giá trị vừa nhập.", "%s not stored: %s. Correct it, or press esc again to drop what you typed."},
		"ui.status.all_saved":           {"Mọi thay đổi đã được lưu.", "Every change is stored."},
		"ui.editor.same_result":         {"Kết quả của mục này đã là “%s”.", "The item's result is “%s” already."},
		"ui.search.nothing_yet":         {"Chưa có kết quả nào để chọn.", "No result to choose yet."},
		"ui.summary.finalized_why":      {"Đánh giá đã hoàn thành: chỉ xem. Nhấn o để mở lại.", "The assessment is finalized: read-only. Press o to reopen it."},
		"ui.summary.not_finalized":      {"Đánh giá chưa hoàn thành nên không cần mở lại.", "The assessment is not finalized; there is nothing to reopen."},
		"ui.summary.conclusion_why":     {"Thông báo kết luận chỉ lập sau khi đánh giá đã hoàn thành (f).", "The conclusion notice is made only once the assessment is finalized (f)."},
	})
}

func init() {
	registerPlural(map[string]Plural{
		"ui.filter.on": {VI: "Lọc: %s — %d mục. Nhấn esc để bỏ lọc.",
			One: "Filter: %s — %d item. Press esc to clear it.", Other: "Filter: %s — %d items. Press esc to clear it."},
		"ui.history.title": {VI: "Lịch sử mục %s (%d thay đổi)",
			One: "History of item %s (%d change)", Other: "History of item %s (%d changes)"},
	})
}
