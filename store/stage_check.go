package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// The checks a staged bundle passes before anything is written: across
// its records (what bundle.Read checks in memory) and against what the
// database holds. Each is one query over the stage (attached as "stage")
// and the database, answering the first offending row, if any; they run
// in one read transaction, before the backup and the write transaction.

// stagedCheck is one check: a query for the first offending row (two
// text columns) and the refusal it makes of it.
type stagedCheck struct {
	query  string
	refuse func(a, b string) error
}

// canonSQL is the ID a record (kind, id) is kept under here, following
// this database's aliases.
func canonSQL(kind, id string) string {
	return `coalesce((SELECT canonical FROM main.id_aliases WHERE kind = '` + kind + `' AND alias = ` + id + `), ` + id + `)`
}

var seqErr = func(why string) func(a, b string) error {
	return func(dev, seq string) error {
		return model.NewError(model.EChainBroken, errors.New(why), short(dev), seq)
	}
}

// heldChainCheck finds a link of the bundle's chains (s) that disagrees
// with a link held here (h) that can be relied on: an entry, or a link that
// was signed when it came. on joins h to s, where says what disagrees.
// The bundle's links drive both halves (CROSS JOIN), each held link looked
// up by its place in the chain: the held tables grow with every bundle
// merged, the bundle does not.
func heldChainCheck(on, where string) string {
	half := func(held, signed string) string {
		return `SELECT s.device, s.dev_seq FROM stage.chain s CROSS JOIN ` + held + ` h ON ` + on + signed + ` WHERE ` + where
	}
	return `SELECT * FROM (` + half("main.audit", "") + ` LIMIT 1) UNION ALL SELECT * FROM (` +
		half("main.audit_links", " AND h.sig != ''") + ` LIMIT 1) LIMIT 1`
}

var bundleChecks = []stagedCheck{
	// Each chain, end to end, as far as the bundle carries it.
	{`SELECT device, dev_seq FROM stage.chain WHERE dev_seq = 1 AND prev_hash != '' LIMIT 1`,
		seqErr("the first entry names a predecessor")},
	{`SELECT b.device, b.dev_seq FROM stage.chain b JOIN stage.chain a ON a.device = b.device AND a.dev_seq = b.dev_seq - 1
		WHERE b.prev_hash != a.hash LIMIT 1`, seqErr("the entry does not follow the one before it")},
	{`SELECT device, dev_seq FROM (SELECT device, dev_seq, at, max(at) OVER (PARTITION BY device ORDER BY dev_seq
		ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM stage.chain WHERE full = 1)
		WHERE at < before - ` + fmt.Sprint(int64(bundle.MaxBackdate)) + ` LIMIT 1`, seqErr("the entry is dated before an earlier entry")},
	// Every finding row is a revision the history records.
	{`SELECT f.item_code, '' FROM stage.findings f LEFT JOIN stage.entries e ON e.kind = 'finding' AND e.rev_id = f.revision
		WHERE e.rev_id IS NULL OR e.rev_key != f.row_key LIMIT 1`,
		func(item, _ string) error { return contentErr(item, "the finding is not backed by its audit history") }},
	{`SELECT rev_id, '' FROM stage.entries WHERE kind = 'finding' GROUP BY rev_id HAVING count(*) > 1 LIMIT 1`,
		func(rev, _ string) error { return contentErr(short(rev), "the revision appears twice") }},
	{`SELECT rev_id, '' FROM stage.entries WHERE kind = 'record' GROUP BY rev_id HAVING count(DISTINCT rev_hash) > 1 LIMIT 1`,
		func(rev, _ string) error {
			return contentErr(short(rev), "the revision appears twice with different content")
		}},
	// Every revision is about one of the bundle's records.
	{`SELECT item_code, '' FROM stage.entries WHERE kind = 'finding' AND assessment_id NOT IN
		(SELECT id FROM stage.assessments UNION SELECT alias FROM stage.aliases WHERE kind = 'assessment') LIMIT 1`,
		func(item, _ string) error {
			return contentErr(item, "the revision belongs to an assessment that is not in the bundle")
		}},
	{`SELECT item_code, '' FROM stage.entries WHERE kind = 'attachment' AND assessment_id NOT IN
		(SELECT id FROM stage.assessments UNION SELECT alias FROM stage.aliases WHERE kind = 'assessment') LIMIT 1`,
		func(item, _ string) error {
			return contentErr(item, "an evidence file of an assessment that is not in the bundle")
		}},
	{`SELECT entity_id, entity FROM stage.entries WHERE kind = 'record' AND entity_id NOT IN
		(SELECT id FROM stage.inspection UNION SELECT id FROM stage.units UNION SELECT id FROM stage.assessments
		 UNION SELECT alias FROM stage.aliases WHERE kind IN ('unit', 'assessment')) LIMIT 1`,
		func(id, entity string) error {
			return contentErr(short(id), "a "+entity+" revision about a record not in the bundle")
		}},
}

