// Package cli runs kiemtra's subcommands: everything but the interactive
// TUI, which main starts itself (nothing imports ui). Each subcommand is a
// Command registered from the file of the concern it belongs to
// (inspections.go, report.go, sync.go…), so adding a command never touches
// a central switch.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// Env is what a command runs with.
type Env struct {
	Ctx    context.Context
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	T      i18n.Catalog
	Log    *slog.Logger
	Global Global
	// StdoutIsTerminal is true when Stdout is an interactive terminal
	// (progress bars are drawn only then).
	StdoutIsTerminal bool
}

// Global holds the flags accepted before or after any subcommand.
type Global struct {
	DB      string // --db or KIEMTRA_DB; "" means the default path
	Lang    i18n.Lang
	LogFile string
	Help    bool
}

// Command is one subcommand.
type Command struct {
	Name    string // "inspection list", "report unit"
	Summary string // i18n key of the one-line summary
	// Usage is the i18n key of the argument synopsis after the name,
	// e.g. "--unit CODE [--inspection ID] --format md|html|xlsx --out PATH".
	Usage string
	// Flags declares the command's flags on fs; the returned function runs
	// the command with the remaining positional arguments.
	Run func(env *Env, fs *flag.FlagSet) func(args []string) error
}

var commands = map[string]Command{}

// Register adds a command; called from init functions.
func Register(c Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: duplicate command " + c.Name)
	}
	commands[c.Name] = c
}

// UsageError is a mistake in how the command was typed (exit status 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef makes a UsageError.
func Usagef(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

// ParseGlobal pulls the global flags out of args wherever they stand and
// returns them with the remaining arguments.
func ParseGlobal(args []string, getenv func(string) string) (Global, []string, error) {
	g := Global{DB: getenv("KIEMTRA_DB"), Lang: i18n.VI}
	if v := getenv("KIEMTRA_LANG"); v != "" {
		if l, err := i18n.ParseLang(v); err == nil {
			g.Lang = l
		}
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			rest = append(rest, a)
			continue
		}
		switch name {
		case "db", "lang", "log":
		case "h", "help":
			g.Help = true
			continue
		default:
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return g, nil, Usagef("--%s needs a value", name)
			}
			i++
			val = args[i]
		}
		switch name {
		case "db":
			if val == "" {
				return g, nil, Usagef("--db needs a path")
			}
			g.DB = val
		case "lang":
			l, err := i18n.ParseLang(val)
			if err != nil {
				return g, nil, Usagef("--lang: %v", err)
			}
			g.Lang = l
		case "log":
			g.LogFile = val
		}
	}
	return g, rest, nil
}

// Lookup finds the longest registered command name that prefixes args
// ("report unit" before "report"), returning it and the rest.
func Lookup(args []string) (Command, []string, bool) {
	for n := min(len(args), 3); n >= 1; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			return c, args[n:], true
		}
	}
	return Command{}, args, false
}

// Run runs the command named by args and returns the process exit status:
// 0 on success, 1 on a user error (one line on stderr), 2 on bad usage.
func Run(env *Env, args []string) int {
	c, rest, ok := Lookup(args)
	if !ok {
		if len(args) > 0 && !env.Global.Help {
			fmt.Fprintln(env.Stderr, env.T.T("cli.unknown", strings.Join(args, " ")))
			fmt.Fprintln(env.Stderr, env.T.T("cli.see_help"))
			return 2
		}
		PrintHelp(env)
		return 0
	}
	fs := flag.NewFlagSet("kiemtra "+c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := c.Run(env, fs)
	if env.Global.Help {
		printCommandHelp(env, c, fs)
		return 0
	}
	if err := fs.Parse(interleave(fs, rest)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandHelp(env, c, fs)
			return 0
		}
		fmt.Fprintf(env.Stderr, "kiemtra %s: %v\n", c.Name, err)
		fmt.Fprintf(env.Stderr, "%s: kiemtra %s %s\n", env.T.T("cli.usage"), c.Name, env.T.T(c.Usage))
		return 2
	}
	err := run(fs.Args())
	if err == nil {
		return 0
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "kiemtra %s: %s\n", c.Name, ue.Msg)
		fmt.Fprintf(env.Stderr, "%s: kiemtra %s %s\n", env.T.T("cli.usage"), c.Name, env.T.T(c.Usage))
		return 2
	}
	env.Log.Error("command failed", "command", c.Name, "err", err)
	fmt.Fprintf(env.Stderr, "kiemtra %s: %s\n", c.Name, Explain(env.T, err))
	return 1
}

