package bundle_test

import (
	"bytes"
	"testing"

	"kiemtra/model"
	"kiemtra/store/bundle"
	"kiemtra/store/bundle/bundletest"
)

// TestBlobRecordsCheckedAgainstTheirAttachment: a file's pieces decode when
// they are the bytes its signed attachment names, and are refused when a
// byte differs, the file has no attachment, or pieces come out of order.
func TestBlobRecordsCheckedAgainstTheirAttachment(t *testing.T) {
	t.Parallel()
	k := bundletest.NewKey("fuzz records")
	m, _ := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.BigChecklist(2), 1, "R")
	m.Format = bundle.Format
	opt := bundle.DecodeOptions{Trust: trust{k.Device: {k.Public}}, Rules: rules{bundletest.BigChecklist(2)}}
	good := recordSeeds()["blob"]
	b, err := bundle.DecodePlain(m, good, opt)
	if err != nil {
		t.Fatalf("the genuine file: %v", err)
	}
	if len(b.Payload.Blobs) != 1 || !bytes.Contains(b.Payload.Blobs[0].Data, []byte("ảnh")) {
		t.Fatalf("decoded %+v", b.Payload.Blobs)
	}
	for name, c := range map[string]struct {
		data []byte
		want model.Code
	}{
		// The piece is base64 "/9j/4CDhuqNuaA==": change one letter.
		"a byte changed": {bytes.Replace(good, []byte("4CDhuqNuaA=="), []byte("4CDhuqNuaQ=="), 1), model.EBlobHash},
		"no attachment":  {bytes.Replace(good, []byte(`"t":"audit"`), []byte(`"t":"link"`), 1), model.EBundleContent},
		"out of order":   {bytes.Replace(good, []byte(`"seq":0`), []byte(`"seq":1`), 1), model.EBundleContent},
	} {
		if bytes.Equal(c.data, good) {
			t.Fatalf("%s: the seed did not change", name)
		}
		if _, err := bundle.DecodePlain(m, c.data, opt); model.ErrorCode(err) != c.want {
			t.Errorf("%s: %v, want %s", name, err, c.want)
		}
	}
}
