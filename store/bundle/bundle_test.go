package bundle_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
	"kiemtra/store/bundle/bundletest"
)

// everyKind is a payload with records of every kind, consistent enough to
// pass Read's checks.
func everyKind() (*bundletest.Key, bundle.Manifest, *bundle.Payload) {
	k := bundletest.NewKey("kinds")
	m, p := bundletest.Payload(k, 3, bundletest.Inspection(), bundletest.SmallChecklist(), 2, "K")
	other := bundletest.NewKey("other laptop")
	p.Links = []bundle.ChainLink{signedLink(other, 1, "", strings.Repeat("a", 64)), signedLink(other, 2, strings.Repeat("a", 64), strings.Repeat("b", 64))}
	p.Aliases = []bundle.Alias{{Kind: "unit", Alias: model.DerivedID("unit", "old"), Canonical: p.Units[0].ID}}
	p.Statements = []bundle.Statement{bundletest.Statement(k, 3, m.Inspection, 1, int64(len(p.Audit)))}
	p.Received = []bundle.ReceivedRef{{Device: other.Device, Seq: 4}}
	return k, m, p
}

func signedLink(k *bundletest.Key, seq int64, prev, hash string) bundle.ChainLink {
	e := bundle.AuditEntry{Device: k.Device, DevSeq: seq, PrevHash: prev, Hash: hash}
	bundle.SignEntry(k, &e)
	return e.Link()
}

// rules checks findings against the small checklist.
type rules struct{ cl *model.Checklist }

func (r rules) Item(ref, code string) (model.Item, bool) {
	if ref != r.cl.Ref() {
		return model.Item{}, false
	}
	return r.cl.Item(code)
}

// trust trusts the given keys for their devices.
type trust map[string][]ed25519.PublicKey

func (t trust) Keys(device string) []ed25519.PublicKey { return t[device] }

func read(data []byte, opt bundle.DecodeOptions) (*bundle.Bundle, error) {
	return bundle.ReadWith(bytes.NewReader(data), int64(len(data)), opt)
}

func TestEveryKindRoundTrips(t *testing.T) {
	t.Parallel()
	k, m, p := everyKind()
	data := bundletest.Encode(k, m, p)
	other := bundletest.NewKey("other laptop")
	b, err := read(data, bundle.DecodeOptions{Trust: trust{k.Device: {k.Public}, other.Device: {other.Public}},
		Rules: rules{bundletest.SmallChecklist()}})
	if err != nil {
		t.Fatal(err)
	}
	c := b.Manifest.Counts
	if c.Inspections != 1 || c.Units != 2 || c.Assessments != 2 || c.Findings != 6 || c.Audit != 6 || c.Links != 2 ||
		c.Aliases != 1 || c.Statements != 1 || c.Received != 1 {
		t.Errorf("counts %+v", c)
	}
	if c.Records() != 22 {
		t.Errorf("Records() = %d, want 22", c.Records())
	}
	if b.Version != bundle.Format || b.Manifest.PlainBytes <= b.Manifest.PayloadBytes {
		t.Errorf("version %d, plain %d bytes of %d compressed", b.Version, b.Manifest.PlainBytes, b.Manifest.PayloadBytes)
	}
	// Times come back in UTC from JSON; compare what was sent with that.
	if !reflect.DeepEqual(b.Payload, *p) {
		t.Errorf("payload changed on the way:\n got %+v\nwant %+v", b.Payload, *p)
	}
	if len(b.Revisions) != 6 {
		t.Errorf("%d revisions, want 6", len(b.Revisions))
	}
	for key, proof := range b.Proofs {
		if proof != bundle.ProofSigned {
			t.Errorf("entry %v: proof %v, want its own signature", key, proof)
		}
	}
	// The same data makes the same bytes.
	if again := bundletest.Encode(k, m, p); !bytes.Equal(again, data) {
		t.Error("encoding the same payload twice gave different bytes")
	}
}

