package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"kiemtra/model"
)

// UntrustedError is returned for a bundle or receipt signed by a key this
// database does not trust. It carries what a person needs to decide.
type UntrustedError struct {
	File        string
	Fingerprint string
	Device      string
	Inspector   string
}

func (e *UntrustedError) Error() string {
	return fmt.Sprintf("%s was signed by an unknown device (fingerprint %s): if you trust it, run: kiemtra keys trust KEYFILE --name \"…\"",
		e.File, e.Fingerprint)
}

// Unwrap gives the error its model code, with the fingerprint, the short
// device ID and the inspector named as params.
func (e *UntrustedError) Unwrap() error {
	return model.NewError(model.EUntrusted, nil, e.Fingerprint, model.ShortID(e.Device), e.Inspector)
}

// Errors an import refuses a bundle with, besides the ReadBundle ones.
var (
	ErrChecklistUnknown = &model.Error{Code: model.EChecklistUnknown}
	ErrRevisionChanged  = &model.Error{Code: model.ERevisionChanged}
	ErrSeqReused        = &model.Error{Code: model.ESeqReused}
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
	Warnings    []string       `json:"warnings,omitempty"`
	Elapsed     time.Duration  `json:"elapsed_ns"`
	Err         error          `json:"-"`
	Error       string         `json:"error,omitempty"`
	records     []ReceiptRecord
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
func (db *DB) Import(ctx context.Context, paths []string, opt ImportOptions) (ImportReport, error) {
	var rep ImportReport
	start := time.Now()
	var records int64
	if opt.Progress != nil {
		opt.Progress(ImportProgress{Total: len(paths)})
	}
	key, err := db.DeviceKey(ctx)
	if err != nil {
		return rep, err
	}
	devices := map[string]bool{}
	for i, path := range paths {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		t := time.Now()
		res := db.importOne(ctx, path, key, opt, &rep)
		res.Elapsed = time.Since(t)
		if res.Err != nil {
			res.Error = res.Err.Error()
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
		return rep, err
	}
	rep.Gaps = gaps
	return rep, nil
}

func (db *DB) importOne(ctx context.Context, path string, key *DeviceKey, opt ImportOptions, rep *ImportReport) ImportResult {
	res := ImportResult{File: path}
	b, err := ReadBundleFile(path)
	if err != nil {
		res.Err = err
		return res
	}
	m := b.Manifest
	res.Device, res.Fingerprint, res.Seq, res.Inspection = m.Device, b.Fingerprint, m.Seq, m.Title
	res.Records = m.Counts.Records()
	replay, err := db.verifyBundle(ctx, path, b)
	if err != nil {
		res.Err = err
		return res
	}
	res.DeviceName = db.DeviceName(ctx, m.Device)
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
				res.Err = err
				return res
			}
			rep.Backup = bp
		}
		if err := db.tx(ctx, func(tx *sql.Tx) error { return db.applyBundle(ctx, tx, path, b, &res) }); err != nil {
			res.Err = fmt.Errorf("import %s: %w", path, err)
			res.Accepted, res.Present, res.Conflicts, res.Items, res.records = 0, 0, 0, nil, nil
			return res
		}
	}
	rp := path + ".receipt.json"
	if opt.ReceiptPath != nil {
		rp = opt.ReceiptPath(path)
	}
	if rp != "" {
		if err := db.writeReceipt(ctx, key, rp, b, &res); err != nil {
			res.Warnings = append(res.Warnings, err.Error())
		} else {
			res.Receipt = rp
		}
	}
	return res
}

