package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"kiemtra/model"
)

// InspectionRecord is an inspection with the time it was last changed.
type InspectionRecord struct {
	model.Inspection
	UpdatedAt time.Time `json:"updated_at"`
}

// AuditEntry is one change to one record, a link of its device's chain.
type AuditEntry struct {
	ID           string    `json:"id"`
	Device       string    `json:"device"`
	DevSeq       int64     `json:"dev_seq"`
	At           time.Time `json:"at"`
	Actor        string    `json:"actor"`
	Entity       string    `json:"entity"` // "finding", "assessment", "inspection", "unit"
	EntityID     string    `json:"entity_id"`
	Action       string    `json:"action"` // "save", "finalize", "reopen", "create", "import", "resolve", "undo"
	Old          string    `json:"old"`    // JSON of the previous state, "" if none
	New          string    `json:"new"`    // JSON of the new state
	Revision     string    `json:"revision,omitempty"`
	BaseRevision string    `json:"base_revision,omitempty"`
	PrevHash     string    `json:"prev_hash"`
	Hash         string    `json:"hash"`
	// Sig is the device's ed25519 signature over the entry (EntryMessage),
	// made when the entry was made, base64. Not part of Hash: an entry
	// made before signatures existed is signed later without changing its
	// chain.
	Sig string `json:"sig,omitempty"`
}

// hashTimeFormat is how an entry's time enters its hash: UTC, fixed width.
const hashTimeFormat = "2006-01-02T15:04:05.000000000Z"

// ChainHash computes an entry's hash from its content and the hash of the
// same device's previous entry. Every field a forger could change (time,
// actor, values) is covered, each length-prefixed so fields cannot be
// shifted into each other.
func ChainHash(e AuditEntry) string {
	at := ""
	if !e.At.IsZero() {
		at = e.At.UTC().Format(hashTimeFormat)
	}
	h := sha256.New()
	for _, s := range []string{
		e.ID, e.Device, strconv.FormatInt(e.DevSeq, 10), at, e.Actor, e.Entity,
		e.EntityID, e.Action, e.Old, e.New, e.Revision, e.BaseRevision, e.PrevHash,
	} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ChainLink is one link of a device's audit chain, sent for entries whose
// content is outside the bundle so that the chain can still be followed.
// It carries the device's signature over it, as the entry did.
type ChainLink struct {
	Device   string `json:"device"`
	DevSeq   int64  `json:"dev_seq"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
	Sig      string `json:"sig,omitempty"`
}

// Link is the entry's link in its chain.
func (e AuditEntry) Link() ChainLink {
	return ChainLink{Device: e.Device, DevSeq: e.DevSeq, PrevHash: e.PrevHash, Hash: e.Hash, Sig: e.Sig}
}

// Alias says that a record created twice (two IDs) is one record.
type Alias struct {
	Kind      string `json:"kind"` // "unit", "assessment" or "finding"
	Alias     string `json:"alias"`
	Canonical string `json:"canonical"`
}

// ReceivedRef is a bundle the sender says it had imported. It is a hint
// only: whether another device's work arrived is decided by that device's
// own signed entries and statements, never by a relay's claim.
type ReceivedRef struct {
	Device string `json:"device"`
	Seq    int64  `json:"seq"`
}

// Range is a run of one device's entry numbers, first and last included.
type Range [2]int64

// Statement is a device's signed account of one bundle it wrote: its
// number, its inspection, and which of the device's own audit entries it
// carried. Every later bundle of the device, and every relay, carries the
// statements on unchanged, so a receiver learns of every bundle the device
// sent and can tell, by the entries it holds, whether that work arrived,
// whoever brought it.
type Statement struct {
	Device     string    `json:"device"`
	Seq        int64     `json:"seq"`
	Inspection string    `json:"inspection"`
	Created    time.Time `json:"created"`
	Entries    []Range   `json:"entries"`
	Sig        string    `json:"sig"`
}

// Payload is a bundle's content, one list per record kind, for bundles
// small enough to hold in memory (tests, fuzzing); the store streams.
type Payload struct {
	Inspections []InspectionRecord
	Units       []model.Unit
	Assessments []model.Assessment
	Aliases     []Alias
	Findings    []model.Finding
	Audit       []AuditEntry
	Links       []ChainLink
	Blobs       []BlobChunk
	Statements  []Statement
	Received    []ReceivedRef
}

// Counts counts a payload's records by kind.
type Counts struct {
	Inspections int `json:"inspections"`
	Units       int `json:"units"`
	Assessments int `json:"assessments"`
	Findings    int `json:"findings"`
	Audit       int `json:"audit"`
	Links       int `json:"links"`
	Aliases     int `json:"aliases"`
	Statements  int `json:"statements,omitempty"`
	Received    int `json:"received"`
	Blobs       int `json:"blobs,omitempty"`
}

// Records is the number of records of every kind.
func (c Counts) Records() int {
	n := 0
	for _, k := range kinds {
		n += *k.count(&c)
	}
	return n
}

// Counts counts the payload's records.
func (p *Payload) Counts() Counts {
	var c Counts
	for _, k := range kinds {
		*k.count(&c) = k.len(p)
	}
	return c
}
