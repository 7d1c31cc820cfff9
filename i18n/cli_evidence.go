package i18n

// Messages of the command line about evidence files (cli/evidence.go).
func init() {
	register(map[string]Entry{
		"cli.evidence_add.summary": {VI: "đính kèm tệp minh chứng (ảnh, bản chụp, tài liệu) vào kết quả một mục của đơn vị",
			EN: "attach evidence files (photos, scans, documents) to the finding of one item of a unit"},
		"cli.evidence_add.usage": {VI: "--unit MÃ --item MÃ_MỤC [--inspection ID] TỆP…", EN: "--unit CODE --item ITEM [--inspection ID] FILE…"},
		"cli.evidence_list.summary": {VI: "liệt kê tệp minh chứng đã đính kèm (đánh dấu tệp chưa nhận được nội dung)",
			EN: "list the evidence files attached (marking those whose content has not arrived)"},
		"cli.evidence_list.usage": {VI: "[--unit MÃ] [--item MÃ_MỤC] [--inspection ID] [--removed] [--json]",
			EN: "[--unit CODE] [--item ITEM] [--inspection ID] [--removed] [--json]"},
		"cli.evidence_export.summary": {VI: "ghi tệp minh chứng ra một thư mục, theo đơn vị và mục", EN: "write the evidence files into a folder, by unit and item"},
		"cli.evidence_export.usage": {VI: "[--unit MÃ] [--item MÃ_MỤC] [--inspection ID] --out THƯ_MỤC",
			EN: "[--unit CODE] [--item ITEM] [--inspection ID] --out FOLDER"},
		"cli.evidence_remove.summary": {VI: "gỡ tệp minh chứng khỏi kết quả (vẫn giữ trong lịch sử)", EN: "remove evidence files from their finding (the history keeps them)"},
		"cli.evidence_remove.usage":   {VI: "MÃ_TỆP…", EN: "REF…"},

		"cli.evidence.flag.unit":       {VI: "mã đơn vị", EN: "the unit's code"},
		"cli.evidence.flag.item":       {VI: "mã mục của bộ tiêu chí, ví dụ 1.1.1", EN: "the checklist item's code, e.g. 1.1.1"},
		"cli.evidence.flag.inspection": {VI: "đợt kiểm tra (mặc định: đợt duy nhất hoặc mới nhất)", EN: "the inspection (default: the only or newest one)"},
		"cli.evidence.need_item":       {VI: "cần --item MÃ_MỤC (mã mục của bộ tiêu chí)", EN: "--item ITEM (the checklist item's code) is required"},
		"cli.evidence.no_item":         {VI: "bộ tiêu chí của đơn vị %[2]s không có mục %[1]s", EN: "the checklist of unit %[2]s has no item %[1]s"},
		"cli.evidence_add.need_file":   {VI: "cần ít nhất một tệp để đính kèm", EN: "at least one file to attach is required"},
		"cli.evidence_add.done": {VI: "Đã đính kèm %s (%s, %s) vào mục %s của %s, %s — mã tệp %s.",
			EN: "Attached %s (%s, %s) to item %s of %s, %s — ref %s."},
		"sync.flag.no_files": {VI: "không kèm nội dung tệp minh chứng (gói nhỏ để gửi thư điện tử; danh sách tệp vẫn đi kèm)",
			EN: "leave the evidence files' content out (an e-mail-sized bundle; the list of files still travels)"},
		"sync.bundle.files": {VI: "Kèm nội dung tệp minh chứng: %s.", EN: "Evidence files' content included: %s."},
		"sync.bundle.no_files": {VI: "Không kèm nội dung tệp minh chứng: nơi nhận sẽ thấy các tệp này là chưa nhận; gửi thêm một gói có kèm tệp khi có thể.",
			EN: "The evidence files' content was left out: the receiver will list those files as not received; send a bundle with files when you can."},
		"cli.evidence.flag.with_files": {VI: "ghi cả các tệp minh chứng vào thư mục này (theo đơn vị và mục)",
			EN: "also write the evidence files into this folder (by unit and item)"},
		"sync.import.files": {VI: "  tệp minh chứng mới nhận: %d; còn chờ nội dung (gói gửi không kèm tệp): %d",
			EN: "  evidence files received: %d; content still to come (sent without files): %d"},
		"cli.evidence_list.none":         {VI: "Không có tệp minh chứng nào.", EN: "No evidence files."},
		"cli.evidence_list.flag.removed": {VI: "cả những tệp đã gỡ", EN: "the removed files too"},
		"cli.evidence_list.added":        {VI: "đính kèm bởi %s lúc %s", EN: "attached by %s at %s"},
		"cli.evidence_list.removed":      {VI: "đã gỡ bởi %s lúc %s", EN: "removed by %s at %s"},
		"cli.evidence_list.not_received": {VI: "CHƯA NHẬN NỘI DUNG TỆP", EN: "CONTENT NOT RECEIVED YET"},
		"cli.evidence_remove.need_ref":   {VI: "cần mã tệp (cột đầu của kiemtra evidence list)", EN: "a ref (the first column of kiemtra evidence list) is required"},
		"cli.evidence_remove.not_found":  {VI: "không có tệp minh chứng mã %s (xem: kiemtra evidence list)", EN: "there is no evidence file %s (see: kiemtra evidence list)"},
		"cli.evidence_remove.done":       {VI: "Đã gỡ %s khỏi mục %s.", EN: "Removed %s from item %s."},
		"cli.evidence_export.flag.out":   {VI: "thư mục ghi tệp (tạo nếu chưa có; không ghi đè tệp đã có)", EN: "the folder to write into (made if absent; files there are never overwritten)"},
		"cli.evidence_export.need_out":   {VI: "cần --out THƯ_MỤC", EN: "--out FOLDER is required"},
		"cli.evidence_export.missing": {VI: "%d tệp chưa ghi được vì nội dung chưa đến máy này (gói được gửi không kèm tệp)",
			EN: "files not written, their content has not arrived here (the bundle was sent without files): %d"},
	})
	registerPlural(map[string]Plural{
		"cli.evidence_export.done": {VI: "Đã ghi %[1]d tệp minh chứng vào %[2]s.",
			One: "Wrote %[1]d evidence file into %[2]s.", Other: "Wrote %[1]d evidence files into %[2]s."},
	})
}
