package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
)

// Program is the App as the program runs it. Bubble Tea keeps the model
// Update returns, as an interface: an App returned by value is a new
// allocation of the whole App (about 20 KB) on every message, which
// dominated the cost of a key. The program keeps the App's latest value
// behind one pointer instead; the App itself stays a value, and tests
// and teatest drive it as one.
func (a App) Program() tea.Model { return &program{app: a} }

// Opening is the program for an App whose database is not open yet. The
// first frame waits for Bubble Tea's next tick, so the database is opened
// meanwhile rather than before: open runs as the first command, the
// loading screen is drawn as soon as the terminal's size is known, and
// the App takes over with the Deps open gives. If open fails, the program
// ends and OpenErr says why; keys other than quitting are not taken
// before the App has its store.
func Opening(lang i18n.Lang, open func() (Deps, error)) tea.Model {
	return &program{app: New(Deps{Lang: lang}), open: open}
}

// OpenErr is why an Opening program could not open its database, once it
// has run; nil if it could, or m is not one.
func OpenErr(m tea.Model) error {
	if p, ok := m.(*program); ok {
		return p.openErr
	}
	return nil
}

type program struct {
	app     App
	open    func() (Deps, error) // non-nil until the App has its Deps
	openErr error
}

// openedMsg brings what Opening's open gave.
type openedMsg struct {
	deps Deps
	err  error
}

func (p *program) Init() tea.Cmd {
	if open := p.open; open != nil {
		return func() tea.Msg {
			d, err := open()
			return openedMsg{deps: d, err: err}
		}
	}
	return p.app.Init()
}

func (p *program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p.open != nil {
		return p, p.opening(msg)
	}
	return p, p.app.step(msg)
}

// opening takes a message in while the database opens. The App that
// draws meanwhile has no store: it is given sizes only.
func (p *program) opening(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openedMsg:
		if msg.err != nil {
			p.openErr = msg.err
			return tea.Quit
		}
		w, h := p.app.c.width, p.app.c.height
		p.app, p.open = New(msg.deps), nil
		var sized tea.Cmd
		if w > 0 || h > 0 {
			sized = p.app.step(tea.WindowSizeMsg{Width: w, Height: h})
		}
		return tea.Batch(sized, p.app.Init())
	case tea.WindowSizeMsg:
		return p.app.step(msg)
	case tea.KeyMsg:
		if matches(msg, p.app.c.keys.ForceQuit, p.app.c.keys.Quit) {
			return tea.Quit
		}
	}
	return nil
}

func (p *program) View() string {
	if p.app.frame != "" {
		return p.app.frame // a burst of keys: no copy of the App to say so
	}
	return p.app.View()
}
