-- 004: each assessment keeps the unit's name and kind as they were at the
-- visit, so a unit renamed or re-kinded later (or rewritten by a unit of
-- the same code added elsewhere, as kiemtra before this version allowed)
-- never changes what a past record and summary say.
ALTER TABLE assessments ADD COLUMN unit_name TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN unit_kind TEXT NOT NULL DEFAULT '';

-- A finalized record says what the unit was when it was signed: its last
-- state in the audit history (under its ID or an alias of it) at the
-- moment of finalizing. Times are stored fixed-width UTC, so text order is
-- time order.
UPDATE assessments SET
	unit_name = coalesce((SELECT json_extract(au.new, '$.name') FROM audit au
		WHERE au.entity = 'unit' AND json_valid(au.new) AND au.at <= assessments.finalized_at
		AND (au.entity_id = assessments.unit_id OR au.entity_id IN
			(SELECT alias FROM id_aliases WHERE kind = 'unit' AND canonical = assessments.unit_id))
		ORDER BY au.at DESC, au.seq DESC LIMIT 1), ''),
	unit_kind = coalesce((SELECT json_extract(au.new, '$.kind') FROM audit au
		WHERE au.entity = 'unit' AND json_valid(au.new) AND au.at <= assessments.finalized_at
		AND (au.entity_id = assessments.unit_id OR au.entity_id IN
			(SELECT alias FROM id_aliases WHERE kind = 'unit' AND canonical = assessments.unit_id))
		ORDER BY au.at DESC, au.seq DESC LIMIT 1), '')
WHERE status = 'finalized' AND finalized_at != '';

-- Everything else (drafts, and records whose unit has no history) takes
-- the unit as it is now: nothing better is known.
UPDATE assessments SET unit_name = coalesce((SELECT name FROM units WHERE units.id = assessments.unit_id), '') WHERE unit_name = '';
UPDATE assessments SET unit_kind = coalesce((SELECT kind FROM units WHERE units.id = assessments.unit_id), '') WHERE unit_kind = '';
