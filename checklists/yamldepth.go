package checklists

import "bytes"

// yamlShape estimates how deeply data nests lists and mappings and how
// many values it holds, without parsing it, and reports the first line
// where an estimate passes its limit ("depth" or "values"; "" when none
// does). The YAML library spends about a kilobyte and ten microseconds a
// value, so a 4 MB flow list of two-byte values costs it 1.7 GB.
// It follows indentation (a stack of indents, plus one level for each
// "- " or "? " that opens a line) and flow brackets ("[", "{") opened
// where a value starts, skipping quoted text, comments and block scalars
// (| and >). It may count a level too many on odd input, never hundreds:
// its job is to refuse a file before the parser spends memory on it.
func yamlShape(data []byte, maxDepth, maxValues int) (line int, problem string) {
	s := depthScan{limit: maxDepth}
	for n, l := range bytes.Split(data, []byte("\n")) {
		if !s.line(l) {
			return n + 1, "depth"
		}
		if s.values > maxValues {
			return n + 1, "values"
		}
	}
	return 0, ""
}

type depthScan struct {
	limit  int
	stack  []int // indents of the open block levels
	flow   int   // open flow brackets
	quote  byte  // the open quote, 0 outside quotes
	block  bool  // inside a block scalar
	parent int   // the indent of the line that opened the block scalar
	values int   // lines, list entries and flow items seen
}

func (s *depthScan) deep() bool { return len(s.stack)+s.flow > s.limit }

func (s *depthScan) line(l []byte) bool {
	indent := 0
	for indent < len(l) && l[indent] == ' ' {
		indent++
	}
	rest := l[indent:]
	if s.block {
		if len(bytes.TrimSpace(rest)) == 0 || indent > s.parent {
			return true
		}
		s.block = false
	}
	i := indent
	start := true // at the start of a value
	if s.flow == 0 && s.quote == 0 {
		if len(rest) == 0 || rest[0] == '#' {
			return true
		}
		s.values++
		for len(s.stack) > 0 && s.stack[len(s.stack)-1] >= indent {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.stack = append(s.stack, indent)
		// "- - - x" opens a level per dash.
		for i+1 < len(l) && (l[i] == '-' || l[i] == '?') && l[i+1] == ' ' {
			i += 2
			for i < len(l) && l[i] == ' ' {
				i++
			}
			s.values++
			s.stack = append(s.stack, i)
			if s.deep() {
				return false
			}
		}
	}
	if s.deep() {
		return false
	}
	last := byte(' ')
	for ; i < len(l); i++ {
		c := l[i]
		switch {
		case s.quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				s.quote = 0
			}
		case s.quote == '\'':
			if c == '\'' {
				if i+1 < len(l) && l[i+1] == '\'' {
					i++
				} else {
					s.quote = 0
				}
			}
		case c == '#' && (last == ' ' || last == '\t'):
			return true
		case c == ' ' || c == '\t':
		case start && (c == '"' || c == '\''):
			s.quote, start = c, false
		case start && (c == '&' || c == '!'):
			// An anchor or a tag before the value: the value starts after it.
			for i+1 < len(l) && l[i+1] != ' ' {
				i++
			}
		case (start || s.flow > 0) && (c == '[' || c == '{'):
			s.flow++
			s.values++
			start = true
			if s.deep() {
				return false
			}
		case s.flow > 0 && (c == ']' || c == '}'):
			s.flow--
		case s.flow > 0 && (c == ',' || c == ':'):
			if c == ',' {
				s.values++
			}
			start = true
		case c == ':' && (i+1 == len(l) || l[i+1] == ' '):
			start = true
		case s.flow == 0 && start && (c == '|' || c == '>'):
			s.block, s.parent = true, indent
			return true
		default:
			start = false
		}
		last = c
	}
	return true
}
