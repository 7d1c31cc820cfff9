package checklists

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"kiemtra/model"
)

// This file is every rule of a valid checklist, applied to the tree of a
// YAML file or of a workbook alike.

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9-]+$`)
	versionPattern = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
)

var checklistKeys = []string{"id", "version", "title", "kind", "valid_from", "valid_until", "source", "defaults",
	"bands_basis", "bands", "abbreviations", "fields"}

var itemKeys = []string{"code", "text", "guidance", "evidence", "legal_basis", "source", "default", "max",
	"scoring", "per_case", "not_applicable", "follow_up", "levels"}

// kindSet is the kinds of unit a file may name.
type kindSet struct {
	known map[model.UnitKind]bool
	codes []string         // sorted, for messages
	list  []model.KindInfo // the kinds themselves (when each ended)
}

// rules carries what the checks of one checklist share: every code used
// so far (fields, criteria and items share one namespace) and the
// follow-up item.
type rules struct {
	d        *decoder
	codes    map[string]Pos
	followUp *Pos
}

func (r *rules) useCode(what *subject, code string, pos Pos) {
	if prev, dup := r.codes[code]; dup {
		r.d.errorf(pos, "checklist.dup_code", what, code, prev)
		return
	}
	r.codes[code] = pos
}

func (d *decoder) checklist(root *node, kinds kindSet) *model.Checklist {
	if root == nil {
		return nil
	}
	o := d.object(root, &subject{kind: "checklist"}, checklistKeys...)
	o.checkKeys()
	if o.bad {
		return nil
	}
	c := &model.Checklist{}
	var pos Pos
	c.ID, pos = o.str("id", true)
	if c.ID != "" && !idPattern.MatchString(c.ID) {
		d.errorf(pos, "checklist.id_chars", o.what, c.ID)
	}
	c.Version, pos = o.str("version", true)
	if c.Version != "" && !versionPattern.MatchString(c.Version) {
		d.errorf(pos, "checklist.version_chars", o.what, c.Version)
	}
	c.Title, _ = o.str("title", true)
	c.Kind, c.Kinds = d.checklistKinds(o, kinds)
	var untilPos Pos
	c.ValidFrom, _ = o.date("valid_from")
	c.ValidUntil, untilPos = o.date("valid_until")
	if !c.ValidFrom.IsZero() && !c.ValidUntil.IsZero() && c.ValidUntil.Before(c.ValidFrom) {
		d.errorf(untilPos, "checklist.dates_order", o.what, c.ValidUntil.VN(), c.ValidFrom.VN())
	}
	c.Source, _ = o.str("source", false)
	c.Defaults, _ = o.str("defaults", false)
	c.Bands = d.bands(o)
	c.BandsBasis, pos = o.str("bands_basis", false)
	if c.BandsBasis != "" && len(c.Bands) == 0 {
		d.errorf(pos, "checklist.basis_no_bands", o.what)
	}
	c.Abbreviations = d.abbreviations(o)

	fields, _ := o.list("fields", true)
	r := &rules{d: d, codes: map[string]Pos{}}
	for i, fn := range fields {
		c.Fields = append(c.Fields, r.field(fn, i))
	}
	return c
}

// checklistKinds reads kind: one code, or a list of codes.
func (d *decoder) checklistKinds(o *object, kinds kindSet) (model.UnitKind, []model.UnitKind) {
	e, ok := o.vals["kind"]
	if !ok || e.val.kind != nodeList {
		kind, pos := o.str("kind", true)
		if kind != "" && !kinds.known[model.UnitKind(kind)] {
			d.errorf(pos, "checklist.unknown_kind", o.what, kind, strings.Join(kinds.codes, ", "))
		}
		return model.UnitKind(kind), nil
	}
	var out []model.UnitKind
	seen := map[model.UnitKind]bool{}
	for _, n := range e.val.items {
		if n.kind != nodeScalar || strings.TrimSpace(n.text) == "" {
			if n.kind != nodeBad {
				d.errorf(valuePos(e), "checklist.kind_item", o.what)
			}
			continue
		}
		k := model.UnitKind(strings.TrimSpace(n.text))
		pos := n.pos
		switch {
		case !kinds.known[k]:
			d.errorf(pos, "checklist.unknown_kind", o.what, string(k), strings.Join(kinds.codes, ", "))
		case seen[k]:
			d.errorf(pos, "checklist.kind_twice", o.what, string(k))
		default:
			seen[k] = true
			out = append(out, k)
		}
	}
	if len(e.val.items) == 0 {
		d.errorf(e.pos, "checklist.empty", o.what, o.label("kind"))
	}
	switch len(out) {
	case 0:
		return "", nil
	case 1:
		return out[0], nil
	}
	return out[0], out
}

func (d *decoder) bands(o *object) []model.Band {
	list, pos := o.list("bands", false)
	var out []model.Band
	mins := map[float64]Pos{}
	hasZero := false
	for i, n := range list {
		b := d.object(n, &subject{kind: "band", n: i + 1}, "label", "label_en", "min")
		label, _ := b.str("label", true)
		if label != "" {
			b.what = &subject{kind: "band", label: label}
		}
		b.checkKeys()
		en, _ := b.str("label_en", false)
		min, mpos, ok := b.number("min", true)
		if ok {
			switch {
			case min < 0 || min > 100:
				d.errorf(mpos, "checklist.band_min_range", b.what, fmtFloat(min))
			default:
				if prev, dup := mins[min]; dup {
					d.errorf(mpos, "checklist.band_min_dup", b.what, fmtFloat(min), prev)
				}
				mins[min] = mpos
				if min == 0 {
					hasZero = true
				}
			}
		}
		out = append(out, model.Band{Label: label, LabelEN: en, MinPercent: min})
	}
	if len(list) > 0 && !hasZero {
		d.errorf(pos, "checklist.bands_no_zero", o.what)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].MinPercent > out[j].MinPercent })
	return out
}

func (d *decoder) abbreviations(o *object) []model.Abbreviation {
	list, _ := o.list("abbreviations", false)
	var out []model.Abbreviation
	seen := map[string]Pos{}
	for i, n := range list {
		a := d.object(n, &subject{kind: "abbreviation", n: i + 1}, "short", "long")
		short, spos := a.str("short", true)
		if short != "" {
			a.what = &subject{kind: "abbreviation", code: short}
			if prev, dup := seen[fold(short)]; dup {
				d.errorf(spos, "checklist.abbr_twice", a.what, short, prev)
			}
			seen[fold(short)] = spos
		}
		a.checkKeys()
		long, _ := a.str("long", true)
		out = append(out, model.Abbreviation{Short: short, Long: long})
	}
	return out
}

func (r *rules) field(n *node, idx int) model.Field {
	d := r.d
	o := d.object(n, &subject{kind: "field", n: idx + 1}, "code", "title", "max", "criteria")
	var f model.Field
	var pos Pos
	f.Code, pos = o.str("code", true)
	if f.Code != "" {
		o.what = &subject{kind: "field", code: f.Code}
		checkCodeChars(d, o.what, f.Code, pos)
		r.useCode(o.what, f.Code, pos)
	}
	o.checkKeys()
	f.Title, _ = o.str("title", true)
	max, maxPos, maxOK := o.points("max", true)
	if maxOK && max <= 0 {
		d.errorf(maxPos, "checklist.max_positive", o.what, o.label("max"))
		maxOK = false
	}
	f.Max = max
	crits, cpos := o.list("criteria", false)
	if len(crits) == 0 && !o.bad {
		d.errorf(cpos, "checklist.no_criteria", o.what)
	}
	sumOK := true
	for i, cn := range crits {
		cr, ok := r.criterion(cn, i, f.Code)
		sumOK = sumOK && ok
		f.Criteria = append(f.Criteria, cr)
	}
	if maxOK && sumOK && len(crits) > 0 {
		if sum := f.ItemMax(); sum != f.Max {
			d.errorf(maxPos, "checklist.sum", o.what, sum.Format(d.sep()), f.Max.Format(d.sep()))
		}
	}
	return f
}

// sep is the decimal separator of numbers in messages: the comma a
// spreadsheet in Vietnam shows, the dot of a YAML file.
func (d *decoder) sep() byte {
	if d.xlsx {
		return ','
	}
	return '.'
}

// criterion reads a tiêu chí; ok is false when an item maximum could not be
// read, so the field total is not checked against a wrong sum.
func (r *rules) criterion(n *node, idx int, fieldCode string) (model.Criterion, bool) {
	d := r.d
	what := &subject{kind: "criterion", n: idx + 1}
	if fieldCode != "" {
		what.parent = &subject{kind: "field", code: fieldCode}
	}
	o := d.object(n, what, "code", "title", "items")
	var cr model.Criterion
	var pos Pos
	cr.Code, pos = o.str("code", true)
	if cr.Code != "" {
		o.what = &subject{kind: "criterion", code: cr.Code}
		checkCodeChars(d, o.what, cr.Code, pos)
		if fieldCode != "" && !strings.HasPrefix(cr.Code, fieldCode+".") {
			d.errorf(pos, "checklist.prefix_field", o.what, fieldCode+".")
		}
		r.useCode(o.what, cr.Code, pos)
	}
	o.checkKeys()
	cr.Title, _ = o.str("title", true)
	items, ipos := o.list("items", false)
	if len(items) == 0 && !o.bad {
		d.errorf(ipos, "checklist.no_items", o.what)
	}
	ok := !o.bad && len(items) > 0
	for i, in := range items {
		it, itOK := r.item(in, i, cr.Code)
		ok = ok && itOK
		cr.Items = append(cr.Items, it)
	}
	return cr, ok
}

// checkCodeChars rejects codes with spaces or control characters, which
// would be invisible in reports and break lookups.
func checkCodeChars(d *decoder, what *subject, code string, pos Pos) {
	if strings.IndexFunc(code, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		d.errorf(pos, "checklist.code_spaces", what, code)
	}
}
