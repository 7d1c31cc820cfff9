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
	keys          globalKeys
	// debounce is how long typing pauses before a note is saved; 0
	// saves only on leaving the field (tests).
	debounce time.Duration
	// frameEvery is how often the screen is drawn while keys come faster
	// (frame.go); 0 draws it after every key (tests).
	frameEvery time.Duration
	// exporter writes documents; nil when the TUI runs without it.
	exporter Exporter
	// importer imports bundles and resolves conflicts; nil hides them.
	importer Importer
	// exportIn is the exporter writing into another folder; opener opens
	// what was written (nil: the form offers no opening); prefs are the
	// export form's remembered choices (export_prefs.go).
	exportIn func(dir string) Exporter
	opener   Opener
	prefs    exportPrefs
	// abbrevs are the field's abbreviations, for search.
	abbrevs []model.Abbreviation
	// inspector is who every change is recorded under; "" before the
	// first launch has asked.
	inspector string
	// drawn is the App's cache of what its frames drew (drawn.go); nil
	// draws everything afresh.
	drawn *drawnCache
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
func (c common) pts(p model.Points) string { return c.t.Points(p) }

// pct formats a percentage as every screen, command and document does
// (two decimals; the caller shows the adjusted maximum it is of).
func (c common) pct(f float64) string { return c.t.Percent(f) + "%" }

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
		return c.t.TN("ui.scoring.binary", i18n.PointsCount(it.Max), c.pts(it.Max))
	case model.ScoringPartial:
		return c.t.TN("ui.scoring.partial", i18n.PointsCount(it.Max), c.pts(it.Max))
	case model.ScoringLevels:
		parts := make([]string, len(it.Levels))
		for i, l := range it.Levels {
			parts[i] = l.Label + " " + c.pts(l.Score)
		}
		return c.t.T("ui.scoring.levels", strings.Join(parts, "; "))
	case model.ScoringDeduction:
		return c.t.T("ui.scoring.deduction", c.pts(it.Max), c.pts(it.PerCase))
	default:
		return c.t.TN("ui.scoring.manual", i18n.PointsCount(it.Max), c.pts(it.Max))
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
func (c common) rule(title string, w int) string { return c.drawn.rule(c, title, w) }

// drawRule draws what rule returns.
func (c common) drawRule(title string, w int) string {
	if w <= 0 {
		return ""
	}
	if title == "" {
		return c.st.Rule.Render(strings.Repeat("─", w))
	}
	// The title is measured once: fit would measure it again, and so
	// would the width of what fit returns.
	t, tw := title, textWidth(title)
	if tw > w {
		t, tw = fit(title, w), w
	}
	rest := w - tw - 1
	if rest < 0 {
		return fit(c.st.Section.Render(t), w)
	}
	return c.st.Section.Render(t) + " " + c.st.Rule.Render(strings.Repeat("─", rest))
}

// errLine is an error as the screens show it: a cross and the words.
func (c common) errLine(text string) string { return c.st.Error.Render("✗ " + text) }

// originText says where a held checklist came from: built in, or the file
// it was added from (its name and the first digits of its SHA-256) and
// when, in local time.
func (c common) originText(o model.ChecklistOrigin) string {
	at := o.AddedAt.Local().Format("02/01/2006 15:04")
	switch {
	case o.Builtin:
		return c.t.T("ui.origin.builtin")
	case o.File != "":
		sum := o.SHA256
		if len(sum) > 8 {
			sum = sum[:8]
		}
		return c.t.T("ui.origin.file", o.File, sum, at)
	}
	return c.t.T("ui.origin.unknown", at)
}
