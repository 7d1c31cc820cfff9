package i18n

// The words for what became of a kiến nghị (model.FixStatus), shared by
// the command line, the TUI and the documents, so all three say it alike.
func init() {
	register(map[string]Entry{
		"fix.status.done":        {VI: "đã khắc phục", EN: "fixed"},
		"fix.status.in_progress": {VI: "đang khắc phục", EN: "being fixed"},
		"fix.status.not_done":    {VI: "chưa khắc phục", EN: "not fixed"},
		"fix.status.obsolete":    {VI: "không còn phù hợp", EN: "no longer relevant"},
		"fix.status.unchecked":   {VI: "chưa kiểm tra lại", EN: "not checked yet"},
	})
}