// verifyBundle runs the checks that need the database, reading only. It
// reports whether the bundle was imported before (a replay).
func (db *DB) verifyBundle(ctx context.Context, path string, b *Bundle) (bool, error) {
	m := b.Manifest
	k, ok, err := db.trustedKey(ctx, b.PublicKey)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, &UntrustedError{File: path, Fingerprint: b.Fingerprint, Device: m.Device, Inspector: m.Inspector}
	}
	if k.Device != m.Device {
		return false, fmt.Errorf("%s: %w (key %s is trusted for device %s, the bundle says %s)", path, ErrKeyDevice,
			k.Fingerprint, short(k.Device), short(m.Device))
	}
	for _, c := range m.Checklists {
		var h string
		err := db.sql.QueryRowContext(ctx, "SELECT hash FROM checklists WHERE id = ? AND version = ?", c.ID, c.Version).Scan(&h)
		if errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("%s: %w: %s@%s", path, ErrChecklistUnknown, c.ID, c.Version)
		}
		if err != nil {
			return false, translate(err)
		}
		if h != c.Hash {
			return false, fmt.Errorf("%s: %w: %s@%s", path, ErrChecklistChanged, c.ID, c.Version)
		}
	}
	var held string
	var relayed bool
	err = db.sql.QueryRowContext(ctx, "SELECT hash, relayed FROM bundles_received WHERE device = ? AND seq = ?", m.Device, m.Seq).Scan(&held, &relayed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, translate(err)
	case held == m.PayloadSHA256:
		return true, nil
	case held != "":
		return false, fmt.Errorf("%s: %w (bundle %d of %s)", path, ErrSeqReused, m.Seq, short(m.Device))
	}
	if err := db.checkChains(ctx, b); err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	// No revision may arrive with other content than the one held.
	revs := make([]string, 0, len(b.revisions))
	for id := range b.revisions {
		revs = append(revs, id)
	}
	rj, _ := json.Marshal(revs)
	rows, err := db.sql.QueryContext(ctx, `SELECT revision, new FROM audit WHERE entity = 'finding'
		AND revision IN (SELECT value FROM json_each(?))`, string(rj))
	if err != nil {
		return false, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var rev, js string
		if err := rows.Scan(&rev, &js); err != nil {
			return false, err
		}
		var f model.Finding
		if err := json.Unmarshal([]byte(js), &f); err != nil {
			return false, fmt.Errorf("read revision %s: %w", rev, err)
		}
		if model.RevisionHash(f) != model.RevisionHash(b.revisions[rev].Finding) {
			return false, fmt.Errorf("%s: %w: revision %s of item %s", path, ErrRevisionChanged, short(rev), f.ItemCode)
		}
	}
	return false, rows.Err()
}

type chainNode struct{ prev, hash string }

