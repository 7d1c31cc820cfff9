package store

import (
	"context"
	"encoding/base64"
	"fmt"
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
	key, err := db.DeviceKey(ctx)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	inspector, err := db.Setting(ctx, SettingInspector)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	var p *Payload
	var m Manifest
	err = db.read(ctx, func(q queryer) error {
		var err error
		p, m, err = collect(ctx, q, opt)
		return err
	})
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	m.Format, m.App, m.Device, m.Inspector, m.Created = BundleFormat, AppVersion, db.device, inspector, db.Now()
	m.PublicKey = base64.StdEncoding.EncodeToString(key.Public)
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
	err = db.tx(ctx, func(t *txn) error {
		_, err := t.ExecContext(ctx, "INSERT INTO bundles_sent(seq, hash, file, inspection, findings, created_at) VALUES (?,?,?,?,?,?)",
			m.Seq, m.PayloadSHA256, filepath.Base(out), m.Inspection, m.Counts.Findings, formatTime(m.Created))
		if err != nil {
			return fmt.Errorf("record bundle %d: %w", m.Seq, err)
		}
		return nil
	})
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	if err := f.Commit(); err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	info.Manifest, info.Bytes = m, n
	return info, nil
}
