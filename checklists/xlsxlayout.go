package checklists

import (
	"kiemtra/i18n"
)

// The layout of a checklist workbook, shared by the writer and the reader:
// which sheets it has, and on each tabular sheet which columns, in the
// order the writer puts them. The reader finds columns by their header
// (Vietnamese row 1, English row 2, or the YAML key), so a person may
// reorder them; FORMAT.md lists them.

// sheetKind names a sheet whatever its language.
type sheetKind string

const (
	sheetHelp     sheetKind = "help"
	sheetSettings sheetKind = "settings"
	sheetFields   sheetKind = "fields"
	sheetItems    sheetKind = "items"
	sheetLevels   sheetKind = "levels"
	sheetBands    sheetKind = "bands"
	sheetAbbrevs  sheetKind = "abbreviations"
)

// sheetOrder is the order of the sheets in a workbook the writer makes,
// and the order problems are sorted in.
var sheetOrder = []sheetKind{sheetHelp, sheetSettings, sheetFields, sheetItems, sheetLevels, sheetBands, sheetAbbrevs}

// requiredSheets must be in every workbook; the others may be left out
// when they would be empty.
var requiredSheets = map[sheetKind]bool{sheetSettings: true, sheetFields: true, sheetItems: true}

func (k sheetKind) index() int {
	for i, s := range sheetOrder {
		if s == k {
			return i
		}
	}
	return len(sheetOrder)
}

// name is the sheet's name in a language.
func (k sheetKind) name(t i18n.Catalog) string { return t.T("checklist.sheet." + string(k)) }

// column is one column of a tabular sheet.
type column struct {
	key      string  // the YAML key it holds
	width    float64 // in characters
	wrap     bool    // long text: wrapped
	text     bool    // codes: stored as text, so "1.10" stays "1.10"
	required bool    // the sheet cannot be read without it
	choice   string  // a closed choice (choiceCodes) offered as a list
}

// columns of each tabular sheet, in the writer's order. The items sheet's
// first three columns say where an item belongs; they may be left blank
// (or merged) on the rows after the first of a criterion.
var columns = map[sheetKind][]column{
	sheetFields: {
		{key: "code", width: 12, text: true, required: true},
		{key: "title", width: 60, wrap: true, required: true},
		{key: "max", width: 12, required: true},
	},
	sheetItems: {
		{key: "field", width: 10, text: true, required: true},
		{key: "criterion", width: 11, text: true, required: true},
		{key: "criterion_title", width: 32, wrap: true, required: true},
		{key: "code", width: 11, text: true, required: true},
		{key: "text", width: 50, wrap: true, required: true},
		{key: "max", width: 10, required: true},
		{key: "scoring", width: 18, required: true, choice: "scoring"},
		{key: "per_case", width: 12},
		{key: "not_applicable", width: 20, choice: "na"},
		{key: "guidance", width: 45, wrap: true},
		{key: "evidence", width: 40, wrap: true},
		{key: "legal_basis", width: 35, wrap: true},
		{key: "source", width: 30, wrap: true},
		{key: "default", width: 10, choice: "bool"},
		{key: "follow_up", width: 12, choice: "bool"},
	},
	sheetLevels: {
		{key: "item", width: 12, text: true, required: true},
		{key: "score", width: 10, required: true},
		{key: "label", width: 60, wrap: true, required: true},
	},
	sheetBands: {
		{key: "label", width: 20, required: true},
		{key: "label_en", width: 24},
		{key: "min", width: 14, required: true},
	},
	sheetAbbrevs: {
		{key: "short", width: 16, text: true, required: true},
		{key: "long", width: 60, wrap: true, required: true},
	},
}

// settingKeys are the rows of the settings sheet, in order.
var settingKeys = []string{"id", "version", "title", "kind", "valid_from", "valid_until", "source", "defaults", "bands_basis"}

// header is a column's header in a language.
func header(sheet sheetKind, key string, t i18n.Catalog) string {
	return t.T("checklist.col." + string(sheet) + "." + key)
}

// keyWord names a key of a workbook sheet in messages: the column's (or
// the setting's) header in the reader's language.
type keyWord struct {
	sheet sheetKind
	key   string
}

func (k keyWord) localize(t i18n.Catalog) string {
	if k.sheet == sheetSettings {
		switch k.key {
		case "fields":
			return sheetFields.name(t)
		case "items":
			return sheetItems.name(t)
		case "bands":
			return sheetBands.name(t)
		case "abbreviations":
			return sheetAbbrevs.name(t)
		}
	}
	if k.sheet == sheetItems && k.key == "levels" {
		return sheetLevels.name(t)
	}
	return header(k.sheet, k.key, t)
}

func labeler(sheet sheetKind) func(string) localizer {
	return func(key string) localizer { return keyWord{sheet: sheet, key: key} }
}
