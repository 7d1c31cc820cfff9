package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
)

// applyBundle merges a verified bundle in the transaction: the inspection,
// aliases, units and assessments (model's record rules), findings (by
// revision), the audit history and its links, and what was received.
func (t *txn) applyBundle(ctx context.Context, path string, b *Bundle, res *ImportResult) error {
	// Re-keying a record created twice updates parent and child rows in
	// turn; foreign keys are checked at commit.
	if _, err := t.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return fmt.Errorf("defer foreign keys: %w", err)
	}
	p := &b.Payload
	// The checks ran in a read transaction before this one; run the ones a
	// write committed in between could invalidate again.
	if err := t.recheckChains(ctx, b); err != nil {
		return err
	}
	if err := t.mergeInspection(ctx, p.Inspections[0]); err != nil {
		return err
	}
	for _, al := range p.Aliases {
		if _, err := t.unifyIDs(ctx, al.Kind, al.Alias, al.Canonical); err != nil {
			return err
		}
	}
	unitCodes := make(map[string]string, len(p.Units))
	for _, u := range p.Units {
		unitCodes[u.ID] = u.Code
		if err := t.mergeUnit(ctx, u, res); err != nil {
			return err
		}
	}
	for _, a := range p.Assessments {
		if err := t.mergeAssessment(ctx, a, unitCodes[a.UnitID], res); err != nil {
			return err
		}
	}
	if err := t.mergeFindings(ctx, b, res); err != nil {
		return err
	}
	if err := t.mergeAudit(ctx, p); err != nil {
		return err
	}
	return t.recordReceived(ctx, path, b)
}

// mergeAudit adds the bundle's audit entries not held yet, and the links of
// chains whose entries are not held in full.
func (t *txn) mergeAudit(ctx context.Context, p *Payload) error {
	ins, err := t.PrepareContext(ctx, insertAuditSQL+" ON CONFLICT DO NOTHING")
	if err != nil {
		return fmt.Errorf("write audit: %w", err)
	}
	defer closeStmt(ins)
	dropLink, err := t.PrepareContext(ctx, "DELETE FROM audit_links WHERE device = ? AND dev_seq = ?")
	if err != nil {
		return fmt.Errorf("write audit: %w", err)
	}
	defer closeStmt(dropLink)
	hasLinks := map[string]bool{}
	for _, e := range p.Audit {
		if _, err := ins.ExecContext(ctx, auditArgs(e)...); err != nil {
			return fmt.Errorf("write audit: %w", err)
		}
		has, ok := hasLinks[e.Device]
		if !ok {
			var n int
			if err := t.QueryRowContext(ctx, "SELECT count(*) FROM audit_links WHERE device = ?", e.Device).Scan(&n); err != nil {
				return fmt.Errorf("read audit links: %w", err)
			}
			has = n > 0
			hasLinks[e.Device] = has
		}
		if has {
			// The entry is held in full now; its link is no longer needed.
			if _, err := dropLink.ExecContext(ctx, e.Device, e.DevSeq); err != nil {
				return fmt.Errorf("write audit links: %w", err)
			}
		}
	}
	link, err := t.PrepareContext(ctx, `INSERT INTO audit_links(device, dev_seq, prev_hash, hash)
		SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM audit WHERE device = ?1 AND dev_seq = ?2) ON CONFLICT DO NOTHING`)
	if err != nil {
		return fmt.Errorf("write audit links: %w", err)
	}
	defer closeStmt(link)
	for _, l := range p.Links {
		if _, err := link.ExecContext(ctx, l.Device, l.DevSeq, l.PrevHash, l.Hash); err != nil {
			return fmt.Errorf("write audit links: %w", err)
		}
	}
	return nil
}

// recordReceived records the bundle, and the bundles it says its sender
// had received, so they are not reported missing.
func (t *txn) recordReceived(ctx context.Context, path string, b *Bundle) error {
	m := b.Manifest
	now := formatTime(t.now())
	if _, err := t.ExecContext(ctx, `INSERT INTO bundles_received(device, seq, hash, relayed, via, file, received_at)
		VALUES (?, ?, ?, 0, '', ?, ?) ON CONFLICT(device, seq) DO UPDATE SET hash = excluded.hash, relayed = 0,
		file = excluded.file, received_at = excluded.received_at`, m.Device, m.Seq, m.PayloadSHA256, path, now); err != nil {
		return fmt.Errorf("record bundle: %w", err)
	}
	for _, r := range b.Payload.Received {
		if _, err := t.ExecContext(ctx, `INSERT INTO bundles_received(device, seq, relayed, via, received_at)
			VALUES (?, ?, 1, ?, ?) ON CONFLICT DO NOTHING`, r.Device, r.Seq, m.Device, now); err != nil {
			return fmt.Errorf("record relayed bundle: %w", err)
		}
	}
	return nil
}

// mergeInspection keeps the copy of the inspection model.MergeInspection
// picks.
func (t *txn) mergeInspection(ctx context.Context, in InspectionRecord) error {
	old, err := getInspection(ctx, t, in.ID)
	switch {
	case err == nil:
		var upd string
		if err := t.QueryRowContext(ctx, "SELECT updated_at FROM inspections WHERE id = ?", in.ID).Scan(&upd); err != nil {
			return fmt.Errorf("read inspection: %w", err)
		}
		if !model.MergeInspection(old, parseTime(upd), in.Inspection, in.UpdatedAt).Changed {
			return nil
		}
	case !errors.Is(err, model.ErrNotFound):
		return err
	}
	return t.upsertInspection(ctx, normInspection(in.Inspection), in.UpdatedAt)
}

