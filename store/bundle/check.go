package bundle

import (
	"crypto/ed25519"
	"strconv"
	"strings"

	"kiemtra/model"
)

// The checks one record passes as it is decoded: the rules of a record
// the app itself would have made, and the references to the records
// before it. Checks across records that need more than the bundle's units
// and assessments (the findings against their revisions, each chain end
// to end) are the reader's: bundle.Read makes them in memory, the store in
// its staging database.

func (d *decoder) inspection(r InspectionRecord) error {
	if d.counts.Inspections != 1 || r.ID != d.f.Manifest.Inspection {
		return contentErr(model.ShortID(r.ID), "it must hold exactly the inspection its manifest names")
	}
	if err := CheckInspection(r.Inspection); err != nil {
		return err
	}
	return nil
}

func (d *decoder) unit(u model.Unit) error {
	if err := CheckUnit(u); err != nil {
		return err
	}
	if d.units[u.ID] || d.codes[u.Code] {
		return contentErr(u.Code, "the unit appears twice")
	}
	if len(d.units) >= MaxUnits {
		return contentErr(u.Code, "too many units")
	}
	d.units[u.ID], d.codes[u.Code] = true, true
	return nil
}

func (d *decoder) assessment(a model.Assessment) error {
	if d.counts.Inspections != 1 {
		return contentErr(model.ShortID(d.f.Manifest.Inspection), "it must hold exactly the inspection its manifest names")
	}
	if !model.ValidID(a.ID) || a.InspectionID != d.f.Manifest.Inspection || !d.units[a.UnitID] {
		return contentErr(model.ShortID(a.ID), "the assessment does not belong to the bundle's inspection and units")
	}
	ref := a.ChecklistID + "@" + a.ChecklistVersion
	if !d.refs[ref] {
		return contentErr(ref, "the checklist is not listed in the manifest")
	}
	if err := CheckAssessment(a); err != nil {
		return err
	}
	if _, dup := d.assessments[a.ID]; dup {
		return contentErr(model.ShortID(a.ID), "the assessment appears twice")
	}
	d.assessments[a.ID] = ref
	return nil
}

func (d *decoder) alias(al Alias) error {
	if al.Kind != "unit" && al.Kind != "assessment" && al.Kind != "finding" || !model.ValidID(al.Alias) ||
		!model.ValidID(al.Canonical) || al.Alias == al.Canonical {
		return contentErr(model.ShortID(al.Alias), "invalid alias")
	}
	if ref, ok := d.assessments[al.Canonical]; ok && al.Kind == "assessment" {
		if _, dup := d.assessments[al.Alias]; !dup && len(d.assessments) < 4*MaxUnits {
			d.assessments[al.Alias] = ref
		}
	}
	return nil
}

// finding checks a current finding row: it belongs to one of the bundle's
// assessments and says what its item allows.
func (d *decoder) finding(f model.Finding) error {
	if !model.ValidID(f.ID) || !model.ValidID(f.Revision) || f.ItemCode == "" {
		return contentErr(f.ItemCode, "a finding without a valid ID, revision or item")
	}
	ref, ok := d.assessments[f.AssessmentID]
	if !ok {
		return contentErr(f.ItemCode, "the finding's assessment is not in the bundle")
	}
	if err := d.basicRules(f); err != nil {
		return err
	}
	return d.itemRules(ref, f)
}

// basicRules are what every finding obeys whatever its checklist.
func (d *decoder) basicRules(f model.Finding) error {
	if strings.TrimSpace(f.UpdatedBy) == "" {
		return contentErr(f.ItemCode, "a finding without its author")
	}
	if hasNUL(f.Note, f.Evidence, f.Recommendation, f.UpdatedBy) {
		return contentErr(f.ItemCode, "text with a NUL character")
	}
	if f.Cases < 0 {
		// A deduction item's cases are counted, never negative (which
		// would add points past the item's maximum).
		return contentErr(f.ItemCode, "a negative number of cases")
	}
	return nil
}

// itemRules checks a finding's content against its item, as SaveFinding
// does.
func (d *decoder) itemRules(ref string, f model.Finding) error {
	where := f.ItemCode
	if d.opt.Rules == nil {
		return nil
	}
	it, ok := d.opt.Rules.Item(ref, f.ItemCode)
	if !ok {
		return contentErr(where, "the checklist "+ref+" has no such item")
	}
	if err := f.Content().Validate(it); err != nil {
		return contentErrBy(err, where, "a score or result the item does not allow ("+f.Result.Code()+", "+f.Score.String()+")")
	}
	return nil
}

// entries are about these kinds of record.
var entities = map[string]bool{"finding": true, "assessment": true, "inspection": true, "unit": true,
	EntityFollowUp: true, EntityFixReport: true, EntitySelfScore: true, "attachment": true}

