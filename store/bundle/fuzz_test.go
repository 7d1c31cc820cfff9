package bundle_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
	"kiemtra/store/bundle/bundletest"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzReadBundle and FuzzDecodeRecords from the seed cases")

// fuzzValid are the only bundles signed by the fuzz key that Read may
// accept: anything else carrying that key is a forgery. They are small, so
// that the fuzzer's mutations are cheap and its minimising is quick.
func fuzzValid() [][]byte {
	k := bundletest.NewKey("fuzz")
	cl := bundletest.BigChecklist(2)
	return [][]byte{
		bundletest.Generate(k, 1, bundletest.Inspection(), cl, 1, "F"),
		bundletest.Generate(k, 2, bundletest.Inspection(), cl, 1, "G"),
	}
}

// FuzzReadBundle feeds whole files to Read. A mutated file almost never
// gets past the signature, so each run is quick; what it explores is the
// layout, the limits and the refusals before the payload.
func FuzzReadBundle(f *testing.F) {
	valid := fuzzValid()
	for _, v := range valid {
		f.Add(v)
	}
	// More seeds are in testdata/fuzz/FuzzReadBundle (truncated, flipped,
	// bad lengths, a bomb); go test -run TestSeedCorpus -update-seeds
	// rewrites them.
	trusted := bundletest.NewKey("fuzz").Public
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if b != nil {
				t.Fatal("a bundle returned with an error")
			}
			if model.ErrorCode(err) == model.EInternal {
				t.Fatalf("an error without a code: %v", err)
			}
			return
		}
		if bytes.Equal(b.PublicKey, trusted) {
			for _, v := range valid {
				if bytes.Equal(v, data) {
					return
				}
			}
			t.Fatalf("accepted a modified bundle signed with the trusted key (%d bytes)", len(data))
		}
	})
}

// recordSeeds is one payload per kind of record (after the inspection and
// what it needs), as plain JSON lines: the seeds of FuzzDecodeRecords.
func recordSeeds() map[string][]byte {
	k := bundletest.NewKey("fuzz records")
	m, p := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.BigChecklist(2), 1, "R")
	line := func(t string, v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return `{"t":"` + t + `","v":` + string(b) + "}\n"
	}
	base := line("inspection", p.Inspections[0]) + line("unit", p.Units[0]) + line("assessment", p.Assessments[0])
	st := bundletest.Statement(k, 1, m.Inspection, 1, 2)
	photo := []byte("\xff\xd8\xff\xe0 ảnh")
	sum := sha256.Sum256(photo)
	at := time.Date(2022, 10, 18, 9, 0, 0, 0, time.UTC)
	att := model.Attachment{ID: model.DerivedID("attachment", "fuzz"), AssessmentID: p.Assessments[0].ID, ItemCode: p.Findings[0].ItemCode,
		SHA256: hex.EncodeToString(sum[:]), Name: "ảnh.jpg", Size: int64(len(photo)), MediaType: "image/jpeg", AddedBy: "R", AddedAt: at,
		AddedDevice: k.Device, Stamp: model.Stamp{UpdatedBy: "R", UpdatedAt: at, Device: k.Device, Revision: model.DerivedID("attachment revision", "fuzz")}}
	ae := bundle.AuditEntry{ID: model.DerivedID("entry", "fuzz"), Device: k.Device, DevSeq: 1, At: at, Actor: "R", Entity: "attachment",
		EntityID: att.ID, Action: "attach", New: string(must(json.Marshal(att))), Revision: att.Revision}
	ae.Hash = bundle.ChainHash(ae)
	bundle.SignEntry(k, &ae)
	fu, fr, ss := stampedRecords()
	return map[string][]byte{
		"stamped":    stampedLines(nil, fu, fr, ss),
		"inspection": []byte(line("inspection", p.Inspections[0])),
		"unit":       []byte(line("inspection", p.Inspections[0]) + line("unit", p.Units[0])),
		"assessment": []byte(base),
		"alias":      []byte(base + line("alias", bundle.Alias{Kind: "assessment", Alias: model.DerivedID("old"), Canonical: p.Assessments[0].ID})),
		"finding":    []byte(base + line("finding", p.Findings[0]) + line("audit", p.Audit[0])),
		"audit":      []byte(base + line("audit", p.Audit[0]) + line("audit", p.Audit[1])),
		"link":       []byte(base + line("link", p.Audit[0].Link())),
		"statement":  []byte(base + line("statement", st)),
		"received":   []byte(base + line("received", bundle.ReceivedRef{Device: k.Device, Seq: 1})),
		"blob":       []byte(base + line("audit", ae) + line("blob", bundle.BlobChunk{SHA256: att.SHA256, Data: photo})),
		"everything": []byte(base + line("finding", p.Findings[0]) + line("finding", p.Findings[1]) + line("audit", p.Audit[0]) +
			line("audit", p.Audit[1]) + line("statement", st)),
	}
}

