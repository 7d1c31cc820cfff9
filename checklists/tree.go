package checklists

// The validator reads a small tree of values rather than a format's own
// representation: the YAML reader (yamlread.go) and the workbook reader
// (xlsxread.go) both build one, each value carrying the place it came from,
// so every rule is written once and reports a line or a cell.

type nodeKind int

const (
	nodeNull   nodeKind = iota // an empty value (YAML null, a blank cell)
	nodeScalar                 // text as written
	nodeList
	nodeMap
	nodeBad // something the reader already reported (an alias, a tag): stay quiet
)

type node struct {
	kind    nodeKind
	pos     Pos
	text    string
	items   []*node
	entries []*mapEntry
	// label names a key for people: nil for YAML, where the key is what the
	// person wrote; a workbook names its columns and settings rows.
	label func(key string) localizer
}

type mapEntry struct {
	key string
	pos Pos // the key's place
	val *node
}

func scalar(pos Pos, text string) *node { return &node{kind: nodeScalar, pos: pos, text: text} }

// add appends an entry to a map node.
func (n *node) add(key string, pos Pos, val *node) {
	n.entries = append(n.entries, &mapEntry{key: key, pos: pos, val: val})
}

// get returns the first entry with the key.
func (n *node) get(key string) *mapEntry {
	for _, e := range n.entries {
		if e.key == key {
			return e
		}
	}
	return nil
}

// keyLabel names a key of this map for messages.
func (n *node) keyLabel(key string) any {
	if n != nil && n.label != nil {
		return n.label(key)
	}
	return key
}
