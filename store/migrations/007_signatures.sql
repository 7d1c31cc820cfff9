-- 007: authorship a relay cannot forge, records that merge by revision,
-- and delivery accounted by each device's own entries (store/BUNDLE.md).

-- Each audit entry (and each link of another device's chain held without
-- its entry) carries the signature of the device that made it, made when
-- it was made; '' for entries made before signatures existed (this
-- device signs its own when it first needs its key).
ALTER TABLE audit ADD COLUMN sig TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_links ADD COLUMN sig TEXT NOT NULL DEFAULT '';

-- The revision each record shows ('' for a record last changed before
-- records had revisions); a change is made on it.
ALTER TABLE inspections ADD COLUMN revision TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN revision TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN revision TEXT NOT NULL DEFAULT '';

-- Record revisions are looked up by record.
CREATE INDEX IF NOT EXISTS audit_entity_revision ON audit(entity, entity_id, revision);

-- Each device's signed statements of the bundles it wrote: which of its
-- own entries each carried. This device's own are here too. A bundle whose
-- entries are all held here has arrived, whoever brought them.
CREATE TABLE bundle_statements (
	device     TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	inspection TEXT NOT NULL,
	created    TEXT NOT NULL,
	entries    TEXT NOT NULL, -- JSON array of [first, last] dev_seq ranges
	sig        TEXT NOT NULL,
	PRIMARY KEY (device, seq)
) STRICT;
