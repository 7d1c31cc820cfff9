// Package bundle reads, checks and writes kiemtra bundles: the signed files
// that carry an inspection's work from one laptop to another. A bundle is
// untrusted input until every check here and in the importing database has
// passed, so this package does no I/O beyond the reader and writer it is
// given, imports nothing of kiemtra but model, and never lets the lengths in
// a file decide how much it allocates. See store/BUNDLE.md for the layout
// and the reasons behind it. In short:
//
//	"KIEMTRA-BUNDLE\n"              15 bytes, magic
//	version                          1 byte (1)
//	manifest length                  4 bytes, big-endian, at most 1 MiB
//	manifest                         JSON (Manifest)
//	signature                        64 bytes, ed25519 over magic+version+length+manifest
//	payload                          gzip of JSON lines; exactly manifest.PayloadBytes long,
//	                                 SHA-256 equal to manifest.PayloadSHA256; nothing after it
//
// The payload is canonical JSON lines rather than an SQLite file: it is
// hashed and signed as plain bytes, read by a streaming parser bounded by
// the limits below, fuzzed directly, and never opened by SQLite. Its order
// is deterministic, so the same data always makes the same payload.
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
	// Format is the layout version this package reads and writes.
	Format = 1
	// HeaderBytes is the length of magic, version and manifest length.
	HeaderBytes = len(Magic) + 1 + 4

	maxManifestBytes = 1 << 20
	maxPayloadBytes  = 2 << 30 // compressed
	maxPayloadPlain  = 4 << 30 // decompressed
	maxLineBytes     = 64 << 20
)

// ChecklistRef names a checklist version a bundle's assessments use, with
// the hash of its content.
type ChecklistRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

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
}

// Bundle is a bundle read and checked by Read: well formed, signed by the
// key it names, its payload intact and consistent. Whether that key is
// trusted is for the importing database to decide.
type Bundle struct {
	Manifest    Manifest
	PublicKey   ed25519.PublicKey
	Fingerprint string
	Payload     Payload
	// Revisions are the finding revisions the audit entries describe, by
	// revision ID.
	Revisions map[string]Revision
}

// Revision is one finding revision as an audit entry describes it.
type Revision struct {
	Finding model.Finding
	Merged  []string // the other revisions a resolution was based on
	Entry   AuditEntry
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
