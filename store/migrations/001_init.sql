-- 001: the first schema. Every record is keyed by a UUID made on the device
-- that created it, so databases from several laptops merge without
-- renumbering. Text is stored NFC; dates as yyyy-mm-dd; times as RFC 3339
-- UTC with nanoseconds; scores as integer hundredths of a point.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Checklist versions this database has seen, with their full content, so an
-- assessment keeps the exact questions and weights it was made against even
-- after the app ships a newer built-in.
CREATE TABLE checklists (
	id       TEXT NOT NULL,
	version  TEXT NOT NULL,
	hash     TEXT NOT NULL,
	kind     TEXT NOT NULL,
	title    TEXT NOT NULL,
	body     TEXT NOT NULL, -- canonical JSON of model.Checklist
	builtin  INTEGER NOT NULL DEFAULT 0,
	added_at TEXT NOT NULL,
	PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE inspections (
	id          TEXT PRIMARY KEY,
	year        INTEGER NOT NULL,
	title       TEXT NOT NULL,
	plan        TEXT NOT NULL DEFAULT '',
	decision    TEXT NOT NULL DEFAULT '',
	issuer      TEXT NOT NULL DEFAULT '',
	team        TEXT NOT NULL DEFAULT '[]', -- JSON array of model.Member
	start_date  TEXT NOT NULL DEFAULT '',
	end_date    TEXT NOT NULL DEFAULT '',
	report_days INTEGER NOT NULL DEFAULT 15,
	updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE units (
	id      TEXT PRIMARY KEY,
	code    TEXT NOT NULL UNIQUE,
	name    TEXT NOT NULL,
	kind    TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE assessments (
	id                      TEXT PRIMARY KEY,
	inspection_id           TEXT NOT NULL REFERENCES inspections(id),
	unit_id                 TEXT NOT NULL REFERENCES units(id),
	checklist_id            TEXT NOT NULL,
	checklist_version       TEXT NOT NULL,
	visit_date              TEXT NOT NULL DEFAULT '',
	place                   TEXT NOT NULL DEFAULT '',
	status                  TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalized')),
	representative          TEXT NOT NULL DEFAULT '',
	representative_position TEXT NOT NULL DEFAULT '',
	unit_comments           TEXT NOT NULL DEFAULT '',
	strengths               TEXT NOT NULL DEFAULT '',
	finalized_at            TEXT NOT NULL DEFAULT '',
	finalized_by            TEXT NOT NULL DEFAULT '',
	updated_at              TEXT NOT NULL,
	UNIQUE (inspection_id, unit_id),
	FOREIGN KEY (checklist_id, checklist_version) REFERENCES checklists(id, version)
) STRICT;
CREATE INDEX assessments_unit ON assessments(unit_id);

-- The current revision of each finding. Its history is in audit.
CREATE TABLE findings (
	id             TEXT PRIMARY KEY,
	assessment_id  TEXT NOT NULL REFERENCES assessments(id),
	item_code      TEXT NOT NULL,
	result         TEXT NOT NULL DEFAULT '' CHECK (result IN ('', 'pass', 'partial', 'fail', 'na')),
	score          INTEGER NOT NULL DEFAULT 0,
	note           TEXT NOT NULL DEFAULT '',
	evidence       TEXT NOT NULL DEFAULT '',
	recommendation TEXT NOT NULL DEFAULT '',
	deadline       TEXT NOT NULL DEFAULT '',
	updated_by     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	device         TEXT NOT NULL,
	revision       TEXT NOT NULL UNIQUE,
	base_revision  TEXT NOT NULL DEFAULT '',
	UNIQUE (assessment_id, item_code)
) STRICT;

-- Every change to a record, append-only. Each device's entries form a hash
-- chain (dev_seq 1, 2, 3…; hash covers prev_hash and the entry), so an entry
-- rewritten or back-dated after the fact is detected when bundles are
-- merged. For findings, revision/base_revision name the change.
CREATE TABLE audit (
	seq           INTEGER PRIMARY KEY AUTOINCREMENT,
	id            TEXT NOT NULL UNIQUE,
	device        TEXT NOT NULL,
	dev_seq       INTEGER NOT NULL,
	at            TEXT NOT NULL,
	actor         TEXT NOT NULL,
	entity        TEXT NOT NULL,
	entity_id     TEXT NOT NULL,
	action        TEXT NOT NULL,
	old           TEXT NOT NULL DEFAULT '',
	new           TEXT NOT NULL DEFAULT '',
	revision      TEXT NOT NULL DEFAULT '',
	base_revision TEXT NOT NULL DEFAULT '',
	prev_hash     TEXT NOT NULL,
	hash          TEXT NOT NULL,
	UNIQUE (device, dev_seq)
) STRICT;
CREATE INDEX audit_entity ON audit(entity_id, seq);
