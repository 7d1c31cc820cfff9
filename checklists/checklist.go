package checklists

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"

	"kiemtra/i18n"
	"kiemtra/model"
)

// The embedded data: kinds.yaml, and one file per built-in checklist
// version in builtin/, named <id>-<version>.yaml. A version is never
// changed once released; new content is a new file.
//
//go:embed kinds.yaml builtin/*.yaml
var embedded embed.FS

// kindsFile is the embedded file that lists the kinds of unit.
const kindsFile = "kinds.yaml"

// builtinGlob matches the built-in checklist files.
const builtinGlob = "builtin/*.yaml"

var (
	builtinOnce sync.Once
	builtinList []*model.Checklist
	builtinErr  error

	kindsOnce sync.Once
	kindsList []model.KindInfo
	kindsErr  error
)

// Builtin returns the checklists embedded in the program, parsed and
// validated, sorted by ID then version, each with Hash set and Index
// called. The files are read once; every call returns fresh copies, so a
// caller may keep or change what it gets without affecting other callers.
func Builtin() ([]*model.Checklist, error) {
	builtinOnce.Do(func() { builtinList, builtinErr = loadBuiltin() })
	if builtinErr != nil {
		return nil, builtinErr
	}
	out := make([]*model.Checklist, len(builtinList))
	for i, c := range builtinList {
		out[i] = clone(c)
	}
	return out, nil
}

func loadBuiltin() ([]*model.Checklist, error) {
	names, err := fs.Glob(embedded, builtinGlob)
	if err != nil {
		return nil, fmt.Errorf("list built-in checklists: %w", err)
	}
	var out []*model.Checklist
	seen := map[string]string{}
	for _, name := range names {
		data, err := embedded.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read built-in checklist %s: %w", name, err)
		}
		c, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[c.Ref()]; dup {
			return nil, fmt.Errorf("built-in checklists %s and %s are both %s", prev, name, c.Ref())
		}
		seen[c.Ref()] = name
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ID != out[j].ID {
			return out[i].ID < out[j].ID
		}
		return versionLess(out[i].Version, out[j].Version)
	})
	return out, nil
}

// versionLess orders versions part by part, numerically where both parts
// are numbers, so "2026.2" comes before "2026.10".
func versionLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

// clone deep-copies a checklist and indexes the copy.
func clone(c *model.Checklist) *model.Checklist {
	cp := *c
	cp.Bands = append([]model.Band(nil), c.Bands...)
	if len(c.Bands) == 0 {
		cp.Bands = c.Bands
	}
	cp.Kinds = append([]model.UnitKind(nil), c.Kinds...)
	cp.Abbreviations = append([]model.Abbreviation(nil), c.Abbreviations...)
	cp.Fields = make([]model.Field, len(c.Fields))
	for i, f := range c.Fields {
		f.Criteria = append([]model.Criterion(nil), f.Criteria...)
		for j := range f.Criteria {
			cr := &f.Criteria[j]
			cr.Items = append([]model.Item(nil), cr.Items...)
			for k := range cr.Items {
				cr.Items[k].Levels = append([]model.Level(nil), cr.Items[k].Levels...)
				if len(cr.Items[k].Levels) == 0 {
					cr.Items[k].Levels = nil
				}
			}
		}
		cp.Fields[i] = f
	}
	cp.Index()
	return &cp
}

// Kinds returns the kinds of unit from the embedded kinds.yaml, in their
// order (sở, ban, ngành; UBND cấp huyện, retired on 1 July 2025; UBND cấp
// xã, phường; UBND đặc khu).
func Kinds() ([]model.KindInfo, error) {
	kindsOnce.Do(func() {
		data, err := embedded.ReadFile(kindsFile)
		if err != nil {
			kindsErr = fmt.Errorf("read %s: %w", kindsFile, err)
			return
		}
		kindsList, kindsErr = parseKinds(kindsFile, data)
		// Messages whose params name a kind show its name.
		i18n.RegisterKinds(kindsList)
	})
	if kindsErr != nil {
		return nil, kindsErr
	}
	return append([]model.KindInfo(nil), kindsList...), nil
}

