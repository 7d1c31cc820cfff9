package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// stageLoader writes each decoded record into the stage (a
// bundle.Visitor), in one transaction of the stage's own connection.
type stageLoader struct {
	ctx   context.Context
	s     *stage
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// The loader's statements, by record kind.
var stageInserts = map[string]string{
	"inspection": "INSERT INTO inspection(id, json, updated_at) VALUES (?,?,?)",
	"unit":       "INSERT INTO units(id, code, json) VALUES (?,?,?)",
	"assessment": "INSERT INTO assessments(id, unit_id, json) VALUES (?,?,?)",
	"alias":      "INSERT INTO aliases(kind, alias, canonical) VALUES (?,?,?) ON CONFLICT DO NOTHING",
	"finding":    "INSERT INTO findings(id, assessment_id, item_code, revision, row_key) VALUES (?,?,?,?,?)",
	"chain": `INSERT INTO chain(device, dev_seq, prev_hash, hash, sig, full, at, proof) VALUES (?,?,?,?,?,?,?,?)
		ON CONFLICT DO NOTHING`,
	"chainHeld":  "SELECT prev_hash, hash, full FROM chain WHERE device = ? AND dev_seq = ?",
	"chainFull":  "UPDATE chain SET full = 1, at = ?, sig = CASE WHEN sig = '' THEN ? ELSE sig END, proof = min(proof, ?) WHERE device = ? AND dev_seq = ?",
	"chainProof": "UPDATE chain SET sig = ?, proof = ? WHERE device = ? AND dev_seq = ? AND sig = '' AND ? != ''",
	"entry": `INSERT INTO entries(device, dev_seq, id, at, actor, entity, entity_id, action, old, new, revision, base_revision,
		prev_hash, hash, sig, kind, rev_id, rev_key, rev_hash, assessment_id, item_code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
	"statement": "INSERT INTO statements(device, seq, inspection, created, entries, sig) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
	"received":  "INSERT INTO received(device, seq) VALUES (?,?) ON CONFLICT DO NOTHING",
	"blob":      "INSERT INTO blob_chunks(sha256, seq, data) VALUES (?,?,?)",
}

func newStageLoader(ctx context.Context, s *stage) (*stageLoader, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("load import stage: %w", stageErr(s.path, err))
	}
	// Each record is a statement: they run without the import's
	// cancellation, which the transaction watches (see importOne).
	return &stageLoader{ctx: context.WithoutCancel(ctx), s: s, tx: tx, stmts: map[string]*sql.Stmt{}}, nil
}

// load decodes f into the stage, with the loader's statements prepared
// for the length of it.
func (l *stageLoader) load(f *bundle.File, opt bundle.DecodeOptions) error {
	for k, q := range stageInserts {
		st, err := l.tx.PrepareContext(l.ctx, q)
		if err != nil {
			return fmt.Errorf("load import stage: %w", stageErr(l.s.path, err))
		}
		defer closeStmt(st)
		l.stmts[k] = st
	}
	return f.Decode(opt, l)
}

// commit ends the load.
func (l *stageLoader) commit() error {
	if err := l.tx.Commit(); err != nil {
		return fmt.Errorf("load import stage: %w", stageErr(l.s.path, err))
	}
	return nil
}

// abort drops the load (the stage is removed anyway).
func (l *stageLoader) abort() { _ = l.tx.Rollback() } // scratch: nothing to keep

func (l *stageLoader) exec(kind string, args ...any) (sql.Result, error) {
	r, err := l.stmts[kind].ExecContext(l.ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("load import stage: %w", stageErr(l.s.path, err))
	}
	return r, nil
}

// dup reports whether a unique key of the stage refused a row: the bundle
// holds the same record twice.
func dup(err error) bool { return sqliteCode(err) == sqliteConstraint }

// sqliteConstraint is SQLite's SQLITE_CONSTRAINT result code.
const sqliteConstraint = 19

func (l *stageLoader) Inspection(r bundle.InspectionRecord) error {
	_, err := l.exec("inspection", r.ID, jsonOf(r.Inspection), formatTime(r.UpdatedAt))
	return err
}

func (l *stageLoader) Unit(u model.Unit) error {
	_, err := l.exec("unit", u.ID, upper(nfc(u.Code)), jsonOf(u))
	if dup(err) {
		return contentErr(u.Code, "the unit appears twice")
	}
	return err
}

func (l *stageLoader) Assessment(a model.Assessment) error {
	_, err := l.exec("assessment", a.ID, a.UnitID, jsonOf(a))
	return err
}

func (l *stageLoader) Alias(a bundle.Alias) error {
	_, err := l.exec("alias", a.Kind, a.Alias, a.Canonical)
	return err
}

func (l *stageLoader) Finding(f model.Finding) error {
	_, err := l.exec("finding", f.ID, f.AssessmentID, f.ItemCode, f.Revision, bundle.RowKey(f))
	if dup(err) {
		return contentErr(f.ItemCode, "the finding appears twice")
	}
	return err
}

// node stages an entry's or link's place in its chain: the same place
// twice must be the same link; an entry fills in a link.
func (l *stageLoader) node(c bundle.ChainLink, full bool, at int64, proof bundle.Proof) error {
	res, err := l.exec("chain", c.Device, c.DevSeq, c.PrevHash, c.Hash, c.Sig, full, at, int(proof))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var prev, hash string
	var heldFull bool
	if err := l.stmts["chainHeld"].QueryRowContext(l.ctx, c.Device, c.DevSeq).Scan(&prev, &hash, &heldFull); err != nil {
		return fmt.Errorf("load import stage: %w", stageErr(l.s.path, err))
	}
	switch {
	case prev != c.PrevHash || hash != c.Hash:
		return model.NewError(model.EChainBroken, errors.New("the entry appears twice with different content"),
			short(c.Device), fmt.Sprint(c.DevSeq))
	case full && heldFull:
		return model.NewError(model.EChainBroken, errors.New("the entry appears twice"), short(c.Device), fmt.Sprint(c.DevSeq))
	case full:
		_, err = l.exec("chainFull", at, c.Sig, int(proof), c.Device, c.DevSeq)
	default:
		_, err = l.exec("chainProof", c.Sig, int(proof), c.Device, c.DevSeq, c.Sig)
	}
	return err
}

func (l *stageLoader) Entry(e bundle.Entry) error {
	if err := l.node(e.Link(), true, e.At.UnixNano(), e.Proof); err != nil {
		return err
	}
	kind, id, key, hash, assessment, item := "", "", "", "", "", ""
	switch {
	case e.Revision != nil:
		f := e.Revision.Finding
		kind, id, key, hash, assessment, item = "finding", f.Revision, bundle.RowKey(f), model.RevisionHash(f), f.AssessmentID, f.ItemCode
	case e.Stamped != nil:
		// assessment_id and item_code say what the revision is about: the
		// visit (or, for a fix report, the unit's code) and the item.
		about := e.Stamped.AssessmentID
		if about == "" {
			about = e.Stamped.UnitCode
		}
		kind, id, hash, assessment, item = "stamped", e.AuditEntry.Revision, e.Stamped.Rev().Hash, about, e.Stamped.ItemCode
	case e.Record != nil:
		// A record entry from before records had revisions is known by the
		// revision its content names (bundle.RecordRevisionOf).
		kind, id, hash = "record", e.Record.Revision, e.Record.Rev().Hash
	case e.Attachment != nil:
		kind, id, assessment, item = "attachment", e.Attachment.Revision, e.Attachment.AssessmentID, e.Attachment.ItemCode
	}
	_, err := l.exec("entry", e.Device, e.DevSeq, e.ID, formatTime(e.At), e.Actor, e.Entity, e.EntityID, e.Action, e.Old, e.New,
		e.AuditEntry.Revision, e.BaseRevision, e.PrevHash, e.Hash, e.Sig, kind, id, key, hash, assessment, item)
	return err
}

func (l *stageLoader) Link(k bundle.Link) error {
	return l.node(k.ChainLink, false, 0, k.Proof)
}

func (l *stageLoader) Statement(st bundle.Statement) error {
	_, err := l.exec("statement", st.Device, st.Seq, st.Inspection, formatTime(st.Created), jsonOf(st.Entries), st.Sig)
	return err
}

func (l *stageLoader) Received(r bundle.ReceivedRef) error {
	_, err := l.exec("received", r.Device, r.Seq)
	return err
}
