package store

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/sha512"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// A receipt is the importing device's signed statement of what it did with
// each record of a bundle. The laptop that wrote the bundle reads it back
// (kiemtra receipt FILE) and so knows what was delivered. The file is JSON:
//
//	{"receipt": {…ReceiptBody…}, "signature": "<base64 ed25519 over the exact bytes of receipt>"}

// receiptFormat is the receipt version written: its signature is
// ed25519ph over the SHA-512 of the receipt's bytes, so a receipt of any
// length is written as a stream. Receipts of the first version (a plain
// ed25519 signature over the bytes) are still read.
const (
	receiptFormat   = "kiemtra-receipt/2"
	receiptFormatV1 = "kiemtra-receipt/1"
)

// maxReceiptBytes bounds a receipt file: one line per finding of a bundle.
const maxReceiptBytes = 256 << 20

// ReceiptRecord is one record's fate.
type ReceiptRecord struct {
	Kind     string         `json:"kind"` // "finding"
	ID       string         `json:"id"`
	Revision string         `json:"revision,omitempty"`
	Status   model.Delivery `json:"status"`
}

// ReceiptBundle names the bundle a receipt is for.
type ReceiptBundle struct {
	Device string `json:"device"`
	Seq    int64  `json:"seq"`
	SHA256 string `json:"sha256"`
	File   string `json:"file"`
}

// ReceiptBody is the signed part of a receipt.
type ReceiptBody struct {
	Format       string          `json:"format"`
	Importer     string          `json:"importer"`
	ImporterName string          `json:"importer_name,omitempty"`
	PublicKey    string          `json:"public_key"`
	Bundle       ReceiptBundle   `json:"bundle"`
	ImportedAt   time.Time       `json:"imported_at"`
	Replay       bool            `json:"replay"`
	Accepted     int             `json:"accepted"`
	Present      int             `json:"present"`
	Conflicts    int             `json:"conflicts"`
	Records      []ReceiptRecord `json:"records"`
}

type receiptFile struct {
	Receipt   json.RawMessage `json:"receipt"`
	Signature string          `json:"signature"`
}

// Receipt is a receipt read and verified.
type Receipt struct {
	ReceiptBody
	Fingerprint string
	SignerName  string
	publicKey   ed25519.PublicKey
}

// Errors reading receipts.
var (
	ErrReceiptFormat    = &model.Error{Code: model.EReceiptFormat}
	ErrReceiptSignature = &model.Error{Code: model.EReceiptSignature}
	ErrReceiptNotOurs   = &model.Error{Code: model.EReceiptNotOurs}
)

// writeReceipt writes the receipt of an import, streaming its records from
// the stage, where the merge left them.
func (db *DB) writeReceipt(ctx context.Context, key *DeviceKey, path string, m Manifest, res *ImportResult) error {
	name, err := db.Setting(ctx, SettingInspector)
	if err != nil {
		return fmt.Errorf("write receipt: %w", err)
	}
	body := ReceiptBody{
		Format: receiptFormat, Importer: db.device, ImporterName: name,
		PublicKey:  base64.StdEncoding.EncodeToString(key.Public),
		Bundle:     ReceiptBundle{m.Device, m.Seq, m.PayloadSHA256, filepath.Base(res.File)},
		ImportedAt: db.Now(), Replay: res.Replay, Accepted: res.Accepted, Present: res.Present, Conflicts: res.Conflicts,
		Records: []ReceiptRecord{},
	}
	head, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode receipt: %w", err)
	}
	// The records are the body's last field: write what comes before
	// them, then each record, then the end.
	head, ok := bytes.CutSuffix(head, []byte("[]}"))
	if !ok {
		return fmt.Errorf("encode receipt: the records are not the body's last field")
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT id, revision, status FROM stage.receipt ORDER BY id")
	if err != nil {
		return fmt.Errorf("read receipt records: %w", db.translate(err))
	}
	defer closeRows(rows)
	// Importing a bundle again writes its receipt again: replace it.
	err = safefile.WriteWith(path, safefile.Options{Replace: true}, func(w io.Writer) error {
		h := sha512.New()
		signed := io.MultiWriter(w, h)
		if _, err := io.WriteString(w, `{"receipt":`); err != nil {
			return err
		}
		if _, err := signed.Write(append(head, '[')); err != nil {
			return err
		}
		first := true
		for rows.Next() {
			rec := ReceiptRecord{Kind: "finding"}
			var status string
			if err := rows.Scan(&rec.ID, &rec.Revision, &status); err != nil {
				return fmt.Errorf("read receipt records: %w", err)
			}
			rec.Status = model.Delivery(status)
			b, err := json.Marshal(rec)
			if err != nil {
				return fmt.Errorf("encode receipt: %w", err)
			}
			if !first {
				b = append([]byte{','}, b...)
			}
			first = false
			if _, err := signed.Write(b); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read receipt records: %w", err)
		}
		if _, err := signed.Write([]byte("]}")); err != nil {
			return err
		}
		sig, err := key.signDigest(h.Sum(nil))
		if err != nil {
			return fmt.Errorf("sign receipt: %w", err)
		}
		_, err = io.WriteString(w, `,"signature":"`+base64.StdEncoding.EncodeToString(sig)+"\"}\n")
		return err
	})
	if err != nil {
		return fmt.Errorf("write receipt: %w", err)
	}
	return nil
}

