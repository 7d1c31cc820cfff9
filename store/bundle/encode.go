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

	"kiemtra/model"
)

// Encoder writes a payload one record at a time, in payload order, as
// gzip of JSON lines: a bundle of any size is written without holding it.
// The same records always make the same bytes.
type Encoder struct {
	zw     *gzip.Writer
	plain  int64
	order  map[string]int
	at     int
	counts Counts
	line   bytes.Buffer
	enc    *json.Encoder
}

// NewEncoder starts a payload of the given format version on w.
func NewEncoder(w io.Writer, version int) (*Encoder, error) {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	e := &Encoder{zw: zw, order: order(version), at: -1}
	e.enc = json.NewEncoder(&e.line)
	e.enc.SetEscapeHTML(false)
	return e, nil
}

// put writes one record of kind name.
func (e *Encoder) put(name string, v any) error {
	rank, ok := e.order[name]
	if !ok || rank < e.at {
		return fmt.Errorf("encode payload: a %s record out of order", name)
	}
	e.at = rank
	e.line.Reset()
	e.line.WriteString(`{"t":"` + name + `","v":`)
	// Encode appends a newline; the line's closing brace goes before it.
	if err := e.enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s record: %w", name, err)
	}
	b := e.line.Bytes()
	b = append(b[:len(b)-1], '}', '\n')
	if len(b) > MaxLineBytes {
		return fmt.Errorf("encode %s record: %d bytes, at most %d", name, len(b), MaxLineBytes)
	}
	n, err := e.zw.Write(b)
	e.plain += int64(n)
	if err != nil {
		return err
	}
	*kindByName[name].count(&e.counts)++
	return nil
}

// The records, one method per kind.

// Inspection writes the inspection record.
func (e *Encoder) Inspection(r InspectionRecord) error { return e.put(kInspection, r) }

// Unit writes a unit.
func (e *Encoder) Unit(u model.Unit) error { return e.put(kUnit, u) }

// Assessment writes an assessment.
func (e *Encoder) Assessment(a model.Assessment) error { return e.put(kAssessment, a) }

// Alias writes an alias.
func (e *Encoder) Alias(a Alias) error { return e.put(kAlias, a) }

// Finding writes a current finding row.
func (e *Encoder) Finding(f model.Finding) error { return e.put(kFinding, f) }

// Entry writes an audit entry.
func (e *Encoder) Entry(a AuditEntry) error { return e.put(kAudit, a) }

// Link writes a chain link.
func (e *Encoder) Link(l ChainLink) error { return e.put(kLink, l) }

// Blob writes one piece of an evidence file.
func (e *Encoder) Blob(c BlobChunk) error { return e.put(kBlob, c) }

// Statement writes a bundle statement.
func (e *Encoder) Statement(s Statement) error { return e.put(kStatement, s) }

// Received writes a received-bundle hint.
func (e *Encoder) Received(r ReceivedRef) error { return e.put(kReceived, r) }

// Close ends the payload and returns its counts and decompressed length.
func (e *Encoder) Close() (Counts, int64, error) {
	if err := e.zw.Close(); err != nil {
		return e.counts, e.plain, err
	}
	return e.counts, e.plain, nil
}

// WriteHeader writes a bundle's header: magic, version, the manifest and
// the signature over them. The payload follows, exactly as the manifest
// describes it.
func WriteHeader(w io.Writer, s Signer, m Manifest) (int64, error) {
	mj, err := json.Marshal(m)
	if err != nil {
		return 0, fmt.Errorf("encode manifest: %w", err)
	}
	if len(mj) > MaxManifestBytes {
		return 0, fmt.Errorf("encode manifest: %d bytes, at most %d", len(mj), MaxManifestBytes)
	}
	head := make([]byte, 0, HeaderBytes+len(mj)+ed25519.SignatureSize)
	head = append(head, Magic...)
	head = append(head, byte(m.Format))
	head = binary.BigEndian.AppendUint32(head, uint32(len(mj)))
	head = append(head, mj...)
	head = append(head, s.Sign(head)...)
	n, err := w.Write(head)
	if err != nil {
		return int64(n), fmt.Errorf("write bundle: %w", err)
	}
	return int64(n), nil
}

// Encode lays out p as a bundle described by m (of format m.Format, the
// current one if zero), signed by s, and writes it to w, holding the
// payload in memory: for tests and small bundles (the store streams). It
// fills in what the payload decides (counts, lengths, hash) and returns
// the manifest as written and the bundle's length.
func Encode(w io.Writer, s Signer, m Manifest, p *Payload) (Manifest, int64, error) {
	if m.Format == 0 {
		m.Format = Format
	}
	var pay bytes.Buffer
	enc, err := NewEncoder(&pay, m.Format)
	if err != nil {
		return m, 0, err
	}
	names := orderV1
	if m.Format >= 2 {
		names = nil
		for _, k := range kinds {
			names = append(names, k.name)
		}
	}
	for _, name := range names {
		if err := kindByName[name].encode(p, func(v any) error { return enc.put(name, v) }); err != nil {
			return m, 0, fmt.Errorf("encode payload: %w", err)
		}
	}
	counts, plain, err := enc.Close()
	if err != nil {
		return m, 0, fmt.Errorf("encode payload: %w", err)
	}
	sum := sha256.Sum256(pay.Bytes())
	m.Counts, m.PayloadBytes, m.PayloadSHA256 = counts, int64(pay.Len()), hex.EncodeToString(sum[:])
	m.PlainBytes, m.BlobBytes = 0, 0
	if m.Format >= 2 {
		m.PlainBytes = plain
		for _, b := range p.Blobs {
			m.BlobBytes += int64(len(b.Data))
		}
	}
	n, err := WriteHeader(w, s, m)
	if err != nil {
		return m, n, err
	}
	k, err := pay.WriteTo(w)
	if err != nil {
		return m, n + k, fmt.Errorf("write bundle: %w", err)
	}
	return m, n + k, nil
}
