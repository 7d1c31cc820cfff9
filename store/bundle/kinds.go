package bundle

import "kiemtra/model"

// kind is one kind of payload record: its name on the wire ("t" of a
// payload line), where its records live in a Payload and its count in
// Counts. The table below is the only place that lists the kinds:
// decoding, encoding and counting all go through it.
type kind struct {
	name   string
	count  func(*Counts) *int
	len    func(*Payload) int
	encode func(p *Payload, emit func(v any) error) error
	// since is the first format version that has the kind.
	since int
}

// Kind names on the wire.
const (
	kInspection = "inspection"
	kUnit       = "unit"
	kAssessment = "assessment"
	kAlias      = "alias"
	kFinding    = "finding"
	kAudit      = "audit"
	kLink       = "link"
	kBlob       = "blob"
	kStatement  = "statement"
	kReceived   = "received"
)

// kinds lists every kind in format 2's payload order: what a record
// refers to comes before it (aliases before the findings and revisions
// made under an alias), and the statements come after the entries they
// account for, so a writer knows them by then.
var kinds = []kind{
	kindOf(kInspection, 1, func(p *Payload) *[]InspectionRecord { return &p.Inspections }, func(c *Counts) *int { return &c.Inspections }),
	kindOf(kUnit, 1, func(p *Payload) *[]model.Unit { return &p.Units }, func(c *Counts) *int { return &c.Units }),
	kindOf(kAssessment, 1, func(p *Payload) *[]model.Assessment { return &p.Assessments }, func(c *Counts) *int { return &c.Assessments }),
	kindOf(kAlias, 1, func(p *Payload) *[]Alias { return &p.Aliases }, func(c *Counts) *int { return &c.Aliases }),
	kindOf(kFinding, 1, func(p *Payload) *[]model.Finding { return &p.Findings }, func(c *Counts) *int { return &c.Findings }),
	kindOf(kAudit, 1, func(p *Payload) *[]AuditEntry { return &p.Audit }, func(c *Counts) *int { return &c.Audit }),
	kindOf(kLink, 1, func(p *Payload) *[]ChainLink { return &p.Links }, func(c *Counts) *int { return &c.Links }),
	kindOf(kBlob, 2, func(p *Payload) *[]BlobChunk { return &p.Blobs }, func(c *Counts) *int { return &c.Blobs }),
	kindOf(kStatement, 2, func(p *Payload) *[]Statement { return &p.Statements }, func(c *Counts) *int { return &c.Statements }),
	kindOf(kReceived, 1, func(p *Payload) *[]ReceivedRef { return &p.Received }, func(c *Counts) *int { return &c.Received }),
}

// orderV1 is format 1's payload order (aliases came after the chain).
var orderV1 = []string{kInspection, kUnit, kAssessment, kFinding, kAudit, kLink, kAlias, kReceived}

// order returns the rank of each kind in a version's payload order; a
// kind the version lacks is absent.
func order(version int) map[string]int {
	names := orderV1
	if version >= 2 {
		names = names[:0:0]
		for _, k := range kinds {
			names = append(names, k.name)
		}
	}
	out := make(map[string]int, len(names))
	for i, n := range names {
		out[n] = i
	}
	return out
}

// kindByName finds a kind by its wire name.
var kindByName = func() map[string]kind {
	m := make(map[string]kind, len(kinds))
	for _, k := range kinds {
		m[k.name] = k
	}
	return m
}()

func kindOf[T any](name string, since int, recs func(*Payload) *[]T, count func(*Counts) *int) kind {
	return kind{
		name:  name,
		since: since,
		count: count,
		len:   func(p *Payload) int { return len(*recs(p)) },
		encode: func(p *Payload, emit func(any) error) error {
			for _, v := range *recs(p) {
				if err := emit(v); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
