package store

import (
	"context"
	"fmt"

	"kiemtra/model"
)

// InspectionProgress returns the progress of every assessment of an
// inspection, by assessment ID, reading one row per assessment: the counts
// are kept beside the findings by triggers (migration 004), so the unit
// list costs the same with a hundred findings or a million.
func (db *DB) InspectionProgress(ctx context.Context, inspectionID string) (map[string]model.Progress, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT a.id, a.checklist_id, a.checklist_version, coalesce(p.answered, 0), coalesce(p.score, 0)
		FROM assessments a LEFT JOIN progress p ON p.assessment_id = a.id WHERE a.inspection_id = ?`, inspectionID)
	if err != nil {
		return nil, fmt.Errorf("read progress: %w", db.translate(err))
	}
	type row struct {
		id, cl, ver string
		p           model.Progress
	}
	var list []row
	for rows.Next() {
		var r row
		var score int64
		if err := rows.Scan(&r.id, &r.cl, &r.ver, &r.p.Answered, &score); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read progress: %w", db.translate(err))
		}
		r.p.Score = model.Points(score)
		list = append(list, r)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("read progress: %w", db.translate(err))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read progress: %w", db.translate(err))
	}
	// The checklists are read after the rows are closed: the pool has
	// one connection.
	out := make(map[string]model.Progress, len(list))
	for _, r := range list {
		cl, err := db.Checklist(ctx, r.cl, r.ver)
		if err != nil {
			return nil, fmt.Errorf("read progress: %w", err)
		}
		r.p.Total, r.p.Max = cl.ItemCount(), cl.Max()
		out[r.id] = r.p
	}
	return out, nil
}
