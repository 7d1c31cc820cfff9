package ui

import tea "github.com/charmbracelet/bubbletea"

// Program is the App as the program runs it. Bubble Tea keeps the model
// Update returns, as an interface: an App returned by value is a new
// allocation of the whole App (about 20 KB) on every message, which
// dominated the cost of a key. The program keeps the App's latest value
// behind one pointer instead; the App itself stays a value, and tests
// and teatest drive it as one.
func (a App) Program() tea.Model { return &program{app: a} }

type program struct{ app App }

func (p *program) Init() tea.Cmd { return p.app.Init() }

func (p *program) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return p, p.app.step(msg) }

func (p *program) View() string {
	if p.app.frame != "" {
		return p.app.frame // a burst of keys: no copy of the App to say so
	}
	return p.app.View()
}
