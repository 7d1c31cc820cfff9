package ui

import (
	"log/slog"
	"strings"
	"time"

	"kiemtra/i18n"
	"kiemtra/model"
)

// common is the read-only context every component gets (soft-serve's
// Common): styles, keys, the catalogue, the clock, the store and its
// companions, the inspector's name, and the size of the area the component
// draws in. Each component holds its own copy by value and only its
// setSize changes the size; the pointers and slices it holds are never
// written after New. So no two copies of the App share anything mutable
// through it.
type common struct {
	width, height int
	st            *Styles
	t             i18n.Catalog
	now           func() time.Time
	log           *slog.Logger
	store         Store
	kinds         []model.KindInfo
	checklists    []*model.Checklist
	keys          globalKeys
	// debounce is how long typing pauses before a note is saved; 0
	// saves only on leaving the field (tests).
	debounce time.Duration
	// exporter writes documents; nil when the TUI runs without it.
	exporter Exporter
	// importer imports bundles and resolves conflicts; nil hides them.
	importer Importer
	// abbrevs are the field's abbreviations, for search.
	abbrevs []model.Abbreviation
	// inspector is who every change is recorded under; "" before the
	// first launch has asked.
	inspector string
}

// built reports whether c was made by New (a screen's zero value is not,
// until it is opened).
func (c common) built() bool { return c.st != nil }

// sized is c for an area of w×h cells.
func (c common) sized(w, h int) common {
	c.width, c.height = max(0, w), max(0, h)
	return c
}

// chromeLines are the lines the App draws around a screen: the header,
// the status line and the help line.
const chromeLines = 3

// halfPage is how far a page key moves: half the terminal's height, the
// screen's area plus the App's own lines.
func (c common) halfPage() int { return max(1, (c.height+chromeLines)/2) }

// pts formats a score the way the language writes decimals.
func (c common) pts(p model.Points) string {
	if c.t.Lang == i18n.EN {
		return p.Format('.')
	}
	return p.Format(',')
}

// pct formats a percentage with one decimal.
func (c common) pct(f float64) string {
	s := model.PointsOf(f).Format('.')
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s) > i+2 {
		s = s[:i+2]
	}
	s = strings.TrimSuffix(s, ".0")
	if c.t.Lang != i18n.EN {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + "%"
}

// resultMarker is the result's symbol, styled; the symbol alone tells the
// result apart without colour.
func (c common) resultMarker(r model.Result) string {
	st := c.st.Result
	switch r {
	case model.ResultPass:
		return st.Pass.Render("✓")
	case model.ResultPartial:
		return st.Partial.Render("◐")
	case model.ResultFail:
		return st.Fail.Render("✗")
	case model.ResultNotApplicable:
		return st.NA.Render("–")
	default:
		return st.Unassessed.Render("·")
	}
}

// resultName is the result in words.
func (c common) resultName(r model.Result) string {
	switch r {
	case model.ResultPass:
		return c.t.T("ui.result.pass")
	case model.ResultPartial:
		return c.t.T("ui.result.partial")
	case model.ResultFail:
		return c.t.T("ui.result.fail")
	case model.ResultNotApplicable:
		return c.t.T("ui.result.na")
	default:
		return c.t.T("ui.result.none")
	}
}

// statusName is an assessment status in words, styled.
func (c common) statusName(s model.Status) string {
	if s == model.StatusFinalized {
		return c.st.Status.Finalized.Render("✔ " + c.t.T("ui.status.finalized"))
	}
	return c.st.Status.Draft.Render("✎ " + c.t.T("ui.status.draft"))
}

// kindName is a unit kind's name in the current language.
func (c common) kindName(k model.UnitKind) string {
	for _, ki := range c.kinds {
		if ki.Code == k {
			if c.t.Lang == i18n.EN && ki.NameEN != "" {
				return ki.NameEN
			}
			return ki.Name
		}
	}
	return string(k)
}

// bandName is a classification band's label in the current language.
func (c common) bandName(b model.Band) string {
	if c.t.Lang == i18n.EN && b.LabelEN != "" {
		return b.LabelEN
	}
	if b.Label == "" {
		return "—"
	}
	return b.Label
}

// scoringText explains how an item is scored.
func (c common) scoringText(it model.Item) string {
	switch it.Scoring {
	case model.ScoringBinary:
		return c.t.T("ui.scoring.binary", c.pts(it.Max))
	case model.ScoringPartial:
		return c.t.T("ui.scoring.partial", c.pts(it.Max))
	case model.ScoringLevels:
		parts := make([]string, len(it.Levels))
		for i, l := range it.Levels {
			parts[i] = l.Label + " " + c.pts(l.Score)
		}
		return c.t.T("ui.scoring.levels", strings.Join(parts, "; "))
	default:
		return c.t.T("ui.scoring.manual", c.pts(it.Max))
	}
}

// row renders one list row exactly w cells wide, with the selection marker.
func (c common) row(s string, w int, selected bool) string {
	if selected {
		return c.st.Selected.Render(fit("› "+s, w))
	}
	return fit("  "+s, w)
}

// rule is a horizontal line w cells wide with an optional title.
func (c common) rule(title string, w int) string {
	if w <= 0 {
		return ""
	}
	if title == "" {
		return c.st.Rule.Render(strings.Repeat("─", w))
	}
	t := fit(title, min(w, textWidth(title)))
	rest := w - textWidth(t) - 1
	if rest < 0 {
		return fit(c.st.Section.Render(t), w)
	}
	return c.st.Section.Render(t) + " " + c.st.Rule.Render(strings.Repeat("─", rest))
}

// errLine is an error as the screens show it: a cross and the words.
func (c common) errLine(text string) string { return c.st.Error.Render("✗ " + text) }
