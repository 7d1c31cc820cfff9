package ui

import (
	"fmt"

	"kiemtra/model"
)

// selfBeside is the unit's own score for item it, to show beside the
// inspector's: " · đơn vị tự chấm 2 · chênh lệch +1"; "" when the unit
// scored nothing for it.
func (c common) selfBeside(s session, it model.Item) string {
	if s.follow == nil {
		return ""
	}
	ss, ok := s.follow.self[it.Code]
	if !ok {
		return ""
	}
	text := " · " + c.t.T("ui.self.beside", c.pts(ss.Score))
	cmp := model.CompareSelf(&model.Checklist{Fields: []model.Field{{Criteria: []model.Criterion{{Items: []model.Item{it}}}}}},
		map[string]model.Content{it.Code: s.content[it.Code]}, []model.SelfScore{ss})
	if si, ok := cmp.Item(it.Code); ok && si.Compared {
		d := si.Diff()
		sign := ""
		if d > 0 {
			sign = "+"
		}
		text += " · " + c.t.T("ui.self.diff", sign+c.pts(d))
	}
	return c.st.Muted.Render(text)
}

// selfLines are the summary screen's lines on the unit's self-assessment:
// its total beside the inspector's, then each field where both scored;
// none when the unit scored nothing.
func (c common) selfLines(s session, w int) []string {
	if s.follow == nil || len(s.follow.self) == 0 {
		return nil
	}
	ss := make([]model.SelfScore, 0, len(s.follow.self))
	for _, x := range s.follow.self {
		ss = append(ss, x)
	}
	cmp := model.CompareSelf(s.cl, s.content, ss)
	signed := func(p model.Points) string {
		if p > 0 {
			return "+" + c.pts(p)
		}
		return c.pts(p)
	}
	o := cmp.Overall
	lines := []string{"", c.rule(c.t.T("ui.self.title"), w),
		fit(c.t.T("ui.self.total", c.pts(o.Self), c.pts(o.Verified), signed(o.Diff()), o.Compared, o.Claimed), w)}
	for _, f := range cmp.Fields {
		if f.Compared == 0 {
			continue
		}
		stats := fmt.Sprintf(" %6s %6s %7s", c.pts(f.Self), c.pts(f.Verified), signed(f.Diff()))
		lines = append(lines, fit(f.Code+" "+f.Title, max(1, w-len([]rune(stats))))+stats)
	}
	return lines
}

// selfMark is the unit's own score in an item's row of the checklist
// (" · tự chấm 2"); the rows are drawn again for each session, whose
// self-scores do not change while it is open.
func (c common) selfMark(s session, code string) string {
	if s.follow == nil {
		return ""
	}
	if ss, ok := s.follow.self[code]; ok {
		return " · " + c.t.T("ui.self.row", c.pts(ss.Score))
	}
	return ""
}
