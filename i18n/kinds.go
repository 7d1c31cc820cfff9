package i18n

import (
	"strings"

	"kiemtra/model"
)

// Kinds of unit are data (checklists/kinds.yaml), not catalogue entries:
// whoever loads them registers their names here (checklists.Kinds does,
// on first load), so that a message whose param names a kind shows its
// name in the reader's language rather than its code.

var kindNames = map[model.UnitKind]Entry{}

// RegisterKinds records the names of the kinds of unit. Registering again
// replaces them.
func RegisterKinds(kinds []model.KindInfo) {
	mu.Lock()
	defer mu.Unlock()
	for _, k := range kinds {
		kindNames[k.Code] = Entry{VI: k.Name, EN: k.NameEN}
	}
}

// Kind is the name of a kind of unit in c's language, or its code when
// no name is registered.
func (c Catalog) Kind(k model.UnitKind) string {
	mu.RLock()
	e, ok := kindNames[k]
	mu.RUnlock()
	switch {
	case !ok:
		return string(k)
	case c.Lang == EN && e.EN != "":
		return e.EN
	case e.VI != "":
		return e.VI
	}
	return string(k)
}

// kindParams says which params of a code name kinds (model.KindList: one
// code, or several comma-separated).
var kindParams = map[model.Code][]int{
	model.EUnitExists:    {2},
	model.EChecklistKind: {1, 2},
	model.EKindRetired:   {0},
}

// withKindNames returns params with those that name kinds shown by name.
func (c Catalog) withKindNames(code model.Code, params []string) []string {
	idx := kindParams[code]
	if len(idx) == 0 {
		return params
	}
	out := append([]string(nil), params...)
	for _, i := range idx {
		if i >= len(out) {
			continue
		}
		codes := strings.Split(out[i], ",")
		for j, k := range codes {
			codes[j] = c.Kind(model.UnitKind(k))
		}
		out[i] = strings.Join(codes, "; ")
	}
	return out
}
