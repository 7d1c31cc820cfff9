package store

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"kiemtra/internal/safefile"
	"kiemtra/store/bundle"
)

// BundleOptions selects what a bundle holds.
type BundleOptions struct {
	Inspection string   // inspection ID (required)
	Units      []string // unit codes; empty means every unit of the inspection
	// Replace allows writing over an existing regular file (--force).
	Replace bool
	// NoFiles leaves the evidence files' bytes out (--no-files, for an
	// e-mail-sized bundle): the attachments still travel, and the receiver
	// lists them as not received yet.
	NoFiles bool
}

// BundleInfo is what WriteBundle reports.
type BundleInfo struct {
	Path     string
	Manifest Manifest
	Bytes    int64
}

// WriteBundle writes the selected inspection, units, assessments, findings
// and their audit history to out, signed with this device's key, as the
// device's next bundle. An existing file is refused unless opt.Replace.
// Before anything is written this device's own history is checked (a
// damaged entry is refused, named); everything sent is read in one read
// transaction and streamed, so a bundle of any size costs little memory.
// The file appears complete or not at all.
func (db *DB) WriteBundle(ctx context.Context, out string, opt BundleOptions) (BundleInfo, error) {
	info := BundleInfo{Path: out}
	fopt := safefile.Options{Replace: opt.Replace}
	if err := safefile.CheckTarget(out, fopt); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	b, err := db.buildBundle(ctx, filepath.Dir(out), opt)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", safefile.Wrap(out, err))
	}
	defer b.drop()
	// Write and sync the file under a temporary name, record the sequence
	// number, then put it in place: a crash leaves either no bundle and no
	// number used, or (rarely) a used number with no file, never two
	// bundles with one number.
	f, err := safefile.Create(out, fopt)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	defer f.Abort()
	n, err := b.writeTo(f)
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", safefile.Wrap(out, err))
	}
	if err := db.recordSent(ctx, b, filepath.Base(out)); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	if err := f.Commit(); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	info.Manifest, info.Bytes = b.m, n
	return info, nil
}

// StreamBundle writes the bundle WriteBundle would write to w instead of a
// file (kiemtra bundle --out -: standard output, a pipe). Bytes sent down a
// stream cannot be taken back, so the sequence number is recorded before
// any is sent (the payload is spooled beside the database first): a stream
// that breaks off leaves a number used with no complete bundle, never two
// bundles with one number.
func (db *DB) StreamBundle(ctx context.Context, w io.Writer, opt BundleOptions) (BundleInfo, error) {
	info := BundleInfo{Path: "-"}
	b, err := db.buildBundle(ctx, filepath.Dir(db.path), opt)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	defer b.drop()
	if err := db.recordSent(ctx, b, "-"); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	n, err := b.writeTo(w)
	if err != nil {
		return info, fmt.Errorf("write bundle to standard output: %w", err)
	}
	info.Manifest, info.Bytes = b.m, n
	return info, nil
}

// built is a bundle made but not yet sent: its manifest, its statement,
// the key to sign its header with, and its payload in a spool file.
type built struct {
	m     Manifest
	mine  Statement
	key   *DeviceKey
	spool *os.File
}

// buildBundle checks this device's own history, then streams the payload
// into a spool in dir from one read transaction and fills in the manifest.
func (db *DB) buildBundle(ctx context.Context, dir string, opt BundleOptions) (*built, error) {
	inspector, err := db.Setting(ctx, SettingInspector)
	if err != nil {
		return nil, err
	}
	b := &built{}
	err = db.tx(ctx, func(t *txn) error {
		var err error
		if b.key, err = db.keyIn(ctx, t); err != nil {
			return err
		}
		if err := t.checkOwnChain(ctx, false); err != nil {
			return err
		}
		return t.backfillStatements(ctx, b.key)
	})
	if err != nil {
		return nil, err
	}
	// The payload is spooled: the manifest before it states its length
	// and hash.
	if b.spool, err = os.CreateTemp(dir, ".kiemtra-bundle-*.tmp"); err != nil {
		return nil, safefile.Wrap(dir, err)
	}
	sum := sha256.New()
	var plain int64
	err = db.read(ctx, func(q queryer) error {
		var err error
		b.m, b.mine, plain, err = db.encodePayload(ctx, q, opt, b.key, io.MultiWriter(b.spool, sum))
		return err
	})
	if err != nil {
		b.drop()
		return nil, err
	}
	m := &b.m
	m.Format, m.App, m.Device, m.Inspector, m.Created = BundleFormat, AppVersion, db.device, inspector, b.mine.Created
	m.PublicKey = base64.StdEncoding.EncodeToString(b.key.Public)
	if m.PayloadBytes, err = b.spool.Seek(0, io.SeekCurrent); err != nil {
		b.drop()
		return nil, safefile.Wrap(b.spool.Name(), err)
	}
	m.PayloadSHA256, m.PlainBytes = hex.EncodeToString(sum.Sum(nil)), plain
	return b, nil
}

// writeTo writes the bundle: header, then the spooled payload.
func (b *built) writeTo(w io.Writer) (int64, error) {
	if _, err := b.spool.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := bundle.WriteHeader(w, b.key, b.m)
	if err != nil {
		return n, err
	}
	k, err := io.Copy(w, b.spool)
	return n + k, err
}

