package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/internal/safefile"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

func init() {
	Register(Command{Name: "report unit", Summary: "report.cli.unit.summary", Usage: "report.cli.unit.usage", Run: runReportUnit})
	Register(Command{Name: "report conclusion", Summary: "report.cli.conclusion.summary", Usage: "report.cli.conclusion.usage",
		Run: runReportConclusion})
	Register(Command{Name: "report inspection", Summary: "report.cli.inspection.summary", Usage: "report.cli.inspection.usage",
		Run: runReportInspection})
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
// --out, before anything is read: a file that would be refused (it exists
// and --force is not given, or it is a folder, a device or a link) is
// refused now.
func (o outputFlags) check(env *Env, allowed []report.Format) (report.Format, error) {
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	list := strings.Join(names, ", ")
	if *o.format == "" {
		return "", Usage(env.T.T("report.cli.need_format", list))
	}
	f, err := report.ParseFormatOf(*o.format, allowed)
	if err != nil {
		return "", Usage(env.T.T("report.cli.bad_format", *o.format, list))
	}
	switch {
	case *o.out == "":
		return "", Usage(env.T.T("report.cli.need_out"))
	case *o.out == "-" && !f.Text():
		return "", Usage(env.T.T("report.cli.binary_stdout", string(f)))
	case *o.out == "-":
		return f, nil
	}
	return f, safefile.CheckTarget(*o.out, o.options())
}

func (o outputFlags) options() safefile.Options { return safefile.Options{Replace: *o.force} }

// write sends the document to stdout or to the file, which ends up with
// all of it or is left as it was, and says where it went.
func (o outputFlags) write(env *Env, data []byte) error {
	if *o.out == "-" {
		if _, err := env.Stdout.Write(data); err != nil {
			return fmt.Errorf("write the document to standard output: %w", err)
		}
		return nil
	}
	if err := safefile.Write(*o.out, data, o.options()); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, env.T.T("report.cli.wrote", *o.out))
	return nil
}

// stream writes what fill writes to --out (atomically, as write does) or
// to standard output, without the whole document in memory first.
func (o outputFlags) stream(env *Env, fill func(w io.Writer) error) error {
	if *o.out == "-" {
		if err := fill(env.Stdout); err != nil {
			return fmt.Errorf("write the document to standard output: %w", err)
		}
		return nil
	}
	if err := safefile.WriteWith(*o.out, o.options(), fill); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, env.T.T("report.cli.wrote", *o.out))
	return nil
}

func runReportUnit(env *Env, fs *flag.FlagSet) func([]string) error {
	return runUnitDocument(env, fs, report.UnitFormats, report.UnitRecord, true)
}

// runReportConclusion writes the thông báo kết luận kiểm tra of a unit,
// which follows its finalized biên bản.
func runReportConclusion(env *Env, fs *flag.FlagSet) func([]string) error {
	return runUnitDocument(env, fs, report.ConclusionFormats, report.Conclusion, false)
}

// runUnitDocument is a command writing one document of a unit's record
// (--unit CODE [--inspection ID]) with render; with files, the record
// can take --with-files DIR and shows pictures of its photos in HTML.
func runUnitDocument(env *Env, fs *flag.FlagSet, formats []report.Format,
	render func(*model.UnitRecord, report.Format, i18n.Lang) ([]byte, error), files bool) func([]string) error {
	var withFiles *string
	if files {
		withFiles = fs.String("with-files", "", env.T.T("cli.evidence.flag.with_files"))
	}
	unit := fs.String("unit", "", env.T.T("report.cli.flag.unit"))
	insp := fs.String("inspection", "", env.T.T("report.cli.flag.inspection"))
	out := addOutputFlags(env, fs)
	return func(args []string) (err error) {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		if strings.TrimSpace(*unit) == "" {
			return Usage(env.T.T("report.cli.need_unit"))
		}
		format, err := out.check(env, formats)
		if err != nil {
			return err
		}
		if withFiles != nil && *withFiles != "" {
			if err := checkFilesDir(*withFiles); err != nil {
				return err
			}
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		in, err := findInspection(env, db, *insp)
		if err != nil {
			return err
		}
		a, err := db.AssessmentOf(env.Ctx, in.ID, *unit)
		if errors.Is(err, model.ErrNotFound) {
			return env.Fail(err, "report.cli.unit_absent", strings.ToUpper(strings.TrimSpace(*unit)), in.Title)
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
		if files && format == report.HTML {
			rec.Thumbnails = thumbnails(env, db, rec.Evidence)
		}
		data, err := render(&rec, format, env.T.Lang)
		if err != nil {
			return err
		}
		if err := out.write(env, data); err != nil {
			return err
		}
		if withFiles == nil || *withFiles == "" {
			return nil
		}
		return writeRecordFiles(env, db, a.ID, *withFiles)
	}
}

// runReportInspection writes the báo cáo kết quả kiểm tra of an
// inspection to the Chủ tịch UBND tỉnh.
func runReportInspection(env *Env, fs *flag.FlagSet) func([]string) error {
	insp := fs.String("inspection", "", env.T.T("report.cli.flag.inspection"))
	out := addOutputFlags(env, fs)
	return func(args []string) (err error) {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		format, err := out.check(env, report.ReportFormats)
		if err != nil {
			return err
		}
		db, err := env.OpenDB()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		in, err := findInspection(env, db, *insp)
		if err != nil {
			return err
		}
		kinds, err := checklists.Kinds()
		if err != nil {
			return err
		}
		d, err := db.ReportData(env.Ctx, kinds, in.ID)
		if err != nil {
			return err
		}
		data, err := report.InspectionReport(&d, format, env.T.Lang)
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
	return func(args []string) (err error) {
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
			var ok bool
			if v, ok = report.ParseView(*view); !ok {
				return Usage(env.T.T("report.cli.bad_view", *view))
			}
		}
		// A summary written to a file is read while the database's
		// integrity check runs beside it, and the file is kept only once
		// the check has passed; one sent down standard output cannot be
		// taken back, so there the check comes first, at open.
		var opts []store.Option
		toFile := *out.out != "-"
		if toFile {
			opts = append(opts, store.DeferCheck())
		}
		db, err := env.OpenExisting(opts...)
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		checked := func(err error) error { return err }
		if toFile {
			result := make(chan error, 1)
			go func() { result <- db.CheckIntegrity(env.Ctx) }()
			var once sync.Once
			var damaged error
			checked = func(err error) error {
				// A damaged file is what to report, whatever else failed.
				once.Do(func() { damaged = <-result })
				if damaged != nil {
					return damaged
				}
				return err
			}
		}
		return checked(summaryOf(env, db, y, *insp, func(s *model.Summary) error {
			return out.stream(env, func(w io.Writer) error {
				return checked(report.WriteSummary(w, s, format, v, env.T.Lang))
			})
		}))
	}
}

// summaryOf gathers the summary of the inspections of year y (or of the
// inspection insp) and hands it to write.
func summaryOf(env *Env, db *store.DB, y int, insp string, write func(*model.Summary) error) error {
	var ids []string
	if y != 0 {
		ins, err := db.InspectionsOfYear(env.Ctx, y)
		if err != nil {
			return err
		}
		if len(ins) == 0 {
			return env.Fail(nil, "report.cli.no_year", y)
		}
		for _, in := range ins {
			ids = append(ids, in.ID)
		}
	} else {
		in, err := findInspection(env, db, insp)
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
	return write(&s)
}
