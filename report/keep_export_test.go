package report

import (
	"bytes"
	"fmt"
	"strings"

	"kiemtra/i18n"
)

// KeepProbeSegments is how many segments the probe documents hold: one
// for each count of filler lines from 0 up, enough for the total row and
// the signatures to meet the bottom of a page at every line.
const KeepProbeSegments = 44

// KeepProbe builds the probe documents for the test that the total row
// and the signatures never start a page alone: many segments, each
// starting on a page of its own, each with n one-line paragraphs, then a
// results table ending in its total row, a paragraph, and the closing
// paragraph and signatures a biên bản ends with. Segment n shifts every
// block by n lines, so across the segments each block meets the page's
// end at every position. The same renderers write them as the documents.
func KeepProbe() (html, docx []byte, err error) {
	t := i18n.New(i18n.VI)
	var docs []document
	for n := range KeepProbeSegments {
		var b body
		b.heading(1, fmt.Sprintf("ĐOẠN THỬ %02d", n))
		for i := range n {
			b.para(fmt.Sprintf("Dòng đệm %d của đoạn thử.", i+1))
		}
		tb := &table{Head: []string{"STT", "Lĩnh vực", "Điểm tối đa", "Điểm đạt", "Tỷ lệ (%)"}, Align: "clrrr",
			Widths: []int{8, 52, 14, 13, 13}, Total: true}
		for i := range 8 {
			tb.Rows = append(tb.Rows, []string{fmt.Sprint(i + 1), fmt.Sprintf("Lĩnh vực thử số %d", i+1), "10", "9", "90,00"})
		}
		tb.Rows = append(tb.Rows, []string{"", fmt.Sprintf("Tổng cộng %02d", n), "80", "72", "90,00"})
		b.tbl(tb)
		b.para("Đoạn sau bảng kết quả của đoạn thử.")
		b.para(fmt.Sprintf("Biên bản thử %02d kết thúc, đã đọc lại cho các thành phần cùng nghe và thống nhất ký tên.", n))
		docs = append(docs, document{Lang: "vi", Head: letterhead{Issuer: "ĐOÀN THỬ", Nation: t.T("report.nation"),
			Motto: t.T("report.motto")}, Title: []string{"THỬ"}, Body: b,
			Close: closing{Signatures: []signature{{Authority: t.T("report.sign.unit"), Title: "GIÁM ĐỐC", Hint: t.T("report.sign.hint"),
				Name: fmt.Sprintf("Người ký %02d", n)}, {Title: t.T("report.sign.secretary"), Hint: t.T("report.sign.hint"), Name: "Thư ký"},
				{Title: t.T("report.sign.leader"), Hint: t.T("report.sign.hint"), Name: "Trưởng đoàn"}}}})
	}
	// HTML: each segment's body, as docHTML writes it, one after another,
	// each from a new page.
	var page bytes.Buffer
	for i, d := range docs {
		h, err := docHTML(d)
		if err != nil {
			return nil, nil, err
		}
		s := string(h)
		body := s[strings.Index(s, "<body>")+len("<body>") : strings.LastIndex(s, "</body>")]
		if i == 0 {
			page.WriteString(s[:strings.Index(s, "<body>")+len("<body>")])
		} else {
			page.WriteString(`<div style="break-before: page"></div>`)
		}
		page.WriteString(body)
	}
	page.WriteString("</body>\n</html>\n")
	// Word: the segments' bodies and closings as docxDoc writes them, a
	// page break between, the pages numbered.
	docx, err = docxProbe(docs)
	return page.Bytes(), docx, err
}

func docxProbe(docs []document) ([]byte, error) {
	rd, err := newDocx()
	if err != nil {
		return nil, err
	}
	w := &docxWriter{rd: rd}
	w.setup(docs[0])
	for i, d := range docs {
		if i > 0 {
			w.rd.AddPageBreak()
		}
		w.letterhead(d.Head)
		w.ending(d.Body, d.Close)
	}
	w.pageNumbers()
	var buf bytes.Buffer
	if err := rd.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
