package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kiemtra/model"
)

// A unit is one unit: its code names it for good. Adding a unit whose code
// is held (in the app's form, in a plan file for another inspection) finds
// that unit and never renames or re-kinds it, since a past record of the
// unit must keep its words; a unit renamed or re-kinded in real life is
// changed on purpose with RenameUnit, and even then every assessment keeps
// the name and kind it had at the visit (model.Assessment.UnitAsVisited).

// WithKinds gives the store the kinds of unit (checklists.Kinds()): their
// names for messages and the day a kind ended (no UBND cấp huyện from 1
// July 2025), which visits are checked against.
func WithKinds(kinds []model.KindInfo) Option {
	return func(db *DB) { db.kinds = append([]model.KindInfo(nil), kinds...) }
}

// ErrUnitExists is the refusal to add a unit under a code held by a unit
// of another name or kind.
var ErrUnitExists = &model.Error{Code: model.EUnitExists}

// sameName compares names as people type them: NFC, spaces collapsed.
func sameName(a, b string) bool {
	return strings.Join(strings.Fields(nfc(a)), " ") == strings.Join(strings.Fields(nfc(b)), " ")
}

// normUnit is u as stored: code upper case, text NFC, spaces trimmed.
func normUnit(u model.Unit) model.Unit {
	u.Code = upper(nfc(u.Code))
	u.Name = strings.Join(strings.Fields(nfc(u.Name)), " ")
	u.Address = nfc(strings.TrimSpace(u.Address))
	return u
}

// unitExistsErr is the refusal for held, which a unit given as u would
// rename or re-kind.
func unitExistsErr(held model.Unit) error {
	return model.NewError(model.EUnitExists, nil, held.Code, held.Name, string(held.Kind))
}

// SaveUnit adds a unit. A unit with the same code (case-insensitive, stored
// upper case) that is held already is returned as it is when u names it
// with its own name and kind; under another name or kind the call is
// refused with ErrUnitExists (its params: the code, the name and kind
// held), and nothing changes. A new unit gets an ID derived from its code,
// so the same unit added on two laptops is one record after a merge.
func (db *DB) SaveUnit(ctx context.Context, actor string, u model.Unit) (model.Unit, error) {
	err := db.tx(ctx, func(t *txn) error {
		var err error
		u, err = t.saveUnit(ctx, actor, u)
		return err
	})
	if err != nil {
		return u, fmt.Errorf("save unit %s: %w", u.Code, err)
	}
	return u, nil
}

func (t *txn) saveUnit(ctx context.Context, actor string, u model.Unit) (model.Unit, error) {
	u = normUnit(u)
	if u.Code == "" || u.Name == "" || u.Kind == "" {
		return u, invalid("unit: code, name, kind")
	}
	old, err := scanUnit(t.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE code = ?", u.Code))
	switch {
	case err == nil:
		if !sameName(old.Name, u.Name) || old.Kind != u.Kind {
			return old, unitExistsErr(old)
		}
		return old, nil
	case !errors.Is(err, sql.ErrNoRows):
		return u, fmt.Errorf("read unit %s: %w", u.Code, err)
	}
	if u.ID == "" {
		u.ID = model.DerivedID("unit", u.Code)
	}
	_, err = t.ExecContext(ctx, `INSERT INTO units(id, code, name, kind, address) VALUES (?,?,?,?,?)`,
		u.ID, u.Code, u.Name, string(u.Kind), u.Address)
	if err != nil {
		return u, fmt.Errorf("write unit: %w", err)
	}
	_, err = t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "unit", EntityID: u.ID, Action: "create", New: jsonOf(u)})
	return u, err
}

