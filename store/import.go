package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// ImportOptions tunes Import.
type ImportOptions struct {
	NoBackup   bool
	BackupKeep int // 0 means DefaultBackupKeep
	// ReceiptPath names the receipt for a bundle; nil means
	// "<bundle>.receipt.json", a function returning "" writes none.
	ReceiptPath func(bundle string) string
	// Progress, if set, is called after each file (and before the first).
	Progress func(ImportProgress)
}

// ImportProgress reports how far an import has got.
type ImportProgress struct {
	Done, Total int   // files
	Records     int64 // records read so far
	Elapsed     time.Duration
	Last        *ImportResult // the file just finished, nil at the start
}

// ConflictItem names one finding left in conflict by an import.
type ConflictItem struct {
	FindingID string `json:"finding_id"`
	UnitCode  string `json:"unit"`
	ItemCode  string `json:"item"`
}

// ImportResult is what happened to one file.
type ImportResult struct {
	File        string         `json:"file"`
	Device      string         `json:"device,omitempty"`
	DeviceName  string         `json:"device_name,omitempty"`
	Fingerprint string         `json:"fingerprint,omitempty"`
	Seq         int64          `json:"seq,omitempty"`
	Inspection  string         `json:"inspection,omitempty"`
	Replay      bool           `json:"replay"`
	Records     int            `json:"records"`
	Accepted    int            `json:"accepted"`
	Present     int            `json:"present"`
	Conflicts   int            `json:"conflicts"`
	Items       []ConflictItem `json:"conflict_items,omitempty"`
	// StampedAccepted counts the follow-ups, fix reports and self-scores
	// whose value changed; StampedConflicts those left with values from
	// two laptops that disagree (both kept: DB.StampedConflicts).
	StampedAccepted  int `json:"follow_up_accepted"`
	StampedConflicts int `json:"follow_up_conflicts"`
	// Files counts the evidence files whose bytes arrived with this
	// bundle and were not held; FilesMissing the files its attachments
	// name that are still not held (it was sent with --no-files).
	Files        int `json:"files,omitempty"`
	FilesMissing int `json:"files_missing,omitempty"`
	// FilesWaiting counts the attachments and removals of files this
	// bundle touched that wait for their finalized assessment to be
	// reopened (DB.PendingEvidence).
	FilesWaiting int    `json:"files_waiting,omitempty"`
	Receipt      string `json:"receipt,omitempty"`
	// Warnings are what a person should know about an import that stands
	// (a receipt not written, two copies of a unit that disagree), each
	// with a model code and params; WarningCodes lists them for JSON.
	Warnings     []error       `json:"-"`
	WarningCodes []model.Code  `json:"warnings,omitempty"`
	Elapsed      time.Duration `json:"elapsed_ns"`
	// Err says why the file was refused (its model code and params give
	// the words); ErrorCode is that code, for JSON readers.
	Err       error      `json:"-"`
	Error     string     `json:"error,omitempty"`
	ErrorCode model.Code `json:"error_code,omitempty"`
}

// Gap is a device's bundles that never arrived.
type Gap struct {
	Device  string  `json:"device"`
	Name    string  `json:"name"`
	Missing []int64 `json:"missing"`
}

// ImportReport is what Import did.
type ImportReport struct {
	Results []ImportResult `json:"files"`
	Gaps    []Gap          `json:"gaps,omitempty"`
	Backup  string         `json:"backup,omitempty"`
}

// Failed counts the files refused.
func (r ImportReport) Failed() int {
	n := 0
	for _, x := range r.Results {
		if x.Err != nil {
			n++
		}
	}
	return n
}

