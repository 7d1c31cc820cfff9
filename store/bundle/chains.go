package bundle

import (
	"sort"
	"time"

	"kiemtra/model"
)

// MaxBackdate is how far an entry may be dated before an earlier entry of
// its device: clocks are corrected now and then, history is not rewritten.
const MaxBackdate = time.Minute

// chainNode is one entry or link of a device's chain as far as linking
// goes; full entries also carry their time.
type chainNode struct {
	prev, hash string
	at         time.Time
	full       bool
}

// chainSet is a bundle's audit chains, by device and entry number, for
// checking them in memory (Read).
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
// predecessor, and no entry is dated more than MaxBackdate before an
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
				if haveFull && n.at.Before(lastFull.at.Add(-MaxBackdate)) {
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
	var prev *AuditEntry
	for i := range entries {
		if err := VerifyNext(prev, entries[i]); err != nil {
			return err
		}
		prev = &entries[i]
	}
	return nil
}

// VerifyNext checks one entry of a device's chain and its link to the
// entry before it (nil for the first one checked; the run may start
// anywhere, but entry 1 names no predecessor).
func VerifyNext(prev *AuditEntry, e AuditEntry) error {
	if ChainHash(e) != e.Hash {
		return chainErr(e.Device, e.DevSeq, "the entry does not match its hash")
	}
	if prev == nil {
		if e.DevSeq == 1 && e.PrevHash != "" {
			return chainErr(e.Device, 1, "the first entry names a predecessor")
		}
		return nil
	}
	if e.DevSeq != prev.DevSeq+1 || e.PrevHash != prev.Hash || e.Device != prev.Device {
		return chainErr(e.Device, e.DevSeq, "the entry does not follow the one before it")
	}
	if e.At.Before(prev.At.Add(-MaxBackdate)) {
		return chainErr(e.Device, e.DevSeq, "the entry is dated before the entry it follows")
	}
	return nil
}
