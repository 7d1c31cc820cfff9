package store

import (
	"context"
	"fmt"
	"time"

	"kiemtra/model"
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
	Receipt     string         `json:"receipt,omitempty"`
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
	records   []ReceiptRecord
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
	devices := map[string]bool{}
	for i, path := range paths {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("import: %w", err)
		}
		t := time.Now()
		res := db.importOne(ctx, path, key, opt, &rep)
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

// importOne reads, checks and merges one file. Whatever goes wrong is the
// file's result: the next file is still imported.
func (db *DB) importOne(ctx context.Context, path string, key *DeviceKey, opt ImportOptions, rep *ImportReport) ImportResult {
	res := ImportResult{File: path}
	fail := func(err error) ImportResult {
		res.Err = fmt.Errorf("import %s: %w", path, err)
		res.Accepted, res.Present, res.Conflicts, res.Items, res.records = 0, 0, 0, nil, nil
		return res
	}
	b, err := ReadBundleFile(path)
	if err != nil {
		return fail(err)
	}
	m := b.Manifest
	res.Device, res.Fingerprint, res.Seq, res.Inspection = m.Device, b.Fingerprint, m.Seq, m.Title
	res.Records = m.Counts.Records()
	var replay bool
	err = db.read(ctx, func(q queryer) error {
		var err error
		if replay, err = verifyBundle(ctx, q, b); err != nil {
			return err
		}
		res.DeviceName, err = deviceName(ctx, q, m.Device)
		return err
	})
	if err != nil {
		return fail(err)
	}
	if replay {
		res.Replay = true
		for _, f := range b.Payload.Findings {
			res.records = append(res.records, ReceiptRecord{Kind: "finding", ID: f.ID, Revision: f.Revision, Status: model.DeliveryPresent})
		}
		res.Present = len(b.Payload.Findings)
	} else {
		if !opt.NoBackup && rep.Backup == "" {
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
		if err := db.tx(ctx, func(t *txn) error { return t.applyBundle(ctx, path, b, &res) }); err != nil {
			return fail(err)
		}
	}
	rp := path + ".receipt.json"
	if opt.ReceiptPath != nil {
		rp = opt.ReceiptPath(path)
	}
	if rp != "" {
		if err := db.writeReceipt(ctx, key, rp, b, &res); err != nil {
			// The import stands; the sender just gets no receipt this time.
			db.log.Warn("receipt not written", "file", rp, "err", err)
			res.Warnings = append(res.Warnings, err)
		} else {
			res.Receipt = rp
		}
	}
	return res
}
