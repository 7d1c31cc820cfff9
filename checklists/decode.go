package checklists

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kiemtra/i18n"
	"kiemtra/model"
)

// A decoder validates one file's tree. Walking the tree by hand (rather
// than decoding into structs) is what gives each message the line or cell
// of the value it is about, and lets unknown keys, wrong types and rule
// violations all be reported in one pass.
type decoder struct {
	file string
	xlsx bool // the tree came from a workbook: keys are columns, choices are labels
	errs Errors
}

func (d *decoder) errorf(pos Pos, key string, args ...any) {
	if pos.Line < 1 {
		pos.Line = 1
	}
	d.errs = append(d.errs, Error{File: d.file, Pos: pos, Key: key, Args: args})
}

// subject names what a message is about: "item 1.1.1", "band “Tốt”",
// "criterion #2 of field 3", "checklist".
type subject struct {
	kind   string // checklist, field, criterion, item, level, band, abbreviation, kinds_file, kind, plan, inspection, member, visit, unit
	code   string
	label  string
	n      int // 1-based place, while there is no code
	parent *subject
}

func (s *subject) localize(t i18n.Catalog) string {
	var out string
	switch {
	case s.code != "":
		out = t.T("checklist.subj."+s.kind, s.code)
	case s.label != "":
		out = t.T("checklist.subj.band_label", s.label)
	case s.n > 0:
		out = t.T("checklist.subj."+s.kind+"_n", s.n)
	default:
		out = t.T("checklist.subj." + s.kind + "_bare")
	}
	if s.parent != nil && s.code == "" && s.label == "" {
		out = t.T("checklist.subj.of", out, s.parent.localize(t))
	}
	return out
}

// object is a mapping read as a record with a fixed set of keys.
type object struct {
	d     *decoder
	what  *subject
	pos   Pos
	n     *node
	bad   bool // not a mapping: already reported, stay quiet
	order []*mapEntry
	vals  map[string]*mapEntry
	keys  []string
	dups  []*mapEntry // repeated keys, reported by checkKeys
}

// object reads n as a mapping with the given keys. Unknown keys are
// reported by checkKeys, once the caller knows what to call the object.
func (d *decoder) object(n *node, what *subject, keys ...string) *object {
	o := &object{d: d, what: what, n: n, vals: map[string]*mapEntry{}, keys: keys}
	if n == nil || n.kind == nodeBad {
		o.bad = true
		return o
	}
	o.pos = n.pos
	if n.kind != nodeMap {
		d.errorf(n.pos, "checklist.not_mapping", what, strings.Join(keys, ", "))
		o.bad = true
		return o
	}
	for _, e := range n.entries {
		if _, dup := o.vals[e.key]; dup {
			o.dups = append(o.dups, e)
			continue
		}
		o.vals[e.key] = e
		o.order = append(o.order, e)
	}
	return o
}

func (o *object) label(key string) any { return o.n.keyLabel(key) }

