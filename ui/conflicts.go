package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/model"
)

// conflictsModel lists the findings changed on two devices since they last
// agreed and settles each one: keep one side's value (1, 2) or edit a
// merged value in the finding editor (e). Both values stay stored until
// someone decides; the decision is audited by the store.
type conflictsModel struct {
	c         common
	keys      conflictKeys
	conflicts []model.ConflictView
	cursor    int
	offset    int
	loaded    bool
	err       string
	notice    string
	outcome   *model.ImportOutcome // the import that led here, shown on top; never written
	// busy is the conflict whose resolution is being stored.
	busy string
	// asking is the choice waiting for the inspector's yes: which value
	// (1 or 2) of which conflict.
	asking *conflictChoice
	ckeys  confirmKeys
}

// conflictChoice is a value chosen for a conflict, before it is stored.
type conflictChoice struct {
	conflict model.ConflictView
	side     model.ConflictSide
	which    string // "1" or "2"
}

func newConflictsModel(c common) conflictsModel {
	return conflictsModel{c: c, keys: newConflictKeys(c.t), ckeys: newConfirmKeys(c.t)}
}

func (m *conflictsModel) setSize(w, h int) {
	if !m.c.built() {
		return // not opened yet: it gets the size when it is
	}
	m.c = m.c.sized(w, h)
	m.scroll()
}

// open shows the screen, reading the conflicts again; outcome is the
// import that led here, if any.
func (m conflictsModel) open(outcome *model.ImportOutcome) (conflictsModel, tea.Cmd) {
	m.outcome, m.err, m.notice, m.busy, m.asking = outcome, "", "", "", nil
	m.scroll()
	return m, m.reload()
}

// keymap offers the choosing keys only when there is a conflict, and
// the moving keys when there is more than one.
func (m conflictsModel) keymap() conflictKeys {
	k := m.keys
	on := len(m.conflicts) > 0
	k.TakeA.SetEnabled(on)
	k.TakeB.SetEnabled(on)
	k.Edit.SetEnabled(on)
	k.Up.SetEnabled(len(m.conflicts) > 1)
	k.Down.SetEnabled(len(m.conflicts) > 1)
	return k
}

// refusal says why a key of the screen cannot act now, or "".
func (m conflictsModel) refusal(km tea.KeyMsg, keys conflictKeys) string {
	switch {
	case disabledMatch(km, keys.TakeA, keys.TakeB, keys.Edit):
		return m.c.t.T("ui.conflicts.none")
	case disabledMatch(km, keys.Up, keys.Down):
		return m.c.t.T("ui.why.one_entry")
	}
	return ""
}

func (m conflictsModel) reload() tea.Cmd {
	if m.c.importer == nil {
		return nil
	}
	return loadConflictsCmd(m.c.importer)
}

func (m conflictsModel) selected() (model.ConflictView, bool) {
	if m.cursor < 0 || m.cursor >= len(m.conflicts) {
		return model.ConflictView{}, false
	}
	return m.conflicts[m.cursor], true
}

func (m conflictsModel) update(msg tea.Msg) (conflictsModel, tea.Cmd, result) {
	var cmd tea.Cmd
	var r result
	switch msg := msg.(type) {
	case conflictsLoadedMsg:
		m.loaded = true
		if msg.err != nil {
			m.err = m.c.t.T("ui.err.load", m.c.t.Err(msg.err))
			break
		}
		sel, _ := m.selected()
		m.err, m.conflicts = "", msg.conflicts
		for i, cv := range m.conflicts {
			if cv.ID == sel.ID {
				m.cursor = i
			}
		}
		m.cursor = max(0, min(m.cursor, len(m.conflicts)-1))
	case conflictResolvedMsg:
		m.busy, m.err = "", ""
		if msg.err != nil {
			m.err = m.failure(msg)
		}
		cmd = m.reload()
	case tea.KeyMsg:
		m, cmd, r = m.handleKey(msg)
	}
	m.scroll()
	return m, cmd, r
}

