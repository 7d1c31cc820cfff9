package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"kiemtra/model"
)

// Conflict is one finding changed on two devices since they last agreed.
// Both values are kept: Current is what the finding shows until someone
// resolves it (the later of the two), Other the value beside it.
type Conflict struct {
	ID           string        `json:"id"`
	FindingID    string        `json:"finding_id"`
	AssessmentID string        `json:"assessment_id"`
	InspectionID string        `json:"inspection_id"`
	UnitCode     string        `json:"unit"`
	UnitName     string        `json:"unit_name"`
	ItemCode     string        `json:"item"`
	Current      model.Finding `json:"current"`
	Other        model.Finding `json:"other"`
	DetectedAt   time.Time     `json:"detected_at"`
	ResolvedAt   time.Time     `json:"resolved_at,omitzero"`
	ResolvedBy   string        `json:"resolved_by,omitempty"`
	Resolution   string        `json:"resolution_revision,omitempty"`
}

// Open reports whether the conflict still waits for a decision.
func (c Conflict) Open() bool { return c.ResolvedAt.IsZero() }

// ConflictFilter selects conflicts; the zero value means every open one.
type ConflictFilter struct {
	InspectionID string
	AssessmentID string
	Resolved     bool // include resolved conflicts too
}

// ConflictID names the conflict between two revisions, the same in every
// database.
func ConflictID(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return model.DerivedID("conflict", a, b)
}

// ErrConflictResolved is returned for a conflict already resolved.
var ErrConflictResolved = &model.Error{Code: model.EResolved}

// reconcileConflicts makes the conflicts table match what a finding's
// revisions decide (model.ViewFinding): every pair open, and every open
// conflict no longer among them closed, naming the revision that
// superseded it.
func (t *txn) reconcileConflicts(ctx context.Context, findingID, assessmentID, item string, g *model.Graph, pairs []model.Pair,
	all map[string]revInfo) error {
	heads := g.Heads()
	desired := make(map[string]model.Pair, len(pairs))
	for _, p := range pairs {
		desired[ConflictID(p.Current.ID, p.Other.ID)] = p
	}
	opens, err := openConflicts(ctx, t, findingID)
	if err != nil {
		return err
	}
	now := formatTime(t.now())
	for _, o := range opens {
		if _, ok := desired[o.id]; ok {
			continue
		}
		// The head that descends from both sides resolved it; failing
		// that, the one that superseded either side.
		var by, res string
		for _, pass := range []bool{true, false} {
			for _, h := range heads {
				a, b := g.Ancestor(o.cur, h.ID), g.Ancestor(o.other, h.ID)
				if (pass && a && b) || (!pass && (a || b)) {
					res, by = h.ID, all[h.ID].f.UpdatedBy
					break
				}
			}
			if res != "" {
				break
			}
		}
		if _, err := t.ExecContext(ctx, "UPDATE main.conflicts SET resolved_at = ?, resolved_by = ?, resolution_revision = ? WHERE id = ?",
			now, by, res, o.id); err != nil {
			return fmt.Errorf("close conflict: %w", err)
		}
	}
	ids := make([]string, 0, len(desired))
	for id := range desired {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		p := desired[id]
		cur := all[p.Current.ID].f
		if p.Current.ID == "" {
			// The signed record left the item unanswered.
			cur = model.Finding{ID: findingID, AssessmentID: assessmentID, ItemCode: item}
		}
		_, err := t.ExecContext(ctx, `INSERT INTO main.conflicts(id, finding_id, assessment_id, item_code, current_revision, other_revision,
			current_json, other_json, detected_at) VALUES (?,?,?,?,?,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET finding_id = excluded.finding_id, assessment_id = excluded.assessment_id,
			current_revision = excluded.current_revision, other_revision = excluded.other_revision,
			current_json = excluded.current_json, other_json = excluded.other_json WHERE resolved_at = ''`,
			id, findingID, assessmentID, item, p.Current.ID, p.Other.ID, jsonOf(cur), jsonOf(all[p.Other.ID].f), now)
		if err != nil {
			return fmt.Errorf("record conflict: %w", err)
		}
	}
	return nil
}

// findingView decides a held finding as model.ViewFinding does, with its
// assessment's revisions as held.
func findingView(ctx context.Context, q queryer, findingID, assessmentID, item string) (*model.Graph, map[string]revInfo, model.FindingView, error) {
	g, all, err := findingGraph(ctx, q, findingID)
	if err != nil {
		return nil, nil, model.FindingView{}, err
	}
	view, err := assessmentView(ctx, q, assessmentID)
	if err != nil {
		return nil, nil, model.FindingView{}, err
	}
	made := make(map[string]string, len(all))
	for id, ri := range all {
		made[id] = ri.made
	}
	return g, all, model.ViewFinding(view, g, item, made), nil
}

// openConflict is an open conflict's pair of revisions.
type openConflict struct{ id, cur, other string }

