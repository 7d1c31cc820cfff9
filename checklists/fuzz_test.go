package checklists

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"kiemtra/i18n"
	"os"
	"sort"
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
			strings.Contains(neutralMsg(e), "%!") {
			t.Fatalf("bad error %+v", e)
		}
		if i > 0 && e.Pos.less(es[i-1].Pos) {
			t.Fatalf("not sorted: %v", es)
		}
	}
}

// neutralMsg is e's message made with its text arguments replaced: fmt's
// complaints ("%!s(MISSING)", "%!(EXTRA …)") are looked for there, since
// the file's own text, quoted in a message, may hold "%!" (the fuzzer found
// a file reading `{!%!,`).
func neutralMsg(e Error) string {
	n := e
	n.Args = make([]any, len(e.Args))
	for i, a := range e.Args {
		if _, ok := a.(string); ok {
			a = "x"
		}
		n.Args[i] = a
	}
	return n.Msg(i18n.New(i18n.EN))
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

// FuzzParseXLSX: ParseXLSX never panics, and either returns a valid,
// hashed checklist or a well-formed Errors value. Seeds are small
// workbooks (the test checklist, every new key, a damaged one), so each
// run is quick enough for the fuzzer to explore.
func FuzzParseXLSX(f *testing.F) {
	for _, src := range [][]byte{edit(nil), rulesBase(nil)} {
		c, err := Parse("seed.yaml", src)
		if err != nil {
			f.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, c, i18n.VI); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
		f.Add(buf.Bytes()[:buf.Len()/2])
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseXLSX("f.xlsx", data)
		if err != nil {
			checkErr(t, err)
			return
		}
		if c.Hash != Hash(c) || c.ItemCount() == 0 {
			t.Fatalf("accepted an odd checklist: %+v", c)
		}
		for _, f := range c.Fields {
			if f.ItemMax() != f.Max {
				t.Fatalf("field %s does not add up", f.Code)
			}
		}
	})
}

// FuzzParseXLSXPart fuzzes the XML inside a workbook rather than its
// zip: the input replaces one part (a sheet, the shared strings, the
// workbook's list of sheets…) of a small valid workbook, which is zipped
// again around it, so mutations reach excelize's XML reading and the
// sheet readers instead of failing the zip's checksums.
func FuzzParseXLSXPart(f *testing.F) {
	base, names := fuzzBase(f)
	for i, name := range names {
		f.Add(uint8(i), base[name])
	}
	f.Fuzz(func(t *testing.T, which uint8, part []byte) {
		name := names[int(which)%len(names)]
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			data := base[n]
			if n == name {
				data = part
			}
			if _, err := w.Write(data); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		c, err := ParseXLSX("f.xlsx", buf.Bytes())
		if err != nil {
			checkErr(t, err)
			return
		}
		if c.Hash != Hash(c) || c.ItemCount() == 0 {
			t.Fatalf("accepted an odd checklist: %+v", c)
		}
	})
}

// fuzzBase is the parts of a small workbook holding every key, by name.
func fuzzBase(f *testing.F) (map[string][]byte, []string) {
	c, err := Parse("seed.yaml", rulesBase(nil))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, c, i18n.VI); err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			f.Fatal(err)
		}
		parts[zf.Name] = data
		names = append(names, zf.Name)
	}
	sort.Strings(names)
	return parts, names
}
