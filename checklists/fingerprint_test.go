package checklists

import "testing"

func TestBuiltinFingerprint(t *testing.T) {
	t.Parallel()
	a, n, err := BuiltinFingerprint()
	if err != nil {
		t.Fatal(err)
	}
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if n != len(cls) {
		t.Errorf("fingerprint over %d files, %d built-in checklists", n, len(cls))
	}
	if b, _, err := BuiltinFingerprint(); err != nil || b != a || len(a) != 64 {
		t.Errorf("fingerprint %q then %q (%v)", a, b, err)
	}
}
