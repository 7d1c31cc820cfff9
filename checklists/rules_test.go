package checklists

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The hashes of the built-ins of version 2026.1, recorded before the
// format gained its new keys: findings already refer to them, so the
// checklists must hash the same forever.
var builtinHashes = map[string]string{
	"so-ban-nganh@2026.1": "76cd96be4ff6455b7df72e9614da6724206c87e68422839f62983880cd3730b4",
	"ubnd-huyen@2026.1":   "5f90382ff454f08ad82e4eb2bc3283013c951a5701a49fa5b8353a69f5382feb",
	"ubnd-xa@2026.1":      "3834b21326cce94cf1ed44677b915bfccc69b79f9211c6dc571497d82583691d",
}

func TestBuiltinHashesUnchanged(t *testing.T) {
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, c := range cls {
		if want, ok := builtinHashes[c.Ref()]; ok {
			found++
			if c.Hash != want {
				t.Errorf("%s hashes %s, was %s", c.Ref(), c.Hash, want)
			}
		}
	}
	if found != len(builtinHashes) {
		t.Errorf("found %d of the %d 2026.1 built-ins", found, len(builtinHashes))
	}
}

// Each built-in file is named after what it holds, so a new version is a
// new file and never an edit of a released one.
func TestBuiltinFileNames(t *testing.T) {
	names, err := filepath.Glob(builtinGlob)
	if err != nil || len(names) < 3 {
		t.Fatalf("built-in files: %v %v", names, err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, en(err))
		}
		if want := "builtin/" + c.ID + "-" + c.Version + ".yaml"; name != want {
			t.Errorf("%s holds %s: name it %s", name, c.Ref(), want)
		}
	}
}

