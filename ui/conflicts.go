package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/model"
)

// conflictsModel lists the findings changed on two devices since they last
// agreed and settles each one: keep one side's value (1, 2) or edit a
// merged value in the finding editor (e). Both values stay stored until
// someone decides; the decision is audited by the store.
type conflictsModel struct {
	c       *common
	keys    conflictKeys
	list    []model.ConflictView
	cursor  int
	offset  int
	loaded  bool
	err     string
	notice  string
	outcome *model.ImportOutcome // the import that led here, shown on top
	// busy is the conflict whose resolution is being stored.
	busy string
}

func newConflictsModel(c *common) conflictsModel {
	return conflictsModel{c: c, keys: newConflictKeys(c.t)}
}

// open shows the screen, reading the conflicts again; outcome is the
// import that led here, if any.
func (m conflictsModel) open(outcome *model.ImportOutcome) (conflictsModel, tea.Cmd) {
	m.outcome, m.err, m.notice, m.busy = outcome, "", "", ""
	return m, m.reload()
}

// syncKeys offers the choosing keys only when there is a conflict.
func (m *conflictsModel) syncKeys() {
	on := len(m.list) > 0
	m.keys.TakeA.SetEnabled(on)
	m.keys.TakeB.SetEnabled(on)
	m.keys.Edit.SetEnabled(on)
}

func (m conflictsModel) reload() tea.Cmd {
	if m.c.importer == nil {
		return nil
	}
	return loadConflictsCmd(m.c.importer)
}

func (m conflictsModel) selected() (model.ConflictView, bool) {
	if m.cursor < 0 || m.cursor >= len(m.list) {
		return model.ConflictView{}, false
	}
	return m.list[m.cursor], true
}

