package bundle

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// Encode lays out p as a bundle described by m, signed by s, and writes it
// to w. It fills in what the payload decides (counts, payload length and
// hash) and returns the manifest as written and the bundle's length. The
// same manifest and payload always make the same bytes.
func Encode(w io.Writer, s Signer, m Manifest, p *Payload) (Manifest, int64, error) {
	var pay bytes.Buffer
	if err := encodePayload(&pay, p); err != nil {
		return m, 0, fmt.Errorf("encode payload: %w", err)
	}
	sum := sha256.Sum256(pay.Bytes())
	m.Counts = p.Counts()
	m.PayloadBytes = int64(pay.Len())
	m.PayloadSHA256 = hex.EncodeToString(sum[:])
	mj, err := json.Marshal(m)
	if err != nil {
		return m, 0, fmt.Errorf("encode manifest: %w", err)
	}
	if len(mj) > maxManifestBytes {
		return m, 0, fmt.Errorf("encode manifest: %d bytes, at most %d", len(mj), maxManifestBytes)
	}
	head := make([]byte, 0, HeaderBytes+len(mj)+ed25519.SignatureSize)
	head = append(head, Magic...)
	head = append(head, Format)
	head = binary.BigEndian.AppendUint32(head, uint32(len(mj)))
	head = append(head, mj...)
	head = append(head, s.Sign(head)...)
	n, err := w.Write(head)
	if err != nil {
		return m, int64(n), fmt.Errorf("write bundle: %w", err)
	}
	k, err := pay.WriteTo(w)
	if err != nil {
		return m, int64(n) + k, fmt.Errorf("write bundle: %w", err)
	}
	return m, int64(n) + k, nil
}

// encodePayload writes the payload's records, kind by kind in table order,
// as gzip of JSON lines.
func encodePayload(w io.Writer, p *Payload) error {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	for _, k := range kinds {
		err := k.encode(p, func(v any) error {
			raw, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("%s record: %w", k.name, err)
			}
			return enc.Encode(payloadLine{T: k.name, V: raw})
		})
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
