package store

import (
	"kiemtra/model"
)

// The checks a bundle's follow-up, fix report and self-score revisions
// pass before anything is written, beside the per-record ones the decoder
// makes (bundle/stamped.go): across the bundle, and against what is held
// here. They join the lists checkStaged and the merge's recheck run.
func init() {
	bundleChecks = append(bundleChecks, stagedCheck{
		`SELECT rev_id, '' FROM stage.entries WHERE kind = 'stamped' GROUP BY rev_id HAVING count(*) > 1 LIMIT 1`,
		func(rev, _ string) error { return contentErr(short(rev), "the revision appears twice") }})
	heldChecks = append(heldChecks,
		// A revision held here is the very entry that made it.
		// CROSS JOIN keeps the bundle's few entries as the outer loop, each
		// looking its revision up by index: left to itself the planner
		// walks every finding entry held (audit_entity_revision).
		stagedCheck{`SELECT s.rev_id, '' FROM stage.entries s CROSS JOIN main.audit m ON m.revision = s.rev_id
			AND m.entity IN ('finding', 'follow_up', 'fix_report', 'self_score')
			WHERE s.kind = 'stamped' AND (m.device != s.device OR m.dev_seq != s.dev_seq) LIMIT 1`,
			func(rev, _ string) error { return model.NewError(model.ERevisionChanged, nil, short(rev)) }},
		// A follow-up checks a kiến nghị made for the same unit: one held
		// here for another unit is refused.
		stagedCheck{`SELECT s.entity_id, '' FROM stage.entries s
			JOIN main.findings f ON f.id = ` + canonSQL("finding", "json_extract(s.new, '$.recommendation_id')") + `
			JOIN main.assessments fa ON fa.id = f.assessment_id JOIN main.units fu ON fu.id = fa.unit_id
			JOIN stage.assessments sa ON sa.id = coalesce((SELECT canonical FROM stage.aliases WHERE kind = 'assessment'
				AND alias = s.assessment_id), s.assessment_id)
			JOIN stage.units su ON su.id = sa.unit_id
			WHERE s.kind = 'stamped' AND s.entity = 'follow_up' AND upper(fu.code) != upper(su.code) LIMIT 1`,
			func(id, _ string) error { return contentErr(short(id), "a follow-up of another unit's recommendation") }},
		// A unit's report covers its own kiến nghị.
		stagedCheck{`SELECT s.entity_id, '' FROM stage.entries s, json_each(json_extract(s.new, '$.covers')) c
			JOIN main.findings f ON f.id = ` + canonSQL("finding", "c.value") + `
			JOIN main.assessments fa ON fa.id = f.assessment_id JOIN main.units fu ON fu.id = fa.unit_id
			WHERE s.kind = 'stamped' AND s.entity = 'fix_report' AND upper(fu.code) != upper(s.assessment_id) LIMIT 1`,
			func(id, _ string) error {
				return contentErr(short(id), "a report on the fixes of another unit's recommendation")
			}},
	)
}
