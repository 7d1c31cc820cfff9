package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"strings"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/internal/safefile"
	"kiemtra/model"
	"kiemtra/store"
)

func init() {
	Register(Command{Name: "selfassess template", Summary: "cli.self_template.summary", Usage: "cli.self_template.usage",
		Run: runSelfTemplate})
	Register(Command{Name: "selfassess import", Summary: "cli.self_import.summary", Usage: "cli.self_import.usage",
		Run: runSelfImport})
}

// runSelfTemplate writes the workbook a unit scores itself in.
func runSelfTemplate(env *Env, fs *flag.FlagSet) func([]string) error {
	unit := fs.String("unit", "", env.T.T("report.cli.flag.unit"))
	insp := fs.String("inspection", "", env.T.T("report.cli.flag.inspection"))
	out := fs.String("out", "", env.T.T("report.cli.flag.out"))
	force := fs.Bool("force", false, env.T.T("report.cli.flag.force"))
	return func(args []string) (err error) {
		switch {
		case len(args) > 0:
			return Usage(env.T.T("cli.no_args"))
		case strings.TrimSpace(*unit) == "":
			return Usage(env.T.T("report.cli.need_unit"))
		case *out == "" || *out == "-":
			return Usage(env.T.T("cli.self_template.need_out"))
		}
		opts := safefile.Options{Replace: *force}
		if err := safefile.CheckTarget(*out, opts); err != nil {
			return err
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
		code := strings.ToUpper(strings.TrimSpace(*unit))
		a, err := db.AssessmentOf(env.Ctx, in.ID, code)
		if errors.Is(err, model.ErrNotFound) {
			return env.Fail(err, "report.cli.unit_absent", code, in.Title)
		}
		if err != nil {
			return err
		}
		u, err := db.UnitByCode(env.Ctx, code)
		if err != nil {
			return err
		}
		cl, err := db.Checklist(env.Ctx, a.ChecklistID, a.ChecklistVersion)
		if err != nil {
			return err
		}
		held, err := db.SelfScores(env.Ctx, a.ID)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		t := checklists.SelfTemplate{Inspection: in, Unit: a.UnitAsVisited(u), Checklist: cl, Held: held}
		if err := checklists.WriteSelfAssessment(&buf, t, env.T.Lang); err != nil {
			return err
		}
		if err := safefile.Write(*out, buf.Bytes(), opts); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, env.T.TN("cli.self_template.done", cl.ItemCount(), cl.ItemCount(), *out, t.Unit.Name))
		return nil
	}
}

// runSelfImport loads a workbook the unit filled in into its assessment.
func runSelfImport(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) != 1 {
			return Usage(env.T.T("cli.need_file"))
		}
		sheet, err := checklists.LoadSelfAssessment(args[0])
		if err != nil {
			return err
		}
		return env.changeExisting(func(db *store.DB, actor string) error {
			in, err := db.Inspection(env.Ctx, sheet.InspectionID)
			if errors.Is(err, model.ErrNotFound) {
				return sheet.Problem("inspection", "selfassess.no_inspection", sheet.InspectionID)
			}
			if err != nil {
				return err
			}
			a, err := db.AssessmentOf(env.Ctx, in.ID, sheet.UnitCode)
			if errors.Is(err, model.ErrNotFound) {
				return sheet.Problem("unit", "selfassess.no_unit", sheet.UnitCode, in.Title)
			}
			if err != nil {
				return err
			}
			cl, err := db.Checklist(env.Ctx, a.ChecklistID, a.ChecklistVersion)
			if err != nil {
				return err
			}
			scores, err := sheet.Scores(cl)
			if err != nil {
				return err
			}
			res, err := db.SaveSelfScores(env.Ctx, actor, a.ID, scores)
			if err != nil {
				return err
			}
			rec, err := db.UnitRecord(env.Ctx, a.ID, nil)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.T.T("cli.self_import.done", rec.Unit.Name, in.Title, res.Saved, res.Unchanged, res.Cleared))
			if o := rec.SelfComparison().Overall; o.Compared > 0 {
				fmt.Fprintln(env.Stdout, env.T.T("cli.self_import.diff", o.Compared, o.Self.Format(decimal(env)), o.Verified.Format(decimal(env)),
					signed(o.Diff(), decimal(env))))
			}
			return nil
		})
	}
}

// decimal is the decimal separator of the person's language.
func decimal(env *Env) byte {
	if env.T.Lang == i18n.EN {
		return '.'
	}
	return ','
}

// signed is a difference with its sign: "+1,5", "-0,25", "0".
func signed(p model.Points, sep byte) string {
	if p > 0 {
		return "+" + p.Format(sep)
	}
	return p.Format(sep)
}
