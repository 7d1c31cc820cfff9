package bundle_test

import (
	"bytes"
	"errors"
	"reflect"
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
	p.Links = []bundle.ChainLink{{Device: other.Device, DevSeq: 1, Hash: "aa"}, {Device: other.Device, DevSeq: 2, PrevHash: "aa", Hash: "bb"}}
	p.Aliases = []bundle.Alias{{Kind: "unit", Alias: model.DerivedID("unit", "old"), Canonical: p.Units[0].ID}}
	p.Received = []bundle.ReceivedRef{{Device: other.Device, Seq: 4}}
	return k, m, p
}

func TestEveryKindRoundTrips(t *testing.T) {
	t.Parallel()
	k, m, p := everyKind()
	data := bundletest.Encode(k, m, p)
	b, err := bundle.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	c := b.Manifest.Counts
	if c.Inspections != 1 || c.Units != 2 || c.Assessments != 2 || c.Findings != 6 || c.Audit != 6 || c.Links != 2 ||
		c.Aliases != 1 || c.Received != 1 {
		t.Errorf("counts %+v", c)
	}
	if c.Records() != 21 {
		t.Errorf("Records() = %d, want 21", c.Records())
	}
	// Times come back in UTC from JSON; compare what was sent with that.
	if !reflect.DeepEqual(b.Payload, *p) {
		t.Errorf("payload changed on the way:\n got %+v\nwant %+v", b.Payload, *p)
	}
	if len(b.Revisions) != 6 {
		t.Errorf("%d revisions, want 6", len(b.Revisions))
	}
	// The same data makes the same bytes.
	if again := bundletest.Encode(k, m, p); !bytes.Equal(again, data) {
		t.Error("encoding the same payload twice gave different bytes")
	}
}

func TestUnknownKindRefused(t *testing.T) {
	t.Parallel()
	_, err := bundle.ParsePayload(bytes.NewReader(gz(`{"t":"unit","v":{"id":"x","code":"A"}}` + "\n" + `{"t":"secret","v":{}}` + "\n")))
	if !errors.Is(err, bundle.ErrContent) {
		t.Fatalf("unknown record type: %v", err)
	}
	if got := model.ErrorParams(err); len(got) != 2 || got[0] != "#2" {
		t.Errorf("params %q, want the line number first", got)
	}
}

// TestContentRefusals: records a consistent bundle never holds are refused
// with the record and the reason, before anything else looks at them.
func TestContentRefusals(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		mutate func(*bundle.Payload)
		want   error
	}{
		"unit without code":     {func(p *bundle.Payload) { p.Units[0].Code = "" }, bundle.ErrContent},
		"foreign assessment":    {func(p *bundle.Payload) { p.Assessments[0].InspectionID = model.DerivedID("x") }, bundle.ErrContent},
		"bad status":            {func(p *bundle.Payload) { p.Assessments[0].Status = "lost" }, bundle.ErrContent},
		"finding without audit": {func(p *bundle.Payload) { p.Findings[0].Note = "changed after the fact" }, bundle.ErrContent},
		"entry altered":         {func(p *bundle.Payload) { p.Audit[1].Actor = "someone else" }, bundle.ErrChainBroken},
		"backdated entry": {func(p *bundle.Payload) {
			e := &p.Audit[2]
			e.At = e.At.Add(-time.Hour)
			e.Hash = bundle.ChainHash(*e)
			for i := 3; i < len(p.Audit); i++ {
				p.Audit[i].PrevHash = p.Audit[i-1].Hash
				p.Audit[i].Hash = bundle.ChainHash(p.Audit[i])
			}
		}, bundle.ErrChainBroken},
		"two inspections": {func(p *bundle.Payload) { p.Inspections = append(p.Inspections, p.Inspections[0]) }, bundle.ErrContent},
	} {
		k, m, p := everyKind()
		c.mutate(p)
		data := bundletest.Encode(k, m, p)
		_, err := bundle.Read(bytes.NewReader(data), int64(len(data)))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
			continue
		}
		if n := len(model.ErrorParams(err)); n != 2 {
			t.Errorf("%s: %d params, want 2 (record and reason, or device and entry): %v", name, n, err)
		}
	}
}
