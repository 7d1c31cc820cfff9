package i18n

import (
	"regexp"
	"strconv"

	"kiemtra/model"
)

// Err is the message a person reads for err: the catalogue's words for its
// model.Code (key "e.<code>"), filled with the error's params. Both the TUI
// and the command line use it, so a problem reads the same everywhere.
func (c Catalog) Err(err error) string {
	if err == nil {
		return ""
	}
	return c.Code(model.ErrorCode(err), model.ErrorParams(err)...)
}

// Code is the message for a code with its params. A message shows as many
// params as it has placeholders: missing ones print as "?", so a producer
// that forgot one is visible in tests rather than a garbled line.
func (c Catalog) Code(code model.Code, params ...string) string {
	params = c.withKindNames(code, params)
	key := "e." + string(code)
	e, ok := Lookup(key)
	if !ok {
		return "[" + key + "]"
	}
	s := e.VI
	if c.Lang == EN {
		s = e.EN
	}
	args := make([]any, paramCount(s))
	for i := range args {
		args[i] = "?"
		if i < len(params) {
			args[i] = params[i]
		}
	}
	return c.T(key, args...)
}

var paramVerb = regexp.MustCompile(`%(?:\[(\d+)\])?[sq]`)

// paramCount is how many params a message shows: its plain %s/%q verbs, or
// the highest explicit index (%[2]s) when it reorders them.
func paramCount(s string) int {
	n, plain := 0, 0
	for _, m := range paramVerb.FindAllStringSubmatch(s, -1) {
		if m[1] == "" {
			plain++
			n = max(n, plain)
			continue
		}
		i, _ := strconv.Atoi(m[1])
		n = max(n, i)
	}
	return n
}

