package checklists

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Every catalogue key this package uses exists, so no message shows up as
// "[checklist.…]": the keys written out in the code, and those it builds
// (subjects, choices, sheets, columns, settings, notes, help).
func TestCatalogueHasEveryKey(t *testing.T) {
	keys := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`"(checklist\.[a-z0-9_.]*[a-z0-9_])"`)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
	}
	if len(keys) < 80 {
		t.Fatalf("found only %d keys in the code", len(keys))
	}
	for _, kind := range []string{"field", "criterion", "item", "abbreviation", "kind", "member", "visit", "unit"} {
		keys["checklist.subj."+kind] = true
	}
	for _, kind := range []string{"field", "criterion", "item", "level", "band", "abbreviation", "kind", "member", "visit", "participant"} {
		keys["checklist.subj."+kind+"_n"] = true
	}
	for _, kind := range []string{"checklist", "kinds_file", "abbreviations_file", "plan", "inspection", "unit", "report", "conclusion"} {
		keys["checklist.subj."+kind+"_bare"] = true
	}
	for _, w := range []string{"checklist", "plan", "kinds"} {
		keys["checklist.holds."+w] = true
	}
	for kind, codes := range choiceCodes {
		for _, c := range codes {
			keys["checklist.choice."+kind+"."+c] = true
		}
	}
	for _, k := range sheetOrder {
		keys["checklist.sheet."+string(k)] = true
		for _, c := range columns[k] {
			keys["checklist.col."+string(k)+"."+c.key] = true
		}
	}
	for _, k := range settingKeys {
		keys["checklist.col.settings."+k] = true
		keys["checklist.xlsx.note."+k] = true
	}
	for i := 1; i <= helpParagraphs; i++ {
		keys["checklist.xlsx.help."+string(rune('0'+i))] = true
	}
	for _, m := range model.ScoringModes {
		keys["checklist.xlsx.help.scoring."+string(m)] = true
	}
	for _, p := range model.NAPolicies {
		keys["checklist.xlsx.help.na."+p.Code()] = true
	}
	for k := range keys {
		if _, ok := i18n.Lookup(k); !ok {
			t.Errorf("no message %s", k)
		}
	}
	// And the catalogue holds no checklist message the code does not use.
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "checklist.") && !keys[k] {
			t.Errorf("message %s is not used", k)
		}
	}
}

// FORMAT.md documents every key, sheet, column, setting and choice.
func TestFormatDocCoversEveryKey(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, k := range append(append([]string(nil), checklistKeys...), itemKeys...) {
		want = append(want, "`"+k+"`")
	}
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		c := i18n.New(lang)
		for _, k := range sheetOrder {
			want = append(want, k.name(c))
			for _, col := range columns[k] {
				want = append(want, "| "+header(k, col.key, c)+" |")
			}
		}
		for _, k := range settingKeys {
			want = append(want, header(sheetSettings, k, c))
		}
		for kind := range choiceCodes {
			want = append(want, choiceLabels(kind, c)...)
		}
	}
	want = append(want, sizeWords(MaxYAMLBytes), sizeWords(MaxXLSXBytes), sizeWords(MaxXLSXUnzipped),
		fmt.Sprintf("| %d |", MaxYAMLDepth), "100,000", fmt.Sprintf("| %d |", MaxXLSXParts), "20,000", fmt.Sprintf("| %d |", maxXLSXCols))
	if MaxYAMLValues != 100_000 || MaxXLSXRows != 20_000 {
		t.Error("FORMAT.md's limits table needs the new values")
	}
	for _, w := range want {
		if !strings.Contains(string(doc), w) {
			t.Errorf("FORMAT.md does not mention %q", w)
		}
	}
}
