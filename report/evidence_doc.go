package report

import (
	"encoding/base64"
	"html/template"
	"strconv"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The files attached to the findings are listed in a phụ lục of the
// biên bản, one row per file under its item (name, size, type); the HTML
// record shows the photos beside as small pictures.

// blockImages is a row of small pictures with their captions (HTML only:
// the other formats list the files in the table before it).
const blockImages blockKind = 5

// picture is one small picture: its data URI and caption.
type picture struct {
	Src     template.URL
	Caption string
}

// MaxThumbnails bounds how many pictures one record shows, so a record
// with hundreds of photos stays a document one can open and print.
const MaxThumbnails = 60

// evidenceAnnex is the phụ lục listing the evidence files, with the
// pictures the record was given; nothing when no file is attached.
func evidenceAnnex(r *model.UnitRecord, t i18n.Catalog) []block {
	if len(r.Evidence) == 0 {
		return nil
	}
	var b body
	b.heading(1, t.T("report.evidence.title"))
	tb := &table{Head: []string{t.T("report.col.no"), t.T("report.col.item"), t.T("report.evidence.col.name"),
		t.T("report.evidence.col.size"), t.T("report.evidence.col.type")}, Align: "cclrl", Widths: []int{8, 12, 44, 14, 22}, Small: true}
	var pics []picture
	for i, f := range r.Evidence {
		name := f.Name
		if !f.Received {
			name = t.T("report.evidence.not_received", name)
		}
		tb.Rows = append(tb.Rows, []string{strconv.Itoa(i + 1), f.ItemCode, name, sizeText(f.Size, t), typeText(f.MediaType, t)})
		if th, ok := r.Thumbnails[f.SHA256]; ok && len(pics) < MaxThumbnails {
			pics = append(pics, picture{Src: template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(th)), // #nosec G203 -- our own JPEG
				Caption: t.T("report.evidence.caption", strconv.Itoa(i+1), f.ItemCode, f.Name)})
		}
	}
	b.tbl(tb)
	if len(pics) > 0 {
		b = append(b, block{Kind: blockImages, Pictures: pics})
	}
	return b
}

// sizeText is a size as the documents write it, with the language's
// decimal separator.
func sizeText(n int64, t i18n.Catalog) string {
	switch {
	case n >= 1<<20:
		return t.T("report.size.mb", t.Points(model.PointsOf(float64(n*10/(1<<20))/10)))
	case n >= 1<<10:
		return t.T("report.size.kb", strconv.FormatInt(n>>10, 10))
	}
	return t.T("report.size.b", strconv.FormatInt(n, 10))
}

// typeText names a media type as people know it.
func typeText(mediaType string, t i18n.Catalog) string {
	key := "report.evidence.type." + mediaType
	if _, ok := i18n.Lookup(key); ok {
		return t.T(key)
	}
	return mediaType
}
