package checklists

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

// This file reads each sheet of a checklist workbook into the tree.

// table is a tabular sheet: its grid, which column holds which key, and
// the first data row.
type table struct {
	k     sheetKind
	g     grid
	cols  map[string]int // key → 1-based column
	first int
}

// table reads a sheet and its header rows: row 1 (Vietnamese) and, when
// every cell of it is a header too, row 2 (English). Columns are found by
// header in either language or by YAML key, so their order is free.
func (wb *workbook) table(k sheetKind) (*table, bool) {
	g, ok := wb.read(k)
	if !ok {
		return nil, false
	}
	known := columns[k]
	match := func(s string) (column, bool) {
		want := fold(s)
		for _, c := range known {
			if want == fold(c.key) || want == fold(header(k, c.key, i18n.New(i18n.VI))) || want == fold(header(k, c.key, i18n.New(i18n.EN))) {
				return c, true
			}
		}
		return column{}, false
	}
	second := len(g.rows) >= 2 && !g.blank(2)
	if second {
		for _, v := range g.rows[1] {
			if _, ok := match(v); strings.TrimSpace(v) != "" && !ok {
				second = false
				break
			}
		}
	}
	t := &table{k: k, g: g, cols: map[string]int{}, first: 2}
	if second {
		t.first = 3
	}
	width := 0
	for _, r := range g.rows {
		width = max(width, len(r))
	}
	ok = true
	for col := 1; col <= width; col++ {
		h := strings.TrimSpace(g.cell(1, col))
		if h == "" && second {
			h = strings.TrimSpace(g.cell(2, col))
		}
		pos := wb.cellPos(k, 1, col)
		if h == "" {
			for r := t.first; r <= len(g.rows); r++ {
				if strings.TrimSpace(g.cell(r, col)) != "" {
					wb.d.errorf(pos, "checklist.xlsx_column_no_header", colName(col))
					ok = false
					break
				}
			}
			continue
		}
		c, found := match(h)
		switch {
		case !found:
			wb.d.errorf(pos, "checklist.xlsx_column_unknown", h, headerList{k})
			ok = false
		case t.cols[c.key] != 0:
			wb.d.errorf(pos, "checklist.xlsx_column_twice", h, wb.cellPos(k, 1, t.cols[c.key]))
			ok = false
		default:
			t.cols[c.key] = col
		}
	}
	for _, c := range known {
		if c.required && t.cols[c.key] == 0 && ok {
			wb.d.errorf(wb.cellPos(k, 1, width+1), "checklist.xlsx_column_missing", keyWord{k, c.key})
			ok = false
		}
	}
	wb.layoutOK = wb.layoutOK && ok
	return t, ok
}

// headerList lists a sheet's headers, for messages.
type headerList struct{ k sheetKind }

func (h headerList) localize(t i18n.Catalog) string {
	var names []string
	for _, c := range columns[h.k] {
		names = append(names, header(h.k, c.key, t))
	}
	return strings.Join(names, ", ")
}

// value is the cell of key on a row, with its place.
func (t *table) value(wb *workbook, row int, key string) (string, Pos) {
	col := t.cols[key]
	return strings.TrimSpace(t.g.cell(row, col)), wb.cellPos(t.k, row, col)
}

// record is a row as a mapping of the given keys (those the sheet has).
func (t *table) record(wb *workbook, row int, keys []string, label func(string) localizer) *node {
	n := &node{kind: nodeMap, label: label}
	for _, key := range keys {
		col := t.cols[key]
		if col == 0 {
			continue
		}
		pos := wb.cellPos(t.k, row, col)
		if n.pos.Line == 0 {
			n.pos = pos
		}
		n.add(key, pos, scalar(pos, t.g.cell(row, col)))
	}
	return n
}

func keysOf(k sheetKind) []string {
	var out []string
	for _, c := range columns[k] {
		out = append(out, c.key)
	}
	return out
}

// simpleList reads a sheet whose every row is one record (bands,
// abbreviations).
func (wb *workbook) simpleList(k sheetKind) *node {
	list := &node{kind: nodeList, pos: wb.cellPos(k, 3, 1)}
	t, ok := wb.table(k)
	if !ok {
		return list
	}
	for r := t.first; r <= len(t.g.rows); r++ {
		if !t.g.blank(r) {
			list.items = append(list.items, t.record(wb, r, keysOf(k), labeler(k)))
		}
	}
	return list
}

