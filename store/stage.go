package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// An import decodes a bundle into a stage: a scratch SQLite file beside
// the database, written without a journal (it is thrown away whatever
// happens). The checks across records and against the database are then
// queries joining the stage with the database (attached as "stage"), and
// the merge reads the stage one finding at a time, so an import holds
// about one record in memory whatever the bundle's size. The set-based
// queries live in stage_check.go and merge*.go.

// stageSchema is the stage's tables: the bundle's records as decoded, with
// what the checks and the merge look them up by.
const stageSchema = `
CREATE TABLE inspection (id TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE units (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
CREATE TABLE assessments (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE aliases (kind TEXT NOT NULL, alias TEXT NOT NULL, canonical TEXT NOT NULL, PRIMARY KEY (kind, alias));
CREATE TABLE findings (id TEXT PRIMARY KEY, assessment_id TEXT NOT NULL, item_code TEXT NOT NULL, revision TEXT NOT NULL,
	row_key TEXT NOT NULL);
-- Every entry and link of every chain, by device and number: full = 1 for
-- an entry (its content is in entries), at its time in Unix nanoseconds;
-- proof is bundle.Proof.
CREATE TABLE chain (device TEXT NOT NULL, dev_seq INTEGER NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
	sig TEXT NOT NULL, full INTEGER NOT NULL, at INTEGER NOT NULL, proof INTEGER NOT NULL, PRIMARY KEY (device, dev_seq)) WITHOUT ROWID;
-- The entries' content, as the bundle has it; kind is 'finding' for a
-- finding revision, 'record' for an inspection, unit or assessment
-- revision, 'stamped' for a follow-up, fix report or self-score revision
-- (assessment_id its visit, or a fix report's unit code), 'attachment' for an
-- evidence file's, '' otherwise. rev_id is the revision the merge knows it by
-- (a record entry from before records had revisions has none of its own),
-- rev_key what a finding row must match (bundle.RowKey), rev_hash what
-- identifies a revision's content.
CREATE TABLE entries (device TEXT NOT NULL, dev_seq INTEGER NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
	entity TEXT NOT NULL, entity_id TEXT NOT NULL, action TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL,
	revision TEXT NOT NULL, base_revision TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, sig TEXT NOT NULL,
	kind TEXT NOT NULL, rev_id TEXT NOT NULL, rev_key TEXT NOT NULL, rev_hash TEXT NOT NULL, assessment_id TEXT NOT NULL,
	item_code TEXT NOT NULL,
	PRIMARY KEY (device, dev_seq));
CREATE TABLE statements (device TEXT NOT NULL, seq INTEGER NOT NULL, inspection TEXT NOT NULL, created TEXT NOT NULL,
	entries TEXT NOT NULL, sig TEXT NOT NULL, PRIMARY KEY (device, seq));
CREATE TABLE received (device TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (device, seq));
-- The pieces of the evidence files, checked against their hashes while
-- decoding (store/bundle/blobs.go).
CREATE TABLE blob_chunks (sha256 TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (sha256, seq));
-- What became of each finding row, for the receipt (written during the
-- merge, read after it).
CREATE TABLE receipt (id TEXT NOT NULL, revision TEXT NOT NULL, status TEXT NOT NULL);
`

// stageIndexes are made once the stage is loaded, for the checks and the
// merge.
const stageIndexes = `
CREATE INDEX entries_revision ON entries(rev_id, kind);
CREATE INDEX entries_entity ON entries(entity, entity_id);
CREATE INDEX entries_finding ON entries(assessment_id, item_code) WHERE kind = 'finding';
CREATE INDEX findings_item ON findings(assessment_id, item_code);
`

// stage is one import's scratch database.
type stage struct {
	path string
	db   *sql.DB
}

// stagePrefix starts every stage's file name; a stage left behind by a
// killed import is removed when the next import starts (Import).
const stagePrefix = ".kiemtra-import-"

// newStage makes an empty stage in dir.
func newStage(ctx context.Context, dir string) (*stage, error) {
	f, err := os.CreateTemp(dir, stagePrefix+"*.db")
	if err != nil {
		return nil, fmt.Errorf("make import stage: %w", safefile.Wrap(dir, err))
	}
	path := f.Name()
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("make import stage: %w", errors.Join(safefile.Wrap(path, err), os.Remove(path)))
	}
	// No journal and no syncing: the stage is scratch. A small page cache
	// keeps memory flat; SQLite spills to the file.
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-8000)")
	if err != nil {
		return nil, fmt.Errorf("open import stage: %w", errors.Join(translateAt(path, err), os.Remove(path)))
	}
	db.SetMaxOpenConns(1)
	s := &stage{path: path, db: db}
	if _, err := db.ExecContext(ctx, stageSchema); err != nil {
		return nil, fmt.Errorf("make import stage: %w", errors.Join(translateAt(path, err), s.remove()))
	}
	return s, nil
}

// removeStaleStages deletes stages a killed import left in dir.
func removeStaleStages(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), stagePrefix) {
			_ = os.Remove(filepath.Join(dir, e.Name())) // scratch; a failure leaves scratch
		}
	}
}

// finish indexes the loaded stage, runs check on it through its own
// connection, and closes that connection, so the database can attach the
// complete file.
func (s *stage) finish(ctx context.Context, check func(queryer) error) error {
	if _, err := s.db.ExecContext(ctx, stageIndexes); err != nil {
		return fmt.Errorf("index import stage: %w", translateAt(s.path, err))
	}
	if err := check(s.db); err != nil {
		return err
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close import stage: %w", translateAt(s.path, err))
	}
	s.db = nil
	return nil
}

// remove closes and deletes the stage.
func (s *stage) remove() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
		s.db = nil
	}
	for _, p := range []string{s.path, s.path + "-journal", s.path + "-wal", s.path + "-shm"} {
		if rerr := os.Remove(p); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
			err = rerr
		}
	}
	return err
}

// attach makes the stage visible to the database's connection as
// "stage". The store has one connection, so everything the import runs
// next (its read and write transactions) sees it; detach ends that.
func (db *DB) attach(ctx context.Context, s *stage) error {
	if _, err := db.sql.ExecContext(ctx, "ATTACH DATABASE ? AS stage", s.path); err != nil {
		return fmt.Errorf("attach import stage: %w", db.translate(err))
	}
	return nil
}

func (db *DB) detach(ctx context.Context) error {
	if _, err := db.sql.ExecContext(context.WithoutCancel(ctx), "DETACH DATABASE stage"); err != nil {
		return fmt.Errorf("detach import stage: %w", db.translate(err))
	}
	return nil
}

// stageErr names a stage failure: a full disk is the user's to fix, the
// rest is ours.
func stageErr(path string, err error) error {
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	return translateAt(path, err)
}
