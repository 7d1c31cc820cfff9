package cli

import (
	"flag"
	"fmt"
	"io"
)

// Start does what the command line (after the global flags) asks for. A
// subcommand runs here, and tui is "" with the exit status in status. The
// interactive app is for main to run, since nothing but main imports ui:
// then tui is the database to open it on ("kiemtra", or "kiemtra demo",
// which first creates the demo database if there is none).
func Start(env *Env, args []string) (tui string, status int) {
	switch {
	case len(args) == 0 && !env.Global.Help:
		path, err := env.DBPath()
		if err != nil {
			return "", env.Fatal(err)
		}
		return path, 0
	case len(args) > 0 && args[0] == "demo":
		return startDemo(env, args[1:])
	}
	return "", Run(env, args)
}

// startDemo creates the demo database if needed; with --seed-only it says
// so and stops, else it returns the database for the TUI.
func startDemo(env *Env, args []string) (string, int) {
	fs := flag.NewFlagSet("kiemtra demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seedOnly := fs.Bool("seed-only", false, env.T.T("cli.demo.flag.seed_only"))
	if env.Global.Help {
		fmt.Fprintln(env.Stdout, "kiemtra demo [--seed-only]\n\n"+env.T.T("cli.demo.summary"))
		return "", 0
	}
	if err := parseFlags(env.T, fs, args); err != nil {
		fmt.Fprintf(env.Stderr, "kiemtra demo: %s\n", Message(env.T, err))
		fmt.Fprintf(env.Stderr, "%s: kiemtra demo [--seed-only]\n", env.T.T("cli.usage"))
		return "", 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "kiemtra demo: %s\n", env.T.T("cli.no_args"))
		fmt.Fprintf(env.Stderr, "%s: kiemtra demo [--seed-only]\n", env.T.T("cli.usage"))
		return "", 2
	}
	path, err := env.DemoPath()
	if err != nil {
		return "", env.Fatal(err)
	}
	created, err := DemoDB(env.Ctx, path, env.Log)
	if err != nil {
		return "", env.Fatal(err)
	}
	if !*seedOnly {
		return path, 0
	}
	if created {
		fmt.Fprintln(env.Stdout, env.T.T("cli.demo.created", path))
	} else {
		fmt.Fprintln(env.Stdout, env.T.T("cli.demo.exists", path))
	}
	return "", 0
}
