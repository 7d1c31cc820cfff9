package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"kiemtra/internal/safefile"
	"kiemtra/model"
	"kiemtra/store"
)

func init() {
	Register(Command{Name: "evidence add", Summary: "cli.evidence_add.summary", Usage: "cli.evidence_add.usage", Run: runEvidenceAdd})
	Register(Command{Name: "evidence list", Summary: "cli.evidence_list.summary", Usage: "cli.evidence_list.usage", Run: runEvidenceList})
	Register(Command{Name: "evidence export", Summary: "cli.evidence_export.summary", Usage: "cli.evidence_export.usage",
		Run: runEvidenceExport})
	Register(Command{Name: "evidence remove", Summary: "cli.evidence_remove.summary", Usage: "cli.evidence_remove.usage",
		Run: runEvidenceRemove})
}

// runEvidenceAdd attaches files to one finding.
func runEvidenceAdd(env *Env, fs *flag.FlagSet) func([]string) error {
	unit := fs.String("unit", "", env.T.T("cli.evidence.flag.unit"))
	item := fs.String("item", "", env.T.T("cli.evidence.flag.item"))
	insp := fs.String("inspection", "", env.T.T("cli.evidence.flag.inspection"))
	return func(args []string) (err error) {
		switch {
		case len(args) == 0:
			return Usage(env.T.T("cli.evidence_add.need_file"))
		case strings.TrimSpace(*unit) == "":
			return Usage(env.T.T("report.cli.need_unit"))
		case strings.TrimSpace(*item) == "":
			return Usage(env.T.T("cli.evidence.need_item"))
		}
		return env.changeExisting(func(db *store.DB, actor string) error {
			a, in, err := evidenceVisit(env, db, *insp, *unit)
			if err != nil {
				return err
			}
			code := strings.TrimSpace(*item)
			for _, p := range args {
				at, err := db.AttachEvidence(env.Ctx, actor, a.ID, code, p)
				// The visit was just found: what is not found is the item.
				if errors.Is(err, model.ErrNotFound) {
					return env.Fail(err, "cli.evidence.no_item", code, strings.ToUpper(strings.TrimSpace(*unit)))
				}
				if err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, env.T.T("cli.evidence_add.done", at.Name, humanBytes(env.T, at.Size), at.MediaType,
					at.ItemCode, strings.ToUpper(strings.TrimSpace(*unit)), in.Title, model.ShortID(at.ID)))
			}
			return nil
		})
	}
}

// evidenceVisit finds the assessment of unit in the inspection named (the
// only or newest one when ref is "").
func evidenceVisit(env *Env, db *store.DB, ref, unit string) (model.Assessment, model.Inspection, error) {
	in, err := findInspection(env, db, ref)
	if err != nil {
		return model.Assessment{}, in, err
	}
	code := strings.ToUpper(strings.TrimSpace(unit))
	a, err := db.AssessmentOf(env.Ctx, in.ID, code)
	if errors.Is(err, model.ErrNotFound) {
		return a, in, env.Fail(err, "report.cli.unit_absent", code, in.Title)
	}
	return a, in, err
}

// evidenceFilter reads the flags every evidence command but add shares.
type evidenceFlags struct {
	unit, item, insp *string
}

func newEvidenceFlags(env *Env, fs *flag.FlagSet) evidenceFlags {
	return evidenceFlags{
		unit: fs.String("unit", "", env.T.T("cli.evidence.flag.unit")),
		item: fs.String("item", "", env.T.T("cli.evidence.flag.item")),
		insp: fs.String("inspection", "", env.T.T("cli.evidence.flag.inspection")),
	}
}

// filter is what the flags pick; an inspection named must exist.
func (f evidenceFlags) filter(env *Env, db *store.DB) (store.EvidenceFilter, error) {
	out := store.EvidenceFilter{UnitCode: *f.unit, ItemCode: *f.item}
	if strings.TrimSpace(*f.insp) != "" {
		in, err := findInspection(env, db, *f.insp)
		if err != nil {
			return out, err
		}
		out.InspectionID = in.ID
	}
	return out, nil
}

