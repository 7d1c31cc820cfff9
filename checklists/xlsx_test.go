package checklists

import (
	"bytes"
	"testing"

	"kiemtra/i18n"
)

// Export then import gives the same content hash, for every built-in
// checklist and in both languages of the workbook.
func TestXLSXRoundTripBuiltins(t *testing.T) {
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cls {
		for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
			var buf bytes.Buffer
			if err := WriteXLSX(&buf, c, lang); err != nil {
				t.Fatalf("%s %s: %v", c.Ref(), lang, err)
			}
			back, err := ParseXLSX(c.ID+".xlsx", buf.Bytes())
			if err != nil {
				t.Fatalf("%s %s: %s", c.Ref(), lang, en(err))
			}
			if back.Hash != c.Hash {
				t.Errorf("%s %s: hash %s after the round trip, was %s", c.Ref(), lang, back.Hash, c.Hash)
			}
		}
	}
}
