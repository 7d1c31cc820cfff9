package bundle

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"kiemtra/model"
)

// check verifies the payload's internal consistency: IDs, every finding
// revision present in the audit history, and each device's audit chain
// (hashes, links, dates). It fills b.Revisions.
func (b *Bundle) check() error {
	p := &b.Payload
	if len(p.Inspections) != 1 || p.Inspections[0].ID != b.Manifest.Inspection {
		return contentErr(model.ShortID(b.Manifest.Inspection), "it must hold exactly the inspection its manifest names")
	}
	assessments, err := b.checkRecords()
	if err != nil {
		return err
	}
	chains := chainSet{}
	if err := b.checkAudit(chains, assessments); err != nil {
		return err
	}
	for _, l := range p.Links {
		if err := chains.add(l.Device, l.DevSeq, chainNode{prev: l.PrevHash, hash: l.Hash}); err != nil {
			return err
		}
	}
	if err := chains.verify(); err != nil {
		return err
	}
	for _, f := range p.Findings {
		// The row may be kept under another ID than the revision was made
		// with (a record created twice, see id_aliases); all else must match.
		r, ok := b.Revisions[f.Revision]
		rf := r.Finding
		rf.ID, rf.AssessmentID = f.ID, f.AssessmentID
		if !ok || model.RevisionHash(rf) != model.RevisionHash(f) || !assessments[f.AssessmentID] {
			return contentErr(f.ItemCode, "the finding is not backed by its audit history")
		}
	}
	for _, in := range p.Received {
		if !model.ValidID(in.Device) || in.Seq < 1 {
			return contentErr(model.ShortID(in.Device), "invalid received-bundle reference")
		}
	}
	return nil
}

// checkRecords checks units, assessments and aliases, and returns the IDs
// of the bundle's assessments under every name they have.
func (b *Bundle) checkRecords() (map[string]bool, error) {
	p := &b.Payload
	refs := map[string]bool{}
	for _, c := range b.Manifest.Checklists {
		refs[c.ID+"@"+c.Version] = true
	}
	units := map[string]bool{}
	for _, u := range p.Units {
		if !model.ValidID(u.ID) || u.Code == "" {
			return nil, contentErr(u.Code, "a unit without a valid ID or code")
		}
		units[u.ID] = true
	}
	assessments := map[string]bool{}
	for _, a := range p.Assessments {
		if !model.ValidID(a.ID) || a.InspectionID != b.Manifest.Inspection || !units[a.UnitID] {
			return nil, contentErr(model.ShortID(a.ID), "the assessment does not belong to the bundle's inspection and units")
		}
		if ref := a.ChecklistID + "@" + a.ChecklistVersion; !refs[ref] {
			return nil, contentErr(ref, "the checklist is not listed in the manifest")
		}
		if a.Status != model.StatusDraft && a.Status != model.StatusFinalized {
			return nil, contentErr(model.ShortID(a.ID), "invalid assessment status")
		}
		assessments[a.ID] = true
	}
	for _, al := range p.Aliases {
		if al.Kind != "unit" && al.Kind != "assessment" && al.Kind != "finding" || !model.ValidID(al.Alias) || !model.ValidID(al.Canonical) {
			return nil, contentErr(model.ShortID(al.Alias), "invalid alias")
		}
		if al.Kind == "assessment" && assessments[al.Canonical] {
			assessments[al.Alias] = true
		}
	}
	return assessments, nil
}

// checkAudit checks every full audit entry against its hash, adds it to
// its device's chain, and records the finding revisions the entries
// describe.
func (b *Bundle) checkAudit(chains chainSet, assessments map[string]bool) error {
	b.Revisions = map[string]Revision{}
	for _, e := range b.Payload.Audit {
		if ChainHash(e) != e.Hash {
			return chainErr(e.Device, e.DevSeq, "the entry does not match its hash")
		}
		if err := chains.add(e.Device, e.DevSeq, chainNode{e.PrevHash, e.Hash, e.At, true}); err != nil {
			return err
		}
		if e.Entity != "finding" || e.Revision == "" {
			continue
		}
		r, err := RevisionOf(e)
		if err != nil {
			return contentErrBy(err, model.ShortID(e.Revision), "the revision cannot be read")
		}
		f := r.Finding
		if f.Revision != e.Revision || f.ID != e.EntityID || f.BaseRevision != e.BaseRevision || !model.ValidID(f.ID) ||
			!model.ValidID(f.Revision) || f.ItemCode == "" {
			return contentErr(model.ShortID(e.Revision), "the audit entry does not describe its revision")
		}
		if f.Cases < 0 {
			// A deduction item's cases are counted, never negative (which
			// would add points past the item's maximum).
			return contentErr(f.ItemCode, "a negative number of cases")
		}
		if !assessments[f.AssessmentID] {
			return contentErr(f.ItemCode, "the revision belongs to an assessment that is not in the bundle")
		}
		if old, dup := b.Revisions[f.Revision]; dup && model.RevisionHash(old.Finding) != model.RevisionHash(f) {
			return contentErr(model.ShortID(f.Revision), "the revision appears twice with different content")
		}
		b.Revisions[f.Revision] = r
	}
	return nil
}

