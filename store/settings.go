package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kiemtra/model"
)

// Setting keys.
const (
	SettingInspector = "inspector" // who works on this laptop
	SettingDevice    = "device_id" // this database's device ID
	SettingLang      = "lang"
	// SettingBuiltins is the fingerprint of the built-in checklist files
	// last recorded (checklists.BuiltinFingerprint).
	SettingBuiltins = "builtin_checklists"
)

// Setting returns a setting's value, or "" if unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, db.translate(err))
	}
	return v, nil
}

// SetSetting stores a setting (text is normalized to NFC).
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	err := db.tx(ctx, func(t *txn) error { return t.setSetting(ctx, key, value) })
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}

func (t *txn) setSetting(ctx context.Context, key, value string) error {
	_, err := t.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, nfc(value))
	if err != nil {
		return fmt.Errorf("write setting %s: %w", key, err)
	}
	return nil
}

// ensureDevice reads the device ID, making one the first time.
func (db *DB) ensureDevice(ctx context.Context) error {
	id, err := db.Setting(ctx, SettingDevice)
	if err != nil {
		return err
	}
	if id == "" {
		id = model.NewID()
		if err := db.SetSetting(ctx, SettingDevice, id); err != nil {
			return err
		}
	}
	db.device = id
	return nil
}
