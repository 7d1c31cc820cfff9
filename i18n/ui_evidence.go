package i18n

// Words of the editor's evidence files panel (ui/evidence.go).
func init() {
	register(map[string]Entry{
		"ui.key.files":              {"tệp minh chứng", "evidence files"},
		"ui.key.files_attach":       {"đính kèm tệp", "attach a file"},
		"ui.key.files_remove":       {"gỡ tệp", "remove the file"},
		"ui.key.files_pick":         {"chọn tệp", "pick a file"},
		"ui.key.files_first":        {"đầu danh sách", "first"},
		"ui.key.files_last":         {"cuối danh sách", "last"},
		"ui.key.files_page_up":      {"trang trước", "page up"},
		"ui.key.files_page_down":    {"trang sau", "page down"},
		"ui.key.files_parent":       {"thư mục cha", "parent folder"},
		"ui.key.files_open":         {"mở thư mục hoặc đính kèm tệp", "open the folder or attach the file"},
		"ui.files.pick_title":       {"Chọn tệp minh chứng cho mục %s", "Pick an evidence file for item %s"},
		"ui.files.none":             {"Mục này chưa có tệp minh chứng nào: nhấn a để đính kèm.", "This item has no evidence files yet: press a to attach one."},
		"ui.files.not_received":     {"chưa nhận nội dung", "content not received"},
		"ui.files.path":             {"Đường dẫn tệp (Enter để đính kèm, Esc để thôi):", "Path of the file (Enter attaches, Esc gives up):"},
		"ui.files.path_placeholder": {"ví dụ: D:\\Ảnh\\bang-niem-yet.jpg", "e.g. D:\\Photos\\notice-board.jpg"},
		"ui.files.need_path":        {"Hãy gõ đường dẫn của tệp cần đính kèm.", "Type the path of the file to attach."},
		"ui.files.attaching":        {"Đang đính kèm…", "Attaching…"},
		"ui.files.attached":         {"Đã đính kèm %s.", "Attached %s."},
		"ui.files.removed":          {"Đã gỡ %s (vẫn giữ trong lịch sử).", "Removed %s (the history keeps it)."},
		"ui.files.ask_remove":       {"Gỡ %s khỏi mục này? (y: gỡ, n: thôi)", "Remove %s from this item? (y: remove, n: keep it)"},
	})
	registerPlural(map[string]Plural{
		"ui.files.title": {VI: "Tệp minh chứng của mục %[2]s: %[1]d tệp", One: "Evidence files of item %[2]s: %[1]d file", Other: "Evidence files of item %[2]s: %[1]d files"},
	})
}
