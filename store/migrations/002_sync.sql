-- 002: moving work between laptops and Sở Nội vụ in signed bundles
-- (see store/BUNDLE.md).

-- Public keys whose bundles and receipts this database accepts. The
-- device's own key is here too (self = 1). A key is bound to the device ID
-- it was exported with, so a trusted key cannot speak for another device.
CREATE TABLE trusted_keys (
	fingerprint TEXT PRIMARY KEY, -- first 16 hex digits of SHA-256(public key), as "3f2a-91c0-77de-0b15"
	public_key  TEXT NOT NULL UNIQUE, -- base64 of the 32-byte ed25519 key
	device      TEXT NOT NULL,
	name        TEXT NOT NULL,
	self        INTEGER NOT NULL DEFAULT 0,
	added_at    TEXT NOT NULL
) STRICT;

-- Bundles this device wrote, by its own sequence number.
CREATE TABLE bundles_sent (
	seq        INTEGER PRIMARY KEY,
	hash       TEXT NOT NULL, -- SHA-256 of the payload
	file       TEXT NOT NULL,
	inspection TEXT NOT NULL,
	findings   INTEGER NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

-- Bundles received, directly or (relayed = 1) through another device that
-- had imported them; used to report gaps ("bundle 7 never arrived") and to
-- recognise a bundle imported again.
CREATE TABLE bundles_received (
	device      TEXT NOT NULL,
	seq         INTEGER NOT NULL,
	hash        TEXT NOT NULL DEFAULT '', -- payload SHA-256; '' when only known through a relay
	relayed     INTEGER NOT NULL DEFAULT 0,
	via         TEXT NOT NULL DEFAULT '', -- device whose bundle told us about it
	file        TEXT NOT NULL DEFAULT '',
	received_at TEXT NOT NULL,
	PRIMARY KEY (device, seq)
) STRICT;

-- Receipts for this device's bundles: what the importing device did with
-- each record.
CREATE TABLE delivered (
	importer    TEXT NOT NULL, -- device ID of the importer
	seq         INTEGER NOT NULL, -- our bundle's sequence number
	record_kind TEXT NOT NULL,
	record_id   TEXT NOT NULL,
	revision    TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL CHECK (status IN ('present', 'accepted', 'conflict', 'refused')),
	received_at TEXT NOT NULL,
	PRIMARY KEY (importer, seq, record_kind, record_id)
) STRICT;

-- Two current revisions of one finding that disagree. Both values are kept
-- (in audit and here); the finding row shows current_*; resolving writes a
-- revision based on both.
CREATE TABLE conflicts (
	id                  TEXT PRIMARY KEY, -- derived from the two revisions, the same in every database
	finding_id          TEXT NOT NULL,
	assessment_id       TEXT NOT NULL,
	item_code           TEXT NOT NULL,
	current_revision    TEXT NOT NULL,
	other_revision      TEXT NOT NULL,
	current_json        TEXT NOT NULL,
	other_json          TEXT NOT NULL,
	detected_at         TEXT NOT NULL,
	resolved_at         TEXT NOT NULL DEFAULT '',
	resolved_by         TEXT NOT NULL DEFAULT '',
	resolution_revision TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX conflicts_finding ON conflicts(finding_id);
CREATE INDEX conflicts_open ON conflicts(resolved_at, assessment_id);

-- Links of other devices' audit chains whose entries are not held here in
-- full (they concern records outside the bundles received), so that later
-- bundles can still be checked against every link already seen.
CREATE TABLE audit_links (
	device    TEXT NOT NULL,
	dev_seq   INTEGER NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL,
	PRIMARY KEY (device, dev_seq)
) STRICT;

-- The same unit, assessment or finding created separately on two laptops
-- (say, each imported the plan file) has two IDs. The merge keeps the
-- smaller as the record's ID everywhere and remembers the other here, so
-- history and later bundles under either ID find the one record.
CREATE TABLE id_aliases (
	kind      TEXT NOT NULL CHECK (kind IN ('unit', 'assessment', 'finding')),
	alias     TEXT NOT NULL,
	canonical TEXT NOT NULL,
	PRIMARY KEY (kind, alias)
) STRICT;
CREATE INDEX id_aliases_canonical ON id_aliases(kind, canonical);
