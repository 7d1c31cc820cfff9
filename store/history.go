package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"kiemtra/model"
)

// FindingChanges is the history of an item's finding in an assessment,
// oldest first: every change held here (made on this device or received
// in bundles), with who made it, when, on which device and the value
// before and after. An item never answered has none.
func (db *DB) FindingChanges(ctx context.Context, assessmentID, itemCode string) ([]model.FindingChange, error) {
	var out []model.FindingChange
	err := db.read(ctx, func(q queryer) error {
		var id string
		err := q.QueryRowContext(ctx, "SELECT id FROM findings WHERE assessment_id = ? AND item_code = ?", assessmentID, itemCode).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read finding: %w", err)
		}
		names, err := findingNames(ctx, q, id)
		if err != nil {
			return err
		}
		entries, err := auditEntries(ctx, q, "SELECT "+auditCols+
			" FROM audit WHERE entity = 'finding' AND entity_id IN (SELECT value FROM json_each(?)) ORDER BY at, seq", jsonList(names))
		if err != nil {
			return err
		}
		devices, err := deviceNames(ctx, q)
		if err != nil {
			return err
		}
		for _, e := range inChangeOrder(entries) {
			c, err := changeOf(e)
			if err != nil {
				return err
			}
			c.Local = e.Device == db.device
			if !c.Local {
				c.DeviceName = devices[e.Device]
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read history of %s: %w", itemCode, err)
	}
	return out, nil
}

// inChangeOrder is entries (in time order) with every change after the
// one it was based on: two laptops' clocks never agree exactly, and a
// history whose "before" comes after its "after" reads as nonsense.
func inChangeOrder(entries []AuditEntry) []AuditEntry {
	byRev := map[string]bool{}
	for _, e := range entries {
		if e.Revision != "" {
			byRev[e.Revision] = true
		}
	}
	out := make([]AuditEntry, 0, len(entries))
	done := map[string]bool{}
	left := entries
	for len(left) > 0 {
		next := 0
		for i, e := range left {
			if e.BaseRevision == "" || !byRev[e.BaseRevision] || done[e.BaseRevision] {
				next = i
				break
			}
		}
		e := left[next]
		out = append(out, e)
		done[e.Revision] = true
		left = append(left[:next:next], left[next+1:]...)
	}
	return out
}

// changeOf reads one audit entry about a finding as a change.
func changeOf(e AuditEntry) (model.FindingChange, error) {
	c := model.FindingChange{At: e.At, Actor: e.Actor, Device: e.Device, Action: model.ChangeAction(e.Action)}
	var n model.Finding
	if err := json.Unmarshal([]byte(e.New), &n); err != nil {
		return c, fmt.Errorf("read change %s: %w", short(e.ID), err)
	}
	c.New = n.Content()
	switch {
	case e.Old == "":
	case e.Action == string(model.ActionResolve):
		// A resolution replaced both sides; the one it is based on is
		// this device's value before.
		var sides []model.Finding
		if err := json.Unmarshal([]byte(e.Old), &sides); err != nil {
			return c, fmt.Errorf("read change %s: %w", short(e.ID), err)
		}
		for _, s := range sides {
			if s.Revision == e.BaseRevision {
				c.Old, c.HadOld = s.Content(), true
			}
		}
	default:
		var o model.Finding
		if err := json.Unmarshal([]byte(e.Old), &o); err != nil {
			return c, fmt.Errorf("read change %s: %w", short(e.ID), err)
		}
		c.Old, c.HadOld = o.Content(), true
	}
	return c, nil
}
