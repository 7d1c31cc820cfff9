package model

import (
	"strings"
	"unicode"
)

// foldTable maps every precomposed Vietnamese letter to its bare ASCII base
// letter. Writing it out keeps model free of golang.org/x/text; combining
// marks (text in NFD) are dropped by Fold separately, so both forms fold the
// same.
var foldTable = func() map[rune]rune {
	groups := map[rune]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậ",
		'e': "èéẻẽẹêềếểễệ",
		'i': "ìíỉĩị",
		'o': "òóỏõọôồốổỗộơờớởỡợ",
		'u': "ùúủũụưừứửữự",
		'y': "ỳýỷỹỵ",
		'd': "đ",
	}
	m := make(map[rune]rune, 160)
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
			m[unicode.ToUpper(r)] = base
		}
	}
	return m
}()

// Fold returns s in the form used for diacritic- and case-insensitive
// search: lower case, Vietnamese tone and vowel marks removed, đ → d, runs
// of white space collapsed to one space. "Thủ tục" and "thu tuc" fold alike,
// and so do "Đông" and "dong".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if base, ok := foldTable[r]; ok {
			r = base
		} else if r == 'Đ' || r == 'đ' {
			r = 'd'
		} else {
			r = unicode.ToLower(r)
		}
		if unicode.IsSpace(r) {
			if b.Len() > 0 {
				space = true
			}
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