// rulesBase is base with every new key used once.
func rulesBase(repl map[int]string) []byte {
	lines := strings.Split(strings.TrimSuffix(string(edit(map[int]string{
		4:  "kind: [xa, dackhu]\nvalid_from: 01/07/2025\nvalid_until: 2026-12-31\nbands_basis: \"Quyết định số 1/QĐ-UBND\"\nabbreviations:\n  - {short: TTHC, long: \"thủ tục hành chính\"}",
		19: "            scoring: deduction\n            per_case: 0,25\n            not_applicable: \"no\"\n            source: \"Điều 3 Quyết định số 1/QĐ-UBND\"\n            follow_up: true",
		23: "            scoring: levels\n            not_applicable: full\n            default: true",
	})), "\n"), "\n")
	for n, s := range repl {
		lines[n-1] = s
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

// The lines of rulesBase: 4 kind, 5 valid_from, 6 valid_until,
// 7 bands_basis, 10 bands, 21-24 item 1.1.1's head, 24 scoring,
// 25 per_case, 26 not_applicable, 27 source, 28 follow_up, 29 item 1.1.2,
// 32 scoring, 33 not_applicable, 34 default.
func TestNewKeys(t *testing.T) {
	c, err := Parse("r.yaml", rulesBase(nil))
	if err != nil {
		t.Fatal(en(err))
	}
	if c.Kind != "xa" || len(c.Kinds) != 2 || c.Kinds[1] != "dackhu" || !c.AppliesTo("dackhu") {
		t.Errorf("kinds %s %v", c.Kind, c.Kinds)
	}
	if c.ValidFrom != model.NewDate(2025, 7, 1) || c.ValidUntil != model.NewDate(2026, 12, 31) {
		t.Errorf("dates %s %s", c.ValidFrom, c.ValidUntil)
	}
	if !c.Classifies() || len(c.Abbreviations) != 1 || c.Abbreviations[0] != (model.Abbreviation{Short: "TTHC", Long: "thủ tục hành chính"}) {
		t.Errorf("bands basis %q, abbreviations %v", c.BandsBasis, c.Abbreviations)
	}
	a, _ := c.Item("1.1.1")
	if a.Scoring != model.ScoringDeduction || a.PerCase != 25 || a.NA != model.NANotAllowed || !a.FollowUp ||
		a.Basis() != model.BasisCited || a.Source != "Điều 3 Quyết định số 1/QĐ-UBND" {
		t.Errorf("item 1.1.1 = %+v", a)
	}
	b, _ := c.Item("1.1.2")
	if b.NA != model.NAFull || !b.Default || b.Basis() != model.BasisDefault || b.FollowUp {
		t.Errorf("item 1.1.2 = %+v", b)
	}
	if f, ok := c.FollowUpItem(); !ok || f.Code != "1.1.1" {
		t.Error("follow-up item")
	}
	// One kind in a list is the same checklist as the kind alone.
	one, err := Parse("r.yaml", edit(map[int]string{4: "kind: [so]"}))
	if err != nil {
		t.Fatal(en(err))
	}
	plain, _ := Parse("r.yaml", edit(nil))
	if one.Hash != plain.Hash || one.Kinds != nil {
		t.Errorf("kind: [so] differs from kind: so (%v)", one.Kinds)
	}
	// No bands at all is allowed: nothing is classified.
	none, err := Parse("r.yaml", edit(through(5, 7, "#")))
	if err != nil || len(none.Bands) != 0 || none.Classifies() {
		t.Errorf("a checklist without bands: %v", err)
	}
}

func TestNewKeyRules(t *testing.T) {
	cases := []struct {
		name string
		repl map[int]string
		want []string
	}{
		{"unknown kind in a list", map[int]string{4: "kind: [xa, tinh]"}, []string{
			`r.yaml:4: checklist: unknown kind "tinh" (known kinds: dackhu, huyen, so, xa)`}},
		{"kind twice", map[int]string{4: "kind: [xa, xa]"}, []string{`r.yaml:4: checklist: kind "xa" is listed twice`}},
		{"empty kind list", map[int]string{4: "kind: []"}, []string{`r.yaml:4: checklist: kind is empty`}},
		{"dates out of order", map[int]string{6: "valid_until: 30/06/2025"}, []string{
			`r.yaml:6: checklist: valid until 30/06/2025 is before valid from 01/07/2025`}},
		{"not a date", map[int]string{5: "valid_from: 31/06/2025"}, []string{
			`r.yaml:5: checklist: valid_from "31/06/2025" is not a date: write dd/mm/yyyy, e.g. 18/10/2022`}},
		{"basis without bands", map[int]string{10: "bands: []", 11: "#", 12: "#"}, []string{
			`r.yaml:7: checklist: a basis for the bands is given but there are no bands`}},
		{"abbreviation twice", map[int]string{9: "  - {short: TTHC, long: \"thủ tục hành chính\"}\n  - {short: tthc, long: \"x\"}"}, []string{
			`r.yaml:10: abbreviation tthc: the abbreviation "tthc" is already given on line 9`}},
		{"per_case missing", map[int]string{25: "#"}, []string{
			`r.yaml:21: item 1.1.1: a deduction item needs "per_case" (the points lost per case)`}},
		{"per_case zero", map[int]string{25: "            per_case: 0"}, []string{
			`r.yaml:25: item 1.1.1: per_case is 0; it must be more than 0 and at most the max 1`}},
		{"per_case above max", map[int]string{25: "            per_case: 1.5"}, []string{
			`r.yaml:25: item 1.1.1: per_case is 1.5; it must be more than 0 and at most the max 1`}},
		{"per_case on another mode", map[int]string{24: "            scoring: binary"}, []string{
			`r.yaml:25: item 1.1.1: per_case is only for deduction items (this item is binary)`}},
		{"unknown not_applicable", map[int]string{26: "            not_applicable: maybe"}, []string{
			`r.yaml:26: item 1.1.1: not_applicable "maybe" is not valid (write one of: exclude, full, no)`}},
		{"two follow-up items", map[int]string{34: "            follow_up: true"}, []string{
			`r.yaml:34: item 1.1.2: the follow-up item is already on line 28; a checklist has at most one`}},
		{"bad boolean", map[int]string{34: "            default: perhaps"}, []string{
			`r.yaml:34: item 1.1.2: default "perhaps" is not valid (write one of: true, false)`}},
		{"typo in a new key", map[int]string{27: "            sourse: x"}, []string{
			`r.yaml:27: item 1.1.1: unknown key "sourse" (did you mean "source"?)`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("r.yaml", rulesBase(tc.repl))
			if err == nil {
				t.Fatalf("accepted %+v", c)
			}
			if got, want := en(err), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// Windows Notepad saves CR LF: line numbers must be those the editor
// shows (each CR LF after a comment used to count twice).
func TestCRLFLineNumbers(t *testing.T) {
	// Three comment lines above the error, which is on line 21.
	lf := edit(map[int]string{1: "# Bộ tiêu chí thử\n#\n# (ví dụ)\nid: t", 18: "            max: một"})
	crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
	want := en(func() error { _, err := Parse("t.yaml", lf); return err }())
	_, err := Parse("t.yaml", crlf)
	if got := en(err); got != want || !strings.Contains(got, "t.yaml:21: item 1.1.1: max must be a number") {
		t.Errorf("CR LF file:\n%s\nLF file:\n%s", got, want)
	}
	// And the content (a block scalar's line ends) does not depend on them.
	block := edit(map[int]string{17: "            text: |", 18: "              Có\n              không?\n            max: 1"})
	a, err1 := Parse("a.yaml", block)
	b, err2 := Parse("b.yaml", bytes.ReplaceAll(block, []byte("\n"), []byte("\r\n")))
	if err1 != nil || err2 != nil || a.Hash != b.Hash {
		t.Errorf("CR LF changes the content: %v %v", err1, err2)
	}
}

func TestControlCharactersAndTags(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"escaped NUL", edit(map[int]string{17: `            text: "Có\0 không?"`}),
			`t.yaml:17: item 1.1.1: text holds a control character (such as NUL) that no document can print; remove it`},
		{"raw NUL", edit(map[int]string{17: "            text: \"Có\x00 không?\""}),
			`t.yaml:17: item 1.1.1: text holds a control character (such as NUL) that no document can print; remove it`},
		{"escape character", edit(map[int]string{10: `    title: "Lĩnh vực\e[31m"`}),
			`t.yaml:10: field 1: title holds a control character (such as NUL) that no document can print; remove it`},
		{"binary tag", edit(map[int]string{17: `            text: !!binary Q8OzIGtow7RuZz8=`}),
			`t.yaml:17: the tag !!binary is not allowed here; write the value as plain text`},
		{"custom tag", edit(map[int]string{3: `title: !vi "Thử"`}),
			`t.yaml:3: the tag !vi is not allowed here; write the value as plain text`},
	}
	for _, tc := range cases {
		_, err := Parse("t.yaml", tc.data)
		if got := en(err); !strings.Contains(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant a line\n%s", tc.name, got, tc.want)
		}
	}
	// A core tag only says what the value already is.
	c, err := Parse("t.yaml", edit(map[int]string{2: `version: !!str 1`}))
	if err != nil || c.Version != "1" {
		t.Errorf("!!str: %v", en(err))
	}
}

// Files that would cost the parser gigabytes are refused before it runs.
func TestYAMLLimits(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"nested flow lists", bytes.Repeat([]byte("["), 200_000), "t.yaml:1: the file nests more than 24 levels deep"},
		{"nested flow maps", []byte("id: " + strings.Repeat("{a: ", 30) + "1" + strings.Repeat("}", 30)), "t.yaml:1: the file nests more than 24 levels deep"},
		{"nested sequences on one line", []byte(strings.Repeat("- ", 100) + "x\n"), "t.yaml:1: the file nests more than 24 levels deep"},
		{"nested indentation", func() []byte {
			var b strings.Builder
			for i := 0; i < 40; i++ {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return []byte(b.String())
		}(), "t.yaml:25: the file nests more than 24 levels deep"},
		{"a long flow list", []byte("id: [" + strings.Repeat("a,", MaxYAMLValues+1) + "a]"), "t.yaml:1: the file holds more than 100000 values"},
		{"many lines", bytes.Repeat([]byte("a: b\n"), MaxYAMLValues+1), "t.yaml:100001: the file holds more than 100000 values"},
		{"too large", bytes.Repeat([]byte("#\n"), 5<<19), "t.yaml:1: the file is larger than 4 MB, the most kiemtra reads"},
	}
	for _, tc := range cases {
		_, err := Parse("t.yaml", tc.data)
		if got := en(err); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: got %q, want %q…", tc.name, got, tc.want)
		}
	}
	// Brackets and dashes inside text do not count.
	ok := edit(map[int]string{17: `            text: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ - - - - - - - - - - - - - - - - - - - - - - - - - - {{{{"`,
		10: `    title: Lĩnh vực [a] - b {c}`})
	if _, err := Parse("t.yaml", ok); err != nil {
		t.Errorf("brackets in text refused: %v", en(err))
	}
	for _, name := range []string{"builtin/so-ban-nganh-2026.1.yaml", "testdata/plan-example.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if line, problem := yamlShape(data, 10, 2000); problem != "" {
			t.Errorf("%s: %s over its limit at line %d", name, problem, line)
		}
	}
}

func TestLoadFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("#\n"), MaxXLSXBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(big)
	if model.ErrorCode(err) != model.ETooLarge || Message(err, i18n.New(i18n.EN)) != big+" is too large (at most 8 MB)." {
		t.Errorf("large file: %v", err)
	}
	mid := filepath.Join(dir, "mid.yaml")
	if err := os.WriteFile(mid, bytes.Repeat([]byte("#\n"), MaxYAMLBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(mid); model.ErrorCode(err) != model.ETooLarge {
		t.Errorf("YAML over its own limit: %v", err)
	}
	if _, err := LoadFile(dir); model.ErrorCode(err) != model.ENotRegular {
		t.Errorf("a folder: %v", err)
	}
	if _, err := LoadPlan(dir); model.ErrorCode(err) != model.ENotRegular {
		t.Errorf("a folder as a plan: %v", err)
	}
}

// The validator speaks Vietnamese by default, English on request.
func TestMessagesInBothLanguages(t *testing.T) {
	_, err := Parse("t.yaml", edit(map[int]string{3: `tittle: "Thử"`, 17: "            text: \"Thu\u0309 tu\u0323c?\""}))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %T", err)
	}
	vi := es.Render(i18n.New(i18n.VI))
	want := "t.yaml:1: bộ tiêu chí: thiếu \"title\"\n" +
		"t.yaml:3: bộ tiêu chí: khóa \"tittle\" không có trong định dạng (có phải \"title\"?)\n" +
		"t.yaml:17: mục 1.1.1: text phải ở dạng Unicode dựng sẵn (NFC); văn bản này có dấu tách rời (NFD), thường do chép từ PDF"
	if vi != want || err.Error() != want {
		t.Errorf("vi:\n%s\nwant:\n%s", vi, want)
	}
	if got := es.Render(i18n.New(i18n.EN)); !strings.Contains(got, `t.yaml:3: checklist: unknown key "tittle" (did you mean "title"?)`) {
		t.Errorf("en:\n%s", got)
	}
}
