package i18n

// Messages of the self-assessment workbook (package checklists): the
// template a unit scores itself in, and the problems found loading it.
func init() {
	register(map[string]Entry{
		"selfassess.sheet.info":   {VI: "Thông tin", EN: "Details"},
		"selfassess.sheet.scores": {VI: "Tự đánh giá", EN: "Self-assessment"},

		"selfassess.col.info.inspection":       {VI: "Mã đợt kiểm tra", EN: "Inspection ID"},
		"selfassess.col.info.inspection_title": {VI: "Đợt kiểm tra", EN: "Inspection"},
		"selfassess.col.info.unit":             {VI: "Mã đơn vị", EN: "Unit code"},
		"selfassess.col.info.unit_name":        {VI: "Tên đơn vị", EN: "Unit"},
		"selfassess.col.info.checklist":        {VI: "Bộ tiêu chí", EN: "Checklist"},

		"selfassess.col.scores.field":         {VI: "Lĩnh vực", EN: "Field"},
		"selfassess.col.scores.code":          {VI: "Mã mục", EN: "Item"},
		"selfassess.col.scores.text":          {VI: "Nội dung kiểm tra", EN: "Question"},
		"selfassess.col.scores.evidence":      {VI: "Tài liệu kiểm chứng cần có", EN: "Evidence to show"},
		"selfassess.col.scores.max":           {VI: "Điểm tối đa", EN: "Maximum"},
		"selfassess.col.scores.scoring":       {VI: "Cách chấm", EN: "Scoring"},
		"selfassess.col.scores.self_score":    {VI: "Điểm tự đánh giá", EN: "Self-score"},
		"selfassess.col.scores.self_evidence": {VI: "Tài liệu kiểm chứng của đơn vị", EN: "The unit's evidence"},

		"selfassess.title": {VI: "Tự đánh giá, chấm điểm: %s — %s", EN: "Self-assessment: %s — %s"},
		"selfassess.help.1": {VI: "Đơn vị tự chấm điểm ở trang “%[1]s”, mỗi dòng một mục của bộ tiêu chí: ghi điểm tự chấm vào cột “%[3]s” và số, ngày của văn bản chứng minh vào cột “%[4]s”. Các cột khác chỉ để đọc.",
			EN: "The unit scores itself on the sheet “%[1]s”, one row per item of the checklist: its own score in the column “%[3]s” and the number and date of the documents that prove it in the column “%[4]s”. The other columns are for reading."},
		"selfassess.help.2": {VI: "Điểm ghi bằng số, tối đa hai chữ số thập phân (0,5 hoặc 0.5), từ 0 đến điểm tối đa của mục; cột “Cách chấm” cho biết các mức điểm được dùng. Mục chưa tự chấm thì để trống cột “%[3]s”.",
			EN: "A score is a number with at most two decimals (0.5 or 0,5), from 0 to the item's maximum; the column “Scoring” says which scores the item allows. Leave “%[3]s” empty for an item not scored."},
		"selfassess.help.3": {VI: "Không sửa trang “%[2]s”: trang này cho biết tệp dành cho đợt kiểm tra, đơn vị và bộ tiêu chí nào.",
			EN: "Do not change the sheet “%[2]s”: it says which inspection, unit and checklist the file is for."},
		"selfassess.help.4": {VI: "Gửi lại tệp cho đoàn kiểm tra. Đoàn nạp tệp bằng lệnh: kiemtra selfassess import TỆP.xlsx; lỗi được báo theo TỆP:TRANG!Ô, ví dụ “%[1]s!G12”. Nạp tệp đã sửa thì điểm mới thay điểm cũ; mọi lần nạp đều được ghi lại.",
			EN: "Send the file back to the inspection team, who load it with: kiemtra selfassess import FILE.xlsx; problems are reported as FILE:SHEET!CELL, e.g. “%[1]s!G12”. Loading a corrected file replaces the scores; every load is recorded."},
		"selfassess.dv.score":       {VI: "Điểm từ 0 đến %s.", EN: "A score from 0 to %s."},
		"selfassess.scoring.binary": {VI: "0 hoặc %s", EN: "0 or %s"},
		"selfassess.scoring.levels": {VI: "một trong các mức: %s", EN: "one of: %s"},
		"selfassess.scoring.range":  {VI: "từ 0 đến %s", EN: "from 0 to %s"},

		"selfassess.info_missing": {VI: "chưa ghi “%s”: tệp không phải mẫu tự đánh giá do kiemtra lập, hoặc trang này đã bị sửa; hãy lập mẫu mới bằng kiemtra selfassess template",
			EN: "“%s” is missing: the file is not a self-assessment template made by kiemtra, or this sheet was changed; make a new one with kiemtra selfassess template"},
		"selfassess.no_code":    {VI: "dòng có điểm hoặc tài liệu nhưng không có mã mục", EN: "the row has a score or evidence but no item code"},
		"selfassess.code_twice": {VI: "mục %s đã có ở %s", EN: "item %s is already at %s"},
		"selfassess.not_number": {VI: "%q không phải là điểm: hãy ghi một số, tối đa hai chữ số thập phân (ví dụ 0,5)",
			EN: "%q is not a score: write a number with at most two decimals (e.g. 0.5)"},
		"selfassess.other_checklist": {VI: "tệp lập theo bộ tiêu chí %s, nhưng đơn vị được kiểm tra theo bộ %s; hãy lập mẫu mới bằng kiemtra selfassess template",
			EN: "the file was made for checklist %s, but the unit is assessed against %s; make a new template with kiemtra selfassess template"},
		"selfassess.item_unknown": {VI: "mục %s không có trong bộ tiêu chí %s", EN: "item %s is not in checklist %s"},
		"selfassess.bad_score":    {VI: "điểm %s không dùng được cho mục %s (%s)", EN: "%s is not a score item %s allows (%s)"},
		"selfassess.no_inspection": {VI: "tệp dành cho đợt kiểm tra %s, cơ sở dữ liệu này không có đợt đó",
			EN: "the file is for inspection %s, which this database does not hold"},
		"selfassess.no_unit": {VI: "đơn vị %s không có trong đợt kiểm tra “%s”", EN: "unit %s is not part of the inspection “%s”"},
	})
}
