package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"

	"kiemtra/i18n"
	"kiemtra/model"
)

// followPanel is the table of earlier kiến nghị the editor opens on the
// checklist's follow-up item (model.Item.FollowUp): each with where it
// came from, its deadline and what this visit found. A status key records
// the status at once; the day checked, the note and the evidence seen are
// typed below the table and saved when the inspector leaves them.
type followPanel struct {
	open   bool
	cursor int
	focus  followFocus
	date   field
	note   field
	seen   field
	err    string
}

type followFocus int

const (
	followList followFocus = iota
	followDate
	followNote
	followSeen
	followFoci
)

// followKeys are the panel's keys.
type followKeys struct {
	Open, Up, Down, Next, Back, Save key.Binding
	Status                           [4]key.Binding
}

func newFollowKeys(t i18n.Catalog) followKeys {
	k := followKeys{
		Open: bind(t, "ctrl+k", "ui.key.follow", "ctrl+k"),
		Up:   bind(t, "↑", "ui.key.up", "up"),
		Down: bind(t, "↓", "ui.key.down", "down"),
		Next: bind(t, "tab", "ui.key.next_field", "tab", "shift+tab"),
		Back: bind(t, "esc", "ui.key.back", "esc"),
		Save: bind(t, "ctrl+s", "ui.key.save", "ctrl+s"),
	}
	for i, st := range model.FixStatuses {
		n := string(rune('1' + i))
		k.Status[i] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, t.T("fix.status."+string(st))))
	}
	return k
}

// followable reports whether the editor's item takes the follow-up table
// on s: there are earlier kiến nghị to show, and it is the checklist's
// follow-up item — or any item of a checklist that marks none (the
// checklist versions of 2026.1 predate the mark, and a checklist version
// held is never changed).
func (m editorModel) followable(s session) bool {
	if s.follow == nil || len(s.follow.recs) == 0 {
		return false
	}
	return m.item.FollowUp || !slices.ContainsFunc(s.items, func(it flatItem) bool { return it.FollowUp })
}

// openFollow opens the panel on its first kiến nghị.
func (m editorModel) openFollow(s session) editorModel {
	p := followPanel{open: true, date: newTextInput(m.c), note: newTextInput(m.c), seen: newTextInput(m.c)}
	p.date.Placeholder = "dd/mm/yyyy"
	m.follow = p
	m.sizeFollow()
	return m.followRow(s, 0)
}

func (m *editorModel) sizeFollow() {
	w := max(1, m.c.width-32) // beside the longest label
	m.follow.date.SetWidth(min(12, w))
	m.follow.note.SetWidth(w)
	m.follow.seen.SetWidth(w)
}

// followRow moves the panel to kiến nghị i, its check's text in the
// fields.
func (m editorModel) followRow(s session, i int) editorModel {
	p := &m.follow
	p.cursor, p.err = max(0, min(i, len(s.follow.recs)-1)), ""
	c, _ := s.follow.recs[p.cursor].At(s.assessment.ID)
	p.date.SetValue(c.Checked.VN())
	p.note.SetValue(c.Note)
	p.seen.SetValue(c.Evidence)
	return m.followFocused()
}

func (m editorModel) followFocused() editorModel {
	p := &m.follow
	p.date.Blur()
	p.note.Blur()
	p.seen.Blur()
	switch p.focus {
	case followDate:
		p.date.Focus()
	case followNote:
		p.note.Focus()
	case followSeen:
		p.seen.Focus()
	default:
	}
	return m
}

// followKey acts on a key while the panel is open.
func (m editorModel) followKey(km tea.KeyMsg, s session) (editorModel, tea.Cmd, result) {
	k, p := m.fkeys, &m.follow
	if matches(km, k.Back) && p.focus == followList {
		p.open = false
		return m, nil, result{}
	}
	if matches(km, k.Back, k.Next, k.Save) {
		cmd := m.followCommit(s)
		switch {
		case matches(km, k.Back):
			p.focus = followList
		case matches(km, k.Next) && km.Type == tea.KeyShiftTab:
			p.focus = (p.focus + followFoci - 1) % followFoci
		case matches(km, k.Next):
			p.focus = (p.focus + 1) % followFoci
		}
		return m.followFocused(), cmd, result{}
	}
	if p.focus != followList {
		if s.finalized() {
			return m, nil, say(m.c.t.T("ui.editor.read_only"))
		}
		if km.Type == tea.KeyEnter {
			cmd := m.followCommit(s)
			p.focus = (p.focus + 1) % followFoci
			return m.followFocused(), cmd, result{}
		}
		switch p.focus {
		case followDate:
			p.date, _, _ = typeInto(p.date, km)
		case followNote:
			p.note, _, _ = typeInto(p.note, km)
		case followSeen:
			p.seen, _, _ = typeInto(p.seen, km)
		default:
		}
		return m, nil, result{}
	}
	switch {
	case matches(km, k.Up):
		return m.followRow(s, p.cursor-1), nil, result{}
	case matches(km, k.Down):
		return m.followRow(s, p.cursor+1), nil, result{}
	}
	for i, b := range k.Status {
		if matches(km, b) {
			if s.finalized() {
				return m, nil, say(m.c.t.T("ui.editor.read_only"))
			}
			return m, m.followSave(s, model.FixStatuses[i]), result{}
		}
	}
	return m, nil, result{}
}

// followCommit saves what the fields hold for the kiến nghị under the
// cursor, when it differs from what is recorded; a status must come
// first.
func (m *editorModel) followCommit(s session) tea.Cmd {
	if s.finalized() {
		return nil
	}
	c, ok := s.follow.recs[m.follow.cursor].At(s.assessment.ID)
	if !ok {
		if strings.TrimSpace(m.follow.date.Value()+m.follow.note.Value()+m.follow.seen.Value()) != "" {
			m.follow.err = m.c.t.T("ui.follow.status_first")
		}
		return nil
	}
	return m.followSave(s, c.Status)
}

// followSave records status and the fields for the kiến nghị under the
// cursor, unless nothing changed or the day cannot be read.
func (m *editorModel) followSave(s session, status model.FixStatus) tea.Cmd {
	p := &m.follow
	p.err = ""
	rec := s.follow.recs[p.cursor]
	cur, held := rec.At(s.assessment.ID)
	d, err := model.ParseDate(p.date.Value())
	if err != nil {
		p.err = m.c.t.T("ui.editor.date_invalid")
		return nil
	}
	f := model.FollowUp{AssessmentID: s.assessment.ID, RecommendationID: rec.ID, Status: status, Checked: d,
		Note:     norm.NFC.String(strings.TrimSpace(p.note.Value())),
		Evidence: norm.NFC.String(strings.TrimSpace(p.seen.Value())),
		Stamp:    model.Stamp{UpdatedBy: m.c.inspector}}
	if held {
		f.BaseRevision = cur.Revision
		if d.IsZero() {
			f.Checked = cur.Checked
		}
		if f.Content() == cur.Content() && len(s.follow.others[rec.ID]) == 0 {
			return nil
		}
	}
	return saveFollowCmd(m.c.store, f)
}

// followHelp is the panel's short help.
func (m editorModel) followHelp() []key.Binding {
	k := m.fkeys
	if m.follow.focus != followList {
		return []key.Binding{k.Next, k.Save, k.Back}
	}
	return append(k.Status[:], k.Up, k.Down, k.Next, k.Back)
}