var heldChecks = []stagedCheck{
	// An entry this database cannot verify must be one it already holds.
	{`SELECT s.device, s.dev_seq || ' ' || s.proof FROM stage.chain s WHERE s.full = 1 AND s.proof >= ` +
		fmt.Sprint(int(bundle.ProofNone)) + ` AND NOT EXISTS (SELECT 1 FROM main.audit m WHERE m.device = s.device AND
		m.dev_seq = s.dev_seq AND m.hash = s.hash) LIMIT 1`, unverified},
	// The same place in a chain held with another entry: rewritten.
	{heldChainCheck(`h.device = s.device AND h.dev_seq = s.dev_seq`, `(h.hash != s.hash OR h.prev_hash != s.prev_hash)`),
		seqErr("the entry differs from the one received before (rewritten)")},
	{heldChainCheck(`h.device = s.device AND h.dev_seq = s.dev_seq - 1`, `h.hash != s.prev_hash`), seqErr("the entry does not follow the one received before it")},
	{heldChainCheck(`h.device = s.device AND h.dev_seq = s.dev_seq + 1`, `h.prev_hash != s.hash`), seqErr("the entry does not precede the one received after it")},
	// A finding revision held here is the very entry that made it.
	// (CROSS JOIN: as in heldChainCheck, the bundle's entries drive.)
	{`SELECT s.rev_id, '' FROM stage.entries s CROSS JOIN main.audit m ON m.revision = s.rev_id AND m.entity = 'finding'
		WHERE s.kind = 'finding' AND (m.device != s.device OR m.dev_seq != s.dev_seq) LIMIT 1`,
		func(rev, _ string) error { return model.NewError(model.ERevisionChanged, nil, short(rev)) }},
	// A unit's ID held here for another unit.
	{`SELECT s.code, '' FROM stage.units s JOIN main.units m ON m.id IN (s.id, ` + canonSQL("unit", "s.id") + `)
		WHERE m.code != s.code LIMIT 1`,
		func(code, _ string) error { return contentErr(code, "another unit is held here under the same ID") }},
	// An assessment's ID held here for another visit.
	{`SELECT u.code, '' FROM stage.assessments s JOIN stage.units u ON u.id = s.unit_id
		JOIN main.assessments m ON m.id IN (s.id, ` + canonSQL("assessment", "s.id") + `)
		JOIN main.units mu ON mu.id = m.unit_id
		WHERE mu.code != u.code OR m.inspection_id != (SELECT id FROM stage.inspection) LIMIT 1`,
		func(code, _ string) error {
			return contentErr(code, "another visit is held here under the same assessment ID")
		}},
	// A finding's ID held here for another item or assessment.
	{`SELECT s.item_code, '' FROM (SELECT entity_id AS id, assessment_id, item_code FROM stage.entries WHERE kind = 'finding'
		UNION ALL SELECT id, assessment_id, item_code FROM stage.findings) s
		JOIN main.findings m ON m.id IN (s.id, ` + canonSQL("finding", "s.id") + `)
		WHERE m.item_code != s.item_code OR ` + canonSQL("assessment", "m.assessment_id") + ` != ` +
		canonSQL("assessment", `coalesce((SELECT canonical FROM stage.aliases WHERE kind = 'assessment' AND alias = s.assessment_id), s.assessment_id)`) +
		` LIMIT 1`,
		func(item, _ string) error { return contentErr(item, "another finding is held here under the same ID") }},
}

