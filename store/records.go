package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"kiemtra/model"
)

func normInspection(in model.Inspection) model.Inspection {
	in.Title, in.Plan, in.Decision, in.Issuer = nfc(strings.TrimSpace(in.Title)), nfc(in.Plan), nfc(in.Decision), nfc(in.Issuer)
	team := make([]model.Member, len(in.Team))
	for i, m := range in.Team {
		team[i] = model.Member{Name: nfc(m.Name), Position: nfc(m.Position), Organisation: nfc(m.Organisation), Role: nfc(m.Role)}
	}
	in.Team = team
	return normInspectionDoc(in)
}

// SaveInspection creates or updates an inspection (by ID; a new one gets an
// ID) and returns it as stored.
func (db *DB) SaveInspection(ctx context.Context, actor string, in model.Inspection) (model.Inspection, error) {
	in = normInspection(in)
	if in.Title == "" || in.Year < 1990 || in.Year > 2200 {
		return in, invalid("inspection: title, year (1990–2200)")
	}
	if in.ID == "" {
		in.ID = model.NewID()
	}
	if in.ReportDays == 0 {
		in.ReportDays = 15
	}
	err := db.tx(ctx, func(t *txn) error { return t.saveInspection(ctx, actor, in) })
	if err != nil {
		return in, fmt.Errorf("save inspection %q: %w", in.Title, err)
	}
	return in, nil
}

func (t *txn) saveInspection(ctx context.Context, actor string, in model.Inspection) error {
	old, err := getInspection(ctx, t, in.ID)
	exists := err == nil
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return err
	}
	if exists && jsonOf(old) == jsonOf(in) {
		return nil
	}
	if err := t.upsertInspection(ctx, in, t.now()); err != nil {
		return err
	}
	e := AuditEntry{Actor: actor, Entity: "inspection", EntityID: in.ID, Action: "create", New: jsonOf(in)}
	if exists {
		e.Action, e.Old = "save", jsonOf(old)
	}
	_, err = t.appendAudit(ctx, e)
	return err
}

// upsertInspection writes an inspection row as changed at updated.
func (t *txn) upsertInspection(ctx context.Context, in model.Inspection, updated time.Time) error {
	team, err := json.Marshal(in.Team)
	if err != nil {
		return fmt.Errorf("encode team of inspection %s: %w", in.ID, err)
	}
	_, err = t.ExecContext(ctx, `INSERT INTO inspections(id, year, title, plan, decision, issuer, team, start_date, end_date, report_days, doc, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET year=excluded.year, title=excluded.title, plan=excluded.plan, decision=excluded.decision,
		issuer=excluded.issuer, team=excluded.team, start_date=excluded.start_date, end_date=excluded.end_date,
		report_days=excluded.report_days, doc=excluded.doc, updated_at=excluded.updated_at`,
		in.ID, in.Year, in.Title, in.Plan, in.Decision, in.Issuer, string(team), in.Start.ISO(), in.End.ISO(), in.ReportDays,
		inspectionDocOf(in), formatTime(updated))
	if err != nil {
		return fmt.Errorf("write inspection: %w", err)
	}
	return nil
}

// jsonOf is v as JSON, for audit entries and comparisons. Everything given
// to it is plain data (model types, maps of strings), which always
// encodes; were it ever not to, the entry says why instead of failing the
// save.
func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", err.Error())
	}
	return string(b)
}

// invalid is an error for input that breaks a rule; what names the rule.
func invalid(what string) error { return model.NewError(model.EInvalid, nil, what) }

// notFound is an error for a record that is not held; what names it as
// the person knows it (a code, a reference).
func notFound(what string) error { return model.NewError(model.ENotFound, nil, what) }

const inspectionCols = `id, year, title, plan, decision, issuer, team, start_date, end_date, report_days, doc`

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanInspection(sc scanner) (model.Inspection, error) {
	var in model.Inspection
	var team, start, end, doc string
	if err := sc.Scan(&in.ID, &in.Year, &in.Title, &in.Plan, &in.Decision, &in.Issuer, &team, &start, &end, &in.ReportDays, &doc); err != nil {
		return in, err
	}
	if err := readInspectionDoc(&in, doc); err != nil {
		return in, err
	}
	if err := json.Unmarshal([]byte(team), &in.Team); err != nil {
		return in, fmt.Errorf("inspection %s team: %w", in.ID, err)
	}
	var err error
	if in.Start, err = model.ParseDate(start); err != nil {
		return in, fmt.Errorf("inspection %s start: %w", in.ID, err)
	}
	if in.End, err = model.ParseDate(end); err != nil {
		return in, fmt.Errorf("inspection %s end: %w", in.ID, err)
	}
	return in, nil
}

