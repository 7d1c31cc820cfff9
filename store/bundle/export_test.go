package bundle

import "bytes"

// DecodePlain decodes plain JSON lines (no gzip, no signature) as the
// payload of a bundle with manifest m, and makes Read's checks across
// records: what the fuzz target explores, fast, without the layers a
// mutation almost never gets through.
func DecodePlain(m Manifest, data []byte, opt DecodeOptions) (*Bundle, error) {
	f := &File{Version: m.Format, Manifest: m}
	if f.Manifest.BlobBytes == 0 {
		// Records fed straight in have no manifest of their own: any
		// total of files goes, each file is still checked whole.
		f.Manifest.BlobBytes = MaxBlobBytes
	}
	c := &collector{b: &Bundle{Version: m.Format, Manifest: m, Revisions: map[string]Revision{}, Proofs: map[EntryKey]Proof{}},
		chains: chainSet{}}
	d := newDecoder(f, opt, c)
	err := d.lines(&limitReader{r: bytes.NewReader(data), left: int64(len(data))})
	if err == nil {
		err = d.endBlob()
	}
	if verr := d.sigs.wait(); err == nil {
		err = verr
	}
	if err == nil {
		err = c.check()
	}
	if err != nil {
		return nil, err
	}
	return c.b, nil
}
