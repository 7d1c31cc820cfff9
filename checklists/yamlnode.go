package checklists

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// decoder walks a YAML syntax tree and collects every problem with its line.
// Working on the tree (rather than decoding into structs) is what gives each
// message the line of the node it is about, and lets unknown keys, wrong
// types and rule violations all be reported in one pass.
type decoder struct {
	file string
	errs Errors
}

func (d *decoder) errorf(line int, format string, args ...any) {
	if line < 1 {
		line = 1
	}
	d.errs = append(d.errs, Error{File: d.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// root parses data and returns the body of its only document, or nil after
// reporting why there is none.
func (d *decoder) root(data []byte, what string) (body ast.Node) {
	defer func() {
		// The YAML library is not ours; a panic on strange input must not
		// take the program down with it.
		if r := recover(); r != nil {
			d.errorf(1, "cannot read the file as YAML: %v", r)
			body = nil
		}
	}()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1
		for len(data) > 0 {
			r, size := utf8.DecodeRune(data)
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line++
			}
			data = data[size:]
		}
		d.errorf(line, "the file is not valid UTF-8 text; save it as UTF-8")
		return nil
	}
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		line, msg := 1, err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				line = tk.Position.Line
			}
		}
		d.errorf(line, "YAML syntax error: %s", msg)
		return nil
	}
	var docs []ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if _, null := doc.Body.(*ast.NullNode); null {
			continue
		}
		docs = append(docs, doc.Body)
	}
	if len(docs) == 0 {
		d.errorf(1, "the file is empty; it must hold one %s", what)
		return nil
	}
	if len(docs) > 1 {
		d.errorf(lineOf(docs[1]), "the file holds more than one YAML document (---); put one %s in each file", what)
	}
	return docs[0]
}

// lineOf is the line a node starts on, 0 when unknown.
func lineOf(n ast.Node) int {
	switch v := n.(type) {
	case nil:
		return 0
	case *ast.MappingNode:
		if len(v.Values) > 0 && v.Values[0].Key != nil {
			return lineOf(v.Values[0].Key)
		}
	case *ast.MappingValueNode:
		if v.Key != nil {
			return lineOf(v.Key)
		}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Line
}

// resolve looks through tags and anchors; aliases are refused, as they make
// a file hard to edit by hand and a checklist has no need for them.
func (d *decoder) resolve(n ast.Node) ast.Node {
	for i := 0; i < 100; i++ {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			d.errorf(lineOf(v), "aliases (*name) are not supported here; write the value out")
			return nil
		default:
			return n
		}
	}
	return nil
}

// scalarText returns the text of a scalar as written (so "2026.10" stays
// "2026.10"), "" for null.
func scalarText(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode, *ast.MergeKeyNode:
		return "", false
	case ast.ScalarNode:
		if tk := v.GetToken(); tk != nil {
			return tk.Value, true
		}
		return "", true
	}
	return "", false
}

type entry struct {
	key  string
	line int // the key's line
	val  ast.Node
}

// object is a YAML mapping read as a record with a fixed set of keys.
type object struct {
	d     *decoder
	what  string // "item 1.1.1", for messages
	line  int
	bad   bool // not a mapping: already reported, stay quiet
	order []entry
	vals  map[string]entry
	keys  []string
	dups  []entry // repeated keys, reported by checkKeys
}

// object reads n as a mapping with the given keys. Unknown keys are
// reported by checkKeys, once the caller knows what to call the object.
func (d *decoder) object(n ast.Node, what string, keys ...string) *object {
	o := &object{d: d, what: what, line: lineOf(n), vals: map[string]entry{}, keys: keys}
	n = d.resolve(n)
	if n == nil {
		o.bad = true
		return o
	}
	var values []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{v}
	default:
		d.errorf(lineOf(n), "%s must be a mapping of keys (%s)", what, strings.Join(keys, ", "))
		o.bad = true
		return o
	}
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		line := lineOf(mv.Key)
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			d.errorf(line, "merge keys (<<) are not supported here; write the keys out")
			continue
		}
		k, ok := scalarText(mv.Key)
		if !ok {
			d.errorf(line, "%s: a key must be a plain word", what)
			continue
		}
		e := entry{key: k, line: line, val: mv.Value}
		if _, dup := o.vals[k]; dup {
			o.dups = append(o.dups, e)
			continue
		}
		o.vals[k] = e
		o.order = append(o.order, e)
	}
	return o
}

