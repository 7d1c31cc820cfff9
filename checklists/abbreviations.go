package checklists

import (
	_ "embed"
	"sync"

	"kiemtra/model"
)

// abbreviationsFile is kiemtra's own table of the field's abbreviations
// (TTHC, CCHC, VBQPPL…), which search expands both ways; each checklist
// may add its own (model.Checklist.Abbreviations).
//
//go:embed abbreviations.yaml
var abbreviationsFile []byte

var (
	abbrevOnce sync.Once
	abbrevList []model.Abbreviation
	abbrevErr  error
)

// Abbreviations returns the table in abbreviations.yaml, checked by the
// same rules as a checklist's abbreviations (both forms given, a short
// form once). The file is read once; every call returns a fresh copy.
func Abbreviations() ([]model.Abbreviation, error) {
	abbrevOnce.Do(func() { abbrevList, abbrevErr = parseAbbreviations("abbreviations.yaml", abbreviationsFile) })
	if abbrevErr != nil {
		return nil, abbrevErr
	}
	return append([]model.Abbreviation(nil), abbrevList...), nil
}

func parseAbbreviations(filename string, data []byte) ([]model.Abbreviation, error) {
	d := &decoder{file: filename}
	var out []model.Abbreviation
	if root := d.yamlRoot(data, "abbreviations"); root != nil {
		top := d.object(root, &subject{kind: "abbreviations_file"}, "abbreviations")
		top.checkKeys()
		out = d.abbreviations(top)
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return out, nil
}
