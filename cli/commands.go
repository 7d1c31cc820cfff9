package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"kiemtra/checklists"
	"kiemtra/model"
	"kiemtra/store"
)

func init() {
	Register(Command{Name: "checklist list", Summary: "cli.checklist_list.summary", Usage: "cli.checklist_list.usage", Run: runChecklistList})
	Register(Command{Name: "checklist show", Summary: "cli.checklist_show.summary", Usage: "cli.checklist_show.usage", Run: runChecklistShow})
	Register(Command{Name: "checklist validate", Summary: "cli.checklist_validate.summary", Usage: "cli.checklist_validate.usage", Run: runChecklistValidate})
	Register(Command{Name: "checklist add", Summary: "cli.checklist_add.summary", Usage: "cli.checklist_add.usage", Run: runChecklistAdd})
	Register(Command{Name: "inspection list", Summary: "cli.inspection_list.summary", Usage: "cli.json.usage", Run: runInspectionList})
	Register(Command{Name: "inspection remove", Summary: "cli.inspection_remove.summary", Usage: "cli.inspection_remove.usage", Run: runInspectionRemove})
	Register(Command{Name: "unit list", Summary: "cli.unit_list.summary", Usage: "cli.unit_list.usage", Run: runUnitList})
	Register(Command{Name: "unit rename", Summary: "cli.unit_rename.summary", Usage: "cli.unit_rename.usage", Run: runUnitRename})
	Register(Command{Name: "unit remove", Summary: "cli.unit_remove.summary", Usage: "cli.unit_remove.usage", Run: runUnitRemove})
	Register(Command{Name: "plan import", Summary: "cli.plan_import.summary", Usage: "cli.plan_import.usage", Run: runPlanImport})
	Register(Command{Name: "config set", Summary: "cli.config_set.summary", Usage: "cli.config_set.usage", Run: runConfigSet})
	Register(Command{Name: "config get", Summary: "cli.config_get.summary", Usage: "cli.config_get.usage", Run: runConfigGet})
}

// configKeys are the settings a person may set from the command line.
var configKeys = map[string]bool{store.SettingInspector: true}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func runChecklistList(env *Env, fs *flag.FlagSet) func([]string) error {
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	return func(args []string) (err error) {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		infos, err := db.ChecklistInfos(env.Ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, infos)
		}
		for _, c := range infos {
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Version, c.Kind, c.Title, originText(env, c.ChecklistOrigin))
		}
		return nil
	}
}

// originText says where a held checklist came from: built in, or the file
// it was added from (its name and the first digits of its SHA-256) and
// when, in local time.
func originText(env *Env, o model.ChecklistOrigin) string {
	switch {
	case o.Builtin:
		return env.T.T("cli.checklist.origin_builtin")
	case o.File != "":
		return env.T.T("cli.checklist.origin_file", o.File, shortSum(o.SHA256), o.AddedAt.Local().Format("02/01/2006 15:04"))
	}
	return env.T.T("cli.checklist.origin_unknown", o.AddedAt.Local().Format("02/01/2006 15:04"))
}

// shortSum is the first 12 hex digits of a SHA-256, enough to tell two
// copies of a file apart on screen.
func shortSum(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func runChecklistShow(env *Env, fs *flag.FlagSet) func([]string) error {
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	return func(args []string) (err error) {
		if len(args) != 1 {
			return Usage(env.T.T("cli.checklist_show.need_id"))
		}
		id, version, _ := strings.Cut(args[0], "@")
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		cl, err := db.Checklist(env.Ctx, id, version)
		if errors.Is(err, model.ErrNotFound) {
			return env.Fail(err, "cli.checklist.not_found", args[0])
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, cl)
		}
		printChecklist(env, cl)
		return nil
	}
}

