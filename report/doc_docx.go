package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// Word output goes through github.com/gomutex/godocx, which builds the
// WordprocessingML (section properties, paragraph keeps, row properties,
// borders) and writes the package deterministically: the same document
// gives the same bytes. The layout is Nghị định 30/2020/NĐ-CP's: A4,
// margins top and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman
// 14 pt, the letterhead in two columns with its short rules, the number
// and the place and date under them, the title centered, nơi nhận beside
// the signature, which is kept on the page of the paragraph before it.

// Measures in twentieths of a point (twips) and half-points.
const (
	twipsPerMM  = 56.6929
	pageWidth   = 11906 // A4
	pageHeight  = 16838
	marginTop   = 1134 // 20 mm
	marginBot   = 1134
	marginLeft  = 1701 // 30 mm
	marginRight = 850  // 15 mm
	textWidth   = pageWidth - marginLeft - marginRight
	bodySize    = 14 // points
	headSize    = 13
	tableSize   = 13
	smallSize   = 10
	noteSize    = 12
	font        = "Times New Roman"
)

// docxDoc writes a document as a .docx file.
func docxDoc(d document) ([]byte, error) {
	rd, err := newDocx()
	if err != nil {
		return nil, err
	}
	w := &docxWriter{rd: rd}
	w.setup(d)
	if d.Draft {
		p := w.para(stypes.JustificationCenter, 0, 120)
		w.run(p, d.DraftMark+" — "+d.DraftNote, bodySize, true, false).Color("B00000")
	}
	w.letterhead(d.Head)
	for i, l := range d.Title {
		p := w.para(stypes.JustificationCenter, 0, 0)
		if i == 0 {
			p.Spacing(240, 0)
		}
		if i == len(d.Title)-1 {
			p.Spacing(0, 200)
		}
		keepNext(p)
		w.run(p, l, bodySize, true, false)
	}
	w.ending(d.Body, d.Close)
	if len(d.Annex) > 0 {
		w.rd.AddPageBreak()
		w.blocks(d.Annex)
	}
	w.pageNumbers()
	w.meta(d)
	var buf bytes.Buffer
	if err := rd.Write(&buf); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}

// newDocx is an empty document from godocx's template.
func newDocx() (*docx.RootDoc, error) {
	rd, err := godocx.NewDocument()
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return rd, nil
}

type docxWriter struct {
	rd *docx.RootDoc
}

// ending writes the body and the closing. The signatures never start a
// page alone: the last paragraph of the body is kept with them, and
// their rows never split and are kept together.
func (w *docxWriter) ending(body []block, c closing) {
	var last []block
	if n := len(body); n > 0 {
		body, last = body[:n-1], append([]block(nil), body[n-1:]...)
		last[0].KeepNext = true
	}
	w.blocks(body)
	w.blocks(last)
	w.closing(c)
}

// setup sets the page and the defaults every paragraph starts from.
func (w *docxWriter) setup(d document) {
	w.rd.Document.Body.SectPr = &ctypes.SectionProp{
		PageSize: &ctypes.PageSize{Width: ptr(uint64(pageWidth)), Height: ptr(uint64(pageHeight))},
		PageMargin: &ctypes.PageMargin{Top: ptr(marginTop), Bottom: ptr(marginBot), Left: ptr(marginLeft), Right: ptr(marginRight),
			Header: ptr(720), Footer: ptr(720), Gutter: ptr(0)},
	}
	st := w.rd.DocStyles
	if st.DocDefaults == nil {
		st.DocDefaults = &ctypes.DocDefault{}
	}
	lang := "vi-VN"
	if d.Lang == "en" {
		lang = "en-GB"
	}
	st.DocDefaults.RunProp = &ctypes.RunPropDefault{RunProp: &ctypes.RunProperty{
		Fonts: &ctypes.RunFonts{Ascii: font, HAnsi: font, EastAsia: font, CS: font},
		Size:  ctypes.NewFontSize(bodySize * 2), SizeCs: ctypes.NewFontSizeCS(bodySize * 2),
		Lang: &ctypes.Lang{Val: &lang},
	}}
	st.DocDefaults.ParaProp = &ctypes.ParaPropDefault{ParaProp: &ctypes.ParagraphProp{
		Spacing:       &ctypes.Spacing{Before: ptr(uint64(0)), After: ptr(uint64(80)), Line: ptr(264), LineRule: ptr(stypes.LineSpacingRuleAuto)},
		WindowControl: ctypes.OnOffFromBool(true),
	}}
}

