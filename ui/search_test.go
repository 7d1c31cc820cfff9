package ui

import (
	"reflect"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

func searchItems(texts map[string]string, order []string) []flatItem {
	out := make([]flatItem, len(order))
	for i, code := range order {
		out[i] = flatItem{Item: model.Item{Code: code, Text: texts[code]}}
	}
	return out
}

func TestSearchRanking(t *testing.T) {
	t.Parallel()
	texts := map[string]string{
		"1.1":   "Đơn vị có công khai thủ tục hành chính không?",
		"1.2":   "Thực hiện tục lệ địa phương", // "tuc" starts a word; "thu" only inside "thuc"
		"2.1":   "Đông Hưng: tiếp nhận hồ sơ",
		"3.1":   "Kế hoạch số 149/KH-UBND",
		"3.10":  "Tỷ lệ hồ sơ trễ hạn",
		"4.1":   "Cơ chế một cửa liên thông",
		"31.2":  "Phiếu xin lỗi",
		"5.1.1": "Hệ thống quản lý văn bản",
	}
	order := []string{"1.1", "1.2", "2.1", "3.1", "3.10", "4.1", "31.2", "5.1.1"}
	ix := newSearchIndex(searchItems(texts, order), nil)
	codes := func(q string) []string {
		var out []string
		for _, i := range ix.find(q) {
			out = append(out, order[i])
		}
		return out
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"thu tuc", []string{"1.1", "1.2"}},       // marks and case ignored; word prefixes (1.1) before substrings (thực, 1.2)
		{"THỦ TỤC", []string{"1.1", "1.2"}},       // query with marks and capitals
		{"thu tuc khong", []string{"1.1"}},        // every word must match
		{"dong", []string{"2.1"}},                 // đ ↔ d
		{"đông", []string{"2.1"}},                 // the other way
		{"3.1", []string{"3.1", "3.10"}},          // code prefix first, in checklist order
		{"3", []string{"3.1", "3.10", "31.2"}},    // every code starting with 3
		{"ho so", []string{"2.1", "3.1", "3.10"}}, // word prefixes ("hồ sơ", "hoạch số"), checklist order
		{"149", []string{"3.1"}},                  // inside a document number
		{"xyz", nil},
		{"", nil},
	} {
		got := codes(c.q)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("find(%q) = %v, want %v", c.q, got, c.want)
		}
	}
	// Substring-only matches tie, in checklist order.
	got := codes("ong")
	if !reflect.DeepEqual(got, []string{"1.1", "1.2", "2.1", "4.1", "5.1.1"}) {
		t.Errorf("ong: %v", got)
	}
	got = codes("lien")
	if len(got) != 1 || got[0] != "4.1" {
		t.Errorf("lien: %v", got)
	}
	// "tuc" starts a word in 1.1 ("tục") and in 1.2 ("tục lệ"): both, order kept.
	got = codes("tuc")
	if !reflect.DeepEqual(got, []string{"1.1", "1.2"}) {
		t.Errorf("tuc: %v", got)
	}
	// "uc" is inside words only; a word-prefix hit must come first.
	ix2 := newSearchIndex(searchItems(map[string]string{"a": "phục vụ", "b": "úc châu"}, []string{"a", "b"}), nil)
	if r := ix2.find("uc"); len(r) != 2 || r[0] != 1 || r[1] != 0 {
		t.Errorf("word prefix not ranked first: %v", r)
	}
}

func TestSearchOverlayJumps(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	a = keys(t, a, "/")
	if !a.searching {
		t.Fatal("/ did not open search")
	}
	a = keys(t, a, "phieu xin loi")
	if len(a.search.results) == 0 {
		t.Fatalf("no result:\n%s", screen(a))
	}
	want := a.search.results[0]
	text := a.sess.items[want].Text
	if model.Fold(text) == "" || !contains(model.Fold(text), "phieu xin loi") {
		t.Fatalf("first result %q does not contain the query", text)
	}
	requireContains(t, a, "kết quả", a.sess.items[want].Code)
	a = keys(t, a, "enter")
	if a.searching || a.checklist.cursor != want {
		t.Fatalf("jump: searching %v cursor %d want %d", a.searching, a.checklist.cursor, want)
	}
	// q while searching is typed, not quit; esc closes.
	a = keys(t, a, "/", "q")
	if quit(a) || a.search.input.Value() != "q" {
		t.Fatal("q quit from the search box")
	}
	a = keys(t, a, "esc")
	if a.searching || a.screen != screenChecklist {
		t.Fatal("esc did not close search")
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && (s == sub || indexStr(s, sub) >= 0)
}

func indexStr(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