// drop removes the spool.
func (b *built) drop() {
	if b.spool != nil {
		_ = b.spool.Close()           // the spool is scratch
		_ = os.Remove(b.spool.Name()) // and removed whatever happens
		b.spool = nil
	}
}

// recordSent records a bundle as sent under its sequence number, with its
// statement.
func (db *DB) recordSent(ctx context.Context, b *built, file string) error {
	m := b.m
	return db.tx(ctx, func(t *txn) error {
		if _, err := t.ExecContext(ctx, "INSERT INTO bundles_sent(seq, hash, file, inspection, findings, created_at) VALUES (?,?,?,?,?,?)",
			m.Seq, m.PayloadSHA256, file, m.Inspection, m.Counts.Findings, formatTime(m.Created)); err != nil {
			return fmt.Errorf("record bundle %d: %w", m.Seq, err)
		}
		return t.putStatement(ctx, b.mine)
	})
}

// encodePayload streams the payload to w and returns the manifest's
// content, this bundle's statement and the payload's plain length.
func (db *DB) encodePayload(ctx context.Context, q queryer, opt BundleOptions, key *DeviceKey, w io.Writer) (Manifest, Statement, int64, error) {
	var mine Statement
	enc, err := bundle.NewEncoder(w, BundleFormat)
	if err != nil {
		return Manifest{}, mine, 0, err
	}
	m, own, err := collect(ctx, q, opt, db.device, enc)
	if err != nil {
		return m, mine, 0, err
	}
	if err := q.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) + 1 FROM bundles_sent").Scan(&m.Seq); err != nil {
		return m, mine, 0, fmt.Errorf("read bundle numbers: %w", err)
	}
	mine = Statement{Device: db.device, Seq: m.Seq, Inspection: m.Inspection, Created: db.Now(), Entries: own.rs}
	if mine.Entries == nil {
		mine.Entries = []bundle.Range{}
	}
	bundle.SignStatement(key, &mine)
	if err := collectStatements(ctx, q, enc, mine); err != nil {
		return m, mine, 0, err
	}
	if err := collectReceived(ctx, q, enc); err != nil {
		return m, mine, 0, err
	}
	counts, plain, err := enc.Close()
	if err != nil {
		return m, mine, 0, err
	}
	m.Counts = counts
	return m, mine, plain, nil
}

// putStatement records a bundle statement.
func (t *txn) putStatement(ctx context.Context, st Statement) error {
	if _, err := t.ExecContext(ctx, `INSERT INTO bundle_statements(device, seq, inspection, created, entries, sig)
		VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING`, st.Device, st.Seq, st.Inspection, formatTime(st.Created), jsonOf(st.Entries), st.Sig); err != nil {
		return fmt.Errorf("record bundle statement: %w", err)
	}
	return nil
}

// backfillStatements makes the statements of the bundles this device wrote
// before bundles had statements: each carried, as far as can be known, its
// own entries about its inspection made before it. A later bundle that
// carries all of that then tells its receiver that the earlier one needs
// no longer be waited for.
func (t *txn) backfillStatements(ctx context.Context, key *DeviceKey) error {
	rows, err := t.QueryContext(ctx, `SELECT seq, inspection, created_at FROM bundles_sent s WHERE NOT EXISTS
		(SELECT 1 FROM bundle_statements b WHERE b.device = ? AND b.seq = s.seq) ORDER BY seq`, t.device)
	if err != nil {
		return fmt.Errorf("read sent bundles: %w", err)
	}
	defer closeRows(rows)
	var todo []Statement
	for rows.Next() {
		var st Statement
		var created string
		if err := rows.Scan(&st.Seq, &st.Inspection, &created); err != nil {
			return fmt.Errorf("read sent bundles: %w", err)
		}
		st.Device, st.Created = t.device, parseTime(created)
		todo = append(todo, st)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read sent bundles: %w", err)
	}
	closeRows(rows)
	for _, st := range todo {
		r, err := legacyEntries(ctx, t, st)
		if err != nil {
			return err
		}
		st.Entries = r.rs
		if st.Entries == nil {
			st.Entries = []bundle.Range{}
		}
		bundle.SignStatement(key, &st)
		if err := t.putStatement(ctx, st); err != nil {
			return err
		}
	}
	return nil
}

// legacyEntries are this device's entries about an inspection's records
// made up to a time.
func legacyEntries(ctx context.Context, q queryer, st Statement) (*ranges, error) {
	rows, err := q.QueryContext(ctx, `WITH sel(id) AS (SELECT ?1 UNION SELECT id FROM assessments WHERE inspection_id = ?1
			UNION SELECT unit_id FROM assessments WHERE inspection_id = ?1
			UNION SELECT f.id FROM findings f JOIN assessments a ON a.id = f.assessment_id WHERE a.inspection_id = ?1),
		names(id) AS (SELECT id FROM sel UNION SELECT alias FROM id_aliases WHERE canonical IN (SELECT id FROM sel))
		SELECT dev_seq FROM audit WHERE device = ?2 AND at <= ?3 AND entity_id IN (SELECT id FROM names) ORDER BY dev_seq`,
		st.Inspection, st.Device, formatTime(st.Created))
	if err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	defer closeRows(rows)
	r := &ranges{}
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("read audit: %w", err)
		}
		r.add(s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	return r, nil
}
