package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"kiemtra/checklists"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

func init() {
	Register(Command{Name: "report unit", Summary: "report.cli.unit.summary", Usage: "report.cli.unit.usage", Run: runReportUnit})
	Register(Command{Name: "report summary", Summary: "report.cli.summary.summary", Usage: "report.cli.summary.usage", Run: runReportSummary})
}

// outputFlags are the flags every report command takes.
type outputFlags struct {
	format, out *string
	force       *bool
}

func addOutputFlags(env *Env, fs *flag.FlagSet) outputFlags {
	return outputFlags{
		format: fs.String("format", "", env.T.T("report.cli.flag.format")),
		out:    fs.String("out", "", env.T.T("report.cli.flag.out")),
		force:  fs.Bool("force", false, env.T.T("report.cli.flag.force")),
	}
}

// check validates --format against the formats the document comes in and
// --out, before anything is read.
func (o outputFlags) check(env *Env, allowed []report.Format) (report.Format, error) {
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	list := strings.Join(names, ", ")
	if *o.format == "" {
		return "", Usage(env.T.T("report.cli.need_format", list))
	}
	f, err := report.ParseFormat(*o.format)
	ok := err == nil
	if ok {
		ok = false
		for _, a := range allowed {
			ok = ok || a == f
		}
	}
	if !ok {
		return "", Usage(env.T.T("report.cli.bad_format", *o.format, list))
	}
	if *o.out == "" {
		return "", Usage(env.T.T("report.cli.need_out"))
	}
	if *o.out == "-" && !f.Text() {
		return "", Usage(env.T.T("report.cli.binary_stdout"))
	}
	return f, nil
}

// write sends the document to stdout or, atomically, to the file, and
// says where it went.
func (o outputFlags) write(env *Env, data []byte) error {
	if *o.out == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	if err := report.WriteFileAtomic(*o.out, data, *o.force); err != nil {
		if errors.Is(err, report.ErrExists) {
			return errors.New(env.T.T("report.cli.exists", *o.out))
		}
		return err
	}
	fmt.Fprintln(env.Stdout, env.T.T("report.cli.wrote", *o.out))
	return nil
}

// reportInspection resolves --inspection (empty: the newest) with messages
// that say what to do.
func reportInspection(env *Env, db *store.DB, ref string) (model.Inspection, error) {
	in, err := db.FindInspection(env.Ctx, ref)
	switch {
	case err == nil:
		return in, nil
	case errors.Is(err, model.ErrNotFound) && ref == "":
		return in, errors.New(env.T.T("report.cli.no_inspection"))
	case errors.Is(err, model.ErrNotFound), errors.Is(err, store.ErrAmbiguous):
		return in, fmt.Errorf("%s: %w", env.T.T("report.cli.inspection_absent", ref), err)
	}
	return in, err
}

func runReportUnit(env *Env, fs *flag.FlagSet) func([]string) error {
	unit := fs.String("unit", "", env.T.T("report.cli.flag.unit"))
	insp := fs.String("inspection", "", env.T.T("report.cli.flag.inspection"))
	out := addOutputFlags(env, fs)
	return func(args []string) error {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		if strings.TrimSpace(*unit) == "" {
			return Usage(env.T.T("report.cli.need_unit"))
		}
		format, err := out.check(env, report.UnitFormats)
		if err != nil {
			return err
		}
		db, err := env.OpenDB()
		if err != nil {
			return err
		}
		defer db.Close()
		in, err := reportInspection(env, db, *insp)
		if err != nil {
			return err
		}
		a, err := db.AssessmentOf(env.Ctx, in.ID, *unit)
		if errors.Is(err, model.ErrNotFound) {
			return errors.New(env.T.T("report.cli.unit_absent", strings.ToUpper(strings.TrimSpace(*unit)), in.Title))
		}
		if err != nil {
			return err
		}
		kinds, err := checklists.Kinds()
		if err != nil {
			return err
		}
		rec, err := db.UnitRecord(env.Ctx, a.ID, kinds)
		if err != nil {
			return err
		}
		data, err := report.UnitRecord(&rec, format, env.T.Lang)
		if err != nil {
			return err
		}
		return out.write(env, data)
	}
}

func runReportSummary(env *Env, fs *flag.FlagSet) func([]string) error {
	insp := fs.String("inspection", "", env.T.T("report.cli.flag.inspection"))
	year := fs.String("year", "", env.T.T("report.cli.flag.year"))
	view := fs.String("view", "", env.T.T("report.cli.flag.view"))
	out := addOutputFlags(env, fs)
	return func(args []string) error {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		if *insp != "" && *year != "" {
			return Usage(env.T.T("report.cli.inspection_year"))
		}
		y := 0
		if *year != "" {
			n, err := strconv.Atoi(strings.TrimSpace(*year))
			if err != nil || n < 1990 || n > 2200 {
				return Usage(env.T.T("report.cli.bad_year", *year))
			}
			y = n
		}
		format, err := out.check(env, report.SummaryFormats)
		if err != nil {
			return err
		}
		v := report.ViewSummary
		if *view != "" {
			if format != report.CSV {
				return Usage(env.T.T("report.cli.view_csv_only"))
			}
			if v, err = report.ParseView(*view); err != nil {
				return Usage(err.Error())
			}
		}
		db, err := env.OpenDB()
		if err != nil {
			return err
		}
		defer db.Close()
		var ids []string
		if y != 0 {
			ins, err := db.InspectionsOfYear(env.Ctx, y)
			if err != nil {
				return err
			}
			if len(ins) == 0 {
				return errors.New(env.T.T("report.cli.no_year", y))
			}
			for _, in := range ins {
				ids = append(ids, in.ID)
			}
		} else {
			in, err := reportInspection(env, db, *insp)
			if err != nil {
				return err
			}
			ids = []string{in.ID}
		}
		kinds, err := checklists.Kinds()
		if err != nil {
			return err
		}
		s, err := db.Summary(env.Ctx, kinds, ids...)
		if err != nil {
			return err
		}
		data, err := report.SummaryView(&s, format, v, env.T.Lang)
		if err != nil {
			return err
		}
		return out.write(env, data)
	}
}