// Import merges bundle files into the database, one transaction per file.
// Each file is checked completely first (format, signature by a trusted
// key, content hash, checklist versions, audit chains, no revision changed
// under an existing ID); a file that fails any check is reported in its
// result and changes nothing. Before the first change the database is
// backed up. Importing the same files again, or in another order, leaves
// the same data. After each file a signed receipt is written.
func (db *DB) Import(ctx context.Context, paths []string, opt ImportOptions) (_ ImportReport, err error) {
	var rep ImportReport
	start := time.Now()
	var records int64
	if opt.Progress != nil {
		opt.Progress(ImportProgress{Total: len(paths)})
	}
	key, err := db.DeviceKey(ctx)
	if err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	// One checkpoint, at the end: SQLite's own every thousand pages would
	// copy the same hot pages into the file again and again while the
	// bundles are merged. Each bundle's commit is as durable in the log.
	restore, err := db.deferCheckpoints(ctx)
	if err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	defer func() {
		if cerr := restore(); cerr != nil && err == nil {
			err = fmt.Errorf("import: %w", cerr)
		}
	}()
	restoreCache, err := db.growCache(ctx)
	if err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	defer func() {
		if cerr := restoreCache(); cerr != nil && err == nil {
			err = fmt.Errorf("import: %w", cerr)
		}
	}()
	// Stages a killed import left behind go now, not while this one's
	// are in use.
	removeStaleStages(filepath.Dir(db.path))
	var next *bundleAhead
	defer func() {
		if next != nil {
			db.release(next)
		}
	}()
	devices := map[string]bool{}
	for i, path := range paths {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("import: %w", err)
		}
		t := time.Now()
		cur := next
		if cur == nil {
			cur = db.readHeader(ctx, path)
			db.stage(ctx, cur, false)
		}
		next = nil
		if i+1 < len(paths) {
			next = db.readHeader(ctx, paths[i+1])
			go db.stage(ctx, next, true)
		}
		res := db.importOne(ctx, cur, key, opt, &rep)
		db.release(cur)
		res.Elapsed = time.Since(t)
		if res.Err != nil {
			res.Error, res.ErrorCode = res.Err.Error(), model.ErrorCode(res.Err)
		}
		for _, w := range res.Warnings {
			res.WarningCodes = append(res.WarningCodes, model.ErrorCode(w))
		}
		if res.Device != "" && res.Err == nil {
			devices[res.Device] = true
		}
		records += int64(res.Records)
		rep.Results = append(rep.Results, res)
		if opt.Progress != nil {
			opt.Progress(ImportProgress{Done: i + 1, Total: len(paths), Records: records, Elapsed: time.Since(start), Last: &rep.Results[len(rep.Results)-1]})
		}
	}
	devs := make([]string, 0, len(devices))
	for d := range devices {
		devs = append(devs, d)
	}
	gaps, err := db.Gaps(ctx, devs...)
	if err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	rep.Gaps = gaps
	return rep, nil
}

