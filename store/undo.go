package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"kiemtra/model"
)

// An undo is a change like any other: a new revision of the finding,
// based on the current one, audited (action "undo") and carried in
// bundles. Its audit entry names the revision it took back ("undoes"),
// so a second undo goes one step further back instead of undoing the
// undo; a change made after an undo is undone to the value the undo
// restored.

// undoRecord is an undo's new value in the audit: the finding, and the
// revision taken back. Readers of findings ignore the extra key.
type undoRecord struct {
	model.Finding
	Undoes string `json:"undoes"`
}

// UndoFinding takes back the last change to an item's finding: it stores,
// as a new revision by actor, the value the finding had before that
// change (no result at all before the first). base must be the revision
// the caller shows (else ErrStale). It is refused on a finalized
// assessment (ErrFinalized) and when nothing is left to undo
// (ENothingToUndo, naming the item).
func (db *DB) UndoFinding(ctx context.Context, actor, assessmentID, itemCode, base string) (model.Finding, error) {
	actor = nfc(strings.TrimSpace(actor))
	if actor == "" {
		return model.Finding{}, fmt.Errorf("undo %s: %w", itemCode, invalid("actor"))
	}
	var f model.Finding
	err := db.tx(ctx, func(t *txn) error {
		a, err := getAssessment(ctx, t, assessmentID)
		if err != nil {
			return err
		}
		if a.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		cur, err := scanFinding(t.queryRow(ctx, selectFindingSQL, assessmentID, itemCode))
		if err != nil {
			return model.NewError(model.ENothingToUndo, nil, itemCode)
		}
		if cur.Revision != base {
			return ErrStale
		}
		revs, err := findingRevisions(ctx, t, cur.ID)
		if err != nil {
			return err
		}
		undone := revs.logical(cur.Revision)
		if undone == "" {
			return model.NewError(model.ENothingToUndo, nil, itemCode)
		}
		var back model.Content
		if parent := revs[undone].BaseRevision; parent != "" {
			p, ok := revs[parent]
			if !ok {
				// The history before is not held here: nothing known to go back to.
				return model.NewError(model.ENothingToUndo, nil, itemCode)
			}
			back = p.Finding.Content()
		}
		f = cur
		f.Apply(back)
		f.UpdatedBy, f.UpdatedAt, f.Device = actor, t.now(), t.device
		f.Revision, f.BaseRevision = model.NewID(), cur.Revision
		if err := t.upsertFinding(ctx, f); err != nil {
			return err
		}
		_, err = t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "finding", EntityID: f.ID, Action: string(model.ActionUndo), At: f.UpdatedAt,
			Old: jsonOf(cur), New: jsonOf(undoRecord{Finding: f, Undoes: undone}), Revision: f.Revision, BaseRevision: f.BaseRevision})
		return err
	})
	if err != nil {
		return f, fmt.Errorf("undo %s: %w", itemCode, err)
	}
	return f, nil
}

// revisionEntry is a revision of a finding as its audit entry tells it.
type revisionEntry struct {
	model.Finding
	entry  AuditEntry
	undoes string // for an undo: the revision it took back
}

// revisions are a finding's revisions held here, by revision ID.
type revisions map[string]revisionEntry

// findingRevisions reads the revisions of a finding (under every ID it
// has had) from the audit.
func findingRevisions(ctx context.Context, q queryer, findingID string) (revisions, error) {
	names, err := findingNames(ctx, q, findingID)
	if err != nil {
		return nil, err
	}
	entries, err := auditEntries(ctx, q, "SELECT "+auditCols+
		" FROM audit WHERE entity = 'finding' AND revision <> '' AND entity_id IN (SELECT value FROM json_each(?)) ORDER BY seq",
		jsonList(names))
	if err != nil {
		return nil, err
	}
	out := make(revisions, len(entries))
	for _, e := range entries {
		var r undoRecord
		if err := json.Unmarshal([]byte(e.New), &r); err != nil {
			return nil, fmt.Errorf("read revision %s: %w", short(e.Revision), err)
		}
		out[e.Revision] = revisionEntry{Finding: r.Finding, entry: e, undoes: r.Undoes}
	}
	return out, nil
}

// logical is the change the finding's value at revision rev stands for:
// rev itself for a change, and for an undo the change it went back to
// (the one before the change it took back). "" is the finding before its
// first answer.
func (rs revisions) logical(rev string) string {
	for seen := 0; rev != "" && seen <= len(rs); seen++ {
		r, ok := rs[rev]
		if !ok {
			return ""
		}
		if r.entry.Action != string(model.ActionUndo) {
			return rev
		}
		taken, ok := rs[r.undoes]
		if !ok {
			return ""
		}
		rev = taken.BaseRevision
	}
	return ""
}
