package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"kiemtra/model"
	"kiemtra/store"
)

// runUnitRemove takes a unit off an inspection (added by mistake), as d
// does on the app's start screen: refused while its visit holds findings
// or is finalized; audited, and it travels in bundles. Adding the unit
// again in the app brings it back.
func runUnitRemove(env *Env, fs *flag.FlagSet) func([]string) error {
	insp := fs.String("inspection", "", env.T.T("report.cli.flag.inspection"))
	return func(args []string) (err error) {
		if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
			return Usage(env.T.T("cli.unit_remove.need"))
		}
		return env.changeExisting(func(db *store.DB, actor string) error {
			in, err := findInspection(env, db, *insp)
			if err != nil {
				return err
			}
			code := strings.ToUpper(strings.TrimSpace(args[0]))
			a, err := db.AssessmentOf(env.Ctx, in.ID, code)
			if err == nil && a.Removed { // off the inspection already
				err = model.ErrNotFound
			}
			if errors.Is(err, model.ErrNotFound) {
				return env.Fail(err, "report.cli.unit_absent", code, in.Title)
			}
			if err != nil {
				return err
			}
			if err := db.RemoveVisit(env.Ctx, actor, a.ID); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.T.T("cli.unit_remove.done", code, in.Title))
			return nil
		})
	}
}

// runInspectionRemove takes an inspection off the list (created twice),
// as d does on the app's start screen: refused while any of its units
// holds findings; audited, and it travels in bundles.
func runInspectionRemove(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
			return Usage(env.T.T("cli.inspection_remove.need"))
		}
		return env.changeExisting(func(db *store.DB, actor string) error {
			in, err := findInspection(env, db, args[0])
			if err != nil {
				return err
			}
			if in.Removed { // off the list already
				return env.Fail(model.ErrNotFound, "cli.inspection.not_found", args[0])
			}
			if err := db.RemoveInspection(env.Ctx, actor, in.ID); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.T.T("cli.inspection_remove.done", in.Title, in.ID))
			return nil
		})
	}
}
