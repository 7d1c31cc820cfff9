package store

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
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
	for i := range es {
		if i > 0 {
			es[i].PrevHash = es[i-1].Hash
		}
		es[i].Hash = ChainHash(es[i])
		if _, err := db.sql.Exec("UPDATE audit SET at = ?, new = ?, prev_hash = ?, hash = ? WHERE id = ?",
			formatTime(es[i].At), es[i].New, es[i].PrevHash, es[i].Hash, es[i].ID); err != nil {
			t.Fatal(err)
		}
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
