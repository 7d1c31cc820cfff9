package cli

import (
	"flag"
	"fmt"
	"strings"

	"kiemtra/model"
	"kiemtra/store"
)

// kiemtra check reads the whole database, as store.Check does, and says
// which record is damaged and what can be done: restore a finding from its
// signed history (--repair), or, for a damaged history, a backup.

func init() {
	Register(Command{Name: "check", Summary: "sync.check.summary", Usage: "sync.check.usage", Run: runCheck})
}

func runCheck(env *Env, fs *flag.FlagSet) func([]string) error {
	repair := fs.Bool("repair", false, env.T.T("sync.flag.repair"))
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
		rep, err := db.Check(env.Ctx, *repair)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, rep); err != nil {
				return err
			}
		} else {
			printCheck(env, db.Path(), rep)
		}
		if n := len(rep.Integrity) + len(rep.Problems); n > 0 {
			return env.Fail(nil, "sync.check.failed", n)
		}
		return nil
	}
}

// printCheck says what the check found, each problem in the catalogue's
// words, and what to do.
func printCheck(env *Env, path string, rep store.CheckReport) {
	w := env.Stdout
	if rep.Repaired > 0 {
		fmt.Fprintln(w, env.T.T("sync.check.repaired", rep.Repaired))
	}
	if rep.OK() {
		fmt.Fprintln(w, env.T.T("sync.check.ok", rep.Entries, rep.Findings))
		return
	}
	fmt.Fprintln(w, env.T.T("sync.check.found", len(rep.Integrity)+len(rep.Problems), rep.Entries, rep.Findings))
	if len(rep.Integrity) > 0 {
		fmt.Fprintln(w, env.T.T("sync.check.problem", env.T.T("sync.check.integrity", strings.Join(rep.Integrity, "; "))))
	}
	records, history := false, len(rep.Integrity) > 0
	for _, p := range rep.Problems {
		fmt.Fprintln(w, env.T.T("sync.check.problem", env.T.Err(p)))
		if model.ErrorCode(p) == model.EDamagedRecord {
			records = true
		} else {
			history = true
		}
	}
	if records {
		fmt.Fprintln(w, env.T.T("sync.check.repair_hint"))
	}
	if history {
		if n := len(rep.Backups); n > 0 {
			fmt.Fprintln(w, env.T.T("sync.check.backup", rep.Backups[n-1], path))
		} else {
			fmt.Fprintln(w, env.T.T("sync.check.nobackup"))
		}
	}
}