func (m conflictsModel) update(msg tea.Msg) (conflictsModel, tea.Cmd) {
	switch msg := msg.(type) {
	case conflictsLoadedMsg:
		m.loaded = true
		if msg.err != nil {
			m.err = m.c.t.T("ui.err.load", m.c.errText(msg.err))
			return m, nil
		}
		sel, _ := m.selected()
		m.err, m.list = "", msg.list
		for i, cv := range m.list {
			if cv.ID == sel.ID {
				m.cursor = i
			}
		}
		m.cursor = max(0, min(m.cursor, len(m.list)-1))
		m.syncKeys()
		return m, nil
	case conflictResolvedMsg:
		m.busy = ""
		if msg.err != nil {
			m.err = m.c.t.T("ui.conflicts.failed", msg.conflict.ItemCode, m.errText(msg.err))
			return m, m.reload()
		}
		m.err = ""
		return m, m.reload()
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// errText explains a failed resolution.
func (m conflictsModel) errText(err error) string {
	switch errorCode(err) {
	case "resolved":
		return m.c.t.T("ui.conflicts.already")
	case "stale":
		return m.c.t.T("ui.conflicts.stale")
	}
	return m.c.errText(err)
}

func (m conflictsModel) handleKey(km tea.KeyMsg) (conflictsModel, tea.Cmd) {
	m.notice = ""
	switch {
	case key.Matches(km, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
		return m, nil
	case key.Matches(km, m.keys.Down):
		m.cursor = max(0, min(m.cursor+1, len(m.list)-1))
		return m, nil
	case key.Matches(km, m.keys.Reload):
		return m, m.reload()
	case key.Matches(km, m.c.keys.Back):
		return m, m.c.navigate(navMsg{to: screenStart})
	}
	cv, ok := m.selected()
	if !ok || m.busy != "" {
		return m, nil
	}
	take := func(side model.ConflictSide) (conflictsModel, tea.Cmd) {
		if cv.Finalized {
			m.notice = m.c.t.T("ui.conflicts.finalized")
			return m, nil
		}
		m.busy, m.err = cv.ID, ""
		m.c.started = "ui.conflicts.resolving"
		return m, resolveConflictCmd(m.c.importer, m.c.inspector, cv, side.Content())
	}
	switch {
	case key.Matches(km, m.keys.TakeA):
		return take(cv.A)
	case key.Matches(km, m.keys.TakeB):
		return take(cv.B)
	case key.Matches(km, m.keys.Edit):
		if cv.Finalized {
			m.notice = m.c.t.T("ui.conflicts.finalized")
			return m, nil
		}
		return m, loadResolveCmd(m.c.store, cv)
	}
	return m, nil
}

// mergedContent is where editing a merged value starts: side a's result,
// score and deadline, and each text that differs written from both sides
// (a's first), for the inspector to cut down to what holds.
func mergedContent(a, b model.Content) model.Content {
	join := func(x, y string) string {
		switch {
		case x == y || y == "":
			return x
		case x == "":
			return y
		}
		return x + "\n" + y
	}
	c := a
	c.Note = join(a.Note, b.Note)
	c.Evidence = join(a.Evidence, b.Evidence)
	c.Recommendation = join(a.Recommendation, b.Recommendation)
	if c.Deadline.IsZero() {
		c.Deadline = b.Deadline
	}
	return c
}

// differences names the parts of the two values that differ.
func (m conflictsModel) differences(a, b model.Content) string {
	t := m.c.t
	var d []string
	if a.Result != b.Result {
		d = append(d, t.T("ui.conflicts.diff.result"))
	}
	if a.Score != b.Score {
		d = append(d, t.T("ui.conflicts.diff.score"))
	}
	if a.Note != b.Note {
		d = append(d, t.T("ui.conflicts.diff.note"))
	}
	if a.Evidence != b.Evidence {
		d = append(d, t.T("ui.conflicts.diff.evidence"))
	}
	if a.Recommendation != b.Recommendation {
		d = append(d, t.T("ui.conflicts.diff.recommendation"))
	}
	if a.Deadline != b.Deadline {
		d = append(d, t.T("ui.conflicts.diff.deadline"))
	}
	return strings.Join(d, ", ")
}

// ShortHelp implements help.KeyMap.
func (m conflictsModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m conflictsModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

func (m *conflictsModel) view(w, h int) []string {
	st, t := m.c.st, m.c.t
	var lines []string
	if m.outcome != nil {
		lines = append(lines, fit(st.Title.Render(importSummary(m.c, *m.outcome)), w))
		il := importLines(m.c, *m.outcome, w)
		if limit := max(1, h/4); len(il) > limit {
			il = append(il[:limit-1], st.Muted.Render(t.T("ui.summary.more", len(il)-limit+1)))
		}
		lines = append(lines, il...)
	}
	if m.err != "" {
		lines = append(lines, indentWrap("", st.Error.Render("✗ ")+m.err, w)...)
	}
	if m.notice != "" {
		lines = append(lines, indentWrap("", st.Warn.Render(m.notice), w)...)
	}
	lines = append(lines, m.c.rule(t.T("ui.conflicts.title", len(m.list)), w))
	if !m.loaded {
		return append(lines, st.Muted.Render(t.T("ui.status.loading")))
	}
	if len(m.list) == 0 {
		return append(lines, wrap(t.T("ui.conflicts.none"), w)...)
	}
	rows := max(1, min(len(m.list), (h-len(lines))/4))
	m.offset = scrollTo(m.cursor, m.offset, rows)
	for i := m.offset; i < len(m.list) && i < m.offset+rows; i++ {
		cv := m.list[i]
		lines = append(lines, m.c.row(fmt.Sprintf("%s · %s · %s — %s", cv.UnitCode, cv.ItemCode, cv.UnitName, shortText(cv.ItemText)), w, i == m.cursor))
	}
	cv := m.list[m.cursor]
	lines = append(lines, m.c.rule(fmt.Sprintf("%s · %s", cv.ItemCode, cv.UnitName), w))
	if cv.ItemText != "" {
		lines = append(lines, clipLines(wrap(cv.ItemText, w), 2)...)
	}
	if d := m.differences(cv.A.Content(), cv.B.Content()); d != "" {
		lines = append(lines, fit(st.Warn.Render(t.T("ui.conflicts.differ", d)), w))
	}
	if cv.Finalized {
		lines = append(lines, indentWrap("", st.Warn.Render(t.T("ui.conflicts.finalized")), w)...)
	}
	rest := max(0, h-len(lines))
	if w >= 100 {
		cw := (w - 3) / 2
		a := padLines(m.sideView(cv.A, m.keys.TakeA, cw), cw, rest)
		b := padLines(m.sideView(cv.B, m.keys.TakeB, w-3-cw), w-3-cw, rest)
		return append(lines, joinColumns(" "+st.Rule.Render("│")+" ", a, b)...)
	}
	lines = append(lines, m.sideView(cv.A, m.keys.TakeA, w)...)
	return append(lines, m.sideView(cv.B, m.keys.TakeB, w)...)
}

// sideView is one of the two values, w cells wide.
func (m conflictsModel) sideView(s model.ConflictSide, k key.Binding, w int) []string {
	st, t := m.c.st, m.c.t
	who := t.T("ui.conflicts.remote", s.DeviceName)
	if s.Local {
		who = t.T("ui.conflicts.local")
	}
	head := fmt.Sprintf("%s · %s", k.Help().Key, who)
	lines := []string{fit(st.Section.Render(head), w)}
	when := ""
	if !s.UpdatedAt.IsZero() {
		when = s.UpdatedAt.In(m.c.now().Location()).Format("02/01/2006 15:04")
	}
	device := s.DeviceName
	if s.Local {
		device = t.T("ui.conflicts.this_computer")
	}
	lines = append(lines, fit(st.Muted.Render(t.T("ui.conflicts.by", s.UpdatedBy, when, device)), w))
	res := m.c.resultMarker(s.Result) + " " + m.c.resultName(s.Result)
	if s.Result.Answered() && s.Result != model.ResultNotApplicable {
		res += " · " + t.T("ui.conflicts.score", m.c.pts(s.Score))
	}
	lines = append(lines, fit(st.Label.Render(t.T("ui.checklist.result"))+" "+res, w))
	add := func(label, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		lines = append(lines, indentWrap("", st.Label.Render(label)+" "+text, w)...)
	}
	add(t.T("ui.label.note"), s.Note)
	add(t.T("ui.label.evidence_seen"), s.Evidence)
	add(t.T("ui.label.recommendation"), s.Recommendation)
	add(t.T("ui.label.deadline"), s.Deadline.VN())
	for i, l := range lines {
		lines[i] = fit(l, w) // the two sides stand in columns
	}
	return lines
}
