package checklists

import (
	"errors"
	"kiemtra/i18n"
	"os"
	"strings"
	"testing"
)

// checkErr asserts that a failure is a well-formed Errors value.
func checkErr(t *testing.T, err error) {
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error is %T, not Errors: %v", err, err)
	}
	if len(es) == 0 {
		t.Fatal("empty Errors")
	}
	for i, e := range es {
		if msg := e.Msg(i18n.New(i18n.EN)); e.Line < 1 || msg == "" || e.File == "" || strings.Contains(msg, "[checklist.") ||
			strings.Contains(msg, "%!") {
			t.Fatalf("bad error %+v", e)
		}
		if i > 0 && e.Pos.less(es[i-1].Pos) {
			t.Fatalf("not sorted: %v", es)
		}
	}
}

// FuzzParse: Parse never panics, and either returns a valid, hashed
// checklist or a well-formed Errors value. Seeds are the small test
// checklist, the validator's test cases, the head of a built-in file, and
// testdata/fuzz/FuzzParse. (Whole built-in files are valid seeds too, but at
// 50 KB they slow the fuzzer's minimisation to a crawl.)
func FuzzParse(f *testing.F) {
	data, err := embedded.ReadFile("builtin/so-ban-nganh-2026.1.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:3000])
	f.Add(edit(nil))
	f.Add(edit(map[int]string{19: `            scoreing: binary`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yaml", data)
		if err != nil {
			checkErr(t, err)
			return
		}
		if c.Hash != Hash(c) || c.ItemCount() == 0 || len(c.Bands) == 0 {
			t.Fatalf("accepted an odd checklist: %+v", c)
		}
		for _, f := range c.Fields {
			if f.ItemMax() != f.Max {
				t.Fatalf("field %s does not add up", f.Code)
			}
		}
	})
}

// FuzzParsePlan: ParsePlan never panics.
func FuzzParsePlan(f *testing.F) {
	data, err := os.ReadFile("testdata/plan-example.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(planEdit(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePlan("f.yaml", data)
		if err != nil {
			checkErr(t, err)
			return
		}
		if p.Inspection.Title == "" || p.Inspection.ID == "" {
			t.Fatalf("accepted a plan without title or id: %+v", p.Inspection)
		}
		for _, v := range p.Visits {
			if v.Unit.Code == "" || v.Unit.ID == "" || v.ChecklistID == "" {
				t.Fatalf("accepted an odd visit: %+v", v)
			}
		}
	})
}

// en renders an error of this package in English, for tables of expected
// messages.
func en(err error) string { return Message(err, i18n.New(i18n.EN)) }
