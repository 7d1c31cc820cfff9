package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// FindingPlace is where a finding stands, in the words people use for it:
// the unit (its code, and its name as at the visit) and the item's code.
type FindingPlace struct {
	UnitCode string `json:"unit"`
	UnitName string `json:"unit_name"`
	ItemCode string `json:"item"`
}

// FindingPlaces names the findings ids refer to (under their own ID or an
// ID a merge made an alias of it), so that a receipt's records read as
// units and items rather than internal IDs. An ID this database does not
// hold is absent from the map.
func (db *DB) FindingPlaces(ctx context.Context, ids []string) (map[string]FindingPlace, error) {
	out := make(map[string]FindingPlace, len(ids))
	err := db.read(ctx, func(q queryer) error {
		for _, id := range ids {
			var p FindingPlace
			err := q.QueryRowContext(ctx, `SELECT u.code, CASE WHEN a.unit_name != '' THEN a.unit_name ELSE u.name END, f.item_code
				FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN units u ON u.id = a.unit_id
				WHERE f.id = coalesce((SELECT canonical FROM id_aliases WHERE kind = 'finding' AND alias = ?1), ?1)`, id).
				Scan(&p.UnitCode, &p.UnitName, &p.ItemCode)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return fmt.Errorf("finding %s: %w", id, err)
			}
			out[id] = p
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("name findings: %w", err)
	}
	return out, nil
}
