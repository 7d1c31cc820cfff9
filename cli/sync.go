package cli

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

func init() {
	Register(Command{Name: "bundle", Summary: "sync.bundle.summary", Usage: "sync.bundle.usage", Run: runBundle})
	Register(Command{Name: "import", Summary: "sync.import.summary", Usage: "sync.import.usage", Run: runImport})
	Register(Command{Name: "conflicts", Summary: "sync.conflicts.summary", Usage: "sync.conflicts.usage", Run: runConflicts})
	Register(Command{Name: "receipt", Summary: "sync.receipt.summary", Usage: "sync.receipt.usage", Run: runReceipt})
}

// listFlag collects a repeatable flag; values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func runBundle(env *Env, fs *flag.FlagSet) func([]string) error {
	insp := fs.String("inspection", "", env.T.T("cli.flag.inspection"))
	out := fs.String("out", "", env.T.T("sync.flag.out"))
	var units listFlag
	fs.Var(&units, "unit", env.T.T("sync.flag.unit"))
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	force := fs.Bool("force", false, env.T.T("sync.flag.force"))
	noFiles := fs.Bool("no-files", false, env.T.T("sync.flag.no_files"))
	return func(args []string) (err error) {
		// Unit codes may follow --unit as separate words: --unit STP STC.
		for _, a := range args {
			units = append(units, a)
		}
		toStdout := *out == "-"
		switch {
		case *out == "":
			return Usage(env.T.T("sync.need_out"))
		case toStdout && *asJSON:
			return Usage(env.T.T("sync.bundle.json_stdout"))
		case toStdout && env.StdoutIsTerminal:
			return Usage(env.T.T("sync.bundle.terminal"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		if _, err := env.Inspector(db); err != nil {
			return err
		}
		in, err := findInspection(env, db, *insp)
		if err != nil {
			return err
		}
		opt := store.BundleOptions{Inspection: in.ID, Units: units, Replace: *force, NoFiles: *noFiles}
		var info store.BundleInfo
		if toStdout {
			info, err = db.StreamBundle(env.Ctx, env.Stdout, opt)
		} else {
			info, err = db.WriteBundle(env.Ctx, *out, opt)
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, info.Manifest)
		}
		// With --out - standard output is the bundle: the words go to
		// standard error.
		w := env.Stdout
		if toStdout {
			w = env.Stderr
		}
		m := info.Manifest
		fmt.Fprintln(w, env.T.T("sync.bundle.done", m.Seq, *out, m.Counts.Units, m.Counts.Findings, m.Counts.Audit, humanBytes(env.T, info.Bytes)))
		if m.BlobBytes > 0 {
			fmt.Fprintln(w, env.T.T("sync.bundle.files", humanBytes(env.T, m.BlobBytes)))
		}
		if *noFiles {
			fmt.Fprintln(w, env.T.T("sync.bundle.no_files"))
		}
		k, err := db.DeviceKey(env.Ctx)
		if err == nil {
			fmt.Fprintln(w, env.T.T("sync.bundle.fingerprint", k.Fingerprint))
		}
		return nil
	}
}

// humanBytes is a size in the catalogue's units, with the language's
// decimal separator.
func humanBytes(t i18n.Catalog, n int64) string {
	tenths := func(unit float64) string { return t.Points(model.PointsOf(math.Round(float64(n)/unit*10) / 10)) }
	switch {
	case n >= 1<<20:
		return t.T("cli.size.mb", tenths(1<<20))
	case n >= 1<<10:
		return t.T("cli.size.kb", tenths(1<<10))
	}
	return t.TN("cli.size.b", int(n))
}

func runImport(env *Env, fs *flag.FlagSet) func([]string) error {
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	receipt := fs.String("receipt", "", env.T.T("sync.flag.receipt"))
	keep := fs.Int("keep", store.DefaultBackupKeep, env.T.T("sync.flag.keep"))
	noBackup := fs.Bool("no-backup", false, env.T.T("sync.flag.no_backup"))
	return func(args []string) (err error) {
		if len(args) == 0 {
			return Usage(env.T.T("sync.need_files"))
		}
		if *receipt != "" && len(args) > 1 {
			return Usage(env.T.T("sync.receipt_one"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		opt := store.ImportOptions{NoBackup: *noBackup, BackupKeep: *keep}
		if *receipt != "" {
			opt.ReceiptPath = func(string) string { return *receipt }
		}
		bar := env.StdoutIsTerminal && !*asJSON
		opt.Progress = func(p store.ImportProgress) {
			switch {
			case *asJSON:
			case bar:
				drawBar(env, p)
			case p.Last != nil:
				printResult(env, *p.Last)
			}
			if p.Last != nil && p.Last.Err != nil && !*asJSON {
				if bar {
					fmt.Fprintln(env.Stdout)
				}
				fmt.Fprintln(env.Stderr, env.T.T("sync.err.file", filepath.Base(p.Last.File), env.T.Err(p.Last.Err)))
			}
		}
		rep, err := db.Import(env.Ctx, args, opt)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, rep); err != nil {
				return err
			}
		} else {
			if bar {
				fmt.Fprintln(env.Stdout)
				for _, r := range rep.Results {
					if r.Err == nil {
						printResult(env, r)
					}
				}
			}
			printSummary(env, rep)
		}
		if n := rep.Failed(); n > 0 {
			return env.Fail(nil, "sync.import.failed", n, len(rep.Results))
		}
		return nil
	}
}

func drawBar(env *Env, p store.ImportProgress) {
	const width = 24
	done := 0
	if p.Total > 0 {
		done = p.Done * width / p.Total
	}
	b := "[" + strings.Repeat("█", done) + strings.Repeat("·", width-done) + "]"
	rate := 0.0
	if s := p.Elapsed.Seconds(); s > 0 {
		rate = float64(p.Records) / s
	}
	fmt.Fprintf(env.Stdout, "\r%s", env.T.T("sync.import.progress", b, p.Done, p.Total, rate))
}

func rateOf(r store.ImportResult) float64 {
	if s := r.Elapsed.Seconds(); s > 0 {
		return float64(r.Records) / s
	}
	return 0
}

func printResult(env *Env, r store.ImportResult) {
	if r.Err != nil {
		return
	}
	name := filepath.Base(r.File)
	if r.Replay {
		fmt.Fprintln(env.Stdout, env.T.T("sync.import.replay", name, r.Seq, r.DeviceName))
		return
	}
	fmt.Fprintln(env.Stdout, env.T.T("sync.import.line", name, r.Seq, r.DeviceName, r.Accepted, r.Present, r.Conflicts, r.Records, rateOf(r)))
	if r.Files > 0 || r.FilesMissing > 0 {
		fmt.Fprintln(env.Stdout, env.T.T("sync.import.files", r.Files, r.FilesMissing))
	}
	for _, c := range r.Items {
		fmt.Fprintln(env.Stdout, env.T.T("sync.import.conflict", c.UnitCode, c.ItemCode))
	}
	if r.FilesWaiting > 0 {
		fmt.Fprintln(env.Stdout, env.T.TN("sync.import.files_waiting", r.FilesWaiting))
	}
	if r.StampedAccepted+r.StampedConflicts > 0 {
		fmt.Fprintln(env.Stdout, env.T.T("sync.import.follow_up", r.StampedAccepted, r.StampedConflicts))
	}
	for _, w := range r.Warnings {
		fmt.Fprintln(env.Stdout, env.T.T("sync.import.warning", name, env.T.Err(w)))
	}
}

func printSummary(env *Env, rep store.ImportReport) {
	var acc, pres, conf int
	for _, r := range rep.Results {
		acc, pres, conf = acc+r.Accepted, pres+r.Present, conf+r.Conflicts
	}
	fmt.Fprintln(env.Stdout, env.T.T("sync.import.total", len(rep.Results), acc, pres, conf, rep.Failed()))
	if rep.Backup != "" {
		fmt.Fprintln(env.Stdout, env.T.T("sync.import.backup", rep.Backup))
	}
	for _, r := range rep.Results {
		if r.Receipt != "" {
			fmt.Fprintln(env.Stdout, env.T.T("sync.import.receipt", r.Receipt))
		}
	}
	if conf > 0 {
		fmt.Fprintln(env.Stdout, env.T.TN("sync.import.see_conflicts", conf))
	}
	for _, g := range rep.Gaps {
		fmt.Fprintln(env.Stdout, env.T.T("sync.import.gap", g.Name, formatSeqs(g.Missing)))
	}
}

// formatSeqs writes bundle numbers compactly: "3, 5–7".
func formatSeqs(s []int64) string {
	var parts []string
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", s[i], s[j]))
		} else {
			parts = append(parts, strconv.FormatInt(s[i], 10))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func runConflicts(env *Env, fs *flag.FlagSet) func([]string) error {
	insp := fs.String("inspection", "", env.T.T("cli.flag.inspection"))
	all := fs.Bool("all", false, env.T.T("sync.flag.all"))
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
		f := store.ConflictFilter{Resolved: *all}
		if *insp != "" {
			in, err := findInspection(env, db, *insp)
			if err != nil {
				return err
			}
			f.InspectionID = in.ID
		}
		cs, err := db.Conflicts(env.Ctx, f)
		if err != nil {
			return err
		}
		if *asJSON {
			if cs == nil {
				cs = []store.Conflict{}
			}
			return writeJSON(env.Stdout, cs)
		}
		w := env.Stdout
		stamped, err := db.AllStampedConflicts(env.Ctx)
		if err != nil {
			return err
		}
		waiting, err := db.PendingEvidence(env.Ctx, f.InspectionID)
		if err != nil {
			return err
		}
		if len(cs) == 0 && len(stamped) == 0 && len(waiting) == 0 {
			fmt.Fprintln(w, env.T.T("sync.conflicts.none"))
			return nil
		}
		defer printPendingEvidence(env, waiting)
		defer printStampedConflicts(env, stamped)
		if len(cs) == 0 {
			return nil
		}
		fmt.Fprintln(w, env.T.TN("sync.conflicts.head", len(cs)))
		for _, c := range cs {
			fmt.Fprintln(w, env.T.T("sync.conflicts.item", c.UnitCode, c.UnitName, c.ItemCode))
			side := func(label string, f model.Finding) {
				fmt.Fprintln(w, env.T.T("sync.conflicts.side", label, resultName(env, f.Result), env.T.Points(f.Score), f.Note, f.UpdatedBy,
					env.T.When(f.UpdatedAt.Local())))
			}
			side(env.T.T("sync.conflicts.current"), c.Current)
			side(env.T.T("sync.conflicts.other"), c.Other)
			if !c.Open() {
				fmt.Fprintln(w, env.T.T("sync.conflicts.resolved", c.ResolvedBy, env.T.When(c.ResolvedAt.Local())))
			}
		}
		return nil
	}
}

func runReceipt(env *Env, fs *flag.FlagSet) func([]string) error {
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	return func(args []string) (err error) {
		if len(args) != 1 {
			return Usage(env.T.T("sync.need_receipt"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		// Receipt errors carry the file as their param; the catalogue has
		// the words (cli.Run shows them).
		r, err := db.AcceptReceipt(env.Ctx, args[0])
		if err != nil {
			return err
		}
		sent, err := db.SentBundles(env.Ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, map[string]any{"receipt": r.ReceiptBody, "signer": r.SignerName,
				"fingerprint": r.Fingerprint, "sent": sent})
		}
		w := env.Stdout
		fmt.Fprintln(w, env.T.T("sync.receipt.head", r.SignerName, r.Fingerprint, r.Bundle.Seq, env.T.When(r.ImportedAt.Local())))
		fmt.Fprintln(w, env.T.T("sync.receipt.counts", r.Accepted, r.Present, r.Conflicts))
		if r.Replay {
			fmt.Fprintln(w, env.T.T("sync.receipt.replay"))
		}
		if err := printReceiptConflicts(env, db, r.Records); err != nil {
			return err
		}
		var pending []string
		for _, s := range sent {
			if s.Receipts == 0 {
				pending = append(pending, strconv.FormatInt(s.Seq, 10))
			}
		}
		if len(pending) > 0 {
			fmt.Fprintln(w, env.T.T("sync.receipt.pending", strings.Join(pending, ", ")))
		} else {
			fmt.Fprintln(w, env.T.T("sync.receipt.all_done"))
		}
		return nil
	}
}

// printReceiptConflicts names each finding a receipt reports in conflict
// by its unit and item, as the app and kiemtra conflicts do.
func printReceiptConflicts(env *Env, db *store.DB, recs []store.ReceiptRecord) error {
	var ids []string
	for _, rec := range recs {
		if rec.Status == model.DeliveryConflict {
			ids = append(ids, rec.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	places, err := db.FindingPlaces(env.Ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if p, ok := places[id]; ok {
			fmt.Fprintln(env.Stdout, env.T.T("sync.receipt.conflict", p.UnitCode, p.UnitName, p.ItemCode))
		} else {
			fmt.Fprintln(env.Stdout, env.T.T("sync.receipt.conflict_gone", model.ShortID(id)))
		}
	}
	return nil
}

// resultName is a result in words ("chưa đạt"), never its code ("fail").
func resultName(env *Env, r model.Result) string { return env.T.T("report.result." + r.String()) }
