package model

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestNewIDShape(t *testing.T) {
	for i := 0; i < 1000; i++ {
		id := NewID()
		if !ValidID(id) {
			t.Fatalf("NewID() = %q, not ValidID", id)
		}
		// xxxxxxxx-xxxx-Vxxx-Nxxx-xxxxxxxxxxxx: V at index 14, N at index 19.
		if id[14] != '7' {
			t.Fatalf("NewID() = %q: version nibble %c, want 7", id, id[14])
		}
		if !strings.ContainsRune("89ab", rune(id[19])) {
			t.Fatalf("NewID() = %q: variant nibble %c, want 8, 9, a or b", id, id[19])
		}
	}
}

func TestNewIDUnique(t *testing.T) {
	const n = 10000
	seen := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		id := NewID()
		if seen[id] {
			t.Fatalf("duplicate ID %q after %d", id, i)
		}
		seen[id] = true
	}
}

func TestNewIDTimePrefix(t *testing.T) {
	tm := time.UnixMilli(0x0123456789ab) // 48-bit millisecond count
	id := newIDAt(tm)
	// The first 12 hex digits (with the dash after 8) are the milliseconds.
	if got := id[0:8] + id[9:13]; got != "0123456789ab" {
		t.Errorf("newIDAt(%#x ms) = %q, time prefix %q", tm.UnixMilli(), id, got)
	}
	// A realistic moment: 14/01/2022 08:00 Hà Nội.
	tm = time.Date(2022, 1, 14, 1, 0, 0, 0, time.UTC)
	id = newIDAt(tm)
	if want := fmt.Sprintf("%012x", tm.UnixMilli()); id[0:8]+id[9:13] != want {
		t.Errorf("newIDAt(%v) = %q, want prefix %s", tm, id, want)
	}
}

func TestNewIDTimeOrdered(t *testing.T) {
	base := time.Date(2022, 1, 14, 8, 0, 0, 0, time.UTC)
	var ids []string
	for i := 0; i < 200; i++ {
		ids = append(ids, newIDAt(base.Add(time.Duration(i)*2*time.Millisecond)))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i-1] >= ids[i] {
			t.Fatalf("ID made at +%dms %q does not sort before the one at +%dms %q", 2*(i-1), ids[i-1], 2*i, ids[i])
		}
	}
	shuffled := append([]string(nil), ids...)
	sort.Sort(sort.Reverse(sort.StringSlice(shuffled)))
	sort.Strings(shuffled)
	for i := range ids {
		if shuffled[i] != ids[i] {
			t.Fatalf("sorted order differs from creation order at %d", i)
		}
	}
}

func TestDerivedID(t *testing.T) {
	a := DerivedID("plan.yaml", "2022", "Sở Tư pháp")
	if b := DerivedID("plan.yaml", "2022", "Sở Tư pháp"); a != b {
		t.Errorf("DerivedID not deterministic: %q vs %q", a, b)
	}
	if !ValidID(a) {
		t.Errorf("DerivedID = %q, not ValidID", a)
	}
	if a[14] != '8' {
		t.Errorf("DerivedID = %q: version nibble %c, want 8", a, a[14])
	}
	if !strings.ContainsRune("89ab", rune(a[19])) {
		t.Errorf("DerivedID = %q: variant nibble %c", a, a[19])
	}

	different := [][]string{
		{"plan.yaml", "2022", "Sở Tư pháp"},
		{"plan.yaml", "2023", "Sở Tư pháp"},
		{"plan.yaml", "2022", "Sở Nội vụ"},
		{"ab", "c"},
		{"a", "bc"},
		{"abc"},
		{"a", "b", "c"},
		{""},
		{"", ""},
		{},
	}
	seen := map[string][]string{}
	for _, parts := range different {
		id := DerivedID(parts...)
		if !ValidID(id) || id[14] != '8' {
			t.Errorf("DerivedID(%q) = %q, not a valid v8 ID", parts, id)
		}
		if prev, ok := seen[id]; ok {
			t.Errorf("DerivedID(%q) == DerivedID(%q) = %q", parts, prev, id)
		}
		seen[id] = parts
	}
}

func TestValidID(t *testing.T) {
	good := "0190f3a2-7b1c-7d2e-8f90-a1b2c3d4e5f6"
	tests := []struct {
		in   string
		want bool
	}{
		{good, true},
		{"00000000-0000-0000-0000-000000000000", true},
		{NewID(), true},
		{DerivedID("x"), true},
		{strings.ToUpper(good), false},                  // upper case is not canonical
		{"0190f3a2-7b1c-7d2e-8f90-a1b2c3d4e5fA", false}, // one upper-case letter
		{good[:35], false},                              // too short
		{good + "0", false},                             // too long
		{"", false},
		{"0190f3a27-b1c-7d2e-8f90-a1b2c3d4e5f6", false}, // dash moved right
		{"0190f3a-27b1c-7d2e-8f90-a1b2c3d4e5f6", false}, // dash moved left
		{"0190f3a2-7b1c-7d2e-8f90a-1b2c3d4e5f6", false}, // last dash moved
		{"0190f3a2x7b1c-7d2e-8f90-a1b2c3d4e5f6", false}, // dash replaced
		{"0190f3a2-7b1c-7d2e-8f90-a1b2c3d4e5g6", false}, // g is not hex
		{"0190f3a27b1c7d2e8f90a1b2c3d4e5f60000", false}, // 36 hex digits, no dashes
		{"{190f3a2-7b1c-7d2e-8f90-a1b2c3d4e5f6", false},
		{"0190f3a2-7b1c-7d2e-8f90-a1b2c3d4e5é", false}, // 36 bytes, non-ASCII
	}
	for _, tt := range tests {
		if got := ValidID(tt.in); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidIDLengthInBytes(t *testing.T) {
	s := "0190f3a2-7b1c-7d2e-8f90-a1b2c3d4e5é"
	if len(s) != 36 {
		t.Fatalf("test string has %d bytes, want 36", len(s))
	}
	if ValidID(s) {
		t.Errorf("ValidID(%q) = true", s)
	}
}

func TestShortID(t *testing.T) {
	if got := ShortID("0193a2b4-7c1d-7e2f-8a3b-4c5d6e7f8091"); got != "6e7f8091" {
		t.Errorf("ShortID = %q", got)
	}
	if got := ShortID("abc"); got != "abc" {
		t.Errorf("ShortID(short) = %q", got)
	}
}
