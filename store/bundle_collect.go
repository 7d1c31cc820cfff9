package store

import (
	"context"
	"fmt"
	"sort"

	"kiemtra/model"
)

// collect reads what a bundle carries, in a deterministic order, and the
// device's next bundle number. It runs in one read transaction (see
// WriteBundle), so the bundle is one state of the database.
func collect(ctx context.Context, q queryer, opt BundleOptions) (*Payload, Manifest, error) {
	var m Manifest
	p := &Payload{}
	in, err := getInspection(ctx, q, opt.Inspection)
	if err != nil {
		return nil, m, err
	}
	var upd string
	if err := q.QueryRowContext(ctx, "SELECT updated_at FROM inspections WHERE id = ?", in.ID).Scan(&upd); err != nil {
		return nil, m, fmt.Errorf("read inspection: %w", err)
	}
	p.Inspections = []InspectionRecord{{Inspection: in, UpdatedAt: parseTime(upd)}}
	m.Inspection, m.Title = in.ID, in.Title
	if err := collectAssessments(ctx, q, opt, p, &m); err != nil {
		return nil, m, err
	}
	ids, err := collectFindings(ctx, q, p, &m)
	if err != nil {
		return nil, m, err
	}
	if err := collectHistory(ctx, q, p, append(ids, in.ID)); err != nil {
		return nil, m, err
	}
	if err := collectReceived(ctx, q, p); err != nil {
		return nil, m, err
	}
	if err := q.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) + 1 FROM bundles_sent").Scan(&m.Seq); err != nil {
		return nil, m, fmt.Errorf("read bundle numbers: %w", err)
	}
	return p, m, nil
}

// collectAssessments reads the selected units' assessments, by unit code.
func collectAssessments(ctx context.Context, q queryer, opt BundleOptions, p *Payload, m *Manifest) error {
	want := map[string]bool{}
	for _, c := range opt.Units {
		want[upper(c)] = true
	}
	rows, err := q.QueryContext(ctx, "SELECT "+assessmentUnitCols+
		" FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.inspection_id = ? ORDER BY u.code", m.Inspection)
	if err != nil {
		return fmt.Errorf("read assessments: %w", err)
	}
	defer closeRows(rows)
	found := map[string]bool{}
	for rows.Next() {
		a, u, err := scanAssessmentUnit(rows)
		if err != nil {
			return err
		}
		if len(want) > 0 && !want[u.Code] {
			continue
		}
		found[u.Code] = true
		p.Assessments = append(p.Assessments, a)
		p.Units = append(p.Units, u)
		m.Units = append(m.Units, u.Code)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read assessments: %w", err)
	}
	codes := make([]string, 0, len(want))
	for c := range want {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if !found[c] {
			return fmt.Errorf("unit %s in inspection %q: %w", c, m.Title, notFound(c))
		}
	}
	if len(p.Assessments) == 0 {
		return fmt.Errorf("inspection %q has no units: %w", m.Title, ErrNothingToBundle)
	}
	return nil
}

// collectFindings reads the checklist versions and the findings of the
// selected assessments; it returns the IDs of every record selected so far.
func collectFindings(ctx context.Context, q queryer, p *Payload, m *Manifest) ([]string, error) {
	seen := map[string]bool{}
	var ids []string
	for i, a := range p.Assessments {
		ids = append(ids, a.ID, p.Units[i].ID)
		ref := a.ChecklistID + "@" + a.ChecklistVersion
		if !seen[ref] {
			seen[ref] = true
			var h string
			if err := q.QueryRowContext(ctx, "SELECT hash FROM checklists WHERE id = ? AND version = ?", a.ChecklistID, a.ChecklistVersion).Scan(&h); err != nil {
				return nil, fmt.Errorf("read checklist %s: %w", ref, err)
			}
			m.Checklists = append(m.Checklists, ChecklistRef{ID: a.ChecklistID, Version: a.ChecklistVersion, Hash: h})
		}
		fs, err := findingsOf(ctx, q, a.ID)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			p.Findings = append(p.Findings, f)
			ids = append(ids, f.ID)
		}
	}
	sort.Slice(m.Checklists, func(i, j int) bool {
		return m.Checklists[i].ID+"@"+m.Checklists[i].Version < m.Checklists[j].ID+"@"+m.Checklists[j].Version
	})
	sort.Slice(p.Findings, func(i, j int) bool { return p.Findings[i].ID < p.Findings[j].ID })
	return ids, nil
}

// collectHistory reads the aliases of the selected records, their audit
// history under every name, and the links of the same devices' other
// entries, so the receiver can follow each chain from its start.
func collectHistory(ctx context.Context, q queryer, p *Payload, ids []string) error {
	rows, err := q.QueryContext(ctx, `SELECT kind, alias, canonical FROM id_aliases
		WHERE canonical IN (SELECT value FROM json_each(?)) ORDER BY kind, alias`, jsonList(ids))
	if err != nil {
		return fmt.Errorf("read aliases: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var al Alias
		if err := rows.Scan(&al.Kind, &al.Alias, &al.Canonical); err != nil {
			return fmt.Errorf("read aliases: %w", err)
		}
		p.Aliases = append(p.Aliases, al)
		ids = append(ids, al.Alias)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read aliases: %w", err)
	}
	closeRows(rows)
	p.Audit, err = auditEntries(ctx, q, "SELECT "+auditCols+` FROM audit WHERE entity_id IN (SELECT value FROM json_each(?))
		ORDER BY device, dev_seq`, jsonList(ids))
	if err != nil {
		return err
	}
	devices := map[string]bool{}
	full := map[chainKey]bool{}
	for _, e := range p.Audit {
		devices[e.Device] = true
		full[chainKey{e.Device, e.DevSeq}] = true
	}
	devs := make([]string, 0, len(devices))
	for d := range devices {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	links, err := q.QueryContext(ctx, `SELECT device, dev_seq, prev_hash, hash FROM audit WHERE device IN (SELECT value FROM json_each(?1))
		UNION SELECT device, dev_seq, prev_hash, hash FROM audit_links WHERE device IN (SELECT value FROM json_each(?1))
		ORDER BY 1, 2`, jsonList(devs))
	if err != nil {
		return fmt.Errorf("read audit links: %w", err)
	}
	defer closeRows(links)
	for links.Next() {
		var l ChainLink
		if err := links.Scan(&l.Device, &l.DevSeq, &l.PrevHash, &l.Hash); err != nil {
			return fmt.Errorf("read audit links: %w", err)
		}
		if !full[chainKey{l.Device, l.DevSeq}] {
			p.Links = append(p.Links, l)
		}
	}
	if err := links.Err(); err != nil {
		return fmt.Errorf("read audit links: %w", err)
	}
	return nil
}

// chainKey names one entry of one device's chain.
type chainKey struct {
	device string
	seq    int64
}

// collectReceived reads the bundles this database has imported, so the
// receiver does not report them missing.
func collectReceived(ctx context.Context, q queryer, p *Payload) error {
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
		p.Received = append(p.Received, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read received bundles: %w", err)
	}
	return nil
}

// jsonList is ids as a JSON array, for json_each.
func jsonList(ids []string) string { return jsonOf(ids) }

// ErrNothingToBundle is returned when the selection is empty.
var ErrNothingToBundle = &model.Error{Code: model.ENothingToBundle}
