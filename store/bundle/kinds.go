package bundle

import (
	"encoding/json"

	"kiemtra/model"
)

// kind is one kind of payload record: its name on the wire ("t" of a
// payload line), where its records live in a Payload and its count in
// Counts. The table below is the only place that lists the kinds: decoding,
// encoding and counting all go through it, so a new kind is one line here.
type kind struct {
	name   string
	count  func(*Counts) *int
	len    func(*Payload) int
	decode func(p *Payload, raw json.RawMessage) error
	encode func(p *Payload, emit func(v any) error) error
}

// kinds lists every kind in payload order.
var kinds = []kind{
	kindOf("inspection", func(p *Payload) *[]InspectionRecord { return &p.Inspections }, func(c *Counts) *int { return &c.Inspections }),
	kindOf("unit", func(p *Payload) *[]model.Unit { return &p.Units }, func(c *Counts) *int { return &c.Units }),
	kindOf("assessment", func(p *Payload) *[]model.Assessment { return &p.Assessments }, func(c *Counts) *int { return &c.Assessments }),
	kindOf("finding", func(p *Payload) *[]model.Finding { return &p.Findings }, func(c *Counts) *int { return &c.Findings }),
	kindOf("audit", func(p *Payload) *[]AuditEntry { return &p.Audit }, func(c *Counts) *int { return &c.Audit }),
	kindOf("link", func(p *Payload) *[]ChainLink { return &p.Links }, func(c *Counts) *int { return &c.Links }),
	kindOf("alias", func(p *Payload) *[]Alias { return &p.Aliases }, func(c *Counts) *int { return &c.Aliases }),
	kindOf("received", func(p *Payload) *[]ReceivedRef { return &p.Received }, func(c *Counts) *int { return &c.Received }),
}

// kindByName finds a kind by its wire name.
var kindByName = func() map[string]kind {
	m := make(map[string]kind, len(kinds))
	for _, k := range kinds {
		m[k.name] = k
	}
	return m
}()

func kindOf[T any](name string, recs func(*Payload) *[]T, count func(*Counts) *int) kind {
	return kind{
		name:  name,
		count: count,
		len:   func(p *Payload) int { return len(*recs(p)) },
		decode: func(p *Payload, raw json.RawMessage) error {
			var v T
			if err := json.Unmarshal(raw, &v); err != nil {
				return err
			}
			*recs(p) = append(*recs(p), v)
			return nil
		},
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
