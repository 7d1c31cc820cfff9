package checklists

// The items sheet: one row per item, under the field and criterion named
// in its first three columns. Those may be left blank, or merged, on the
// rows after the first of a criterion: a blank means "the same as above".
// A row with a criterion and no item cells is a heading for the items
// below it.

// itemKeys minus the levels, which come from their own sheet.
var itemCellKeys = itemKeys[:len(itemKeys)-1]

// items reads the items sheet into criteria under the fields' nodes, and
// returns each item's node by code, for the levels sheet.
func (wb *workbook) items(fields fieldsRead) map[string]*node {
	byCode := map[string]*node{}
	t, ok := wb.table(sheetItems)
	if !ok {
		return byCode
	}
	type current struct {
		field, code, title string
		titleAt            Pos
		items              *node
	}
	var cur *current
	curField := ""
	for r := t.first; r <= len(t.g.rows); r++ {
		if t.g.blank(r) {
			continue
		}
		field, fpos := t.value(wb, r, "field")
		crit, cpos := t.value(wb, r, "criterion")
		title, tpos := t.value(wb, r, "criterion_title")
		if field == "" {
			field = curField
		}
		if field == "" {
			wb.d.errorf(fpos, "checklist.xlsx_no_field")
			continue
		}
		curField = field
		if crit == "" && (cur == nil || cur.field != field) {
			wb.d.errorf(cpos, "checklist.xlsx_no_criterion")
			continue
		}
		if crit != "" && (cur == nil || crit != cur.code || field != cur.field) {
			fn := fields.byCode[field]
			if fn == nil {
				wb.d.errorf(fpos, "checklist.xlsx_field_unknown", field, keyWord{sheetSettings, "fields"})
				cur = nil
				continue
			}
			cur = &current{field: field, code: crit, title: title, titleAt: tpos,
				items: &node{kind: nodeList, pos: wb.cellPos(sheetItems, r, t.cols["code"])}}
			cn := &node{kind: nodeMap, pos: cpos, label: criterionLabel}
			cn.add("code", cpos, scalar(cpos, crit))
			cn.add("title", tpos, scalar(tpos, title))
			cn.add("items", cur.items.pos, cur.items)
			e := fn.get("criteria")
			if e == nil {
				fn.add("criteria", cpos, &node{kind: nodeList, pos: cpos})
				e = fn.get("criteria")
			}
			e.val.items = append(e.val.items, cn)
		} else if title != "" && title != cur.title {
			wb.d.errorf(tpos, "checklist.xlsx_criterion_title", &subject{kind: "criterion", code: cur.code}, cur.titleAt)
		}
		if t.itemBlank(r) {
			continue // a heading row
		}
		it := t.record(wb, r, itemCellKeys, labeler(sheetItems))
		cur.items.items = append(cur.items.items, it)
		if code, _ := t.value(wb, r, "code"); code != "" && byCode[code] == nil {
			byCode[code] = it
		}
	}
	return byCode
}

func criterionLabel(key string) localizer {
	switch key {
	case "code":
		return keyWord{sheetItems, "criterion"}
	case "title":
		return keyWord{sheetItems, "criterion_title"}
	}
	return keyWord{sheetItems, key}
}

// itemBlank reports whether a row has no item cells.
func (t *table) itemBlank(r int) bool {
	for _, k := range itemCellKeys {
		if col := t.cols[k]; col != 0 && t.g.cell(r, col) != "" {
			return false
		}
	}
	return true
}

// levels reads the levels sheet onto the items: item code, score, label;
// a blank item code means the same item as the row above.
func (wb *workbook) levels(items map[string]*node) {
	if wb.sheets[sheetLevels] == "" {
		return
	}
	t, ok := wb.table(sheetLevels)
	if !ok {
		return
	}
	cur := ""
	reported := map[string]bool{} // an unknown item is named once, not per level
	for r := t.first; r <= len(t.g.rows); r++ {
		if t.g.blank(r) {
			continue
		}
		code, pos := t.value(wb, r, "item")
		if code == "" {
			code = cur
		}
		if code == "" {
			wb.d.errorf(pos, "checklist.xlsx_no_item")
			continue
		}
		cur = code
		it := items[code]
		if it == nil {
			if !reported[code] {
				wb.d.errorf(pos, "checklist.xlsx_item_unknown", code, keyWord{sheetSettings, "items"})
				reported[code] = true
			}
			continue
		}
		e := it.get("levels")
		if e == nil {
			it.add("levels", pos, &node{kind: nodeList, pos: pos})
			e = it.get("levels")
		}
		e.val.items = append(e.val.items, t.record(wb, r, []string{"score", "label"}, labeler(sheetLevels)))
	}
}
