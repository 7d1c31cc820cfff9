package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"kiemtra/model"
	"kiemtra/store"
)

// nItems is the checklist's size: 10 fields × 10 criteria × 20 items.
const nItems = 2000

// benchYear is the year of the generated inspection.
const benchYear = 2030

// checklist2000 is the 2,000-item checklist every figure uses.
func checklist2000() *model.Checklist {
	cl := &model.Checklist{ID: "bench", Version: "1", Title: "Bộ tiêu chí thử tải 2.000 mục", Kind: "so", Hash: "bench-2000",
		Bands: []model.Band{{Label: "Tốt", MinPercent: 90}, {Label: "Khá", MinPercent: 80}, {Label: "Trung bình"}}}
	for f := 1; f <= 10; f++ {
		fl := model.Field{Code: fmt.Sprint(f), Title: fmt.Sprintf("Lĩnh vực thử số %d", f)}
		for c := 1; c <= 10; c++ {
			cr := model.Criterion{Code: fmt.Sprintf("%d.%d", f, c), Title: fmt.Sprintf("Tiêu chí %d.%d", f, c)}
			for i := 1; i <= nItems/100; i++ {
				cr.Items = append(cr.Items, model.Item{Code: fmt.Sprintf("%d.%d.%d", f, c, i),
					Text: fmt.Sprintf("Đơn vị có thực hiện đúng quy định về thủ tục hành chính %d.%d.%d không?", f, c, i),
					Max:  50, Scoring: model.ScoringPartial})
				fl.Max += 50
			}
			fl.Criteria = append(fl.Criteria, cr)
		}
		cl.Fields = append(cl.Fields, fl)
	}
	cl.Index()
	return cl
}

func unitCode(u int) string { return fmt.Sprintf("DV%03d", u) }

// plan is the inspection of units units, every one against the bench
// checklist.
func plan(units int) *model.Plan {
	p := &model.Plan{Inspection: model.Inspection{Year: benchYear, Title: fmt.Sprintf("Kiểm tra CCHC năm %d", benchYear),
		Issuer: "Sở Nội vụ tỉnh Thử"}}
	for u := 0; u < units; u++ {
		p.Visits = append(p.Visits, model.Visit{Unit: model.Unit{Code: unitCode(u), Name: fmt.Sprintf("Đơn vị thử số %d", u), Kind: "so"},
			Date: model.NewDate(benchYear, 3, 1+u%28), ChecklistID: "bench"})
	}
	return p
}

// genSpec says what a generated database holds: the plan of units units,
// and answers for the findings numbered from to to-1, counting 2,000 per
// unit in plan order.
type genSpec struct {
	units    int
	from, to int
	actor    string
}

// content is the answer generated for finding n: mostly đạt, a tenth chưa
// đạt with a note and a recommendation (the evidence rule), some đạt một
// phần and không áp dụng.
func content(n int) model.Content {
	// Each item is worth 0.5 points (Max: 50 hundredths): đạt scores it all.
	c := model.Content{Result: model.ResultPass, Score: 50, Evidence: "Hồ sơ do đơn vị cung cấp"}
	switch (n*7 + n/nItems) % 20 {
	case 0, 1:
		c = model.Content{Result: model.ResultFail, Note: "Chưa thực hiện, không có hồ sơ lưu.", Evidence: c.Evidence,
			Recommendation: "Khắc phục và báo cáo Sở Nội vụ.", Deadline: model.NewDate(benchYear, 4, 15)}
	case 2:
		c = model.Content{Result: model.ResultPartial, Score: 25, Note: "Thực hiện chưa đầy đủ.", Evidence: c.Evidence}
	case 3:
		c = model.Content{Result: model.ResultNotApplicable}
	}
	return c
}

