package store

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kiemtra/internal/safefile"
	"kiemtra/model"
	"kiemtra/store/bundle"
)

// SettingPublicKey remembers this database's public key, so a key file that
// belongs to another database is noticed rather than used.
const SettingPublicKey = "device_public_key"

// DeviceKey is this device's signing key. The private half lives only in a
// file beside the database (mode 0600); it is never written into a bundle.
type DeviceKey struct {
	Device      string
	Public      ed25519.PublicKey
	Fingerprint string
	Path        string
	private     ed25519.PrivateKey
}

// Sign signs msg with the device's private key.
func (k *DeviceKey) Sign(msg []byte) []byte { return ed25519.Sign(k.private, msg) }

// signDigest signs the SHA-512 digest of a message too long to hold
// (ed25519ph).
func (k *DeviceKey) signDigest(digest []byte) ([]byte, error) {
	return k.private.Sign(nil, digest, &ed25519.Options{Hash: crypto.SHA512})
}

// Fingerprint is the short form of a public key read over the phone: the
// first 16 hex digits of its SHA-256, in groups of four.
func Fingerprint(pub ed25519.PublicKey) string { return bundle.Fingerprint(pub) }

// KeyPath is where the database's private key is kept: beside it, named
// after it ("kiemtra.db" → "kiemtra.device.key"), so the demo database and
// the real one never share a key.
func (db *DB) KeyPath() string {
	return strings.TrimSuffix(db.path, filepath.Ext(db.path)) + ".device.key"
}

// ErrKeyMismatch is returned when the key file beside the database is not
// the key this database made.
var ErrKeyMismatch = &model.Error{Code: model.EKeyMismatch}

// DeviceKey loads the device's key, making it (and trusting it) on first
// use.
func (db *DB) DeviceKey(ctx context.Context) (*DeviceKey, error) {
	var k *DeviceKey
	err := db.tx(ctx, func(t *txn) error {
		var err error
		k, err = db.keyIn(ctx, t)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("device key: %w", err)
	}
	return k, nil
}

// keyIn is DeviceKey inside a transaction: every audit entry is signed
// when it is made, so the first one a database writes makes the key. The
// key is read from its file once and kept; the database records it (and
// trusts it as its own) through t whenever it does not yet.
func (db *DB) keyIn(ctx context.Context, t *txn) (*DeviceKey, error) {
	db.mu.Lock()
	k := db.key
	db.mu.Unlock()
	made := false
	if k == nil {
		path := db.KeyPath()
		priv, err := readPrivateKey(path)
		if errors.Is(err, os.ErrNotExist) {
			priv, err = createPrivateKey(path)
			made = true
		}
		if err != nil {
			return nil, err
		}
		pub := priv.Public().(ed25519.PublicKey)
		k = &DeviceKey{Device: db.device, Public: pub, Fingerprint: Fingerprint(pub), Path: path, private: priv}
	}
	pub, path := k.Public, k.Path
	enc := base64.StdEncoding.EncodeToString(pub)
	var known string
	err := t.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", SettingPublicKey).Scan(&known)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read setting %s: %w", SettingPublicKey, err)
	}
	if known != "" && known != enc && !made {
		var n int
		// A key file replaced by hand: refuse, unless the database already
		// trusts that key as its own (a restored backup of the key).
		if err := t.QueryRowContext(ctx, "SELECT count(*) FROM trusted_keys WHERE public_key = ? AND self = 1", enc).Scan(&n); err != nil {
			return nil, fmt.Errorf("read trusted keys: %w", err)
		}
		if n == 0 {
			return nil, model.NewError(model.EKeyMismatch, fmt.Errorf("fingerprint %s", k.Fingerprint), path)
		}
	}
	if known != enc {
		if known != "" {
			// The key file was lost (the database copied without it): this
			// device signs with a new key from now on, which the devices it
			// sends to must trust anew (kiemtra keys export, keys trust).
			db.log.Warn("device key file missing: made a new key", "file", path, "fingerprint", k.Fingerprint)
		}
		if err := t.setSetting(ctx, SettingPublicKey, enc); err != nil {
			return nil, err
		}
		if err := t.trustKey(ctx, TrustedKey{Fingerprint: k.Fingerprint, PublicKey: pub, Device: t.device,
			Name: "this device", Self: true, AddedAt: t.now()}); err != nil {
			return nil, err
		}
	}
	db.mu.Lock()
	db.key = k
	db.mu.Unlock()
	return k, nil
}

// readPrivateKey reads the device key; a missing file is os.ErrNotExist.
func readPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("read device key: %w", safefile.Wrap(path, err))
	}
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		return nil, model.NewError(model.EKeyMismatch, errors.New("not a PEM private key"), path)
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, model.NewError(model.EKeyMismatch, err, path)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, model.NewError(model.EKeyMismatch, errors.New("not an ed25519 key"), path)
	}
	return priv, nil
}

