package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/x/ansi"
)

// statusLine is the line above the help: the last message and when the
// last change was saved.
type statusLine struct {
	text    string
	isErr   bool
	savedAt time.Time
	// exported is the full path of the file just exported ("Đã xuất: …"),
	// shortened from the middle when the line is too narrow.
	exported string
	// untilSaved marks text about saving (a save failed, saving before
	// quitting): the next save that lands clears it; any other text stays
	// until replaced.
	untilSaved bool
}

// stored is the line once a save has landed at t.
func (s statusLine) stored(t time.Time) statusLine {
	if s.untilSaved {
		return statusLine{savedAt: t}
	}
	s.savedAt = t
	return s
}

// say replaces the message, keeping the time of the last save.
func (s statusLine) say(text string) statusLine { return statusLine{text: text, savedAt: s.savedAt} }

// fail replaces the message with an error, keeping the time of the last save.
func (s statusLine) fail(text string) statusLine {
	return statusLine{text: text, isErr: true, savedAt: s.savedAt}
}

func newHelp(st *Styles) help.Model {
	h := help.New()
	h.Styles.ShortKey = st.Key
	h.Styles.FullKey = st.Key
	h.Styles.ShortDesc = st.Muted
	h.Styles.FullDesc = st.Muted
	h.Styles.ShortSeparator = st.Muted
	h.Styles.FullSeparator = st.Muted
	h.Styles.Ellipsis = st.Muted
	return h
}

// View is the screen: drawn afresh, or as drawn last while keys come
// faster than frames (frame.go).
func (a App) View() string {
	if a.frame != "" {
		return a.frame
	}
	return a.render()
}

// render draws the screen: the header, the active screen's lines, the
// status line and the help line.
func (a App) render() string {
	w, h := a.c.width, a.c.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if a.tooSmall() {
		return strings.Join(a.tooSmallView(), "\n")
	}
	bodyH := h - chromeLines
	var body []string
	switch {
	case a.fatal != "":
		body = wrap(a.fatal, w)
	case a.showHelp:
		body = a.helpView(w, bodyH)
	case a.searching:
		body = a.search.view(a.sess)
	default:
		body = a.screenView()
	}
	lines := make([]string, 0, h)
	lines = append(lines, a.headerView(w))
	for _, l := range padLines(body, w, bodyH) {
		lines = append(lines, a.drawn.fit(l, w))
	}
	lines = append(lines, a.statusView(w), a.drawn.help(a, w))
	return strings.Join(lines, "\n")
}

func (a App) screenView() []string {
	switch a.screen {
	case screenFirstRun:
		return a.firstRun.view()
	case screenStart:
		return a.start.view()
	case screenChecklist:
		return a.checklist.view(a.sess, a.saves.failed)
	case screenEditor:
		return a.editor.view(a.editing())
	case screenSummary:
		return a.summary.view(a.sess)
	case screenConflicts:
		return a.conflicts.view()
	default:
		return []string{a.c.st.Muted.Render(a.c.t.T("ui.status.loading"))}
	}
}

func (a App) tooSmallView() []string {
	w, h := a.c.width, a.c.height
	msg := a.c.t.T("ui.too_small", minWidth, minHeight, w, h)
	text := wrap(msg, w)
	lines := make([]string, h)
	top := max(0, (h-len(text))/2)
	for i := range lines {
		s := ""
		if j := i - top; j >= 0 && j < len(text) {
			s = text[j]
			if pad := (w - ansi.StringWidth(s)) / 2; pad > 0 {
				s = strings.Repeat(" ", pad) + s
			}
		}
		lines[i] = fit(s, w)
	}
	return lines
}