func runEvidenceList(env *Env, fs *flag.FlagSet) func([]string) error {
	fl := newEvidenceFlags(env, fs)
	removed := fs.Bool("removed", false, env.T.T("cli.evidence_list.flag.removed"))
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
		f, err := fl.filter(env, db)
		if err != nil {
			return err
		}
		f.WithRemoved, f.WithPending = *removed, true
		rows, err := db.Evidence(env.Ctx, f)
		if err != nil {
			return err
		}
		if *asJSON {
			if rows == nil {
				rows = []store.EvidenceRow{}
			}
			return writeJSON(env.Stdout, rows)
		}
		if len(rows) == 0 {
			fmt.Fprintln(env.Stdout, env.T.T("cli.evidence_list.none"))
		}
		for _, r := range rows {
			state := ""
			switch {
			case r.Pending:
				state = "\t" + evidenceWaiting(env, r)
			case r.Removed:
				state = "\t" + env.T.T("cli.evidence_list.removed", r.UpdatedBy, env.T.When(r.UpdatedAt.Local()))
			case !r.Received:
				state = "\t" + env.T.T("cli.evidence_list.not_received")
			}
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\t%s\t%s\t%s%s\n", model.ShortID(r.ID), r.UnitCode, r.ItemCode, r.Name,
				humanBytes(env.T, r.Size), r.MediaType, env.T.T("cli.evidence_list.added", r.AddedBy, env.T.When(r.AddedAt.Local())), state)
		}
		return nil
	}
}

func runEvidenceRemove(env *Env, fs *flag.FlagSet) func([]string) error {
	return func(args []string) (err error) {
		if len(args) == 0 {
			return Usage(env.T.T("cli.evidence_remove.need_ref"))
		}
		return env.changeExisting(func(db *store.DB, actor string) error {
			for _, ref := range args {
				at, err := db.RemoveEvidence(env.Ctx, actor, strings.TrimSpace(ref))
				if errors.Is(err, model.ErrNotFound) {
					return env.Fail(err, "cli.evidence_remove.not_found", ref)
				}
				if err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, env.T.T("cli.evidence_remove.done", at.Name, at.ItemCode))
			}
			return nil
		})
	}
}

func runEvidenceExport(env *Env, fs *flag.FlagSet) func([]string) error {
	fl := newEvidenceFlags(env, fs)
	out := fs.String("out", "", env.T.T("cli.evidence_export.flag.out"))
	return func(args []string) (err error) {
		switch {
		case len(args) > 0:
			return Usage(env.T.T("cli.no_args"))
		case strings.TrimSpace(*out) == "" || *out == "-":
			return Usage(env.T.T("cli.evidence_export.need_out"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		f, err := fl.filter(env, db)
		if err != nil {
			return err
		}
		rows, err := db.Evidence(env.Ctx, f)
		if err != nil {
			return err
		}
		written, missing, err := ExportEvidence(env, db, rows, *out)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, env.T.TN("cli.evidence_export.done", written, written, *out))
		if missing > 0 {
			return env.Fail(nil, "cli.evidence_export.missing", missing)
		}
		return nil
	}
}

// ExportEvidence writes the files of rows under dir, one folder per unit
// and item (DIR/UNIT/ITEM/NAME; folders 0700, files 0600), never over a
// file already there. A file whose bytes have not arrived is named on
// standard error and counted; the others are still written.
func ExportEvidence(env *Env, db *store.DB, rows []store.EvidenceRow, dir string) (written, missing int, err error) {
	used := map[string]bool{}
	for _, r := range rows {
		if !r.Received {
			fmt.Fprintln(env.Stderr, env.T.Err(model.NewError(model.EEvidenceMissing, nil, r.Name)))
			missing++
			continue
		}
		folder := filepath.Join(dir, safeName(r.UnitCode), safeName(r.ItemCode))
		target := filepath.Join(folder, uniqueName(used, folder, safeName(r.Name), r.ID))
		if err := safefile.MkdirAll(folder); err != nil {
			return written, missing, err
		}
		if err := safefile.WriteWith(target, safefile.Options{}, func(w io.Writer) error {
			return db.WriteEvidence(env.Ctx, r.SHA256, r.Name, w)
		}); err != nil {
			return written, missing, err
		}
		written++
	}
	return written, missing, nil
}

// safeName is a name usable as one file or folder name on every system:
// no separators, no reserved characters, never "." or "..".
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" || s == "." || s == ".." {
		return "_"
	}
	return s
}

// uniqueName keeps two files of one finding with the same name apart by
// the attachment's short ID.
func uniqueName(used map[string]bool, folder, name, id string) string {
	key := filepath.Join(folder, name)
	if !used[key] {
		used[key] = true
		return name
	}
	ext := filepath.Ext(name)
	n := strings.TrimSuffix(name, ext) + "-" + model.ShortID(id) + ext
	used[filepath.Join(folder, n)] = true
	return n
}