// settings reads the settings sheet: one setting a row, named in column A
// (Vietnamese) or B (English), its value in column C.
func (wb *workbook) settings() *node {
	g, ok := wb.read(sheetSettings)
	if !ok {
		return nil
	}
	root := &node{kind: nodeMap, pos: wb.cellPos(sheetSettings, 2, 3), label: labeler(sheetSettings)}
	seen := map[string]Pos{}
	for r := 1; r <= len(g.rows); r++ {
		if g.blank(r) {
			continue
		}
		key, found := "", false
		for col := 1; col <= 2 && !found; col++ {
			key, found = settingKey(g.cell(r, col))
		}
		pos := wb.cellPos(sheetSettings, r, 3)
		if !found && r == 1 {
			continue // the header row
		}
		if prev, dup := seen[key]; found && dup {
			wb.d.errorf(wb.cellPos(sheetSettings, r, 1), "checklist.xlsx_setting_twice", keyWord{sheetSettings, key}, prev)
			continue
		}
		seen[key] = pos
		if !found {
			name := strings.TrimSpace(g.cell(r, 1))
			if name == "" {
				name = strings.TrimSpace(g.cell(r, 2))
			}
			wb.d.errorf(wb.cellPos(sheetSettings, r, 1), "checklist.xlsx_setting_unknown", name, settingList{})
			continue
		}
		v := strings.TrimSpace(g.cell(r, 3))
		switch key {
		case "kind":
			root.add(key, pos, wb.kindValue(pos, v))
			continue
		case "valid_from", "valid_until":
			v = serialDate(v)
		}
		root.add(key, pos, scalar(pos, v))
	}
	return root
}

func settingKey(s string) (string, bool) {
	want := fold(s)
	if want == "" {
		return "", false
	}
	for _, k := range settingKeys {
		if want == fold(k) || want == fold(header(sheetSettings, k, i18n.New(i18n.VI))) || want == fold(header(sheetSettings, k, i18n.New(i18n.EN))) {
			return k, true
		}
	}
	return "", false
}

// settingList lists the settings, for messages.
type settingList struct{}

func (settingList) localize(t i18n.Catalog) string {
	names := make([]string, len(settingKeys))
	for i, k := range settingKeys {
		names[i] = header(sheetSettings, k, t)
	}
	return strings.Join(names, ", ")
}

// kindValue reads the kind cell: a code or a kind's name, or several,
// separated by commas or semicolons.
func (wb *workbook) kindValue(pos Pos, s string) *node {
	if code, ok := kindCode(s); ok || s == "" {
		if !ok {
			code = s
		}
		return scalar(pos, code)
	}
	// A kind's name may hold a comma ("UBND cấp xã, phường"): split on
	// semicolons first, and on commas too only if that leaves names
	// unknown.
	parts, known := splitKinds(s, ";")
	if !known {
		parts, _ = splitKinds(s, ",;")
	}
	if len(parts) <= 1 {
		return scalar(pos, strings.Join(parts, ""))
	}
	list := &node{kind: nodeList, pos: pos}
	for _, p := range parts {
		list.items = append(list.items, scalar(pos, p))
	}
	return list
}

// splitKinds splits s at any of seps into kind codes, reporting whether
// every piece was a kind.
func splitKinds(s, seps string) ([]string, bool) {
	var out []string
	all := true
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		code, ok := kindCode(p)
		if !ok {
			code, all = p, false
		}
		out = append(out, code)
	}
	return out, all
}

// kindCode finds a kind by code or by name in either language.
func kindCode(s string) (string, bool) {
	kinds, err := Kinds()
	if err != nil {
		return "", false
	}
	want := fold(s)
	for _, k := range kinds {
		if want == fold(string(k.Code)) || want == fold(k.Name) || want == fold(k.NameEN) {
			return string(k.Code), true
		}
	}
	return "", false
}

// serialDate turns a date that Excel stored as a day number (45839 for
// 1 July 2025) into dd/mm/yyyy; other text is left as typed.
func serialDate(s string) string {
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 1 || n > 2958465 || n != math.Trunc(n) {
		return s
	}
	t, err := excelize.ExcelDateToTime(n, false)
	if err != nil {
		return s
	}
	return model.DateOf(t).VN()
}

// cleanNumber writes a number that binary floating point has smudged
// (0.30000000000000004, 1.0000000000000001E-2) as it was typed.
func cleanNumber(v string) string {
	if v == "" || !(v[0] >= '0' && v[0] <= '9' || v[0] == '-' || v[0] == '.') {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	dot := strings.IndexByte(v, '.')
	if !strings.ContainsAny(v, "eE") && (dot < 0 || len(v)-dot-1 <= 9) {
		return v
	}
	return strconv.FormatFloat(math.Round(f*1e9)/1e9, 'f', -1, 64)
}

// fieldsRead is the fields sheet: the list for the tree, and each field's
// node by code, for the items sheet to hang criteria on.
type fieldsRead struct {
	list   *node
	byCode map[string]*node
}

func (wb *workbook) fields() fieldsRead {
	out := fieldsRead{list: &node{kind: nodeList, pos: wb.cellPos(sheetFields, 3, 1)}, byCode: map[string]*node{}}
	t, ok := wb.table(sheetFields)
	if !ok {
		return out
	}
	for r := t.first; r <= len(t.g.rows); r++ {
		if t.g.blank(r) {
			continue
		}
		n := t.record(wb, r, keysOf(sheetFields), labeler(sheetFields))
		out.list.items = append(out.list.items, n)
		if code, _ := t.value(wb, r, "code"); code != "" && out.byCode[code] == nil {
			out.byCode[code] = n
		}
	}
	return out
}
