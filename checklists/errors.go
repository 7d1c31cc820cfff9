package checklists

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// Pos is where a value sits: a line of a text file, or a cell of a
// workbook (Sheet set, Line the row, Col the 1-based column).
type Pos struct {
	Line  int
	Col   int
	Sheet string
	sheet int // the sheet's place in the workbook, for sorting
}

// Cell is the cell's name, such as "F12"; "" for a text file.
func (p Pos) Cell() string {
	if p.Sheet == "" {
		return ""
	}
	return colName(max(p.Col, 1)) + fmt.Sprint(max(p.Line, 1))
}

// String is "12" for a line, "Mục!F12" for a cell.
func (p Pos) String() string {
	if p.Sheet == "" {
		return fmt.Sprint(max(p.Line, 1))
	}
	return p.Sheet + "!" + p.Cell()
}

// localize renders a position inside a message: "line 12", "dòng 12", or
// the cell.
func (p Pos) localize(t i18n.Catalog) string {
	if p.Sheet == "" {
		return t.T("checklist.pos.line", max(p.Line, 1))
	}
	return p.String()
}

func (p Pos) less(q Pos) bool {
	if p.sheet != q.sheet {
		return p.sheet < q.sheet
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// colName is the letters of a 1-based column: 1 → A, 27 → AA.
func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// localizer is a message argument that has words of its own (the name of
// an item, a key, a list of choices), rendered in the message's language.
type localizer interface {
	localize(t i18n.Catalog) string
}

// Error is one problem found in a checklist, kinds, plan or workbook file:
// where it is and what is wrong, as a catalogue key and its arguments, so
// it can be read in either language (Render).
type Error struct {
	File string
	Pos
	Key  string // catalogue key of the message, "checklist.…"
	Args []any  // its arguments; localizers are rendered in the language
}

// Msg is the message alone, without the place, in the catalogue's
// language.
func (e Error) Msg(t i18n.Catalog) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if l, ok := a.(localizer); ok {
			args[i] = l.localize(t)
			continue
		}
		args[i] = a
	}
	return t.T(e.Key, args...)
}

// Render formats the problem as FILE:LINE: message (or FILE:SHEET!CELL:
// message), the form editors and terminals recognise.
func (e Error) Render(t i18n.Catalog) string {
	return e.File + ":" + e.Pos.String() + ": " + e.Msg(t)
}

// Error is Render in Vietnamese, kiemtra's default language; the command
// line and the TUI call Render with the reader's language.
func (e Error) Error() string { return e.Render(i18n.New(i18n.VI)) }

// Errors is every problem found in one file, sorted by place. Parse,
// ParseXLSX and ParsePlan return it (as a value) so that a person fixing
// a file sees all the problems at once, not one per run.
type Errors []Error

// Render prints one problem per line in the catalogue's language.
func (es Errors) Render(t i18n.Catalog) string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Render(t)
	}
	return strings.Join(lines, "\n")
}

// Error is Render in Vietnamese.
func (es Errors) Error() string { return es.Render(i18n.New(i18n.VI)) }

// Is makes errors.Is(err, model.ErrInvalid) true: the file breaks the
// rules of its format.
func (es Errors) Is(target error) bool { return model.ErrInvalid.Is(target) }

// As lets model.ErrorCode find EInvalid with the file as its param, so a
// caller that only knows model errors still says something true.
func (es Errors) As(target any) bool {
	p, ok := target.(**model.Error)
	if !ok || len(es) == 0 {
		return false
	}
	*p = model.NewError(model.EInvalid, nil, es[0].File)
	return true
}

func (es Errors) sorted() Errors {
	out := append(Errors(nil), es...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.less(out[j].Pos) })
	return out
}

// Message is what a person reads for an error of this package: every
// problem of an Errors value, one per line, or the catalogue's words for
// a model error (a file too large, missing, not a regular file). The
// command line and the TUI show checklist and plan errors with it.
func Message(err error, t i18n.Catalog) string {
	if err == nil {
		return ""
	}
	var es Errors
	if errors.As(err, &es) {
		return es.Render(t)
	}
	var e Error
	if errors.As(err, &e) {
		return e.Render(t)
	}
	return t.Err(err)
}
