package store

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
)

// mediaTypes are the types kiemtra names by a file's extension where
// sniffing the first bytes cannot tell: HEIC (iPhone photos) sniffs as
// nothing, DOCX and XLSX as a ZIP archive.
var mediaTypes = map[string]string{
	".pdf":  "application/pdf",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".heic": "image/heic",
	".heif": "image/heif",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// mediaType names a file's type from its first bytes (the content decides
// for what it can recognise: a PNG named .jpg is a PNG) and, where the
// bytes are ambiguous, its extension.
func mediaType(name string, head []byte) string {
	sniffed, _, _ := strings.Cut(http.DetectContentType(head), ";")
	ext := strings.ToLower(filepath.Ext(name))
	byExt := mediaTypes[ext]
	switch {
	case sniffed == "application/zip" && (ext == ".docx" || ext == ".xlsx"):
		return byExt
	case isHEIF(head) && byExt != "":
		return byExt
	case isHEIF(head):
		return "image/heic"
	case sniffed == "application/octet-stream" && (ext == ".heic" || ext == ".heif"):
		// An extension is believed only for types the sniffer cannot see;
		// a file named .pdf that does not start like one is just bytes.
		return byExt
	}
	return sniffed
}

// isHEIF says whether head starts an ISO media file of a HEIF brand.
func isHEIF(head []byte) bool {
	if len(head) < 12 || !bytes.Equal(head[4:8], []byte("ftyp")) {
		return false
	}
	switch string(head[8:12]) {
	case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1":
		return true
	}
	return false
}
