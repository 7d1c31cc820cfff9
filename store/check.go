package store

import (
	"context"
	"fmt"
	"strconv"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// CheckReport is what DB.Check found: each problem a model.Error whose
// code and params say which record is damaged and what can be done.
type CheckReport struct {
	// Integrity lists what SQLite's integrity_check found (nothing when
	// the file's structure is sound).
	Integrity []string `json:"integrity,omitempty"`
	// Problems are the damaged history entries (EDamagedEntry for this
	// device's own, EChainBroken for another device's as held here,
	// EEntrySignature for a signature that does not verify) and the
	// records that differ from their history (EDamagedRecord).
	Problems []error `json:"-"`
	// Codes lists the problems' codes, for JSON readers.
	Codes []model.Code `json:"problems,omitempty"`
	// Repaired counts the records restored from their history.
	Repaired int `json:"repaired"`
	Entries  int `json:"entries"`
	Findings int `json:"findings"`
	// Backups are this database's backups, oldest first: where a damaged
	// history can be restored from.
	Backups []string `json:"backups,omitempty"`
}

// OK reports whether nothing is wrong.
func (rep CheckReport) OK() bool { return len(rep.Integrity) == 0 && len(rep.Problems) == 0 }

// maxProblems bounds the problems one check lists.
const maxProblems = 100

// Check reads the whole database: SQLite's own integrity check, every
// device's audit chain as held (hashes, links, signatures), and every
// finding against the revision its history says it shows. With repair, a
// finding that differs from its history is restored from it (the history
// is signed; the finding row is only what it shows); a damaged history
// cannot be repaired here, and the report says where to restore it from.
func (db *DB) Check(ctx context.Context, repair bool) (CheckReport, error) {
	var rep CheckReport
	rows, err := db.sql.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return rep, fmt.Errorf("check: %w", db.translate(err))
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			closeRows(rows)
			return rep, fmt.Errorf("check: %w", db.translate(err))
		}
		if s != "ok" {
			rep.Integrity = append(rep.Integrity, s)
		}
	}
	if err := rows.Err(); err != nil {
		closeRows(rows)
		return rep, fmt.Errorf("check: %w", db.translate(err))
	}
	closeRows(rows)
	var damaged []model.Finding
	err = db.read(ctx, func(q queryer) error {
		keys, err := loadTrustedKeys(ctx, q)
		if err != nil {
			return err
		}
		if err := db.checkChains(ctx, q, keys, &rep); err != nil {
			return err
		}
		damaged, err = checkFindingRows(ctx, q, &rep)
		if err != nil {
			return err
		}
		return checkBlobs(ctx, q, &rep)
	})
	if err != nil {
		return rep, fmt.Errorf("check: %w", err)
	}
	if repair && len(damaged) > 0 {
		if rep.Repaired, err = db.repairFindings(ctx, damaged); err != nil {
			return rep, fmt.Errorf("repair: %w", err)
		}
		// What was repaired is no longer a problem.
		var left []error
		for _, p := range rep.Problems {
			if model.ErrorCode(p) != model.EDamagedRecord {
				left = append(left, p)
			}
		}
		rep.Problems = left
	}
	for _, p := range rep.Problems {
		rep.Codes = append(rep.Codes, model.ErrorCode(p))
	}
	if rep.Backups, err = db.Backups(); err != nil {
		return rep, err
	}
	return rep, nil
}

func (rep *CheckReport) add(err error) {
	if len(rep.Problems) < maxProblems {
		rep.Problems = append(rep.Problems, err)
	}
}

