package cli

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Help is written from the catalogue alone: the commands' summaries and
// usage lines, the flags' descriptions, and the words around them. The
// flag package's own help (PrintDefaults: "-keep int", "(default 10)") is
// English and never shown.

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
	listCommands(env, w, names)
	fmt.Fprintln(w)
	fmt.Fprintln(w, env.T.T("cli.help.global"))
}

// listCommands lines the summaries up after the longest name, two spaces
// at least, so a name never runs into its summary.
func listCommands(env *Env, w io.Writer, names []string) {
	width := 20
	for _, n := range names {
		width = max(width, len(n))
	}
	for _, n := range names {
		fmt.Fprintf(w, "  kiemtra %-*s  %s\n", width, n, env.T.T(commands[n].Summary))
	}
}

// runUnknown answers a command line that names no command: the list of
// commands when it asks for help or names none, the commands of a group
// ("kiemtra report" lists report unit and report summary) when it names
// one without a command of it, else that there is no such command.
func runUnknown(env *Env, args []string) int {
	g, names, rest := group(args)
	switch {
	case g != "" && env.Global.Help:
		fmt.Fprintln(env.Stdout, env.T.T("cli.group.head", g))
		listCommands(env, env.Stdout, names)
		fmt.Fprintln(env.Stdout)
		fmt.Fprintln(env.Stdout, env.T.T("cli.help.global"))
		return 0
	case g != "":
		if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			fmt.Fprintln(env.Stderr, env.T.T("cli.group.unknown", g, rest[0]))
		} else {
			fmt.Fprintln(env.Stderr, env.T.T("cli.group.need", g))
		}
		listCommands(env, env.Stderr, names)
		return 2
	case len(args) == 0 || env.Global.Help:
		PrintHelp(env)
		return 0
	}
	fmt.Fprintln(env.Stderr, env.T.T("cli.unknown", strings.Join(args, " ")))
	fmt.Fprintln(env.Stderr, env.T.T("cli.see_help"))
	return 2
}

// group finds the group of commands args starts with ("report", "keys"):
// its name, its commands, and the arguments after it.
func group(args []string) (string, []string, []string) {
	for n := min(len(args), 2); n >= 1; n-- {
		prefix := strings.Join(args[:n], " ") + " "
		var names []string
		for name := range commands {
			if strings.HasPrefix(name, prefix) {
				names = append(names, name)
			}
		}
		if len(names) > 0 {
			sort.Strings(names)
			return strings.TrimSpace(prefix), names, args[n:]
		}
	}
	return "", nil, args
}

// printUsageLine writes "Cách dùng: kiemtra NAME USAGE".
func printUsageLine(w io.Writer, env *Env, name, usageKey string) {
	fmt.Fprintf(w, "%s: kiemtra %s %s\n", env.T.T("cli.usage"), name, env.T.T(usageKey))
}

// printCommandHelp is a command's --help: its usage line, what it does,
// its flags and the global ones.
func printCommandHelp(env *Env, name, summaryKey, usageKey string, fs *flag.FlagSet) {
	w := env.Stdout
	printUsageLine(w, env, name, usageKey)
	fmt.Fprintf(w, "\n%s\n", env.T.T(summaryKey))
	if lines := flagLines(env, env.T.T(usageKey), fs); len(lines) > 0 {
		fmt.Fprintf(w, "\n%s\n", env.T.T("cli.help.options"))
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, env.T.T("cli.help.global"))
}

// flagLines describes each flag of fs as the global options are
// described: "  --keep N   how many backups to keep (default: 10)". The
// value's name is the one the usage line gives it (--keep N, --format
// md|html|xlsx), so the two never disagree.
func flagLines(env *Env, usage string, fs *flag.FlagSet) []string {
	var left, right []string
	fs.VisitAll(func(f *flag.Flag) {
		l := "--" + f.Name
		if !isBool(f) {
			l += " " + valueName(env, usage, f.Name)
		}
		r := f.Usage
		if d := f.DefValue; d != "" && d != "0" && d != "false" {
			r += " " + env.T.T("cli.help.default", d)
		}
		left, right = append(left, l), append(right, r)
	})
	// A long flag and value (--view summary|shortcomings|…) stands on its
	// own line, so the others' descriptions stay close to them.
	const most = 22
	width := 0
	for _, l := range left {
		if n := utf8.RuneCountInString(l); n <= most {
			width = max(width, n)
		}
	}
	var lines []string
	for i, l := range left {
		n := utf8.RuneCountInString(l)
		if n > most {
			lines = append(lines, "  "+l, strings.Repeat(" ", width+5)+right[i])
			continue
		}
		lines = append(lines, "  "+l+strings.Repeat(" ", width+3-n)+right[i])
	}
	return lines
}

// usageValue finds the value a usage line writes after a flag:
// `--name "NEW NAME"`, `--keep N`, `--format md|html`.
var usageValue = regexp.MustCompile(`--([a-z][a-z-]*)[ =]("[^"]*"|[^\s\[\]|-][^\s\[\]]*)`)

func valueName(env *Env, usage, name string) string {
	for _, m := range usageValue.FindAllStringSubmatch(usage, -1) {
		if m[1] == name {
			return m[2]
		}
	}
	return env.T.T("cli.help.value")
}
