package checklists

import (
	"errors"
	"strings"
	"testing"

	"kiemtra/i18n"
)

// A plan visiting a UBND cấp huyện on or after 1 July 2025 (by its date,
// or undated in an inspection of a later year) is refused at the line,
// saying why in both languages; a visit before that day is fine.
func TestPlanRefusesRetiredKind(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, plan, want string
	}{
		{"dated", "inspection: {year: 2025, title: T}\nvisits:\n  - unit: {code: GL, name: \"UBND huyện Gia Lộc\", kind: huyen}\n    date: 01/07/2025\n    checklist: ubnd-huyen\n",
			"p.yaml:4: lượt kiểm tra GL: UBND cấp huyện không còn từ ngày 01/07/2025 (loại đơn vị này đã bãi bỏ), nên không thể có lượt kiểm tra 01/07/2025"},
		{"undated, later year", "inspection: {year: 2026, title: T}\nvisits:\n  - unit: {code: GL, name: \"UBND huyện Gia Lộc\", kind: huyen}\n    checklist: ubnd-huyen\n",
			"p.yaml:3: lượt kiểm tra GL: UBND cấp huyện không còn từ ngày 01/07/2025 (loại đơn vị này đã bãi bỏ), nên không thể có lượt kiểm tra 2026"},
	} {
		_, err := ParsePlan("p.yaml", []byte(c.plan))
		var es Errors
		if !errors.As(err, &es) || len(es) != 1 {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := es.Render(i18n.New(i18n.VI)); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s…", c.name, got, c.want)
		}
		if got := es.Render(i18n.New(i18n.EN)); !strings.Contains(got, "District people's committees no longer exist from 01/07/2025") {
			t.Errorf("%s (en): %s", c.name, got)
		}
	}
	ok := "inspection: {year: 2025, title: T}\nvisits:\n  - unit: {code: GL, name: \"UBND huyện Gia Lộc\", kind: huyen}\n    date: 30/06/2025\n    checklist: ubnd-huyen\n"
	if _, err := ParsePlan("p.yaml", []byte(ok)); err != nil {
		t.Errorf("a huyện on 30 June 2025: %v", err)
	}
}
