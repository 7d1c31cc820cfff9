package checklists

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"kiemtra/i18n"
	"kiemtra/model"
)

// SelfSheet is a self-assessment workbook as read (WriteSelfAssessment
// makes one): what it says it is for, with the cells saying so, and every
// row the unit filled in.
type SelfSheet struct {
	File         string
	InspectionID string
	UnitCode     string
	ChecklistRef string // "id@version"
	at           map[string]Pos
	Rows         []SelfRow
}

// SelfRow is one item's row: the unit's score (Scored false when left
// blank) and evidence, with where they are.
type SelfRow struct {
	Code     string
	Scored   bool
	Score    model.Points
	Evidence string
	code     Pos
	score    Pos
}

// ParseSelfAssessment reads a self-assessment workbook; filename is only
// used in messages. It checks the workbook's own rules (limits, sheets,
// columns, numbers, codes given once); Scores checks the rows against the
// checklist. On failure the error is an Errors value, every problem at
// its FILE:SHEET!CELL.
func ParseSelfAssessment(filename string, data []byte) (s *SelfSheet, err error) {
	d := &decoder{file: filename, xlsx: true}
	defer func() {
		// excelize is not ours; a panic on a strange workbook must not take
		// the program down with it.
		if r := recover(); r != nil {
			d.errs = nil
			d.errorf(Pos{Line: 1}, "checklist.xlsx_not_workbook")
			s, err = nil, d.errs
		}
	}()
	f, zr := d.openWorkbook(data)
	if f == nil {
		return nil, d.errs.sorted()
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	wb := &workbook{d: d, f: f, layoutOK: true, merges: mergedRanges(zr), sheets: map[sheetKind]string{}}
	for _, name := range f.GetSheetList() {
		for _, k := range []sheetKind{sheetSelfInfo, sheetSelf} {
			for _, l := range []i18n.Lang{i18n.VI, i18n.EN} {
				if fold(name) == fold(selfName(k, i18n.New(l))) && wb.sheets[k] == "" {
					wb.sheets[k] = name
				}
			}
		}
	}
	for _, k := range []sheetKind{sheetSelfInfo, sheetSelf} {
		if wb.sheets[k] == "" {
			vi, en := selfName(k, i18n.New(i18n.VI)), selfName(k, i18n.New(i18n.EN))
			d.errorf(Pos{Sheet: vi, Line: 1, Col: 1}, "checklist.xlsx_sheet_missing", vi, en)
		}
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	s = &SelfSheet{File: filename, at: map[string]Pos{}}
	wb.selfInfo(s)
	wb.selfRows(s)
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return s, nil
}

// selfInfo reads the details sheet: a key a row, named in column A or B,
// its value in column C.
func (wb *workbook) selfInfo(s *SelfSheet) {
	g, ok := wb.read(sheetSelfInfo)
	if !ok {
		return
	}
	values := map[string]string{}
	for r := 1; r <= len(g.rows); r++ {
		for col := 1; col <= 2; col++ {
			for _, key := range selfInfoKeys {
				if h := fold(g.cell(r, col)); h != "" && selfKeyIs(sheetSelfInfo, key, h) {
					if _, seen := s.at[key]; !seen {
						values[key], s.at[key] = strings.TrimSpace(g.cell(r, 3)), wb.cellPos(sheetSelfInfo, r, 3)
					}
				}
			}
		}
	}
	for _, key := range selfInfoKeys {
		if !selfInfoRequired[key] {
			continue
		}
		if values[key] == "" {
			pos, ok := s.at[key]
			if !ok {
				pos = wb.cellPos(sheetSelfInfo, len(g.rows)+1, 1)
			}
			wb.d.errorf(pos, "selfassess.info_missing", selfWord{sheetSelfInfo, key})
		}
	}
	s.InspectionID, s.UnitCode, s.ChecklistRef = values["inspection"], strings.ToUpper(values["unit"]), values["checklist"]
}

// selfKeyIs reports whether the folded header h names key: its header in
// either language, or the key itself.
func selfKeyIs(k sheetKind, key, h string) bool {
	return h == fold(key) || h == fold(selfHeader(k, key, i18n.New(i18n.VI))) || h == fold(selfHeader(k, key, i18n.New(i18n.EN)))
}

// selfWord names a column or a details row in messages, in the reader's
// language.
type selfWord struct {
	k   sheetKind
	key string
}

func (w selfWord) localize(t i18n.Catalog) string { return selfHeader(w.k, w.key, t) }

// selfTable finds the self-assessment sheet's columns by their headers on
// row 1 or 2 (either language, or the key); the columns the template adds
// for reading (question, maximum…) may be moved or left out, the unit's
// and the item code may not.
func (wb *workbook) selfTable(g grid) (map[string]int, int, bool) {
	cols := map[string]int{}
	first := 2
	for row := 1; row <= 2; row++ {
		for col := 1; col <= maxXLSXCols; col++ {
			h := fold(g.cell(row, col))
			if h == "" {
				continue
			}
			for _, c := range selfColumns {
				if selfKeyIs(sheetSelf, c.key, h) {
					if cols[c.key] == 0 {
						cols[c.key] = col
					}
					first = max(first, row+1)
				}
			}
		}
	}
	ok := true
	for _, c := range selfColumns {
		if c.required && cols[c.key] == 0 {
			wb.d.errorf(wb.cellPos(sheetSelf, 1, 1), "checklist.xlsx_column_missing", selfWord{sheetSelf, c.key})
			ok = false
		}
	}
	return cols, first, ok
}

// selfRows reads the self-assessment sheet's rows.
func (wb *workbook) selfRows(s *SelfSheet) {
	g, ok := wb.read(sheetSelf)
	if !ok {
		return
	}
	cols, first, ok := wb.selfTable(g)
	if !ok {
		return
	}
	value := func(row int, key string) (string, Pos) {
		col := cols[key]
		if col == 0 {
			return "", Pos{}
		}
		return strings.TrimSpace(g.cell(row, col)), wb.cellPos(sheetSelf, row, col)
	}
	seen := map[string]Pos{}
	for r := first; r <= len(g.rows); r++ {
		if g.blank(r) {
			continue
		}
		code, codePos := value(r, "code")
		score, scorePos := value(r, "self_score")
		ev, _ := value(r, "self_evidence")
		if code == "" {
			if score != "" || ev != "" {
				wb.d.errorf(codePos, "selfassess.no_code")
			}
			continue
		}
		if prev, dup := seen[code]; dup {
			wb.d.errorf(codePos, "selfassess.code_twice", code, prev)
			continue
		}
		seen[code] = codePos
		row := SelfRow{Code: code, Evidence: norm.NFC.String(ev), code: codePos, score: scorePos}
		if score != "" {
			p, err := model.ParsePoints(score)
			if err != nil {
				wb.d.errorf(scorePos, "selfassess.not_number", score)
				continue
			}
			row.Scored, row.Score = true, p
		}
		s.Rows = append(s.Rows, row)
	}
}

// At is the cell of a details key ("inspection", "unit", "checklist"), for
// a message about what it names.
func (s *SelfSheet) At(key string) Pos { return s.at[key] }

// Problem is a problem with a details value, at its cell: the command
// that loads the workbook reports an inspection or unit it cannot find
// this way.
func (s *SelfSheet) Problem(key, msgKey string, args ...any) Errors {
	return Errors{{File: s.File, Pos: s.at[key], Key: msgKey, Args: args}}
}

// Scores checks the rows against the checklist the unit's assessment uses
// (the workbook must be for that version) and returns the scores to
// record: every row, a blank one taking back a score held before.
func (s *SelfSheet) Scores(cl *model.Checklist) ([]model.SelfScore, error) {
	d := &decoder{file: s.File, xlsx: true}
	if s.ChecklistRef != cl.Ref() {
		d.errorf(s.at["checklist"], "selfassess.other_checklist", s.ChecklistRef, cl.Ref())
		return nil, d.errs
	}
	out := make([]model.SelfScore, 0, len(s.Rows))
	for _, r := range s.Rows {
		it, ok := cl.Item(r.Code)
		if !ok {
			d.errorf(r.code, "selfassess.item_unknown", r.Code, cl.Ref())
			continue
		}
		if r.Scored {
			if err := it.CheckSelfScore(r.Score); err != nil {
				d.errorf(r.score, "selfassess.bad_score", r.Score.Format(','), r.Code, selfRule{it})
				continue
			}
		}
		out = append(out, model.SelfScore{ItemCode: r.Code, Scored: r.Scored, Score: r.Score, Evidence: r.Evidence})
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return out, nil
}

// selfRule names the scores an item allows, in the message's language.
type selfRule struct{ it model.Item }

func (r selfRule) localize(t i18n.Catalog) string { return selfScoring(r.it, t) }

// String is for tests and logs.
func (r SelfRow) String() string { return fmt.Sprintf("%s=%v:%s", r.Code, r.Scored, r.Score) }

// LoadSelfAssessment reads the self-assessment workbook at path (a regular
// file of at most MaxXLSXBytes) with ParseSelfAssessment.
func LoadSelfAssessment(path string) (*SelfSheet, error) {
	data, err := readRegular(path, MaxXLSXBytes)
	if err != nil {
		return nil, err
	}
	return ParseSelfAssessment(path, data)
}
