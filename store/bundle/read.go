package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"kiemtra/model"
)

// Read reads a bundle of the given size and checks everything that can be
// checked without a database: layout and limits, the signature against the
// key in the manifest, the payload hash, the records, and each device's
// audit chain. It never allocates more than the limits allow, whatever the
// lengths in the file say. Errors reading r come back as they are (the
// caller knows which file it was); a file that ends early is ErrTruncated.
func Read(r io.ReaderAt, size int64) (*Bundle, error) {
	if size < int64(HeaderBytes) {
		return nil, shortFile(r, size)
	}
	head := make([]byte, HeaderBytes)
	if err := readAt(r, head, 0); err != nil {
		return nil, err
	}
	if string(head[:len(Magic)]) != Magic {
		return nil, refused(model.EBundleFormat, "no bundle magic")
	}
	if v := head[len(Magic)]; v != Format {
		if v > Format {
			return nil, refused(model.EBundleVersion, "format %d", v)
		}
		return nil, refused(model.EBundleFormat, "format %d", v)
	}
	mlen := int64(binary.BigEndian.Uint32(head[len(Magic)+1:]))
	if mlen == 0 || mlen > maxManifestBytes {
		return nil, refused(model.EBundleFormat, "manifest length %d", mlen)
	}
	if size < int64(HeaderBytes)+mlen+ed25519.SignatureSize {
		return nil, refused(model.EBundleTruncated, "%d bytes, the manifest and signature need %d", size, int64(HeaderBytes)+mlen+ed25519.SignatureSize)
	}
	signed := make([]byte, int64(HeaderBytes)+mlen)
	if err := readAt(r, signed, 0); err != nil {
		return nil, err
	}
	sig := make([]byte, ed25519.SignatureSize)
	if err := readAt(r, sig, int64(len(signed))); err != nil {
		return nil, err
	}
	m, pub, err := verifyManifest(signed, sig)
	if err != nil {
		return nil, err
	}
	off := int64(len(signed)) + ed25519.SignatureSize
	switch {
	case size-off < m.PayloadBytes:
		return nil, refused(model.EBundleTruncated, "payload %d bytes, the manifest says %d", size-off, m.PayloadBytes)
	case size-off > m.PayloadBytes:
		return nil, refused(model.EBundleFormat, "%d bytes after the payload", size-off-m.PayloadBytes)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(r, off, m.PayloadBytes)); err != nil {
		return nil, readErr(err)
	}
	if hex.EncodeToString(h.Sum(nil)) != m.PayloadSHA256 {
		return nil, refused(model.EBundleHash, "payload SHA-256 differs from the manifest's")
	}
	p, err := parsePayload(io.NewSectionReader(r, off, m.PayloadBytes))
	if err != nil {
		return nil, err
	}
	if p.Counts() != m.Counts {
		return nil, contentErr("counts", "the record counts differ from the manifest")
	}
	b := &Bundle{Manifest: m, PublicKey: pub, Fingerprint: Fingerprint(pub), Payload: *p}
	if err := b.check(); err != nil {
		return nil, err
	}
	return b, nil
}

// shortFile says what a file shorter than a header is: the start of a
// bundle cut short, or not a bundle at all.
func shortFile(r io.ReaderAt, size int64) error {
	if size > 0 && size < int64(len(Magic)) {
		head := make([]byte, size)
		if err := readAt(r, head, 0); err != nil {
			return err
		}
		if strings.HasPrefix(Magic, string(head)) {
			return refused(model.EBundleTruncated, "%d bytes", size)
		}
	}
	return refused(model.EBundleFormat, "%d bytes", size)
}

// verifyManifest decodes the manifest and checks the signature over
// everything before it against the key it names; then that the manifest,
// now known to be what the key holder wrote, is well formed.
func verifyManifest(signed, sig []byte) (Manifest, ed25519.PublicKey, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(signed[HeaderBytes:]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil || dec.More() {
		// An altered manifest usually fails here; say so plainly.
		return m, nil, model.NewError(model.EBundleSignature, fmt.Errorf("the manifest cannot be read: %w", err))
	}
	pub, err := base64.StdEncoding.DecodeString(m.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return m, nil, refused(model.EBundleSignature, "no valid public key")
	}
	if !ed25519.Verify(pub, signed, sig) {
		return m, nil, refused(model.EBundleSignature, "the signature does not verify")
	}
	if m.Format != Format || !model.ValidID(m.Device) || m.Seq < 1 || len(m.PayloadSHA256) != 64 ||
		m.PayloadBytes < 0 || m.PayloadBytes > maxPayloadBytes {
		return m, nil, refused(model.EBundleFormat, "invalid manifest")
	}
	return m, pub, nil
}

// readAt fills buf from r at off.
func readAt(r io.ReaderAt, buf []byte, off int64) error {
	n, err := r.ReadAt(buf, off)
	if n == len(buf) {
		return nil
	}
	return readErr(err)
}

// readErr is a failure reading the file: one that ended early (it shrank
// while being read) is truncated; others are the reader's own.
func readErr(err error) error {
	if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return model.NewError(model.EBundleTruncated, err)
	}
	return fmt.Errorf("read bundle: %w", err)
}

// payloadLine is one line of the payload.
type payloadLine struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

// parsePayload decompresses and decodes the JSON lines, with bounded line
// and total sizes.
func parsePayload(r io.Reader) (*Payload, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, model.NewError(model.EBundleFormat, fmt.Errorf("payload: %w", err))
	}
	zr.Multistream(false)
	p, err := decodeLines(zr)
	if err == nil {
		// The gzip trailer (CRC, length) is checked when the stream ends.
		if _, cerr := io.Copy(io.Discard, zr); cerr != nil {
			err = model.NewError(model.EBundleFormat, fmt.Errorf("payload: %w", cerr))
		}
	}
	if cerr := zr.Close(); err == nil && cerr != nil {
		err = model.NewError(model.EBundleFormat, fmt.Errorf("payload: %w", cerr))
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

func decodeLines(r io.Reader) (*Payload, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxPayloadPlain+1))
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	p := &Payload{}
	var total int64
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		total += int64(len(line)) + 1
		if total > maxPayloadPlain {
			return nil, refused(model.EBundleFormat, "payload larger than %d bytes", int64(maxPayloadPlain))
		}
		where := fmt.Sprintf("#%d", n)
		var pl payloadLine
		if err := json.Unmarshal(line, &pl); err != nil {
			return nil, contentErrBy(err, where, "not a JSON record")
		}
		k, ok := kindByName[pl.T]
		if !ok {
			return nil, contentErr(where, "unknown record type")
		}
		if err := k.decode(p, pl.V); err != nil {
			return nil, contentErrBy(err, where, "invalid "+k.name+" record")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, model.NewError(model.EBundleFormat, fmt.Errorf("payload: %w", err))
	}
	return p, nil
}
