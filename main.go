// Command kiemtra is a terminal app for provincial administrative-reform
// (CCHC) inspection teams. main only wires the packages together: it reads
// the global flags, sets up logging, and either starts the TUI or hands the
// command line to package cli.
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
	"kiemtra/store"
	"kiemtra/ui"
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	g, rest, err := cli.ParseGlobal(args, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", err)
		return 2
	}
	log, closeLog, err := openLog(g.LogFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", err)
		return 1
	}
	defer closeLog()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	env := cli.Stdio(ctx, g, log)

	switch {
	case len(rest) == 0 && !g.Help:
		path, err := env.DBPath()
		if err != nil {
			fmt.Fprintln(os.Stderr, "kiemtra:", err)
			return 1
		}
		return runTUI(ctx, env, path)
	case len(rest) > 0 && rest[0] == "demo":
		return runDemo(ctx, env, rest[1:])
	}
	return cli.Run(env, rest)
}

// runDemo creates the demo database if needed and opens the app on it.
func runDemo(ctx context.Context, env *cli.Env, args []string) int {
	seedOnly := false
	for _, a := range args {
		switch a {
		case "--seed-only", "-seed-only":
			seedOnly = true
		default:
			fmt.Fprintf(os.Stderr, "kiemtra demo: %s %q\n", env.T.T("cli.unknown_flag"), a)
			return 2
		}
	}
	if env.Global.Help {
		fmt.Fprintln(env.Stdout, "kiemtra demo [--seed-only]\n\n"+env.T.T("cli.demo.summary"))
		return 0
	}
	path, err := env.DemoPath()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", err)
		return 1
	}
	created, err := cli.DemoDB(ctx, path, env.Log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra demo:", cli.Explain(env.T, err))
		return 1
	}
	if seedOnly {
		if created {
			fmt.Fprintln(env.Stdout, env.T.T("cli.demo.created", path))
		} else {
			fmt.Fprintln(env.Stdout, env.T.T("cli.demo.exists", path))
		}
		return 0
	}
	return runTUI(ctx, env, path)
}

// runTUI opens the database and runs the interactive app on it. Nothing is
// written to the terminal while the app runs; errors before and after are.
func runTUI(ctx context.Context, env *cli.Env, path string) int {
	db, err := cli.OpenDB(ctx, path, env.Log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", cli.Explain(env.T, err))
		return 1
	}
	defer db.Close()
	kinds, err := checklists.Kinds()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", err)
		return 1
	}
	builtin, err := checklists.Builtin()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiemtra:", err)
		return 1
	}
	app := ui.New(ui.Deps{Store: db, Lang: env.Global.Lang, Log: env.Log, Kinds: kinds, Checklists: builtin,
		Exporter: cli.NewTUIExporter(db, cli.DefaultExportDir(os.Getenv), env.Global.Lang, kinds),
		Importer: db})
	p := tea.NewProgram(app, tea.WithAltScreen(), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		env.Log.Error("tui", "err", err)
		fmt.Fprintln(os.Stderr, "kiemtra:", err)
		return 1
	}
	return 0
}

// *store.DB is the TUI's Importer: bundles and conflicts speak model types.
var _ ui.Importer = (*store.DB)(nil)

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
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { f.Close() }, nil
}