// checkKeys reports keys that are not among the object's keys, and keys
// given twice.
func (o *object) checkKeys() {
	for _, e := range o.dups {
		o.d.errorf(e.line, "%s: key %q appears twice (first on line %d)", o.what, e.key, o.vals[e.key].line)
	}
	for _, e := range o.order {
		if contains(o.keys, e.key) {
			continue
		}
		msg := fmt.Sprintf("%s: unknown key %q", o.what, e.key)
		if s := closest(e.key, o.keys); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += fmt.Sprintf(" (valid keys: %s)", strings.Join(o.keys, ", "))
		}
		o.d.errorf(e.line, "%s", msg)
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

// text returns the value's text, its line, and whether it is present and a
// scalar. It reports a missing required key, a non-scalar, and text that is
// not in NFC.
func (o *object) text(key string, required bool) (string, int, bool) {
	e, ok := o.vals[key]
	if !ok {
		if required && !o.bad {
			o.d.errorf(o.line, "%s: missing %q", o.what, key)
		}
		return "", o.line, false
	}
	line := e.line
	if l := lineOf(e.val); l > 0 {
		line = l
	}
	v := o.d.resolve(e.val)
	if v == nil && e.val != nil {
		return "", line, false // an alias, already reported
	}
	s, ok := scalarText(v)
	if !ok {
		o.d.errorf(line, "%s: %s must be a single value, not a list or mapping", o.what, key)
		return "", line, false
	}
	s = strings.TrimSpace(s)
	if !norm.NFC.IsNormalString(s) {
		o.d.errorf(line, "%s: %s must be in Unicode NFC (composed) form; this text has separate combining accents (NFD)", o.what, key)
	}
	return s, line, true
}

// str is text for a string value; required ones must not be empty.
func (o *object) str(key string, required bool) (string, int) {
	s, line, ok := o.text(key, required)
	if ok && required && s == "" {
		o.d.errorf(line, "%s: %s is empty", o.what, key)
	}
	return s, line
}

// points reads a score (dot or comma decimals, at most two decimals).
func (o *object) points(key string, required bool) (model.Points, int, bool) {
	s, line, ok := o.text(key, required)
	if !ok {
		return 0, line, false
	}
	if s == "" {
		if required {
			o.d.errorf(line, "%s: %s is empty", o.what, key)
		}
		return 0, line, false
	}
	p, err := model.ParsePoints(s)
	if err != nil {
		o.d.errorf(line, "%s: %s: %v", o.what, key, err)
		return 0, line, false
	}
	return p, line, true
}

// integer reads a whole number.
func (o *object) integer(key string, required bool) (int, int, bool) {
	s, line, ok := o.text(key, required)
	if !ok {
		return 0, line, false
	}
	if s == "" {
		if required {
			o.d.errorf(line, "%s: %s is empty", o.what, key)
		}
		return 0, line, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		o.d.errorf(line, "%s: %s must be a whole number, not %q", o.what, key, s)
		return 0, line, false
	}
	return n, line, true
}

// number reads a decimal number.
func (o *object) number(key string, required bool) (float64, int, bool) {
	s, line, ok := o.text(key, required)
	if !ok {
		return 0, line, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if s == "" || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		o.d.errorf(line, "%s: %s must be a number, not %q", o.what, key, s)
		return 0, line, false
	}
	return f, line, true
}

// date reads a dd/mm/yyyy date.
func (o *object) date(key string) (model.Date, int) {
	s, line, ok := o.text(key, false)
	if !ok || s == "" {
		return model.Date{}, line
	}
	dt, err := model.ParseDate(s)
	if err != nil {
		o.d.errorf(line, "%s: %s %q is not a date: write dd/mm/yyyy, e.g. 18/10/2022", o.what, key, s)
		return model.Date{}, line
	}
	return dt, line
}

// list reads a sequence; a missing or empty list returns nil and, when
// required, is reported.
func (o *object) list(key string, required bool) ([]ast.Node, int) {
	e, ok := o.vals[key]
	if !ok {
		if required && !o.bad {
			o.d.errorf(o.line, "%s: missing %q", o.what, key)
		}
		return nil, o.line
	}
	v := o.d.resolve(e.val)
	switch s := v.(type) {
	case *ast.SequenceNode:
		if len(s.Values) == 0 && required {
			o.d.errorf(e.line, "%s: %s is empty", o.what, key)
		}
		return s.Values, e.line
	case nil, *ast.NullNode:
		if required {
			o.d.errorf(e.line, "%s: %s is empty", o.what, key)
		}
		return nil, e.line
	}
	o.d.errorf(e.line, "%s: %s must be a list (lines starting with “- ”)", o.what, key)
	return nil, e.line
}

func quoteList(list []string) string {
	s := append([]string(nil), list...)
	sort.Strings(s)
	return strings.Join(s, ", ")
}
