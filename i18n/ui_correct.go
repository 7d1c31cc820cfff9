package i18n

// Correcting units and inspections, and exporting where the inspector
// wants it, in the TUI.
func init() {
	register(map[string]Entry{
		"ui.key.edit_unit":             {"sửa thông tin đơn vị", "edit the unit"},
		"ui.unit_edit.title":           {"Sửa thông tin đơn vị %s", "Edit unit %s"},
		"ui.unit_edit.finalized_keeps": {"Biên bản đã hoàn thành của đơn vị giữ tên lúc ký; các bản nháp lấy tên mới.", "The unit's finalized record keeps the name it was signed with; its drafts take the new name."},
		"ui.key.remove_inspection":     {"xoá đợt kiểm tra", "remove the inspection"},
		"ui.key.remove_unit":           {"xoá đơn vị khỏi đợt", "remove the unit from the inspection"},
		"ui.remove.ask_unit":           {"Xoá đơn vị %s khỏi đợt kiểm tra? (chỉ xoá được khi chưa có kết quả đánh giá nào) y/enter: xoá · n/esc: thôi", "Remove %s from the inspection? (only while it holds no findings) y/enter: remove · n/esc: keep it"},
		"ui.remove.ask_inspection":     {"Xoá đợt kiểm tra “%s”? (chỉ xoá được khi chưa có kết quả đánh giá nào) y/enter: xoá · n/esc: thôi", "Remove the inspection “%s”? (only while it holds no findings) y/enter: remove · n/esc: keep it"},
		"ui.remove.unit_done":          {"Đã xoá %s khỏi đợt kiểm tra; thêm lại đơn vị (a) sẽ khôi phục.", "%s removed from the inspection; adding the unit again (a) brings it back."},
		"ui.remove.inspection_done":    {"Đã xoá đợt kiểm tra “%s”.", "The inspection “%s” removed."},
		"ui.unit_edit.name_required":   {"Cần nhập tên đơn vị.", "Enter the unit's name."},
		"ui.unit_edit.done":            {"Đã sửa thông tin đơn vị %s: %s (%s).", "Unit %s corrected: %s (%s)."},
	})
}

func init() {
	register(map[string]Entry{
		"ui.export.folder_field":   {"Thư mục lưu", "Folder"},
		"ui.export.open":           {"Sau khi xuất", "Then"},
		"ui.export.open_nothing":   {"không mở", "open nothing"},
		"ui.export.open_file":      {"mở tệp vừa xuất", "open the file"},
		"ui.export.open_folder":    {"mở thư mục chứa tệp", "open its folder"},
		"ui.export.never_replaced": {"Tệp đã có trong thư mục không bao giờ bị ghi đè: bản mới mang số -2, -3…", "A file already in the folder is never replaced: a new copy is numbered -2, -3…"},
		"ui.export.not_opened":     {"Đã xuất: %s — nhưng chưa mở được: %s", "Exported: %s — but not opened: %s"},
		"ui.export.prefs_not_kept": {"Đã xuất, nhưng chưa ghi nhớ được thư mục đã chọn: %s", "Exported, but the folder chosen is not remembered: %s"},
	})
}
