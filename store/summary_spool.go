package store

import (
	"bytes"
	"fmt"

	"github.com/klauspost/compress/s2"

	"kiemtra/model"
)

// spoolLimit is how many compressed bytes of findings a summary keeps
// between its passes. The benchmark's million findings take 5 MB; notes
// that repeat less take more, and past the bound the rest is read again.
const spoolLimit = 8 << 20

// findingSpool keeps what the summary's first pass read of each unit —
// its packed read, compressed — so that the passes that write the
// document (every finding, and Markdown's kiến nghị before them) take
// the findings from memory instead of reading them from the database
// again: the same findings the first pass scored and counted, so
// FindingStats describes exactly the rows the document gets. Past limit
// bytes it keeps no more units; those are read again from the database,
// as every unit was before, so a summary of any size holds at most limit
// bytes here.
type findingSpool struct {
	limit, size int
	units       map[string]spooled
	raw         []byte // the packed read, as the encoder takes it
	scratch     []byte // what the encoder writes into, as long as it asks
}

type spooled struct {
	n    int // findings
	data []byte
}

func newFindingSpool(limit int) *findingSpool {
	return &findingSpool{limit: limit, units: map[string]spooled{}}
}

// keep spools a unit's packed read of n findings, while there is room.
func (s *findingSpool) keep(assessmentID string, n int, packed string) {
	if n < 0 || s.size >= s.limit {
		return
	}
	if n == 0 {
		s.units[assessmentID] = spooled{} // nothing to read, nothing to hold
		return
	}
	if m := s2.MaxEncodedLen(len(packed)); m > len(s.scratch) {
		s.scratch = make([]byte, m)
	}
	s.raw = append(s.raw[:0], packed...)
	enc := s2.Encode(s.scratch, s.raw)
	if s.size+len(enc) > s.limit {
		s.size = s.limit // none after this one either: the units' order stays simple
		return
	}
	s.size += len(enc)
	s.units[assessmentID] = spooled{n: n, data: bytes.Clone(enc)} // as long as it is, not as the encoder asked
}

// findings returns a spooled unit's findings, in into's memory when it has
// room; ok is false for a unit not spooled. buf is the caller's to decode
// into: findings may run in several goroutines at once.
func (s *findingSpool) findings(buf *[]byte, into []model.Finding, assessmentID string) (_ []model.Finding, ok bool, _ error) {
	u, ok := s.units[assessmentID]
	if !ok || u.n == 0 {
		return into[:0], ok, nil
	}
	n, err := s2.DecodedLen(u.data)
	if err != nil {
		return nil, true, fmt.Errorf("spooled findings: %w", err)
	}
	if cap(*buf) < n {
		*buf = make([]byte, n)
	}
	packed, err := s2.Decode((*buf)[:cap(*buf)], u.data)
	if err != nil {
		return nil, true, fmt.Errorf("spooled findings: %w", err)
	}
	out, ok, err := unpackFindings(into, assessmentID, u.n, string(packed))
	if err == nil && !ok {
		err = fmt.Errorf("spooled findings of %s do not add up", assessmentID)
	}
	return out, true, err
}
