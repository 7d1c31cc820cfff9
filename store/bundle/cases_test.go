package bundle_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"kiemtra/model"
	"kiemtra/store/bundle"
	"kiemtra/store/bundle/bundletest"
)

// withCases gives the payload's first finding n cases, in its row and in
// the audit entry that made it, with the chain's hashes made again, as a
// laptop that recorded them would send it.
func withCases(t *testing.T, k *bundletest.Key, p *bundle.Payload, n int) {
	t.Helper()
	p.Findings[0].Cases = n
	var f model.Finding
	if err := json.Unmarshal([]byte(p.Audit[0].New), &f); err != nil {
		t.Fatal(err)
	}
	f.Cases = n
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	p.Audit[0].New = string(b)
	for i := range p.Audit {
		if i > 0 {
			p.Audit[i].PrevHash = p.Audit[i-1].Hash
		}
		p.Audit[i].Hash = bundle.ChainHash(p.Audit[i])
		bundle.SignEntry(k, &p.Audit[i])
	}
	p.Statements = nil
}

// TestFindingCasesTravel: a finding's cases (a deduction item's count)
// travel in its record and its history and arrive as sent; a row whose
// cases differ from its history, or a negative count, is refused.
func TestFindingCasesTravel(t *testing.T) {
	t.Parallel()
	k, m, p := everyKind()
	withCases(t, k, p, 3)
	data := bundletest.Encode(k, m, p)
	b, err := bundle.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Payload.Findings[0].Cases; got != 3 {
		t.Errorf("the finding arrived with %d cases", got)
	}
	if got := b.Revisions[p.Findings[0].Revision].Finding.Cases; got != 3 {
		t.Errorf("its revision arrived with %d cases", got)
	}

	k, m, p = everyKind()
	withCases(t, k, p, 3)
	p.Findings[0].Cases = 1 // the row, not its history
	data = bundletest.Encode(k, m, p)
	if _, err := bundle.Read(bytes.NewReader(data), int64(len(data))); !errors.Is(err, bundle.ErrContent) {
		t.Errorf("cases changed after the fact: %v", err)
	}

	k, m, p = everyKind()
	withCases(t, k, p, -2)
	data = bundletest.Encode(k, m, p)
	_, err = bundle.Read(bytes.NewReader(data), int64(len(data)))
	if !errors.Is(err, bundle.ErrContent) {
		t.Fatalf("negative cases: %v", err)
	}
	if ps := model.ErrorParams(err); len(ps) != 2 || ps[1] != "a negative number of cases" {
		t.Errorf("negative cases: params %q", ps)
	}
}
