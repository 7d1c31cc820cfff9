package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"kiemtra/model"
	"kiemtra/store"
)

// savesPerRun is how many findings one run saves.
const savesPerRun = 200

// save: one finding saved durably by store.SaveFinding (check, write the
// revision, append the audit entry, commit under WAL + synchronous=FULL)
// on a copy of the data, beside one sqlite3 process committing the same
// number of rows of the same shape — a finding upsert and an audit insert
// per transaction — into another copy of the same database (the same
// tables and indexes), with the same pragmas. The sqlite3 process's
// start-up, measured with the same pragmas and no transaction, is taken
// off.
func (b *bench) save() (err error) {
	data, err := b.dataDB()
	if err != nil {
		return err
	}
	ours, base := filepath.Join(b.dir, "save-ours.db"), filepath.Join(b.dir, "save-sqlite3.db")
	for _, p := range []string{ours, base} {
		if err := copyDB(data, p); err != nil {
			return err
		}
	}
	ctx := context.Background()
	db, err := store.Open(ctx, ours)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	ins, err := db.Inspections(ctx)
	if err != nil {
		return err
	}
	if len(ins) != 1 {
		return fmt.Errorf("the data holds %d inspections, want 1", len(ins))
	}
	a, err := db.AssessmentOf(ctx, ins[0].ID, unitCode(0))
	if err != nil {
		return err
	}
	fs, err := db.Findings(ctx, a.ID)
	if err != nil {
		return err
	}
	saved := map[string]string{}
	for _, f := range fs {
		saved[f.ItemCode] = f.Revision
	}
	items := checklist2000().Items()
	k := 0
	runOurs := func() (float64, error) {
		t := time.Now()
		for range savesPerRun {
			it := items[k%len(items)]
			k++
			f, err := db.SaveFinding(ctx, model.Finding{AssessmentID: a.ID, ItemCode: it.Code, Result: model.ResultFail,
				Note: fmt.Sprintf("Chưa niêm yết thủ tục số %d", k), UpdatedBy: "Trần Văn Minh", BaseRevision: saved[it.Code]})
			if err != nil {
				return 0, err
			}
			saved[it.Code] = f.Revision
		}
		return time.Since(t).Seconds() / savesPerRun * 1e6, nil
	}
	j := 0
	head := "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nPRAGMA foreign_keys=ON;\nPRAGMA busy_timeout=5000;\n"
	script := func() string {
		var sb strings.Builder
		sb.WriteString(head)
		for range savesPerRun {
			j++
			it := items[j%len(items)]
			id := model.DerivedID("finding", a.ID, it.Code)
			rev := fmt.Sprintf("%032x", j)
			note := fmt.Sprintf("Chưa niêm yết thủ tục số %d", j)
			body := fmt.Sprintf(`{"id":"%s","assessment_id":"%s","item_code":"%s","result":"fail","score":0,"note":"%s","updated_by":"Trần Văn Minh","updated_at":"2030-03-01T08:00:00Z","device":"sqlite3","revision":"%s","base_revision":""}`,
				id, a.ID, it.Code, note, rev)
			h := sha256.Sum256([]byte(body))
			fmt.Fprintf(&sb, "BEGIN IMMEDIATE;\n"+
				"INSERT INTO findings(id, assessment_id, item_code, result, score, note, evidence, recommendation, deadline, updated_by, updated_at, device, revision, base_revision) "+
				"VALUES ('%s','%s','%s','fail',0,'%s','','','','Trần Văn Minh','2030-03-01T08:00:00.000000000Z','sqlite3','%s','') "+
				"ON CONFLICT(id) DO UPDATE SET result=excluded.result, score=excluded.score, note=excluded.note, evidence=excluded.evidence, "+
				"recommendation=excluded.recommendation, deadline=excluded.deadline, updated_by=excluded.updated_by, updated_at=excluded.updated_at, "+
				"device=excluded.device, revision=excluded.revision, base_revision=excluded.base_revision;\n"+
				"INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action, old, new, revision, base_revision, prev_hash, hash) "+
				"VALUES ('a%031x','sqlite3',%d,'2030-03-01T08:00:00.000000000Z','Trần Văn Minh','finding','%s','save','','%s','%s','','%s','%s');\n"+
				"COMMIT;\n", id, a.ID, it.Code, note, rev, j, j, id, body, rev, hex.EncodeToString(h[:]), hex.EncodeToString(h[:]))
		}
		return sb.String()
	}
	runBase := func() (float64, error) { return b.timeSQLite(base, script()) }
	runEmpty := func() (float64, error) { return b.timeSQLite(base, head) }
	logf("save: %d runs × %d saves, ours and sqlite3 interleaved", *runs, savesPerRun)
	v, err := interleave(*runs, runOurs, runBase, runEmpty)
	if err != nil {
		return err
	}
	var per []float64
	for i := range v[1] {
		per = append(per, (v[1][i]-v[2][i])/savesPerRun*1e6)
	}
	b.out.add(line{Figure: "durable save of one finding ÷ sqlite3 committing the same rows", Size: b.size,
		Ours: median(v[0]), Baseline: median(per), Unit: "µs", Runs: *runs, maxRatio: 1.3,
		Note: "ours: store.SaveFinding on the data; baseline: one sqlite3 process, a finding upsert + an audit insert per transaction, same tables, indexes and pragmas, its start-up subtracted"})
	return nil
}

// timeSQLite runs script through one sqlite3 process on db and returns
// the seconds it took.
func (b *bench) timeSQLite(db, script string) (float64, error) {
	cmd := exec.Command(b.sqlite3, "-batch", db)
	cmd.Stdin = strings.NewReader(script)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	t := time.Now()
	err := cmd.Run()
	el := time.Since(t).Seconds()
	if err != nil {
		return 0, fmt.Errorf("sqlite3 %s: %w %s", db, err, stderr.String())
	}
	if stderr.Len() > 0 {
		return 0, fmt.Errorf("sqlite3 %s: %s", db, stderr.String())
	}
	return el, nil
}