// unverified refuses an entry nothing here can vouch for; seqProof is
// "<entry> <proof>".
func unverified(dev, seqProof string) error {
	seq, proof, _ := strings.Cut(seqProof, " ")
	if proof == strconv.Itoa(int(bundle.ProofUntrusted)) {
		return model.NewError(model.EEntryUntrusted, nil, short(dev), seq)
	}
	return model.NewError(model.EEntryUnsigned, nil, short(dev), seq)
}

// checkBundle runs the checks across the bundle's own records on the
// stage's own connection (where its tables are "main", not "stage"),
// before it is attached.
func checkBundle(ctx context.Context, stageDB queryer, rules checklistRules) error {
	if err := runChecks(ctx, stageDB, bundleChecks, "stage.", ""); err != nil {
		return err
	}
	return checkAliasRevisions(ctx, stageDB, rules, "stage.", "")
}

// checkStaged runs the checks against the database on the attached stage
// (checkBundle ran the others).
func checkStaged(ctx context.Context, q queryer) error {
	if err := runChecks(ctx, q, heldChecks); err != nil {
		return err
	}
	return checkRecordRevisions(ctx, q)
}

// runChecks runs checks in order and refuses with the first that finds a
// row; rename (pairs of old, new) rewrites the queries' schema names.
func runChecks(ctx context.Context, q queryer, checks []stagedCheck, rename ...string) error {
	r := strings.NewReplacer(rename...)
	for _, c := range checks {
		var a, b sql.NullString
		err := q.QueryRowContext(ctx, r.Replace(c.query)).Scan(&a, &b)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return fmt.Errorf("check bundle: %w", err)
		}
		return c.refuse(a.String, b.String)
	}
	return nil
}

// checkAliasRevisions checks against their items the finding revisions a
// format 1 bundle made under an alias of one of its assessments (the
// decoder met them before the alias).
func checkAliasRevisions(ctx context.Context, q queryer, rules checklistRules, rename ...string) error {
	rows, err := q.QueryContext(ctx, strings.NewReplacer(rename...).Replace(`SELECT e.new, a.json FROM stage.entries e
		JOIN stage.aliases al ON al.kind = 'assessment' AND al.alias = e.assessment_id
		JOIN stage.assessments a ON a.id = al.canonical WHERE e.kind = 'finding'`))
	if err != nil {
		return fmt.Errorf("check bundle: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var fj, aj string
		if err := rows.Scan(&fj, &aj); err != nil {
			return fmt.Errorf("check bundle: %w", err)
		}
		var f model.Finding
		var a model.Assessment
		if err := jsonUnmarshal(fj, &f); err != nil {
			return contentErr(short(f.Revision), "the revision cannot be read")
		}
		if err := jsonUnmarshal(aj, &a); err != nil {
			return fmt.Errorf("check bundle: %w", err)
		}
		it, ok := rules.Item(a.ChecklistID+"@"+a.ChecklistVersion, f.ItemCode)
		if !ok {
			return contentErr(f.ItemCode, "the checklist has no such item")
		}
		if err := f.Content().Validate(it); err != nil {
			return contentErr(f.ItemCode, "a score or result the item does not allow")
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check bundle: %w", err)
	}
	return nil
}

// checkRecordRevisions refuses a record revision held here with other
// content: its ID says what it is, so this is a forgery or a bug, never an
// update.
func checkRecordRevisions(ctx context.Context, q queryer) error {
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT s.rev_id, s.rev_hash, "+prefixCols("m.", auditCols)+
		` FROM stage.entries s JOIN main.audit m ON m.entity = s.entity AND m.entity_id = s.entity_id
		WHERE s.kind = 'record'`)
	if err != nil {
		return fmt.Errorf("check bundle: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var rev, hash string
		var e AuditEntry
		var at string
		if err := rows.Scan(&rev, &hash, &e.ID, &e.Device, &e.DevSeq, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action,
			&e.Old, &e.New, &e.Revision, &e.BaseRevision, &e.PrevHash, &e.Hash, &e.Sig); err != nil {
			return fmt.Errorf("check bundle: %w", err)
		}
		e.At = parseTime(at)
		held, ok, err := bundle.RecordRevisionOf(e)
		if err != nil || !ok || held.Revision != rev {
			continue // not a revision, or another one: nothing to compare
		}
		if held.Rev().Hash != hash {
			return model.NewError(model.ERevisionChanged, nil, short(rev))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check bundle: %w", err)
	}
	return nil
}
