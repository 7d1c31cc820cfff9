package checklists

import (
	"errors"
	"fmt"
	"kiemtra/i18n"
	"kiemtra/model"
	"strings"
	"testing"
)

// base is a small valid checklist; cases replace whole lines, so the line
// numbers below stay those of this listing.
var base = []string{
	1:  `id: t`,
	2:  `version: "1"`,
	3:  `title: "Thử"`,
	4:  `kind: so`,
	5:  `bands:`,
	6:  `  - {label: "Đạt", min: 50}`,
	7:  `  - {label: "Chưa đạt", min: 0}`,
	8:  `fields:`,
	9:  `  - code: "1"`,
	10: `    title: "Lĩnh vực"`,
	11: `    max: 2`,
	12: `    criteria:`,
	13: `      - code: "1.1"`,
	14: `        title: "Tiêu chí"`,
	15: `        items:`,
	16: `          - code: "1.1.1"`,
	17: `            text: "Có không?"`,
	18: `            max: 1`,
	19: `            scoring: binary`,
	20: `          - code: "1.1.2"`,
	21: `            text: "Tỷ lệ bao nhiêu?"`,
	22: `            max: 1`,
	23: `            scoring: levels`,
	24: `            levels:`,
	25: `              - {score: 1, label: "Đủ"}`,
	26: `              - {score: 0, label: "Không"}`,
}

