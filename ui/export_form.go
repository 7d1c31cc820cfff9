package ui

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Formats of the exported documents, in the order offered (the first is
// the default): the documents a team signs are edited and filed in Word
// before signing, so Word comes first, then HTML (print from the
// browser); a summary is worked on in a spreadsheet.
var (
	unitFormats       = []string{"docx", "html", "md", "xlsx"}
	conclusionFormats = []string{"docx", "html", "md"}
	reportFormats     = []string{"docx", "html", "md"}
	summaryFormats    = []string{"xlsx", "html", "md", "csv", "json"}
)

// exportDoc is the document an export form writes.
type exportDoc int

const (
	exportUnit       exportDoc = iota // one unit's biên bản
	exportSummary                     // the inspection's summary
	exportConclusion                  // one unit's thông báo kết luận (once finalized)
	exportReport                      // the inspection's báo cáo kết quả kiểm tra
)

func (d exportDoc) String() string {
	return [...]string{"unit", "summary", "conclusion", "report"}[d]
}

// exportTarget is what an export form can write: the unit's biên bản (and
// its thông báo once finalized) when assessmentID is set, the
// inspection's báo cáo and summary when inspectionID is.
type exportTarget struct {
	assessmentID string
	unitName     string
	finalized    bool
	inspectionID string
	doc          exportDoc // the document proposed first
}

// docs lists the documents of a target in form order.
func (t exportTarget) docs() []exportDoc {
	var d []exportDoc
	if t.assessmentID != "" {
		d = append(d, exportUnit)
		if t.finalized {
			d = append(d, exportConclusion)
		}
	}
	if t.inspectionID != "" {
		d = append(d, exportReport, exportSummary)
	}
	return d
}

// id is the record the document is made from.
func (t exportTarget) id(d exportDoc) string {
	if d == exportUnit || d == exportConclusion {
		return t.assessmentID
	}
	return t.inspectionID
}

// exportForm chooses a document and its format and starts writing it
// (from the start screen and the unit summary). Its zero value is closed.
type exportForm struct {
	open   bool
	target exportTarget
	form   form
}

// newExportForm opens the form for t; ok is false when there is nothing
// to export (no exporter, or no document).
func newExportForm(c common, t exportTarget) (m exportForm, ok bool) {
	docs := t.docs()
	if len(docs) == 0 || c.exporter == nil {
		return exportForm{}, false
	}
	tr := c.t
	f := newForm(c, tr.T("ui.export.title"))
	f.enterSubmits = true
	names := make([]string, len(docs))
	first := 0
	for i, d := range docs {
		switch d {
		case exportUnit:
			names[i] = tr.T("ui.export.doc_unit", t.unitName)
		case exportConclusion:
			names[i] = tr.T("ui.export.doc_conclusion", t.unitName)
		case exportReport:
			names[i] = tr.T("ui.export.doc_report")
		case exportSummary:
			names[i] = tr.T("ui.export.doc_summary")
		}
		if d == t.doc {
			first = i
		}
	}
	f = f.withChoice(tr.T("ui.export.document"), names, first)
	f = f.withChoice(tr.T("ui.export.format"), formatNames(c, formatsOf(docs[first])), 0)
	f.onChoice = func(f form, field int) form {
		if field == 0 {
			f.fields[1].options = formatNames(c, formatsOf(docs[f.fields[0].choice]))
			f.fields[1].choice = 0
		}
		return f
	}
	dir := c.prefs.dir
	if dir == "" {
		dir = c.exporter.ExportDir()
	}
	f = f.withInput(tr.T("ui.export.folder_field"), dir, c.exporter.ExportDir())
	if c.opener != nil {
		f = f.withChoice(tr.T("ui.export.open"), []string{tr.T("ui.export.open_nothing"), tr.T("ui.export.open_file"),
			tr.T("ui.export.open_folder")}, int(c.prefs.open))
	}
	f.note = tr.T("ui.export.never_replaced")
	f.hint = tr.T("ui.export.hint")
	return exportForm{open: true, target: t, form: f}, true
}

func formatsOf(d exportDoc) []string {
	switch d {
	case exportUnit:
		return unitFormats
	case exportConclusion:
		return conclusionFormats
	case exportReport:
		return reportFormats
	default:
		return summaryFormats
	}
}

func formatNames(c common, fs []string) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = c.t.T("ui.export.fmt." + f)
	}
	return out
}

