package store

import (
	"context"
	"fmt"
	"sort"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// collect streams what a bundle carries into enc, in payload order, from
// one read transaction (see WriteBundle), so the bundle is one state of
// the database and is never held in memory. What it sends it checks: each
// finding row against its revision, each entry against its hash. It
// returns the manifest's content and this device's entries carried.
func collect(ctx context.Context, q queryer, opt BundleOptions, self string, enc *bundle.Encoder) (Manifest, *ranges, error) {
	var m Manifest
	own := &ranges{}
	in, err := getInspection(ctx, q, opt.Inspection)
	if err != nil {
		return m, nil, err
	}
	var upd string
	if err := q.QueryRowContext(ctx, "SELECT updated_at FROM inspections WHERE id = ?", in.ID).Scan(&upd); err != nil {
		return m, nil, fmt.Errorf("read inspection: %w", err)
	}
	m.Inspection, m.Title = in.ID, in.Title
	if err := enc.Inspection(InspectionRecord{Inspection: in, UpdatedAt: parseTime(upd)}); err != nil {
		return m, nil, err
	}
	as, us, err := selectAssessments(ctx, q, opt, &m)
	if err != nil {
		return m, nil, err
	}
	sel := selection{inspection: in.ID}
	for _, u := range us {
		sel.units = append(sel.units, u.ID)
		if err := enc.Unit(u); err != nil {
			return m, nil, err
		}
	}
	for _, a := range as {
		sel.assessments = append(sel.assessments, a.ID)
		if err := enc.Assessment(a); err != nil {
			return m, nil, err
		}
	}
	if m.Checklists, err = checklistRefs(ctx, q, as); err != nil {
		return m, nil, err
	}
	for _, step := range []func(context.Context, queryer, selection, *bundle.Encoder, *ranges, string) error{
		collectAliases, collectFindings, collectAudit, collectLinks,
	} {
		if err := step(ctx, q, sel, enc, own, self); err != nil {
			return m, nil, err
		}
	}
	if !opt.NoFiles {
		if m.BlobBytes, err = collectBlobs(ctx, q, sel, enc); err != nil {
			return m, nil, err
		}
	}
	return m, own, nil
}

// selection is what a bundle is about.
type selection struct {
	inspection         string
	units, assessments []string
}

// namesCTE is every ID of every record of the selection (?1 the
// inspection, ?2 the units and assessments, ?3 the assessments as JSON
// lists) — its findings, and the follow-ups and self-scores of its
// visits and the reports on their fixes of its units, found by their
// history (a record whose row gave way to another for the same visit,
// created twice, still sends its revisions) — under every name it has:
// the WITH clause the history queries start with.
const namesCTE = `WITH sel(id) AS (SELECT ?1 UNION SELECT value FROM json_each(?2)
		UNION SELECT id FROM findings WHERE assessment_id IN (SELECT value FROM json_each(?3))
		UNION SELECT id FROM attachments WHERE assessment_id IN (SELECT value FROM json_each(?3))
		UNION SELECT entity_id FROM audit WHERE entity IN ('follow_up', 'self_score') AND json_extract(new, '$.assessment_id') IN
			(SELECT value FROM json_each(?3) UNION SELECT alias FROM id_aliases WHERE kind = 'assessment'
			 AND canonical IN (SELECT value FROM json_each(?3)))
		UNION SELECT entity_id FROM audit WHERE entity = 'fix_report' AND json_extract(new, '$.unit_code') IN
			(SELECT code FROM units WHERE id IN (SELECT value FROM json_each(?2)))),
	names(id) AS (SELECT id FROM sel UNION SELECT alias FROM id_aliases WHERE canonical IN (SELECT id FROM sel)) `

func (s selection) args() []any {
	return []any{s.inspection, jsonList(append(append([]string{}, s.units...), s.assessments...)), jsonList(s.assessments)}
}

// selectAssessments reads the selected units' assessments, by unit code.
func selectAssessments(ctx context.Context, q queryer, opt BundleOptions, m *Manifest) ([]model.Assessment, []model.Unit, error) {
	want := map[string]bool{}
	for _, c := range opt.Units {
		want[upper(c)] = true
	}
	rows, err := q.QueryContext(ctx, "SELECT "+assessmentUnitCols+
		" FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.inspection_id = ? ORDER BY u.code", m.Inspection)
	if err != nil {
		return nil, nil, fmt.Errorf("read assessments: %w", err)
	}
	defer closeRows(rows)
	var as []model.Assessment
	var us []model.Unit
	found := map[string]bool{}
	for rows.Next() {
		a, u, err := scanAssessmentUnit(rows)
		if err != nil {
			return nil, nil, err
		}
		if len(want) > 0 && !want[u.Code] {
			continue
		}
		found[u.Code] = true
		as, us = append(as, a), append(us, u)
		m.Units = append(m.Units, u.Code)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read assessments: %w", err)
	}
	codes := make([]string, 0, len(want))
	for c := range want {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if !found[c] {
			return nil, nil, fmt.Errorf("unit %s in inspection %q: %w", c, m.Title, notFound(c))
		}
	}
	if len(as) == 0 {
		return nil, nil, fmt.Errorf("inspection %q has no units: %w", m.Title, ErrNothingToBundle)
	}
	return as, us, nil
}

// checklistRefs names the checklist versions the assessments use.
func checklistRefs(ctx context.Context, q queryer, as []model.Assessment) ([]ChecklistRef, error) {
	seen := map[string]bool{}
	var out []ChecklistRef
	for _, a := range as {
		ref := a.ChecklistID + "@" + a.ChecklistVersion
		if seen[ref] {
			continue
		}
		seen[ref] = true
		var h string
		if err := q.QueryRowContext(ctx, "SELECT hash FROM checklists WHERE id = ? AND version = ?", a.ChecklistID, a.ChecklistVersion).Scan(&h); err != nil {
			return nil, fmt.Errorf("read checklist %s: %w", ref, err)
		}
		out = append(out, ChecklistRef{ID: a.ChecklistID, Version: a.ChecklistVersion, Hash: h})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ref() < out[j].Ref() })
	return out, nil
}

