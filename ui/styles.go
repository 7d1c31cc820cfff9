package ui

import "github.com/charmbracelet/lipgloss"

// palette is the small set of colours every style derives from. Adaptive
// colours pick the light or dark variant from the terminal background;
// lipgloss degrades them on 16-colour terminals and drops them under
// NO_COLOR, so nothing on screen relies on colour alone (results carry the
// markers ✓ ◐ ✗ – and words, the selection carries ›).
var palette = struct {
	text, muted, accent, good, warn, bad, selBg, selFg lipgloss.AdaptiveColor
}{
	text:   lipgloss.AdaptiveColor{Light: "235", Dark: "252"},
	muted:  lipgloss.AdaptiveColor{Light: "243", Dark: "245"},
	accent: lipgloss.AdaptiveColor{Light: "25", Dark: "75"},
	good:   lipgloss.AdaptiveColor{Light: "28", Dark: "78"},
	warn:   lipgloss.AdaptiveColor{Light: "130", Dark: "214"},
	bad:    lipgloss.AdaptiveColor{Light: "160", Dark: "203"},
	selBg:  lipgloss.AdaptiveColor{Light: "254", Dark: "237"},
	selFg:  lipgloss.AdaptiveColor{Light: "0", Dark: "231"},
}

// Styles holds every style the TUI draws with; View code only uses these,
// never lipgloss.NewStyle.
type Styles struct {
	App       lipgloss.Style
	Header    lipgloss.Style
	HeaderDim lipgloss.Style
	Title     lipgloss.Style
	Section   lipgloss.Style
	Muted     lipgloss.Style
	Text      lipgloss.Style
	Selected  lipgloss.Style
	Focused   lipgloss.Style
	Label     lipgloss.Style
	Saved     lipgloss.Style
	Error     lipgloss.Style
	Warn      lipgloss.Style
	Rule      lipgloss.Style
	Key       lipgloss.Style
	Modal     lipgloss.Style

	Result struct {
		Unassessed, Pass, Partial, Fail, NA lipgloss.Style
	}
	Status struct {
		Draft, Finalized lipgloss.Style
	}
	Input struct {
		Prompt, Text, Placeholder, Cursor lipgloss.Style
	}
}

// DefaultStyles builds the styles from the palette.
func DefaultStyles() *Styles {
	s := &Styles{}
	base := lipgloss.NewStyle()
	s.App = base
	s.Header = base.Bold(true).Foreground(palette.accent)
	s.HeaderDim = base.Foreground(palette.muted)
	s.Title = base.Bold(true)
	s.Section = base.Bold(true).Foreground(palette.accent)
	s.Muted = base.Foreground(palette.muted)
	s.Text = base.Foreground(palette.text)
	s.Selected = base.Bold(true).Foreground(palette.selFg).Background(palette.selBg)
	s.Focused = base.Bold(true).Foreground(palette.accent)
	s.Label = base.Foreground(palette.muted)
	s.Saved = base.Foreground(palette.good)
	s.Error = base.Bold(true).Foreground(palette.bad)
	s.Warn = base.Foreground(palette.warn)
	s.Rule = base.Foreground(palette.muted)
	s.Key = base.Bold(true)
	s.Modal = base.Foreground(palette.text)
	s.Result.Unassessed = base.Foreground(palette.muted)
	s.Result.Pass = base.Foreground(palette.good)
	s.Result.Partial = base.Foreground(palette.warn)
	s.Result.Fail = base.Foreground(palette.bad)
	s.Result.NA = base.Foreground(palette.muted)
	s.Status.Draft = base.Foreground(palette.warn)
	s.Status.Finalized = base.Foreground(palette.good)
	s.Input.Prompt = base.Foreground(palette.accent)
	s.Input.Text = base.Foreground(palette.text)
	s.Input.Placeholder = base.Foreground(palette.muted)
	s.Input.Cursor = base.Foreground(palette.accent)
	return s
}