// checkKeys reports keys that are not among the object's keys, and keys
// given twice.
func (o *object) checkKeys() {
	for _, e := range o.dups {
		o.d.errorf(e.pos, "checklist.dup_key", o.what, e.key, o.vals[e.key].pos)
	}
	for _, e := range o.order {
		if contains(o.keys, e.key) {
			continue
		}
		if s := closest(e.key, o.keys); s != "" {
			o.d.errorf(e.pos, "checklist.unknown_key_hint", o.what, e.key, s)
			continue
		}
		o.d.errorf(e.pos, "checklist.unknown_key", o.what, e.key, strings.Join(o.keys, ", "))
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// closest returns the key within edit distance 2 of s, if any.
func closest(s string, keys []string) string {
	best, bestD := "", 3
	for _, k := range keys {
		if dist := editDistance(s, k); dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 99
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// has reports whether the key is present.
func (o *object) has(key string) bool { _, ok := o.vals[key]; return ok }

// given reports whether the key is present with a value that is not
// empty (a workbook has every column on every row, mostly blank).
func (o *object) given(key string) bool {
	e, ok := o.vals[key]
	if !ok || e.val == nil {
		return false
	}
	switch e.val.kind {
	case nodeNull:
		return false
	case nodeScalar:
		return strings.TrimSpace(e.val.text) != ""
	default:
		return true
	}
}

// valuePos is where a key's value is: the value's own place, else the
// key's.
func valuePos(e *mapEntry) Pos {
	if e.val != nil && e.val.pos.Line > 0 {
		return e.val.pos
	}
	return e.pos
}

// text returns the value's text, its place, and whether it is present and
// a scalar. It reports a missing required key, a non-scalar, text that is
// not in NFC, and control characters (a NUL byte, an escape) that no
// document can print.
func (o *object) text(key string, required bool) (string, Pos, bool) {
	e, ok := o.vals[key]
	if !ok {
		if required && !o.bad {
			o.d.errorf(o.pos, "checklist.missing", o.what, o.label(key))
		}
		return "", o.pos, false
	}
	pos := valuePos(e)
	switch e.val.kind {
	case nodeBad:
		return "", pos, false // already reported
	case nodeList, nodeMap:
		o.d.errorf(pos, "checklist.not_scalar", o.what, o.label(key))
		return "", pos, false
	case nodeNull:
		return "", pos, true
	case nodeScalar:
	}
	s := strings.TrimSpace(e.val.text)
	if !norm.NFC.IsNormalString(s) {
		o.d.errorf(pos, "checklist.nfc", o.what, o.label(key))
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0 {
		o.d.errorf(pos, "checklist.control", o.what, o.label(key))
	}
	return s, pos, true
}

// str is text for a string value; required ones must not be empty.
func (o *object) str(key string, required bool) (string, Pos) {
	s, pos, ok := o.text(key, required)
	if ok && required && s == "" {
		o.d.errorf(pos, "checklist.empty", o.what, o.label(key))
	}
	return s, pos
}

// points reads a score (dot or comma decimals, at most two decimals).
func (o *object) points(key string, required bool) (model.Points, Pos, bool) {
	s, pos, ok := o.text(key, required)
	if !ok {
		return 0, pos, false
	}
	if s == "" {
		if required {
			o.d.errorf(pos, "checklist.empty", o.what, o.label(key))
		}
		return 0, pos, false
	}
	p, problem := parsePoints(s)
	if problem != "" {
		o.d.errorf(pos, problem, o.what, o.label(key), s)
		return 0, pos, false
	}
	return p, pos, true
}

// parsePoints reads a score as model.ParsePoints does; on failure it
// returns the catalogue key that says why.
func parsePoints(s string) (model.Points, string) {
	t := strings.ReplaceAll(s, ",", ".")
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c == '.' || i == 0 && (c == '+' || c == '-')) {
			return 0, "checklist.points_nan"
		}
	}
	if i := strings.IndexByte(t, '.'); i >= 0 && len(t)-i-1 > 2 && strings.Count(t, ".") == 1 {
		return 0, "checklist.points_decimals"
	}
	p, err := model.ParsePoints(s)
	if err != nil {
		if f, ferr := strconv.ParseFloat(t, 64); ferr == nil && math.Abs(f) > 1e9 {
			return 0, "checklist.points_range"
		}
		return 0, "checklist.points_nan"
	}
	return p, ""
}

// integer reads a whole number.
func (o *object) integer(key string, required bool) (int, Pos, bool) {
	s, pos, ok := o.text(key, required)
	if !ok {
		return 0, pos, false
	}
	if s == "" {
		if required {
			o.d.errorf(pos, "checklist.empty", o.what, o.label(key))
		}
		return 0, pos, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		o.d.errorf(pos, "checklist.not_integer", o.what, o.label(key), s)
		return 0, pos, false
	}
	return n, pos, true
}

// number reads a decimal number.
func (o *object) number(key string, required bool) (float64, Pos, bool) {
	s, pos, ok := o.text(key, required)
	if !ok {
		return 0, pos, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if s == "" || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		o.d.errorf(pos, "checklist.not_number", o.what, o.label(key), s)
		return 0, pos, false
	}
	return f, pos, true
}

// date reads a dd/mm/yyyy (or yyyy-mm-dd) date.
func (o *object) date(key string) (model.Date, Pos) {
	s, pos, ok := o.text(key, false)
	if !ok || s == "" {
		return model.Date{}, pos
	}
	dt, err := model.ParseDate(s)
	if err != nil {
		o.d.errorf(pos, "checklist.not_date", o.what, o.label(key), s)
		return model.Date{}, pos
	}
	return dt, pos
}

// boolean reads yes/no: true, false, and in a workbook có, không, x.
func (o *object) boolean(key string) (bool, Pos) {
	s, pos, ok := o.text(key, false)
	if !ok || s == "" {
		return false, pos
	}
	switch strings.ToLower(s) {
	case "true", "yes", "có", "x", "1":
		return true, pos
	case "false", "no", "không", "0":
		return false, pos
	}
	o.d.errorf(pos, "checklist.not_bool", o.what, o.label(key), s, choices{kind: "bool", xlsx: o.d.xlsx})
	return false, pos
}

// list reads a sequence; a missing or empty list returns nil and, when
// required, is reported.
func (o *object) list(key string, required bool) ([]*node, Pos) {
	e, ok := o.vals[key]
	if !ok {
		if required && !o.bad {
			o.d.errorf(o.pos, "checklist.missing", o.what, o.label(key))
		}
		return nil, o.pos
	}
	switch e.val.kind {
	case nodeList:
		if len(e.val.items) == 0 && required {
			o.d.errorf(e.pos, "checklist.empty", o.what, o.label(key))
		}
		return e.val.items, e.pos
	case nodeNull:
		if required {
			o.d.errorf(e.pos, "checklist.empty", o.what, o.label(key))
		}
		return nil, e.pos
	case nodeBad:
		return nil, e.pos
	case nodeScalar, nodeMap:
	}
	o.d.errorf(e.pos, "checklist.not_list", o.what, o.label(key))
	return nil, e.pos
}
