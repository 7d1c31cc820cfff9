package bundle_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"kiemtra/model"
	"kiemtra/store/bundle"
	"kiemtra/store/bundle/bundletest"
)

// bombBundle is a bundle signed by k whose payload is gzip of plain, with
// the manifest declaring declared plain bytes (format 2) — what a hostile
// or broken laptop could send.
func bombBundle(k *bundletest.Key, version int, plain []byte, declared int64) []byte {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	_, _ = zw.Write(plain)
	_ = zw.Close()
	m, _ := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.SmallChecklist(), 1, "B")
	m.Format = version
	sum := sha256.Sum256(z.Bytes())
	m.PayloadBytes, m.PayloadSHA256 = int64(z.Len()), hex.EncodeToString(sum[:])
	if version >= 2 {
		m.PlainBytes = declared
	}
	var out bytes.Buffer
	if _, err := bundle.WriteHeader(&out, k, m); err != nil {
		panic(err)
	}
	out.Write(z.Bytes())
	return out.Bytes()
}

// bombLines is n bytes of well-formed link lines of one made-up device:
// the most compressible payload that still parses record by record.
func bombLines(n int) []byte {
	var b bytes.Buffer
	dev := model.DerivedID("device", "bomb")
	line := fmt.Sprintf(`{"t":"link","v":{"device":%q,"dev_seq":1,"prev_hash":"","hash":%q}}`+"\n", dev, strings.Repeat("0", 64))
	for b.Len() < n {
		b.WriteString(line)
	}
	return b.Bytes()[:n]
}

// TestBombRefusedBeforeInflating: a payload that says it expands more than
// its size allows is refused by Open, before a byte is inflated; one that
// lies about it is stopped at what it declared.
func TestBombRefusedBeforeInflating(t *testing.T) {
	t.Parallel()
	k := bundletest.NewKey("bomb")
	plain := bombLines(64 << 20)
	data := bombBundle(k, bundle.Format, plain, int64(len(plain)))
	if ratio := len(plain) / len(data); ratio < 200 {
		t.Fatalf("the test bomb expands only %d×", ratio)
	}
	_, err := bundle.Open(bytes.NewReader(data), int64(len(data)))
	if !errors.Is(err, bundle.ErrTooLarge) || len(model.ErrorParams(err)) != 2 {
		t.Fatalf("declared bomb: %v, want ErrTooLarge with the sizes", err)
	}
	// Declaring a plausible size does not help: inflating stops there.
	lying := bombBundle(k, bundle.Format, plain, 1<<20)
	f, err := bundle.Open(bytes.NewReader(lying), int64(len(lying)))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.VerifyPayload(); err != nil {
		t.Fatal(err)
	}
	err = f.Decode(bundle.DecodeOptions{}, discard{})
	if !errors.Is(err, bundle.ErrTooLarge) && !errors.Is(err, bundle.ErrContent) {
		t.Fatalf("lying bomb: %v", err)
	}
	// Format 1 declares nothing: the ratio bounds it.
	v1 := bombBundle(k, bundle.FormatV1, plain, 0)
	f, err = bundle.Open(bytes.NewReader(v1), int64(len(v1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.VerifyPayload(); err != nil {
		t.Fatal(err)
	}
	if err := f.Decode(bundle.DecodeOptions{}, discard{}); !errors.Is(err, bundle.ErrTooLarge) && !errors.Is(err, bundle.ErrContent) {
		t.Fatalf("format 1 bomb: %v", err)
	}
}

// TestBombPropertyNeverBeyondLimit: whatever a payload holds and whatever
// its manifest declares, decoding never hands on more than the limit
// allows and never accepts a payload whose length is not the declared one.
func TestBombPropertyNeverBeyondLimit(t *testing.T) {
	t.Parallel()
	k := bundletest.NewKey("bomb property")
	rng := rand.New(rand.NewPCG(16, 2022))
	for round := 0; round < 40; round++ {
		n := 1 + rng.IntN(2<<20)
		var plain []byte
		switch rng.IntN(3) {
		case 0:
			plain = bombLines(n)
		case 1:
			plain = bytes.Repeat([]byte{'\n'}, n)
		default:
			plain = bytes.Repeat([]byte("x"), n)
		}
		declared := int64(rng.IntN(2 * n))
		data := bombBundle(k, bundle.Format, plain, declared)
		f, err := bundle.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if !errors.Is(err, bundle.ErrTooLarge) {
				t.Fatalf("round %d: open: %v", round, err)
			}
			continue
		}
		if err := f.VerifyPayload(); err != nil {
			t.Fatal(err)
		}
		c := &counting{}
		err = f.Decode(bundle.DecodeOptions{}, c)
		if c.lines > int(declared)/2+1 {
			t.Fatalf("round %d: %d records handed on from %d declared bytes", round, c.lines, declared)
		}
		if err == nil && declared != int64(n) {
			t.Fatalf("round %d: %d bytes accepted as the declared %d", round, n, declared)
		}
	}
}

// discard is a Visitor that keeps nothing.
type discard struct{}

func (discard) Inspection(bundle.InspectionRecord) error { return nil }
func (discard) Unit(model.Unit) error                    { return nil }
func (discard) Assessment(model.Assessment) error        { return nil }
func (discard) Blob(bundle.BlobChunk) error              { return nil }
func (discard) Alias(bundle.Alias) error                 { return nil }
func (discard) Finding(model.Finding) error              { return nil }
func (discard) Entry(bundle.Entry) error                 { return nil }
func (discard) Link(bundle.Link) error                   { return nil }
func (discard) Statement(bundle.Statement) error         { return nil }
func (discard) Received(bundle.ReceivedRef) error        { return nil }

// counting counts the records handed on.
type counting struct {
	discard
	lines int
}

func (c *counting) Link(bundle.Link) error { c.lines++; return nil }