// FuzzDecodeRecords feeds payload lines straight to the decoder and the
// checks across records, past the signature and the compression a
// mutation would never get through: every kind of record has a seed.
func FuzzDecodeRecords(f *testing.F) {
	for _, s := range recordSeeds() {
		f.Add(s)
	}
	k := bundletest.NewKey("fuzz records")
	m, _ := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.BigChecklist(2), 1, "R")
	m.Format = bundle.Format
	opt := bundle.DecodeOptions{Trust: trust{k.Device: {k.Public}}, Rules: rules{bundletest.BigChecklist(2)}}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.DecodePlain(m, data, opt)
		if err != nil {
			if b != nil {
				t.Fatal("records returned with an error")
			}
			if model.ErrorCode(err) == model.EInternal {
				t.Fatalf("an error without a code: %v", err)
			}
			return
		}
		for _, r := range b.Revisions {
			// Whatever got through obeys the rules a save obeys.
			it, ok := bundletest.BigChecklist(2).Item(r.Finding.ItemCode)
			if !ok || r.Finding.Content().Validate(it) != nil || strings.TrimSpace(r.Finding.UpdatedBy) == "" ||
				r.Finding.Device != r.Entry.Device || r.Finding.UpdatedBy != r.Entry.Actor {
				t.Fatalf("accepted a revision the app would refuse: %+v", r.Finding)
			}
		}
	})
}

type seedCase struct {
	name string
	data []byte
	want error // nil: accepted
}

func seedCases() []seedCase {
	v := fuzzValid()[0]
	flip := func(i int) []byte { d := append([]byte(nil), v...); d[i] ^= 0x01; return d }
	bigLen := append([]byte(nil), v...)
	bigLen[len(bundle.Magic)+1] = 0xff
	newer := append([]byte(nil), v...)
	newer[len(bundle.Magic)] = bundle.Format + 1
	k := bundletest.NewKey("fuzz")
	// A manifest declaring a terabyte from a few kilobytes: refused on
	// what it says, before inflating anything.
	bomb := bombBundle(k, bundle.Format, bombLines(4<<10), 1<<40)
	return []seedCase{
		{"valid", v, nil},
		{"truncated-header", v[:10], bundle.ErrTruncated},
		{"truncated-manifest", v[:bundle.HeaderBytes+20], bundle.ErrTruncated},
		{"truncated-payload", v[:len(v)-7], bundle.ErrTruncated},
		{"flipped-manifest", flip(bundle.HeaderBytes + 5), bundle.ErrSignature},
		{"flipped-payload", flip(len(v) - 30), bundle.ErrHash},
		{"huge-manifest-length", bigLen, bundle.ErrFormat},
		{"trailing-byte", append(append([]byte(nil), v...), '\n'), bundle.ErrFormat},
		{"newer-format", newer, bundle.ErrVersion},
		{"bomb", bomb, bundle.ErrTooLarge},
	}
}

func corpusFile(data []byte) []byte {
	return []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data))
}

// TestSeedCorpus checks the committed seeds are what the seed cases make
// and, for whole files, are refused for the reason their names say, so
// the corpus keeps covering the refusals.
func TestSeedCorpus(t *testing.T) {
	t.Parallel()
	check := func(dir, name string, data []byte) {
		path := filepath.Join("testdata", "fuzz", dir, name)
		if *updateSeeds {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, corpusFile(data), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("seed %s: %v", name, err)
		}
		if !bytes.Equal(raw, corpusFile(data)) {
			t.Errorf("seed %s/%s is stale: run go test ./store/bundle -run TestSeedCorpus -update-seeds", dir, name)
		}
	}
	for _, s := range seedCases() {
		check("FuzzReadBundle", s.name, s.data)
		_, err := bundle.Read(bytes.NewReader(s.data), int64(len(s.data)))
		switch {
		case s.want == nil && err != nil:
			t.Errorf("seed %s: refused: %v", s.name, err)
		case s.want != nil && !errors.Is(err, s.want):
			t.Errorf("seed %s: err %v, want %v", s.name, err, s.want)
		}
	}
	for name, data := range recordSeeds() {
		check("FuzzDecodeRecords", name, data)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