func collectAliases(ctx context.Context, q queryer, s selection, enc *bundle.Encoder, _ *ranges, _ string) error {
	rows, err := q.QueryContext(ctx, namesCTE+`SELECT kind, alias, canonical FROM id_aliases
		WHERE canonical IN (SELECT id FROM sel) ORDER BY kind, alias`, s.args()...)
	if err != nil {
		return fmt.Errorf("read aliases: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var al Alias
		if err := rows.Scan(&al.Kind, &al.Alias, &al.Canonical); err != nil {
			return fmt.Errorf("read aliases: %w", err)
		}
		if err := enc.Alias(al); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read aliases: %w", err)
	}
	return nil
}

// collectFindings writes the current finding rows, each checked against
// the revision its history says it shows.
func collectFindings(ctx context.Context, q queryer, s selection, enc *bundle.Encoder, _ *ranges, _ string) error {
	rows, err := q.QueryContext(ctx, "SELECT "+prefixCols("f.", findingCols)+`, coalesce(e.new, ''), coalesce(e.entity_id, '')
		FROM findings f LEFT JOIN audit e ON e.revision = f.revision AND e.entity = 'finding'
		WHERE f.assessment_id IN (SELECT value FROM json_each(?)) ORDER BY f.id`, jsonList(s.assessments))
	if err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var revJSON, revEntity string
		f, err := scanFinding(scanWith(rows, &revJSON, &revEntity))
		if err != nil {
			return damagedRecord(ctx, q, f, err)
		}
		var rev model.Finding
		if err := jsonUnmarshal(revJSON, &rev); err != nil || bundle.RowKey(rev) != bundle.RowKey(f) {
			return damagedRecord(ctx, q, f, fmt.Errorf("the row differs from revision %s", short(f.Revision)))
		}
		if err := enc.Finding(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	return nil
}

// damagedRecord refuses to send a finding row that is not what its
// history says.
func damagedRecord(ctx context.Context, q queryer, f model.Finding, cause error) error {
	return model.NewError(model.EDamagedRecord, cause, describeRecord(ctx, q, "finding", f.ID))
}

// collectAudit writes every audit entry about the selection, from every
// device this database holds (so a team leader relays), each checked
// against its hash, and notes this device's own.
func collectAudit(ctx context.Context, q queryer, s selection, enc *bundle.Encoder, own *ranges, self string) error {
	rows, err := q.QueryContext(ctx, namesCTE+"SELECT "+auditCols+" FROM audit WHERE entity_id IN (SELECT id FROM names) ORDER BY device, dev_seq",
		s.args()...)
	if err != nil {
		return fmt.Errorf("read audit: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if ChainHash(e) != e.Hash {
			return model.NewError(model.EDamagedEntry, fmt.Errorf("entry %d of %s does not match its hash", e.DevSeq, short(e.Device)),
				fmt.Sprint(e.DevSeq), describeRecord(ctx, q, e.Entity, e.EntityID), e.At.Local().Format("02/01/2006 15:04"), e.Actor)
		}
		if e.Device == self {
			own.add(e.DevSeq)
		}
		if err := enc.Entry(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read audit: %w", err)
	}
	return nil
}

// collectLinks writes the links of the same devices' other entries, so the
// receiver can follow each chain from its start.
func collectLinks(ctx context.Context, q queryer, s selection, enc *bundle.Encoder, _ *ranges, _ string) error {
	rows, err := q.QueryContext(ctx, namesCTE+`, devs(device) AS (SELECT DISTINCT device FROM audit WHERE entity_id IN (SELECT id FROM names))
		SELECT device, dev_seq, prev_hash, hash, sig FROM audit WHERE device IN (SELECT device FROM devs)
			AND entity_id NOT IN (SELECT id FROM names)
		UNION ALL SELECT device, dev_seq, prev_hash, hash, sig FROM audit_links WHERE device IN (SELECT device FROM devs)
		ORDER BY 1, 2`, s.args()...)
	if err != nil {
		return fmt.Errorf("read audit links: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var l ChainLink
		if err := rows.Scan(&l.Device, &l.DevSeq, &l.PrevHash, &l.Hash, &l.Sig); err != nil {
			return fmt.Errorf("read audit links: %w", err)
		}
		if err := enc.Link(l); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read audit links: %w", err)
	}
	return nil
}

// collectStatements writes every bundle statement held (this device's
// and the ones it received), then the one for this bundle.
func collectStatements(ctx context.Context, q queryer, enc *bundle.Encoder, mine Statement) error {
	rows, err := q.QueryContext(ctx, "SELECT device, seq, inspection, created, entries, sig FROM bundle_statements ORDER BY device, seq")
	if err != nil {
		return fmt.Errorf("read bundle statements: %w", err)
	}
	defer closeRows(rows)
	written := false
	for rows.Next() {
		st, err := scanStatement(rows)
		if err != nil {
			return err
		}
		if !written && (st.Device > mine.Device || st.Device == mine.Device && st.Seq > mine.Seq) {
			if err := enc.Statement(mine); err != nil {
				return err
			}
			written = true
		}
		if err := enc.Statement(st); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read bundle statements: %w", err)
	}
	if !written {
		return enc.Statement(mine)
	}
	return nil
}

// scanStatement reads a bundle_statements row.
func scanStatement(sc scanner) (Statement, error) {
	var st Statement
	var created, entries string
	if err := sc.Scan(&st.Device, &st.Seq, &st.Inspection, &created, &entries, &st.Sig); err != nil {
		return st, fmt.Errorf("read bundle statement: %w", err)
	}
	st.Created = parseTime(created)
	if err := jsonUnmarshal(entries, &st.Entries); err != nil {
		return st, fmt.Errorf("read bundle statement %d of %s: %w", st.Seq, short(st.Device), err)
	}
	return st, nil
}

// collectReceived writes the bundles this database has imported: hints
// for the receiver, never proof of delivery.
func collectReceived(ctx context.Context, q queryer, enc *bundle.Encoder) error {
	rows, err := q.QueryContext(ctx, "SELECT device, seq FROM bundles_received ORDER BY device, seq")
	if err != nil {
		return fmt.Errorf("read received bundles: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var r ReceivedRef
		if err := rows.Scan(&r.Device, &r.Seq); err != nil {
			return fmt.Errorf("read received bundles: %w", err)
		}
		if err := enc.Received(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read received bundles: %w", err)
	}
	return nil
}

// ranges collects entry numbers, in order, as runs.
type ranges struct{ rs []bundle.Range }

func (r *ranges) add(seq int64) {
	if n := len(r.rs); n > 0 && r.rs[n-1][1]+1 == seq {
		r.rs[n-1][1] = seq
		return
	}
	r.rs = append(r.rs, bundle.Range{seq, seq})
}

// ErrNothingToBundle is returned when the selection is empty.
var ErrNothingToBundle = &model.Error{Code: model.ENothingToBundle}
