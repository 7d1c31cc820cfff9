package bundle

import (
	"crypto/ed25519"
	"io"

	"kiemtra/model"
)

// Bundle is a bundle read whole into memory and checked by Read: well
// formed, signed by the key it names, its payload intact and consistent.
// Whether that key is trusted is for the importing database to decide.
// The store never reads a bundle this way (it streams, see File.Decode);
// tests and fuzzing do.
type Bundle struct {
	Version     int
	Manifest    Manifest
	PublicKey   ed25519.PublicKey
	Fingerprint string
	Payload     Payload
	// Revisions are the finding revisions the audit entries describe, by
	// revision ID.
	Revisions map[string]Revision
	// Records are the inspection, unit and assessment revisions.
	Records []RecordRevision
	// Proofs says what vouches for each entry and link, by device and
	// number.
	Proofs map[EntryKey]Proof
}

// EntryKey names one entry of one device's chain.
type EntryKey struct {
	Device string
	Seq    int64
}

// Read reads a bundle of the given size into memory and checks everything
// that can be checked without a database: layout and limits, the signature
// against the key in the manifest, the payload hash, each record, the
// findings against their revisions and each device's audit chain. Only the
// signing device's own key is known to it, so the signatures of other
// devices' entries are left to the importer (see Proofs).
func Read(r io.ReaderAt, size int64) (*Bundle, error) {
	return ReadWith(r, size, DecodeOptions{})
}

// ReadWith is Read with the keys and checklist rules given; with no Trust,
// the signing device's own key is trusted for its own entries.
func ReadWith(r io.ReaderAt, size int64, opt DecodeOptions) (*Bundle, error) {
	f, err := Open(r, size)
	if err != nil {
		return nil, err
	}
	if err := f.VerifyPayload(); err != nil {
		return nil, err
	}
	if opt.Trust == nil {
		opt.Trust = selfTrust{f.Manifest.Device, f.PublicKey}
	}
	c := &collector{b: &Bundle{Version: f.Version, Manifest: f.Manifest, PublicKey: f.PublicKey, Fingerprint: f.Fingerprint,
		Revisions: map[string]Revision{}, Proofs: map[EntryKey]Proof{}}, chains: chainSet{}}
	if err := f.Decode(opt, c); err != nil {
		return nil, err
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c.b, nil
}

// selfTrust trusts one device's key.
type selfTrust struct {
	device string
	key    ed25519.PublicKey
}

func (s selfTrust) Keys(device string) []ed25519.PublicKey {
	if device == s.device {
		return []ed25519.PublicKey{s.key}
	}
	return nil
}

// collector keeps every record of a payload and the state of the checks
// across records.
type collector struct {
	b      *Bundle
	chains chainSet
}

func (c *collector) Inspection(r InspectionRecord) error {
	c.b.Payload.Inspections = append(c.b.Payload.Inspections, r)
	return nil
}

func (c *collector) Unit(u model.Unit) error {
	c.b.Payload.Units = append(c.b.Payload.Units, u)
	return nil
}

func (c *collector) Assessment(a model.Assessment) error {
	c.b.Payload.Assessments = append(c.b.Payload.Assessments, a)
	return nil
}

func (c *collector) Alias(al Alias) error {
	c.b.Payload.Aliases = append(c.b.Payload.Aliases, al)
	return nil
}

func (c *collector) Finding(f model.Finding) error {
	c.b.Payload.Findings = append(c.b.Payload.Findings, f)
	return nil
}

func (c *collector) Entry(e Entry) error {
	c.b.Payload.Audit = append(c.b.Payload.Audit, e.AuditEntry)
	c.b.Proofs[EntryKey{e.Device, e.DevSeq}] = e.Proof
	if err := c.chains.add(e.Device, e.DevSeq, chainNode{e.PrevHash, e.Hash, e.At, true}); err != nil {
		return err
	}
	if e.Revision != nil {
		f := e.Revision.Finding
		if old, dup := c.b.Revisions[f.Revision]; dup && model.RevisionHash(old.Finding) != model.RevisionHash(f) {
			return contentErr(model.ShortID(f.Revision), "the revision appears twice with different content")
		}
		c.b.Revisions[f.Revision] = *e.Revision
	}
	if e.Record != nil {
		c.b.Records = append(c.b.Records, *e.Record)
	}
	return nil
}

func (c *collector) Link(l Link) error {
	c.b.Payload.Links = append(c.b.Payload.Links, l.ChainLink)
	if _, ok := c.b.Proofs[EntryKey{l.Device, l.DevSeq}]; !ok {
		c.b.Proofs[EntryKey{l.Device, l.DevSeq}] = l.Proof
	}
	return c.chains.add(l.Device, l.DevSeq, chainNode{prev: l.PrevHash, hash: l.Hash})
}

func (c *collector) Blob(b BlobChunk) error {
	c.b.Payload.Blobs = append(c.b.Payload.Blobs, b)
	return nil
}

func (c *collector) Statement(st Statement) error {
	c.b.Payload.Statements = append(c.b.Payload.Statements, st)
	return nil
}

func (c *collector) Received(r ReceivedRef) error {
	c.b.Payload.Received = append(c.b.Payload.Received, r)
	return nil
}

// check makes the checks across records: one inspection, each chain end
// to end, every finding row backed by its revision, every revision about
// one of the bundle's assessments.
func (c *collector) check() error {
	p := &c.b.Payload
	if len(p.Inspections) != 1 {
		return contentErr(model.ShortID(c.b.Manifest.Inspection), "it must hold exactly the inspection its manifest names")
	}
	if err := c.chains.verify(); err != nil {
		return err
	}
	assessments := map[string]bool{}
	for _, a := range p.Assessments {
		assessments[a.ID] = true
	}
	for _, al := range p.Aliases {
		if al.Kind == "assessment" && assessments[al.Canonical] {
			assessments[al.Alias] = true
		}
	}
	for _, r := range c.b.Revisions {
		if !assessments[r.Finding.AssessmentID] {
			return contentErr(r.Finding.ItemCode, "the revision belongs to an assessment that is not in the bundle")
		}
	}
	for _, f := range p.Findings {
		// The row may be kept under another ID than the revision was made
		// with (a record created twice, see id_aliases); all else must match.
		r, ok := c.b.Revisions[f.Revision]
		if !ok || RowKey(r.Finding) != RowKey(f) {
			return contentErr(f.ItemCode, "the finding is not backed by its audit history")
		}
	}
	return nil
}

// RowKey identifies what a finding row says and who made it, leaving out
// the IDs it is kept under: a row matches its revision when their keys do.
func RowKey(f model.Finding) string {
	f.ID, f.AssessmentID = "", ""
	return model.RevisionHash(f)
}
