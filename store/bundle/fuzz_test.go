package bundle_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/store/bundle"
	"kiemtra/store/bundle/bundletest"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzReadBundle from seedCases")

// fuzzValid are the only bundles signed by the fuzz key that Read may
// accept: anything else carrying that key is a forgery.
func fuzzValid() [][]byte {
	k := bundletest.NewKey("fuzz")
	return [][]byte{
		bundletest.Generate(k, 1, bundletest.Inspection(), bundletest.SmallChecklist(), 1, "F"),
		bundletest.Generate(k, 2, bundletest.Inspection(), bundletest.SmallChecklist(), 2, "G"),
	}
}

func FuzzReadBundle(f *testing.F) {
	valid := fuzzValid()
	for _, v := range valid {
		f.Add(v)
	}
	// More seeds are in testdata/fuzz/FuzzReadBundle (truncated, flipped,
	// bad lengths); go test -run TestReadBundleSeedCorpus -update-seeds
	// rewrites them.
	trusted := bundletest.NewKey("fuzz").Public
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if b != nil {
				t.Fatal("a bundle returned with an error")
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

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func FuzzParsePayload(f *testing.F) {
	f.Add(gz(`{"t":"unit","v":{"id":"x","code":"A"}}` + "\n"))
	f.Add(gz(`{"t":"finding","v":{"id":"x","score":"1e9999"}}` + "\n"))
	f.Add(gz(`{"t":"nope","v":1}`))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := bundle.ParsePayload(bytes.NewReader(data))
		if err == nil && p == nil {
			t.Fatal("nil payload without error")
		}
		if err != nil && p != nil {
			t.Fatal("a payload returned with an error")
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
	return []seedCase{
		{"valid", v, nil},
		{"truncated-header", v[:10], bundle.ErrTruncated},
		{"truncated-manifest", v[:bundle.HeaderBytes+20], bundle.ErrTruncated},
		{"truncated-payload", v[:len(v)-7], bundle.ErrTruncated},
		{"flipped-manifest", flip(bundle.HeaderBytes + 5), bundle.ErrSignature},
		{"flipped-payload", flip(len(v) - 30), bundle.ErrHash},
		{"huge-manifest-length", bigLen, bundle.ErrFormat},
		{"trailing-byte", append(append([]byte(nil), v...), '\n'), bundle.ErrFormat},
	}
}

func corpusFile(data []byte) []byte {
	return []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data))
}

// TestReadBundleSeedCorpus checks the committed seeds are what seedCases
// makes and are refused for the reason their names say, so the corpus
// keeps covering the refusals.
func TestReadBundleSeedCorpus(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "fuzz", "FuzzReadBundle")
	for _, s := range seedCases() {
		path := filepath.Join(dir, s.name)
		if *updateSeeds {
			if err := os.WriteFile(path, corpusFile(s.data), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("seed %s: %v", s.name, err)
		}
		if !bytes.Equal(raw, corpusFile(s.data)) {
			t.Errorf("seed %s is stale: run go test ./store/bundle -run TestReadBundleSeedCorpus -update-seeds", s.name)
		}
		_, err = bundle.Read(bytes.NewReader(s.data), int64(len(s.data)))
		switch {
		case s.want == nil && err != nil:
			t.Errorf("seed %s: refused: %v", s.name, err)
		case s.want != nil && !errors.Is(err, s.want):
			t.Errorf("seed %s: err %v, want %v", s.name, err, s.want)
		}
	}
}
