package ui

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Formats of the exported documents, in the order offered (the first is
// the default): a record is printed and signed, so HTML (print from the
// browser) comes first; a summary is worked on in a spreadsheet.
var (
	unitFormats    = []string{"html", "xlsx", "md"}
	summaryFormats = []string{"xlsx", "html", "md", "csv", "json"}
)

// exportDoc is the document an export form writes.
type exportDoc int

const (
	exportUnit exportDoc = iota
	exportSummary
)

// exportTarget is what an export form can write: the unit's record when
// assessmentID is set, the inspection's summary when inspectionID is.
type exportTarget struct {
	assessmentID string
	unitName     string
	inspectionID string
	doc          exportDoc // the document proposed first
}

// exportTimeout bounds one export (a summary of a large inspection as
// XLSX takes a few seconds).
const exportTimeout = 2 * time.Minute

// exportedMsg reports an export: the full path written, or why not.
type exportedMsg struct {
	path string
	err  error
}

func exportCmd(ex Exporter, doc exportDoc, id, format string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), exportTimeout)
		defer cancel()
		var path string
		var err error
		if doc == exportUnit {
			path, err = ex.ExportUnit(ctx, id, format)
		} else {
			path, err = ex.ExportSummary(ctx, id, format)
		}
		return exportedMsg{path: path, err: err}
	}
}

// exportDocs lists the documents of a target in form order.
func (t exportTarget) docs() []exportDoc {
	var d []exportDoc
	if t.assessmentID != "" {
		d = append(d, exportUnit)
	}
	if t.inspectionID != "" {
		d = append(d, exportSummary)
	}
	return d
}

// newExportForm builds the form choosing the document and its format.
// It returns nil when there is nothing to export.
func newExportForm(c *common, t exportTarget) *form {
	docs := t.docs()
	if len(docs) == 0 || c.exporter == nil {
		return nil
	}
	tr := c.t
	f := newForm(c, tr.T("ui.export.title"))
	f.enterSubmits = true
	names := make([]string, len(docs))
	first := 0
	for i, d := range docs {
		if d == exportUnit {
			names[i] = tr.T("ui.export.doc_unit", t.unitName)
		} else {
			names[i] = tr.T("ui.export.doc_summary")
		}
		if d == t.doc {
			first = i
		}
	}
	f.addChoice(tr.T("ui.export.document"), names, first)
	f.addChoice(tr.T("ui.export.format"), formatNames(c, formatsOf(docs[first])), 0)
	f.onChoice = func(f *form, field int) {
		if field == 0 {
			f.fields[1].options = formatNames(c, formatsOf(docs[f.fields[0].choice]))
			f.fields[1].choice = 0
		}
	}
	f.note = tr.T("ui.export.folder", c.exporter.ExportDir())
	f.hint = tr.T("ui.export.hint")
	return f
}

func formatsOf(d exportDoc) []string {
	if d == exportUnit {
		return unitFormats
	}
	return summaryFormats
}

func formatNames(c *common, fs []string) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = c.t.T("ui.export.fmt." + f)
	}
	return out
}

// submitExport starts writing what the export form chose.
func submitExport(c *common, f *form, t exportTarget) tea.Cmd {
	docs := t.docs()
	doc := docs[f.fields[0].choice]
	format := formatsOf(doc)[f.fields[1].choice]
	id := t.assessmentID
	if doc == exportSummary {
		id = t.inspectionID
	}
	c.started = "ui.export.running"
	return exportCmd(c.exporter, doc, id, format)
}

// shortenPath fits a path into w cells by dropping folders from the
// middle, so the file name stays readable: "/home/…/bien-ban-2022-STP.html".
func shortenPath(p string, w int) string {
	if ansi.StringWidth(p) <= w || w <= 0 {
		return p
	}
	sep := string(filepath.Separator)
	parts := strings.Split(p, sep)
	for len(parts) > 2 {
		// Drop the folder after the first part.
		parts = append(parts[:1], parts[2:]...)
		s := parts[0] + sep + "…" + sep + strings.Join(parts[1:], sep)
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return p
}