// checkChains follows each device's chain as held, entry by entry.
func (db *DB) checkChains(ctx context.Context, q queryer, keys trustedKeys, rep *CheckReport) error {
	rows, err := q.QueryContext(ctx, `SELECT `+auditCols+`, 1 FROM audit
		UNION ALL SELECT '', device, dev_seq, '', '', '', '', '', '', '', '', '', prev_hash, hash, sig, 0 FROM audit_links
		ORDER BY 2, 3`)
	if err != nil {
		return fmt.Errorf("read audit: %w", err)
	}
	defer closeRows(rows)
	var prev *AuditEntry
	var prevFull bool
	for rows.Next() {
		var e AuditEntry
		var at string
		var full bool
		if err := rows.Scan(&e.ID, &e.Device, &e.DevSeq, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action, &e.Old, &e.New,
			&e.Revision, &e.BaseRevision, &e.PrevHash, &e.Hash, &e.Sig, &full); err != nil {
			return fmt.Errorf("read audit: %w", err)
		}
		e.At = parseTime(at)
		if full {
			rep.Entries++
		}
		var problem error
		switch {
		case full && ChainHash(e) != e.Hash:
			problem = db.chainProblem(ctx, q, e, "the entry does not match its hash")
		case prev != nil && prev.Device == e.Device && prev.DevSeq+1 == e.DevSeq && prev.Hash != e.PrevHash:
			problem = db.chainProblem(ctx, q, e, "the entry does not follow the one before it")
		case full && prevFull && prev.Device == e.Device && prev.DevSeq+1 == e.DevSeq && e.At.Before(prev.At.Add(-bundle.MaxBackdate)):
			problem = db.chainProblem(ctx, q, e, "the entry is dated before the one before it")
		case e.Sig != "" && len(keys[e.Device]) > 0 && !bundle.VerifyEntrySig(keys[e.Device], e.Link()):
			problem = model.NewError(model.EEntrySignature, nil, short(e.Device), strconv.FormatInt(e.DevSeq, 10))
		}
		if problem != nil {
			rep.add(problem)
		}
		prev, prevFull = &e, full
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read audit: %w", err)
	}
	return nil
}

// chainProblem names a damaged entry: this device's own with what it was
// about, another device's by its device and number.
func (db *DB) chainProblem(ctx context.Context, q queryer, e AuditEntry, why string) error {
	if e.Device == db.device {
		return model.NewError(model.EDamagedEntry, fmt.Errorf("entry %d: %s", e.DevSeq, why),
			strconv.FormatInt(e.DevSeq, 10), describeRecord(ctx, q, e.Entity, e.EntityID), e.At.Local().Format("02/01/2006 15:04"), e.Actor)
	}
	return chainBrokenErr(e.Device, e.DevSeq, why)
}

func chainBrokenErr(device string, seq int64, why string) error {
	return model.NewError(model.EChainBroken, fmt.Errorf("%s", why), short(device), strconv.FormatInt(seq, 10))
}

// checkFindingRows compares every finding row with the revision it names;
// it returns the rows that differ (or name a revision not held).
func checkFindingRows(ctx context.Context, q queryer, rep *CheckReport) ([]model.Finding, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+prefixCols("f.", findingCols)+`, coalesce(e.new, '')
		FROM findings f LEFT JOIN audit e ON e.revision = f.revision AND e.entity = 'finding' ORDER BY f.id`)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	var out []model.Finding
	for rows.Next() {
		var rev string
		f, err := scanFinding(scanWith(rows, &rev))
		bad := err != nil
		rep.Findings++
		var held model.Finding
		if !bad && (jsonUnmarshal(rev, &held) != nil || bundle.RowKey(held) != bundle.RowKey(f)) {
			bad = true
		}
		if bad {
			rep.add(model.NewError(model.EDamagedRecord, nil, describeRecord(ctx, q, "finding", f.ID)))
			out = append(out, f)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	return out, nil
}

// repairFindings writes each damaged finding row again from its history:
// what model.ViewFinding decides its revisions show.
func (db *DB) repairFindings(ctx context.Context, damaged []model.Finding) (int, error) {
	n := 0
	err := db.tx(ctx, func(t *txn) error {
		for _, f := range damaged {
			_, all, fv, err := findingView(ctx, t, f.ID, f.AssessmentID, f.ItemCode)
			if err != nil {
				return err
			}
			if fv.Shown.ID == "" {
				if _, err := t.ExecContext(ctx, "DELETE FROM findings WHERE id = ?", f.ID); err != nil {
					return fmt.Errorf("repair finding %s: %w", f.ItemCode, err)
				}
				n++
				continue
			}
			cur := all[fv.Shown.ID].f
			cur.ID, cur.AssessmentID = f.ID, f.AssessmentID
			if err := t.upsertFinding(ctx, cur); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