// edit returns base with the given lines replaced ("#" keeps a line as a
// comment, so later line numbers do not move).
func edit(repl map[int]string) []byte {
	lines := append([]string(nil), base[1:]...)
	for n, s := range repl {
		lines[n-1] = s
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

func through(from, to int, first string) map[int]string {
	m := map[int]string{from: first}
	for i := from + 1; i <= to; i++ {
		m[i] = "#"
	}
	return m
}

func TestBaseIsValid(t *testing.T) {
	c, err := Parse("t.yaml", edit(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.ItemCount() != 2 || c.Max() != 200 || c.Bands[0].Label != "Đạt" {
		t.Fatalf("parsed %+v", c)
	}
}

func TestValidatorRules(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"typo in key", edit(map[int]string{19: `            scoreing: binary`}), []string{
			`t.yaml:16: item 1.1.1: missing "scoring" (one of binary, partial, levels, manual, deduction)`,
			`t.yaml:19: item 1.1.1: unknown key "scoreing" (did you mean "scoring"?)`,
		}},
		{"unknown top-level key", edit(map[int]string{3: `titel: "Thử"`}), []string{
			`t.yaml:1: checklist: missing "title"`,
			`t.yaml:3: checklist: unknown key "titel" (did you mean "title"?)`,
		}},
		{"unrelated unknown key", edit(map[int]string{18: `            weight: 1`}), []string{
			`t.yaml:16: item 1.1.1: missing "max"`,
			`t.yaml:18: item 1.1.1: unknown key "weight" (valid keys: code, text, guidance, evidence, legal_basis, source, default, max, scoring, per_case, not_applicable, follow_up, levels)`,
		}},
		{"unknown scoring mode", edit(map[int]string{19: `            scoring: yesno`}), []string{
			`t.yaml:19: item 1.1.1: unknown scoring mode "yesno" (valid: binary, partial, levels, manual, deduction)`,
		}},
		{"NFD text", edit(map[int]string{17: "            text: \"Thu\u0309 tu\u0323c?\""}), []string{
			`t.yaml:17: item 1.1.1: text must be in Unicode NFC (composed) form; this text has separate combining accents (NFD)`,
		}},
		{"NFD band label", edit(map[int]string{6: "  - {label: \"Đa\u0323t\", min: 50}"}), []string{
			`t.yaml:6: band #1: label must be in Unicode NFC (composed) form; this text has separate combining accents (NFD)`,
		}},
		{"malformed syntax: unclosed quote", edit(map[int]string{10: `    title: 'Lĩnh vực`}), []string{
			`t.yaml:10: YAML syntax error at column 12, near "'Lĩnh vực": check the indentation, the colons (a “:” in text needs quotes), brackets and quotes`,
		}},
		{"malformed syntax: colon in plain text", edit(map[int]string{10: `    title: Lĩnh vực: thể chế`}), []string{
			`t.yaml:10: YAML syntax error at column 12, near "Lĩnh vực": check the indentation, the colons (a “:” in text needs quotes), brackets and quotes`,
		}},
		{"malformed syntax: reserved character", edit(map[int]string{17: `            text: @abc`}), []string{
			`t.yaml:17: YAML syntax error at column 19, near "@": check the indentation, the colons (a “:” in text needs quotes), brackets and quotes`,
		}},
		{"bad indentation", edit(map[int]string{18: `             max: 1`}), []string{
			`t.yaml:18: YAML syntax error at column 14, near "max": check the indentation, the colons (a “:” in text needs quotes), brackets and quotes`,
		}},
		{"duplicate item code", edit(map[int]string{20: `          - code: "1.1.1"`}), []string{
			`t.yaml:20: item 1.1.1: code "1.1.1" is already used on line 16 (codes must be unique in the checklist)`,
		}},
		{"item code reuses a field code", edit(map[int]string{20: `          - code: "1"`}), []string{
			`t.yaml:20: item 1: code must start with its criterion's code "1.1."`,
			`t.yaml:20: item 1: code "1" is already used on line 9 (codes must be unique in the checklist)`,
		}},
		{"duplicate key", edit(map[int]string{18: `            text: "Lại?"`}), []string{
			`t.yaml:16: item 1.1.1: missing "max"`,
			`t.yaml:18: item 1.1.1: key "text" appears twice (first on line 17)`,
		}},
		{"sum mismatch", edit(map[int]string{11: `    max: 2.5`}), []string{
			`t.yaml:11: field 1: items add up to 2, max is 2.5`,
		}},
		{"sum mismatch from an item", edit(map[int]string{18: `            max: 0.5`}), []string{
			`t.yaml:11: field 1: items add up to 1.5, max is 2`,
		}},
		{"item code prefix", edit(map[int]string{16: `          - code: "1.2.1"`}), []string{
			`t.yaml:16: item 1.2.1: code must start with its criterion's code "1.1."`,
		}},
		{"criterion code prefix", edit(map[int]string{13: `      - code: "2.1"`}), []string{
			`t.yaml:13: criterion 2.1: code must start with its field's code "1."`,
			`t.yaml:16: item 1.1.1: code must start with its criterion's code "2.1."`,
			`t.yaml:20: item 1.1.2: code must start with its criterion's code "2.1."`,
		}},
		{"max zero", edit(map[int]string{18: `            max: 0`}), []string{
			`t.yaml:18: item 1.1.1: max must be greater than 0`,
		}},
		{"field max negative", edit(map[int]string{11: `    max: -2`}), []string{
			`t.yaml:11: field 1: max must be greater than 0`,
		}},
		{"three decimals", edit(map[int]string{18: `            max: 0.125`}), []string{
			`t.yaml:18: item 1.1.1: max: "0.125" has more than two decimals`,
		}},
		{"max not a number", edit(map[int]string{18: `            max: một`}), []string{
			`t.yaml:18: item 1.1.1: max must be a number, e.g. 0.5 (not "một")`,
		}},
		{"levels on a manual item", edit(map[int]string{23: `            scoring: manual`}), []string{
			`t.yaml:24: item 1.1.2: levels are only allowed with scoring: levels (this item is manual)`,
		}},
		{"levels missing", edit(map[int]string{19: `            scoring: levels`}), []string{
			`t.yaml:16: item 1.1.1: scoring is levels but no levels are listed`,
		}},
		{"level above max", edit(map[int]string{25: `              - {score: 2, label: "Đủ"}`}), []string{
			`t.yaml:24: item 1.1.2: no level scores the item's max 1`,
			`t.yaml:25: item 1.1.2: level score 2 is outside 0–1`,
		}},
		{"no level equals max", edit(map[int]string{25: `              - {score: 0.5, label: "Một nửa"}`}), []string{
			`t.yaml:24: item 1.1.2: no level scores the item's max 1`,
		}},
		{"unknown kind", edit(map[int]string{4: `kind: tinh`}), []string{
			`t.yaml:4: checklist: unknown kind "tinh" (known kinds: dackhu, huyen, so, xa)`,
		}},
		{"no band with min 0", edit(map[int]string{7: `  - {label: "Chưa đạt", min: 10}`}), []string{
			`t.yaml:5: checklist: bands: no band has min 0, so a low percentage would get no classification`,
		}},
		{"duplicate band min", edit(map[int]string{7: `  - {label: "Chưa đạt", min: 50}`}), []string{
			`t.yaml:5: checklist: bands: no band has min 0, so a low percentage would get no classification`,
			`t.yaml:7: band "Chưa đạt": min 50 is already used by the band on line 6`,
		}},
		{"band min above 100", edit(map[int]string{6: `  - {label: "Đạt", min: 120}`}), []string{
			`t.yaml:6: band "Đạt": min 120 must be a percentage from 0 to 100`,
		}},
		{"empty id", edit(map[int]string{1: `id: ""`}), []string{
			`t.yaml:1: checklist: id is empty`,
		}},
		{"bad id", edit(map[int]string{1: `id: Tỉnh X`}), []string{
			`t.yaml:1: checklist: id "Tỉnh X" may use only a-z, 0-9 and -`,
		}},
		{"missing version", edit(map[int]string{2: `#`}), []string{
			`t.yaml:1: checklist: missing "version"`,
		}},
		{"empty text", edit(map[int]string{17: `            text: ""`}), []string{
			`t.yaml:17: item 1.1.1: text is empty`,
		}},
		{"missing item code", edit(map[int]string{16: `          - text: "Có không?"`, 17: `#`}), []string{
			`t.yaml:16: item #1 of criterion 1.1: missing "code"`,
		}},
		{"empty criterion title", edit(map[int]string{14: `        title:`}), []string{
			`t.yaml:14: criterion 1.1: title is empty`,
		}},
		{"criterion with no items", edit(through(15, 26, `        items: []`)), []string{
			`t.yaml:15: criterion 1.1 has no items`,
		}},
		{"field with no criteria", edit(through(12, 26, `    criteria:`)), []string{
			`t.yaml:12: field 1 has no criteria`,
		}},
		{"item is not a mapping", edit(through(16, 19, `          - "Có không?"`)), []string{
			`t.yaml:16: item #1 of criterion 1.1 must be a mapping of keys (code, text, guidance, evidence, legal_basis, source, default, max, scoring, per_case, not_applicable, follow_up, levels)`,
		}},
		{"several problems, sorted by line", edit(map[int]string{19: `            scoreing: binary`, 3: "title: \"Thu\u0309\""}), []string{
			`t.yaml:3: checklist: title must be in Unicode NFC (composed) form; this text has separate combining accents (NFD)`,
			`t.yaml:16: item 1.1.1: missing "scoring" (one of binary, partial, levels, manual, deduction)`,
			`t.yaml:19: item 1.1.1: unknown key "scoreing" (did you mean "scoring"?)`,
		}},
		{"empty file", []byte("# chỉ có chú thích\n"), []string{
			`t.yaml:1: the file is empty; it must hold one checklist`,
		}},
		{"not a mapping", []byte("- a\n- b\n"), []string{
			`t.yaml:1: checklist must be a mapping of keys (id, version, title, kind, valid_from, valid_until, source, defaults, bands_basis, bands, abbreviations, fields)`,
		}},
		{"two documents", append(edit(nil), "---\nid: u\n"...), []string{
			`t.yaml:28: the file holds more than one YAML document (---); each file holds one checklist`,
		}},
		{"alias", edit(map[int]string{1: `id: &x t`, 3: `title: *x`}), []string{
			`t.yaml:3: aliases (*name) are not supported here; write the value out`,
		}},
		{"invalid UTF-8", edit(map[int]string{10: "    title: \"L\xe3nh\""}), []string{
			`t.yaml:10: the file is not valid UTF-8 text; save it as UTF-8`,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("t.yaml", tc.data)
			if err == nil {
				t.Fatalf("accepted: %+v", c)
			}
			if c != nil {
				t.Errorf("returned a checklist with an error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, not Errors: %v", err, err)
			}
			got := strings.Split(en(err), "\n")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(es) != len(tc.want) {
				t.Errorf("%d errors, want %d", len(es), len(tc.want))
			}
			for i := 1; i < len(es); i++ {
				if es[i].Line < es[i-1].Line {
					t.Errorf("errors not sorted by line: %v", es)
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	e := Error{File: "a.yaml", Pos: Pos{Line: 7}, Key: "checklist.no_items", Args: []any{&subject{kind: "criterion", code: "1.2"}}}
	if got := e.Render(i18n.New(i18n.EN)); got != "a.yaml:7: criterion 1.2 has no items" {
		t.Errorf("Render(en) = %q", got)
	}
	if got := e.Error(); got != "a.yaml:7: tiêu chí 1.2 chưa có mục nào" {
		t.Errorf("Error() = %q", got)
	}
	x := Error{File: "t.xlsx", Pos: Pos{Sheet: "Mục", Line: 12, Col: 6}, Key: "checklist.points_nan",
		Args: []any{&subject{kind: "item", code: "1.1.1"}, keyWord{sheetItems, "max"}, "một"}}
	if got := x.Render(i18n.New(i18n.VI)); got != `t.xlsx:Mục!F12: mục 1.1.1: Điểm tối đa phải là số, ví dụ 0,5 (đang ghi "một")` {
		t.Errorf("workbook Render(vi) = %q", got)
	}
	es := Errors{e, x}
	if got := es.Render(i18n.New(i18n.EN)); got != "a.yaml:7: criterion 1.2 has no items\n"+
		`t.xlsx:Mục!F12: item 1.1.1: Maximum must be a number, e.g. 0.5 (not "một")` {
		t.Errorf("Errors.Render = %q", got)
	}
	var err error = es
	if !errors.Is(err, model.ErrInvalid) || model.ErrorCode(err) != model.EInvalid || model.ErrorParams(err)[0] != "a.yaml" {
		t.Errorf("Errors is not an invalid-input model error: %v %v", model.ErrorCode(err), model.ErrorParams(err))
	}
	if Message(fmt.Errorf("load: %w", es), i18n.New(i18n.EN)) != es.Render(i18n.New(i18n.EN)) {
		t.Error("Message does not render wrapped Errors")
	}
	if got := Message(model.NewError(model.ETooLarge, nil, "x.yaml", "4 MB"), i18n.New(i18n.EN)); got != "x.yaml is too large (at most 4 MB)." {
		t.Errorf("Message of a model error = %q", got)
	}
}

func TestCommaDecimalsAndBlockScalars(t *testing.T) {
	data := edit(map[int]string{11: `    max: "2,0"`, 17: "            text: >-", 18: "              Có không?", 19: "            max: 1\n            scoring: binary"})
	c, err := Parse("t.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if it, _ := c.Item("1.1.1"); it.Text != "Có không?" || it.Max != 100 {
		t.Errorf("item = %+v", it)
	}
}
