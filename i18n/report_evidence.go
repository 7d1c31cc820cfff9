package i18n

// Messages of the documents about evidence files (report/evidence_doc.go).
func init() {
	register(map[string]Entry{
		"report.evidence.title":        {VI: "PHỤ LỤC: DANH MỤC TỆP MINH CHỨNG", EN: "ANNEX: EVIDENCE FILES"},
		"report.evidence.col.name":     {VI: "Tên tệp", EN: "File"},
		"report.evidence.col.size":     {VI: "Dung lượng", EN: "Size"},
		"report.evidence.col.type":     {VI: "Loại", EN: "Type"},
		"report.evidence.not_received": {VI: "%s (chưa nhận nội dung tệp)", EN: "%s (content not received yet)"},
		"report.evidence.caption":      {VI: "%s. Mục %s: %s", EN: "%s. Item %s: %s"},
		"report.size.mb":               {VI: "%s MB", EN: "%s MB"},
		"report.size.kb":               {VI: "%s KB", EN: "%s KB"},
		"report.size.b":                {VI: "%s byte", EN: "%s bytes"},

		"report.evidence.type.image/jpeg":      {VI: "Ảnh JPEG", EN: "JPEG photo"},
		"report.evidence.type.image/png":       {VI: "Ảnh PNG", EN: "PNG image"},
		"report.evidence.type.image/heic":      {VI: "Ảnh HEIC", EN: "HEIC photo"},
		"report.evidence.type.image/heif":      {VI: "Ảnh HEIF", EN: "HEIF photo"},
		"report.evidence.type.application/pdf": {VI: "Tài liệu PDF", EN: "PDF document"},
		"report.evidence.type.application/vnd.openxmlformats-officedocument.wordprocessingml.document": {VI: "Văn bản Word", EN: "Word document"},
		"report.evidence.type.application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       {VI: "Bảng tính Excel", EN: "Excel workbook"},
	})
}
