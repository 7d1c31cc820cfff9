package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"kiemtra/checklists"
	"kiemtra/internal/safefile"
	"kiemtra/model"
)

func init() {
	Register(Command{Name: "checklist export", Summary: "cli.checklist_export.summary", Usage: "cli.checklist_export.usage", Run: runChecklistExport})
}

// checklistFormats are the formats a checklist is exported in: a workbook
// for the officials who keep the province's table in Excel, and the YAML
// text format.
var checklistFormats = []string{"xlsx", "yaml"}

func runChecklistExport(env *Env, fs *flag.FlagSet) func([]string) error {
	format := fs.String("format", "", env.T.T("cli.checklist_export.flag.format"))
	out := fs.String("out", "", env.T.T("cli.checklist_export.flag.out"))
	force := fs.Bool("force", false, env.T.T("report.cli.flag.force"))
	return func(args []string) (err error) {
		if len(args) != 1 {
			return Usage(env.T.T("cli.checklist_show.need_id"))
		}
		f := strings.ToLower(strings.TrimSpace(*format))
		switch {
		case f == "":
			return Usage(env.T.T("report.cli.need_format", strings.Join(checklistFormats, ", ")))
		case !slices.Contains(checklistFormats, f):
			return Usage(env.T.T("report.cli.bad_format", *format, strings.Join(checklistFormats, ", ")))
		case *out == "":
			return Usage(env.T.T("report.cli.need_out"))
		case *out == "-" && f == "xlsx" && env.StdoutIsTerminal:
			// A workbook is bytes no terminal shows; a pipe or a file is fine.
			return Usage(env.T.T("cli.checklist_export.terminal"))
		}
		opt := safefile.Options{Replace: *force}
		if *out != "-" {
			// Refused now, before anything is read: an existing file
			// without --force, a folder, a device, a link.
			if err := safefile.CheckTarget(*out, opt); err != nil {
				return err
			}
		}
		cl, err := exportedChecklist(env, args[0])
		if err != nil {
			return err
		}
		write := func(w io.Writer) error {
			if f == "xlsx" {
				return checklists.WriteXLSX(w, cl, env.T.Lang)
			}
			return checklists.WriteYAML(w, cl)
		}
		if *out == "-" {
			if err := write(env.Stdout); err != nil {
				return fmt.Errorf("write %s to standard output: %w", cl.Ref(), err)
			}
			// Standard output is the file: the words go to stderr.
			fmt.Fprintln(env.Stderr, env.T.T("cli.checklist_export.done", cl.Ref(), "-"))
			return nil
		}
		if err := safefile.WriteWith(*out, opt, write); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, env.T.T("cli.checklist_export.done", cl.Ref(), *out))
		return nil
	}
}

// exportedChecklist finds ID[@VERSION] among the checklists the database
// holds (the newest version when none is given); where there is no
// database yet, among the built-in ones, so an official can start from a
// built-in checklist on a computer that has never run an inspection.
func exportedChecklist(env *Env, ref string) (cl *model.Checklist, err error) {
	id, version, _ := strings.Cut(strings.TrimSpace(ref), "@")
	db, err := env.OpenExisting()
	if model.ErrorCode(err) == model.ENoDatabase {
		return builtinChecklist(env, ref, id, version)
	}
	if err != nil {
		return nil, err
	}
	defer closeDB(db, &err)
	cl, err = db.Checklist(env.Ctx, id, version)
	if errors.Is(err, model.ErrNotFound) {
		return nil, env.Fail(err, "cli.checklist.not_found", ref)
	}
	return cl, err
}

// builtinChecklist is id at version (the newest if empty) among the
// built-in checklists.
func builtinChecklist(env *Env, ref, id, version string) (*model.Checklist, error) {
	cls, err := checklists.Builtin()
	if err != nil {
		return nil, err
	}
	var best *model.Checklist
	for _, c := range cls {
		if c.ID != id || version != "" && c.Version != version {
			continue
		}
		if best == nil || model.CodeLess(best.Version, c.Version) {
			best = c
		}
	}
	if best == nil {
		return nil, env.Fail(model.ErrNotFound, "cli.checklist.not_found", ref)
	}
	return best, nil
}
