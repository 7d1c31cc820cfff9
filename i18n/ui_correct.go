package i18n

// Correcting units and inspections, and exporting where the inspector
// wants it, in the TUI.
func init() {
	register(map[string]Entry{
		"ui.key.edit_unit":             {"sửa thông tin đơn vị", "edit the unit"},
		"ui.unit_edit.title":           {"Sửa thông tin đơn vị %s", "Edit unit %s"},
		"ui.unit_edit.finalized_keeps": {"Biên bản đã hoàn thành của đơn vị giữ tên lúc ký; các bản nháp lấy tên mới.", "The unit's finalized record keeps the name it was signed with; its drafts take the new name."},
		"ui.unit_edit.name_required":   {"Cần nhập tên đơn vị.", "Enter the unit's name."},
		"ui.unit_edit.done":            {"Đã sửa thông tin đơn vị %s: %s (%s).", "Unit %s corrected: %s (%s)."},
	})
}
