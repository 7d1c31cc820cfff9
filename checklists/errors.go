package checklists

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem found in a checklist, kinds or plan file, at a line
// of that file (1-based).
type Error struct {
	File string
	Line int
	Msg  string
}

// Error formats the problem as FILE:LINE: message, the form editors and
// terminals recognise.
func (e Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Errors is every problem found in one file, sorted by line. Parse and
// ParsePlan return it (as a value) so that a person fixing a file sees all
// the problems at once, not one per run.
type Errors []Error

// Error prints one FILE:LINE: message per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sorted() Errors {
	out := append(Errors(nil), es...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}