// checkNewUnit says, before a transaction, whether adding u would be
// refused because its code names a unit of another name or kind; it
// returns the unit held, if any.
func (db *DB) checkNewUnit(ctx context.Context, u model.Unit) (model.Unit, bool, error) {
	u = normUnit(u)
	held, err := db.UnitByCode(ctx, u.Code)
	switch {
	case errors.Is(err, model.ErrNotFound):
		return u, false, nil
	case err != nil:
		return u, false, err
	case !sameName(held.Name, u.Name) || held.Kind != u.Kind:
		return held, true, unitExistsErr(held)
	}
	return held, true, nil
}

// RenameResult says what RenameUnit changed.
type RenameResult struct {
	Unit model.Unit
	// Drafts is how many draft assessments now show the new name (and
	// kind, where their checklist is for it); finalized ones never change.
	Drafts int
	// KeptKind is how many drafts keep their kind because their checklist
	// is not for the new one.
	KeptKind int
}

// RenameUnit changes a unit's name or kind on purpose (a unit renamed, or
// counted as another kind, in real life): from now on it is shown as name
// and kind (an empty one keeps what is held). A finalized assessment keeps
// the name and kind it was signed with; a draft, still being written,
// shows the new name, and the new kind where its checklist is for it. The
// change is audited.
func (db *DB) RenameUnit(ctx context.Context, actor, code, name string, kind model.UnitKind) (RenameResult, error) {
	var res RenameResult
	held, err := db.UnitByCode(ctx, code)
	if err != nil {
		return res, fmt.Errorf("rename unit: %w", err)
	}
	u := held
	if n := normUnit(model.Unit{Name: name}).Name; n != "" {
		u.Name = n
	}
	if kind != "" {
		if len(db.kinds) > 0 && !slices.ContainsFunc(db.kinds, func(k model.KindInfo) bool { return k.Code == kind }) {
			return res, fmt.Errorf("rename unit %s: %w", held.Code, invalid("kind "+string(kind)))
		}
		u.Kind = kind
	}
	// Which drafts may take the new kind depends on their checklists,
	// read before the transaction (through the one connection).
	drafts, err := db.draftsOf(ctx, held.ID)
	if err != nil {
		return res, fmt.Errorf("rename unit %s: %w", held.Code, err)
	}
	takesKind := map[string]bool{}
	for _, a := range drafts {
		cl, err := db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
		if err != nil {
			return res, fmt.Errorf("rename unit %s: %w", held.Code, err)
		}
		takesKind[a.ID] = cl.AppliesTo(u.Kind)
	}
	err = db.tx(ctx, func(t *txn) error {
		if _, err := t.ExecContext(ctx, "UPDATE units SET name = ?, kind = ? WHERE id = ?", u.Name, string(u.Kind), u.ID); err != nil {
			return fmt.Errorf("write unit: %w", err)
		}
		if _, err := t.appendAudit(ctx, AuditEntry{Actor: actor, Entity: "unit", EntityID: u.ID, Action: "rename",
			Old: jsonOf(held), New: jsonOf(u)}); err != nil {
			return err
		}
		for _, a := range drafts {
			cur, err := getAssessment(ctx, t, a.ID)
			if err != nil {
				return err
			}
			if cur.Status != model.StatusDraft {
				continue
			}
			cur.UnitName = u.Name
			if takesKind[a.ID] {
				cur.UnitKind = u.Kind
			} else {
				res.KeptKind++
			}
			if err := t.writeAssessment(ctx, actor, "save", cur); err != nil {
				return err
			}
			res.Drafts++
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("rename unit %s: %w", held.Code, err)
	}
	res.Unit = u
	return res, nil
}

// draftsOf lists the draft assessments of a unit.
func (db *DB) draftsOf(ctx context.Context, unitID string) ([]model.Assessment, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE unit_id = ? AND status = ? ORDER BY id",
		unitID, string(model.StatusDraft))
	if err != nil {
		return nil, fmt.Errorf("list assessments: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []model.Assessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, fmt.Errorf("list assessments: %w", db.translate(err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list assessments: %w", db.translate(err))
	}
	return out, nil
}