// meta replaces the template's document properties (its author, its
// description, its thumbnail of another file) with the document's title
// and no dates, so the file says nothing untrue and nothing that changes
// from one export to the next.
func (w *docxWriter) meta(d document) {
	title := strings.Join(d.Title, " – ")
	w.rd.FileMap.Store("docProps/core.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">`+
		`<dc:title>`+xmlEscape(title)+`</dc:title><dc:creator>kiemtra</dc:creator><dc:language>`+xmlEscape(d.Lang)+`</dc:language></cp:coreProperties>`))
	w.rd.FileMap.Delete("docProps/thumbnail.jpeg")
	rels := w.rd.RootRels.Relationships[:0]
	for _, r := range w.rd.RootRels.Relationships {
		if !strings.HasSuffix(r.Type, "/thumbnail") {
			rels = append(rels, r)
		}
	}
	w.rd.RootRels.Relationships = rels
}

// headerPart is the header that numbers the pages: the PAGE field,
// centred, in the body's font and size.
const headerPart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/>` +
	`<w:spacing w:before="0" w:after="0"/></w:pPr>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`</w:p></w:hdr>`

// pageNumbers numbers the pages from the second, in Arabic numerals at the
// top centre (Nghị định 30/2020, Phụ lục I), as the HTML prints them: a
// header with the PAGE field, and a first page whose own header
// (w:titlePg) is left empty.
func (w *docxWriter) pageNumbers() {
	const part = "word/header1.xml"
	w.rd.FileMap.Store(part, []byte(headerPart))
	doc := w.rd.Document
	id := "rId" + strconv.Itoa(doc.IncRelationID())
	doc.DocRels.Relationships = append(doc.DocRels.Relationships, &docx.Relationship{ID: id,
		Type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header", Target: "header1.xml"})
	// AddOverride only appends: it has no error to return.
	_ = w.rd.ContentType.AddOverride("/"+part, "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml")
	sp := doc.Body.SectPr
	sp.HeaderReference = &ctypes.HeaderReference{Type: stypes.HdrFtrDefault, ID: id}
	sp.TitlePg = ctypes.NewGenSingleStrVal(stypes.OnOffOn)
}

// para adds a paragraph with the alignment and the space before and after
// (twips).
func (w *docxWriter) para(jc stypes.Justification, before, after uint64) *docx.Paragraph {
	p := w.rd.AddEmptyParagraph()
	p.Justification(jc)
	p.Spacing(before, after)
	return p
}

func (w *docxWriter) run(p *docx.Paragraph, text string, size uint64, b, i bool) *docx.Run {
	r := p.AddText(text)
	r.Size(size)
	if b {
		r.Bold(true)
	}
	if i {
		r.Italic(true)
	}
	return r
}

func keepNext(p *docx.Paragraph) {
	ct := p.GetCT()
	if ct.Property == nil {
		ct.Property = ctypes.DefaultParaProperty()
	}
	ct.Property.KeepNext = ctypes.OnOffFromBool(true)
}

func keepLines(p *docx.Paragraph) {
	ct := p.GetCT()
	if ct.Property == nil {
		ct.Property = ctypes.DefaultParaProperty()
	}
	ct.Property.KeepLines = ctypes.OnOffFromBool(true)
}

func indent(p *docx.Paragraph, left, firstLine int) {
	ind := &ctypes.Indent{}
	if left != 0 {
		ind.Left = ptr(left)
	}
	if firstLine > 0 {
		ind.FirstLine = ptr(uint64(firstLine))
	} else if firstLine < 0 {
		ind.Hanging = ptr(uint64(-firstLine))
	}
	p.Indent(ind)
}

// letterhead is a borderless two-column table: the issuing body over its
// rule and the number; Quốc hiệu and tiêu ngữ over their rule and the
// place and date.
func (w *docxWriter) letterhead(h letterhead) {
	left, right := textWidth*2/5, textWidth-textWidth*2/5
	tb := w.rd.AddTable()
	tb.Width(textWidth, stypes.TableWidthDxa)
	tb.Grid(uint64(left), uint64(right))
	tb.Layout(stypes.TableLayoutFixed)
	noBorders(tb)
	row := tb.AddRow()
	lc, rc := row.AddCell().Width(left, stypes.TableWidthDxa), row.AddCell().Width(right, stypes.TableWidthDxa)
	cellPara := func(c *docx.Cell, text string, size uint64, b, i bool) *docx.Paragraph {
		p := c.AddEmptyPara()
		p.Justification(stypes.JustificationCenter)
		p.Spacing(0, 0)
		w.run(p, text, size, b, i)
		return p
	}
	if h.Governing != "" {
		cellPara(lc, h.Governing, headSize, false, false)
	}
	cellPara(lc, h.Issuer, headSize, true, false)
	rule(lc, left, left*2/5)
	cellPara(lc, h.Number, headSize, false, false)
	cellPara(rc, h.Nation, headSize-1, true, false)
	cellPara(rc, h.Motto, bodySize, true, false)
	rule(rc, right, right*3/5)
	cellPara(rc, h.Date, bodySize, false, true)
}

func (w *docxWriter) blocks(bs []block) {
	for _, b := range bs {
		switch b.Kind {
		case blockHeading:
			p := w.para(stypes.JustificationBoth, 120, 60)
			indent(p, 0, 567)
			keepNext(p)
			keepLines(p)
			for _, s := range b.Text {
				w.run(p, s.Text, bodySize, true, b.Level == 3)
			}
		case blockPara:
			jc, size, italic := stypes.JustificationBoth, uint64(bodySize), false
			switch b.Style {
			case styleCenter:
				jc = stypes.JustificationCenter
			case styleNote:
				size, italic = noteSize, true
			case styleBody:
			}
			p := w.para(jc, 0, 80)
			if b.Style == styleBody {
				indent(p, 0, 567) // 10 mm
			}
			if b.KeepNext {
				keepNext(p)
			}
			for _, s := range b.Text {
				w.run(p, s.Text, size, s.Bold, s.Italic || italic)
			}
		case blockList:
			for i, it := range b.Items {
				p := w.para(stypes.JustificationBoth, 0, 60)
				indent(p, 567, -227) // "- " hangs 4 mm left of the text
				if b.KeepNext && i == len(b.Items)-1 {
					keepNext(p)
				}
				w.run(p, "- ", bodySize, false, false)
				for _, s := range it {
					w.run(p, s.Text, bodySize, s.Bold, s.Italic)
				}
			}
		case blockTable:
			w.table(b.Table)
		case blockImages:
			// Pictures are for HTML only: the table before lists the files.
		case blockPageBreak:
			w.rd.AddPageBreak()
		}
	}
}

// closing writes the nơi nhận and the signatures in a borderless table
// whose rows never split and are kept together: with a nơi nhận, one row
// (nơi nhận on the left, the signature on the right); without (a biên
// bản's several signatures), a row of titles, one of hints and one of
// names, so the names line up.
func (w *docxWriter) closing(c closing) {
	cols := len(c.Signatures)
	if len(c.Recipients) > 0 {
		cols++
	}
	if cols == 0 {
		return
	}
	tb := w.rd.AddTable()
	tb.Width(textWidth, stypes.TableWidthDxa)
	tb.Layout(stypes.TableLayoutFixed)
	widths := make([]int, cols)
	for i := range widths {
		widths[i] = textWidth / cols
	}
	if len(c.Recipients) > 0 && cols == 2 {
		widths = []int{textWidth * 9 / 20, textWidth - textWidth*9/20}
	}
	grid := make([]uint64, cols)
	for i, x := range widths {
		grid[i] = uint64(x)
	}
	tb.Grid(grid...)
	noBorders(tb)
	newRow := func() *docx.Row {
		row := tb.AddRow()
		ct := tb.GetCT().RowContents[len(tb.GetCT().RowContents)-1].Row
		ct.Property = &ctypes.RowProperty{CantSplit: ctypes.OnOffFromBool(true)}
		return row
	}
	line := func(cell *docx.Cell, jc stypes.Justification, text string, size uint64, b, i bool, before uint64, keep bool) {
		p := cell.AddEmptyPara()
		p.Justification(jc)
		p.Spacing(before, 0)
		if keep {
			keepNext(p)
		}
		w.run(p, text, size, b, i)
	}
	sigLines := func(cell *docx.Cell, s signature, name bool) {
		if s.Authority != "" {
			line(cell, stypes.JustificationCenter, s.Authority, bodySize, true, false, 0, true)
		}
		if s.Title != "" {
			line(cell, stypes.JustificationCenter, s.Title, bodySize, true, false, 0, true)
		}
		if s.Title == "" && s.Authority == "" {
			line(cell, stypes.JustificationCenter, "", bodySize, false, false, 0, true)
		}
		if name {
			if s.Hint != "" {
				line(cell, stypes.JustificationCenter, s.Hint, noteSize, false, true, 0, true)
			}
			// Room to sign (and for the seal), then the name.
			line(cell, stypes.JustificationCenter, s.Name, bodySize, true, false, 1500, false)
		}
	}
	if len(c.Recipients) > 0 {
		row := newRow()
		cell := row.AddCell().Width(widths[0], stypes.TableWidthDxa)
		for i, r := range c.Recipients {
			line(cell, stypes.JustificationLeft, r, noteSize, i == 0, i == 0, 0, true)
		}
		for i, s := range c.Signatures {
			sigLines(row.AddCell().Width(widths[i+1], stypes.TableWidthDxa), s, true)
		}
		return
	}
	titles, hints, names := newRow(), newRow(), newRow()
	for i, s := range c.Signatures {
		sigLines(titles.AddCell().Width(widths[i], stypes.TableWidthDxa), s, false)
		line(hints.AddCell().Width(widths[i], stypes.TableWidthDxa), stypes.JustificationCenter, s.Hint, noteSize, false, true, 0, true)
		line(names.AddCell().Width(widths[i], stypes.TableWidthDxa), stypes.JustificationCenter, s.Name, bodySize, true, false, 1500, false)
	}
}

func ptr[T any](v T) *T { return &v }

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