// Messages for every model.Code. Each says what happened and, where there
// is one, what the person can do; none repeats another error's text.
func init() {
	register(map[string]Entry{
		"e.internal": {VI: "lỗi không mong đợi; không có gì bị thay đổi. Chạy lại với --log TỆP và gửi tệp nhật ký cho bộ phận hỗ trợ.",
			EN: "an unexpected error; nothing was changed. Run again with --log FILE and send the log to support."},
		"e.timeout":  {VI: "cơ sở dữ liệu không trả lời kịp; thử lại.", EN: "the database did not answer in time; try again."},
		"e.canceled": {VI: "đã dừng theo yêu cầu; không có gì bị thay đổi.", EN: "stopped as asked; nothing was changed."},

		"e.invalid":      {VI: "dữ liệu không hợp lệ: %s", EN: "invalid data: %s"},
		"e.score":        {VI: "điểm không hợp lệ cho mục này.", EN: "this score is not allowed for the item."},
		"e.not_found":    {VI: "không tìm thấy %s.", EN: "%s was not found."},
		"e.ambiguous":    {VI: "%q khớp với nhiều bản ghi; gõ thêm ký tự.", EN: "%q matches more than one record; type more of it."},
		"e.finalized":    {VI: "đánh giá đã hoàn thành, chỉ xem được; mở lại trước khi sửa.", EN: "the assessment is finalized and read-only; reopen it before editing."},
		"e.stale":        {VI: "mục này vừa được thay đổi ở nơi khác; hãy mở lại đơn vị.", EN: "this item was changed elsewhere; reopen the unit."},
		"e.gaps":         {VI: "còn mục chưa đạt chưa có ghi chú: %s.", EN: "some failed items have no note: %s."},
		"e.resolved":     {VI: "xung đột này đã được giải quyết.", EN: "this conflict was already resolved."},
		"e.no_inspector": {VI: "chưa đặt tên cán bộ kiểm tra: chạy kiemtra config set inspector \"Họ và tên\".", EN: "no inspector name is set: run kiemtra config set inspector \"Full name\"."},

		"e.disk_full": {VI: "ổ đĩa đã đầy (%s): không ghi thêm được gì, nhưng mọi thứ đã lưu trước đó vẫn còn nguyên. Giải phóng dung lượng rồi thử lại.",
			EN: "the disk is full (%s): nothing more could be written, but everything saved before is intact. Free some space and try again."},
		"e.read_only": {VI: "không ghi được vào %s (ổ hoặc thư mục chỉ đọc): không có gì bị thay đổi.",
			EN: "%s cannot be written (read-only drive or folder): nothing was changed."},
		"e.read_only_outdated": {VI: "%s cần được nâng cấp nhưng đang nằm trên ổ chỉ đọc: chép tệp sang ổ ghi được rồi mở lại.",
			EN: "%s needs an update but sits on read-only media: copy it to a writable drive and open it again."},
		"e.read_only_unclean": {VI: "%s chưa được đóng đúng cách và nhật ký của nó không đọc được trên ổ chỉ đọc: chép cả thư mục sang ổ ghi được rồi mở lại.",
			EN: "%s was not closed cleanly and its journal cannot be read on read-only media: copy the folder to a writable drive and open it again."},
		"e.busy":         {VI: "%s đang bị chương trình khác khóa: đóng chương trình đó rồi thử lại.", EN: "%s is locked by another program: close it and try again."},
		"e.corrupt":      {VI: "tệp dữ liệu %s bị hỏng, không mở: hãy dùng bản sao lưu gần nhất.", EN: "the database file %s is damaged and was not opened: use the latest backup."},
		"e.not_database": {VI: "%s không phải cơ sở dữ liệu kiemtra, không mở.", EN: "%s is not a kiemtra database and was not opened."},
		"e.too_new":      {VI: "%s do phiên bản kiemtra mới hơn tạo ra, không mở để tránh làm hỏng: hãy cập nhật kiemtra.", EN: "%s was written by a newer kiemtra and was not opened, to keep it safe: update kiemtra."},
		"e.pragmas":      {VI: "SQLite không nhận các thiết lập an toàn dữ liệu cho %s, nên không mở.", EN: "SQLite did not accept the durability settings for %s, so it was not opened."},
		"e.bad_path":     {VI: "không dùng được đường dẫn %q (không được chứa ? hoặc #).", EN: "the path %q cannot be used (it may not contain ? or #)."},
		"e.no_database":  {VI: "chưa có cơ sở dữ liệu ở %s: kiểm tra lại đường dẫn (--db, KIEMTRA_DB); trên máy mới, bắt đầu bằng kiemtra config set inspector \"Họ và tên\" hoặc kiemtra plan import TỆP.", EN: "there is no database at %s: check the path (--db, KIEMTRA_DB); on a new computer, start with kiemtra config set inspector \"Full name\" or kiemtra plan import FILE."},

		"e.file_missing": {VI: "không có tệp hoặc thư mục %s.", EN: "there is no file or folder %s."},
		"e.permission":   {VI: "hệ điều hành không cho phép truy cập %s.", EN: "the system does not allow access to %s."},
		"e.exists":       {VI: "%s đã có: không ghi đè (thêm --force để thay thế).", EN: "%s already exists: not replaced (add --force to replace it)."},
		"e.not_regular":  {VI: "%s không phải tệp thông thường (thiết bị, liên kết, thư mục hoặc ống dẫn): không đọc, không ghi đè.", EN: "%s is not a regular file (a device, link, folder or pipe): not read, not replaced."},
		"e.too_large":    {VI: "%s quá lớn (tối đa %s).", EN: "%s is too large (at most %s)."},

		"e.bundle_format":    {VI: "không phải tệp gói kiemtra, hoặc tệp đã hỏng.", EN: "not a kiemtra bundle, or a damaged one."},
		"e.bundle_version":   {VI: "gói được tạo bởi phiên bản kiemtra mới hơn: hãy cập nhật kiemtra.", EN: "the bundle was made by a newer kiemtra: update kiemtra."},
		"e.bundle_truncated": {VI: "tệp gói không đầy đủ (bị cắt ngắn khi sao chép?).", EN: "the bundle is incomplete (cut short while copying?)."},
		"e.bundle_signature": {VI: "chữ ký không khớp với nội dung: tệp đã bị sửa.", EN: "the signature does not match the content: the file was altered."},
		"e.bundle_hash":      {VI: "nội dung không khớp với mã băm đã ký: tệp đã bị sửa.", EN: "the content does not match its signed hash: the file was altered."},
		"e.bundle_content":   {VI: "nội dung gói không hợp lệ: %s — %s.", EN: "the bundle's content is not valid: %s — %s."},
		"e.untrusted": {VI: "được ký bởi một thiết bị chưa được tin cậy (dấu vân tay %s, thiết bị %s, cán bộ %q). Nếu tin cậy, chạy: kiemtra keys trust TỆP_KHÓA --name \"…\"",
			EN: "signed by a device that is not trusted (fingerprint %s, device %s, inspector %q). If you trust it, run: kiemtra keys trust KEYFILE --name \"…\""},
		"e.key_device":        {VI: "khóa ký thuộc về một thiết bị khác (%s).", EN: "the signing key belongs to another device (%s)."},
		"e.key_mismatch":      {VI: "tệp khóa %s không thuộc về cơ sở dữ liệu này.", EN: "the key file %s does not belong to this database."},
		"e.bad_key_file":      {VI: "%s không phải tệp khóa công khai kiemtra.", EN: "%s is not a kiemtra public key file."},
		"e.chain_broken":      {VI: "lịch sử chỉnh sửa của thiết bị %s đã bị viết lại hoặc ghi lùi ngày (mục số %s).", EN: "the edit history of device %s was rewritten or back-dated (entry %s)."},
		"e.checklist_unknown": {VI: "máy này chưa có bộ tiêu chí %s: thêm bằng kiemtra checklist add.", EN: "this database does not have the checklist %s: add it with kiemtra checklist add."},
		"e.checklist_changed": {VI: "bộ tiêu chí %s đã có với nội dung khác: hãy đặt số phiên bản mới.", EN: "the checklist %s is already held with different content: give it a new version number."},
		"e.revision_changed":  {VI: "lần sửa %s đã nhận trước đây với nội dung khác — từ chối, không ghi đè.", EN: "the edit %s was received before with different content — refused, never overwritten."},
		"e.seq_reused":        {VI: "gói số %[2]s của thiết bị %[1]s đã được nhận với nội dung khác (máy gửi đã khôi phục từ bản sao lưu?).", EN: "bundle %[2]s of device %[1]s was already received with different content (was the sender restored from a backup?)."},
		"e.nothing_to_bundle": {VI: "không có gì để đóng gói trong phạm vi đã chọn.", EN: "there is nothing to bundle in the selection."},
		"e.receipt_format":    {VI: "%s không phải biên nhận kiemtra, hoặc tệp đã hỏng.", EN: "%s is not a kiemtra receipt, or a damaged one."},
		"e.receipt_signature": {VI: "%s: chữ ký biên nhận không khớp: tệp đã bị sửa.", EN: "%s: the receipt's signature does not match: the file was altered."},
		"e.receipt_not_ours":  {VI: "%s: biên nhận này dành cho gói không do máy này tạo.", EN: "%s: this receipt is for a bundle this device did not write."},

		"e.format":            {VI: "tài liệu này không có định dạng %q (dùng %s).", EN: "this document does not come as %q (use %s)."},
		"e.not_folder":        {VI: "không ghi được vào thư mục %s: đó là một tệp, không phải thư mục; hãy chọn thư mục khác.", EN: "cannot write in the folder %s: it is a file, not a folder; choose another folder."},
		"e.too_many_copies":   {VI: "thư mục %s đã có quá nhiều bản của %s; hãy dọn bớt.", EN: "%s already holds too many copies of %s; tidy it up."},
		"e.no_path":           {VI: "chưa nhập đường dẫn tệp hoặc thư mục.", EN: "no file or folder was given."},
		"e.no_bundles":        {VI: "thư mục %s không có tệp gói dữ liệu kiemtra nào.", EN: "%s holds no kiemtra bundle."},
		"e.unit_differs":      {VI: "hai tệp ghi khác nhau về tên hoặc địa chỉ của đơn vị %s; đã giữ %q.", EN: "the two files disagree on the name or address of unit %s; kept %q."},
		"e.checklist_differs": {VI: "đơn vị %s được đánh giá theo bộ tiêu chí %s ở máy này và %s trong gói; đã giữ bộ ở máy này.", EN: "unit %s is assessed against checklist %s here and %s in the bundle; kept the one here."},

		"e.unit_exists": {VI: "mã %s đã là của đơn vị %s (%s): thêm một đơn vị không bao giờ đổi tên hay đổi loại đơn vị có sẵn, vì các biên bản cũ phải giữ nguyên lời. Muốn thêm đúng đơn vị này thì giữ tên và loại đó; đơn vị khác thì dùng mã khác; đơn vị đã thật sự đổi tên thì chạy kiemtra unit rename.",
			EN: "code %s already belongs to %s (%s): adding a unit never renames or re-kinds one that exists, since past records must keep their words. To add that unit, keep its name and kind; for another unit, use another code; if the unit really was renamed, run kiemtra unit rename."},
		"e.unit_in_inspection": {VI: "đơn vị %s đã có trong đợt kiểm tra này.", EN: "unit %s is already part of this inspection."},
		"e.checklist_kind": {VI: "bộ tiêu chí %s không dùng cho %s (bộ này dành cho: %s); hãy chọn bộ tiêu chí của loại đơn vị này.",
			EN: "checklist %s is not for %s (it is for: %s); choose a checklist for this kind of unit."},
		"e.kind_retired": {VI: "%s không còn từ ngày %s (loại đơn vị này đã bãi bỏ), nên không thể có lượt kiểm tra %s; loại này chỉ dùng cho các lượt kiểm tra trước ngày đó.",
			EN: "%s no longer exist from %s (this kind of unit was abolished), so there can be no visit dated %s; the kind is only for visits before that day."},
		"e.checklist_date": {VI: "bộ tiêu chí %s không dùng được cho lượt kiểm tra ngày %s: phiên bản này chỉ dùng cho các lượt kiểm tra từ %s đến %s. Chọn phiên bản khác, hoặc bỏ phiên bản để dùng bản mới nhất hợp với ngày đó.",
			EN: "checklist %s cannot be used for a visit on %s: this version is only for visits from %s to %s. Choose another version, or leave the version out to use the newest one valid on that day."},

		"e.not_demo": {VI: "%s không phải cơ sở dữ liệu mẫu (không do kiemtra demo tạo ra): kiemtra demo không mở tệp này. Bỏ --db và KIEMTRA_DB để dùng tệp mẫu riêng, hoặc chỉ đến một tệp chưa có.",
			EN: "%s is not a demo database (kiemtra demo did not make it): kiemtra demo does not open it. Leave out --db and KIEMTRA_DB to use the demo's own file, or name a file that does not exist yet."},
		"e.not_final": {VI: "biên bản kiểm tra %s chưa hoàn thành: thông báo kết luận chỉ lập sau khi biên bản đã hoàn thành.", EN: "the inspection record of %s is not finalized: the conclusion notice is made only after the record is finalized."},
		"e.bundle_too_large": {VI: "gói sẽ bung ra %s, quá giới hạn %s so với kích thước tệp: bị từ chối mà không giải nén (tệp có thể được tạo ra để làm treo máy).",
			EN: "the bundle would expand to %s, beyond the %s its size allows: refused without being unpacked (the file may have been made to exhaust the computer)."},
		"e.record_too_large": {VI: "bản ghi %s của gói lớn hơn %s: bị từ chối.", EN: "record %s of the bundle is larger than %s: refused."},
		"e.authorship": {VI: "mục lịch sử số %[2]s của thiết bị %[1]s ghi một kết quả dưới tên thiết bị hoặc người khác: gói bị từ chối (có dấu hiệu giả mạo).",
			EN: "entry %[2]s of device %[1]s records a finding under another device's or person's name: the bundle was refused (it looks forged)."},
		"e.entry_signature": {VI: "mục lịch sử %[2]s của thiết bị %[1]s không có chữ ký của chính thiết bị đó: gói đã bị sửa hoặc giả mạo, bị từ chối.",
			EN: "entry %[2]s of device %[1]s is not signed by that device: the bundle was altered or forged and was refused."},
		"e.entry_unsigned": {VI: "gói mang mục lịch sử %[2]s của thiết bị %[1]s do phiên bản kiemtra cũ tạo ra, chưa ký, mà máy này chưa có: cập nhật kiemtra trên máy đó và nhập gói mới của chính máy đó trước.",
			EN: "the bundle carries entry %[2]s of device %[1]s, made unsigned by an older kiemtra and not held here: update kiemtra on that device and import a new bundle from it first."},
		"e.entry_untrusted": {VI: "gói mang mục lịch sử %[2]s của thiết bị %[1]s, là thiết bị chưa được tin cậy ở đây: nhận tệp khóa của thiết bị đó và chạy kiemtra keys trust TỆP_KHÓA --name \"…\", rồi nhập lại.",
			EN: "the bundle carries entry %[2]s of device %[1]s, a device not trusted here: get that device's key file, run kiemtra keys trust KEYFILE --name \"…\", then import again."},
		"e.assessment_differs": {VI: "hai bản biên bản của đơn vị %s khác nhau (trạng thái, ý kiến đơn vị, nhận xét): đang hiện bản đã hoàn thành, hoặc bản sửa sau; bản kia vẫn được giữ trong lịch sử.",
			EN: "two copies of the record of unit %s disagree (status, the unit's side, remarks): the finalized one, or else the later one, is shown; the other is kept in its history."},
		"e.damaged_entry": {VI: "mục lịch sử số %s của máy này (%s, lưu lúc %s bởi %s) đã bị hỏng trên đĩa: không gửi đi được vì máy nhận sẽ từ chối. Chạy kiemtra check để xem chi tiết; khôi phục bản sao lưu gần nhất trước khi hỏng, hoặc xin Sở Nội vụ gói đã nhận từ máy này.",
			EN: "entry %s of this device's history (%s, saved %s by %s) was damaged on disk: nothing can be sent, as receivers would refuse it. Run kiemtra check for details; restore the newest backup from before the damage, or ask Sở Nội vụ for the bundles it received from this device."},
		"e.damaged_record": {VI: "bản ghi %s lưu trên máy khác với lịch sử của nó (tệp dữ liệu bị hỏng trên đĩa): chạy kiemtra check --repair để khôi phục từ lịch sử.",
			EN: "the stored record %s differs from its history (the database was damaged on disk): run kiemtra check --repair to restore it from the history."},

		"e.nothing_to_undo": {VI: "mục %s không còn thay đổi nào để hoàn tác.", EN: "item %s has no change left to undo."},
		"e.unit_has_findings": {VI: "đơn vị %s đã có kết quả đánh giá trong đợt này (%s mục) nên không xoá khỏi đợt được: xoá sẽ làm mất các kết quả đó. Chỉ xoá được đơn vị chưa có kết quả nào.",
			EN: "unit %s already holds findings in this inspection (items: %s), so it is not removed from it: that would lose them. Only a unit without findings can be removed."},
		"e.inspection_has_findings": {VI: "đợt kiểm tra “%s” đã có kết quả đánh giá (%s mục, ở %s đơn vị) nên không xoá được: xoá sẽ làm mất kết quả. Chỉ xoá được đợt kiểm tra chưa có kết quả nào.",
			EN: "the inspection “%s” already holds findings (items: %s; units: %s), so it is not removed: that would lose them. Only an inspection without findings can be removed."},
		"e.no_opener": {VI: "máy này không có chương trình mở tệp (%s); hãy mở tệp bằng trình quản lý tệp.", EN: "this computer has no program to open files with (%s); open the file from your file manager."},
		"e.evidence_too_large": {VI: "tệp %s có %s, quá giới hạn %s cho mỗi tệp minh chứng: chưa đính kèm. Hãy chụp lại với độ phân giải thấp hơn, hoặc chia tài liệu thành nhiều tệp.",
			EN: "%s is %s, beyond the %s allowed for one evidence file: not attached. Take the photo again at a lower resolution, or split the document into several files."},
		"e.blob_hash": {VI: "gói mang tệp minh chứng %s với nội dung không khớp mã băm đã ký (%s…): gói đã bị sửa hoặc giả mạo, bị từ chối.",
			EN: "the bundle carries evidence file %s with content that does not match its signed hash (%s…): the bundle was altered or forged and was refused."},
		"e.evidence_missing": {VI: "nội dung tệp minh chứng %s chưa đến máy này (gói được gửi không kèm tệp): nhập một gói có kèm tệp từ máy đã đính kèm.",
			EN: "the content of evidence file %s has not arrived here (the bundle was sent without files): import a bundle with files from the laptop that attached it."},
		"e.damaged_file": {VI: "nội dung tệp minh chứng %s lưu trên máy đã bị hỏng (không còn khớp mã băm): khôi phục bản sao lưu gần nhất trước khi hỏng, hoặc xin máy đã đính kèm tệp gửi lại.",
			EN: "the stored content of evidence file %s was damaged on disk (it no longer matches its hash): restore the newest backup from before the damage, or ask the laptop that attached it to send it again."},
	})
}
