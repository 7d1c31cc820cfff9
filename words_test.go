package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
)

// The command line speaks the catalogue's words only. wordCheck decides
// whether a line of output is made of them: of the fixed parts of the
// catalogue's messages in the chosen language (the text between their
// placeholders) and of the values the line names (a path, a unit's name,
// an ID, a number). Any letter must belong to one of these, and no word
// may be cut between two of them, so an English message in Vietnamese
// mode ("flag provided but not defined: -bogus"), a Vietnamese one in
// English mode, a mixed one or the flag package's own help ("-keep int",
// "(default 10)") fails, while every message the catalogue can make
// passes.

// placeholder is a format verb of a catalogue message.
var placeholder = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[vsdqfgxXtT]`)

// usageFlag is a flag in a usage line, with its value if it has one.
var usageFlag = regexp.MustCompile(`--[a-z][a-z-]*(?:[ =](?:"[^"]*"|[^\s\[\]|-][^\s\[\]]*))?`)

// wordCheck holds what lines of one language may be made of.
type wordCheck struct {
	lang i18n.Lang
	// pieces are the catalogue's fixed parts and the known values, by
	// their first rune.
	pieces map[rune][][]rune
	// more are the values of one line's run (its arguments), by their
	// first rune.
	more map[rune][][]rune
	// spans are values found by pattern (paths under the test's folder).
	spans []*regexp.Regexp
}

// with returns the check that also allows values.
func (w *wordCheck) with(values []string) *wordCheck {
	c := *w
	c.more = map[rune][][]rune{}
	for _, v := range values {
		if strings.ContainsFunc(v, isLetter) {
			r := []rune(v)
			c.more[r[0]] = append(c.more[r[0]], r)
		}
	}
	return &c
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// newWordCheck collects the fixed parts of every catalogue message in lang
// (both English forms of a plural one) and the names of the kinds of unit
// in lang, which the catalogue shows for their codes.
func newWordCheck(t *testing.T, lang i18n.Lang) *wordCheck {
	t.Helper()
	w := &wordCheck{lang: lang, pieces: map[rune][][]rune{}}
	for _, k := range i18n.Keys() {
		e, _ := i18n.Lookup(k)
		texts := []string{e.VI}
		if lang == i18n.EN {
			texts = []string{e.EN}
			if one, ok := i18n.LookupOne(k); ok {
				texts = append(texts, one)
			}
		}
		for _, s := range texts {
			// A flag and its value as a usage line writes them ("--keep
			// N") are the catalogue's words wherever help shows them.
			for _, m := range usageFlag.FindAllString(s, -1) {
				w.add(m)
				w.add(strings.Fields(m)[0])
			}
			s = strings.ReplaceAll(s, "%%", "\x00")
			for _, part := range placeholder.Split(s, -1) {
				for _, line := range strings.Split(strings.ReplaceAll(part, "\x00", "%"), "\n") {
					w.add(line)
				}
			}
		}
	}
	kinds, err := checklists.Kinds()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		w.add(i18n.New(lang).Kind(k.Code))
	}
	return w
}

// add allows s as one piece of a line.
func (w *wordCheck) add(s string) {
	if !strings.ContainsFunc(s, isLetter) {
		return // made of what any line may hold anyway
	}
	r := []rune(s)
	for _, p := range w.pieces[r[0]] {
		if string(p) == s {
			return
		}
	}
	w.pieces[r[0]] = append(w.pieces[r[0]], r)
}

// foreign returns the first part of line that is neither the catalogue's
// words nor a value, or "" when the whole line is made of them.
func (w *wordCheck) foreign(line string) string {
	r := []rune(line)
	n := len(r)
	// A piece may end at i unless i is inside a word.
	boundary := func(i int) bool { return i == 0 || i == n || !isLetter(r[i-1]) || !isLetter(r[i]) }
	spans := map[int][]int{}
	for _, re := range w.spans {
		for _, m := range re.FindAllStringIndex(line, -1) {
			a, b := utf8.RuneCountInString(line[:m[0]]), utf8.RuneCountInString(line[:m[1]])
			spans[a] = append(spans[a], b)
		}
	}
	reach := make([]bool, n+1)
	reach[0] = true
	furthest := 0
	for i := 0; i < n; i++ {
		if !reach[i] {
			continue
		}
		furthest = i
		mark := func(j int) {
			if boundary(j) {
				reach[j] = true
			}
		}
		if !isLetter(r[i]) {
			mark(i + 1)
		}
		for _, p := range append(w.pieces[r[i]], w.more[r[i]]...) {
			if len(p) <= n-i && slices.Equal(r[i:i+len(p)], p) {
				mark(i + len(p))
			}
		}
		for _, j := range spans[i] {
			mark(j)
		}
	}
	if reach[n] {
		return ""
	}
	end := min(n, furthest+40)
	return string(r[furthest:end])
}

// englishOne finds an English count of one before a plural noun ("1
// failed items"): a message shown with T where it needs TN.
var englishOne = regexp.MustCompile(`(?:^|[^\d.,/:])1 (?:(?:[a-z]+ed|new|draft) )?([a-z]{2,}s)\b`)

func singularMistake(line string) string {
	for _, m := range englishOne.FindAllStringSubmatch(line, -1) {
		switch m[1] {
		case "has", "was", "is", "does", "this", "its", "as", "us":
			continue
		}
		return m[0]
	}
	return ""
}

// TestWordCheckCatches shows the check fails on the leaks it is for and
// passes the catalogue's own messages.
func TestWordCheckCatches(t *testing.T) {
	vi, en := newWordCheck(t, i18n.VI), newWordCheck(t, i18n.EN)
	for _, w := range []*wordCheck{vi, en} {
		w.add("/tmp/x/bad.yaml")
		w.add("-bogus")
		w.add("kiemtra report unit")
		w.add("kiemtra")
		w.add("a.yaml")
	}
	viT, enT := i18n.New(i18n.VI), i18n.New(i18n.EN)
	good := map[*wordCheck][]string{
		vi: {
			"kiemtra report unit: " + viT.T("cli.flag.unknown", "-bogus"),
			viT.T("cli.usage") + ": kiemtra report unit " + viT.T("report.cli.unit.usage"),
			viT.Code(model.EFileMissing, "/tmp/x/bad.yaml"),
			viT.TN("cli.checklist_validate.bad", 3),
			"  --keep N        số bản sao lưu giữ lại " + viT.T("cli.help.default", "10"),
			viT.Kind("so") + ": " + viT.T("status.draft"),
		},
		en: {
			"kiemtra report unit: " + enT.T("cli.flag.unknown", "-bogus"),
			enT.Code(model.EFileMissing, "/tmp/x/bad.yaml"),
			enT.TN("cli.checklist_validate.bad", 1),
			enT.TN("cli.checklist_validate.bad", 2),
			enT.Kind("so"),
		},
	}
	for w, lines := range good {
		for _, l := range lines {
			if f := w.foreign(l); f != "" {
				t.Errorf("%s: %q taken for foreign at %q", w.lang, l, f)
			}
		}
	}
	bad := map[*wordCheck][]string{
		vi: {
			"flag provided but not defined: -bogus",
			"flag needs an argument: -out",
			"--lang: unknown language",
			"open /tmp/x/bad.yaml: no such file or directory",
			"add checklists: a.yaml already exists with different content — hãy đặt số phiên bản mới",
			`bộ tiêu chí: unknown key "tittle" (did you mean "title"?)`,
			"  -keep int",
			"    	số bản sao lưu giữ lại (default 10)",
			"kiemtra report unit: " + enT.T("cli.flag.unknown", "-bogus"),
			viT.T("status.draft") + "s",
		},
		en: {
			"kiemtra report unit: " + viT.T("cli.flag.unknown", "-bogus"),
			"year must be a whole number",
			viT.Code(model.EFileMissing, "/tmp/x/bad.yaml"),
			enT.T("cli.usage") + ": kiemtra report unit " + viT.T("report.cli.unit.usage"),
			viT.Kind("so"),
			"text must be in Unicode NFC",
		},
	}
	for w, lines := range bad {
		for _, l := range lines {
			if w.foreign(l) == "" {
				t.Errorf("%s: %q passes for the catalogue's words", w.lang, l)
			}
		}
	}
	if singularMistake("1 failed items lack a note") == "" || singularMistake("Total — files: 1, new: 3") != "" ||
		singularMistake(enT.TN("ui.checklist.gaps", 1)) != "" {
		t.Error("the English count check is wrong")
	}
}

// TestPluralMessagesShownWithTN fails on code that shows a plural message
// with T (or env.Fail, which uses T): in English its count would always
// take the Other form ("1 failed items lack a note").
func TestPluralMessagesShownWithTN(t *testing.T) {
	call := regexp.MustCompile(`(?:\bT|\bFail\([^,()]+,)\(?\s*"([a-z0-9_.]+)"`)
	n := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, plural := i18n.LookupOne(m[1]); plural {
				t.Errorf("%s: %s shows the plural message %s: use TN with its count", path, m[0], m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 300 {
		t.Errorf("only %d messages found: the pattern no longer matches the calls", n)
	}
	if !call.MatchString(`env.T.T("ui.checklist.gaps", g)`) || !call.MatchString(`env.Fail(nil, "cli.checklist_validate.bad", bad)`) {
		t.Error("the pattern misses a call")
	}
}
