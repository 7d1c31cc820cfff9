package i18n

// Messages of the command line. Errors with a model.Code are worded in
// errors.go; these are the command line's own situations.
func init() {
	register(map[string]Entry{
		"cli.help.head": {
			VI: "kiemtra — kiểm tra công tác cải cách hành chính tại chỗ, không cần mạng.\n\nCách dùng:\n  kiemtra                 mở ứng dụng (giao diện bàn phím)\n  kiemtra demo            mở ứng dụng trên cơ sở dữ liệu mẫu (tạo nếu chưa có; --seed-only: chỉ tạo)\n  kiemtra LỆNH [tùy chọn]\n\nCác lệnh:",
			EN: "kiemtra — on-site administrative-reform (CCHC) inspections, no network needed.\n\nUsage:\n  kiemtra                 open the app (keyboard interface)\n  kiemtra demo            open the app on the demo database (created if absent; --seed-only: only create it)\n  kiemtra COMMAND [options]\n\nCommands:",
		},
		"cli.help.global": {
			VI: "Tùy chọn chung (đặt trước hoặc sau lệnh):\n  --db ĐƯỜNG_DẪN   tệp cơ sở dữ liệu (hoặc biến KIEMTRA_DB)\n  --lang vi|en     ngôn ngữ (mặc định tiếng Việt; hoặc KIEMTRA_LANG)\n  --log TỆP        ghi nhật ký vào tệp (không ghi gì ra màn hình)\n  --help           trợ giúp của lệnh",
			EN: "Global options (before or after the command):\n  --db PATH        database file (or KIEMTRA_DB)\n  --lang vi|en     language (Vietnamese by default; or KIEMTRA_LANG)\n  --log FILE       write a log to FILE (nothing is logged to the terminal)\n  --help           help for a command",
		},
		"cli.usage":            {VI: "Cách dùng", EN: "Usage"},
		"cli.unknown":          {VI: "kiemtra: không có lệnh %q", EN: "kiemtra: no such command %q"},
		"cli.see_help":         {VI: "Gõ kiemtra --help để xem các lệnh.", EN: "Run kiemtra --help to see the commands."},
		"cli.no_args":          {VI: "lệnh này không nhận tham số", EN: "this command takes no arguments"},
		"cli.need_file":        {VI: "cần đường dẫn tệp", EN: "a file path is required"},
		"cli.flag.needs_value": {VI: "%s cần một giá trị", EN: "%s needs a value"},
		"cli.flag.unknown":     {VI: "lệnh này không có tùy chọn %s", EN: "this command has no option %s"},
		"cli.flag.bad_value":   {VI: "%s chỉ nhận true hoặc false, không nhận %q", EN: "%s takes true or false, not %q"},
		"cli.flag.bad":         {VI: "tùy chọn không hợp lệ", EN: "invalid options"},
		"cli.flag.bad_lang":    {VI: "không có ngôn ngữ %q (dùng vi hoặc en)", EN: "there is no language %q (use vi or en)"},
		"cli.flag.json":        {VI: "in bản ghi đầy đủ dạng JSON", EN: "print full records as JSON"},
		"cli.flag.inspection":  {VI: "mã đợt kiểm tra (đủ hoặc vài ký tự đầu)", EN: "inspection ID (full or a unique prefix)"},
		"cli.json.usage":       {VI: "[--json]", EN: "[--json]"},

		"cli.checklist_list.summary":     {VI: "liệt kê các bộ tiêu chí (mã, phiên bản, loại đơn vị, tên, nguồn)", EN: "list checklists (ID, version, kind of unit, title, where it came from)"},
		"cli.checklist_list.usage":       {VI: "[--json]", EN: "[--json]"},
		"cli.checklist_show.summary":     {VI: "xem một bộ tiêu chí: lĩnh vực, tiêu chí, điểm tối đa", EN: "show a checklist: fields, criteria, maximum scores"},
		"cli.checklist_show.usage":       {VI: "MÃ[@PHIÊN_BẢN] [--json]", EN: "ID[@VERSION] [--json]"},
		"cli.checklist_show.need_id":     {VI: "cần đúng một mã bộ tiêu chí", EN: "exactly one checklist ID is required"},
		"cli.checklist_validate.summary": {VI: "kiểm tra tệp bộ tiêu chí (YAML hoặc Excel), báo lỗi theo TỆP:DÒNG hoặc TỆP:TRANG!Ô", EN: "check a checklist file (YAML or Excel), errors as FILE:LINE or FILE:SHEET!CELL"},
		"cli.checklist_validate.usage":   {VI: "TỆP…", EN: "FILE…"},
		"cli.checklist_add.summary":      {VI: "nạp bộ tiêu chí riêng của tỉnh (YAML hoặc Excel) vào cơ sở dữ liệu", EN: "load a province's own checklist (YAML or Excel) into the database"},
		"cli.checklist_add.usage":        {VI: "TỆP…", EN: "FILE…"},
		"cli.checklist.not_found":        {VI: "không có bộ tiêu chí %q (xem kiemtra checklist list)", EN: "no checklist %q (see kiemtra checklist list)"},
		"cli.checklist.source":           {VI: "Nguồn", EN: "Source"},
		"cli.checklist.defaults":         {VI: "Trọng số", EN: "Weights"},
		"cli.checklist.bands":            {VI: "Xếp loại", EN: "Classification"},
		"cli.checklist.max":              {VI: "Điểm tối đa", EN: "Maximum"},
		"cli.checklist.band":             {VI: "%s từ %s%%", EN: "%s from %s%%"},
		"cli.checklist.no_bands":         {VI: "không xếp loại", EN: "none"},

		"cli.inspection_list.summary":   {VI: "liệt kê các đợt kiểm tra (mã trước, mỗi đợt một dòng)", EN: "list inspections (ID first, one per line)"},
		"cli.inspection.none":           {VI: "chưa có đợt kiểm tra nào: nạp kế hoạch bằng kiemtra plan import TỆP", EN: "no inspection yet: load a plan with kiemtra plan import FILE"},
		"cli.inspection.not_found":      {VI: "không có đợt kiểm tra %q (xem kiemtra inspection list)", EN: "no inspection %q (see kiemtra inspection list)"},
		"cli.unit_list.summary":         {VI: "liệt kê đơn vị (mã trước); với --inspection kèm tiến độ và điểm", EN: "list units (code first); with --inspection, progress and score"},
		"cli.unit_list.usage":           {VI: "[--inspection MÃ] [--json]", EN: "[--inspection ID] [--json]"},
		"cli.unit_rename.summary":       {VI: "đổi tên hoặc loại của một đơn vị (đơn vị đã thật sự đổi); biên bản đã hoàn thành giữ nguyên tên và loại lúc ký", EN: "change a unit's name or kind (the unit really changed); finalized records keep the name and kind they were signed with"},
		"cli.unit_rename.usage":         {VI: "MÃ_ĐƠN_VỊ [--name \"TÊN MỚI\"] [--kind LOẠI]", EN: "UNIT_CODE [--name \"NEW NAME\"] [--kind KIND]"},
		"cli.unit_rename.flag.name":     {VI: "tên mới của đơn vị", EN: "the unit's new name"},
		"cli.unit_rename.flag.kind":     {VI: "loại đơn vị mới (mã trong kinds.yaml: so, xa…)", EN: "the unit's new kind (a code from kinds.yaml: so, xa…)"},
		"cli.unit_rename.need":          {VI: "cần đúng một MÃ_ĐƠN_VỊ và ít nhất --name hoặc --kind", EN: "exactly one UNIT_CODE and at least --name or --kind are required"},
		"cli.unit_remove.summary":       {VI: "xoá một đơn vị khỏi đợt kiểm tra (thêm nhầm); chỉ khi chưa có kết quả đánh giá nào, như phím d trong ứng dụng", EN: "take a unit off an inspection (added by mistake); only while it holds no findings, as d does in the app"},
		"cli.unit_remove.usage":         {VI: "MÃ_ĐƠN_VỊ [--inspection MÃ_ĐỢT]", EN: "UNIT_CODE [--inspection ID]"},
		"cli.unit_remove.need":          {VI: "cần đúng một MÃ_ĐƠN_VỊ", EN: "exactly one UNIT_CODE is required"},
		"cli.unit_remove.done":          {VI: "Đã xoá đơn vị %s khỏi đợt kiểm tra %q; thêm lại đơn vị trong ứng dụng sẽ khôi phục.", EN: "Unit %s removed from the inspection %q; adding the unit again in the app brings it back."},
		"cli.inspection_remove.summary": {VI: "xoá một đợt kiểm tra khỏi danh sách (tạo trùng); chỉ khi chưa có kết quả đánh giá nào, như phím d trong ứng dụng", EN: "take an inspection off the list (created twice); only while it holds no findings, as d does in the app"},
		"cli.inspection_remove.usage":   {VI: "MÃ_ĐỢT", EN: "INSPECTION_ID"},
		"cli.inspection_remove.need":    {VI: "cần đúng một MÃ_ĐỢT (đủ hoặc vài ký tự đầu; xem kiemtra inspection list)", EN: "exactly one INSPECTION_ID is required (full or a unique prefix; see kiemtra inspection list)"},
		"cli.inspection_remove.done":    {VI: "Đã xoá đợt kiểm tra %q (%s).", EN: "The inspection %q (%s) removed."},
		"cli.unit_rename.bad_kind":      {VI: "không có loại đơn vị %q (các loại: %s)", EN: "there is no kind of unit %q (the kinds: %s)"},

		"cli.plan_import.summary": {VI: "nạp kế hoạch kiểm tra (YAML) do Sở Nội vụ giao; nạp lại không tạo bản trùng", EN: "load an inspection plan (YAML) from Sở Nội vụ; loading it again creates no duplicates"},
		"cli.plan_import.usage":   {VI: "TỆP", EN: "FILE"},
		"cli.plan_import.visit":   {VI: "lượt kiểm tra %s: %s", EN: "visit %s: %s"},
		"cli.plan_import.done": {
			VI: "Đã nạp kế hoạch: %s (mã %s) — %d đơn vị, %d phiếu mới, %d phiếu đã có.",
			EN: "Plan loaded: %s (ID %s) — units: %d, new assessments: %d, already present: %d.",
		},

		"cli.config_set.summary": {VI: "đặt một thiết lập, ví dụ: config set inspector \"Nguyễn Văn A\"", EN: "set a setting, e.g. config set inspector \"Nguyen Van A\""},
		"cli.config_set.usage":   {VI: "KHÓA GIÁ_TRỊ", EN: "KEY VALUE"},
		"cli.config_set.need":    {VI: "cần KHÓA và GIÁ_TRỊ", EN: "KEY and VALUE are required"},
		"cli.config_set.empty":   {VI: "giá trị không được để trống", EN: "the value may not be empty"},
		"cli.config_get.summary": {VI: "xem một thiết lập", EN: "show a setting"},
		"cli.config_get.usage":   {VI: "KHÓA", EN: "KEY"},
		"cli.config_get.need":    {VI: "cần đúng một KHÓA", EN: "exactly one KEY is required"},
		"cli.config.unknown":     {VI: "không có thiết lập %q (có: inspector)", EN: "no setting %q (there is: inspector)"},

		"cli.demo.summary":        {VI: "mở ứng dụng trên cơ sở dữ liệu mẫu (Hải Dương 2022)", EN: "open the app on the demo database (Hải Dương 2022)"},
		"cli.demo.usage":          {VI: "[--seed-only]", EN: "[--seed-only]"},
		"cli.demo.flag.seed_only": {VI: "chỉ tạo cơ sở dữ liệu mẫu, không mở ứng dụng", EN: "only create the demo database; do not open the app"},
		"cli.demo.created":        {VI: "Đã tạo cơ sở dữ liệu mẫu: %s", EN: "Demo database created: %s"},
		"cli.demo.exists":         {VI: "Cơ sở dữ liệu mẫu đã có: %s", EN: "Demo database already exists: %s"},

		"status.draft":     {VI: "bản nháp", EN: "draft"},
		"status.finalized": {VI: "đã hoàn thành", EN: "finalized"},

		"cli.create.ask": {VI: "Chưa có cơ sở dữ liệu ở %s. Tạo mới? [c/K] ", EN: "There is no database at %s. Create it? [y/N] "},

		// Exporting a checklist, and where a held one came from.
		"cli.checklist_export.summary":     {VI: "xuất một bộ tiêu chí ra tệp Excel (để sửa) hoặc YAML", EN: "export a checklist as an Excel workbook (to edit) or as YAML"},
		"cli.checklist_export.usage":       {VI: "MÃ[@PHIÊN_BẢN] --format xlsx|yaml --out TỆP [--force]", EN: "ID[@VERSION] --format xlsx|yaml --out FILE [--force]"},
		"cli.checklist_export.flag.format": {VI: "định dạng: xlsx hoặc yaml", EN: "format: xlsx or yaml"},
		"cli.checklist_export.flag.out":    {VI: "tệp cần ghi; - là ghi ra đầu ra chuẩn", EN: "file to write; - writes to standard output"},
		"cli.checklist_export.terminal":    {VI: "không ghi tệp Excel ra màn hình: dùng --out TỆP.xlsx, hoặc chuyển đầu ra vào một tệp", EN: "an Excel workbook cannot go to the terminal: use --out FILE.xlsx, or redirect the output to a file"},
		"cli.checklist_export.done":        {VI: "Đã xuất bộ tiêu chí %s ra %s.", EN: "Exported checklist %s to %s."},
		"cli.checklist.origin_builtin":     {VI: "có sẵn trong kiemtra", EN: "built into kiemtra"},
		"cli.checklist.origin_file":        {VI: "nạp từ tệp %s (SHA-256 %s…) lúc %s", EN: "added from file %s (SHA-256 %s…) on %s"},
		"cli.checklist.origin_unknown":     {VI: "nạp lúc %s (không rõ tệp)", EN: "added on %s (file not recorded)"},

		// Superseded by e.read_only (errors.go), which every front end
		// shows; the store's read-only test still reads this one.
		"err.read_only": {
			VI: "cơ sở dữ liệu chỉ đọc (thẻ nhớ khóa ghi hoặc thư mục không có quyền ghi): không lưu được thay đổi.",
			EN: "the database is read-only (write-protected media or folder): changes cannot be saved.",
		},
	})

	registerPlural(map[string]Plural{
		"cli.checklist_validate.ok": {VI: "%s: hợp lệ — %s, %d mục, tổng %s điểm",
			One: "%s: valid — %s, %d item, maximum score %s", Other: "%s: valid — %s, %d items, maximum score %s"},
		"cli.checklist_validate.bad": {VI: "%d tệp không hợp lệ", One: "%d file is invalid", Other: "%d files are invalid"},
		"cli.checklist_add.done": {VI: "Đã nạp %d bộ tiêu chí mới (%d đã có sẵn).",
			One: "Added %d new checklist (%d already present).", Other: "Added %d new checklists (%d already present)."},
		"cli.checklist.n_items": {VI: "%d mục", One: "%d item", Other: "%d items"},
		"cli.size.b":            {VI: "%d byte", One: "%d byte", Other: "%d bytes"},
		"cli.unit_rename.done": {
			VI:    "Đơn vị %s từ nay là %q (%s). %d phiếu đánh giá còn là bản nháp dùng tên mới; biên bản đã hoàn thành giữ nguyên.",
			One:   "Unit %s is now %q (%s). %d draft assessment uses the new name; finalized records keep theirs.",
			Other: "Unit %s is now %q (%s). %d draft assessments use the new name; finalized records keep theirs.",
		},
	})

	// Groups of commands, help and flag values (cli/help.go, flags.go).
	register(map[string]Entry{
		"cli.group.need":         {VI: "kiemtra %s cần một trong các lệnh sau:", EN: "kiemtra %s needs one of these commands:"},
		"cli.group.unknown":      {VI: "kiemtra %s: không có lệnh %q; các lệnh là:", EN: "kiemtra %s: there is no command %q; the commands are:"},
		"cli.group.head":         {VI: "Các lệnh kiemtra %s:", EN: "The kiemtra %s commands:"},
		"cli.help.options":       {VI: "Tùy chọn:", EN: "Options:"},
		"cli.help.default":       {VI: "(mặc định: %s)", EN: "(default: %s)"},
		"cli.help.value":         {VI: "GIÁ_TRỊ", EN: "VALUE"},
		"cli.flag.not_integer":   {VI: "%s cần một số nguyên, không nhận %q", EN: "%s takes a whole number, not %q"},
		"cli.flag.bad_value_any": {VI: "%s không nhận giá trị %q", EN: "%s does not take the value %q"},
		"cli.size.kb":            {VI: "%s KB", EN: "%s KB"},
		"cli.size.mb":            {VI: "%s MB", EN: "%s MB"},
	})
}
