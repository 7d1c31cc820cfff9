package model

import (
	"strings"
	"time"
)

// Stamp is where one revision of a record came from: who saved it, when,
// on which device, its own ID and the revision(s) it replaced. The records
// that follow a unit from one inspection to the next (FollowUp, FixReport,
// SelfScore) are kept as revisions the way findings are (merge.go), so two
// laptops that both changed one merge without losing either value.
type Stamp struct {
	UpdatedBy    string    `json:"updated_by"`
	UpdatedAt    time.Time `json:"updated_at"`
	Device       string    `json:"device"`
	Revision     string    `json:"revision"`
	BaseRevision string    `json:"base_revision"`
	// Merged names the other revisions a revision settling a conflict was
	// based on besides BaseRevision, so the revision itself says what it
	// supersedes.
	Merged []string `json:"merged,omitempty"`
}

// Parents are the revisions this one was based on, BaseRevision first.
func (s Stamp) Parents() []string {
	var out []string
	if s.BaseRevision != "" {
		out = append(out, s.BaseRevision)
	}
	for _, m := range s.Merged {
		if m != "" && m != s.BaseRevision {
			out = append(out, m)
		}
	}
	return out
}

// stampFields are the stamp's parts as a revision hash covers them.
func (s Stamp) stampFields() []string {
	at := ""
	if !s.UpdatedAt.IsZero() {
		at = s.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	return []string{s.UpdatedBy, at, s.Device, s.Revision, s.BaseRevision, strings.Join(s.Merged, ",")}
}

// Revisioned is a record kept as revisions: its stamp, what it is (kind
// and identity, which never change between its revisions) and the hash of
// what it says.
type Revisioned interface {
	RecordKind() string
	RecordID() string
	RecordStamp() Stamp
	// ContentHash identifies what the revision says, ignoring who said it
	// and when: two revisions with equal content do not conflict.
	ContentHash() string
	// identity is every field naming what the record is about.
	identity() []string
}

// RecordRevisionHash identifies a whole revision as it was born: its kind,
// identity, content and stamp. The same revision ID arriving with another
// hash is never an update.
func RecordRevisionHash(r Revisioned) string {
	fields := append([]string{r.RecordKind(), r.RecordID()}, r.identity()...)
	fields = append(fields, r.ContentHash())
	return hashFields(append(fields, r.RecordStamp().stampFields()...)...)
}

// StampedRev describes a stamped record.s revision for the merge rule (merge.go).
func StampedRev(r Revisioned) Rev {
	s := r.RecordStamp()
	return Rev{ID: s.Revision, Parents: s.Parents(), Hash: RecordRevisionHash(r), Content: r.ContentHash(), At: s.UpdatedAt}
}

// StampedConflict is a record kept as revisions changed on two laptops
// since they last agreed: the value shown (the later head) and the others
// kept beside it, until a revision based on all of them settles it.
type StampedConflict struct {
	Kind    string // RecordKind: "follow_up", "fix_report", "self_score"
	ID      string
	Current Revisioned
	Others  []Revisioned
}
