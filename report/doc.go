package report

import "strings"

// The three documents a team signs and files (biên bản, thông báo kết
// luận, báo cáo kết quả kiểm tra) are built once as a document: the parts
// Nghị định 30/2020/NĐ-CP lays out (letterhead, number and date, title,
// body, nơi nhận, signatures) and a body of headings, paragraphs, lists
// and tables. Markdown, HTML and Word render that one value, so the three
// formats always say the same thing in the same order.

// document is one administrative document, every text worked out.
type document struct {
	Lang  string
	Draft bool // not finalized: marked DỰ THẢO
	// DraftMark is the word marking a draft, DraftNote what it means.
	DraftMark, DraftNote string
	Head                 letterhead
	Title                []string // the document's name, then its trích yếu lines
	Body                 []block
	Close                closing
	// Annex is a phụ lục after the signatures, on a page of its own.
	Annex []block
}

// letterhead is the top of the first page: the issuing body over the
// number on the left, Quốc hiệu and tiêu ngữ over the place and date on
// the right.
type letterhead struct {
	Governing string // cơ quan chủ quản, upper case, not bold ("" when none)
	Issuer    string // cơ quan ban hành, upper case, bold, underlined
	Nation    string
	Motto     string
	Number    string // "Số: 05/BB-ĐKT"
	Date      string // "Hải Dương, ngày 18 tháng 10 năm 2022"
}

// blockKind is what a block of the body is.
type blockKind int

const (
	blockPara      blockKind = iota // a paragraph
	blockHeading                    // a heading: level 1 (I., II.), 2 (1., 2.), 3 (a, b)
	blockList                       // items each starting with "-"
	blockTable                      // a table with a header row
	blockPageBreak                  // the next block starts a page (the phụ lục)
)

// block is one part of the body.
type block struct {
	Kind  blockKind
	Level int
	Text  []span   // a paragraph or heading
	Items [][]span // a list
	Table *table
	Style paraStyle
	// KeepNext keeps the block on the page of the one after it (a lead-in
	// such as "cụ thể như sau:" before its table).
	KeepNext bool
	// Pictures are a blockImages' small pictures (evidence_doc.go).
	Pictures []picture
}

// paraStyle is how a paragraph sits on the page.
type paraStyle int

const (
	styleBody   paraStyle = iota // justified, first line indented
	styleCenter                  // centered (kính gửi, a phụ lục's title)
	styleNote                    // smaller, italic: notes under a table
)

// span is a run of text in one face.
type span struct {
	Text         string
	Bold, Italic bool
}

func plain(s string) []span { return []span{{Text: s}} }

func bold(s string) span { return span{Text: s, Bold: true} }

// table is a grid with a header row repeated on every page, rows kept
// whole across pages, and an optional total row kept with the row above
// it, so "Tổng cộng" never starts a page on its own.
type table struct {
	Head   []string
	Rows   [][]string
	Align  string // per column: l, c or r
	Widths []int  // relative widths of the columns
	Total  bool   // the last row is the total: bold, kept with the previous row
	Small  bool   // a wide table printed in a smaller face (the phụ lục)
	// Values are the cells as a workbook stores them, where they are
	// numbers (float64 scores, fraction percentages); nil cells and a nil
	// Values keep the text.
	Values [][]any
}

// fraction is a percentage a workbook stores as a fraction with a %
// format.
type fraction float64

// closing is the end of the document: the nơi nhận on the left and the
// signatures, side by side; a document without nơi nhận (the biên bản)
// has only signatures. Lead is the paragraph the signatures are kept with.
type closing struct {
	Recipients []string // "Nơi nhận:" then "- …;" lines
	Signatures []signature
}

// signature is one signature block: quyền hạn, chức vụ, room to sign,
// họ tên.
type signature struct {
	Authority string // "KT. GIÁM ĐỐC", "ĐẠI DIỆN SỞ TƯ PHÁP" (may be empty)
	Title     string // "PHÓ GIÁM ĐỐC", "TRƯỞNG ĐOÀN"
	Hint      string // "(Ký, ghi rõ họ tên)" on a biên bản; "" elsewhere
	Name      string
}

// para, heading, list and tbl append blocks to a body.
type body []block

func (b *body) para(s string) { *b = append(*b, block{Kind: blockPara, Text: plain(s)}) }

func (b *body) spans(sp ...span) { *b = append(*b, block{Kind: blockPara, Text: sp}) }

func (b *body) styled(st paraStyle, s string) {
	*b = append(*b, block{Kind: blockPara, Text: plain(s), Style: st})
}

func (b *body) heading(level int, s string) {
	*b = append(*b, block{Kind: blockHeading, Level: level, Text: plain(s), KeepNext: true})
}

func (b *body) list(items ...string) {
	if len(items) == 0 {
		return
	}
	bl := block{Kind: blockList}
	for _, it := range items {
		bl.Items = append(bl.Items, plain(it))
	}
	*b = append(*b, bl)
}

func (b *body) tbl(t *table) { *b = append(*b, block{Kind: blockTable, Table: t}) }

// keepNext marks the last block as kept with the next one.
func (b *body) keepNext() {
	if n := len(*b); n > 0 {
		(*b)[n-1].KeepNext = true
	}
}

// spanText is the spans' text, faces dropped.
func spanText(sp []span) string {
	var s strings.Builder
	for _, x := range sp {
		s.WriteString(x.Text)
	}
	return s.String()
}