// failure explains a resolution that was not stored. A stale value gets
// this screen's own advice: the list is read again, choose again.
func (m conflictsModel) failure(msg conflictResolvedMsg) string {
	why := m.c.t.Err(msg.err)
	if model.ErrorCode(msg.err) == model.EStale {
		why = m.c.t.T("ui.conflicts.stale")
	}
	return m.c.t.T("ui.conflicts.failed", msg.conflict.ItemCode, why)
}

func (m conflictsModel) handleKey(km tea.KeyMsg) (conflictsModel, tea.Cmd, result) {
	m.notice = ""
	if q := m.asking; q != nil {
		switch {
		case matches(km, m.ckeys.Yes):
			m.asking, m.busy, m.err = nil, q.conflict.ID, ""
			return m, resolveConflictCmd(m.c.importer, m.c.inspector, q.conflict, q.side.Content()),
				say(m.c.t.T("ui.conflicts.resolving"))
		case matches(km, m.ckeys.No):
			m.asking = nil
		}
		return m, nil, result{}
	}
	keys := m.keymap()
	switch {
	case matches(km, keys.Up):
		m.cursor = max(0, m.cursor-1)
		return m, nil, result{}
	case matches(km, keys.Down):
		m.cursor = max(0, min(m.cursor+1, len(m.conflicts)-1))
		return m, nil, result{}
	case matches(km, keys.Reload):
		return m, m.reload(), result{}
	case matches(km, m.c.keys.Back):
		return m, nil, goTo(navigation{to: screenStart})
	}
	if why := m.refusal(km, keys); why != "" {
		return m, nil, say(why)
	}
	cv, ok := m.selected()
	if !ok || m.busy != "" {
		return m, nil, result{}
	}
	var side model.ConflictSide
	which := ""
	switch {
	case matches(km, keys.TakeA):
		side, which = cv.A, "1"
	case matches(km, keys.TakeB):
		side, which = cv.B, "2"
	case matches(km, keys.Edit):
		if cv.Finalized {
			m.notice = m.c.t.T("ui.conflicts.finalized")
			return m, nil, result{}
		}
		return m, loadResolveCmd(m.c.store, cv), result{}
	default:
		return m, nil, result{}
	}
	if cv.Finalized {
		m.notice = m.c.t.T("ui.conflicts.finalized")
		return m, nil, result{}
	}
	// Settling a conflict drops the other value from the finding (it stays
	// in the history): ask first.
	m.asking, m.err = &conflictChoice{conflict: cv, side: side, which: which}, ""
	return m, nil, result{}
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
	if a.Cases != b.Cases {
		d = append(d, t.T("ui.conflicts.diff.cases"))
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

// ShortHelp is the footer's keys.
func (m conflictsModel) ShortHelp() []key.Binding {
	if m.asking != nil {
		return []key.Binding{m.ckeys.Yes, m.ckeys.No}
	}
	k := m.keymap()
	return []key.Binding{k.TakeA, k.TakeB, k.Edit, k.Reload, m.c.keys.Back}
}

// FullHelp is every key of the screen.
func (m conflictsModel) FullHelp() [][]key.Binding {
	if m.asking != nil {
		return [][]key.Binding{{m.ckeys.Yes, m.ckeys.No}}
	}
	k := m.keymap()
	return [][]key.Binding{{k.Up, k.Down, k.Reload}, {k.TakeA, k.TakeB, k.Edit}, {m.c.keys.Back}}
}

// headLines are the lines above the list: the import that led here, the
// last error or notice, and the list's title.
func (m conflictsModel) headLines() []string {
	st, t, w, h := m.c.st, m.c.t, m.c.width, m.c.height
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
	if q := m.asking; q != nil {
		who := t.T("ui.conflicts.remote", q.side.DeviceName)
		if q.side.Local {
			who = t.T("ui.conflicts.local")
		}
		ask := t.T("ui.conflicts.confirm", q.which, who, q.conflict.ItemCode, q.conflict.UnitName)
		lines = append(lines, indentWrap("", st.Warn.Render(ask), w)...)
	}
	return append(lines, m.c.rule(t.T("ui.conflicts.title", len(m.conflicts)), w))
}

// listRows is how many conflicts the list shows: a quarter of what the
// head leaves, the rest is for the two values of the selected one.
func (m conflictsModel) listRows() int {
	return max(1, min(len(m.conflicts), (m.c.height-len(m.headLines()))/4))
}

// scroll keeps the cursor inside the list's window; it runs after every
// update and resize, so the view only draws.
func (m *conflictsModel) scroll() {
	m.offset = scrollTo(m.cursor, m.offset, m.listRows(), len(m.conflicts))
}

func (m conflictsModel) view() []string {
	st, t, w, h := m.c.st, m.c.t, m.c.width, m.c.height
	lines := m.headLines()
	if !m.loaded {
		return append(lines, st.Muted.Render(t.T("ui.status.loading")))
	}
	if len(m.conflicts) == 0 {
		return append(lines, wrap(t.T("ui.conflicts.none"), w)...)
	}
	rows := m.listRows()
	for i := m.offset; i < len(m.conflicts) && i < m.offset+rows; i++ {
		cv := m.conflicts[i]
		lines = append(lines, m.c.row(fmt.Sprintf("%s · %s · %s — %s", cv.UnitCode, cv.ItemCode, cv.UnitName, shortText(cv.ItemText)), w, i == m.cursor))
	}
	cv := m.conflicts[m.cursor]
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
	keys := m.keymap()
	if w >= 100 {
		cw := (w - 3) / 2
		a := padLines(m.sideView(cv.A, keys.TakeA, cw), cw, rest)
		b := padLines(m.sideView(cv.B, keys.TakeB, w-3-cw), w-3-cw, rest)
		return append(lines, joinColumns(" "+st.Rule.Render("│")+" ", a, b)...)
	}
	lines = append(lines, m.sideView(cv.A, keys.TakeA, w)...)
	return append(lines, m.sideView(cv.B, keys.TakeB, w)...)
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
		when = t.When(s.UpdatedAt.In(m.c.now().Location()))
	}
	device := s.DeviceName
	if s.Local {
		device = t.T("ui.conflicts.this_computer")
	}
	lines = append(lines, fit(st.Muted.Render(t.T("ui.conflicts.by", s.UpdatedBy, when, device)), w))
	res := m.c.resultMarker(s.Result) + " " + m.c.resultName(s.Result)
	if s.Result.Answered() && s.Result != model.ResultNotApplicable {
		res += " · " + t.TN("ui.conflicts.score", i18n.PointsCount(s.Score), m.c.pts(s.Score))
	}
	if s.Cases > 0 {
		res += " · " + t.T("ui.conflicts.cases", s.Cases)
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

// conflictsLoadedMsg carries the open conflicts.
type conflictsLoadedMsg struct {
	conflicts []model.ConflictView
	err       error
}

func loadConflictsCmd(im Importer) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		list, err := im.ConflictViews(ctx)
		return conflictsLoadedMsg{conflicts: list, err: err}
	}
}

// conflictResolvedMsg reports a conflict settled with one value (from
// this screen, or from the editor holding a merged value).
type conflictResolvedMsg struct {
	conflict model.ConflictView
	finding  model.Finding
	err      error
}

func resolveConflictCmd(im Importer, actor string, cv model.ConflictView, chosen model.Content) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		f, err := im.ResolveConflict(ctx, actor, cv.ID, chosen)
		return conflictResolvedMsg{conflict: cv, finding: f, err: err}
	}
}

// resolveLoadedMsg carries what the editor needs to edit the merged value
// of a conflict.
type resolveLoadedMsg struct {
	sessionLoadedMsg
	conflict model.ConflictView
}

func loadResolveCmd(st Store, cv model.ConflictView) tea.Cmd {
	load := loadSessionCmd(st, cv.AssessmentID, model.Unit{Code: cv.UnitCode, Name: cv.UnitName})
	return func() tea.Msg {
		msg, _ := load().(sessionLoadedMsg)
		return resolveLoadedMsg{sessionLoadedMsg: msg, conflict: cv}
	}
}
