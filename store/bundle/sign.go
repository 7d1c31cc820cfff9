package bundle

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"strconv"
)

// What a device signs. Each message starts with its own label, so a
// signature over one kind of thing can never pass for another.

// EntryMessage is what a device signs for one entry of its audit chain:
// the device, the entry's number, the previous entry's hash and the
// entry's hash (which covers its whole content). The same message signs
// the entry's link, so a relay can carry either.
func EntryMessage(device string, seq int64, prev, hash string) []byte {
	b := make([]byte, 0, 32+len(device)+len(prev)+len(hash))
	b = append(b, "kiemtra audit entry\x00"...)
	b = append(b, device...)
	b = append(b, 0)
	b = strconv.AppendInt(b, seq, 10)
	b = append(b, 0)
	b = append(b, prev...)
	b = append(b, 0)
	b = append(b, hash...)
	return b
}

// SignEntry signs e as its device (s must be that device's key).
func SignEntry(s Signer, e *AuditEntry) {
	e.Sig = base64.StdEncoding.EncodeToString(s.Sign(EntryMessage(e.Device, e.DevSeq, e.PrevHash, e.Hash)))
}

// StatementMessage is what a device signs for one of its bundle
// statements: the statement without its signature, as JSON.
func StatementMessage(st Statement) []byte {
	st.Sig = ""
	b, err := json.Marshal(st)
	if err != nil {
		// A Statement is strings, numbers and a time: it always encodes.
		panic("bundle: statement: " + err.Error())
	}
	return append([]byte("kiemtra bundle statement\x00"), b...)
}

// SignStatement signs st as its device.
func SignStatement(s Signer, st *Statement) {
	st.Sig = base64.StdEncoding.EncodeToString(s.Sign(StatementMessage(*st)))
}

// verifySig reports whether sig (base64) is a signature of msg by one of
// keys.
func verifySig(keys []ed25519.PublicKey, msg []byte, sig string) bool {
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || len(raw) != ed25519.SignatureSize {
		return false
	}
	for _, k := range keys {
		if len(k) == ed25519.PublicKeySize && ed25519.Verify(k, msg, raw) {
			return true
		}
	}
	return false
}

// VerifyEntrySig reports whether the link's signature is its device's,
// by one of that device's keys.
func VerifyEntrySig(keys []ed25519.PublicKey, l ChainLink) bool {
	return verifySig(keys, EntryMessage(l.Device, l.DevSeq, l.PrevHash, l.Hash), l.Sig)
}

// VerifyStatement reports whether the statement is signed by one of keys.
func VerifyStatement(keys []ed25519.PublicKey, st Statement) bool {
	return verifySig(keys, StatementMessage(st), st.Sig)
}
