package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"kiemtra/model"
	"kiemtra/store"
)

func init() {
	Register(Command{Name: "recommendations", Summary: "cli.recs.summary", Usage: "cli.recs.usage", Run: runRecommendations})
	Register(Command{Name: "recommendations report", Summary: "cli.fixreport.summary", Usage: "cli.fixreport.usage", Run: runFixReport})
}

// RecommendationRow is one line of `recommendations --json`: the
// recommendation with its status worked out, as of the day the command
// runs.
type RecommendationRow struct {
	model.Recommendation
	Ref     string          `json:"ref"`    // the short name --rec takes
	Status  model.FixStatus `json:"status"` // the latest found, "" when never checked
	Open    bool            `json:"open"`
	Overdue bool            `json:"overdue"`
	AsOf    model.Date      `json:"as_of"`
}

func runRecommendations(env *Env, fs *flag.FlagSet) func([]string) error {
	unit := fs.String("unit", "", env.T.T("cli.recs.flag.unit"))
	open := fs.Bool("open", false, env.T.T("cli.recs.flag.open"))
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
		f := store.RecommendationFilter{Open: *open}
		if code := strings.TrimSpace(*unit); code != "" {
			if _, err := db.UnitByCode(env.Ctx, code); errors.Is(err, model.ErrNotFound) {
				return env.Fail(err, "cli.recs.no_unit", strings.ToUpper(code))
			} else if err != nil {
				return err
			}
			f.UnitCodes = []string{code}
		}
		recs, err := db.Recommendations(env.Ctx, f)
		if err != nil {
			return err
		}
		today := model.DateOf(db.Now().Local())
		if *asJSON {
			rows := make([]RecommendationRow, 0, len(recs))
			for _, r := range recs {
				rows = append(rows, RecommendationRow{Recommendation: r, Ref: model.ShortID(r.ID), Status: r.Status(),
					Open: r.Open(), Overdue: r.Overdue(today), AsOf: today})
			}
			return writeJSON(env.Stdout, rows)
		}
		for _, r := range recs {
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\t%s\t%s\n", model.ShortID(r.ID), r.UnitCode, r.Source(),
				deadlineWords(env, r, today), statusWords(env, r), oneLine(r.Text))
		}
		return nil
	}
}

// deadlineWords is a recommendation's deadline as a list shows it: the
// day, marked when it has passed with the recommendation still open.
func deadlineWords(env *Env, r model.Recommendation, today model.Date) string {
	switch {
	case r.Deadline.IsZero():
		return env.T.T("cli.recs.no_deadline")
	case r.Overdue(today):
		return env.T.T("cli.recs.overdue", r.Deadline.VN())
	}
	return r.Deadline.VN()
}

// statusWords is the latest status found, with the day it was checked.
func statusWords(env *Env, r model.Recommendation) string {
	c, ok := r.Last()
	if !ok {
		return env.T.T("fix.status.unchecked")
	}
	s := env.T.T("fix.status." + string(c.Status))
	if !c.Checked.IsZero() {
		s += " (" + c.Checked.VN() + ")"
	}
	return s
}