// checkChains compares the bundle's audit chains with every link held: an
// entry held with another hash was rewritten; a neighbour that does not
// link was inserted or removed.
func (db *DB) checkChains(ctx context.Context, b *Bundle) error {
	chains := map[string]map[int64]chainNode{}
	put := func(dev string, seq int64, n chainNode) {
		if chains[dev] == nil {
			chains[dev] = map[int64]chainNode{}
		}
		chains[dev][seq] = n
	}
	for _, e := range b.Payload.Audit {
		put(e.Device, e.DevSeq, chainNode{e.PrevHash, e.Hash})
	}
	for _, l := range b.Payload.Links {
		put(l.Device, l.DevSeq, chainNode{l.PrevHash, l.Hash})
	}
	devs := make([]string, 0, len(chains))
	for d := range chains {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	for _, dev := range devs {
		held, err := db.heldChain(ctx, dev)
		if err != nil {
			return err
		}
		for seq, n := range chains[dev] {
			if h, ok := held[seq]; ok && (h.hash != n.hash || h.prev != n.prev) {
				return fmt.Errorf("%w: entry %d of device %s differs from the one received before (rewritten)", ErrChainBroken, seq, short(dev))
			}
			if h, ok := held[seq-1]; ok && h.hash != n.prev {
				return fmt.Errorf("%w: entry %d of device %s does not follow entry %d received before", ErrChainBroken, seq, short(dev), seq-1)
			}
			if h, ok := held[seq+1]; ok && h.prev != n.hash {
				return fmt.Errorf("%w: entry %d of device %s does not precede entry %d received before", ErrChainBroken, seq, short(dev), seq+1)
			}
		}
	}
	return nil
}

func (db *DB) heldChain(ctx context.Context, dev string) (map[int64]chainNode, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT dev_seq, prev_hash, hash FROM audit WHERE device = ?1
		UNION ALL SELECT dev_seq, prev_hash, hash FROM audit_links WHERE device = ?1`, dev)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[int64]chainNode{}
	for rows.Next() {
		var s int64
		var n chainNode
		if err := rows.Scan(&s, &n.prev, &n.hash); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// applyBundle merges a verified bundle in the caller's transaction.
func (db *DB) applyBundle(ctx context.Context, tx *sql.Tx, path string, b *Bundle, res *ImportResult) error {
	// Re-keying a record created twice updates parent and child rows in
	// turn; foreign keys are checked at commit.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	m := b.Manifest
	p := &b.Payload
	// The checks ran outside this transaction; run the ones a concurrent
	// write could invalidate again.
	if err := db.checkChainsTx(ctx, tx, b); err != nil {
		return err
	}
	if err := mergeInspection(ctx, tx, p.Inspections[0]); err != nil {
		return err
	}
	for _, al := range p.Aliases {
		if err := unify(ctx, tx, al.Kind, al.Alias, al.Canonical); err != nil {
			return err
		}
	}
	for _, u := range p.Units {
		if err := res.mergeUnit(ctx, tx, u); err != nil {
			return err
		}
	}
	for _, a := range p.Assessments {
		if err := res.mergeAssessment(ctx, tx, a); err != nil {
			return err
		}
	}
	if err := db.mergeFindings(ctx, tx, b, res); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO audit(id, device, dev_seq, at, actor, entity, entity_id, action,
		old, new, revision, base_revision, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	defer ins.Close()
	dropLink, err := tx.PrepareContext(ctx, "DELETE FROM audit_links WHERE device = ? AND dev_seq = ?")
	if err != nil {
		return err
	}
	defer dropLink.Close()
	hasLinks := map[string]bool{}
	for _, e := range p.Audit {
		if _, err := ins.ExecContext(ctx, e.ID, e.Device, e.DevSeq, formatTime(e.At), e.Actor, e.Entity, e.EntityID, e.Action,
			e.Old, e.New, e.Revision, e.BaseRevision, e.PrevHash, e.Hash); err != nil {
			return fmt.Errorf("write audit: %w", err)
		}
		has, ok := hasLinks[e.Device]
		if !ok {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM audit_links WHERE device = ?", e.Device).Scan(&n); err != nil {
				return err
			}
			has = n > 0
			hasLinks[e.Device] = has
		}
		if has {
			if _, err := dropLink.ExecContext(ctx, e.Device, e.DevSeq); err != nil {
				return err
			}
		}
	}
	link, err := tx.PrepareContext(ctx, `INSERT INTO audit_links(device, dev_seq, prev_hash, hash)
		SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM audit WHERE device = ?1 AND dev_seq = ?2) ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	defer link.Close()
	for _, l := range p.Links {
		if _, err := link.ExecContext(ctx, l.Device, l.DevSeq, l.PrevHash, l.Hash); err != nil {
			return err
		}
	}
	now := formatTime(db.Now())
	if _, err := tx.ExecContext(ctx, `INSERT INTO bundles_received(device, seq, hash, relayed, via, file, received_at)
		VALUES (?, ?, ?, 0, '', ?, ?) ON CONFLICT(device, seq) DO UPDATE SET hash = excluded.hash, relayed = 0,
		file = excluded.file, received_at = excluded.received_at`, m.Device, m.Seq, m.PayloadSHA256, path, now); err != nil {
		return err
	}
	for _, r := range p.Received {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bundles_received(device, seq, relayed, via, received_at)
			VALUES (?, ?, 1, ?, ?) ON CONFLICT DO NOTHING`, r.Device, r.Seq, m.Device, now); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) checkChainsTx(ctx context.Context, tx *sql.Tx, b *Bundle) error {
	// The single pooled connection is this transaction's, so the reads in
	// checkChains would wait for it; compare the few entries directly.
	st, err := tx.PrepareContext(ctx, `SELECT hash FROM audit WHERE device = ?1 AND dev_seq = ?2
		UNION ALL SELECT hash FROM audit_links WHERE device = ?1 AND dev_seq = ?2`)
	if err != nil {
		return err
	}
	defer st.Close()
	known := map[string]bool{}
	for _, e := range b.Payload.Audit {
		k, ok := known[e.Device]
		if !ok {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit WHERE device = ?1)
				+ (SELECT count(*) FROM audit_links WHERE device = ?1)`, e.Device).Scan(&n); err != nil {
				return err
			}
			k = n > 0
			known[e.Device] = k
		}
		if !k {
			continue
		}
		var h string
		err := st.QueryRowContext(ctx, e.Device, e.DevSeq).Scan(&h)
		if err == nil && h != e.Hash {
			return fmt.Errorf("%w: entry %d of device %s differs from the one received before (rewritten)", ErrChainBroken, e.DevSeq, short(e.Device))
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}

