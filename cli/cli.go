// Package cli runs kiemtra's subcommands: everything but the interactive
// TUI, which main runs itself (nothing imports ui) on the database Start
// names. Each subcommand is a Command registered from the file of the
// concern it belongs to (commands.go, report.go, sync.go…), so adding a
// command never touches a central switch. errors.go says how their errors
// reach the person.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
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
				return g, nil, Usage(i18n.New(g.Lang).T("cli.flag.needs_value", "--"+name))
			}
			i++
			val = args[i]
		}
		switch name {
		case "db":
			if val == "" {
				return g, nil, Usage(i18n.New(g.Lang).T("cli.flag.needs_value", "--db"))
			}
			g.DB = val
		case "lang":
			l, err := i18n.ParseLang(val)
			if err != nil {
				return g, nil, Usage(i18n.New(g.Lang).T("cli.flag.bad_lang", val))
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
		return runUnknown(env, args)
	}
	fs := flag.NewFlagSet("kiemtra "+c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := c.Run(env, fs)
	if env.Global.Help {
		printCommandHelp(env, c.Name, c.Summary, c.Usage, fs)
		return 0
	}
	err := parseFlags(env.T, fs, rest)
	if err == nil {
		err = run(fs.Args())
	}
	if err == nil {
		return 0
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "kiemtra %s: %s\n", c.Name, ue.Msg)
		printUsageLine(env.Stderr, env, c.Name, c.Usage)
		return 2
	}
	env.Log.Error("command failed", "command", c.Name, "err", err)
	fmt.Fprintf(env.Stderr, "kiemtra %s: %s\n", c.Name, Message(env.T, err))
	return 1
}

// DBPath is the database the command works on.
func (env *Env) DBPath() (string, error) {
	if env.Global.DB != "" {
		return env.Global.DB, nil
	}
	return store.DefaultPath()
}

// OpenDB opens the database, creating it if there is none, and records
// the built-in checklists in it. Only commands that write use it.
func (env *Env) OpenDB() (*store.DB, error) {
	path, err := env.DBPath()
	if err != nil {
		return nil, err
	}
	return OpenDB(env.Ctx, path, env.Log)
}

// OpenExisting opens the database for a command that only reads (or that
// has nothing to work on without one): where there is no database, it says
// so (ENoDatabase, naming the path) and leaves nothing behind, where OpenDB
// would create an empty one at a mistyped path.
func (env *Env) OpenExisting(opts ...store.Option) (*store.DB, error) {
	path, err := env.DBPath()
	if err != nil {
		return nil, err
	}
	return OpenDB(env.Ctx, path, env.Log, append([]store.Option{store.Existing()}, opts...)...)
}

// OpenDB opens the database at path with opts and records the built-in
// checklists. main uses it too, for the TUI, with store.DeferCheck among
// opts. Parsing the built-ins takes tens of milliseconds, so it is skipped
// when the database recorded these very files and still holds what it did
// then.
func OpenDB(ctx context.Context, path string, log *slog.Logger, opts ...store.Option) (*store.DB, error) {
	kinds, err := checklists.Kinds()
	if err != nil {
		return nil, fmt.Errorf("kinds of unit: %w", err)
	}
	db, err := store.Open(ctx, path, append([]store.Option{store.WithLogger(log), store.WithKinds(kinds)}, opts...)...)
	if err != nil {
		return nil, err
	}
	fp, _, err := checklists.BuiltinFingerprint()
	if err != nil {
		return nil, errors.Join(fmt.Errorf("built-in checklists: %w", err), db.Close())
	}
	if held, err := db.BuiltinsRecorded(ctx, fp); err != nil {
		return nil, errors.Join(err, db.Close())
	} else if held {
		return db, nil
	}
	cls, err := checklists.Builtin()
	if err != nil {
		return nil, errors.Join(fmt.Errorf("built-in checklists: %w", err), db.Close())
	}
	if _, err := db.AddChecklists(ctx, true, cls...); err != nil {
		return nil, errors.Join(fmt.Errorf("record the built-in checklists: %w", err), db.Close())
	}
	if !db.ReadOnly() {
		if err := db.RecordBuiltins(ctx, fp); err != nil {
			return nil, errors.Join(err, db.Close())
		}
	}
	return db, nil
}

// changeExisting runs do on the database, which must exist (OpenExisting),
// as the inspector recorded there (Inspector): what every command that
// changes records does first. The database is closed after, as closeDB
// does.
func (env *Env) changeExisting(do func(db *store.DB, actor string) error) (err error) {
	db, err := env.OpenExisting()
	if err != nil {
		return err
	}
	defer closeDB(db, &err)
	actor, err := env.Inspector(db)
	if err != nil {
		return err
	}
	return do(db, actor)
}

// closeDB closes a command's database when the command ends; a failure to
// close (the last writes are checkpointed then) fails the command unless
// it failed already.
func closeDB(db *store.DB, err *error) {
	if cerr := db.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("close the database: %w", cerr)
	}
}

// Inspector returns the configured inspector name, or an error telling how
// to set it.
func (env *Env) Inspector(db *store.DB) (string, error) {
	name, err := db.Setting(env.Ctx, store.SettingInspector)
	if err != nil {
		return "", err
	}
	if name == "" {
		return "", model.NewError(model.ENoInspector, nil)
	}
	return name, nil
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