func printChecklist(env *Env, cl *model.Checklist) {
	w := env.Stdout
	t := env.T
	fmt.Fprintf(w, "%s  %s@%s  (%s)\n", cl.Title, cl.ID, cl.Version, kindCodes(cl.AllKinds()))
	fmt.Fprintf(w, "%s: %s\n%s: %s\n", t.T("cli.checklist.source"), cl.Source, t.T("cli.checklist.defaults"), cl.Defaults)
	bands := t.T("cli.checklist.no_bands")
	if len(cl.Bands) > 0 {
		var bs []string
		for _, b := range cl.Bands {
			bs = append(bs, t.T("cli.checklist.band", b.Label, t.Points(model.PointsOf(b.MinPercent))))
		}
		bands = strings.Join(bs, "; ")
	}
	fmt.Fprintf(w, "%s: %s\n", t.T("cli.checklist.bands"), bands)
	fmt.Fprintf(w, "%s: %s · %s\n\n", t.T("cli.checklist.max"), t.Points(cl.Max()), t.TN("cli.checklist.n_items", cl.ItemCount()))
	for _, f := range cl.Fields {
		fmt.Fprintf(w, "%s. %s  [%s]\n", f.Code, f.Title, t.Points(f.Max))
		for _, c := range f.Criteria {
			fmt.Fprintf(w, "  %s %s\n", c.Code, c.Title)
			for _, it := range c.Items {
				fmt.Fprintf(w, "    %-8s %s  [%s, %s]\n", it.Code, it.Text, t.Points(it.Max), t.T("checklist.choice.scoring."+string(it.Scoring)))
			}
		}
	}
}

// kindCodes lists kinds by the codes --kind and the files take.
func kindCodes(kinds []model.UnitKind) string {
	codes := make([]string, len(kinds))
	for i, k := range kinds {
		codes[i] = string(k)
	}
	return strings.Join(codes, ", ")
}

func runChecklistValidate(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) == 0 {
			return Usage(env.T.T("cli.need_file"))
		}
		bad := 0
		for _, path := range args {
			cl, err := checklists.LoadFile(path)
			if err != nil {
				bad++
				fmt.Fprintln(env.Stderr, Message(env.T, err))
				continue
			}
			fmt.Fprintln(env.Stdout, env.T.TN("cli.checklist_validate.ok", cl.ItemCount(), path, cl.Ref(), cl.ItemCount(), env.T.Points(cl.Max())))
		}
		if bad > 0 {
			return &Failure{Msg: env.T.TN("cli.checklist_validate.bad", bad)}
		}
		return nil
	}
}

func runChecklistAdd(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) == 0 {
			return Usage(env.T.T("cli.need_file"))
		}
		var files []store.ChecklistFile
		for _, path := range args {
			cl, sum, err := checklists.LoadFileSum(path)
			if err != nil {
				return err
			}
			files = append(files, store.ChecklistFile{Checklist: cl, Name: path, SHA256: sum})
		}
		db, err := env.OpenDB()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		// A changed checklist without a new version is refused with
		// EChecklistChanged, whose words say to give it one.
		n, err := db.AddChecklistFiles(env.Ctx, files...)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, env.T.TN("cli.checklist_add.done", n, n, len(files)-n))
		return nil
	}
}

func runInspectionList(env *Env, fs *flag.FlagSet) func([]string) error {
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	return func(args []string) (err error) {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		ins, err := db.Inspections(env.Ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if ins == nil {
				ins = []model.Inspection{}
			}
			return writeJSON(env.Stdout, ins)
		}
		for _, in := range ins {
			fmt.Fprintf(env.Stdout, "%s\t%d\t%s\t%s\n", in.ID, in.Year, in.Title, in.Plan)
		}
		return nil
	}
}

// UnitRow is one line of `unit list --json`.
type UnitRow struct {
	model.Unit
	Inspection   string           `json:"inspection_id,omitempty"`
	AssessmentID string           `json:"assessment_id,omitempty"`
	Date         model.Date       `json:"date,omitempty"`
	Status       model.Status     `json:"status,omitempty"`
	Checklist    string           `json:"checklist,omitempty"`
	Score        *model.Scorecard `json:"scorecard,omitempty"`
}

func runUnitList(env *Env, fs *flag.FlagSet) func([]string) error {
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	inspection := fs.String("inspection", "", env.T.T("cli.flag.inspection"))
	return func(args []string) (err error) {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		var rows []UnitRow
		if *inspection == "" {
			units, err := db.Units(env.Ctx)
			if err != nil {
				return err
			}
			for _, u := range units {
				rows = append(rows, UnitRow{Unit: u})
			}
		} else {
			in, err := findInspection(env, db, *inspection)
			if err != nil {
				return err
			}
			ovs, err := db.Overviews(env.Ctx, in.ID)
			if err != nil {
				return err
			}
			for _, o := range ovs {
				sc := o.Scorecard
				rows = append(rows, UnitRow{Unit: o.Unit, Inspection: in.ID, AssessmentID: o.Assessment.ID, Date: o.Assessment.Date,
					Status: o.Assessment.Status, Checklist: o.Checklist.Ref(), Score: &sc})
			}
		}
		if *asJSON {
			if rows == nil {
				rows = []UnitRow{}
			}
			return writeJSON(env.Stdout, rows)
		}
		for _, r := range rows {
			if r.Score == nil {
				fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", r.Code, r.Kind, r.Name)
				continue
			}
			// The score over the adjusted maximum, and the percentage of it,
			// as the app and the documents show them.
			o := r.Score.Overall
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\t%d/%d\t%s/%s\t%s%%\t%s\n", r.Code, r.Kind, r.Name, r.Date.VN(),
				o.Answered, o.Total, env.T.Points(o.Score), env.T.Points(o.AdjustedMax), env.T.Percent(o.Percent()), env.T.T("status."+string(r.Status)))
		}
		return nil
	}
}

