package bundle

import (
	"bytes"
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

// File is an opened bundle: its layout is sound, its sizes are within the
// limits and its manifest is signed by the key it names. Nothing of the
// payload has been read yet; whether the key is trusted is the caller's
// decision, made before VerifyPayload and Decode spend anything on it.
type File struct {
	r           io.ReaderAt
	Version     int
	Manifest    Manifest
	PublicKey   ed25519.PublicKey
	Fingerprint string
	payloadOff  int64
}

// Open reads a bundle's header and manifest from r (a file of the given
// size) and checks the signature over them. It reads at most the header,
// 1 MiB of manifest and the signature, whatever the file says. Errors
// reading r come back as they are (the caller knows which file it was); a
// file that ends early is ErrTruncated.
func Open(r io.ReaderAt, size int64) (*File, error) {
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
	version := int(head[len(Magic)])
	switch {
	case version > Format:
		return nil, refused(model.EBundleVersion, "format %d", version)
	case version < FormatV1:
		return nil, refused(model.EBundleFormat, "format %d", version)
	}
	mlen := int64(binary.BigEndian.Uint32(head[len(Magic)+1:]))
	if mlen == 0 || mlen > MaxManifestBytes {
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
	m, pub, err := verifyManifest(version, signed, sig)
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
	return &File{r: r, Version: version, Manifest: m, PublicKey: pub, Fingerprint: Fingerprint(pub), payloadOff: off}, nil
}

// VerifyPayload checks the compressed payload against the SHA-256 the
// signed manifest names, reading it once and holding none of it.
func (f *File) VerifyPayload() error {
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f.r, f.payloadOff, f.Manifest.PayloadBytes)); err != nil {
		return readErr(err)
	}
	if hex.EncodeToString(h.Sum(nil)) != f.Manifest.PayloadSHA256 {
		return refused(model.EBundleHash, "payload SHA-256 differs from the manifest's")
	}
	return nil
}

// plainLimit is how many decompressed bytes the payload may have: the
// manifest's own statement (format 2), never more than the ratio allows.
func (f *File) plainLimit() int64 {
	allowed := min(int64(MaxRatio)*f.Manifest.PayloadBytes+RatioSlack, MaxPlainBytes)
	if f.Version >= 2 {
		return f.Manifest.PlainBytes
	}
	return allowed
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
// now known to be what the key holder wrote, is well formed and within
// the limits.
func verifyManifest(version int, signed, sig []byte) (Manifest, ed25519.PublicKey, error) {
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
	if m.Format != version || !model.ValidID(m.Device) || m.Seq < 1 || len(m.PayloadSHA256) != 64 ||
		!model.ValidID(m.Inspection) || m.PayloadBytes < 0 || m.PayloadBytes > MaxPayloadBytes ||
		len(m.Units) > MaxUnits || len(m.Checklists) > MaxChecklists {
		return m, nil, refused(model.EBundleFormat, "invalid manifest")
	}
	if version >= 2 {
		allowed := min(int64(MaxRatio)*m.PayloadBytes+RatioSlack, MaxPlainBytes)
		if m.PlainBytes < 0 || m.PlainBytes > allowed {
			// A bomb is refused here, before a byte is inflated.
			return m, nil, model.NewError(model.EBundleTooLarge, fmt.Errorf("%d bytes would expand to %d", m.PayloadBytes, m.PlainBytes),
				sizeWords(m.PlainBytes), sizeWords(allowed))
		}
		if m.BlobBytes < 0 || m.BlobBytes > m.PlainBytes {
			return m, nil, refused(model.EBundleFormat, "invalid manifest")
		}
		if m.BlobBytes > MaxBlobBytes {
			return m, nil, model.NewError(model.EBundleTooLarge, fmt.Errorf("%d bytes of files", m.BlobBytes),
				sizeWords(m.BlobBytes), sizeWords(MaxBlobBytes))
		}
	} else if m.PlainBytes != 0 || m.BlobBytes != 0 {
		return m, nil, refused(model.EBundleFormat, "a format 1 manifest with a plain length")
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

// sizeWords writes a size as people read it: "16 MB", "512 KB", "300 B".
func sizeWords(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