// TestFormat1StillReads: a bundle of the first format (no signatures of
// its own on entries) reads, its device's entries vouched for by the
// bundle's signature and other devices' by nothing.
func TestFormat1StillReads(t *testing.T) {
	t.Parallel()
	k, m, p := everyKind()
	m.Format = bundle.FormatV1
	p.Statements = nil
	for i := range p.Audit {
		p.Audit[i].Sig = ""
	}
	for i := range p.Links {
		p.Links[i].Sig = ""
	}
	data := bundletest.Encode(k, m, p)
	b, err := bundle.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if b.Version != bundle.FormatV1 || len(b.Revisions) != 6 {
		t.Fatalf("version %d, %d revisions", b.Version, len(b.Revisions))
	}
	for key, proof := range b.Proofs {
		want := bundle.ProofNone
		if key.Device == k.Device {
			want = bundle.ProofBundle
		}
		if proof != want {
			t.Errorf("entry %v: proof %v, want %v", key, proof, want)
		}
	}
}

func plainManifest() bundle.Manifest {
	k := bundletest.NewKey("plain")
	m, _ := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.SmallChecklist(), 1, "P")
	m.Format = bundle.Format
	return m
}

func TestUnknownKindRefused(t *testing.T) {
	t.Parallel()
	in, _ := json.Marshal(bundletest.Inspection())
	_, err := bundle.DecodePlain(plainManifest(), []byte(`{"t":"inspection","v":`+string(in)+"}\n"+`{"t":"secret","v":{}}`+"\n"), bundle.DecodeOptions{})
	if !errors.Is(err, bundle.ErrContent) {
		t.Fatalf("unknown record type: %v", err)
	}
	if got := model.ErrorParams(err); len(got) != 2 || got[0] != "#2" {
		t.Errorf("params %q, want the line number first", got)
	}
}

// resign recomputes an entry's hash and signature after a change, and the
// chain after it, as a forger holding the key would.
func resign(k *bundletest.Key, p *bundle.Payload, i int) {
	for j := i; j < len(p.Audit); j++ {
		if j > i {
			p.Audit[j].PrevHash = p.Audit[j-1].Hash
		}
		p.Audit[j].Hash = bundle.ChainHash(p.Audit[j])
		bundle.SignEntry(k, &p.Audit[j])
	}
	p.Statements = nil
}

// rewriteRevision changes the finding revision of entry i (and the row
// showing it) and re-signs, so only the rule it breaks can tell.
func rewriteRevision(k *bundletest.Key, p *bundle.Payload, i int, mutate func(*model.Finding)) {
	var f model.Finding
	if err := json.Unmarshal([]byte(p.Audit[i].New), &f); err != nil {
		panic(err)
	}
	mutate(&f)
	b, _ := json.Marshal(f)
	p.Audit[i].New, p.Audit[i].Actor = string(b), f.UpdatedBy
	for j := range p.Findings {
		if p.Findings[j].Revision == f.Revision {
			p.Findings[j] = f
		}
	}
	resign(k, p, i)
}

