package i18n

// What a person read when a database sits on read-only media and cannot
// be opened as it is. Superseded by e.read_only_outdated and
// e.read_only_unclean (errors.go), which every front end shows; the
// store's tests still read these.
func init() {
	register(map[string]Entry{
		"err.read_only_outdated": {
			VI: "cơ sở dữ liệu nằm trên thiết bị chỉ đọc và do phiên bản kiemtra cũ hơn tạo ra, cần cập nhật mà không ghi được ở đó: hãy chép tệp sang một thư mục ghi được rồi mở lại.",
			EN: "the database is on read-only media and was written by an older kiemtra; it needs an update that cannot be written there: copy the file to a writable folder and open it again.",
		},
		"err.read_only_unclean": {
			VI: "cơ sở dữ liệu nằm trên thiết bị chỉ đọc nhưng chưa được đóng đúng cách (còn tệp -wal), nên không đọc đầy đủ được ở đó: hãy chép cả tệp .db, -wal và -shm sang một thư mục ghi được rồi mở lại.",
			EN: "the database is on read-only media but was not closed cleanly (a -wal file remains), so it cannot be read completely there: copy the .db, -wal and -shm files to a writable folder and open it again.",
		},
	})
}