// entry checks an audit entry: its hash, what vouches for it, and the
// revision it describes.
func (d *decoder) entry(e AuditEntry) (Entry, error) {
	out := Entry{AuditEntry: e}
	if !model.ValidID(e.Device) || e.DevSeq < 1 || !model.ValidID(e.ID) {
		return out, contentErr(model.ShortID(e.Device), "invalid audit entry number or device")
	}
	if ChainHash(e) != e.Hash {
		return out, chainErr(e.Device, e.DevSeq, "the entry does not match its hash")
	}
	if !entities[e.Entity] {
		return out, contentErr(model.ShortID(e.ID), "an audit entry about an unknown kind of record")
	}
	if hasNUL(e.Actor) {
		return out, contentErr(model.ShortID(e.ID), "text with a NUL character")
	}
	out.Proof = d.proof(e.Link())
	switch {
	case e.Entity == "finding" && e.Revision != "":
		r, err := RevisionOf(e)
		if err != nil {
			return out, contentErrBy(err, model.ShortID(e.Revision), "the revision cannot be read")
		}
		f := r.Finding
		if f.Revision != e.Revision || f.ID != e.EntityID || f.BaseRevision != e.BaseRevision || !model.ValidID(f.ID) ||
			!model.ValidID(f.Revision) || !model.ValidID(f.AssessmentID) || f.ItemCode == "" {
			return out, contentErr(model.ShortID(e.Revision), "the audit entry does not describe its revision")
		}
		if f.Device != e.Device || f.UpdatedBy != e.Actor {
			// A revision is the work of the device and person whose entry
			// records it; naming another is forging their authorship.
			return out, model.NewError(model.EAuthorship, nil, model.ShortID(e.Device), itoa(e.DevSeq))
		}
		// A revision made under an alias of one of the bundle's assessments
		// that a format 1 bundle names only later is checked against its
		// item by the reader, which knows every alias by then.
		ref, known := d.assessments[f.AssessmentID]
		if err := d.basicRules(f); err != nil {
			return out, err
		}
		if known {
			if err := d.itemRules(ref, f); err != nil {
				return out, err
			}
		}
		out.Revision = &r
	case Stamped(e.Entity):
		s, err := d.stamped(e)
		if err != nil {
			return out, err
		}
		out.Stamped = s
	case e.Entity == "attachment":
		a, err := attachmentEntry(e)
		if err != nil {
			return out, err
		}
		if err := d.blobs.attachment(a); err != nil {
			return out, err
		}
		out.Attachment = &a
	case e.Entity != "finding":
		rr, ok, err := RecordRevisionOf(e)
		if err != nil {
			return out, err
		}
		if ok {
			out.Record = &rr
		}
	}
	return out, nil
}

// proof says what vouches for an entry or link, queueing its signature
// for checking.
func (d *decoder) proof(l ChainLink) Proof {
	if l.Sig == "" {
		if d.f.Version == FormatV1 && l.Device == d.f.Manifest.Device {
			return ProofBundle
		}
		return ProofNone
	}
	var keys = d.keys(l.Device)
	if len(keys) == 0 {
		return ProofUntrusted
	}
	d.sigs.check(keys, l)
	return ProofSigned
}

func (d *decoder) keys(device string) []ed25519.PublicKey {
	if d.opt.Trust == nil {
		return nil
	}
	return d.opt.Trust.Keys(device)
}

func (d *decoder) link(l ChainLink) (Link, error) {
	if !model.ValidID(l.Device) || l.DevSeq < 1 || len(l.Hash) != 64 || l.PrevHash != "" && len(l.PrevHash) != 64 {
		return Link{}, contentErr(model.ShortID(l.Device), "invalid audit entry number or device")
	}
	return Link{ChainLink: l, Proof: d.proof(l)}, nil
}

// statement checks a bundle statement; one by a device not trusted here
// is passed over (it says nothing the reader can rely on), one whose
// signature fails is refused.
func (d *decoder) statement(st Statement) (bool, error) {
	if !model.ValidID(st.Device) || st.Seq < 1 || !model.ValidID(st.Inspection) {
		return false, contentErr(model.ShortID(st.Device), "invalid bundle statement")
	}
	var last int64
	for _, r := range st.Entries {
		if r[0] < 1 || r[1] < r[0] || r[0] <= last {
			return false, contentErr(model.ShortID(st.Device), "invalid bundle statement")
		}
		last = r[1]
	}
	keys := d.keys(st.Device)
	if len(keys) == 0 {
		return false, nil
	}
	if !VerifyStatement(keys, st) {
		return false, model.NewError(model.EEntrySignature, nil, model.ShortID(st.Device), "#"+itoa(st.Seq))
	}
	return true, nil
}

// CheckInspection is the rule every inspection obeys, as SaveInspection
// enforces it.
func CheckInspection(in model.Inspection) error {
	if !model.ValidID(in.ID) || strings.TrimSpace(in.Title) == "" || in.Year < 1990 || in.Year > 2200 {
		return contentErr(model.ShortID(in.ID), "an inspection without a title or with a year outside 1990–2200")
	}
	if hasNUL(in.Title, in.Plan, in.Decision, in.Issuer) {
		return contentErr(model.ShortID(in.ID), "text with a NUL character")
	}
	return nil
}

// CheckUnit is the rule every unit obeys, as SaveUnit enforces it.
func CheckUnit(u model.Unit) error {
	if !model.ValidID(u.ID) || strings.TrimSpace(u.Code) == "" || strings.TrimSpace(u.Name) == "" || u.Kind == "" {
		return contentErr(u.Code, "a unit without a valid ID, code, name or kind")
	}
	if hasNUL(u.Code, u.Name, u.Address, string(u.Kind)) {
		return contentErr(u.Code, "text with a NUL character")
	}
	return nil
}

// CheckAssessment is the rule every assessment obeys.
func CheckAssessment(a model.Assessment) error {
	if a.Status != model.StatusDraft && a.Status != model.StatusFinalized {
		return contentErr(model.ShortID(a.ID), "invalid assessment status")
	}
	if !model.ValidID(a.InspectionID) || !model.ValidID(a.UnitID) {
		return contentErr(model.ShortID(a.ID), "the assessment does not name its inspection and unit")
	}
	if hasNUL(a.Place, a.Representative, a.RepresentativePosition, a.UnitComments, a.Strengths, a.FinalizedBy) {
		return contentErr(model.ShortID(a.ID), "text with a NUL character")
	}
	return nil
}

func hasNUL(ss ...string) bool {
	for _, s := range ss {
		if strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
	return false
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