// openConflicts lists a finding's open conflicts.
func openConflicts(ctx context.Context, q queryer, findingID string) ([]openConflict, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, current_revision, other_revision FROM conflicts WHERE finding_id = ? AND resolved_at = ''", findingID)
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	defer closeRows(rows)
	var out []openConflict
	for rows.Next() {
		var o openConflict
		if err := rows.Scan(&o.id, &o.cur, &o.other); err != nil {
			return nil, fmt.Errorf("read conflicts: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	return out, nil
}

// refreshConflicts re-reads the revisions of findings with open conflicts
// and reconciles them: an edit saved on the current value since the import
// supersedes the pair it was made on.
func (db *DB) refreshConflicts(ctx context.Context) error {
	return db.tx(ctx, func(t *txn) error {
		type fk struct{ id, a, item string }
		var fs []fk
		rows, err := t.QueryContext(ctx, `SELECT DISTINCT c.finding_id, f.assessment_id, f.item_code FROM conflicts c
			JOIN findings f ON f.id = c.finding_id WHERE c.resolved_at = ''`)
		if err != nil {
			return fmt.Errorf("read conflicts: %w", err)
		}
		defer closeRows(rows)
		for rows.Next() {
			var x fk
			if err := rows.Scan(&x.id, &x.a, &x.item); err != nil {
				return fmt.Errorf("read conflicts: %w", err)
			}
			fs = append(fs, x)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read conflicts: %w", err)
		}
		closeRows(rows)
		for _, x := range fs {
			g, all, fv, err := findingView(ctx, t, x.id, x.a, x.item)
			if err != nil {
				return err
			}
			if err := t.reconcileConflicts(ctx, x.id, x.a, x.item, g, fv.Pairs, all); err != nil {
				return err
			}
		}
		return nil
	})
}

// findingGraph is every revision held of a finding, under any of its IDs.
func findingGraph(ctx context.Context, q queryer, findingID string) (*model.Graph, map[string]revInfo, error) {
	names, err := findingNames(ctx, q, findingID)
	if err != nil {
		return nil, nil, err
	}
	all, err := heldRevisions(ctx, q, names)
	if err != nil {
		return nil, nil, err
	}
	revs := make([]model.Rev, 0, len(all))
	for _, ri := range all {
		revs = append(revs, ri.rev)
	}
	return model.NewGraph(revs...), all, nil
}

// Conflicts lists conflicts, open ones first, by unit and item.
func (db *DB) Conflicts(ctx context.Context, f ConflictFilter) ([]Conflict, error) {
	if err := db.refreshConflicts(ctx); err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	q := `SELECT ` + conflictCols + `
		FROM conflicts c JOIN assessments a ON a.id = c.assessment_id JOIN units u ON u.id = a.unit_id WHERE 1=1`
	var args []any
	if f.InspectionID != "" {
		q += " AND a.inspection_id = ?"
		args = append(args, f.InspectionID)
	}
	if f.AssessmentID != "" {
		q += " AND c.assessment_id = ?"
		args = append(args, f.AssessmentID)
	}
	if !f.Resolved {
		q += " AND c.resolved_at = ''"
	}
	q += " ORDER BY c.resolved_at != '', u.code, c.item_code, c.id"
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list conflicts: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []Conflict
	for rows.Next() {
		c, err := scanConflict(rows)
		if err != nil {
			return nil, fmt.Errorf("list conflicts: %w", db.translate(err))
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list conflicts: %w", db.translate(err))
	}
	return out, nil
}

// conflictCols are the columns scanConflict reads, from conflicts c joined
// with assessments a and units u.
const conflictCols = `c.id, c.finding_id, c.assessment_id, a.inspection_id, u.code, u.name, c.item_code, c.current_json, c.other_json,
		c.detected_at, c.resolved_at, c.resolved_by, c.resolution_revision`

func scanConflict(sc scanner) (Conflict, error) { return scanConflictWith(sc) }

// scanConflictWith reads conflictCols and then the columns into more.
func scanConflictWith(sc scanner, more ...any) (Conflict, error) {
	var c Conflict
	var cur, other, det, res string
	dest := append([]any{&c.ID, &c.FindingID, &c.AssessmentID, &c.InspectionID, &c.UnitCode, &c.UnitName, &c.ItemCode, &cur, &other,
		&det, &res, &c.ResolvedBy, &c.Resolution}, more...)
	if err := sc.Scan(dest...); err != nil {
		return c, fmt.Errorf("read conflict: %w", err)
	}
	if err := json.Unmarshal([]byte(cur), &c.Current); err != nil {
		return c, fmt.Errorf("conflict %s: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(other), &c.Other); err != nil {
		return c, fmt.Errorf("conflict %s: %w", c.ID, err)
	}
	c.DetectedAt, c.ResolvedAt = parseTime(det), parseTime(res)
	return c, nil
}

// Conflict returns one conflict by ID (or a unique prefix of it).
func (db *DB) Conflict(ctx context.Context, ref string) (Conflict, error) {
	all, err := db.Conflicts(ctx, ConflictFilter{Resolved: true})
	if err != nil {
		return Conflict{}, err
	}
	var hits []Conflict
	for _, c := range all {
		if c.ID == ref {
			return c, nil
		}
		if ref != "" && strings.HasPrefix(c.ID, strings.ToLower(ref)) {
			hits = append(hits, c)
		}
	}
	switch len(hits) {
	case 0:
		return Conflict{}, fmt.Errorf("conflict %q: %w", ref, notFound(ref))
	case 1:
		return hits[0], nil
	}
	return Conflict{}, fmt.Errorf("conflict %q: %w", ref, model.NewError(model.EAmbiguous, nil, ref))
}

// ResolveConflict settles a conflict with the chosen content (one side's,
// or a value edited from both): a new revision based on both sides, made
// by actor and audited with action "resolve". It is refused for a
// finalized assessment (model.ErrFinalized), a resolved conflict
// (ErrConflictResolved) and content the item does not allow.
func (db *DB) ResolveConflict(ctx context.Context, actor, conflictID string, chosen model.Content) (model.Finding, error) {
	actor = nfc(strings.TrimSpace(actor))
	if actor == "" {
		return model.Finding{}, fmt.Errorf("resolve conflict: %w", invalid("actor"))
	}
	c, err := db.Conflict(ctx, conflictID)
	if err != nil {
		return model.Finding{}, fmt.Errorf("resolve conflict: %w", err)
	}
	if !c.Open() {
		return model.Finding{}, fmt.Errorf("resolve conflict %s: %w", short(c.ID), ErrConflictResolved)
	}
	a, err := db.Assessment(ctx, c.AssessmentID)
	if err != nil {
		return model.Finding{}, fmt.Errorf("resolve conflict: %w", err)
	}
	cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
	if err != nil {
		return model.Finding{}, fmt.Errorf("resolve conflict: %w", err)
	}
	it, ok := cl.Item(c.ItemCode)
	if !ok {
		return model.Finding{}, fmt.Errorf("resolve conflict: item %s: %w", c.ItemCode, notFound(c.ItemCode))
	}
	chosen.Note, chosen.Evidence, chosen.Recommendation = nfc(chosen.Note), nfc(chosen.Evidence), nfc(chosen.Recommendation)
	if err := chosen.Validate(it); err != nil {
		return model.Finding{}, fmt.Errorf("resolve conflict: %w", err)
	}
	var f model.Finding
	err = db.tx(ctx, func(t *txn) error {
		a, err := getAssessment(ctx, t, c.AssessmentID)
		if err != nil {
			return err
		}
		if a.Status == model.StatusFinalized {
			return model.ErrFinalized
		}
		_, all, fv, err := findingView(ctx, t, c.FindingID, c.AssessmentID, c.ItemCode)
		if err != nil {
			return err
		}
		open := false
		for _, p := range fv.Pairs {
			open = open || ConflictID(p.Current.ID, p.Other.ID) == c.ID
		}
		if !open {
			return ErrStale
		}
		cur, other := all[c.Current.Revision].f, all[c.Other.Revision].f
		f = model.Finding{ID: c.FindingID, AssessmentID: c.AssessmentID, ItemCode: c.ItemCode, UpdatedBy: actor,
			UpdatedAt: t.now(), Device: t.device, Revision: model.NewID(), BaseRevision: cur.Revision}
		f.Apply(chosen)
		if err := t.upsertFinding(ctx, f); err != nil {
			return err
		}
		sides := []model.Finding{cur, other}
		if c.Current.Revision == "" {
			// The record showed no answer: the resolution is based on the
			// other side alone.
			f.BaseRevision, sides = other.Revision, []model.Finding{other}
		}
		if _, err := t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "finding", EntityID: f.ID, Action: "resolve", At: f.UpdatedAt,
			Old: jsonOf(sides), New: jsonOf(f), Revision: f.Revision, BaseRevision: f.BaseRevision}); err != nil {
			return err
		}
		g, all, fv, err := findingView(ctx, t, c.FindingID, c.AssessmentID, c.ItemCode)
		if err != nil {
			return err
		}
		return t.reconcileConflicts(ctx, c.FindingID, c.AssessmentID, c.ItemCode, g, fv.Pairs, all)
	})
	if err != nil {
		return f, fmt.Errorf("resolve conflict %s: %w", c.ItemCode, err)
	}
	return f, nil
}

// FindingHistory returns every audit entry about a finding under any of
// the IDs it has had (a finding created on two laptops has two), oldest
// first.
func (db *DB) FindingHistory(ctx context.Context, findingID string) ([]AuditEntry, error) {
	var out []AuditEntry
	err := db.read(ctx, func(q queryer) error {
		names, err := findingNames(ctx, q, findingID)
		if err != nil {
			return err
		}
		out, err = auditEntries(ctx, q, "SELECT "+auditCols+" FROM audit WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY at, seq",
			jsonList(names))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return out, nil
}
