package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// Errors an import refuses a bundle with, besides the codec's.
var (
	ErrChecklistUnknown = &model.Error{Code: model.EChecklistUnknown}
	ErrRevisionChanged  = &model.Error{Code: model.ERevisionChanged}
	ErrSeqReused        = &model.Error{Code: model.ESeqReused}
	// ErrUntrusted: a bundle or receipt signed by a key not in
	// trusted_keys; its params are the fingerprint, device and inspector.
	ErrUntrusted = &model.Error{Code: model.EUntrusted}
	// ErrKeyDevice: a trusted key signs for another device.
	ErrKeyDevice = &model.Error{Code: model.EKeyDevice}
	// ErrEntryUnsigned, ErrEntryUntrusted: another device's entry this
	// database cannot verify (made by an older kiemtra, or by a device it
	// does not trust) and does not already hold.
	ErrEntryUnsigned  = &model.Error{Code: model.EEntryUnsigned}
	ErrEntryUntrusted = &model.Error{Code: model.EEntryUntrusted}
	// ErrEntrySignature: an entry not signed by the device it names.
	ErrEntrySignature = bundle.ErrEntrySignature
)

// untrusted refuses a file signed by a key this database does not trust,
// with what a person needs to decide: the key's fingerprint, the device
// and the inspector it names.
func untrusted(fingerprint, device, inspector string) error {
	return model.NewError(model.EUntrusted, nil, fingerprint, model.ShortID(device), inspector)
}

// preCheck is what the checks before the payload learn: whether the
// bundle was imported before, and the keys its entries are checked
// against.
type preCheck struct {
	replay bool
	keys   trustedKeys
}

// verifyHeader runs the checks that need the database but not the
// payload, reading only, before a byte of the payload is read: the signer
// is trusted for the device it names, every checklist version is held
// with the same content, and the bundle number is new (or a replay).
func verifyHeader(ctx context.Context, q queryer, f *bundle.File) (preCheck, error) {
	var pre preCheck
	m := f.Manifest
	k, ok, err := trustedKey(ctx, q, f.PublicKey)
	if err != nil {
		return pre, err
	}
	if !ok {
		return pre, untrusted(f.Fingerprint, m.Device, m.Inspector)
	}
	if k.Device != m.Device {
		return pre, model.NewError(model.EKeyDevice, fmt.Errorf("key %s is trusted for device %s, the bundle says %s",
			k.Fingerprint, k.Device, m.Device), short(k.Device))
	}
	for _, c := range m.Checklists {
		ref := c.Ref()
		var h string
		err := q.QueryRowContext(ctx, "SELECT hash FROM checklists WHERE id = ? AND version = ?", c.ID, c.Version).Scan(&h)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return pre, model.NewError(model.EChecklistUnknown, nil, ref)
		case err != nil:
			return pre, fmt.Errorf("read checklist %s: %w", ref, err)
		case h != c.Hash:
			return pre, model.NewError(model.EChecklistChanged, nil, ref)
		}
	}
	var held string
	err = q.QueryRowContext(ctx, "SELECT hash FROM bundles_received WHERE device = ? AND seq = ?", m.Device, m.Seq).Scan(&held)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return pre, fmt.Errorf("read received bundles: %w", err)
	case held == m.PayloadSHA256:
		pre.replay = true
	case held != "":
		return pre, model.NewError(model.ESeqReused, nil, short(m.Device), strconv.FormatInt(m.Seq, 10))
	}
	pre.keys, err = loadTrustedKeys(ctx, q)
	return pre, err
}

// trustedKeys are the keys trusted for each device (bundle.Trust).
type trustedKeys map[string][]ed25519.PublicKey

func (t trustedKeys) Keys(device string) []ed25519.PublicKey { return t[device] }

// loadTrustedKeys reads every trusted key: a handful of rows.
func loadTrustedKeys(ctx context.Context, q queryer) (trustedKeys, error) {
	rows, err := q.QueryContext(ctx, "SELECT device, public_key FROM trusted_keys")
	if err != nil {
		return nil, fmt.Errorf("read trusted keys: %w", err)
	}
	defer closeRows(rows)
	out := trustedKeys{}
	for rows.Next() {
		var dev, pub string
		if err := rows.Scan(&dev, &pub); err != nil {
			return nil, fmt.Errorf("read trusted keys: %w", err)
		}
		raw, err := base64.StdEncoding.DecodeString(pub)
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("trusted key of %s: %w", short(dev), errors.Join(ErrCorrupt, err))
		}
		out[dev] = append(out[dev], ed25519.PublicKey(raw))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read trusted keys: %w", err)
	}
	return out, nil
}

// checklistRules are the checklists a bundle's findings are checked
// against (bundle.Rules).
type checklistRules map[string]*model.Checklist

func (r checklistRules) Item(ref, code string) (model.Item, bool) {
	c, ok := r[ref]
	if !ok {
		return model.Item{}, false
	}
	return c.Item(code)
}

// rulesFor loads the checklist versions the manifest names (all held:
// verifyHeader checked).
func (db *DB) rulesFor(ctx context.Context, m bundle.Manifest) (checklistRules, error) {
	out := checklistRules{}
	for _, c := range m.Checklists {
		cl, err := db.Checklist(ctx, c.ID, c.Version)
		if err != nil {
			return nil, err
		}
		out[c.Ref()] = cl
	}
	return out, nil
}
