package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
)

// tinyChecklist is one field of one criterion, whose items say what the
// search tests need, where they need it.
func tinyChecklist() *model.Checklist {
	cl := &model.Checklist{ID: "t", Version: "1", Title: "t", Kind: "so",
		Abbreviations: []model.Abbreviation{{Short: "BPMC", Long: "Bộ phận tiếp nhận và trả kết quả"}},
		Fields: []model.Field{{Code: "1", Title: "Cải cách thủ tục hành chính", Max: 6, Criteria: []model.Criterion{
			{Code: "1.1", Title: "Công khai", Items: []model.Item{
				{Code: "1.1.1", Text: "Có niêm yết đủ TTHC không?", Guidance: "Xem sổ theo dõi hồ sơ", Max: 1, Scoring: model.ScoringBinary},
				{Code: "1.1.2", Text: "Sổ theo dõi hồ sơ có ghi đủ không?", Max: 1, Scoring: model.ScoringBinary},
				{Code: "1.1.3", Text: "Đơn vị đang triển khai kế hoạch không?", Max: 1, Scoring: model.ScoringBinary},
				{Code: "1.1.4", Text: "Chi bộ Đảng có chỉ đạo không?", Max: 1, Scoring: model.ScoringBinary},
				{Code: "1.1.5", Text: "Có công khai thủ tục hành chính tại trụ sở không?", Max: 1, Scoring: model.ScoringBinary},
				{Code: "1.1.6", Text: "Bộ phận tiếp nhận và trả kết quả có đủ người không?", LegalBasis: "Nghị định 118/2025/NĐ-CP", Max: 1, Scoring: model.ScoringBinary},
			}},
		}}},
	}
	cl.Index()
	return cl
}

// searchCodes runs a query through the overlay's own path over s.
func searchCodes(s session, table []abbrev, q string) []string {
	var out []string
	for _, h := range s.search.search(newSearchQuery(q, table), newOwnText(s)) {
		out = append(out, s.items[h.item].Code)
	}
	return out
}

func TestSearchFindsWhatTheInspectorMeans(t *testing.T) {
	t.Parallel()
	field, err := checklists.Abbreviations()
	if err != nil {
		t.Fatal(err)
	}
	cl := tinyChecklist()
	s := newSession(model.Assessment{ID: "a", Status: model.StatusDraft}, model.Unit{}, cl, []model.Finding{
		{ItemCode: "1.1.3", Result: model.ResultFail, Note: "Chưa có sổ giao nhận hồ sơ"},
	})
	table := abbrevTable(field, cl.Abbreviations)
	for _, c := range []struct {
		q    string
		want []string
	}{
		// The item's own text first; the field's title makes every item a
		// (weaker) hit; the guidance weaker still.
		{"so theo doi", []string{"1.1.2", "1.1.1"}},
		// Abbreviations both ways, the typed form before the expanded one.
		{"thu tuc hanh chinh", []string{"1.1.5", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.6"}},
		{"tthc", []string{"1.1.1", "1.1.5", "1.1.2", "1.1.3", "1.1.4", "1.1.6"}},
		// Begun: the inspector has not finished typing the long form.
		{"thu tuc", []string{"1.1.5", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.6"}},
		// A checklist's own abbreviation extends the table.
		{"bpmc", []string{"1.1.6"}},
		// What the inspector wrote is searched: the note of 1.1.3.
		{"so giao nhan", []string{"1.1.3"}},
		// The legal basis too.
		{"118/2025", []string{"1.1.6"}},
		// Typed with accents: the exact word first, then the same letters.
		{"Đảng", []string{"1.1.4", "1.1.3"}},
		{"dang", []string{"1.1.3", "1.1.4"}},
		{"đang", []string{"1.1.3", "1.1.4"}},
	} {
		if got := searchCodes(s, table, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.q, got, c.want)
		}
	}
}

// TestSearchReadmeExampleOnEveryBuiltin: "thu tuc" on every built-in
// checklist finds items, items saying TTHC among them, and an item whose
// own text matches comes before one that matches only in its field's title.
func TestSearchReadmeExampleOnEveryBuiltin(t *testing.T) {
	t.Parallel()
	field, err := checklists.Abbreviations()
	if err != nil {
		t.Fatal(err)
	}
	cls, err := checklists.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range cls {
		s := newSession(model.Assessment{ID: "a"}, model.Unit{}, cl, nil)
		table := abbrevTable(field, cl.Abbreviations)
		hits := s.search.search(newSearchQuery("thu tuc", table), newOwnText(s))
		if len(hits) == 0 {
			t.Errorf("%s: “thu tuc” finds nothing", cl.Ref())
			continue
		}
		tthc := 0
		for _, h := range hits {
			if strings.Contains(s.items[h.item].Text, "TTHC") {
				tthc++
			}
		}
		if tthc == 0 {
			t.Errorf("%s: “thu tuc” finds no item saying TTHC", cl.Ref())
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].tier < hits[i-1].tier && !hits[i-1].code {
				t.Errorf("%s: %s (tier %d) ranked after %s (tier %d)", cl.Ref(), s.items[hits[i].item].Code, hits[i].tier,
					s.items[hits[i-1].item].Code, hits[i-1].tier)
			}
		}
		if got := s.search.search(newSearchQuery("tthc", table), newOwnText(s)); len(got) == 0 {
			t.Errorf("%s: “tthc” finds nothing", cl.Ref())
		}
	}
}

// TestSearchOverlayShowsWhereAndOwnNotes: in the app, a note written a
// moment ago is found, and the row says where the match is.
func TestSearchOverlayShowsWhereAndOwnNotes(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	abbrevs, err := checklists.Abbreviations()
	if err != nil {
		t.Fatal(err)
	}
	deps := testDeps(t, db, i18n.VI)
	deps.Abbreviations = abbrevs
	a := openDemoUnit(t, startApp(t, deps, 120, 40), "SYT")
	code := cursorItem(a).Code
	a = keys(t, a, "3", "Không có sổ nhật ký xe công vụ", "esc")
	if f, _ := storedFinding(t, db, a.sess.assessment.ID, code); f.Note == "" {
		t.Fatal("the note was not stored")
	}
	a = keys(t, a, "/", "nhat ky xe cong vu")
	if len(a.search.results) != 1 || a.sess.items[a.search.results[0]].Code != code {
		t.Fatalf("the note is not found: %v", a.search.results)
	}
	requireContains(t, a, code, "(trong ghi chú của đoàn)")
	a = keys(t, a, "esc", "/", "tthc")
	if len(a.search.results) == 0 {
		t.Fatalf("tthc finds nothing on %s", a.sess.cl.Ref())
	}
	_ = context.Background
}
