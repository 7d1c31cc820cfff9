package ui

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"
)

// vnWords are the words the generated notes are made of: every tone mark
// and every letter of Vietnamese with one, in lower and upper case.
var vnWords = strings.Fields(`Kiểm tra tồn tại hạn chót Câu hỏi thủ tục hành chính Sở Nội vụ đơn vị
	khắc phục trước ngày ước tính ổn định Bộ phận Một cửa niêm yết công khai hồ sơ trễ hẹn Phiếu
	xin lỗi Ủy ban nhân dân huyện Đông Hưng phường xã đặc khu tường nứt sổ theo dõi chưa đạt
	kế hoạch số 149/KH-UBND Giám đốc Phó Chủ tịch cán bộ công chức viên chức ứng dụng phần mềm
	giải quyết đúng hạn tỷ lệ 78% quý năm 2022 Ữ ẵ Ỹ ỵ ỗ Ẩ ẫ ĩ ự ừ ữ Ơ ờ ở ợ ắ ằ ẳ ặ ấ ầ ẩ ậ ề ể ễ ệ ố ộ`)

// vietnamese is about n bytes of Vietnamese prose (NFC, no leading or
// trailing space), with commas, full stops and line breaks, the same for
// the same seed.
func vietnamese(n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 2026))
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			switch rng.IntN(12) {
			case 0:
				b.WriteString(". ")
			case 1:
				b.WriteString(", ")
			case 2:
				b.WriteString(".\n")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(vnWords[rng.IntN(len(vnWords))])
	}
	return norm.NFC.String(b.String())
}

// unaccented is s without tone marks and with đ as d: the letters a
// Telex user presses before the marks.
func unaccented(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// telexStream is the bytes a terminal sends while text is typed with a
// backspace-technique input method in Telex: each word's plain letters,
// then as many backspaces (DEL, 0x7f) as the input method takes back and
// the letters it puts instead; now and then a typo deleted at once. Line
// breaks are Enter (CR). Typed into a note, it leaves exactly text.
func telexStream(text string, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	var b []byte
	word := func(w string) {
		plain := []rune(unaccented(w))
		full := []rune(w)
		common := 0
		for common < len(plain) && common < len(full) && plain[common] == full[common] {
			common++
		}
		b = append(b, string(plain)...)
		for range len(plain) - common {
			b = append(b, 0x7f)
		}
		b = append(b, string(full[common:])...)
		if rng.IntN(9) == 0 {
			b = append(b, 'x', 0x7f)
		}
	}
	start := 0
	for i, r := range text {
		if r == ' ' || r == '\n' {
			word(text[start:i])
			if r == '\n' {
				b = append(b, '\r')
			} else {
				b = append(b, ' ')
			}
			start = i + 1
		}
	}
	word(text[start:])
	return b
}

// cutOrders are the ways the input tests cut a stream into chunks of
// every size from 1 to 200 bytes: sizes rising 1, 2 … 200, 1, 2 …; falling
// 200, 199 … 1, 200 …; and at random (a fixed seed).
var cutOrders = []string{"rising", "falling", "random"}

// cut cuts b into chunks whose sizes go through 1 to 200 bytes in the
// given order; aligned moves each cut forward to a rune boundary (what the
// terminal reader hands over), otherwise a cut may split a letter (what a
// terminal's reads do).
func cut(b []byte, order string, aligned bool) [][]byte {
	rng := rand.New(rand.NewPCG(200, 1))
	var out [][]byte
	for i := 0; len(b) > 0; i++ {
		var n int
		switch order {
		case "rising":
			n = 1 + i%200
		case "falling":
			n = 200 - i%200
		default:
			n = 1 + rng.IntN(200)
		}
		n = min(n, len(b))
		for aligned && n < len(b) && !utf8.RuneStart(b[n]) {
			n++
		}
		out = append(out, b[:n])
		b = b[n:]
	}
	return out
}

// chunkKeys is one chunk as key messages: the runs of its runes as
// KeyRunes (as an input method commits them, spaces included), DEL as
// backspace, CR as Enter.
func chunkKeys(chunk []byte) []tea.KeyMsg {
	var out []tea.KeyMsg
	var run []rune
	flush := func() {
		if len(run) > 0 {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: run})
			run = nil
		}
	}
	for _, r := range string(chunk) {
		switch r {
		case 0x7f:
			flush()
			out = append(out, tea.KeyMsg{Type: tea.KeyBackspace})
		case '\r':
			flush()
			out = append(out, tea.KeyMsg{Type: tea.KeyEnter})
		default:
			run = append(run, r)
		}
	}
	flush()
	return out
}

// pasteKeys is text pasted without brackets, as Bubble Tea delivers it: a
// KeyRunes per run of letters, a KeySpace per space, Enter per line.
func pasteKeys(text string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			out = append(out, tea.KeyMsg{Type: tea.KeyEnter})
		}
		for j, w := range strings.Split(line, " ") {
			if j > 0 {
				out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			}
			if w != "" {
				out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
			}
		}
	}
	return out
}
