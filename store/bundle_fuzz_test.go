package store

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// fuzzValid are the only bundles signed by the fuzz key that ReadBundle may
// accept: anything else carrying that key is a forgery.
func fuzzValid() [][]byte {
	k := genKey("fuzz")
	return [][]byte{
		genBundle(k, 1, genInspection(), testChecklist(), 1, "F"),
		genBundle(k, 2, genInspection(), testChecklist(), 2, "G"),
	}
}

func FuzzReadBundle(f *testing.F) {
	valid := fuzzValid()
	for _, v := range valid {
		f.Add(v)
	}
	// More seeds are in testdata/fuzz/FuzzReadBundle (truncated, flipped,
	// bad lengths); TestWriteFuzzSeeds regenerates them.
	trusted := genKey("fuzz").Public
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBundle(bytes.NewReader(data), int64(len(data)))
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

func FuzzParsePayload(f *testing.F) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	f.Add(gz(`{"t":"unit","v":{"id":"x","code":"A"}}` + "\n"))
	f.Add(gz(`{"t":"finding","v":{"id":"x","score":"1e9999"}}` + "\n"))
	f.Add(gz(`{"t":"nope","v":1}`))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parsePayload(bytes.NewReader(data))
		if err == nil && p == nil {
			t.Fatal("nil payload without error")
		}
	})
}

// TestReadBundleSeedCorpus checks the committed seeds say what their names
// promise, so the corpus keeps covering the refusals.
func TestReadBundleSeedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzReadBundle")
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) < 5 {
		t.Fatalf("seed corpus missing: %v (%d files)", err, len(ents))
	}
	if os.Getenv("KIEMTRA_WRITE_FUZZ_SEEDS") != "" {
		t.Skip("regenerating")
	}
	for _, s := range seedCases() {
		raw, err := os.ReadFile(filepath.Join(dir, s.name))
		if err != nil {
			t.Fatalf("seed %s: %v", s.name, err)
		}
		if !bytes.Equal(raw, corpusFile(s.data)) {
			t.Errorf("seed %s is stale: run KIEMTRA_WRITE_FUZZ_SEEDS=1 go test -run TestWriteFuzzSeeds ./store", s.name)
		}
		_, err = ReadBundle(bytes.NewReader(s.data), int64(len(s.data)))
		if (err == nil) != s.ok {
			t.Errorf("seed %s: err %v, want ok=%v", s.name, err, s.ok)
		}
	}
}

type seedCase struct {
	name string
	data []byte
	ok   bool
}

func seedCases() []seedCase {
	v := fuzzValid()[0]
	flip := func(i int) []byte { d := append([]byte(nil), v...); d[i] ^= 0x01; return d }
	bigLen := append([]byte(nil), v...)
	bigLen[len(bundleMagic)+1] = 0xff
	return []seedCase{
		{"valid", v, true},
		{"truncated-header", v[:10], false},
		{"truncated-manifest", v[:headerBytes+20], false},
		{"truncated-payload", v[:len(v)-7], false},
		{"flipped-manifest", flip(headerBytes + 5), false},
		{"flipped-payload", flip(len(v) - 30), false},
		{"huge-manifest-length", bigLen, false},
		{"trailing-byte", append(append([]byte(nil), v...), '\n'), false},
	}
}

func corpusFile(data []byte) []byte {
	return []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data))
}

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("KIEMTRA_WRITE_FUZZ_SEEDS") == "" {
		t.Skip("set KIEMTRA_WRITE_FUZZ_SEEDS=1 to regenerate testdata/fuzz/FuzzReadBundle")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadBundle")
	os.MkdirAll(dir, 0o755)
	for _, s := range seedCases() {
		if err := os.WriteFile(filepath.Join(dir, s.name), corpusFile(s.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
