package cli

import (
	"flag"
	"fmt"
	"strings"

	"kiemtra/checklists"
	"kiemtra/model"
	"kiemtra/store"
)

// runUnitRename changes a unit's name or kind on purpose. Adding a unit
// (plan import, the app's form) never does: a code already held names the
// unit it names. Finalized records keep the name and kind they were signed
// with; drafts take the new ones (store.RenameUnit).
func runUnitRename(env *Env, fs *flag.FlagSet) func([]string) error {
	name := fs.String("name", "", env.T.T("cli.unit_rename.flag.name"))
	kind := fs.String("kind", "", env.T.T("cli.unit_rename.flag.kind"))
	return func(args []string) (err error) {
		if len(args) != 1 || strings.TrimSpace(*name) == "" && *kind == "" {
			return Usage(env.T.T("cli.unit_rename.need"))
		}
		kinds, err := checklists.Kinds()
		if err != nil {
			return err
		}
		if *kind != "" {
			var codes []string
			known := false
			for _, k := range kinds {
				codes = append(codes, string(k.Code))
				known = known || string(k.Code) == *kind
			}
			if !known {
				return Usage(env.T.T("cli.unit_rename.bad_kind", *kind, strings.Join(codes, ", ")))
			}
		}
		return env.changeExisting(func(db *store.DB, actor string) error {
			res, err := db.RenameUnit(env.Ctx, actor, args[0], *name, model.UnitKind(*kind))
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.T.TN("cli.unit_rename.done", res.Drafts, res.Unit.Code, res.Unit.Name, env.T.Kind(res.Unit.Kind), res.Drafts))
			return nil
		})
	}
}
