package ui

import (
	"regexp"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// TestPercentOfTheMaximumShown: every percentage on the checklist and the
// summary is the score over the maximum printed beside it (the adjusted
// maximum, as in the documents), written as the catalogue writes it.
func TestPercentOfTheMaximumShown(t *testing.T) {
	t.Parallel()
	pattern := map[i18n.Lang][]*regexp.Regexp{
		i18n.VI: {
			regexp.MustCompile(`Tổng: ([\d,]+)/([\d,]+) điểm \(([\d,]+)%\)`),
			regexp.MustCompile(`Điểm: ([\d,]+)/([\d,]+) \(([\d,]+)%\)`),
			regexp.MustCompile(`\d+/\d+ +([\d,]+)/([\d,]+) +([\d,]+)%`),
		},
		i18n.EN: {
			regexp.MustCompile(`Total: ([\d.]+)/([\d.]+) points \(([\d.]+)%\)`),
			regexp.MustCompile(`Score: ([\d.]+)/([\d.]+) \(([\d.]+)%\)`),
			regexp.MustCompile(`\d+/\d+ +([\d.]+)/([\d.]+) +([\d.]+)%`),
		},
	}
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		db := openStore(t, true, "Nguyễn Thị Hương")
		a := newTestApp(t, db, lang, 120, 40)
		// STP's demo assessment has items marked không áp dụng, so its
		// adjusted maximum is not its maximum.
		a = openDemoUnit(t, a, "STP")
		checked := 0
		for _, s := range []string{screen(a), screen(keys(t, a, "s"))} {
			for _, line := range strings.Split(s, "\n") {
				for _, re := range pattern[lang] {
					for _, m := range re.FindAllStringSubmatch(line, -1) {
						score, err1 := model.ParsePoints(m[1])
						most, err2 := model.ParsePoints(m[2])
						if err1 != nil || err2 != nil || most == 0 {
							t.Fatalf("%s: %q: not a score over a maximum", lang, m[0])
						}
						want := i18n.New(lang).Percent(float64(score) * 100 / float64(most))
						if m[3] != want {
							t.Errorf("%s: %q: %s/%s is %s%%", lang, strings.TrimSpace(line), m[1], m[2], want)
						}
						checked++
					}
				}
			}
		}
		// The total, the summary's score and its eight fields.
		if checked < 10 {
			t.Errorf("%s: only %d percentages found", lang, checked)
		}
	}
}
