package checklists

import (
	"bytes"
	"errors"
	"kiemtra/i18n"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Limits on a YAML file, checked before it is parsed: the YAML library
// holds a file many times over in memory, and a 200 KB file of nested "["
// once took 15 GB. A built-in checklist is about 60 KB and nests 7 deep.
const (
	// MaxYAMLBytes is the largest checklist, kinds or plan file read.
	MaxYAMLBytes = 4 << 20
	// MaxYAMLDepth is the deepest nesting of lists and mappings.
	MaxYAMLDepth = 24
	// MaxYAMLValues bounds the values of a file (counted as its lines,
	// list entries and flow items): a 2,000-item checklist has about
	// 20,000.
	MaxYAMLValues = 100_000
)

// allowedTags are the YAML core tags, which only say what a value already
// is; any other tag (!!binary, !!timestamp, a custom !tag) would make the
// text mean something else than what a person reads.
var allowedTags = map[string]bool{"!": true, "!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!seq": true, "!!map": true}

// yamlRoot checks the limits, parses data and returns the body of its only
// document as a tree, or nil after reporting why there is none.
func (d *decoder) yamlRoot(data []byte, what string) (root *node) {
	if len(data) > MaxYAMLBytes {
		d.errorf(Pos{Line: 1}, "checklist.too_large", sizeWords(MaxYAMLBytes))
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	// Windows editors end lines with CR LF; the YAML library counts each
	// CR LF after a comment as two lines, so every later line number was
	// wrong. Lone CRs (old Mac files) are line ends too.
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
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
		d.errorf(Pos{Line: line}, "checklist.not_utf8")
		return nil
	}
	switch line, problem := yamlShape(data, MaxYAMLDepth, MaxYAMLValues); problem {
	case "depth":
		d.errorf(Pos{Line: line}, "checklist.too_deep", MaxYAMLDepth)
		return nil
	case "values":
		d.errorf(Pos{Line: line}, "checklist.too_many_values", MaxYAMLValues)
		return nil
	}
	defer func() {
		// The YAML library is not ours; a panic on strange input must not
		// take the program down with it.
		if r := recover(); r != nil {
			d.errorf(Pos{Line: 1}, "checklist.yaml_unreadable")
			root = nil
		}
	}()
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		// The parser's own words are English; the person reads where it
		// stopped (line, column, the text there) in theirs.
		var ye yaml.Error
		if errors.As(err, &ye) {
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				d.errorf(Pos{Line: tk.Position.Line}, "checklist.yaml_syntax", tk.Position.Column, nearText(tk.Value))
				return nil
			}
		}
		d.errorf(Pos{Line: 1}, "checklist.yaml_unreadable")
		return nil
	}
	var docs []ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		switch doc.Body.(type) {
		case *ast.NullNode, *ast.DirectiveNode: // nothing, or "%YAML 1.2" before the document
			continue
		}
		docs = append(docs, doc.Body)
	}
	if len(docs) == 0 {
		d.errorf(Pos{Line: 1}, "checklist.empty_file", fileWhat(what))
		return nil
	}
	if len(docs) > 1 {
		d.errorf(Pos{Line: lineOf(docs[1])}, "checklist.multi_doc", fileWhat(what))
	}
	return d.convert(docs[0], 0, 0)
}

// convert turns a YAML node into the validator's tree, reporting what a
// checklist file may not use: aliases, merge keys, tags other than the
// core ones. keyLine is the line of the key the value belongs to.
func (d *decoder) convert(n ast.Node, keyLine, depth int) *node {
	line := lineOf(n)
	if line < 1 {
		line = keyLine
	}
	pos := Pos{Line: line}
	if depth > 2*MaxYAMLDepth {
		// yamlDepthOK has already refused deeper files; this is a guard.
		return &node{kind: nodeBad, pos: pos}
	}
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return &node{kind: nodeNull, pos: pos}
	case *ast.TagNode:
		tag := ""
		if v.Start != nil {
			tag = v.Start.Value
		}
		if !allowedTags[tag] {
			d.errorf(pos, "checklist.tag", tag)
			return &node{kind: nodeBad, pos: pos}
		}
		return d.convert(v.Value, line, depth+1)
	case *ast.AnchorNode:
		return d.convert(v.Value, line, depth+1)
	case *ast.AliasNode:
		d.errorf(pos, "checklist.alias")
		return &node{kind: nodeBad, pos: pos}
	case *ast.MappingNode:
		return d.convertMap(v.Values, pos, depth)
	case *ast.MappingValueNode:
		return d.convertMap([]*ast.MappingValueNode{v}, pos, depth)
	case *ast.SequenceNode:
		out := &node{kind: nodeList, pos: Pos{Line: keyLine}}
		if keyLine < 1 {
			out.pos = pos
		}
		for _, item := range v.Values {
			out.items = append(out.items, d.convert(item, line, depth+1))
		}
		return out
	case *ast.StringNode:
		return scalar(pos, v.Value)
	case *ast.LiteralNode:
		if v.Value == nil {
			return scalar(pos, "")
		}
		return scalar(pos, v.Value.Value)
	case *ast.MergeKeyNode:
		d.errorf(pos, "checklist.merge_key")
		return &node{kind: nodeBad, pos: pos}
	case ast.ScalarNode:
		if tk := v.GetToken(); tk != nil {
			return scalar(pos, tk.Value)
		}
		return scalar(pos, "")
	}
	return &node{kind: nodeBad, pos: pos}
}

func (d *decoder) convertMap(values []*ast.MappingValueNode, pos Pos, depth int) *node {
	out := &node{kind: nodeMap, pos: pos}
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		kpos := Pos{Line: lineOf(mv.Key)}
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			d.errorf(kpos, "checklist.merge_key")
			continue
		}
		k := d.convert(mv.Key, kpos.Line, depth+1)
		if k.kind == nodeBad {
			continue
		}
		if k.kind != nodeScalar && k.kind != nodeNull {
			d.errorf(kpos, "checklist.key_not_word")
			continue
		}
		out.add(k.text, kpos, d.convert(mv.Value, kpos.Line, depth+1))
	}
	return out
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

// fileWhat names what a file should hold, for the empty-file messages.
type fileWhat string

func (w fileWhat) localize(t i18n.Catalog) string { return t.T("checklist.holds." + string(w)) }

// nearText is the start of the text where the parser stopped, as a
// message quotes it: one line, at most 24 characters.
func nearText(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 24 {
		s = string(r[:24]) + "…"
	}
	return s
}