func getInspection(ctx context.Context, q queryer, id string) (model.Inspection, error) {
	in, err := scanInspection(q.QueryRowContext(ctx, "SELECT "+inspectionCols+" FROM inspections WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return in, fmt.Errorf("inspection %s: %w", id, notFound(model.ShortID(id)))
	}
	if err != nil {
		return in, fmt.Errorf("read inspection %s: %w", id, err)
	}
	return in, nil
}

// Inspection returns one inspection by ID.
func (db *DB) Inspection(ctx context.Context, id string) (model.Inspection, error) {
	in, err := getInspection(ctx, db.sql, id)
	if err != nil {
		return in, db.translate(err)
	}
	return in, nil
}

// Inspections lists every inspection, newest year first, then by title.
func (db *DB) Inspections(ctx context.Context) ([]model.Inspection, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+inspectionCols+" FROM inspections WHERE "+listedInspection+" ORDER BY year DESC, title, id")
	if err != nil {
		return nil, fmt.Errorf("list inspections: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []model.Inspection
	for rows.Next() {
		in, err := scanInspection(rows)
		if err != nil {
			return nil, fmt.Errorf("list inspections: %w", db.translate(err))
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list inspections: %w", db.translate(err))
	}
	return out, nil
}

// ErrAmbiguous is returned when an ID prefix matches several records.
var ErrAmbiguous = &model.Error{Code: model.EAmbiguous}

// FindInspection resolves what a person typed: a full ID or a unique prefix
// of one. An empty ref picks the only inspection, or the newest one when
// there are several.
func (db *DB) FindInspection(ctx context.Context, ref string) (model.Inspection, error) {
	all, err := db.Inspections(ctx)
	if err != nil {
		return model.Inspection{}, err
	}
	if ref == "" {
		if len(all) == 0 {
			return model.Inspection{}, fmt.Errorf("no inspection: %w", notFound(""))
		}
		return all[0], nil
	}
	var hits []model.Inspection
	for _, in := range all {
		if in.ID == ref {
			return in, nil
		}
		if strings.HasPrefix(in.ID, strings.ToLower(ref)) {
			hits = append(hits, in)
		}
	}
	switch len(hits) {
	case 0:
		return model.Inspection{}, fmt.Errorf("inspection %q: %w", ref, notFound(ref))
	case 1:
		return hits[0], nil
	}
	return model.Inspection{}, fmt.Errorf("inspection %q: %w", ref, model.NewError(model.EAmbiguous, nil, ref))
}

const unitCols = "id, code, name, kind, address"

func scanUnit(sc scanner) (model.Unit, error) {
	var u model.Unit
	var kind string
	err := sc.Scan(&u.ID, &u.Code, &u.Name, &kind, &u.Address)
	u.Kind = model.UnitKind(kind)
	return u, err
}

// UnitByCode finds a unit by its code (case-insensitive).
func (db *DB) UnitByCode(ctx context.Context, code string) (model.Unit, error) {
	u, err := scanUnit(db.sql.QueryRowContext(ctx, "SELECT "+unitCols+" FROM units WHERE code = ?",
		upper(code)))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("unit %s: %w", code, notFound(upper(code)))
	}
	if err != nil {
		return u, fmt.Errorf("read unit %s: %w", code, db.translate(err))
	}
	return u, nil
}

// Units lists every unit by code.
func (db *DB) Units(ctx context.Context) ([]model.Unit, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+unitCols+" FROM units ORDER BY code")
	if err != nil {
		return nil, fmt.Errorf("list units: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []model.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("list units: %w", db.translate(err))
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list units: %w", db.translate(err))
	}
	return out, nil
}

// upper is how unit codes are stored: trimmed, upper case.
func upper(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }
