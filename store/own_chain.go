package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// This device's own audit chain is checked before it sends anything, so
// a bit flipped on its disk is found here, named, and never sent to
// receivers who would all refuse it. The check is incremental: the entry
// up to which the chain was found sound is remembered, and only what came
// after is read again (kiemtra check reads it all).

// settingChainChecked remembers "<dev_seq> <hash>" of the last own entry
// checked.
const settingChainChecked = "own_chain_checked"

// chainBatch is how many entries one step of the check reads.
const chainBatch = 2000

// checkOwnChain checks this device's entries after the remembered one (all
// of them if full), signs those made before entries were signed, and
// remembers how far the chain is sound. A damaged entry is refused with
// what it was about.
func (t *txn) checkOwnChain(ctx context.Context, full bool) error {
	key, err := t.key(ctx, t)
	if err != nil {
		return err
	}
	var from int64
	var mark string
	if !full {
		var v string
		err := t.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", settingChainChecked).Scan(&v)
		if err == nil {
			s, h, _ := strings.Cut(v, " ")
			if n, perr := strconv.ParseInt(s, 10, 64); perr == nil {
				from, mark = n, h
			}
		}
	}
	var prev *AuditEntry
	next := max(from, 1)
	for {
		es, err := auditEntries(ctx, t, "SELECT "+auditCols+" FROM audit WHERE device = ? AND dev_seq >= ? ORDER BY dev_seq LIMIT ?",
			t.device, next, chainBatch)
		if err != nil {
			return err
		}
		if len(es) == 0 {
			break
		}
		for i := range es {
			e := es[i]
			if e.DevSeq == from && mark != "" && e.Hash != mark {
				return t.damagedEntry(ctx, e, "the entry differs from when it was last checked")
			}
			if prev == nil && e.DevSeq != next {
				return t.damagedEntry(ctx, e, "entries are missing before it")
			}
			if err := bundle.VerifyNext(prev, e); err != nil {
				return t.damagedEntry(ctx, e, err.Error())
			}
			if e.Sig == "" {
				// Made before entries were signed: this device vouches for
				// it now that it is found intact.
				bundle.SignEntry(key, &e)
				if _, err := t.ExecContext(ctx, "UPDATE audit SET sig = ? WHERE device = ? AND dev_seq = ?", e.Sig, e.Device, e.DevSeq); err != nil {
					return fmt.Errorf("sign audit entry %d: %w", e.DevSeq, err)
				}
			}
			prev = &es[i]
		}
		next = prev.DevSeq + 1
	}
	if prev == nil {
		return nil
	}
	return t.setSetting(ctx, settingChainChecked, strconv.FormatInt(prev.DevSeq, 10)+" "+prev.Hash)
}

// damagedEntry refuses a damaged entry of this device's chain, naming the
// record it is about, when it was saved and by whom.
func (t *txn) damagedEntry(ctx context.Context, e AuditEntry, why string) error {
	return model.NewError(model.EDamagedEntry, fmt.Errorf("entry %d: %s", e.DevSeq, why),
		strconv.FormatInt(e.DevSeq, 10), describeRecord(ctx, t, e.Entity, e.EntityID), e.At.Local().Format("02/01/2006 15:04"), e.Actor)
}

// describeRecord names a record as people know it: a unit's code, a
// finding's unit and item, an inspection's title; the short ID if it is
// not held.
func describeRecord(ctx context.Context, q queryer, entity, id string) string {
	var s string
	var err error
	switch entity {
	case "finding":
		err = q.QueryRowContext(ctx, `SELECT u.code || ' ' || f.item_code FROM findings f JOIN assessments a ON a.id = f.assessment_id
			JOIN units u ON u.id = a.unit_id WHERE f.id = ?`, id).Scan(&s)
	case "assessment":
		err = q.QueryRowContext(ctx, "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.id = ?", id).Scan(&s)
	case "unit":
		err = q.QueryRowContext(ctx, "SELECT code FROM units WHERE id = ?", id).Scan(&s)
	case "inspection":
		err = q.QueryRowContext(ctx, "SELECT title FROM inspections WHERE id = ?", id).Scan(&s)
	}
	if err != nil || s == "" {
		return short(id)
	}
	return s
}
