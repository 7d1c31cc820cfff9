-- 010: evidence files attached to findings (model/evidence.go). The bytes
-- are kept once per content: blobs names each content by its SHA-256 and
-- blob_chunks holds it in pieces of at most model.BlobChunkBytes, so a file
-- is written, read and carried in bundles without ever being whole in
-- memory. A blob row exists only once every chunk is in and the hash was
-- checked. attachments is the current revision of each attachment (body:
-- its JSON, model.Attachment); every revision is in audit (entity
-- attachment). An attachment whose blob is absent came in a bundle sent
-- without files. IF NOT EXISTS: the tests that rewind a database to an
-- older version leave these tables in place.
CREATE TABLE IF NOT EXISTS blobs (
	sha256 TEXT PRIMARY KEY,
	size   INTEGER NOT NULL CHECK (size >= 0)
) STRICT;

CREATE TABLE IF NOT EXISTS blob_chunks (
	sha256 TEXT NOT NULL,
	seq    INTEGER NOT NULL,
	data   BLOB NOT NULL,
	UNIQUE (sha256, seq)
) STRICT;

CREATE TABLE IF NOT EXISTS attachments (
	id            TEXT PRIMARY KEY,
	assessment_id TEXT NOT NULL REFERENCES assessments(id),
	item_code     TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	removed       INTEGER NOT NULL DEFAULT 0,
	revision      TEXT NOT NULL UNIQUE,
	body          TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS attachments_finding ON attachments(assessment_id, item_code);
CREATE INDEX IF NOT EXISTS attachments_blob ON attachments(sha256);
