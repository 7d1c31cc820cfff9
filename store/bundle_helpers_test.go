package store

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/store/bundle"
)

// splitForTest cuts a bundle into header, manifest and the rest
// (signature and payload).
func splitForTest(data []byte) (head, manifest, rest []byte) {
	if len(data) < bundle.HeaderBytes {
		return data, nil, nil
	}
	n := int(binary.BigEndian.Uint32(data[len(bundle.Magic)+1:]))
	if len(data) < bundle.HeaderBytes+n {
		return data[:bundle.HeaderBytes], data[bundle.HeaderBytes:], nil
	}
	return data[:bundle.HeaderBytes], data[bundle.HeaderBytes : bundle.HeaderBytes+n], data[bundle.HeaderBytes+n:]
}

// resignForTest makes the bundle claim another key and signs it with it: a
// well-formed bundle from a device nobody trusts.
func resignForTest(t *testing.T, data []byte, pub ed25519.PublicKey, priv ed25519.PrivateKey) []byte {
	t.Helper()
	_, mraw, rest := splitForTest(data)
	var m Manifest
	if err := json.Unmarshal(mraw, &m); err != nil {
		t.Fatal(err)
	}
	m.PublicKey = base64.StdEncoding.EncodeToString(pub)
	mj, _ := json.Marshal(m)
	out := []byte(bundle.Magic)
	out = append(out, BundleFormat)
	out = binary.BigEndian.AppendUint32(out, uint32(len(mj)))
	out = append(out, mj...)
	out = append(out, ed25519.Sign(priv, out)...)
	return append(out, rest[ed25519.SignatureSize:]...)
}

// rewriteEntryForTest rewrites one audit entry the way a forger with the
// database file would: change it, then recompute its hash and every later
// hash of the same device's chain so the chain is consistent again. The
// finding row is updated to match, so only the chain can tell.
func rewriteEntryForTest(t *testing.T, db *DB, rowid int64, mutate func(*AuditEntry)) {
	t.Helper()
	var device string
	var devSeq int64
	if err := db.sql.QueryRow("SELECT device, dev_seq FROM audit WHERE seq = ?", rowid).Scan(&device, &devSeq); err != nil {
		t.Fatal(err)
	}
	rows, err := db.sql.Query("SELECT "+auditCols+" FROM audit WHERE device = ? AND dev_seq >= ? ORDER BY dev_seq", device, devSeq)
	if err != nil {
		t.Fatal(err)
	}
	var es []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	check(t, rows.Err())
	closeRows(rows)
	mutate(&es[0])
	// The forger has the laptop, so its key too: the entries are signed
	// again, and only their chain, as others received it, can tell.
	key, err := db.DeviceKey(context.Background())
	check(t, err)
	for i := range es {
		if i > 0 {
			es[i].PrevHash = es[i-1].Hash
		}
		es[i].Hash = ChainHash(es[i])
		bundle.SignEntry(key, &es[i])
		if _, err := db.sql.Exec("UPDATE audit SET at = ?, new = ?, prev_hash = ?, hash = ?, sig = ? WHERE id = ?",
			formatTime(es[i].At), es[i].New, es[i].PrevHash, es[i].Hash, es[i].Sig, es[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	// Its own check of the chain would notice; the forger resets it.
	if _, err := db.sql.Exec("DELETE FROM settings WHERE key = ?", settingChainChecked); err != nil {
		t.Fatal(err)
	}
	var f struct {
		Result string `json:"result"`
		Score  int64  `json:"score"`
	}
	if json.Unmarshal([]byte(es[0].New), &f) == nil && es[0].Revision != "" {
		if _, err := db.sql.Exec("UPDATE findings SET result = ?, score = ? WHERE revision = ?", f.Result, f.Score, es[0].Revision); err != nil {
			t.Fatal(err)
		}
	}
}

// payloadThrough encodes what a bundle of opt would carry, read through q,
// and reads it back: the payload as a receiver sees it.
func payloadThrough(ctx context.Context, db *DB, q queryer, opt BundleOptions) (*Payload, error) {
	// The key the saves loaded: inside a read transaction the pool's one
	// connection is taken, so it cannot be loaded now.
	db.mu.Lock()
	key := db.key
	db.mu.Unlock()
	if key == nil {
		return nil, errors.New("no device key loaded yet")
	}
	var pay bytes.Buffer
	m, _, plain, err := db.encodePayload(ctx, q, opt, key, &pay)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(pay.Bytes())
	m.Format, m.Device, m.PublicKey, m.Inspector = BundleFormat, db.device, base64.StdEncoding.EncodeToString(key.Public), "test"
	m.PayloadBytes, m.PayloadSHA256, m.PlainBytes = int64(pay.Len()), hex.EncodeToString(sum[:]), plain
	var full bytes.Buffer
	if _, err := bundle.WriteHeader(&full, key, m); err != nil {
		return nil, err
	}
	full.Write(pay.Bytes())
	b, err := bundle.Read(bytes.NewReader(full.Bytes()), int64(full.Len()))
	if err != nil {
		return nil, err
	}
	return &b.Payload, nil
}

// uncheckedBundle writes d's bundle as a kiemtra that does not check its
// own history would (patched, or old): what a receiver must check itself.
func uncheckedBundle(t *testing.T, d *device, name string) string {
	t.Helper()
	ctx := context.Background()
	key, err := d.db.DeviceKey(ctx)
	check(t, err)
	var pay bytes.Buffer
	var m Manifest
	var plain int64
	err = d.db.read(ctx, func(q queryer) error {
		var err error
		m, _, plain, err = d.db.encodePayload(ctx, q, BundleOptions{Inspection: d.in.ID}, key, &pay)
		return err
	})
	check(t, err)
	sum := sha256.Sum256(pay.Bytes())
	m.Format, m.Device, m.PublicKey, m.Inspector, m.Created = BundleFormat, d.db.device, base64.StdEncoding.EncodeToString(key.Public), d.name, d.db.Now()
	m.PayloadBytes, m.PayloadSHA256, m.PlainBytes = int64(pay.Len()), hex.EncodeToString(sum[:]), plain
	var full bytes.Buffer
	_, err = bundle.WriteHeader(&full, key, m)
	check(t, err)
	full.Write(pay.Bytes())
	out := filepath.Join(d.dir, name)
	check(t, os.WriteFile(out, full.Bytes(), 0o600))
	_, err = d.db.sql.Exec("INSERT INTO bundles_sent(seq, hash, file, inspection, findings, created_at) VALUES (?,?,?,?,?,?)",
		m.Seq, m.PayloadSHA256, name, m.Inspection, m.Counts.Findings, formatTime(m.Created))
	check(t, err)
	return out
}

// BlobChunkForTest is one piece of a file.
func BlobChunkForTest(sum string, data []byte) bundle.BlobChunk {
	return bundle.BlobChunk{SHA256: sum, Data: data}
}
