package store

import (
	"context"
	"fmt"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// applyBundle merges a staged, checked bundle in the transaction: the
// inspection, aliases, units and assessments (by revision, merge_records
// .go), findings (by revision, merge_findings.go), the audit history, its
// links and the bundle statements, the follow-ups, fix reports and
// self-scores from their revisions (merge_stamped.go), and what was
// received. The stage is attached as "stage". stop is the import's
// cancellation, checked between the steps and the batches of findings:
// the statements do not watch it (importOne).
func (t *txn) applyBundle(stop context.Context, path string, f *bundle.File, res *ImportResult) error {
	ctx := context.WithoutCancel(stop) // the statements'; stop is checked between the steps
	// Re-keying a record created twice updates parent and child rows in
	// turn; foreign keys are checked at commit.
	if _, err := t.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return fmt.Errorf("defer foreign keys: %w", err)
	}
	var in bundle.InspectionRecord
	var inJSON, upd string
	if err := t.QueryRowContext(ctx, "SELECT json, updated_at FROM stage.inspection").Scan(&inJSON, &upd); err != nil {
		return fmt.Errorf("read staged inspection: %w", err)
	}
	if err := jsonUnmarshal(inJSON, &in.Inspection); err != nil {
		return fmt.Errorf("read staged inspection: %w", err)
	}
	in.UpdatedAt = parseTime(upd)
	if err := t.mergeInspection(ctx, in); err != nil {
		return err
	}
	if err := t.mergeAliases(ctx); err != nil {
		return err
	}
	units, err := stagedJSON[model.Unit](ctx, t, "SELECT json FROM stage.units ORDER BY code")
	if err != nil {
		return err
	}
	codes := make(map[string]string, len(units))
	for _, u := range units {
		codes[u.ID] = upper(nfc(u.Code))
		if err := t.mergeUnit(ctx, u, res); err != nil {
			return err
		}
	}
	assessments, err := stagedJSON[model.Assessment](ctx, t, "SELECT json FROM stage.assessments ORDER BY id")
	if err != nil {
		return err
	}
	fm := &findingMerger{views: map[string]model.AssessmentView{}, staged: map[string][]string{}, done: map[string]map[string]bool{}}
	var changed []string
	for _, a := range assessments {
		id, view, moved, err := t.mergeAssessment(ctx, a, codes[a.UnitID], res)
		if err != nil {
			return err
		}
		fm.views[id] = view
		fm.staged[id] = append(fm.staged[id], a.ID)
		if moved {
			changed = append(changed, id)
			fm.done[id] = map[string]bool{}
		}
	}
	fm.stop = stop
	for _, step := range []func() error{
		func() error { return t.mergeFindings(ctx, fm, changed, res) },
		func() error { return t.mergeAudit(ctx) },
		func() error { return t.mergeStamped(ctx, res) },
		func() error { return t.mergeEvidence(ctx, changed, res) },
		func() error { return t.recordReceived(ctx, path, f.Manifest) },
	} {
		if err := stop.Err(); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// checkStaged runs the staged bundle's checks in the write transaction:
// all of them, or, when they ran (checked) in a read transaction before
// it, again the ones a write committed in between could invalidate.
func (t *txn) checkStaged(ctx context.Context, checked bool) error {
	if !checked {
		return checkStaged(ctx, t)
	}
	for _, c := range heldChecks {
		if err := t.recheck(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// recheck runs one of the checks against what is held inside the write
// transaction.
func (t *txn) recheck(ctx context.Context, c stagedCheck) error {
	rows, err := t.QueryContext(ctx, c.query)
	if err != nil {
		return fmt.Errorf("check bundle: %w", err)
	}
	defer closeRows(rows)
	if rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return fmt.Errorf("check bundle: %w", err)
		}
		return c.refuse(a, b)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check bundle: %w", err)
	}
	return nil
}

// stagedJSON reads a column of staged records' JSON.
func stagedJSON[T any](ctx context.Context, q queryer, query string) ([]T, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("read stage: %w", err)
	}
	defer closeRows(rows)
	var out []T
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, fmt.Errorf("read stage: %w", err)
		}
		var v T
		if err := jsonUnmarshal(js, &v); err != nil {
			return nil, fmt.Errorf("read stage: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stage: %w", err)
	}
	return out, nil
}

// mergeAliases makes each of the bundle's aliased pairs one record here.
func (t *txn) mergeAliases(ctx context.Context) error {
	rows, err := t.QueryContext(ctx, "SELECT kind, alias, canonical FROM stage.aliases ORDER BY kind, alias")
	if err != nil {
		return fmt.Errorf("read staged aliases: %w", err)
	}
	defer closeRows(rows)
	var als []bundle.Alias
	for rows.Next() {
		var al bundle.Alias
		if err := rows.Scan(&al.Kind, &al.Alias, &al.Canonical); err != nil {
			return fmt.Errorf("read staged aliases: %w", err)
		}
		als = append(als, al)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read staged aliases: %w", err)
	}
	closeRows(rows)
	for _, al := range als {
		if _, err := t.unifyIDs(ctx, al.Kind, al.Alias, al.Canonical); err != nil {
			return err
		}
	}
	return nil
}

// mergeAudit adds, in one statement each: the staged entries not held
// yet; the signatures of held entries that had none (made by an older
// kiemtra, now signed by their device); the staged links that are signed
// and not held as entries; and drops links of entries now held in full.
// A link nothing vouches for is not kept: it said where a chain goes, and
// only its device can say that.
func (t *txn) mergeAudit(ctx context.Context) error {
	for _, q := range mergeAuditQueries {
		if _, err := t.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("write audit: %w", err)
		}
	}
	return nil
}

