package cli

import (
	"flag"
	"strconv"
	"strings"

	"kiemtra/i18n"
)

// parseFlags sets a command's flags wherever they stand among its
// arguments, so "checklist show ID --json" works like "checklist show
// --json ID", and leaves the rest as fs.Args(). The flag package never
// parses them itself: each mistake (an unknown flag, a missing or wrong
// value) is found here and said in the person's words, naming the flag as
// it was typed, where the package's own messages are English text.
func parseFlags(t i18n.Catalog, fs *flag.FlagSet, args []string) error {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || len(a) == 1 {
			pos = append(pos, a)
			continue
		}
		typed, val, hasVal := strings.Cut(a, "=")
		name := strings.TrimLeft(typed, "-")
		f := fs.Lookup(name)
		if f == nil || strings.HasPrefix(a, "---") {
			return Usage(t.T("cli.flag.unknown", typed))
		}
		switch {
		case isBool(f) && !hasVal:
			val = "true"
		case isBool(f):
			if _, err := strconv.ParseBool(val); err != nil {
				return Usage(t.T("cli.flag.bad_value", typed, val))
			}
		case hasVal:
		case i+1 < len(args):
			i++
			val = args[i]
		default:
			return Usage(t.T("cli.flag.needs_value", typed))
		}
		if err := fs.Set(name, val); err != nil {
			return Usage(badValue(t, f, typed, val))
		}
	}
	// "--" first: every positional argument stays one, even one that
	// starts with a dash (a file named "-x.yaml").
	if err := fs.Parse(append([]string{"--"}, pos...)); err != nil {
		return Usage(t.T("cli.flag.bad"))
	}
	return nil
}

// badValue says why a flag refused its value, by the kind of value it
// takes.
func badValue(t i18n.Catalog, f *flag.Flag, typed, val string) string {
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case int, int64, uint, uint64:
			return t.T("cli.flag.not_integer", typed, val)
		}
	}
	return t.T("cli.flag.bad_value_any", typed, val)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
