package i18n

import (
	"regexp"
	"strings"
	"testing"
)

// One word for one thing: the glossary below is the words kiemtra uses for
// the things it shows, in both languages. An English message that names
// the thing says it in Vietnamese with the same word; Vietnamese never
// uses the synonyms people met before and found confusing.

// glossary pairs an English word with the Vietnamese words for it.
var glossary = []struct {
	thing string
	en    *regexp.Regexp
	vi    []string
	// except are messages that name the thing without the word, and why.
	except map[string]string
}{
	{thing: "item", en: regexp.MustCompile(`(?i)\bitems?\b`), vi: []string{"mục"}, except: map[string]string{
		"report.sheet.items":      "a workbook sheet named Chi tiết (details)",
		"ui.editor.note_required": "bắt buộc khi chưa đạt: the item is the one being edited",
		"ui.report.part_hint":     "a list item of a paragraph, not a checklist's item",
	}},
	{thing: "checklist", en: regexp.MustCompile(`(?i)\bchecklists?\b`), vi: []string{"bộ tiêu chí"}},
	{thing: "draft", en: regexp.MustCompile(`(?i)\bdrafts?\b`), vi: []string{"bản nháp", "dự thảo"}},
	{thing: "finalized", en: regexp.MustCompile(`(?i)\bfinali[sz]`), vi: []string{"hoàn thành"}},
	{thing: "conflict", en: regexp.MustCompile(`(?i)\bconflicts?\b`), vi: []string{"xung đột"}},
	{thing: "device", en: regexp.MustCompile(`(?i)\bdevices?\b`), vi: []string{"thiết bị", "máy"}},
}

// forbidden are Vietnamese words kiemtra does not use, with the word it
// uses instead.
var forbidden = []struct {
	word *regexp.Regexp
	use  string
}{
	{regexp.MustCompile(`(?i)đang làm`), "bản nháp (a draft assessment)"},
	{regexp.MustCompile(`(?i)danh mục\b[^,.;:]*\b(?:lưu|để)`), "bộ tiêu chí (the checklist screen)"},
	{regexp.MustCompile(`(?i)đã kết thúc`), "đã hoàn thành (finalized)"},
}

// criterion is "tiêu chí" not in "bộ tiêu chí": a criterion, the level
// between a field and its items, never an item.
var criterion = regexp.MustCompile(`(?i)(^|[^ộ] |^)tiêu chí`)

func TestGlossary(t *testing.T) {
	for _, g := range glossary {
		for _, k := range Keys() {
			e, _ := Lookup(k)
			if !g.en.MatchString(e.EN) || g.except[k] != "" {
				continue
			}
			vi := strings.ToLower(e.VI)
			found := false
			for _, w := range g.vi {
				found = found || strings.Contains(vi, w)
			}
			if !found {
				t.Errorf("%s: English names the %s (%q) but Vietnamese says none of %q: %q", k, g.thing, e.EN, g.vi, e.VI)
			}
		}
		for k := range g.except {
			if _, ok := Lookup(k); !ok {
				t.Errorf("glossary exception %s is not a message", k)
			}
		}
	}
	for _, k := range Keys() {
		e, _ := Lookup(k)
		for _, f := range forbidden {
			if m := f.word.FindString(e.VI); m != "" {
				t.Errorf("%s: %q says %q; kiemtra says %s", k, e.VI, m, f.use)
			}
		}
		if criterion.MatchString(e.VI) && !strings.Contains(strings.ToLower(e.EN), "criteri") {
			t.Errorf("%s: %q says tiêu chí but means %q: an item is a mục", k, e.VI, e.EN)
		}
	}
}

// TestGlossaryCatches shows each rule fails on the words it forbids.
func TestGlossaryCatches(t *testing.T) {
	for _, s := range []string{"  xung đột: đơn vị %s, tiêu chí %s", "Tiêu chí lĩnh vực %s"} {
		if !criterion.MatchString(s) {
			t.Errorf("the criterion rule misses %q", s)
		}
	}
	for _, s := range []string{"bộ tiêu chí %s", "Bộ tiêu chí"} {
		if criterion.MatchString(s) {
			t.Errorf("the criterion rule takes %q for a criterion", s)
		}
	}
	if !forbidden[0].word.MatchString("%d phiếu đang làm dùng tên mới") {
		t.Error("đang làm not caught")
	}
	if !forbidden[1].word.MatchString("nhấn ctrl+s ở danh mục để lưu lại trước") {
		t.Error("danh mục for the checklist not caught")
	}
	if forbidden[1].word.MatchString("đầu danh mục") {
		t.Error("danh mục for the list caught")
	}
}
