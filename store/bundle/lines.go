package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
)

// Reading a payload line costs mostly JSON scanning; these shortcuts take
// the shape kiemtra writes (Encoder.put) in fewer passes and decide
// exactly as the general path does, which takes every other shape.

// linePrefix and lineMid frame a record as the encoder writes it:
// {"t":"<kind>","v":<value>}.
const (
	linePrefix = `{"t":"`
	lineMid    = `","v":`
)

// splitLine reads a line of the encoder's shape without decoding it
// twice: a valid JSON line that is {"t":"<kind>","v":<value>} and no
// more, the kind in plain lower-case letters and underscores, has exactly
// the two keys json.Unmarshal would find. ok is false for any other
// line, which the caller decodes in full.
func splitLine(line []byte) (pl payloadLine, ok bool) {
	rest, found := bytes.CutPrefix(line, []byte(linePrefix))
	if !found {
		return pl, false
	}
	i := 0
	for i < len(rest) && (rest[i] >= 'a' && rest[i] <= 'z' || rest[i] == '_') {
		i++
	}
	v, found := bytes.CutPrefix(rest[i:], []byte(lineMid))
	if i == 0 || !found || len(v) < 2 || v[len(v)-1] != '}' || !json.Valid(line) {
		return pl, false
	}
	v = v[:len(v)-1]
	// The value must be all that is left: {"t":"a","v":{},"t":"b"} is
	// valid JSON too.
	if end := skipValue(v, skipSpace(v, 0)); end < 0 || skipSpace(v, end) != len(v) {
		return pl, false
	}
	return payloadLine{T: string(rest[:i]), V: v}, true
}

// strict decodes one of the bundle's own records, refusing fields the
// record type lacks: a bundle of this format version has exactly these.
// raw is one valid JSON value. When json.Unmarshal takes it and each key
// of its object is a field's name as spelled, json.Decoder with
// DisallowUnknownFields would decode the same; otherwise (a key in other
// letter case, an escape in a key, an error) the decoder decides, as it
// always has.
func strict(raw json.RawMessage, v any) error {
	if json.Unmarshal(raw, v) == nil && onlyFields(raw, fieldNames(reflect.TypeOf(v).Elem())) {
		return nil
	}
	reflect.ValueOf(v).Elem().SetZero() // as if never decoded
	return decoderStrict(raw, v)
}

// decoderStrict is the general path: json.Decoder with
// DisallowUnknownFields, one value.
func decoderStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errMoreThanOne
	}
	return nil
}

// errMoreThanOne refuses a record that is followed by another value.
var errMoreThanOne = errors.New("more than one value")

// fieldCache holds fieldNames' answers, by type.
var fieldCache sync.Map // reflect.Type → map[string]bool

// fieldNames are the JSON names of a struct type's fields.
func fieldNames(t reflect.Type) map[string]bool {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]bool)
	}
	m := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
			continue
		case name == "":
			name = f.Name
		}
		m[name] = true
	}
	fieldCache.Store(t, m)
	return m
}

// onlyFields reports whether raw, a valid JSON object, has only keys in
// names, each written without escapes. Anything else, or a value that is
// not an object, is false.
func onlyFields(raw []byte, names map[string]bool) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return true
	}
	for i < len(raw) && raw[i] == '"' {
		end := i + 1
		for end < len(raw) && raw[end] != '"' && raw[end] != '\\' {
			end++
		}
		if end >= len(raw) || raw[end] != '"' || !names[string(raw[i+1:end])] {
			return false
		}
		i = skipSpace(raw, end+1)
		if i >= len(raw) || raw[i] != ':' {
			return false
		}
		if i = skipValue(raw, skipSpace(raw, i+1)); i < 0 {
			return false
		}
		i = skipSpace(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
			continue
		}
		return i < len(raw) && raw[i] == '}'
	}
	return false
}

// skipValue returns the offset just past the JSON value at raw[i:], which
// the caller knows to be valid, or -1 if it runs off the end.
func skipValue(raw []byte, i int) int {
	depth := 0
	for i < len(raw) {
		switch c := raw[i]; c {
		case '"':
			i++
			for i < len(raw) && raw[i] != '"' {
				if raw[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(raw) {
				return -1
			}
			i++
		case '{', '[':
			depth++
			i++
		case '}', ']':
			if depth == 0 { // the end of a number or literal
				return i
			}
			depth--
			i++
		case ',', ':', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
			i++
		default: // inside a number or literal: on to its end
			i++
			continue
		}
		if depth == 0 {
			return i
		}
	}
	if depth != 0 {
		return -1
	}
	return i
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}
