package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The benchmarks compare our windowed checklist and folded search with a
// plain bubbles/list holding the same 2,000 items, measured in the same run:
//
//	go test ./ui/ -run '^$' -bench 2000 -benchmem
//
// "found" is 1 when the best hit for "thu tuc" is the one item that says
// "thủ tục" (the list's default filter matches rune by rune, so it cannot).

const benchItems = 2000

// targetItem is the only item containing "thủ tục".
const targetItem = 1500

var benchTexts = []string{
	"Đơn vị có công khai hồ sơ số %d tại Bộ phận Một cửa không?",
	"Tỷ lệ hồ sơ giải quyết đúng hạn của lĩnh vực %d là bao nhiêu?",
	"Cán bộ tiếp nhận có hướng dẫn đầy đủ cho người dân (mục %d) không?",
	"Kết quả giải quyết được trả đúng hẹn, có Phiếu xin lỗi khi trễ hạn (%d)?",
}

func bigChecklist() *model.Checklist {
	cl := &model.Checklist{ID: "bench", Version: "1", Title: "Kiểm tra 2.000 thủ tục", Kind: "xa"}
	n := 0
	for f := 1; f <= 4; f++ {
		field := model.Field{Code: fmt.Sprint(f), Title: fmt.Sprintf("Lĩnh vực %d", f)}
		for c := 1; c <= 10; c++ {
			cr := model.Criterion{Code: fmt.Sprintf("%d.%d", f, c), Title: fmt.Sprintf("Nhóm %d.%d", f, c)}
			for i := 1; i <= benchItems/40; i++ {
				text := fmt.Sprintf(benchTexts[n%len(benchTexts)], n)
				if n == targetItem {
					text = "Niêm yết công khai thủ tục hành chính lĩnh vực đất đai đúng quy định"
				}
				cr.Items = append(cr.Items, model.Item{Code: fmt.Sprintf("%d.%d.%d", f, c, i), Text: text,
					Max: 25, Scoring: model.ScoringBinary})
				n++
			}
			field.Max += cr.Max()
			field.Criteria = append(field.Criteria, cr)
		}
		cl.Fields = append(cl.Fields, field)
	}
	cl.Index()
	return cl
}

// benchApp is the App on the checklist screen of the big checklist.
func benchApp(w, h int) App {
	a := New(Deps{Lang: i18n.VI})
	m, _ := a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	a = m.(App)
	cl := bigChecklist()
	a.sess = newSession(model.Assessment{ID: "a", Status: model.StatusDraft}, model.Unit{Name: "UBND xã Bình Minh", Code: "BM"}, cl, nil)
	a.checklist = newChecklistModel(a.area(), a.sess)
	a.screen = screenChecklist
	return a
}

type listItem struct{ code, text string }

func (i listItem) Title() string       { return i.code + " " + i.text }
func (i listItem) Description() string { return "" }
func (i listItem) FilterValue() string { return i.code + " " + i.text }

func benchList(w, h int) (list.Model, []list.Item) {
	var items []list.Item
	for _, it := range bigChecklist().Items() {
		items = append(items, listItem{it.Code, it.Text})
	}
	l := list.New(items, list.NewDefaultDelegate(), w, h)
	return l, items
}

func BenchmarkKeystroke2000(b *testing.B) {
	a := benchApp(120, 40)
	down := tea.KeyMsg{Type: tea.KeyDown}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if a.checklist.cursor == benchItems-1 {
			a.checklist = a.checklist.jump(0)
		}
		m, _ := a.Update(down)
		a = m.(App)
		_ = a.View()
	}
}

func BenchmarkKeystroke2000BubblesList(b *testing.B) {
	l, _ := benchList(120, 38)
	down := tea.KeyMsg{Type: tea.KeyDown}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if l.Index() == benchItems-1 {
			l.Select(0)
		}
		l, _ = l.Update(down)
		_ = l.View()
	}
}

func BenchmarkSearch2000(b *testing.B) {
	a := benchApp(120, 40)
	m, _ := newSearchModel(a.area().sized(120, 37), a.sess)
	c := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")}
	found := 0.0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// The keystroke that completes "thu tuc".
		m.input.SetValue("thu tu")
		m.query = "thu tu"
		m, _, _ = m.update(c, a.sess)
		_ = m.view(a.sess)
	}
	b.StopTimer()
	if len(m.results) > 0 && m.results[0] == targetItem {
		found = 1
	}
	b.ReportMetric(found, "found")
}

func BenchmarkSearch2000BubblesListFilter(b *testing.B) {
	_, items := benchList(120, 38)
	targets := make([]string, len(items))
	for i, it := range items {
		targets[i] = it.FilterValue()
	}
	var ranks []list.Rank
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ranks = list.DefaultFilter("thu tuc", targets)
	}
	b.StopTimer()
	found := 0.0
	if len(ranks) > 0 && strings.Contains(targets[ranks[0].Index], "thủ tục") {
		found = 1
	}
	b.ReportMetric(found, "found")
}

// TestBenchChecklistShape keeps the benchmark honest: 2,000 items, one
// target, and our search finds it first.
func TestBenchChecklistShape(t *testing.T) {
	t.Parallel()
	a := benchApp(120, 40)
	if n := len(a.sess.items); n != benchItems {
		t.Fatalf("%d items", n)
	}
	if r := a.sess.search.find("thu tuc"); len(r) != 1 || r[0] != targetItem {
		t.Fatalf("find(thu tuc) = %v", r)
	}
	checkView(t, a, 120, 40, "bench checklist")
}