func mergeInspection(ctx context.Context, tx *sql.Tx, in InspectionRecord) error {
	var upd string
	old, err := getInspection(ctx, tx, in.ID)
	if err == nil {
		if err := tx.QueryRowContext(ctx, "SELECT updated_at FROM inspections WHERE id = ?", in.ID).Scan(&upd); err != nil {
			return err
		}
		held := InspectionRecord{old, parseTime(upd)}
		if !laterRecord(in.UpdatedAt, jsonOf(in.Inspection), held.UpdatedAt, jsonOf(held.Inspection)) {
			return nil
		}
	} else if !errors.Is(err, model.ErrNotFound) {
		return err
	}
	in.Inspection = normInspection(in.Inspection)
	team, _ := json.Marshal(in.Team)
	_, err = tx.ExecContext(ctx, `INSERT INTO inspections(id, year, title, plan, decision, issuer, team, start_date, end_date, report_days, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET year=excluded.year, title=excluded.title, plan=excluded.plan, decision=excluded.decision,
		issuer=excluded.issuer, team=excluded.team, start_date=excluded.start_date, end_date=excluded.end_date,
		report_days=excluded.report_days, updated_at=excluded.updated_at`,
		in.ID, in.Year, in.Title, in.Plan, in.Decision, in.Issuer, string(team), in.Start.ISO(), in.End.ISO(), in.ReportDays,
		formatTime(in.UpdatedAt))
	return err
}

// laterRecord decides between two copies of a record without revisions:
// the later change, then the greater content, so every order of imports
// keeps the same copy.
func laterRecord(aAt time.Time, aBody string, bAt time.Time, bBody string) bool {
	if !aAt.Equal(bAt) {
		return aAt.After(bAt)
	}
	return aBody > bBody
}

// canon returns the ID a record is kept under.
func canon(ctx context.Context, tx *sql.Tx, kind, id string) (string, error) {
	var c string
	err := tx.QueryRowContext(ctx, "SELECT canonical FROM id_aliases WHERE kind = ? AND alias = ?", kind, id).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return id, nil
	}
	return c, err
}

// unify makes a and b one record, kept under the smaller ID (the same
// choice in every database, whatever the order of imports). It returns the
// kept ID.
func unify(ctx context.Context, tx *sql.Tx, kind, a, b string) error {
	_, err := unifyIDs(ctx, tx, kind, a, b)
	return err
}

