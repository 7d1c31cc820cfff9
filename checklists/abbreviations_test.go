package checklists

import (
	"strings"
	"testing"

	"kiemtra/i18n"
)

func TestAbbreviationsTable(t *testing.T) {
	t.Parallel()
	list, err := Abbreviations()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range list {
		got[a.Short] = a.Long
	}
	// The ones the issue names, at least.
	for short, long := range map[string]string{"TTHC": "thủ tục hành chính", "CCHC": "cải cách hành chính",
		"VBQPPL": "văn bản quy phạm pháp luật", "CBCCVC": "cán bộ, công chức, viên chức", "DVC": "dịch vụ công",
		"TTPVHCC": "Trung tâm Phục vụ hành chính công", "HĐND": "Hội đồng nhân dân", "UBND": "Ủy ban nhân dân"} {
		if got[short] != long {
			t.Errorf("%s = %q, want %q", short, got[short], long)
		}
	}
	list[0].Short = "changed"
	if again, _ := Abbreviations(); again[0].Short == "changed" {
		t.Fatal("Abbreviations shares its table with callers")
	}
}

func TestAbbreviationsTableRefusesBadEntries(t *testing.T) {
	t.Parallel()
	bad := "abbreviations:\n  - {short: TTHC, long: thủ tục hành chính}\n  - {short: tthc, long: thủ tục}\n  - {short: CCHC}\n  - {short: X, long: y, extra: 1}\n"
	_, err := parseAbbreviations("abbr.yaml", []byte(bad))
	if err == nil {
		t.Fatal("a table with a short form twice, a missing long form and an unknown key was accepted")
	}
	msg := Message(err, i18n.New(i18n.EN))
	for _, want := range []string{"abbr.yaml:3:", "abbr.yaml:4:", "abbr.yaml:5:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("no error at %s:\n%s", want, msg)
		}
	}
	if list, err := parseAbbreviations("ok.yaml", []byte("abbreviations: []\n")); err != nil || len(list) != 0 {
		t.Fatalf("empty table: %v %v", list, err)
	}
}
