package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Thủ tục hành chính", "thu tuc hanh chinh"},
		{"Đông", "dong"},
		{"đông", "dong"},
		{"ĐẠT", "dat"},
		{"Chưa đạt", "chua dat"},
		{"Đạt một phần", "dat mot phan"},
		{"Không áp dụng", "khong ap dung"},
		{"UBND huyện Bình Giang", "ubnd huyen binh giang"},
		{"Sở Nội vụ tỉnh Hải Dương", "so noi vu tinh hai duong"},
		{"Thu\u0309 tu\u0323c", "thu tuc"},   // NFD: u + combining hook above, u + dot below
		{"Thủ tục", "thu tuc"},               // the same in NFC
		{"D\u0323a\u0306\u0301ng", "dang"},   // NFD stacked marks (ặ as a + breve + acute)
		{"Ngu\u031bo\u031b\u0300i", "nguoi"}, // NFD horn marks: người
		{"  a \t b  ", "a b"},                // runs of white space → one space, trimmed
		{"a\n\nb\r\nc", "a b c"},
		{"a\u00a0b", "a b"}, // no-break space is white space too
		{"", ""},
		{"   ", ""},
		{"ABC xyz 123", "abc xyz 123"},
		{"3.2.1 – Công khai", "3.2.1 – cong khai"}, // punctuation is kept
		// Fold knows only Vietnamese letters: ñ is lower-cased but keeps its
		// tilde, while ú (a Vietnamese letter) becomes u.
		{"Ñandú", "ñandu"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldEveryVietnameseLetter(t *testing.T) {
	const letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
	if n := utf8.RuneCountInString(letters); n != 67 { // 17 a + 11 e + 5 i + 17 o + 11 u + 5 y + đ
		t.Fatalf("test string has %d letters, want 67", n)
	}
	for _, r := range letters {
		want := baseOf(r)
		for _, c := range []rune{r, unicode.ToUpper(r)} {
			got := Fold(string(c))
			if got != string(want) {
				t.Errorf("Fold(%q U+%04X) = %q, want %q", c, c, got, want)
			}
		}
	}
	if got, want := Fold(letters), strings.Repeat("a", 17)+strings.Repeat("e", 11)+strings.Repeat("i", 5)+
		strings.Repeat("o", 17)+strings.Repeat("u", 11)+strings.Repeat("y", 5)+"d"; got != want {
		t.Errorf("Fold(all letters) = %q, want %q", got, want)
	}
	if got := Fold(strings.ToUpper(letters)); got != Fold(letters) {
		t.Errorf("Fold(upper) = %q, want %q", got, Fold(letters))
	}
}

// baseOf names the ASCII base letter by hand from the letter's position in
// the alphabet string above, independently of foldTable.
func baseOf(r rune) rune {
	switch {
	case strings.ContainsRune("àáảãạăằắẳẵặâầấẩẫậ", r):
		return 'a'
	case strings.ContainsRune("èéẻẽẹêềếểễệ", r):
		return 'e'
	case strings.ContainsRune("ìíỉĩị", r):
		return 'i'
	case strings.ContainsRune("òóỏõọôồốổỗộơờớởỡợ", r):
		return 'o'
	case strings.ContainsRune("ùúủũụưừứửữự", r):
		return 'u'
	case strings.ContainsRune("ỳýỷỹỵ", r):
		return 'y'
	case r == 'đ':
		return 'd'
	}
	return r
}

func TestFoldSearch(t *testing.T) {
	// What the search box relies on: a query folds to a substring of the folded text.
	text := Fold("Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa")
	for _, q := range []string{"thu tuc", "THỦ TỤC", "mot cua", "Một  cửa", "niem yet"} {
		if !strings.Contains(text, Fold(q)) {
			t.Errorf("Fold(%q) = %q not found in %q", q, Fold(q), text)
		}
	}
}

const benchSentence = "Ủy ban nhân dân tỉnh Hải Dương ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2022 đối với các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố; đánh giá việc thực hiện thủ tục hành chính."

func BenchmarkFold(b *testing.B) {
	if n := utf8.RuneCountInString(benchSentence); n < 190 || n > 230 {
		b.Fatalf("sentence has %d characters, want about 200", n)
	}
	b.SetBytes(int64(len(benchSentence)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Fold(benchSentence)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Thủ tục hành chính", "Đông", "ĐẠT", "Thu\u0309 tu\u0323c", "  a \t b  ", "", "\xff\xfe", "İstanbul", "K\u212a", benchSentence} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold not idempotent on %q: %q then %q", s, once, twice)
		}
		for i := 0; i < len(once); i++ {
			if c := once[i]; c >= 'A' && c <= 'Z' {
				t.Fatalf("Fold(%q) = %q has upper-case %q", s, once, c)
			}
		}
		if strings.HasPrefix(once, " ") || strings.HasSuffix(once, " ") || strings.Contains(once, "  ") {
			t.Fatalf("Fold(%q) = %q has stray spaces", s, once)
		}
		for _, r := range once {
			if unicode.Is(unicode.Mn, r) {
				t.Fatalf("Fold(%q) = %q keeps a combining mark U+%04X", s, once, r)
			}
			if r != ' ' && unicode.IsSpace(r) {
				t.Fatalf("Fold(%q) = %q keeps white space U+%04X", s, once, r)
			}
		}
	})
}