func unifyIDs(ctx context.Context, tx *sql.Tx, kind, a, b string) (string, error) {
	ca, err := canon(ctx, tx, kind, a)
	if err != nil {
		return "", err
	}
	cb, err := canon(ctx, tx, kind, b)
	if err != nil {
		return "", err
	}
	if ca == cb {
		return ca, nil
	}
	keep, drop := ca, cb
	if drop < keep {
		keep, drop = drop, keep
	}
	if err := rekey(ctx, tx, kind, drop, keep); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE id_aliases SET canonical = ? WHERE kind = ? AND canonical = ?", keep, kind, drop); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO id_aliases(kind, alias, canonical) VALUES (?, ?, ?)
		ON CONFLICT(kind, alias) DO UPDATE SET canonical = excluded.canonical`, kind, drop, keep); err != nil {
		return "", err
	}
	return keep, nil
}

// rekey moves a record's row (if held) from ID old to ID keep.
func rekey(ctx context.Context, tx *sql.Tx, kind, old, keep string) error {
	table := map[string]string{"unit": "units", "assessment": "assessments", "finding": "findings"}[kind]
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id IN (?, ?)", old, keep).Scan(&n); err != nil {
		return err
	}
	if n == 2 {
		return fmt.Errorf("%w: %s %s and %s are different records", ErrBundleContent, kind, short(old), short(keep))
	}
	stmts := map[string][]string{
		"unit":       {"UPDATE units SET id = ?1 WHERE id = ?2", "UPDATE assessments SET unit_id = ?1 WHERE unit_id = ?2"},
		"assessment": {"UPDATE assessments SET id = ?1 WHERE id = ?2", "UPDATE findings SET assessment_id = ?1 WHERE assessment_id = ?2", "UPDATE conflicts SET assessment_id = ?1 WHERE assessment_id = ?2"},
		"finding":    {"UPDATE findings SET id = ?1 WHERE id = ?2", "UPDATE conflicts SET finding_id = ?1 WHERE finding_id = ?2"},
	}[kind]
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s, keep, old); err != nil {
			return fmt.Errorf("re-key %s: %w", kind, err)
		}
	}
	return nil
}

func (res *ImportResult) mergeUnit(ctx context.Context, tx *sql.Tx, u model.Unit) error {
	u.Code = upper(nfc(u.Code))
	u.Name, u.Address = nfc(u.Name), nfc(u.Address)
	held, err := scanUnit(tx.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE code = ?", u.Code))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id, err := canon(ctx, tx, "unit", u.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO units(id, code, name, kind, address) VALUES (?,?,?,?,?)", id, u.Code, u.Name, string(u.Kind), u.Address)
		return err
	case err != nil:
		return err
	}
	id, err := unifyIDs(ctx, tx, "unit", held.ID, u.ID)
	if err != nil {
		return err
	}
	body := func(x model.Unit) string { return x.Name + "\x00" + string(x.Kind) + "\x00" + x.Address }
	if body(u) > body(held) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("unit %s: the two files disagree on its name or address; kept %q", u.Code, u.Name))
		_, err = tx.ExecContext(ctx, "UPDATE units SET name = ?, kind = ?, address = ? WHERE id = ?", u.Name, string(u.Kind), u.Address, id)
	}
	return err
}

func (res *ImportResult) mergeAssessment(ctx context.Context, tx *sql.Tx, a model.Assessment) error {
	unit, err := canon(ctx, tx, "unit", a.UnitID)
	if err != nil {
		return err
	}
	a.UnitID = unit
	held, err := scanAssessment(tx.QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE inspection_id = ? AND unit_id = ?",
		a.InspectionID, a.UnitID))
	if errors.Is(err, sql.ErrNoRows) {
		id, err := canon(ctx, tx, "assessment", a.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO assessments(`+assessmentCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			id, a.InspectionID, a.UnitID, a.ChecklistID, a.ChecklistVersion, a.Date.ISO(), nfc(a.Place), string(a.Status),
			nfc(a.Representative), nfc(a.RepresentativePosition), nfc(a.UnitComments), nfc(a.Strengths),
			formatTime(a.FinalizedAt), nfc(a.FinalizedBy), formatTime(a.UpdatedAt))
		return err
	}
	if err != nil {
		return err
	}
	id, err := unifyIDs(ctx, tx, "assessment", held.ID, a.ID)
	if err != nil {
		return err
	}
	if held.ChecklistID != a.ChecklistID || held.ChecklistVersion != a.ChecklistVersion {
		res.Warnings = append(res.Warnings, fmt.Sprintf("assessment %s: the files use different checklist versions (%s@%s here, %s@%s in the bundle); kept this one",
			short(id), held.ChecklistID, held.ChecklistVersion, a.ChecklistID, a.ChecklistVersion))
	}
	meta := func(x model.Assessment) string {
		x.ID, x.UpdatedAt, x.ChecklistID, x.ChecklistVersion, x.UnitID = "", time.Time{}, "", "", ""
		return jsonOf(x)
	}
	if !laterRecord(a.UpdatedAt, meta(a), held.UpdatedAt, meta(held)) {
		return nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE assessments SET visit_date=?, place=?, status=?, representative=?, representative_position=?,
		unit_comments=?, strengths=?, finalized_at=?, finalized_by=?, updated_at=? WHERE id=?`,
		a.Date.ISO(), nfc(a.Place), string(a.Status), nfc(a.Representative), nfc(a.RepresentativePosition), nfc(a.UnitComments),
		nfc(a.Strengths), formatTime(a.FinalizedAt), nfc(a.FinalizedBy), formatTime(a.UpdatedAt), id)
	return err
}

// revInfo is one revision with the finding it describes.
type revInfo struct {
	rev model.Rev
	f   model.Finding
}

func revFromEntry(e AuditEntry) (revInfo, error) {
	var f model.Finding
	if err := json.Unmarshal([]byte(e.New), &f); err != nil {
		return revInfo{}, fmt.Errorf("read revision %s: %w", e.Revision, err)
	}
	var merged []string
	if e.Action == "resolve" {
		var sides []model.Finding
		if err := json.Unmarshal([]byte(e.Old), &sides); err != nil {
			return revInfo{}, fmt.Errorf("read resolution %s: %w", e.Revision, err)
		}
		for _, s := range sides {
			merged = append(merged, s.Revision)
		}
	}
	return revInfo{model.RevOf(f, merged...), f}, nil
}

// heldRevisions loads every revision of a finding known under any of its
// IDs.
func heldRevisions(ctx context.Context, q querier, ids []string) (map[string]revInfo, error) {
	var rows *sql.Rows
	var err error
	if len(ids) == 1 {
		rows, err = q.QueryContext(ctx, "SELECT "+auditCols+` FROM audit WHERE entity_id = ? AND entity = 'finding' AND revision != ''`, ids[0])
	} else {
		j, _ := json.Marshal(ids)
		rows, err = q.QueryContext(ctx, "SELECT "+auditCols+` FROM audit WHERE entity = 'finding' AND revision != ''
		AND entity_id IN (SELECT value FROM json_each(?))`, string(j))
	}
	if err != nil {
		return nil, err
	}
	return scanRevisions(rows)
}

func scanRevisions(rows *sql.Rows) (map[string]revInfo, error) {
	defer rows.Close()
	out := map[string]revInfo{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		ri, err := revFromEntry(e)
		if err != nil {
			return nil, err
		}
		out[ri.rev.ID] = ri
	}
	return out, rows.Err()
}

// findingNames lists every ID a finding is known by.
func findingNames(ctx context.Context, q querier, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT alias FROM id_aliases WHERE kind = 'finding' AND canonical = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{id}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

type findingGroup struct {
	assessment, item string
	ids              map[string]bool
	revs             []revInfo
	rows             []model.Finding // the sender's current rows
}

func (db *DB) mergeFindings(ctx context.Context, tx *sql.Tx, b *Bundle, res *ImportResult) error {
	groups := map[string]*findingGroup{}
	assessCanon := map[string]string{}
	groupOf := func(f model.Finding) (*findingGroup, error) {
		ca, ok := assessCanon[f.AssessmentID]
		if !ok {
			var err error
			if ca, err = canon(ctx, tx, "assessment", f.AssessmentID); err != nil {
				return nil, err
			}
			assessCanon[f.AssessmentID] = ca
		}
		k := ca + "\x00" + f.ItemCode
		g := groups[k]
		if g == nil {
			g = &findingGroup{assessment: ca, item: f.ItemCode, ids: map[string]bool{}}
			groups[k] = g
		}
		g.ids[f.ID] = true
		return g, nil
	}
	for _, r := range b.revisions {
		g, err := groupOf(r.Finding)
		if err != nil {
			return err
		}
		g.revs = append(g.revs, revInfo{model.RevOf(r.Finding, r.Merged...), r.Finding})
	}
	for _, f := range b.Payload.Findings {
		g, err := groupOf(f)
		if err != nil {
			return err
		}
		g.rows = append(g.rows, f)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	heldRow, err := tx.PrepareContext(ctx, "SELECT "+findingCols+" FROM findings WHERE assessment_id = ? AND item_code = ?")
	if err != nil {
		return err
	}
	defer heldRow.Close()
	aliasCount, err := tx.PrepareContext(ctx, "SELECT count(*) FROM id_aliases WHERE kind = 'finding' AND canonical = ?")
	if err != nil {
		return err
	}
	defer aliasCount.Close()
	oneRevs, err := tx.PrepareContext(ctx, "SELECT "+auditCols+" FROM audit WHERE entity_id = ? AND entity = 'finding' AND revision != ''")
	if err != nil {
		return err
	}
	defer oneRevs.Close()
	upsert, err := tx.PrepareContext(ctx, upsertFindingSQL)
	if err != nil {
		return err
	}
	defer upsert.Close()
	assessExists := map[string]bool{}
	var openConflicts int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM conflicts WHERE resolved_at = ''").Scan(&openConflicts); err != nil {
		return err
	}
	for _, k := range keys {
		g := groups[k]
		exists, ok := assessExists[g.assessment]
		if !ok {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM assessments WHERE id = ?", g.assessment).Scan(&n); err != nil {
				return err
			}
			exists = n > 0
			assessExists[g.assessment] = exists
		}
		if !exists {
			return fmt.Errorf("%w: findings of assessment %s, which is neither in the bundle nor here", ErrBundleContent, short(g.assessment))
		}
		row, err := scanFinding(heldRow.QueryRowContext(ctx, g.assessment, g.item))
		hasRow := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		ids := make([]string, 0, len(g.ids)+1)
		for id := range g.ids {
			ids = append(ids, id)
		}
		if hasRow {
			ids = append(ids, row.ID)
		}
		sort.Strings(ids)
		keep, err := canon(ctx, tx, "finding", ids[0])
		if err != nil {
			return err
		}
		for _, id := range ids[1:] {
			if keep, err = unifyIDs(ctx, tx, "finding", keep, id); err != nil {
				return err
			}
		}
		if hasRow {
			row.ID = keep
		}
		var held map[string]revInfo
		var nAlias int
		if err := aliasCount.QueryRowContext(ctx, keep).Scan(&nAlias); err != nil {
			return err
		}
		if nAlias == 0 {
			rows, err := oneRevs.QueryContext(ctx, keep)
			if err != nil {
				return err
			}
			held, err = scanRevisions(rows)
			if err != nil {
				return err
			}
		} else {
			names, err := findingNames(ctx, tx, keep)
			if err != nil {
				return err
			}
			if held, err = heldRevisions(ctx, tx, names); err != nil {
				return err
			}
		}
		heldRevs := make([]model.Rev, 0, len(held))
		for _, ri := range held {
			heldRevs = append(heldRevs, ri.rev)
		}
		incoming := make([]model.Rev, 0, len(g.revs))
		all := make(map[string]revInfo, len(held)+len(g.revs))
		for id, ri := range held {
			all[id] = ri
		}
		for _, ri := range g.revs {
			incoming = append(incoming, ri.rev)
			if _, ok := all[ri.rev.ID]; !ok {
				all[ri.rev.ID] = ri
			}
		}
		mg := model.MergeRevisions(model.NewGraph(heldRevs...), incoming)
		if mg.Delivery == model.DeliveryRefused {
			return fmt.Errorf("%w: revision %s of item %s", ErrRevisionChanged, short(mg.Refused[0].ID), g.item)
		}
		cur := all[mg.Current.ID].f
		cur.ID, cur.AssessmentID = keep, g.assessment
		if !hasRow || row.Revision != cur.Revision {
			if err := upsertFindingWith(ctx, upsert, cur); err != nil {
				return err
			}
		}
		if openConflicts > 0 || len(mg.Conflicts) > 0 {
			if err := db.reconcileConflicts(ctx, tx, keep, g.assessment, g.item, mg.Graph, all); err != nil {
				return err
			}
			openConflicts += len(mg.Conflicts)
		}
		switch mg.Delivery {
		case model.DeliveryPresent:
			res.Present++
		case model.DeliveryAccepted:
			res.Accepted++
		case model.DeliveryConflict:
			res.Conflicts++
			var code string
			_ = tx.QueryRowContext(ctx, "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.id = ?", g.assessment).Scan(&code)
			res.Items = append(res.Items, ConflictItem{FindingID: keep, UnitCode: code, ItemCode: g.item})
		}
		for _, f := range g.rows {
			res.records = append(res.records, ReceiptRecord{Kind: "finding", ID: f.ID, Revision: f.Revision, Status: mg.Delivery})
		}
	}
	sort.Slice(res.records, func(i, j int) bool { return res.records[i].ID < res.records[j].ID })
	return nil
}

const upsertFindingSQL = `INSERT INTO findings(` + findingCols + `) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET assessment_id=excluded.assessment_id, item_code=excluded.item_code,
		result=excluded.result, score=excluded.score, note=excluded.note,
		evidence=excluded.evidence, recommendation=excluded.recommendation, deadline=excluded.deadline,
		updated_by=excluded.updated_by, updated_at=excluded.updated_at, device=excluded.device,
		revision=excluded.revision, base_revision=excluded.base_revision`

func upsertFinding(ctx context.Context, tx *sql.Tx, f model.Finding) error {
	st, err := tx.PrepareContext(ctx, upsertFindingSQL)
	if err != nil {
		return err
	}
	defer st.Close()
	return upsertFindingWith(ctx, st, f)
}

func upsertFindingWith(ctx context.Context, st *sql.Stmt, f model.Finding) error {
	_, err := st.ExecContext(ctx, f.ID, f.AssessmentID, f.ItemCode, f.Result.Code(), int64(f.Score), f.Note, f.Evidence, f.Recommendation,
		f.Deadline.ISO(), f.UpdatedBy, formatTime(f.UpdatedAt), f.Device, f.Revision, f.BaseRevision)
	if err != nil {
		return fmt.Errorf("write finding %s: %w", f.ItemCode, err)
	}
	return nil
}

// Gaps lists, for the given devices (every device heard from if none),
// the bundle numbers below the highest received that never arrived,
// directly or through a relay.
func (db *DB) Gaps(ctx context.Context, devices ...string) ([]Gap, error) {
	q := "SELECT device, seq FROM bundles_received WHERE device != ? ORDER BY device, seq"
	rows, err := db.sql.QueryContext(ctx, q, db.device)
	if err != nil {
		return nil, fmt.Errorf("read received bundles: %w", translate(err))
	}
	seqs := map[string][]int64{}
	for rows.Next() {
		var d string
		var s int64
		if err := rows.Scan(&d, &s); err != nil {
			rows.Close()
			return nil, err
		}
		seqs[d] = append(seqs[d], s)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, d := range devices {
		want[d] = true
	}
	var out []Gap
	devs := make([]string, 0, len(seqs))
	for d := range seqs {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	for _, d := range devs {
		if len(want) > 0 && !want[d] {
			continue
		}
		have := seqs[d]
		var missing []int64
		next := int64(1)
		for _, s := range have {
			for ; next < s && len(missing) < 1000; next++ {
				missing = append(missing, next)
			}
			next = s + 1
		}
		if len(missing) > 0 {
			out = append(out, Gap{Device: d, Name: db.DeviceName(ctx, d), Missing: missing})
		}
	}
	return out, nil
}

// FormatSeqs writes bundle numbers compactly: "3, 5–7".
func FormatSeqs(s []int64) string {
	var parts []string
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", s[i], s[j]))
		} else {
			parts = append(parts, fmt.Sprint(s[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
