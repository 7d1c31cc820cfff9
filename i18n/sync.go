package i18n

// Messages of moving work between laptops and Sở Nội vụ: bundles, keys,
// import, conflicts, receipts.
func init() {
	register(map[string]Entry{
		"sync.bundle.summary": {VI: "đóng gói kết quả kiểm tra thành một tệp đã ký để gửi đi (USB, thư điện tử)", EN: "pack inspection results into one signed file to send (USB stick, e-mail)"},
		"sync.bundle.usage":   {VI: "[--inspection MÃ] [--unit MÃ_ĐƠN_VỊ…] --out TỆP [--force] [--no-files] [--json]", EN: "[--inspection ID] [--unit CODE…] --out FILE [--force] [--no-files] [--json]"},
		"sync.flag.force":     {VI: "ghi đè tệp đã có", EN: "replace a file that exists"},
		"sync.flag.out":       {VI: "tệp sẽ ghi", EN: "file to write"},
		"sync.flag.unit":      {VI: "chỉ các đơn vị này (lặp lại hoặc cách nhau bằng dấu phẩy)", EN: "only these units (repeat, or separate with commas)"},
		"sync.need_out":       {VI: "cần --out TỆP", EN: "--out FILE is required"},
		"sync.bundle.done": {
			VI: "Đã ghi gói số %d (%s): %d đơn vị, %d kết quả, %d mục lịch sử — %s.",
			EN: "Wrote bundle %d (%s) — units: %d, findings: %d, history entries: %d; %s.",
		},
		"sync.bundle.fingerprint": {VI: "Ký bởi thiết bị có dấu vân tay %s.", EN: "Signed by the device with fingerprint %s."},

		"sync.import.summary": {VI: "nhập các gói từ máy khác: kiểm tra chữ ký, sao lưu, gộp không mất dữ liệu", EN: "import bundles from other devices: check signatures, back up, merge without losing anything"},
		"sync.import.usage":   {VI: "TỆP… [--json] [--receipt TỆP] [--keep N] [--no-backup]", EN: "FILE… [--json] [--receipt FILE] [--keep N] [--no-backup]"},
		"sync.flag.receipt":   {VI: "ghi biên nhận vào tệp này (mặc định: TỆP.receipt.json; chỉ khi nhập một tệp)", EN: "write the receipt here (default FILE.receipt.json; only with one file)"},
		"sync.flag.keep":      {VI: "số bản sao lưu giữ lại", EN: "how many backups to keep"},
		"sync.flag.no_backup": {VI: "không sao lưu trước khi nhập", EN: "do not back up before importing"},
		"sync.need_files":     {VI: "cần ít nhất một tệp gói", EN: "at least one bundle file is required"},
		"sync.receipt_one":    {VI: "--receipt chỉ dùng khi nhập một tệp", EN: "--receipt can only be used with one file"},
		"sync.import.progress": {
			VI: "%s %d/%d tệp · %.0f bản ghi/giây",
			EN: "%s files: %d/%d · %.0f records/s",
		},
		"sync.import.line": {
			VI: "%s: gói số %d của %s — %d mới, %d đã có, %d xung đột (%d bản ghi, %.0f bản ghi/giây)",
			EN: "%s: bundle %d from %s — new: %d, already present: %d, in conflict: %d (records: %d, %.0f per second)",
		},
		"sync.import.replay": {
			VI: "%s: gói số %d của %s đã được nhập trước đây — không thay đổi gì",
			EN: "%s: bundle %d from %s was imported before — nothing changed",
		},
		"sync.import.total": {
			VI: "Tổng cộng: %d tệp, %d mới, %d đã có, %d xung đột, %d tệp bị từ chối.",
			EN: "Total — files: %d, new: %d, already present: %d, in conflict: %d, files refused: %d.",
		},
		"sync.import.backup":   {VI: "Đã sao lưu cơ sở dữ liệu trước khi nhập: %s", EN: "Backed up the database before importing: %s"},
		"sync.import.receipt":  {VI: "Biên nhận: %s (gửi lại cho máy đã gửi gói: kiemtra receipt TỆP)", EN: "Receipt: %s (send it back to the sending device: kiemtra receipt FILE)"},
		"sync.import.conflict": {VI: "  xung đột: đơn vị %s, mục %s", EN: "  conflict: unit %s, item %s"},
		"sync.import.gap":      {VI: "Thiết bị %s: gói số %s chưa bao giờ đến.", EN: "Device %s: bundle %s never arrived."},
		"sync.import.warning":  {VI: "%s: lưu ý: %s", EN: "%s: note: %s"},
		"sync.import.failed":   {VI: "%d trong %d tệp bị từ chối; cơ sở dữ liệu không bị thay đổi bởi các tệp đó", EN: "files refused: %d of %d; nothing in the database was changed by them"},

		"sync.err.file": {VI: "%s: %s", EN: "%s: %s"},

		"sync.keys_show.summary":   {VI: "xem khóa công khai và dấu vân tay của máy này, và các thiết bị được tin cậy", EN: "show this device's public key and fingerprint, and the trusted devices"},
		"sync.keys_show.usage":     {VI: "[--json]", EN: "[--json]"},
		"sync.keys_export.summary": {VI: "ghi khóa công khai của máy này ra tệp để gửi cho Sở Nội vụ hoặc trưởng đoàn", EN: "write this device's public key to a file for Sở Nội vụ or the team leader"},
		"sync.keys_export.usage":   {VI: "--out TỆP", EN: "--out FILE"},
		"sync.keys_trust.summary":  {VI: "tin cậy một thiết bị từ tệp khóa công khai của nó", EN: "trust a device from its public key file"},
		"sync.keys_trust.usage":    {VI: "TỆP_KHÓA --name \"TÊN\"", EN: "KEYFILE --name \"NAME\""},
		"sync.flag.name":           {VI: "tên dễ nhận biết của thiết bị (vd. \"Máy chị Hương\")", EN: "a name people recognise (e.g. \"Hương's laptop\")"},
		"sync.need_keyfile":        {VI: "cần đúng một tệp khóa", EN: "exactly one key file is required"},
		"sync.keys.device":         {VI: "Thiết bị:        %s", EN: "Device:          %s"},
		"sync.keys.fingerprint":    {VI: "Dấu vân tay:     %s   (đọc qua điện thoại để đối chiếu)", EN: "Fingerprint:     %s   (read it over the phone to compare)"},
		"sync.keys.public":         {VI: "Khóa công khai:  %s", EN: "Public key:      %s"},
		"sync.keys.private":        {VI: "Khóa riêng:      %s (không bao giờ gửi đi)", EN: "Private key:     %s (never sent anywhere)"},
		"sync.keys.trusted":        {VI: "Thiết bị được tin cậy:", EN: "Trusted devices:"},
		"sync.keys.self":           {VI: "máy này", EN: "this device"},
		"sync.keys.exported":       {VI: "Đã ghi khóa công khai vào %s (dấu vân tay %s).", EN: "Wrote the public key to %s (fingerprint %s)."},
		"sync.keys.trusted_ok":     {VI: "Đã tin cậy %q: thiết bị %s, dấu vân tay %s.", EN: "Now trusting %q: device %s, fingerprint %s."},

		"sync.conflicts.summary":  {VI: "liệt kê các kết quả bị sửa khác nhau trên hai máy (xung đột)", EN: "list findings changed differently on two devices (conflicts)"},
		"sync.conflicts.usage":    {VI: "[--inspection MÃ] [--all] [--json]", EN: "[--inspection ID] [--all] [--json]"},
		"sync.flag.all":           {VI: "cả các xung đột đã giải quyết", EN: "include resolved conflicts"},
		"sync.conflicts.none":     {VI: "Không có xung đột nào cần giải quyết.", EN: "No conflicts to resolve."},
		"sync.conflicts.item":     {VI: "Đơn vị %s (%s), mục %s", EN: "Unit %s (%s), item %s"},
		"sync.conflicts.side":     {VI: "    %s: %s, %s điểm, %q — %s, %s", EN: "    %s: %s, score %s, %q — %s, %s"},
		"sync.conflicts.current":  {VI: "đang hiện", EN: "shown"},
		"sync.conflicts.other":    {VI: "bên kia", EN: "other"},
		"sync.conflicts.resolved": {VI: "    đã giải quyết bởi %s lúc %s", EN: "    resolved by %s at %s"},

		"sync.receipt.summary":  {VI: "đọc biên nhận của nơi nhận gói, xem những gì đã được giao", EN: "read the receiver's receipt for a bundle and see what was delivered"},
		"sync.receipt.usage":    {VI: "TỆP_BIÊN_NHẬN [--json]", EN: "RECEIPT_FILE [--json]"},
		"sync.need_receipt":     {VI: "cần đúng một tệp biên nhận", EN: "exactly one receipt file is required"},
		"sync.receipt.head":     {VI: "%s (dấu vân tay %s) đã nhận gói số %d lúc %s:", EN: "%s (fingerprint %s) received bundle %d at %s:"},
		"sync.receipt.counts":   {VI: "  %d mới, %d đã có, %d xung đột.", EN: "  %d new, %d already present, %d in conflict."},
		"sync.receipt.replay":   {VI: "  (gói này đã được nhập trước đó)", EN: "  (this bundle had been imported before)"},
		"sync.receipt.conflict": {VI: "  xung đột: đơn vị %s (%s), mục %s", EN: "  conflict: unit %s (%s), item %s"},
		"sync.receipt.pending":  {VI: "Các gói chưa có biên nhận: %s", EN: "Bundles without a receipt yet: %s"},
		"sync.receipt.all_done": {VI: "Mọi gói đã gửi đều đã có biên nhận.", EN: "Every bundle sent has a receipt."},

		"sync.bundle.terminal":    {VI: "--out - ghi gói (dữ liệu nhị phân) ra đầu ra chuẩn: hãy chuyển nó vào tệp hoặc lệnh khác, không ra màn hình", EN: "--out - writes the bundle (binary data) to standard output: send it to a file or another command, not to the screen"},
		"sync.bundle.json_stdout": {VI: "--json không dùng được cùng --out -: đầu ra chuẩn đã dành cho gói", EN: "--json cannot be used with --out -: standard output carries the bundle"},

		"sync.check.summary": {VI: "kiểm tra toàn bộ dữ liệu trên máy: tệp cơ sở dữ liệu, lịch sử chỉnh sửa đã ký, từng kết quả so với lịch sử của nó", EN: "check all the data on this computer: the database file, the signed edit history, each finding against its history"},
		"sync.check.usage":   {VI: "[--repair] [--json]", EN: "[--repair] [--json]"},
		"sync.flag.repair":   {VI: "khôi phục các kết quả bị hỏng từ lịch sử của chúng", EN: "restore damaged findings from their history"},
		"sync.check.ok": {VI: "Dữ liệu nguyên vẹn: đã kiểm tra %d mục lịch sử và %d kết quả.",
			EN: "The data is intact (history entries checked: %d, findings checked: %d)."},
		"sync.check.integrity": {VI: "SQLite báo tệp dữ liệu bị hỏng cấu trúc: %s", EN: "SQLite reports the database file's structure damaged: %s"},
		"sync.check.problem":   {VI: "  - %s", EN: "  - %s"},
		"sync.check.found":     {VI: "Tìm thấy %d vấn đề (đã kiểm tra %d mục lịch sử và %d kết quả):", EN: "Problems found: %d (history entries checked: %d, findings checked: %d):"},
		"sync.check.repaired":  {VI: "Đã khôi phục %d kết quả từ lịch sử của chúng.", EN: "Findings restored from their history: %d."},
		"sync.check.repair_hint": {VI: "Chạy lại với --repair để khôi phục các kết quả bị hỏng từ lịch sử (lịch sử đã được ký nên đáng tin hơn bản lưu).",
			EN: "Run again with --repair to restore the damaged findings from their history (the history is signed, so it is what to trust)."},
		"sync.check.backup":   {VI: "Bản sao lưu gần nhất: %s (khôi phục: đóng kiemtra, chép tệp này đè lên %s).", EN: "Newest backup: %s (to restore it: close kiemtra, copy it over %s)."},
		"sync.check.nobackup": {VI: "Máy này chưa có bản sao lưu nào; Sở Nội vụ giữ các gói đã nhận từ máy này.", EN: "This computer has no backup yet; Sở Nội vụ keeps the bundles it received from it."},
		"sync.check.failed":   {VI: "dữ liệu có %d vấn đề", EN: "problems in the data: %d"},
	})

	registerPlural(map[string]Plural{
		"sync.import.see_conflicts": {
			VI:    "Có %d kết quả xung đột: xem bằng kiemtra conflicts, giải quyết trong ứng dụng.",
			One:   "%d finding is in conflict: list it with kiemtra conflicts, resolve it in the app.",
			Other: "%d findings are in conflict: list them with kiemtra conflicts, resolve them in the app.",
		},
		"sync.conflicts.head": {VI: "%d xung đột (giải quyết trong ứng dụng: chọn một bên hoặc sửa giá trị gộp):",
			One:   "%d conflict (resolve it in the app: choose a side or edit a merged value):",
			Other: "%d conflicts (resolve them in the app: choose a side or edit a merged value):"},
	})

	// A receipt's conflict whose finding this database no longer holds
	// (its unit and item cannot be named).
	register(map[string]Entry{
		"sync.receipt.conflict_gone": {VI: "  xung đột: kết quả %s, không còn trên máy này", EN: "  conflict: finding %s, no longer on this device"},
	})
}
