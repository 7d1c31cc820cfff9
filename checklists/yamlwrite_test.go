package checklists

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/model"
)

// yamlRoundTrip writes c as YAML and parses it back.
func yamlRoundTrip(t *testing.T, c *model.Checklist) *model.Checklist {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteYAML(&buf, c); err != nil {
		t.Fatalf("%s: %v", c.Ref(), err)
	}
	back, err := Parse(c.ID+".yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("%s: %s\n%s", c.Ref(), en(err), buf.Bytes())
	}
	return back
}

// TestYAMLRoundTrip: every built-in checklist, the example workbook, and
// a checklist using every key with texts YAML would read as something
// else (a colon, a leading dash or quote, "#", a backslash, line breaks,
// codes that look like numbers) come back from WriteYAML with the same
// content and hash.
func TestYAMLRoundTrip(t *testing.T) {
	t.Parallel()
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := LoadFile(filepath.Join("testdata", "tieu-chi-vi-du.xlsx"))
	if err != nil {
		t.Fatal(en(err))
	}
	tricky, err := Parse("r.yaml", rulesBase(map[int]string{
		15: `    title: "- Lĩnh vực: \"một\" # không phải chú thích \\ hết"`,
		22: "            text: |\n              Có không?\n              Dòng thứ hai: 'x'",
		23: "            max: 1\n            guidance: \"'bắt đầu bằng nháy, @ và {}\"",
	}))
	if err != nil {
		t.Fatal(en(err))
	}
	for _, c := range append(cls, ex, tricky) {
		back := yamlRoundTrip(t, c)
		a, _ := json.Marshal(c)
		b, _ := json.Marshal(back)
		if back.Hash != c.Hash || !bytes.Equal(a, b) {
			t.Errorf("%s: round trip changed the checklist:\n%s\n%s", c.Ref(), a, b)
		}
	}
}

// TestYAMLWriteBuiltinLayout: a built-in written out has the keys the
// built-in file has, where a person would look for them.
func TestYAMLWriteBuiltinLayout(t *testing.T) {
	t.Parallel()
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var c *model.Checklist
	for _, b := range cls {
		if b.Ref() == "kiem-soat-tthc@2026.1" {
			c = b
		}
	}
	if c == nil {
		t.Fatal("no kiem-soat-tthc@2026.1")
	}
	var buf bytes.Buffer
	if err := WriteYAML(&buf, c); err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile(filepath.Join("builtin", "kiem-soat-tthc-2026.1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"kind: [\"so\", \"xa\", \"dackhu\"]\n", "valid_from: \"01/07/2025\"\n",
		"            scoring: deduction\n            per_case: 0.25\n"} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("written file lacks %q", want)
		}
	}
	if !bytes.Contains(orig, []byte("per_case: 0.25")) {
		t.Error("the built-in file itself has no per_case 0.25: the check above proves nothing")
	}
}
