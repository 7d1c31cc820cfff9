package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"path/filepath"

	"kiemtra/internal/safefile"
	"kiemtra/store/bundle"
)

// BundleOptions selects what a bundle holds.
type BundleOptions struct {
	Inspection string   // inspection ID (required)
	Units      []string // unit codes; empty means every unit of the inspection
}

// BundleInfo is what WriteBundle reports.
type BundleInfo struct {
	Path     string
	Manifest Manifest
	Bytes    int64
}

// WriteBundle writes the selected inspection, units, assessments, findings
// and their audit history to out, signed with this device's key, as the
// device's next bundle. Everything in it is read in one read transaction.
// The file appears complete or not at all; an existing regular file at out
// is replaced.
func (db *DB) WriteBundle(ctx context.Context, out string, opt BundleOptions) (BundleInfo, error) {
	info := BundleInfo{Path: out}
	key, m, p, err := db.prepareBundle(ctx, opt)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	// Write and sync the file under a temporary name, record the sequence
	// number, then put it in place: a crash leaves either no bundle and no
	// number used, or (rarely) a used number with no file, never two
	// bundles with one number.
	f, err := safefile.Create(out, safefile.Options{Replace: true})
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	defer f.Abort()
	m, n, err := bundle.Encode(f, key, m, p)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", safefile.Wrap(out, err))
	}
	if err := f.Sync(); err != nil {
		return info, fmt.Errorf("write bundle: %w", safefile.Wrap(out, err))
	}
	if err := db.recordSent(ctx, m, filepath.Base(out)); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	if err := f.Commit(); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	info.Manifest, info.Bytes = m, n
	return info, nil
}

// StreamBundle writes the bundle WriteBundle would write to w instead of a
// file (kiemtra bundle --out -: standard output, a pipe). Bytes sent down a
// stream cannot be taken back, so the sequence number is recorded before
// any is sent (the bundle is made in memory first, as Encode makes its
// payload anyway): a stream that breaks off leaves a number used with no
// complete bundle, never two bundles with one number.
func (db *DB) StreamBundle(ctx context.Context, w io.Writer, opt BundleOptions) (BundleInfo, error) {
	info := BundleInfo{Path: "-"}
	key, m, p, err := db.prepareBundle(ctx, opt)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	var buf bytes.Buffer
	m, n, err := bundle.Encode(&buf, key, m, p)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	if err := db.recordSent(ctx, m, "-"); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return info, fmt.Errorf("write bundle to standard output: %w", err)
	}
	info.Manifest, info.Bytes = m, n
	return info, nil
}

// prepareBundle reads what a bundle carries, in one read transaction, and
// fills in its manifest; it returns the key to sign it with.
func (db *DB) prepareBundle(ctx context.Context, opt BundleOptions) (*DeviceKey, Manifest, *Payload, error) {
	var m Manifest
	key, err := db.DeviceKey(ctx)
	if err != nil {
		return key, m, nil, err
	}
	inspector, err := db.Setting(ctx, SettingInspector)
	if err != nil {
		return key, m, nil, err
	}
	var p *Payload
	err = db.read(ctx, func(q queryer) error {
		var err error
		p, m, err = collect(ctx, q, opt)
		return err
	})
	if err != nil {
		return key, m, nil, err
	}
	m.Format, m.App, m.Device, m.Inspector, m.Created = BundleFormat, AppVersion, db.device, inspector, db.Now()
	m.PublicKey = base64.StdEncoding.EncodeToString(key.Public)
	return key, m, p, nil
}

// recordSent records a bundle as sent under its sequence number.
func (db *DB) recordSent(ctx context.Context, m Manifest, file string) error {
	return db.tx(ctx, func(t *txn) error {
		_, err := t.ExecContext(ctx, "INSERT INTO bundles_sent(seq, hash, file, inspection, findings, created_at) VALUES (?,?,?,?,?,?)",
			m.Seq, m.PayloadSHA256, file, m.Inspection, m.Counts.Findings, formatTime(m.Created))
		if err != nil {
			return fmt.Errorf("record bundle %d: %w", m.Seq, err)
		}
		return nil
	})
}