// TestContentRefusals: records the app never makes are refused with the
// record and the reason, even correctly signed by a trusted device.
func TestContentRefusals(t *testing.T) {
	t.Parallel()
	other := bundletest.NewKey("somebody else")
	for name, c := range map[string]struct {
		mutate func(*bundletest.Key, *bundle.Payload)
		want   error
	}{
		"unit without code":     {func(_ *bundletest.Key, p *bundle.Payload) { p.Units[0].Code = "" }, bundle.ErrContent},
		"foreign assessment":    {func(_ *bundletest.Key, p *bundle.Payload) { p.Assessments[0].InspectionID = model.DerivedID("x") }, bundle.ErrContent},
		"bad status":            {func(_ *bundletest.Key, p *bundle.Payload) { p.Assessments[0].Status = "lost" }, bundle.ErrContent},
		"finding without audit": {func(_ *bundletest.Key, p *bundle.Payload) { p.Findings[0].Note = "changed after the fact" }, bundle.ErrContent},
		"entry altered":         {func(_ *bundletest.Key, p *bundle.Payload) { p.Audit[1].Actor = "someone else" }, bundle.ErrChainBroken},
		"signature not its own": {func(_ *bundletest.Key, p *bundle.Payload) { bundle.SignEntry(other, &p.Audit[2]) }, bundle.ErrEntrySignature},
		"backdated entry": {func(k *bundletest.Key, p *bundle.Payload) {
			p.Audit[2].At = p.Audit[2].At.Add(-time.Hour)
			resign(k, p, 2)
		}, bundle.ErrChainBroken},
		"two inspections": {func(_ *bundletest.Key, p *bundle.Payload) { p.Inspections = append(p.Inspections, p.Inspections[0]) }, bundle.ErrContent},
		"another device named": {func(k *bundletest.Key, p *bundle.Payload) {
			rewriteRevision(k, p, 0, func(f *model.Finding) { f.Device = other.Device })
		}, bundle.ErrAuthorship},
		"another author named": {func(k *bundletest.Key, p *bundle.Payload) {
			var f model.Finding
			_ = json.Unmarshal([]byte(p.Audit[0].New), &f)
			f.UpdatedBy = "Người khác"
			b, _ := json.Marshal(f)
			p.Audit[0].New = string(b) // the entry's actor still says who saved it
			p.Findings[0] = f
			resign(k, p, 0)
		}, bundle.ErrAuthorship},
		"score 999,999": {func(k *bundletest.Key, p *bundle.Payload) {
			rewriteRevision(k, p, 0, func(f *model.Finding) { f.Score = 99999900 })
		}, bundle.ErrContent},
		"negative score": {func(k *bundletest.Key, p *bundle.Payload) {
			rewriteRevision(k, p, 1, func(f *model.Finding) { f.Score = -100 })
		}, bundle.ErrContent},
		"unknown item": {func(k *bundletest.Key, p *bundle.Payload) {
			rewriteRevision(k, p, 0, func(f *model.Finding) { f.ItemCode = "9.9.9" })
		}, bundle.ErrContent},
		"đạt with 0": {func(k *bundletest.Key, p *bundle.Payload) {
			rewriteRevision(k, p, 0, func(f *model.Finding) { f.Score = 0 })
		}, bundle.ErrContent},
		"empty author": {func(k *bundletest.Key, p *bundle.Payload) {
			rewriteRevision(k, p, 0, func(f *model.Finding) { f.UpdatedBy = " " })
		}, bundle.ErrContent},
		"NUL in a note": {func(k *bundletest.Key, p *bundle.Payload) {
			rewriteRevision(k, p, 0, func(f *model.Finding) { f.Note = "a\x00b" })
		}, bundle.ErrContent},
		"unit twice":               {func(_ *bundletest.Key, p *bundle.Payload) { p.Units[1].Code = p.Units[0].Code }, bundle.ErrContent},
		"inspection without title": {func(_ *bundletest.Key, p *bundle.Payload) { p.Inspections[0].Title = "" }, bundle.ErrContent},
	} {
		k, m, p := everyKind()
		p.Links, p.Received = nil, nil
		c.mutate(k, p)
		data := bundletest.Encode(k, m, p)
		for _, oneCore := range []bool{false, true} { // signatures checked on every core, or as they are read
			_, err := read(data, bundle.DecodeOptions{Trust: trust{k.Device: {k.Public}}, Rules: rules{bundletest.SmallChecklist()}, OneCore: oneCore})
			if !errors.Is(err, c.want) {
				t.Errorf("%s (one core: %v): %v, want %v", name, oneCore, err, c.want)
				continue
			}
			if n := len(model.ErrorParams(err)); n != 2 {
				t.Errorf("%s: %d params, want 2 (record and reason, or device and entry): %v", name, n, err)
			}
		}
	}
}
