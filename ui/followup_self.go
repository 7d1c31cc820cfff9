package ui

import "kiemtra/model"

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