// RevisionOf reads the finding revision an audit entry about a finding
// describes: its new value, and for a resolution the other sides it was
// based on (its old value lists both).
func RevisionOf(e AuditEntry) (Revision, error) {
	r := Revision{Entry: e}
	if err := json.Unmarshal([]byte(e.New), &r.Finding); err != nil {
		return r, fmt.Errorf("revision %s: %w", e.Revision, err)
	}
	if e.Action == "resolve" {
		var sides []model.Finding
		if err := json.Unmarshal([]byte(e.Old), &sides); err != nil {
			return r, fmt.Errorf("resolution %s: %w", e.Revision, err)
		}
		for _, s := range sides {
			r.Merged = append(r.Merged, s.Revision)
		}
	}
	return r, nil
}

// Rev is the revision as the merge rule sees it.
func (r Revision) Rev() model.Rev { return model.RevOf(r.Finding, r.Merged...) }

// chainNode is one entry or link of a device's chain as far as linking
// goes; full entries also carry their time.
type chainNode struct {
	prev, hash string
	at         time.Time
	full       bool
}

// chainSet is the bundle's audit chains, by device and entry number.
type chainSet map[string]map[int64]chainNode

func (cs chainSet) add(dev string, seq int64, n chainNode) error {
	if !model.ValidID(dev) || seq < 1 {
		return contentErr(model.ShortID(dev), "invalid audit entry number or device")
	}
	c := cs[dev]
	if c == nil {
		c = map[int64]chainNode{}
		cs[dev] = c
	}
	if old, ok := c[seq]; ok {
		if old.hash != n.hash || old.prev != n.prev {
			return chainErr(dev, seq, "the entry appears twice with different content")
		}
		if n.full {
			c[seq] = n
		}
		return nil
	}
	c[seq] = n
	return nil
}

// verify checks each chain: neighbours link, the first entry names no
// predecessor, and no entry is dated more than a minute before an
// earlier one.
func (cs chainSet) verify() error {
	devs := make([]string, 0, len(cs))
	for d := range cs {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	for _, dev := range devs {
		c := cs[dev]
		seqs := make([]int64, 0, len(c))
		for s := range c {
			seqs = append(seqs, s)
		}
		sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
		var lastFull chainNode
		haveFull := false
		for i, s := range seqs {
			n := c[s]
			if s == 1 && n.prev != "" {
				return chainErr(dev, 1, "the first entry names a predecessor")
			}
			if i > 0 && seqs[i-1] == s-1 && c[s-1].hash != n.prev {
				return chainErr(dev, s, "the entry does not follow the one before it")
			}
			if n.full {
				if haveFull && n.at.Before(lastFull.at.Add(-time.Minute)) {
					return chainErr(dev, s, "the entry is dated before an earlier entry")
				}
				lastFull, haveFull = n, true
			}
		}
	}
	return nil
}

// VerifyEntries checks a run of one device's entries, in dev_seq order. The
// run need not start at 1 (a bundle may carry a suffix), but must be
// contiguous and each link must hold.
func VerifyEntries(entries []AuditEntry) error {
	for i, e := range entries {
		if ChainHash(e) != e.Hash {
			return chainErr(e.Device, e.DevSeq, "the entry does not match its hash")
		}
		if i > 0 {
			p := entries[i-1]
			if e.DevSeq != p.DevSeq+1 || e.PrevHash != p.Hash || e.Device != p.Device {
				return chainErr(e.Device, e.DevSeq, "the entry does not follow the one before it")
			}
			if e.At.Before(p.At.Add(-time.Minute)) {
				return chainErr(e.Device, e.DevSeq, "the entry is dated before the entry it follows")
			}
		} else if e.DevSeq == 1 && e.PrevHash != "" {
			return chainErr(e.Device, 1, "the first entry names a predecessor")
		}
	}
	return nil
}