// mergeUnit adds a unit, or keeps the copy model.MergeUnit picks of one
// held under the same code (making the two IDs one record).
func (t *txn) mergeUnit(ctx context.Context, u model.Unit, res *ImportResult) error {
	u.Code = upper(nfc(u.Code))
	u.Name, u.Address = nfc(u.Name), nfc(u.Address)
	held, err := scanUnit(t.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE code = ?", u.Code))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id, err := t.canon(ctx, "unit", u.ID)
		if err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, "INSERT INTO units(id, code, name, kind, address) VALUES (?,?,?,?,?)",
			id, u.Code, u.Name, string(u.Kind), u.Address); err != nil {
			return fmt.Errorf("write unit %s: %w", u.Code, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("read unit %s: %w", u.Code, err)
	}
	id, err := t.unifyIDs(ctx, "unit", held.ID, u.ID)
	if err != nil {
		return err
	}
	m := model.MergeUnit(held, u)
	if !m.Changed {
		return nil
	}
	res.Warnings = append(res.Warnings, model.NewError(model.EUnitDiffers, nil, u.Code, m.Unit.Name))
	if _, err := t.ExecContext(ctx, "UPDATE units SET name = ?, kind = ?, address = ? WHERE id = ?",
		m.Unit.Name, string(m.Unit.Kind), m.Unit.Address, id); err != nil {
		return fmt.Errorf("write unit %s: %w", u.Code, err)
	}
	return nil
}

// mergeAssessment adds an assessment, or keeps the copy
// model.MergeAssessment picks of the one held for the same visit
// (inspection and unit), making the two IDs one record.
func (t *txn) mergeAssessment(ctx context.Context, a model.Assessment, unitCode string, res *ImportResult) error {
	unit, err := t.canon(ctx, "unit", a.UnitID)
	if err != nil {
		return err
	}
	a.UnitID = unit
	a.Place, a.Representative, a.RepresentativePosition = nfc(a.Place), nfc(a.Representative), nfc(a.RepresentativePosition)
	a.UnitComments, a.Strengths, a.FinalizedBy = nfc(a.UnitComments), nfc(a.Strengths), nfc(a.FinalizedBy)
	a.UnitName = nfc(a.UnitName)
	a = normAssessmentDoc(a)
	held, err := scanAssessment(t.QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE inspection_id = ? AND unit_id = ?",
		a.InspectionID, a.UnitID))
	if errors.Is(err, sql.ErrNoRows) {
		id, err := t.canon(ctx, "assessment", a.ID)
		if err != nil {
			return err
		}
		if a.UnitName == "" || a.UnitKind == "" {
			// A bundle from before assessments kept the unit as visited:
			// the unit as it is, which the bundle carried just before.
			u, err := scanUnit(t.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE id = ?", a.UnitID))
			if err != nil {
				return fmt.Errorf("read unit %s: %w", unitCode, err)
			}
			a.UnitName, a.UnitKind = u.Name, u.Kind
		}
		_, err = t.ExecContext(ctx, `INSERT INTO assessments(`+assessmentCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			id, a.InspectionID, a.UnitID, a.ChecklistID, a.ChecklistVersion, a.Date.ISO(), a.Place, string(a.Status),
			a.Representative, a.RepresentativePosition, a.UnitComments, a.Strengths,
			formatTime(a.FinalizedAt), a.FinalizedBy, formatTime(a.UpdatedAt), a.UnitName, string(a.UnitKind), assessmentDocOf(a))
		if err != nil {
			return fmt.Errorf("write assessment of %s: %w", unitCode, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("read assessment of %s: %w", unitCode, err)
	}
	id, err := t.unifyIDs(ctx, "assessment", held.ID, a.ID)
	if err != nil {
		return err
	}
	held.ID = id
	if a.UnitName == "" || a.UnitKind == "" {
		// A bundle from before assessments kept the unit as visited says
		// nothing about it: what is held stands.
		a.UnitName, a.UnitKind = held.UnitName, held.UnitKind
	}
	m := model.MergeAssessment(held, a)
	if m.ChecklistDiffers {
		res.Warnings = append(res.Warnings, model.NewError(model.EChecklistDiffers, nil, unitCode,
			held.ChecklistID+"@"+held.ChecklistVersion, a.ChecklistID+"@"+a.ChecklistVersion))
	}
	if !m.Changed {
		return nil
	}
	k := m.Assessment
	_, err = t.ExecContext(ctx, `UPDATE assessments SET visit_date=?, place=?, status=?, representative=?, representative_position=?,
		unit_comments=?, strengths=?, finalized_at=?, finalized_by=?, updated_at=?, unit_name=?, unit_kind=?, doc=? WHERE id=?`,
		k.Date.ISO(), k.Place, string(k.Status), k.Representative, k.RepresentativePosition, k.UnitComments,
		k.Strengths, formatTime(k.FinalizedAt), k.FinalizedBy, formatTime(k.UpdatedAt), k.UnitName, string(k.UnitKind),
		assessmentDocOf(k), id)
	if err != nil {
		return fmt.Errorf("write assessment of %s: %w", unitCode, err)
	}
	return nil
}
