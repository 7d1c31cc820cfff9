package model

import (
	"slices"
	"testing"
)

var visitKinds = []KindInfo{{Code: "so", Name: "Sở"}, {Code: "huyen", Name: "Huyện", Retired: "2025-07-01"}, {Code: "xa", Name: "Xã"}}

func visitChecklist(id, version string, kinds []UnitKind, from, until Date) *Checklist {
	c := &Checklist{ID: id, Version: version, Kind: kinds[0], ValidFrom: from, ValidUntil: until}
	if len(kinds) > 1 {
		c.Kinds = kinds
	}
	return c
}

func TestCheckVisit(t *testing.T) {
	t.Parallel()
	in := Inspection{Year: 2025, Start: NewDate(2025, 6, 2)}
	huyen := visitChecklist("ubnd-huyen", "1", []UnitKind{"huyen"}, Date{}, NewDate(2025, 6, 30))
	xa := visitChecklist("ubnd-xa", "2", []UnitKind{"xa", "dackhu"}, NewDate(2025, 7, 1), Date{})
	for _, c := range []struct {
		name   string
		in     Inspection
		kind   UnitKind
		d      Date
		cl     *Checklist
		code   Code
		params []string
	}{
		{"huyện on 30 June", in, "huyen", NewDate(2025, 6, 30), huyen, "", nil},
		{"huyện on 1 July", in, "huyen", NewDate(2025, 7, 1), huyen, EKindRetired, []string{"huyen", "01/07/2025", "01/07/2025"}},
		{"undated huyện, inspection starts in June", in, "huyen", Date{}, huyen, "", nil},
		{"undated huyện in 2026", Inspection{Year: 2026}, "huyen", Date{}, huyen, EKindRetired, []string{"huyen", "01/07/2025", "2026"}},
		{"undated huyện in 2025, no start", Inspection{Year: 2025}, "huyen", Date{}, huyen, "", nil},
		{"sở with the xã checklist", in, "so", NewDate(2025, 8, 1), xa, EChecklistKind, []string{"ubnd-xa@2", "so", "xa,dackhu"}},
		{"đặc khu with the xã checklist", in, "dackhu", NewDate(2025, 8, 1), xa, "", nil},
		{"xã before the version", in, "xa", NewDate(2025, 6, 1), xa, EChecklistDate, []string{"ubnd-xa@2", "01/06/2025", "01/07/2025", "…"}},
		{"xã, undated, the start before the version", in, "xa", Date{}, xa, EChecklistDate, []string{"ubnd-xa@2", "02/06/2025", "01/07/2025", "…"}},
	} {
		err := CheckVisit(visitKinds, c.in, c.kind, c.d, c.cl)
		if ErrorCode(err) != c.code || !slices.Equal(ErrorParams(err), c.params) {
			t.Errorf("%s: %v, want %s %q", c.name, err, c.code, c.params)
		}
	}
}

func TestNewestValid(t *testing.T) {
	t.Parallel()
	in := Inspection{Year: 2022}
	v1 := visitChecklist("so", "2026.1", []UnitKind{"so"}, Date{}, Date{})
	v2 := visitChecklist("so", "2026.2", []UnitKind{"so"}, NewDate(2025, 7, 1), Date{})
	v10 := visitChecklist("so", "2026.10", []UnitKind{"so"}, NewDate(2026, 1, 1), Date{})
	all := []*Checklist{v10, v1, v2}
	for _, c := range []struct {
		d    Date
		want *Checklist
	}{{NewDate(2022, 10, 18), v1}, {NewDate(2025, 9, 1), v2}, {NewDate(2026, 2, 1), v10}} {
		got, err := NewestValid(all, visitKinds, in, "so", c.d)
		if err != nil || got != c.want {
			t.Errorf("%s: %v %v, want %s", c.d, got, err, c.want.Ref())
		}
	}
	only := []*Checklist{v2}
	if _, err := NewestValid(only, visitKinds, in, "so", NewDate(2022, 1, 1)); ErrorCode(err) != EChecklistDate {
		t.Errorf("no version valid: %v", err)
	}
	if _, err := NewestValid(only, visitKinds, in, "xa", NewDate(2026, 1, 1)); ErrorCode(err) != EChecklistKind {
		t.Errorf("no version for the kind: %v", err)
	}
}

func TestUnitAsVisited(t *testing.T) {
	t.Parallel()
	u := Unit{ID: "u", Code: "STP", Name: "Tên mới", Kind: "xa", Address: "x"}
	if got := (Assessment{UnitName: "Sở Tư pháp", UnitKind: "so"}).UnitAsVisited(u); got.Name != "Sở Tư pháp" || got.Kind != "so" || got.Code != "STP" || got.Address != "x" {
		t.Errorf("as visited: %+v", got)
	}
	if got := (Assessment{}).UnitAsVisited(u); got != u {
		t.Errorf("an assessment that kept nothing: %+v", got)
	}
}