func parseKinds(filename string, data []byte) ([]model.KindInfo, error) {
	d := &decoder{file: filename}
	var out []model.KindInfo
	if root := d.yamlRoot(data, "kinds"); root != nil {
		top := d.object(root, &subject{kind: "kinds_file"}, "kinds")
		top.checkKeys()
		list, _ := top.list("kinds", true)
		seen := map[string]Pos{}
		for i, n := range list {
			o := d.object(n, &subject{kind: "kind", n: i + 1}, "code", "name", "name_en", "order", "retired")
			code, pos := o.str("code", true)
			if code != "" {
				o.what = &subject{kind: "kind", code: code}
				if !idPattern.MatchString(code) {
					d.errorf(pos, "checklist.kind_code_chars", o.what)
				}
				if prev, dup := seen[code]; dup {
					d.errorf(pos, "checklist.kind_code_twice", o.what, prev)
				}
				seen[code] = pos
			}
			o.checkKeys()
			k := model.KindInfo{Code: model.UnitKind(code)}
			k.Name, _ = o.str("name", true)
			k.NameEN, _ = o.str("name_en", false)
			k.Order, _, _ = o.integer("order", true)
			var rpos Pos
			k.Retired, rpos = o.str("retired", false)
			if k.Retired != "" {
				if _, err := model.ParseDate(k.Retired); err != nil {
					d.errorf(rpos, "checklist.kind_retired", o.what, k.Retired)
				}
			}
			out = append(out, k)
		}
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out, nil
}

// knownKinds returns the codes of the embedded kinds.
func knownKinds() (kindSet, error) {
	kinds, err := Kinds()
	if err != nil {
		return kindSet{}, err
	}
	set := kindSet{known: map[model.UnitKind]bool{}, list: kinds}
	for _, k := range kinds {
		set.known[k.Code] = true
		set.codes = append(set.codes, string(k.Code))
	}
	sort.Strings(set.codes)
	return set, nil
}

// LoadFile reads a checklist file, YAML or an Excel workbook (told apart
// by their first bytes, not the file's name), and parses it with Parse or
// ParseXLSX. It reads regular files only (never a device or a pipe, which
// could block forever) and refuses files over the limits before reading
// them; those errors are model errors (ENotRegular, ETooLarge, a missing
// file), a file that breaks the rules gives Errors. Message renders
// either for people.
func LoadFile(path string) (*model.Checklist, error) {
	c, _, err := LoadFileSum(path)
	return c, err
}

// LoadFileSum is LoadFile that also returns the hex SHA-256 of the bytes
// it read and parsed, which names the very copy of the file a checklist
// was added from (a later edit of the file has another sum). The file is
// read once, so the sum is of what was parsed.
func LoadFileSum(path string) (*model.Checklist, string, error) {
	data, err := readRegular(path, max(MaxYAMLBytes, MaxXLSXBytes))
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(data)
	var c *model.Checklist
	switch {
	case isWorkbook(data) || isSpreadsheetName(path):
		c, err = ParseXLSX(path, data)
	case len(data) > MaxYAMLBytes:
		err = model.NewError(model.ETooLarge, nil, path, sizeWords(MaxYAMLBytes))
	default:
		c, err = Parse(path, data)
	}
	if err != nil {
		return nil, "", err
	}
	return c, hex.EncodeToString(sum[:]), nil
}

// Parse reads one checklist file (the format is in FORMAT.md) and checks
// every rule of a valid checklist. filename is only used in messages. On
// failure the error is an Errors value listing every problem found, each
// with its line. On success the checklist has Hash set and is indexed.
func Parse(filename string, data []byte) (*model.Checklist, error) {
	kinds, err := knownKinds()
	if err != nil {
		return nil, fmt.Errorf("built-in kinds: %w", err)
	}
	d := &decoder{file: filename}
	c := d.checklist(d.yamlRoot(data, "checklist"), kinds)
	return d.finish(c)
}

// finish returns the checklist with its hash, or the errors found.
func (d *decoder) finish(c *model.Checklist) (*model.Checklist, error) {
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	if c == nil { // a shape no check named: never a checklist of nothing
		d.errorf(Pos{Line: 1}, "checklist.yaml_unreadable")
		return nil, d.errs.sorted()
	}
	c.Hash = Hash(c)
	c.Index()
	return c, nil
}

// Hash returns the hex SHA-256 of the checklist's canonical encoding: the
// encoding/json encoding of the checklist with Hash cleared. It is stable:
// encoding/json writes struct fields in declaration order and the checklist
// holds no maps, so the same content always gives the same hash, whatever
// the layout, comments or key order of the file it came from. It changes
// when any text, code, maximum, level or band changes (and would change if
// model's JSON field names changed, which would need a new version anyway).
func Hash(c *model.Checklist) string {
	cp := *c
	cp.Hash = ""
	b, err := json.Marshal(&cp)
	if err != nil {
		// Only strings, ints, floats and slices: cannot fail, except for a
		// NaN band threshold, which the validator rejects.
		panic(fmt.Sprintf("checklists: hash: %v", err))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
