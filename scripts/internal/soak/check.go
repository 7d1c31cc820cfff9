package main

import (
	"context"
	"errors"
	"fmt"

	"kiemtra/model"
	"kiemtra/store"
)

// setup finds Sở Y tế's assessment (untouched by the demo data) and the
// items of its checklist's first field, and reads their answers.
func (s *soak) setup() (err error) {
	ctx := context.Background()
	db, err := store.Open(ctx, s.db)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		return err
	}
	as, err := db.InspectionAssessments(ctx, in.ID)
	if err != nil {
		return err
	}
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	var syt model.Assessment
	for _, a := range as {
		for _, u := range units {
			if u.ID == a.UnitID && u.Code == "SYT" {
				syt = a
			}
		}
	}
	if syt.ID == "" {
		return errors.New("the demo database has no assessment of Sở Y tế (SYT)")
	}
	cl, err := db.Checklist(ctx, syt.ChecklistID, syt.ChecklistVersion)
	if err != nil {
		return err
	}
	for _, cr := range cl.Fields[0].Criteria {
		for _, it := range cr.Items {
			s.items = append(s.items, it.Code)
		}
	}
	if len(s.items) < 3 {
		return fmt.Errorf("the first field of %s has only %d items", cl.Ref(), len(s.items))
	}
	s.assessment = syt.ID
	s.base, err = s.read(ctx, db)
	return err
}

func (s *soak) read(ctx context.Context, db *store.DB) (state0, error) {
	fs, err := db.Findings(ctx, s.assessment)
	if err != nil {
		return nil, err
	}
	out := state0{}
	for _, f := range fs {
		out[f.ItemCode] = state{f.Result, f.Note}
	}
	return out, nil
}

// verify opens the database the way the app does after a crash, runs
// integrity_check, and checks every item against what was acknowledged.
func (s *soak) verify(k int, acts []action) (err error) {
	ctx := context.Background()
	db, err := store.Open(ctx, s.db)
	if err != nil {
		return fmt.Errorf("kill %d: reopen after SIGKILL: %w", k, err)
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if s.selftest {
		for i := len(acts) - 1; i >= 0; i-- {
			if a := acts[i]; a.acked {
				if _, err := db.SQL().ExecContext(ctx, "UPDATE findings SET note = 'reverted by -selftest', result = '' WHERE assessment_id = ? AND item_code = ?",
					s.assessment, a.item); err != nil {
					return fmt.Errorf("selftest: %w", err)
				}
				break
			}
		}
	}
	res, err := integrityCheck(ctx, db)
	if err != nil {
		return fmt.Errorf("kill %d: %w", k, err)
	}
	if len(res) == 1 && res[0] == "ok" {
		s.integrityOK++
	} else {
		fmt.Printf("kill %d: integrity_check: %q\n", k, res)
	}
	now, err := s.read(ctx, db)
	if err != nil {
		return fmt.Errorf("kill %d: read findings: %w", k, err)
	}
	acked := 0
	for _, code := range s.items {
		// The item must hold its last acknowledged state (or, with no
		// acknowledgement this time, what it held before), or a state of
		// an action sent after that.
		want, from := s.base[code], 0
		for i, a := range acts {
			if a.item == code && a.acked {
				want, from = a.after, i+1
			}
		}
		got := now[code]
		ok := got == want
		for _, a := range acts[from:] {
			if a.item == code && a.allows(got) {
				ok = true
			}
		}
		if !ok {
			s.lost++
			fmt.Printf("kill %d: item %s LOST: database holds %s, screen had shown %s as saved\n", k, code, got, want)
		}
	}
	for _, a := range acts {
		if a.acked {
			acked++
		}
	}
	s.acked += acked
	s.sent += len(acts)
	if s.verbose {
		fmt.Printf("kill %d: %d answers sent, %d acknowledged, integrity %q\n", k, len(acts), acked, res)
	}
	s.base = now
	return nil
}

// integrityCheck is what PRAGMA integrity_check answers: ["ok"] for a
// sound file.
func integrityCheck(ctx context.Context, db *store.DB) (_ []string, err error) {
	rows, err := db.SQL().QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("integrity_check: %w", err)
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var res []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("integrity_check: %w", err)
		}
		res = append(res, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("integrity_check: %w", err)
	}
	return res, nil
}