// findInspection resolves an ID or prefix with a message a person can act on.
func findInspection(env *Env, db *store.DB, ref string) (model.Inspection, error) {
	in, err := db.FindInspection(env.Ctx, ref)
	switch {
	case errors.Is(err, model.ErrNotFound) && ref == "":
		return in, env.Fail(err, "cli.inspection.none")
	case errors.Is(err, model.ErrNotFound):
		return in, env.Fail(err, "cli.inspection.not_found", ref)
	case errors.Is(err, store.ErrAmbiguous):
		return in, model.NewError(model.EAmbiguous, err, ref)
	}
	return in, err
}

func runPlanImport(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) != 1 {
			return Usage(env.T.T("cli.need_file"))
		}
		plan, err := checklists.LoadPlan(args[0])
		if err != nil {
			return err
		}
		path, err := env.DBPath()
		if err != nil {
			return err
		}
		existed, err := store.Exists(path)
		if err != nil {
			return err
		}
		_, serr := os.Stat(filepath.Dir(path))
		folderExisted := serr == nil
		db, err := env.OpenDB()
		if err != nil {
			return err
		}
		if !existed {
			// A plan refused on a new path leaves no empty database there
			// (removed once closed: deferred calls run last first).
			defer func() {
				if err != nil {
					err = errors.Join(err, removeDB(path))
				}
				if err != nil && !folderExisted {
					// Only an empty folder goes; one that filled meanwhile stays.
					if rerr := os.Remove(filepath.Dir(path)); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
						env.Log.Warn("remove the folder made for a refused plan", "err", rerr)
					}
				}
			}()
		}
		defer closeDB(db, &err)
		actor, err := db.Setting(env.Ctx, store.SettingInspector)
		if err != nil {
			return err
		}
		if actor == "" {
			actor = "plan import"
		}
		res, err := db.ImportPlan(env.Ctx, actor, plan)
		var ve *store.VisitError
		switch {
		case errors.Is(err, model.ErrNotFound):
			return unknownChecklist(env, db, plan, err)
		case errors.As(err, &ve):
			return env.Fail(err, "cli.plan_import.visit", ve.Unit, env.T.Err(ve.Err))
		case err != nil:
			return err
		}
		fmt.Fprintln(env.Stdout, env.T.T("cli.plan_import.done", res.Inspection.Title, res.Inspection.ID, res.Units, res.New, res.Assessments-res.New))
		return nil
	}
}

// unknownChecklist names the plan's first checklist this database does not
// hold, for the person to add it; err is ImportPlan's refusal.
func unknownChecklist(env *Env, db *store.DB, plan *model.Plan, err error) error {
	for _, v := range plan.Visits {
		_, cerr := db.Checklist(env.Ctx, v.ChecklistID, v.ChecklistVersion)
		if !errors.Is(cerr, model.ErrNotFound) {
			continue
		}
		ref := v.ChecklistID
		if v.ChecklistVersion != "" {
			ref += "@" + v.ChecklistVersion
		}
		return model.NewError(model.EChecklistUnknown, err, ref)
	}
	return err
}

func runConfigSet(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) != 2 {
			return Usage(env.T.T("cli.config_set.need"))
		}
		if !configKeys[args[0]] {
			return Usage(env.T.T("cli.config.unknown", args[0]))
		}
		if strings.TrimSpace(args[1]) == "" {
			return Usage(env.T.T("cli.config_set.empty"))
		}
		db, err := env.OpenDB()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		return db.SetSetting(env.Ctx, args[0], strings.TrimSpace(args[1]))
	}
}

func runConfigGet(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) != 1 {
			return Usage(env.T.T("cli.config_get.need"))
		}
		if !configKeys[args[0]] {
			return Usage(env.T.T("cli.config.unknown", args[0]))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		v, err := db.Setting(env.Ctx, args[0])
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, v)
		return nil
	}
}
