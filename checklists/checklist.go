package checklists

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/goccy/go-yaml/ast"

	"kiemtra/model"
)

//go:embed *.yaml
var embedded embed.FS

// kindsFile is the embedded file that lists the kinds of unit; every other
// embedded *.yaml file is a checklist.
const kindsFile = "kinds.yaml"

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9-]+$`)
	versionPattern = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
)

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
	names, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		return nil, err
	}
	var out []*model.Checklist
	seen := map[string]string{}
	for _, name := range names {
		if name == kindsFile {
			continue
		}
		data, err := embedded.ReadFile(name)
		if err != nil {
			return nil, err
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
// xã, phường).
func Kinds() ([]model.KindInfo, error) {
	kindsOnce.Do(func() {
		data, err := embedded.ReadFile(kindsFile)
		if err != nil {
			kindsErr = err
			return
		}
		kindsList, kindsErr = parseKinds(kindsFile, data)
	})
	if kindsErr != nil {
		return nil, kindsErr
	}
	return append([]model.KindInfo(nil), kindsList...), nil
}

func parseKinds(filename string, data []byte) ([]model.KindInfo, error) {
	d := &decoder{file: filename}
	var out []model.KindInfo
	if root := d.root(data, "list of kinds"); root != nil {
		top := d.object(root, "kinds file", "kinds")
		top.checkKeys()
		list, _ := top.list("kinds", true)
		seen := map[string]int{}
		for i, n := range list {
			o := d.object(n, fmt.Sprintf("kind #%d", i+1), "code", "name", "name_en", "order", "retired")
			code, line := o.str("code", true)
			if code != "" {
				o.what = "kind " + code
				if !idPattern.MatchString(code) {
					d.errorf(line, "%s: code may use only a-z, 0-9 and -", o.what)
				}
				if prev, dup := seen[code]; dup {
					d.errorf(line, "%s: code is used twice (first on line %d)", o.what, prev)
				}
				seen[code] = line
			}
			o.checkKeys()
			k := model.KindInfo{Code: model.UnitKind(code)}
			k.Name, _ = o.str("name", true)
			k.NameEN, _ = o.str("name_en", false)
			k.Order, _, _ = o.integer("order", true)
			var rline int
			k.Retired, rline = o.str("retired", false)
			if k.Retired != "" {
				if _, err := model.ParseDate(k.Retired); err != nil {
					d.errorf(rline, "%s: retired %q is not a date (write yyyy-mm-dd)", o.what, k.Retired)
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
func knownKinds() (map[model.UnitKind]bool, []string, error) {
	kinds, err := Kinds()
	if err != nil {
		return nil, nil, err
	}
	set := map[model.UnitKind]bool{}
	var codes []string
	for _, k := range kinds {
		set[k.Code] = true
		codes = append(codes, string(k.Code))
	}
	return set, codes, nil
}

// LoadFile reads and parses a checklist file; see Parse.
func LoadFile(path string) (*model.Checklist, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads one checklist file (the format is in FORMAT.md) and checks
// every rule of a valid checklist. filename is only used in messages. On
// failure the error is an Errors value listing every problem found, each
// with its line. On success the checklist has Hash set and is indexed.
func Parse(filename string, data []byte) (*model.Checklist, error) {
	kinds, kindCodes, err := knownKinds()
	if err != nil {
		return nil, fmt.Errorf("built-in kinds: %w", err)
	}
	d := &decoder{file: filename}
	c := d.checklist(data, kinds, kindCodes)
	if len(d.errs) > 0 {
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

var checklistKeys = []string{"id", "version", "title", "kind", "source", "defaults", "bands", "fields"}

func (d *decoder) checklist(data []byte, kinds map[model.UnitKind]bool, kindCodes []string) *model.Checklist {
	root := d.root(data, "checklist")
	if root == nil {
		return nil
	}
	o := d.object(root, "checklist", checklistKeys...)
	o.checkKeys()
	if o.bad {
		return nil
	}
	c := &model.Checklist{}
	var line int
	c.ID, line = o.str("id", true)
	if c.ID != "" && !idPattern.MatchString(c.ID) {
		d.errorf(line, "checklist: id %q may use only a-z, 0-9 and -", c.ID)
	}
	c.Version, line = o.str("version", true)
	if c.Version != "" && !versionPattern.MatchString(c.Version) {
		d.errorf(line, "checklist: version %q may use only letters, digits, “.”, “-” and “_”", c.Version)
	}
	c.Title, _ = o.str("title", true)
	var kind string
	kind, line = o.str("kind", true)
	c.Kind = model.UnitKind(kind)
	if kind != "" && !kinds[c.Kind] {
		d.errorf(line, "checklist: unknown kind %q (known kinds: %s)", kind, quoteList(kindCodes))
	}
	c.Source, _ = o.str("source", false)
	c.Defaults, _ = o.str("defaults", false)
	c.Bands = d.bands(o)

	fields, _ := o.list("fields", true)
	codes := map[string]int{} // every code in the checklist → its line
	useCode := func(what, code string, line int) {
		if prev, dup := codes[code]; dup {
			d.errorf(line, "%s: code %q is already used on line %d (codes must be unique in the checklist)", what, code, prev)
			return
		}
		codes[code] = line
	}
	for i, fn := range fields {
		c.Fields = append(c.Fields, d.field(fn, i, useCode))
	}
	return c
}

func (d *decoder) bands(o *object) []model.Band {
	list, line := o.list("bands", true)
	var out []model.Band
	mins := map[float64]int{}
	hasZero := false
	for i, n := range list {
		b := d.object(n, fmt.Sprintf("band #%d", i+1), "label", "label_en", "min")
		label, _ := b.str("label", true)
		if label != "" {
			b.what = fmt.Sprintf("band %q", label)
		}
		b.checkKeys()
		en, _ := b.str("label_en", false)
		min, mline, ok := b.number("min", true)
		if ok {
			switch {
			case min < 0 || min > 100:
				d.errorf(mline, "%s: min %v must be a percentage from 0 to 100", b.what, min)
			default:
				if prev, dup := mins[min]; dup {
					d.errorf(mline, "%s: min %v is already used by the band on line %d", b.what, min, prev)
				}
				mins[min] = mline
				if min == 0 {
					hasZero = true
				}
			}
		}
		out = append(out, model.Band{Label: label, LabelEN: en, MinPercent: min})
	}
	if len(list) > 0 && !hasZero {
		d.errorf(line, "checklist: bands: no band has min 0, so a low percentage would get no classification")
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].MinPercent > out[j].MinPercent })
	return out
}

func (d *decoder) field(n ast.Node, idx int, useCode func(what, code string, line int)) model.Field {
	o := d.object(n, fmt.Sprintf("field #%d", idx+1), "code", "title", "max", "criteria")
	var f model.Field
	var line int
	f.Code, line = o.str("code", true)
	if f.Code != "" {
		o.what = "field " + f.Code
		checkCodeChars(d, o.what, f.Code, line)
		useCode(o.what, f.Code, line)
	}
	o.checkKeys()
	f.Title, _ = o.str("title", true)
	max, maxLine, maxOK := o.points("max", true)
	if maxOK && max <= 0 {
		d.errorf(maxLine, "%s: max must be greater than 0", o.what)
		maxOK = false
	}
	f.Max = max
	crits, cline := o.list("criteria", false)
	if len(crits) == 0 && !o.bad {
		d.errorf(cline, "%s has no criteria", o.what)
	}
	sumOK := true
	for i, cn := range crits {
		cr, ok := d.criterion(cn, i, f.Code, useCode)
		sumOK = sumOK && ok
		f.Criteria = append(f.Criteria, cr)
	}
	if maxOK && sumOK && len(crits) > 0 {
		if sum := f.ItemMax(); sum != f.Max {
			d.errorf(maxLine, "%s: items add up to %s, max is %s", o.what, sum, f.Max)
		}
	}
	return f
}

// criterion reads a tiêu chí; ok is false when an item maximum could not be
// read, so the field total is not checked against a wrong sum.
func (d *decoder) criterion(n ast.Node, idx int, fieldCode string, useCode func(what, code string, line int)) (model.Criterion, bool) {
	what := fmt.Sprintf("criterion #%d", idx+1)
	if fieldCode != "" {
		what += " of field " + fieldCode
	}
	o := d.object(n, what, "code", "title", "items")
	var cr model.Criterion
	var line int
	cr.Code, line = o.str("code", true)
	if cr.Code != "" {
		o.what = "criterion " + cr.Code
		checkCodeChars(d, o.what, cr.Code, line)
		if fieldCode != "" && !strings.HasPrefix(cr.Code, fieldCode+".") {
			d.errorf(line, "%s: code must start with its field's code %q", o.what, fieldCode+".")
		}
		useCode(o.what, cr.Code, line)
	}
	o.checkKeys()
	cr.Title, _ = o.str("title", true)
	items, iline := o.list("items", false)
	if len(items) == 0 && !o.bad {
		d.errorf(iline, "%s has no items", o.what)
	}
	ok := !o.bad && len(items) > 0
	for i, in := range items {
		it, itOK := d.item(in, i, cr.Code, useCode)
		ok = ok && itOK
		cr.Items = append(cr.Items, it)
	}
	return cr, ok
}

var itemKeys = []string{"code", "text", "guidance", "evidence", "legal_basis", "max", "scoring", "levels"}

func (d *decoder) item(n ast.Node, idx int, critCode string, useCode func(what, code string, line int)) (model.Item, bool) {
	what := fmt.Sprintf("item #%d", idx+1)
	if critCode != "" {
		what += " of criterion " + critCode
	}
	o := d.object(n, what, itemKeys...)
	var it model.Item
	var line int
	it.Code, line = o.str("code", true)
	if it.Code != "" {
		o.what = "item " + it.Code
		checkCodeChars(d, o.what, it.Code, line)
		if critCode != "" && !strings.HasPrefix(it.Code, critCode+".") {
			d.errorf(line, "%s: code must start with its criterion's code %q", o.what, critCode+".")
		}
		useCode(o.what, it.Code, line)
	}
	o.checkKeys()
	it.Text, _ = o.str("text", true)
	it.Guidance, _ = o.str("guidance", false)
	it.Evidence, _ = o.str("evidence", false)
	it.LegalBasis, _ = o.str("legal_basis", false)
	max, maxLine, maxOK := o.points("max", true)
	if maxOK && max <= 0 {
		d.errorf(maxLine, "%s: max must be greater than 0", o.what)
	}
	it.Max = max
	modes := make([]string, len(model.ScoringModes))
	for i, m := range model.ScoringModes {
		modes[i] = string(m)
	}
	mode, sline, present := o.text("scoring", false)
	switch {
	case !present && !o.bad:
		d.errorf(sline, "%s: missing \"scoring\" (one of %s)", o.what, strings.Join(modes, ", "))
	case present && !model.ScoringMode(mode).Valid():
		d.errorf(sline, "%s: unknown scoring mode %q (valid: %s)", o.what, mode, strings.Join(modes, ", "))
	}
	it.Scoring = model.ScoringMode(mode)

	levels, lline := o.list("levels", false)
	switch {
	case it.Scoring == model.ScoringLevels && len(levels) == 0 && !o.bad:
		d.errorf(lline, "%s: scoring is levels but no levels are listed", o.what)
	case it.Scoring != model.ScoringLevels && o.has("levels") && model.ScoringMode(mode).Valid():
		d.errorf(lline, "%s: levels are only allowed with scoring: levels (this item is %s)", o.what, mode)
	}
	if it.Scoring == model.ScoringLevels {
		seen := map[model.Points]int{}
		top := false
		for i, ln := range levels {
			lo := d.object(ln, fmt.Sprintf("%s: level #%d", o.what, i+1), "score", "label")
			lo.checkKeys()
			score, scLine, ok := lo.points("score", true)
			label, _ := lo.str("label", true)
			if ok {
				if score < 0 || (maxOK && score > it.Max) {
					d.errorf(scLine, "%s: level score %s is outside 0–%s", o.what, score, it.Max)
				}
				if prev, dup := seen[score]; dup {
					d.errorf(scLine, "%s: level score %s is listed twice (first on line %d)", o.what, score, prev)
				}
				seen[score] = scLine
				if score == it.Max {
					top = true
				}
			}
			it.Levels = append(it.Levels, model.Level{Score: score, Label: label})
		}
		if len(levels) > 0 && maxOK && !top {
			d.errorf(lline, "%s: no level scores the item's max %s", o.what, it.Max)
		}
	}
	return it, maxOK && max > 0 && !o.bad
}

// checkCodeChars rejects codes with spaces or control characters, which
// would be invisible in reports and break lookups.
func checkCodeChars(d *decoder, what, code string, line int) {
	for _, r := range code {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			d.errorf(line, "%s: code %q must not contain spaces", what, code)
			return
		}
	}
}