// interleave moves flags after positional arguments to the front, so
// "checklist show ID --json" works like "checklist show --json ID".
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			name, _, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if f := fs.Lookup(name); f != nil && !hasVal && !isBool(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// PrintHelp lists every command.
func PrintHelp(env *Env) {
	w := env.Stdout
	fmt.Fprintln(w, env.T.T("cli.help.head"))
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  kiemtra %-20s %s\n", n, env.T.T(commands[n].Summary))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, env.T.T("cli.help.global"))
}

func printCommandHelp(env *Env, c Command, fs *flag.FlagSet) {
	w := env.Stdout
	fmt.Fprintf(w, "kiemtra %s %s\n\n%s\n", c.Name, env.T.T(c.Usage), env.T.T(c.Summary))
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintln(w)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, env.T.T("cli.help.global"))
}

// DBPath is the database the command works on.
func (env *Env) DBPath() (string, error) {
	if env.Global.DB != "" {
		return env.Global.DB, nil
	}
	return store.DefaultPath()
}

// OpenDB opens the database and records the built-in checklists in it.
func (env *Env) OpenDB() (*store.DB, error) {
	path, err := env.DBPath()
	if err != nil {
		return nil, err
	}
	return OpenDB(env.Ctx, path, env.Log)
}

// OpenDB opens the database at path and records the built-in checklists.
// main uses it too, for the TUI.
func OpenDB(ctx context.Context, path string, log *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, path, store.WithLogger(log))
	if err != nil {
		return nil, err
	}
	cls, err := checklists.Builtin()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("built-in checklists: %w", err)
	}
	if _, err := db.AddChecklists(ctx, true, cls...); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Inspector returns the configured inspector name, or an error telling how
// to set it.
func (env *Env) Inspector(db *store.DB) (string, error) {
	name, err := db.Setting(env.Ctx, store.SettingInspector)
	if err != nil {
		return "", err
	}
	if name == "" {
		return "", errors.New(env.T.T("cli.no_inspector"))
	}
	return name, nil
}

// Explain turns an error into the one line a person reads: known store and
// model errors get a catalogue message, anything else its own text.
func Explain(t i18n.Catalog, err error) string {
	switch {
	case errors.Is(err, store.ErrDiskFull):
		return t.T("err.disk_full")
	case errors.Is(err, store.ErrReadOnly):
		return t.T("err.read_only")
	case errors.Is(err, store.ErrBusy):
		return t.T("err.busy")
	case errors.Is(err, store.ErrTooNew):
		return t.T("err.too_new", err.Error())
	case errors.Is(err, store.ErrCorrupt):
		return t.T("err.corrupt", err.Error())
	case errors.Is(err, store.ErrNotDatabase):
		return t.T("err.not_database", err.Error())
	case errors.Is(err, model.ErrFinalized):
		return t.T("err.finalized")
	}
	var me *model.Error
	if errors.As(err, &me) {
		return t.Err(err)
	}
	return err.Error()
}

// Stdio returns an Env on the process's standard streams.
func Stdio(ctx context.Context, g Global, log *slog.Logger) *Env {
	return &Env{Ctx: ctx, Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, T: i18n.New(g.Lang), Log: log,
		Global: g, StdoutIsTerminal: isTerminal(os.Stdout)}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Usage makes a UsageError from a finished message.
func Usage(msg string) error { return &UsageError{msg} }