// createPrivateKey makes a key and writes it atomically, never replacing a
// key file: a complete, synced temporary file is hard-linked to its name,
// which fails if another process made the key first (then that key is
// used).
func createPrivateKey(path string) (ed25519.PrivateKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make device key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("make device key: %w", err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if err := safefile.MkdirAll(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("write device key: %w", err)
	}
	err = safefile.Write(path, data, safefile.Options{})
	if errors.Is(err, &model.Error{Code: model.EExists}) {
		return readPrivateKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("write device key: %w", err)
	}
	return priv, nil
}

// TrustedKey is a device whose bundles and receipts are accepted.
type TrustedKey struct {
	Fingerprint string            `json:"fingerprint"`
	PublicKey   ed25519.PublicKey `json:"public_key"`
	Device      string            `json:"device"`
	Name        string            `json:"name"`
	Self        bool              `json:"self"`
	AddedAt     time.Time         `json:"added_at"`
}

func (t *txn) trustKey(ctx context.Context, k TrustedKey) error {
	self := 0
	if k.Self {
		self = 1
	}
	_, err := t.ExecContext(ctx, `INSERT INTO trusted_keys(fingerprint, public_key, device, name, self, added_at)
		VALUES (?,?,?,?,?,?) ON CONFLICT(fingerprint) DO UPDATE SET name = excluded.name`,
		k.Fingerprint, base64.StdEncoding.EncodeToString(k.PublicKey), k.Device, nfc(strings.TrimSpace(k.Name)), self,
		formatTime(k.AddedAt))
	if err != nil {
		return fmt.Errorf("write trusted key: %w", err)
	}
	return nil
}

// PublicKeyFile is what `kiemtra keys export` writes and `keys trust`
// reads: a device's public key and the device ID it speaks for.
type PublicKeyFile struct {
	Format      string `json:"format"` // "kiemtra-public-key/1"
	Device      string `json:"device"`
	Inspector   string `json:"inspector,omitempty"`
	PublicKey   string `json:"public_key"` // base64
	Fingerprint string `json:"fingerprint"`
}

const publicKeyFormat = "kiemtra-public-key/1"

// ExportPublicKey writes the device's public key file to out (atomically).
func (db *DB) ExportPublicKey(ctx context.Context, out string) (PublicKeyFile, error) {
	pf, b, err := db.PublicKeyFile(ctx)
	if err != nil {
		return pf, err
	}
	// A key file is public and made again at will: replacing one is fine.
	if err := safefile.Write(out, b, safefile.Options{Replace: true}); err != nil {
		return pf, fmt.Errorf("export key: %w", err)
	}
	return pf, nil
}

// PublicKeyFile is this device's public key file and its bytes, for
// ExportPublicKey or for standard output (keys export --out -).
func (db *DB) PublicKeyFile(ctx context.Context) (PublicKeyFile, []byte, error) {
	k, err := db.DeviceKey(ctx)
	if err != nil {
		return PublicKeyFile{}, nil, err
	}
	insp, err := db.Setting(ctx, SettingInspector)
	if err != nil {
		return PublicKeyFile{}, nil, err
	}
	pf := PublicKeyFile{Format: publicKeyFormat, Device: db.device, Inspector: insp,
		PublicKey: base64.StdEncoding.EncodeToString(k.Public), Fingerprint: k.Fingerprint}
	b, err := json.MarshalIndent(pf, "", "  ")
	if err != nil {
		return pf, nil, fmt.Errorf("export key: %w", err)
	}
	return pf, append(b, '\n'), nil
}

// ErrBadKeyFile is returned for a file that is not a kiemtra public key.
var ErrBadKeyFile = &model.Error{Code: model.EBadKeyFile}

// ReadPublicKeyFile reads and checks a public key file.
func ReadPublicKeyFile(path string) (PublicKeyFile, ed25519.PublicKey, error) {
	var pf PublicKeyFile
	b, err := readSmallFile(path, 64<<10)
	if err != nil {
		return pf, nil, fmt.Errorf("read key: %w", err)
	}
	if err := json.Unmarshal(b, &pf); err != nil || pf.Format != publicKeyFormat {
		return pf, nil, model.NewError(model.EBadKeyFile, err, path)
	}
	raw, err := base64.StdEncoding.DecodeString(pf.PublicKey)
	if err != nil || len(raw) != ed25519.PublicKeySize || !model.ValidID(pf.Device) {
		return pf, nil, model.NewError(model.EBadKeyFile, err, path)
	}
	pub := ed25519.PublicKey(raw)
	if pf.Fingerprint != "" && pf.Fingerprint != Fingerprint(pub) {
		return pf, nil, model.NewError(model.EBadKeyFile, errors.New("the fingerprint does not match the key"), path)
	}
	pf.Fingerprint = Fingerprint(pub)
	return pf, pub, nil
}

// TrustKeyFile records the device in a public key file as trusted, under a
// name people recognise ("Laptop chị Hương").
func (db *DB) TrustKeyFile(ctx context.Context, path, name string) (TrustedKey, error) {
	pf, pub, err := ReadPublicKeyFile(path)
	if err != nil {
		return TrustedKey{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = pf.Inspector
	}
	if name == "" {
		name = model.ShortID(pf.Device)
	}
	k := TrustedKey{Fingerprint: pf.Fingerprint, PublicKey: pub, Device: pf.Device, Name: nfc(name), AddedAt: db.Now()}
	err = db.tx(ctx, func(t *txn) error {
		var dev string
		err := t.QueryRowContext(ctx, "SELECT device FROM trusted_keys WHERE fingerprint = ?", k.Fingerprint).Scan(&dev)
		switch {
		case err == nil && dev != k.Device:
			return model.NewError(model.EKeyDevice, fmt.Errorf("%s is trusted for device %s", k.Fingerprint, dev), short(dev))
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("read trusted keys: %w", err)
		}
		return t.trustKey(ctx, k)
	})
	if err != nil {
		return k, fmt.Errorf("trust key: %w", err)
	}
	return k, nil
}

// TrustedKeys lists the trusted devices, this one first, then by name.
func (db *DB) TrustedKeys(ctx context.Context) ([]TrustedKey, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT fingerprint, public_key, device, name, self, added_at FROM trusted_keys ORDER BY self DESC, name, fingerprint")
	if err != nil {
		return nil, fmt.Errorf("list trusted keys: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []TrustedKey
	for rows.Next() {
		k, err := scanTrusted(rows)
		if err != nil {
			return nil, fmt.Errorf("list trusted keys: %w", db.translate(err))
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list trusted keys: %w", db.translate(err))
	}
	return out, nil
}

// trustedCols are the columns scanTrusted reads.
const trustedCols = "fingerprint, public_key, device, name, self, added_at"

func scanTrusted(sc scanner) (TrustedKey, error) {
	var k TrustedKey
	var pub, at string
	if err := sc.Scan(&k.Fingerprint, &pub, &k.Device, &k.Name, &k.Self, &at); err != nil {
		return k, err
	}
	raw, err := base64.StdEncoding.DecodeString(pub)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return k, fmt.Errorf("trusted key %s: %w", k.Fingerprint, errors.Join(ErrCorrupt, err))
	}
	k.PublicKey, k.AddedAt = raw, parseTime(at)
	return k, nil
}

// trustedKey looks a public key up among the trusted ones.
func trustedKey(ctx context.Context, q queryer, pub ed25519.PublicKey) (TrustedKey, bool, error) {
	k, err := scanTrusted(q.QueryRowContext(ctx, "SELECT "+trustedCols+" FROM trusted_keys WHERE public_key = ?",
		base64.StdEncoding.EncodeToString(pub)))
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("read trusted keys: %w", err)
	}
	return k, true, nil
}

// DeviceName is how a device is named to people: its trusted name, else the
// first 8 characters of its ID.
func (db *DB) DeviceName(ctx context.Context, device string) (string, error) {
	name, err := deviceName(ctx, db.sql, device)
	if err != nil {
		return name, db.translate(err)
	}
	return name, nil
}

func deviceName(ctx context.Context, q queryer, device string) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, "SELECT name FROM trusted_keys WHERE device = ? ORDER BY self DESC, added_at LIMIT 1", device).Scan(&name)
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && name == "":
		return short(device), nil
	case err != nil:
		return short(device), fmt.Errorf("read device name: %w", err)
	}
	return name, nil
}

// deviceNames names every trusted device at once (see DeviceName); a
// device missing from the map is named by its short ID.
func deviceNames(ctx context.Context, q queryer) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT device, name FROM trusted_keys ORDER BY self DESC, added_at")
	if err != nil {
		return nil, fmt.Errorf("read device names: %w", err)
	}
	defer closeRows(rows)
	out := map[string]string{}
	for rows.Next() {
		var dev, name string
		if err := rows.Scan(&dev, &name); err != nil {
			return nil, fmt.Errorf("read device names: %w", err)
		}
		if _, ok := out[dev]; !ok && name != "" {
			out[dev] = name
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read device names: %w", err)
	}
	return out, nil
}

// nameOf is the name of device in names (deviceNames).
func nameOf(names map[string]string, device string) string {
	if n, ok := names[device]; ok {
		return n
	}
	return short(device)
}
