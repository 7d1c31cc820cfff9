package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
	"kiemtra/store"
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
		if err := confirmCreate(env, path); err != nil {
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
		printCommandHelp(env, "demo", "cli.demo.summary", "cli.demo.usage", fs)
		return "", 0
	}
	err := parseFlags(env.T, fs, args)
	if err == nil && fs.NArg() > 0 {
		err = Usage(env.T.T("cli.no_args"))
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "kiemtra demo: %s\n", Message(env.T, err))
		printUsageLine(env.Stderr, env, "demo", "cli.demo.usage")
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

// confirmCreate asks, before the app first starts on a path where there is
// no database, whether to create one there: a mistyped --db or KIEMTRA_DB
// must not silently start an empty database beside the real one. Anything
// but yes (or no answer at all) refuses with ENoDatabase, naming the path.
func confirmCreate(env *Env, path string) error {
	ok, err := store.Exists(path)
	if err != nil || ok {
		return err
	}
	fmt.Fprint(env.Stderr, env.T.T("cli.create.ask", path))
	line, err := readLine(env.Stdin)
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	switch strings.ToLower(strings.TrimSpace(norm.NFC.String(line))) {
	case "c", "có", "co", "y", "yes":
		return nil
	}
	return model.NewError(model.ENoDatabase, nil, path)
}

// readLine reads up to a newline (or the end of input) a byte at a time,
// so that nothing typed after the answer is taken from the app that reads
// the same input next.
func readLine(r io.Reader) (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for range 256 { // an answer is a word; a longer line is no answer
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			b.WriteByte(buf[0])
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return b.String(), nil
}
