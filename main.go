// Command kiemtra is a terminal app for provincial administrative-reform
// (CCHC) inspection teams. main only wires the packages together: it reads
// the global flags, sets up logging, and either hands the command line to
// package cli or opens the store and runs the TUI (ui) on it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/checklists"
	"kiemtra/cli"
	"kiemtra/i18n"
	"kiemtra/internal/opener"
	"kiemtra/internal/termin"
	"kiemtra/report"
	"kiemtra/store"
	"kiemtra/ui"
)

// The parts fit: go build fails when an interface a package declares and
// the type main gives it drift apart.
var (
	_ ui.Store      = (*store.DB)(nil)
	_ ui.Exporter   = (*report.Exporter)(nil)
	_ report.Source = (*store.DB)(nil)
	_ ui.Importer   = (*store.DB)(nil)
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	g, rest, err := cli.ParseGlobal(args, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", cli.Message(i18n.New(g.Lang), err))
		return 2
	}
	log, closeLog, err := openLog(g.LogFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", cli.Message(i18n.New(g.Lang), err))
		return 1
	}
	defer closeLog()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	env := cli.Stdio(ctx, g, log)
	path, status := cli.Start(env, rest)
	if path == "" {
		return status
	}
	return runTUI(env, path)
}

// runTUI opens the database and runs the interactive app on it. Nothing is
// written to the terminal while the app runs; errors before and after are.
func runTUI(env *cli.Env, path string) int {
	// The integrity check of a cleanly closed file runs once the first
	// screen is up (the app shows its result), not before the first frame.
	db, err := cli.OpenDB(env.Ctx, path, env.Log, store.DeferCheck())
	if err != nil {
		return env.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			env.Log.Error("close database", "err", err)
		}
	}()
	kinds, err := checklists.Kinds()
	if err != nil {
		return env.Fatal(err)
	}
	abbrevs, err := checklists.Abbreviations()
	if err != nil {
		return env.Fatal(err)
	}
	lang := env.Global.Lang
	exporter := report.NewExporter(db, report.DefaultExportDir(os.Getenv), lang, kinds)
	app := ui.New(ui.Deps{Store: db, Lang: lang, Log: env.Log, Kinds: kinds, Abbreviations: abbrevs,
		Exporter: exporter, ExportIn: func(dir string) ui.Exporter { return exporter.In(dir) },
		Opener: opener.New(), Importer: db})
	// The terminal is read through termin, which never ends a read inside
	// a letter's bytes (Bubble Tea v1 loses such letters).
	in, closeIn, err := termin.Open()
	if err != nil {
		return env.Fatal(fmt.Errorf("run the app: %w", err))
	}
	defer func() {
		if err := closeIn(); err != nil {
			env.Log.Error("close the terminal", "err", err)
		}
	}()
	p := tea.NewProgram(app.Program(), tea.WithAltScreen(), tea.WithContext(env.Ctx), tea.WithInput(in),
		// 120 frames a second (the most Bubble Tea draws): a screen that is
		// ready waits at most 8 ms for the next frame, not 17.
		tea.WithFPS(120))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return env.Fatal(fmt.Errorf("run the app: %w", err))
	}
	return 0
}

// openLog returns a logger writing to path, or discarding everything when
// path is empty: the TUI owns the terminal, so logs never go there.
func openLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open log %s: %w", path, err)
	}
	// A log that cannot be closed cleanly has nowhere left to say so.
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { _ = f.Close() }, nil
}