func (a App) headerView(w int) string {
	st, t := a.c.st, a.c.t
	left := st.Header.Render("kiemtra")
	crumb := ""
	s := a.shown()
	switch a.screen {
	case screenFirstRun:
		crumb = t.T("ui.first.title")
	case screenStart:
		crumb = t.T("ui.start.title")
	case screenChecklist, screenEditor, screenSummary:
		if s.isOpen() {
			crumb = s.unit.Name
			if a.screen == screenEditor {
				crumb += " › " + a.editor.item.Code
			}
			if a.screen == screenSummary {
				crumb += " › " + t.T("ui.summary.title")
			}
			if a.screen == screenChecklist && a.checklist.filtering() {
				f := a.checklist.filter
				crumb += " › " + st.Warn.Render(t.T("ui.filter.header", t.T(itemFilters[f].name), count(s, f)))
			}
		}
	case screenConflicts:
		crumb = t.T("ui.conflicts.crumb")
	default:
	}
	if crumb != "" {
		left += st.HeaderDim.Render(" › ") + crumb
	}
	right := ""
	if a.c.inspector != "" {
		right = st.Muted.Render(a.c.inspector)
	}
	if s.isOpen() && a.screen != screenStart && a.screen != screenConflicts {
		right = a.c.statusName(s.assessment.Status) + "  " + right
	}
	rw := ansi.StringWidth(right)
	if rw+2 >= w/2 {
		return fit(left, w)
	}
	return fit(left, w-rw) + right
}

// statusView is the status line: the message on the left; on the right
// whether what the screen shows is stored. "Đã lưu" (with the time of the
// last save) is said only when nothing on screen is waiting: not while a
// field holds text not committed yet or that cannot be stored, nor while
// a save is on its way or has failed.
func (a App) statusView(w int) string {
	st := a.c.st
	right := ""
	switch {
	case a.sess.isOpen() && (len(a.saves.failed) > 0 || a.typedUnsaved()):
		right = st.Warn.Render(a.c.t.T("ui.status.unsaved"))
	case a.sess.isOpen() && a.saves.pending(a.sess):
		right = st.Muted.Render(a.c.t.T("ui.status.saving"))
	case !a.savedAt().IsZero():
		right = st.Saved.Render(a.c.t.T("ui.status.saved_at", a.clock(a.savedAt())))
	}
	left := a.status.text
	if a.status.isErr {
		left = a.c.errLine(left)
	}
	rw := ansi.StringWidth(right)
	if p := a.status.exported; p != "" {
		label := a.c.t.T("ui.export.done", "")
		left = st.Saved.Render(label + shortenPath(p, w-rw-ansi.StringWidth(label)-1))
	}
	if rw >= w {
		return fit(right, w)
	}
	return fit(left, w-rw) + right
}

// savedAt is when what the status line speaks of was last saved: on the
// checklist and in the editor, the current item's finding (whenever and
// wherever it was saved, so also after a restart); elsewhere, or for an
// item never saved, the last save of this run.
func (a App) savedAt() time.Time {
	if a.sess.isOpen() && len(a.sess.items) > 0 {
		i := -1
		switch {
		case a.screen == screenChecklist && !a.searching:
			i = a.checklist.cursor
		case a.screen == screenEditor && !a.editor.resolving:
			i = a.editor.index
		}
		if i >= 0 && i < len(a.sess.items) {
			if f := a.sess.saved[a.sess.items[i].Code]; f.Revision != "" && !f.UpdatedAt.IsZero() {
				return f.UpdatedAt
			}
		}
	}
	return a.status.savedAt
}

// typedUnsaved reports whether a field on screen holds text the App has
// not taken in yet (typed since the last commit, or refused by it).
func (a *App) typedUnsaved() bool {
	switch a.screen {
	case screenEditor:
		return a.editor.unsaved()
	case screenSummary:
		return a.summary.unsaved(a.sess)
	default:
		return false
	}
}

// unsaved reports whether the open visit or thông báo form holds what the
// record does not, or cannot (a date that does not exist).
func (m summaryModel) unsaved(s session) bool {
	switch m.mode {
	case summaryEditSide:
		a, _, msg := readVisit(m.details, s.assessment)
		return msg != "" || visitChanged(s.assessment, a)
	case summaryConclusion:
		c, _, msg := readConclusion(m.details)
		return msg != "" || c != s.assessment.Conclusion
	default:
		return false
	}
}

// clock is a time as the status line shows it: the time of day today,
// the day and time another day.
func (a App) clock(t time.Time) string {
	now := a.c.now()
	t = t.In(now.Location())
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04:05")
	}
	return t.Format("02/01/2006 15:04")
}
