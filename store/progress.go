package store

import (
	"context"
	"fmt"

	"kiemtra/model"
)

// InspectionProgress returns the progress of every assessment of an
// inspection, by assessment ID, reading one row per assessment: the counts
// are kept beside the findings by triggers, and each checklist version's
// size beside the checklist (migration 008), so the unit list costs the
// same with a hundred findings or a million and parses no checklist.
func (db *DB) InspectionProgress(ctx context.Context, inspectionID string) (map[string]model.Progress, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT a.id, coalesce(p.answered, 0), coalesce(p.score, 0), coalesce(p.na_max, 0),
		coalesce(t.items, 0), coalesce(t.max, 0)
		FROM assessments a
		LEFT JOIN progress p ON p.assessment_id = a.id
		LEFT JOIN checklist_totals t ON t.checklist_id = a.checklist_id AND t.version = a.checklist_version
		WHERE a.inspection_id = ?`, inspectionID)
	if err != nil {
		return nil, fmt.Errorf("read progress: %w", db.translate(err))
	}
	defer closeRows(rows)
	out := map[string]model.Progress{}
	for rows.Next() {
		var id string
		var p model.Progress
		var score, naMax, maxScore int64
		if err := rows.Scan(&id, &p.Answered, &score, &naMax, &p.Total, &maxScore); err != nil {
			return nil, fmt.Errorf("read progress: %w", db.translate(err))
		}
		p.Score, p.Max, p.AdjustedMax = model.Points(score), model.Points(maxScore), model.Points(maxScore-naMax)
		out[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read progress: %w", db.translate(err))
	}
	return out, nil
}