// ReadReceiptFile reads a receipt and checks its signature against the key
// it names (whether that key is trusted is the database's decision).
func ReadReceiptFile(path string) (*Receipt, error) {
	data, err := readSmallFile(path, maxReceiptBytes)
	if err != nil {
		return nil, fmt.Errorf("read receipt: %w", err)
	}
	var rf receiptFile
	if err := json.Unmarshal(data, &rf); err != nil || len(rf.Receipt) == 0 {
		return nil, model.NewError(model.EReceiptFormat, err, path)
	}
	var r Receipt
	if err := json.Unmarshal(rf.Receipt, &r.ReceiptBody); err != nil || r.Format != receiptFormat && r.Format != receiptFormatV1 {
		return nil, model.NewError(model.EReceiptFormat, err, path)
	}
	pub, err := base64.StdEncoding.DecodeString(r.PublicKey)
	sig, err2 := base64.StdEncoding.DecodeString(rf.Signature)
	if err != nil || err2 != nil || len(pub) != ed25519.PublicKeySize || !verifyReceipt(r.Format, pub, rf.Receipt, sig) {
		return nil, model.NewError(model.EReceiptSignature, errors.Join(err, err2), path)
	}
	r.publicKey, r.Fingerprint = pub, Fingerprint(pub)
	return &r, nil
}

// verifyReceipt checks a receipt's signature as its format makes it.
func verifyReceipt(format string, pub ed25519.PublicKey, body, sig []byte) bool {
	if format == receiptFormatV1 {
		return ed25519.Verify(pub, body, sig)
	}
	sum := sha512.Sum512(body)
	return ed25519.VerifyWithOptions(pub, sum[:], sig, &ed25519.Options{Hash: crypto.SHA512}) == nil
}

// AcceptReceipt reads a receipt for one of this database's bundles,
// checks it was signed by a trusted device, and records what was delivered.
func (db *DB) AcceptReceipt(ctx context.Context, path string) (*Receipt, error) {
	r, err := ReadReceiptFile(path)
	if err != nil {
		return nil, err
	}
	for _, rec := range r.Records {
		switch rec.Status {
		case model.DeliveryPresent, model.DeliveryAccepted, model.DeliveryConflict, model.DeliveryRefused:
		default:
			return nil, model.NewError(model.EReceiptFormat, fmt.Errorf("record %s has status %q", rec.ID, rec.Status), path)
		}
	}
	k, ok, err := trustedKey(ctx, db.sql, r.publicKey)
	if err != nil {
		return nil, fmt.Errorf("read receipt: %w", db.translate(err))
	}
	if !ok {
		return nil, untrusted(r.Fingerprint, r.Importer, r.ImporterName)
	}
	if k.Device != r.Importer {
		return nil, model.NewError(model.EKeyDevice, fmt.Errorf("key %s is trusted for device %s, the receipt says %s",
			k.Fingerprint, k.Device, r.Importer), short(k.Device))
	}
	r.SignerName = k.Name
	var hash string
	err = db.sql.QueryRowContext(ctx, "SELECT hash FROM bundles_sent WHERE seq = ?", r.Bundle.Seq).Scan(&hash)
	if r.Bundle.Device != db.device || errors.Is(err, sql.ErrNoRows) || (err == nil && hash != r.Bundle.SHA256) {
		return nil, model.NewError(model.EReceiptNotOurs, fmt.Errorf("bundle %d of device %s", r.Bundle.Seq, r.Bundle.Device), path)
	}
	if err != nil {
		return nil, fmt.Errorf("read sent bundles: %w", db.translate(err))
	}
	err = db.tx(ctx, func(t *txn) error {
		st, err := t.PrepareContext(ctx, `INSERT INTO delivered(importer, seq, record_kind, record_id, revision, status, received_at)
			VALUES (?,?,?,?,?,?,?) ON CONFLICT(importer, seq, record_kind, record_id) DO UPDATE SET
			revision = excluded.revision, status = excluded.status, received_at = excluded.received_at`)
		if err != nil {
			return fmt.Errorf("write deliveries: %w", err)
		}
		defer closeStmt(st)
		for _, rec := range r.Records {
			if _, err := st.ExecContext(ctx, r.Importer, r.Bundle.Seq, rec.Kind, rec.ID, rec.Revision, string(rec.Status),
				formatTime(r.ImportedAt)); err != nil {
				return fmt.Errorf("write deliveries: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record receipt %s: %w", path, err)
	}
	return r, nil
}

// SentBundle is one bundle this device wrote, with how many receipts came
// back for it.
type SentBundle struct {
	Seq       int64     `json:"seq"`
	File      string    `json:"file"`
	Findings  int       `json:"findings"`
	CreatedAt time.Time `json:"created_at"`
	Receipts  int       `json:"receipts"` // importers that sent a receipt
}

// SentBundles lists the bundles this device wrote, oldest first.
func (db *DB) SentBundles(ctx context.Context) ([]SentBundle, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT s.seq, s.file, s.findings, s.created_at,
		(SELECT count(DISTINCT importer) FROM delivered d WHERE d.seq = s.seq) FROM bundles_sent s ORDER BY s.seq`)
	if err != nil {
		return nil, fmt.Errorf("list sent bundles: %w", db.translate(err))
	}
	defer closeRows(rows)
	var out []SentBundle
	for rows.Next() {
		var s SentBundle
		var at string
		if err := rows.Scan(&s.Seq, &s.File, &s.Findings, &at, &s.Receipts); err != nil {
			return nil, fmt.Errorf("list sent bundles: %w", db.translate(err))
		}
		s.CreatedAt = parseTime(at)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sent bundles: %w", db.translate(err))
	}
	return out, nil
}
