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

// runTUI runs the interactive app on the database at path, which it opens
// while the first frame is drawn (ui.Opening). Nothing is written to the
// terminal while the app runs; errors before and after are.
func runTUI(env *cli.Env, path string) int {
	ctx, cancel := context.WithCancel(env.Ctx)
	defer cancel()
	var opened openedDB
	done := make(chan struct{})
	go func() {
		defer close(done)
		opened = openForTUI(ctx, env, path)
	}()
	// The terminal is read through termin, which never ends a read inside
	// a letter's bytes (Bubble Tea v1 loses such letters).
	in, closeIn, err := termin.Open()
	if err != nil {
		cancel()
		<-done
		return env.Fatal(errors.Join(fmt.Errorf("run the app: %w", err), opened.close()))
	}
	defer func() {
		if err := closeIn(); err != nil {
			env.Log.Error("close the terminal", "err", err)
		}
	}()
	open := func() (ui.Deps, error) {
		<-done
		return opened.deps, opened.err
	}
	p := tea.NewProgram(ui.Opening(env.Global.Lang, open), tea.WithAltScreen(), tea.WithContext(env.Ctx), tea.WithInput(in),
		// 120 frames a second (the most Bubble Tea draws): a screen that is
		// ready waits at most 8 ms for the next frame, not 17.
		tea.WithFPS(120))
	final, err := p.Run()
	// The app may end before the database has opened (q at once, or a
	// terminal that fails): the opening is stopped and waited for, so the
	// file is closed either way.
	cancel()
	<-done
	if cerr := opened.close(); cerr != nil {
		env.Log.Error("close database", "err", cerr)
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return env.Fatal(fmt.Errorf("run the app: %w", err))
	}
	if err := ui.OpenErr(final); err != nil {
		return env.Fatal(err)
	}
	return 0
}

// openedDB is the database the app runs on and what the app is given
// with it, or why it could not be opened.
type openedDB struct {
	db   *store.DB
	deps ui.Deps
	err  error
}

func (o openedDB) close() error {
	if o.db == nil {
		return nil
	}
	return o.db.Close()
}

// openForTUI opens the database and gathers the app's Deps. The integrity
// check of a cleanly closed file runs once the first screen is up (the
// app shows its result), not before it.
func openForTUI(ctx context.Context, env *cli.Env, path string) openedDB {
	db, err := cli.OpenDB(ctx, path, env.Log, store.DeferCheck())
	if err != nil {
		return openedDB{err: err}
	}
	kinds, err := checklists.Kinds()
	if err != nil {
		return openedDB{db: db, err: err}
	}
	abbrevs, err := checklists.Abbreviations()
	if err != nil {
		return openedDB{db: db, err: err}
	}
	lang := env.Global.Lang
	exporter := report.NewExporter(db, report.DefaultExportDir(os.Getenv), lang, kinds)
	return openedDB{db: db, deps: ui.Deps{Store: db, Lang: lang, Log: env.Log, Kinds: kinds, Abbreviations: abbrevs,
		Exporter: exporter, ExportIn: func(dir string) ui.Exporter { return exporter.In(dir) },
		Opener: opener.New(), Importer: db}}
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