// mergeAuditQueries are mergeAudit's statements, in order.
var mergeAuditQueries = []string{
	`INSERT INTO main.audit(id, device, dev_seq, at, actor, entity, entity_id, action, old, new, revision, base_revision,
			prev_hash, hash, sig)
		SELECT id, device, dev_seq, at, actor, entity, entity_id, action, old, new, revision, base_revision, prev_hash, hash, sig
		FROM stage.entries e WHERE NOT EXISTS (SELECT 1 FROM main.audit m WHERE m.device = e.device AND m.dev_seq = e.dev_seq)
		ORDER BY device, dev_seq`,
	// The bundle's signed links pick the held rows by their place in
	// the chain (an index lookup each), not a walk of every entry held.
	`UPDATE main.audit SET sig = (SELECT c.sig FROM stage.chain c WHERE c.device = audit.device AND c.dev_seq = audit.dev_seq)
		WHERE (device, dev_seq) IN (SELECT c.device, c.dev_seq FROM stage.chain c WHERE c.sig != '' AND c.proof = ` +
		fmt.Sprint(int(bundle.ProofSigned)) + `)
			AND sig = '' AND hash = (SELECT c.hash FROM stage.chain c WHERE c.device = audit.device AND c.dev_seq = audit.dev_seq)`,
	`INSERT INTO main.audit_links(device, dev_seq, prev_hash, hash, sig)
		SELECT device, dev_seq, prev_hash, hash, CASE WHEN proof = ` + fmt.Sprint(int(bundle.ProofSigned)) + ` THEN sig ELSE '' END
		FROM stage.chain c WHERE full = 0 AND proof IN (` + fmt.Sprint(int(bundle.ProofSigned), ", ", int(bundle.ProofBundle)) + `)
			AND NOT EXISTS (SELECT 1 FROM main.audit m WHERE m.device = c.device AND m.dev_seq = c.dev_seq)
		ON CONFLICT(device, dev_seq) DO UPDATE SET sig = excluded.sig WHERE audit_links.sig = '' AND audit_links.hash = excluded.hash`,
	`DELETE FROM main.audit_links WHERE device IN (SELECT DISTINCT device FROM stage.chain)
			AND EXISTS (SELECT 1 FROM main.audit m WHERE m.device = audit_links.device AND m.dev_seq = audit_links.dev_seq)`,
	`INSERT INTO main.bundle_statements(device, seq, inspection, created, entries, sig)
		SELECT device, seq, inspection, created, entries, sig FROM stage.statements ORDER BY device, seq ON CONFLICT DO NOTHING`,
}

// recordReceived records the bundle, and (as hints only) the bundles its
// sender says it had received.
func (t *txn) recordReceived(ctx context.Context, path string, m bundle.Manifest) error {
	now := formatTime(t.now())
	if _, err := t.ExecContext(ctx, `INSERT INTO main.bundles_received(device, seq, hash, relayed, via, file, received_at)
		VALUES (?, ?, ?, 0, '', ?, ?) ON CONFLICT(device, seq) DO UPDATE SET hash = excluded.hash, relayed = 0,
		file = excluded.file, received_at = excluded.received_at`, m.Device, m.Seq, m.PayloadSHA256, path, now); err != nil {
		return fmt.Errorf("record bundle: %w", err)
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO main.bundles_received(device, seq, relayed, via, received_at)
		SELECT device, seq, 1, ?, ? FROM stage.received WHERE true ON CONFLICT DO NOTHING`, m.Device, now); err != nil {
		return fmt.Errorf("record relayed bundle: %w", err)
	}
	return nil
}