// generate makes a kiemtra database as the app would leave it after the
// answers of spec were saved one by one: each finding with its audit
// entry on this device's hash chain. The rows go in through plain SQL in
// one transaction, because a million audited saves would take an hour
// and are not what is measured; the chain is real (store.ChainHash), so
// the database verifies and its bundles import.
func generate(path string, spec genSpec) (err error) {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer func() {
		if db != nil {
			err = errors.Join(err, db.Close())
		}
	}()
	if _, err := db.AddChecklists(ctx, false, checklist2000()); err != nil {
		return err
	}
	if err := db.SetSetting(ctx, store.SettingInspector, spec.actor); err != nil {
		return err
	}
	res, err := db.ImportPlan(ctx, "bench", plan(spec.units))
	if err != nil {
		return err
	}
	var aids []string
	for u := 0; u < spec.units; u++ {
		a, err := db.AssessmentOf(ctx, res.Inspection.ID, unitCode(u))
		if err != nil {
			return err
		}
		aids = append(aids, a.ID)
	}
	device := db.Device()
	if err := db.Close(); err != nil {
		db = nil
		return err
	}
	db = nil
	if spec.to <= spec.from {
		return nil
	}
	sdb, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)")
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, sdb.Close()) }()
	sdb.SetMaxOpenConns(1)
	return writeAnswers(ctx, sdb, device, aids, spec)
}

func writeAnswers(ctx context.Context, sdb *sql.DB, device string, aids []string, spec genSpec) (err error) {
	tx, err := sdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	// After Commit, Rollback only says so (sql.ErrTxDone).
	defer func() {
		if rerr := tx.Rollback(); !errors.Is(rerr, sql.ErrTxDone) {
			err = errors.Join(err, rerr)
		}
	}()
	var seq int64
	var prev string
	if err := tx.QueryRowContext(ctx, "SELECT dev_seq, hash FROM audit WHERE device = ? ORDER BY dev_seq DESC LIMIT 1",
		device).Scan(&seq, &prev); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	fst, err := tx.PrepareContext(ctx, `INSERT INTO findings(id, assessment_id, item_code, result, score, note, evidence,
		recommendation, deadline, updated_by, updated_at, device, revision, base_revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'')`)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, fst.Close()) }()
	ast, err := tx.PrepareContext(ctx, `INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action, old, new,
		revision, base_revision, prev_hash, hash) VALUES (?,?,?,?,?,'finding',?,'save','',?,?,'',?,?)`)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, ast.Close()) }()
	items := checklist2000().Items()
	t0 := time.Date(benchYear, 3, 1, 8, 0, 0, 0, time.UTC)
	for n := spec.from; n < spec.to; n++ {
		aid, it := aids[n/nItems], items[n%nItems]
		at := t0.Add(time.Duration(n) * time.Millisecond)
		f := model.Finding{ID: model.DerivedID("finding", aid, it.Code), AssessmentID: aid, ItemCode: it.Code,
			UpdatedBy: spec.actor, UpdatedAt: at, Device: device, Revision: model.NewID()}
		f.Apply(content(n))
		body, err := json.Marshal(f)
		if err != nil {
			return err
		}
		seq++
		e := store.AuditEntry{ID: model.NewID(), Device: device, DevSeq: seq, At: at, Actor: spec.actor, Entity: "finding",
			EntityID: f.ID, Action: "save", New: string(body), Revision: f.Revision, PrevHash: prev}
		e.Hash = store.ChainHash(e)
		prev = e.Hash
		ts := at.UTC().Format("2006-01-02T15:04:05.000000000Z")
		if _, err := fst.ExecContext(ctx, f.ID, aid, it.Code, f.Result.Code(), int64(f.Score), f.Note, f.Evidence,
			f.Recommendation, f.Deadline.ISO(), f.UpdatedBy, ts, device, f.Revision); err != nil {
			return err
		}
		if _, err := ast.ExecContext(ctx, e.ID, device, seq, ts, spec.actor, f.ID, e.New, f.Revision, e.PrevHash, e.Hash); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Left as a clean shutdown leaves it: everything in the main file.
	_, err = sdb.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// copyDB copies a closed database (and its device key) to dst.
func copyDB(src, dst string) error {
	for _, sfx := range []string{"", ".device.key"} {
		s := src
		d := dst
		if sfx != "" {
			s, d = trimDB(src)+sfx, trimDB(dst)+sfx
			if _, err := os.Stat(s); errors.Is(err, os.ErrNotExist) {
				continue
			}
		}
		if err := copyFile(s, d); err != nil {
			return err
		}
	}
	return nil
}

func trimDB(p string) string {
	if len(p) > 3 && p[len(p)-3:] == ".db" {
		return p[:len(p)-3]
	}
	return p
}

func copyFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, in.Close()) }()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return errors.Join(err, out.Close())
	}
	return out.Close()
}