func (m *exportForm) setSize(w, h int) { m.form.setSize(w, h) }

// update handles a key; enter closes the form and starts the export, esc
// closes it.
func (m exportForm) update(km tea.KeyMsg) (exportForm, tea.Cmd, result) {
	f, cmd, res := m.form.update(km)
	m.form = f
	switch res {
	case formCancel:
		return exportForm{}, nil, result{}
	case formSubmit:
		c := m.form.c
		docs := m.target.docs()
		doc := docs[m.form.choice(0)]
		format := formatsOf(doc)[m.form.choice(1)]
		p := exportPrefs{dir: cleanDir(m.form.value(exportFieldDir))}
		if p.dir == c.exporter.ExportDir() {
			p.dir = "" // the exporter's own folder, wherever it is next time
		}
		var op Opener
		if c.opener != nil {
			p.open, op = exportOpen(m.form.choice(exportFieldOpen)), c.opener
		}
		r := say(c.t.T("ui.export.running"))
		r.prefs = &p
		return exportForm{}, exportCmd(c.exporterIn(p.dir), doc, m.target.id(doc), format, op, p.open), r
	default:
		return m, cmd, result{}
	}
}

func (m exportForm) view() []string { return m.form.view() }

// ShortHelp implements help.KeyMap.
func (m exportForm) ShortHelp() []key.Binding { return m.form.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m exportForm) FullHelp() [][]key.Binding { return m.form.FullHelp() }

// exportTimeout bounds one export (a summary of a large inspection as
// XLSX takes a few seconds).
const exportTimeout = 2 * time.Minute

// The export form's fields, in order (the last only with an Opener).
const (
	exportFieldDoc = iota
	exportFieldFormat
	exportFieldDir
	exportFieldOpen
)

// exportedMsg reports an export: the full path written, or why not; and,
// when it was asked for, why the file or folder could not be opened.
type exportedMsg struct {
	path    string
	err     error
	openErr error
}

// exportCmd writes the document, then opens it or its folder with op as
// open asks.
func exportCmd(ex Exporter, doc exportDoc, id, format string, op Opener, open exportOpen) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), exportTimeout)
		defer cancel()
		var path string
		var err error
		switch doc {
		case exportUnit:
			path, err = ex.ExportUnit(ctx, id, format)
		case exportConclusion:
			path, err = ex.ExportConclusion(ctx, id, format)
		case exportReport:
			path, err = ex.ExportReport(ctx, id, format)
		case exportSummary:
			path, err = ex.ExportSummary(ctx, id, format)
		}
		msg := exportedMsg{path: path, err: err}
		if target := openTarget(path, open); err == nil && op != nil && target != "" {
			msg.openErr = op.Open(target)
		}
		return msg
	}
}

// handleExported shows where the document went, or why it did not: the
// export may have started on any screen.
func (a App) handleExported(msg exportedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		a.status = a.status.fail(a.c.t.T("ui.export.failed", a.c.t.Err(msg.err)))
		a.c.log.Error("export", "err", msg.err)
		return a, nil
	}
	a.c.log.Info("export", "path", msg.path)
	if msg.openErr != nil {
		a.c.log.Warn("open the export", "err", msg.openErr)
		a.status = a.status.fail(a.c.t.T("ui.export.not_opened", msg.path, a.c.t.Err(msg.openErr)))
		return a, nil
	}
	a.status = statusLine{exported: msg.path, savedAt: a.status.savedAt}
	return a, nil
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
