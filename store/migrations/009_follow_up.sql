-- 007: from one inspection to the next (model/followup.go,
-- model/selfassess.go): what a later visit found of each earlier kiến
-- nghị, the unit's reports on its fixes, and the unit's own scores. Each
-- is kept like a finding: the row is the current revision (body: its
-- JSON, model.FollowUp, model.FixReport or model.SelfScore), every
-- revision is in audit (entity follow_up, fix_report, self_score) naming
-- the one it replaced, and the columns beside body are what lookups need.
-- IF NOT EXISTS: the tests that rewind a database to an older version
-- leave these tables in place, and running this again must not fail.
CREATE TABLE IF NOT EXISTS follow_ups (
	id                TEXT PRIMARY KEY,
	assessment_id     TEXT NOT NULL REFERENCES assessments(id), -- the visit that checked
	recommendation_id TEXT NOT NULL, -- the finding that made the kiến nghị
	status            TEXT NOT NULL CHECK (status IN ('done', 'in_progress', 'not_done', 'obsolete')),
	revision          TEXT NOT NULL UNIQUE,
	body              TEXT NOT NULL,
	UNIQUE (assessment_id, recommendation_id)
) STRICT;
CREATE INDEX IF NOT EXISTS follow_ups_recommendation ON follow_ups(recommendation_id);

CREATE TABLE IF NOT EXISTS fix_reports (
	id        TEXT PRIMARY KEY,
	unit_code TEXT NOT NULL,
	number    TEXT NOT NULL,
	received  TEXT NOT NULL, -- yyyy-mm-dd
	revision  TEXT NOT NULL UNIQUE,
	body      TEXT NOT NULL,
	UNIQUE (unit_code, number)
) STRICT;

CREATE TABLE IF NOT EXISTS self_scores (
	id            TEXT PRIMARY KEY,
	assessment_id TEXT NOT NULL REFERENCES assessments(id),
	item_code     TEXT NOT NULL,
	revision      TEXT NOT NULL UNIQUE,
	body          TEXT NOT NULL,
	UNIQUE (assessment_id, item_code)
) STRICT;
