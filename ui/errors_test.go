package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// rawCause is the driver's own English text behind every error here: it
// must never reach the screen.
const rawCause = "sqlite3: raw driver text"

// codedError is err of code as the store and its companions return it:
// wrapped with context, params and an English cause.
func codedError(code model.Code) error {
	return fmt.Errorf("save finding 1.1.1: %w", model.NewError(code, errors.New(rawCause), "P-one", "P-two", "P-three"))
}

// faultyStore is the real store whose SaveFinding fails with *err.
type faultyStore struct {
	*store.DB
	err *error
}

func (f faultyStore) SaveFinding(ctx context.Context, fd model.Finding) (model.Finding, error) {
	if *f.err != nil {
		return fd, *f.err
	}
	return f.DB.SaveFinding(ctx, fd)
}

// faultyWorld is an importer and an exporter that fail with *err, and an
// import that refuses its one file with it.
type faultyWorld struct{ err *error }

func (f faultyWorld) ExportDir() string { return "exports" }

func (f faultyWorld) ExportUnit(context.Context, string, string) (string, error) { return "", *f.err }

func (f faultyWorld) ExportConclusion(context.Context, string, string) (string, error) {
	return "", *f.err
}

func (f faultyWorld) ExportReport(context.Context, string, string) (string, error) { return "", *f.err }

func (f faultyWorld) ReportNarrative(context.Context, string) (model.Narrative, error) {
	return model.Narrative{}, *f.err
}

func (f faultyWorld) ExportSummary(context.Context, string, string) (string, error) {
	return "", *f.err
}

func (f faultyWorld) ImportPath(_ context.Context, path string) (model.ImportOutcome, error) {
	if strings.HasSuffix(path, "refused.ktb") {
		return model.ImportOutcome{Files: []model.ImportedFile{{File: path, Err: *f.err}}}, nil
	}
	return model.ImportOutcome{}, *f.err
}

func (f faultyWorld) ConflictViews(context.Context) ([]model.ConflictView, error) { return nil, nil }

func (f faultyWorld) ResolveConflict(context.Context, string, string, model.Content) (model.Finding, error) {
	return model.Finding{}, *f.err
}

// requireNoRawText checks the screen shows no catalogue key and none of
// the error's own text.
func requireNoRawText(t *testing.T, a App, err error) {
	t.Helper()
	s := screen(a)
	for _, raw := range []string{"[e.", "[ui.", rawCause, "save finding", err.Error()} {
		if strings.Contains(s, raw) {
			t.Fatalf("%s: the screen shows %q:\n%s", model.ErrorCode(err), raw, s)
		}
	}
}

// TestEveryErrorInTheCatalogueWords sends an error of every code through
// each way the screens show one: a save, an export, an import, a file
// refused by an import. Each reads as the catalogue's words for its code,
// in Vietnamese and in English, with the error's params, and nothing of
// the error's own text.
func TestEveryErrorInTheCatalogueWords(t *testing.T) {
	t.Parallel()
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			tr := i18n.New(lang)
			fault := codedError(model.Codes[0])
			db := openStore(t, true, "Nguyễn Thị Hương")
			deps := testDeps(t, faultyStore{db, &fault}, lang)
			deps.Exporter, deps.Importer = faultyWorld{&fault}, faultyWorld{&fault}
			a := startApp(t, deps, 300, 50)
			a = openDemoUnit(t, a, "SYT")
			code := cursorItem(a).Code
			a = keys(t, a, "4") // a change whose save fails; ctrl+s retries it
			for _, c := range model.Codes {
				fault = codedError(c)
				words := tr.Err(fault)
				if strings.Contains(words, "[e.") {
					t.Fatalf("%s: no words in the catalogue: %q", c, words)
				}
				if !strings.Contains(words, "P-one") && strings.Contains(tr.Code(c, "X"), "X") {
					t.Fatalf("%s: the params are not shown: %q", c, words)
				}

				// A save: ctrl+s on the checklist retries the failed item.
				b := keys(t, a, "ctrl+s")
				requireStatus(t, b, "✗ "+tr.T("ui.save.failed", code, words))
				requireNoRawText(t, b, fault)

				// An export from the start screen.
				b = keys(t, a, "esc", "x", "enter")
				requireStatus(t, b, "✗ "+tr.T("ui.export.failed", words))
				requireNoRawText(t, b, fault)

				// An import refused as a whole, then one refused file.
				b = keys(t, a, "esc", "i", "/media/usb", "enter")
				requireStatus(t, b, "✗ "+tr.T("ui.import.failed", words))
				requireNoRawText(t, b, fault)
				b = keys(t, b, "i", "/media/usb/refused.ktb", "enter")
				if lineWith(screen(b), tr.T("ui.import.file_refused", "refused.ktb", "")) == "" ||
					!strings.Contains(strings.Join(strings.Fields(screen(b)), " "), strings.Join(strings.Fields(words), " ")) {
					t.Fatalf("%s: the refused file is not explained as %q:\n%s", c, words, screen(b))
				}
				requireNoRawText(t, b, fault)
			}
		})
	}
}
