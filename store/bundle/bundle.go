// Package bundle reads, checks and writes kiemtra bundles: the signed files
// that carry an inspection's work from one laptop to another. A bundle is
// untrusted input until every check here and in the importing database has
// passed, so this package does no I/O beyond the reader and writer it is
// given, imports nothing of kiemtra but model, and never lets the lengths in
// a file decide how much it allocates. See store/BUNDLE.md for the layout,
// the limits, the order of the checks and the reasons behind them. In short:
//
//	"KIEMTRA-BUNDLE\n"              15 bytes, magic
//	version                          1 byte (2; 1 is still read)
//	manifest length                  4 bytes, big-endian, at most 1 MiB
//	manifest                         JSON (Manifest)
//	signature                        64 bytes, ed25519 over magic+version+length+manifest
//	payload                          gzip of JSON lines; exactly manifest.PayloadBytes long,
//	                                 SHA-256 equal to manifest.PayloadSHA256; nothing after it
//
// Reading is in three steps, each refusing before the next one spends
// anything: Open checks the layout, the limits and the signature over the
// manifest (which names the payload's hash and sizes); the caller then
// decides whether it trusts the key; VerifyPayload hashes the compressed
// bytes; Decode inflates them under hard limits on size and ratio and hands
// each record, checked, to a Visitor, one at a time, so memory does not
// grow with the bundle. Every audit entry and link carries the signature of
// the device it names, made when the entry was made, so a relay can carry
// another device's work but cannot forge it.
package bundle

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"kiemtra/model"
)

// Format constants.
const (
	// Magic starts every bundle file.
	Magic = "KIEMTRA-BUNDLE\n"
	// Format is the layout version this package writes.
	Format = 2
	// FormatV1 is the first layout (no per-entry signatures), still read.
	FormatV1 = 1
	// HeaderBytes is the length of magic, version and manifest length.
	HeaderBytes = len(Magic) + 1 + 4
)

// Limits: what a bundle may cost before it is refused. Memory does not
// depend on them (records are decoded one at a time); they bound the time
// a hostile file can take.
const (
	// MaxManifestBytes bounds the manifest, read whole.
	MaxManifestBytes = 1 << 20
	// MaxPayloadBytes bounds the compressed payload.
	MaxPayloadBytes = 4 << 30
	// MaxPlainBytes bounds the decompressed payload.
	MaxPlainBytes = 32 << 30
	// MaxRatio and RatioSlack bound how far the payload may expand:
	// plain ≤ MaxRatio × compressed + RatioSlack. Genuine payloads expand
	// about 5× (IDs, hashes and signatures do not compress); a long note
	// of one repeated letter fits in the slack.
	MaxRatio   = 64
	RatioSlack = 16 << 20
	// MaxLineBytes bounds one record (a line of the payload): an audit
	// entry carries a finding's old and new values, a note may be 1 MB.
	MaxLineBytes = 16 << 20
	// MaxUnits bounds the units (and assessments) of one bundle: a
	// province has a few hundred.
	MaxUnits = 20000
	// MaxChecklists bounds the checklist versions a manifest names.
	MaxChecklists = 200
)

// ChecklistRef names a checklist version a bundle's assessments use, with
// the hash of its content.
type ChecklistRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// Ref is "id@version".
func (c ChecklistRef) Ref() string { return c.ID + "@" + c.Version }

// Manifest describes a bundle; it is what the signature covers.
type Manifest struct {
	Format        int            `json:"format"`
	App           string         `json:"app"`
	Device        string         `json:"device"`
	PublicKey     string         `json:"public_key"` // base64 ed25519
	Inspector     string         `json:"inspector"`
	Created       time.Time      `json:"created"`
	Seq           int64          `json:"seq"` // this device's bundle number, from 1
	Inspection    string         `json:"inspection"`
	Title         string         `json:"title"`
	Units         []string       `json:"units"` // unit codes, sorted
	Counts        Counts         `json:"counts"`
	Checklists    []ChecklistRef `json:"checklists"`
	PayloadBytes  int64          `json:"payload_bytes"`
	PayloadSHA256 string         `json:"payload_sha256"`
	// PlainBytes is the payload's decompressed length (format 2): the
	// reader refuses a payload that would expand more before inflating a
	// byte, and stops at this length.
	PlainBytes int64 `json:"plain_bytes,omitempty"`
	// BlobBytes is the length of the evidence files' bytes the payload
	// carries (blob records), at most MaxBlobBytes: refused before
	// inflating when larger, and checked while the pieces arrive.
	BlobBytes int64 `json:"blob_bytes,omitempty"`
}

// Revision is one finding revision as an audit entry describes it.
type Revision struct {
	Finding model.Finding
	Merged  []string // the other revisions a resolution was based on
	// AssessmentRevision is the revision of the assessment the finding was
	// saved under ("" when made by a kiemtra that did not record it): it
	// tells a change made after a finalization was reopened from one made
	// on a draft that never saw it.
	AssessmentRevision string
	Entry              AuditEntry
}

// Signer signs a bundle: the device's private key, which never leaves the
// store.
type Signer interface {
	Sign(message []byte) []byte
}

// Fingerprint is the short form of a public key read over the phone: the
// first 16 hex digits of its SHA-256, in groups of four.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	h := hex.EncodeToString(sum[:8])
	return h[0:4] + "-" + h[4:8] + "-" + h[8:12] + "-" + h[12:16]
}
