package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// forgeries are what a trusted laptop holding other devices' work can do
// to a bundle before sending it on; each returns false if the payload
// offers nothing to forge.
var forgeries = map[string]func(rng *rand.Rand, p *Payload, victim string, key *DeviceKey) bool{
	// Append an entry in the victim's name at its next number.
	"append": func(rng *rand.Rand, p *Payload, victim string, key *DeviceKey) bool {
		i := lastEntryOf(p, victim)
		if i < 0 {
			return false
		}
		last := p.Audit[i]
		// The forged revision is made on one of the victim's findings.
		var f model.Finding
		found := false
		for _, e := range p.Audit {
			if e.Device == victim && e.Entity == "finding" && e.Revision != "" && json.Unmarshal([]byte(e.New), &f) == nil {
				found = true
			}
		}
		if !found {
			return false
		}
		nf := f
		nf.Note, nf.Result, nf.Score = "bịa đặt", model.ResultFail, 0
		nf.Revision, nf.BaseRevision, nf.UpdatedAt = model.NewID(), f.Revision, last.At.Add(time.Second)
		e := AuditEntry{ID: model.NewID(), Device: victim, DevSeq: last.DevSeq + 1, At: nf.UpdatedAt, Actor: f.UpdatedBy,
			Entity: "finding", EntityID: nf.ID, Action: "save", Old: jsonOf(f), New: jsonOf(nf), Revision: nf.Revision,
			BaseRevision: f.Revision, PrevHash: last.Hash}
		e.Hash = ChainHash(e)
		signAs(rng, &e, key, last.Sig)
		p.Audit = append(p.Audit, e)
		for j := range p.Findings {
			if p.Findings[j].ID == nf.ID {
				p.Findings[j] = nf
			}
		}
		return true
	},
	// Change what one of the victim's entries says, keeping its place.
	"rewrite": func(rng *rand.Rand, p *Payload, victim string, key *DeviceKey) bool {
		var idx []int
		for i, e := range p.Audit {
			if e.Device == victim {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return false
		}
		i := idx[rng.IntN(len(idx))]
		e := &p.Audit[i]
		old := e.Sig
		switch rng.IntN(3) {
		case 0:
			e.Actor += " (sửa)"
		case 1:
			e.At = e.At.Add(time.Hour)
		default:
			e.New = e.New[:len(e.New)-1] + ` }`
		}
		e.Hash = ChainHash(*e)
		signAs(rng, e, key, old)
		return true
	},
	// Name the victim as the device and author of one of the forger's own
	// revisions, signed by the forger as its own entry.
	"rename": func(rng *rand.Rand, p *Payload, victim string, key *DeviceKey) bool {
		i := lastEntryOf(p, key.Device)
		if i < 0 || p.Audit[i].Entity != "finding" || p.Audit[i].Revision == "" {
			return false
		}
		var f model.Finding
		if json.Unmarshal([]byte(p.Audit[i].New), &f) != nil {
			return false
		}
		f.Device = victim
		if rng.IntN(2) == 0 {
			f.UpdatedBy = "Người khác"
		}
		p.Audit[i].New = jsonOf(f)
		for j := range p.Findings {
			if p.Findings[j].Revision == f.Revision {
				p.Findings[j] = f
			}
		}
		resignFrom(p, i, key)
		return true
	},
	// Claim the victim's chain goes on: a link at its next number, which
	// would make its genuine next entry look rewritten.
	"link": func(rng *rand.Rand, p *Payload, victim string, key *DeviceKey) bool {
		i := lastEntryOf(p, victim)
		if i < 0 {
			return false
		}
		last := p.Audit[i]
		e := AuditEntry{Device: victim, DevSeq: last.DevSeq + 1, PrevHash: last.Hash, Hash: fmt.Sprintf("%064x", rng.Uint64())}
		signAs(rng, &e, key, last.Sig)
		p.Links = append(p.Links, e.Link())
		return true
	},
}

// signAs signs a forged entry the ways a forger can: with its own key,
// with none, or with a signature of the victim's taken from elsewhere.
func signAs(rng *rand.Rand, e *AuditEntry, key *DeviceKey, stolen string) {
	switch rng.IntN(3) {
	case 0:
		bundle.SignEntry(key, e)
	case 1:
		e.Sig = ""
	default:
		e.Sig = stolen
	}
}

// TestForgedAuthorshipProperty: whatever a trusted laptop does to the
// other devices' work it carries, the office never holds an entry in
// another device's name that that device did not make, and each device's
// genuine bundles keep importing.
func TestForgedAuthorshipProperty(t *testing.T) {
	t.Parallel()
	seeds := 10
	if testing.Short() {
		seeds = 3
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 16))
			laptops := []*device{newDevice(t, "Laptop 1"), newDevice(t, "Laptop 2"), newDevice(t, "Laptop 3")}
			c := newCentre(t, "Sở Nội vụ")
			trustAll(t, append(append([]*device{}, laptops...), c)...)
			n := 0
			bundleOf := func(d *device) string {
				n++
				return d.bundle(t, fmt.Sprintf("b%d.ktb", n))
			}
			for step := 0; step < 10; step++ {
				d := laptops[rng.IntN(len(laptops))]
				if rng.IntN(2) == 0 {
					it := items[rng.IntN(len(items))]
					d.save(t, it, itemContents[it][rng.IntN(3)])
					continue
				}
				if from := laptops[rng.IntN(len(laptops))]; from != d {
					d.importFiles(t, bundleOf(from))
				}
			}
			for round := 0; round < 6; round++ {
				forger := laptops[rng.IntN(len(laptops))]
				var victim *device
				for victim == nil || victim == forger {
					victim = laptops[rng.IntN(len(laptops))]
				}
				if rng.IntN(2) == 0 {
					c.importFiles(t, bundleOf(laptops[rng.IntN(len(laptops))]))
				}
				// The forger holds the victim's latest work, as a team leader
				// would.
				victim.save(t, items[rng.IntN(len(items))], itemContents["1.1.1"][rng.IntN(3)])
				forger.importFiles(t, bundleOf(victim))
				names := []string{"append", "rewrite", "rename", "link"}
				name := names[rng.IntN(len(names))]
				forged, did := "", false
				forged = forge(t, forger, bundleOf(forger), fmt.Sprintf("forged%d.ktb", round), func(m *Manifest, p *Payload, key *DeviceKey) {
					did = forgeries[name](rng, p, victim.db.Device(), key)
				})
				if !did {
					continue
				}
				res := importResult(t, c, forged)
				// Whatever happened, every entry in another device's name at
				// the office is one that device made.
				for _, d := range laptops {
					if d == forger {
						continue
					}
					rows, err := c.db.sql.Query("SELECT dev_seq, hash FROM audit WHERE device = ?", d.db.Device())
					check(t, err)
					for rows.Next() {
						var seq int64
						var hash string
						check(t, rows.Scan(&seq, &hash))
						var mine string
						if err := d.db.sql.QueryRow("SELECT hash FROM audit WHERE dev_seq = ? AND device = ?", seq, d.db.Device()).Scan(&mine); err != nil || mine != hash {
							t.Fatalf("round %d: forgery %q by %s (result %v) left entry %d in %s's name that %s did not make",
								round, name, forger.name, res.Err, seq, d.name, d.name)
						}
					}
					check(t, rows.Err())
					closeRows(rows)
				}
				if name != "rename" && res.Err == nil {
					// A rewritten link the office already held is refused; one
					// it did not hold is not kept (nothing vouches for it).
					t.Logf("round %d: forgery %q accepted without harm", round, name)
				}
				// The victim's own next bundle is still accepted.
				victim.save(t, items[rng.IntN(len(items))], pass)
				if r := importResult(t, c, bundleOf(victim)); r.Err != nil {
					t.Fatalf("round %d: after forgery %q, %s's genuine bundle refused: %v", round, name, victim.name, r.Err)
				}
			}
		})
	}
}