// importOne checks and merges one file, staged ahead (bundleAhead).
// Whatever goes wrong is the file's result: the next file is still
// imported. Each check refuses
// before the next one spends anything (store/BUNDLE.md): the header,
// limits and signature; the signer's trust, the checklists and the bundle
// number; the payload's hash; then the payload, decoded record by record
// into a stage under hard limits; then the checks across records and
// against the database. Only then the backup, and the one write
// transaction.
func (db *DB) importOne(ctx context.Context, a *bundleAhead, key *DeviceKey, opt ImportOptions, rep *ImportReport) ImportResult {
	path := a.path
	res := a.res
	fail := func(err error) ImportResult {
		res.Err = fmt.Errorf("import %s: %w", path, err)
		res.Accepted, res.Present, res.Conflicts, res.Items = 0, 0, 0, nil
		return res
	}
	<-a.done
	if !a.staged { // refused ahead, or never staged: from the start, now
		db.release(a)
		*a = *db.readHeader(ctx, path)
		db.stage(ctx, a, false)
		res = a.res
	}
	if a.err != nil && a.f == nil {
		return fail(a.err)
	}
	// The header again, against what the files before this one merged: a
	// bundle number received meanwhile makes this one a replay, or
	// refuses it.
	var pre preCheck
	err := db.read(ctx, func(q queryer) error {
		var err error
		pre, err = verifyHeader(ctx, q, a.f)
		return err
	})
	if err != nil {
		return fail(err)
	}
	if a.err != nil {
		return fail(a.err)
	}
	if !sameKeys(pre.keys, a.keys) { // trust changed while it was staged: stage it again
		db.release(a)
		*a = *db.readHeader(ctx, path)
		if db.stage(ctx, a, false); a.err != nil {
			return fail(a.err)
		}
		res = a.res
	}
	st, f := a.st, a.f
	// The merge's transaction and its many small statements do not watch
	// the import's cancellation: database/sql and the driver would each
	// start a goroutine per statement to watch it (a million of them in a
	// national import), and the merge would wait for the processor behind
	// them. The merge checks it between its steps instead (applyBundle);
	// an interrupted import rolls back there.
	calm := context.WithoutCancel(ctx)
	if err := db.attach(ctx, st); err != nil {
		return fail(err)
	}
	defer func() {
		if err := db.detach(ctx); err != nil {
			db.log.Warn("import stage not detached", "err", err)
		}
	}()
	if pre.replay {
		res.Replay = true
		if err := db.tx(calm, func(t *txn) error { return t.replayRecords(calm, &res) }); err != nil {
			return fail(err)
		}
	} else {
		// Before the import's one backup the checks run in a read
		// transaction, so that a refused bundle costs no backup; the
		// write transaction then runs again those a write in between
		// could invalidate. Once the backup is made (or when none is
		// wanted) they run once, inside the write transaction: a refusal
		// rolls it back before anything is written.
		checked := false
		if !opt.NoBackup && rep.Backup == "" {
			if err := db.read(ctx, func(q queryer) error { return checkStaged(ctx, q) }); err != nil {
				return fail(err)
			}
			checked = true
			keep := opt.BackupKeep
			if keep == 0 {
				keep = DefaultBackupKeep
			}
			bp, err := db.Backup(ctx, keep)
			if err != nil {
				return fail(err)
			}
			rep.Backup = bp
		}
		if err := db.tx(calm, func(t *txn) error {
			if err := t.checkStaged(calm, checked); err != nil {
				return err
			}
			return t.applyBundle(ctx, path, f, &res)
		}); err != nil {
			return fail(err)
		}
	}
	rp := path + ".receipt.json"
	if opt.ReceiptPath != nil {
		rp = opt.ReceiptPath(path)
	}
	if rp != "" {
		if err := db.writeReceipt(ctx, key, rp, f.Manifest, &res); err != nil {
			// The import stands; the sender just gets no receipt this time.
			db.log.Warn("receipt not written", "file", rp, "err", err)
			res.Warnings = append(res.Warnings, err)
		} else {
			res.Receipt = rp
		}
	}
	return res
}

// stageBundle decodes the payload into a new stage beside the database.
// The checks across the bundle's own records run there too, on the
// stage's connection: they need nothing of the database.
func (db *DB) stageBundle(ctx context.Context, f *bundle.File, opt bundle.DecodeOptions, rules checklistRules) (*stage, error) {
	st, err := newStage(ctx, filepath.Dir(db.path))
	if err != nil {
		return nil, err
	}
	l, err := newStageLoader(ctx, st)
	if err != nil {
		return nil, errors.Join(err, st.remove())
	}
	if err := l.load(f, opt); err != nil {
		l.abort()
		return nil, errors.Join(err, st.remove())
	}
	if err := l.commit(); err != nil {
		return nil, errors.Join(err, st.remove())
	}
	if err := st.finish(ctx, func(q queryer) error { return checkBundle(ctx, q, rules) }); err != nil {
		return nil, errors.Join(err, st.remove())
	}
	return st, nil
}

// replayRecords lists a bundle imported before as present, row by row,
// for its receipt.
func (t *txn) replayRecords(ctx context.Context, res *ImportResult) error {
	r, err := t.ExecContext(ctx, "INSERT INTO stage.receipt(id, revision, status) SELECT id, revision, ? FROM stage.findings",
		string(model.DeliveryPresent))
	if err != nil {
		return fmt.Errorf("record receipt: %w", err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return fmt.Errorf("record receipt: %w", err)
	}
	res.Present = int(n)
	return nil
}