// oneLine is text on one line, for a list.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// runFixReport records a unit's báo cáo kết quả khắc phục when it arrives.
func runFixReport(env *Env, fs *flag.FlagSet) func([]string) error {
	unit := fs.String("unit", "", env.T.T("cli.recs.flag.unit"))
	number := fs.String("number", "", env.T.T("cli.fixreport.flag.number"))
	received := fs.String("received", "", env.T.T("cli.fixreport.flag.received"))
	note := fs.String("note", "", env.T.T("cli.fixreport.flag.note"))
	insp := fs.String("inspection", "", env.T.T("cli.fixreport.flag.inspection"))
	var recs listFlag
	fs.Var(&recs, "rec", env.T.T("cli.fixreport.flag.rec"))
	return func(args []string) (err error) {
		switch {
		case len(args) > 0:
			return Usage(env.T.T("cli.no_args"))
		case strings.TrimSpace(*unit) == "":
			return Usage(env.T.T("report.cli.need_unit"))
		case strings.TrimSpace(*number) == "":
			return Usage(env.T.T("cli.fixreport.need_number"))
		}
		day, err := model.ParseDate(*received)
		if err != nil || day.IsZero() {
			return Usage(env.T.T("cli.fixreport.bad_received", *received))
		}
		return env.changeExisting(func(db *store.DB, actor string) error {
			code := strings.ToUpper(strings.TrimSpace(*unit))
			all, err := db.Recommendations(env.Ctx, store.RecommendationFilter{UnitCodes: []string{code}})
			if err != nil {
				return err
			}
			if len(all) == 0 {
				return env.Fail(nil, "cli.fixreport.no_recs", code)
			}
			covers, err := coveredBy(env, db, all, recs, *insp)
			if err != nil {
				return err
			}
			r := model.FixReport{UnitCode: code, Number: *number, Received: day, Covers: covers, Note: *note, Stamp: model.Stamp{UpdatedBy: actor}}
			held, err := db.FixReports(env.Ctx, code)
			if err != nil {
				return err
			}
			for _, h := range held {
				if h.ID == model.FixReportID(code, strings.Join(strings.Fields(*number), " ")) {
					r.BaseRevision = h.Revision
				}
			}
			saved, err := db.SaveFixReport(env.Ctx, r)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.T.TN("cli.fixreport.done", len(saved.Covers), len(saved.Covers), saved.Number, saved.UnitCode, saved.Received.VN()))
			return nil
		})
	}
}

// coveredBy picks the recommendations a report covers: those named by
// --rec (a ref from `kiemtra recommendations`, or an item code of the
// inspection given), else every open one (of that inspection, if given).
func coveredBy(env *Env, db *store.DB, all []model.Recommendation, refs []string, insp string) ([]string, error) {
	inspectionID := ""
	if strings.TrimSpace(insp) != "" {
		in, err := findInspection(env, db, insp)
		if err != nil {
			return nil, err
		}
		inspectionID = in.ID
	}
	var out []string
	if len(refs) == 0 {
		for _, r := range all {
			if r.Open() && (inspectionID == "" || r.InspectionID == inspectionID) {
				out = append(out, r.ID)
			}
		}
		if len(out) == 0 {
			return nil, env.Fail(nil, "cli.fixreport.none_open", all[0].UnitCode)
		}
		return out, nil
	}
	for _, ref := range refs {
		ref = strings.TrimSpace(ref)
		var match []string
		for _, r := range all {
			byRef := strings.EqualFold(ref, r.ID) || strings.EqualFold(ref, model.ShortID(r.ID))
			byItem := inspectionID != "" && r.InspectionID == inspectionID && ref == r.ItemCode
			if byRef || byItem {
				match = append(match, r.ID)
			}
		}
		if len(match) != 1 {
			return nil, env.Fail(nil, "cli.fixreport.bad_rec", ref, all[0].UnitCode)
		}
		out = append(out, match[0])
	}
	return out, nil
}

// printStampedConflicts lists the follow-ups, fix reports and
// self-scores two laptops recorded differently: the value shown and the
// others kept beside it (saving the record again settles it).
func printStampedConflicts(env *Env, cs []model.StampedConflict) {
	if len(cs) == 0 {
		return
	}
	w := env.Stdout
	fmt.Fprintln(w, env.T.T("cli.recs.conflicts_head", len(cs)))
	side := func(label string, r model.Revisioned) {
		st := r.RecordStamp()
		var what string
		switch v := r.(type) {
		case model.FollowUp:
			what = env.T.T("cli.recs.conflict_follow", env.T.T("fix.status."+string(v.Status)), v.Note)
		case model.FixReport:
			what = env.T.T("cli.recs.conflict_report", v.Number, v.Received.VN(), len(v.Covers))
		case model.SelfScore:
			what = env.T.T("cli.recs.conflict_self", v.ItemCode, env.T.Points(v.Score))
		}
		fmt.Fprintln(w, env.T.T("cli.recs.conflict_side", label, what, st.UpdatedBy, env.T.When(st.UpdatedAt.Local())))
	}
	for _, c := range cs {
		fmt.Fprintln(w, env.T.T("cli.recs.conflict_item", env.T.T("cli.recs.kind."+c.Kind), model.ShortID(c.ID)))
		side(env.T.T("sync.conflicts.current"), c.Current)
		for _, o := range c.Others {
			side(env.T.T("sync.conflicts.other"), o)
		}
	}
}
