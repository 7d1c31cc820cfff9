package checklists

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The closed choices of a checklist: scoring modes, không áp dụng rules and
// yes/no. A YAML file writes their codes; a workbook shows their labels in
// its language (and accepts the codes and the labels of either language).
var choiceCodes = map[string][]string{
	"scoring": scoringCodes(),
	"na":      {model.NAExclude.Code(), string(model.NAFull), string(model.NANotAllowed)},
	"bool":    {"true", "false"},
}

func scoringCodes() []string {
	out := make([]string, len(model.ScoringModes))
	for i, m := range model.ScoringModes {
		out[i] = string(m)
	}
	return out
}

// choiceLabel is a choice's label in the catalogue's language.
func choiceLabel(kind, code string, t i18n.Catalog) string {
	return t.T("checklist.choice." + kind + "." + code)
}

// choiceLabels are a kind's labels in order, for data validation lists.
func choiceLabels(kind string, t i18n.Catalog) []string {
	codes := choiceCodes[kind]
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = choiceLabel(kind, c, t)
	}
	return out
}

// choiceCode finds the code a person meant by s: a code or a label in
// either language, ignoring case and extra spaces. ok is false when s is
// none of them.
func choiceCode(kind, s string) (string, bool) {
	want := fold(s)
	for _, c := range choiceCodes[kind] {
		if want == fold(c) {
			return c, true
		}
		for _, l := range []i18n.Lang{i18n.VI, i18n.EN} {
			if want == fold(choiceLabel(kind, c, i18n.New(l))) {
				return c, true
			}
		}
	}
	return "", false
}

// fold is s as compared when matching labels and headers: NFC, lower
// case, single spaces.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(s))), " ")
}

// choices is the list of valid values in a message: codes for a YAML file,
// labels for a workbook.
type choices struct {
	kind string
	xlsx bool
}

func (c choices) localize(t i18n.Catalog) string {
	if !c.xlsx {
		return strings.Join(choiceCodes[c.kind], ", ")
	}
	return strings.Join(choiceLabels(c.kind, t), "; ")
}
