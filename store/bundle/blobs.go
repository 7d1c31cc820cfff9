package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"

	"kiemtra/model"
)

// Evidence files travel in two parts. The attachment — which finding, the
// file's name, size and SHA-256, who attached it — is an audit entry
// (entity "attachment"), signed by its device like every other change. The
// bytes follow as blob records, in pieces of at most model.BlobChunkBytes,
// after the entries that name them; the decoder hashes each file as its
// pieces go by and refuses the bundle (EBlobHash) when the bytes are not
// the ones an attachment in the bundle was signed with. A bundle written
// with --no-files carries the attachments without their blobs.

// Limits on the bytes of evidence files (see store/BUNDLE.md): one file is
// at most model.MaxEvidenceBytes (checked against the signed attachment
// and while its pieces arrive); all of a bundle's files together at most
// MaxBlobBytes, declared in the signed manifest (blob_bytes) and refused
// before a byte is inflated. Pieces are base64 in JSON (4/3 of their
// size, far under MaxLineBytes); photos do not compress, so a bundle's
// compressed payload grows by about their size and MaxPayloadBytes bounds
// it as before.
const (
	MaxBlobBytes = 3 << 30
)

// BlobChunk is one piece of an evidence file's bytes: the file's SHA-256,
// the piece's number from 0, and the bytes (base64 on the wire).
type BlobChunk struct {
	SHA256 string `json:"sha256"`
	Seq    int    `json:"seq"`
	Data   []byte `json:"data"`
}

// attachmentEntry checks an audit entry about an attachment: its JSON is
// the revision it records, made by the entry's device and actor.
func attachmentEntry(e AuditEntry) (model.Attachment, error) {
	var a model.Attachment
	where := model.ShortID(e.EntityID)
	if err := json.Unmarshal([]byte(e.New), &a); err != nil {
		return a, contentErrBy(err, where, "the attachment revision cannot be read")
	}
	if err := a.Check(); err != nil {
		return a, contentErrBy(err, where, "invalid attachment")
	}
	if a.ID != e.EntityID || a.Revision != e.Revision || a.BaseRevision != e.BaseRevision ||
		(e.Action != "attach" && e.Action != "remove") || (e.Action == "remove") != a.Removed {
		return a, contentErr(where, "the audit entry does not describe its attachment")
	}
	if a.Device != e.Device || a.UpdatedBy != e.Actor || (!a.Removed && (a.AddedDevice != e.Device || a.AddedBy != e.Actor)) {
		return a, model.NewError(model.EAuthorship, nil, model.ShortID(e.Device), itoa(e.DevSeq))
	}
	return a, nil
}

// blobState is what the decoder knows of evidence files: the size and a
// name of each content the bundle's attachments name, the file whose
// pieces are arriving, and the bytes so far.
type blobState struct {
	named map[string]blobNamed
	seen  map[string]bool
	cur   string
	seq   int
	size  int64
	h     hash.Hash
	total int64
}

type blobNamed struct {
	size int64
	name string
}

// attachment notes a content an attachment of the bundle names.
func (b *blobState) attachment(a model.Attachment) error {
	if b.named == nil {
		b.named, b.seen = map[string]blobNamed{}, map[string]bool{}
	}
	if n, ok := b.named[a.SHA256]; ok && n.size != a.Size {
		return contentErr(a.Name, "two attachments give one content two sizes")
	}
	b.named[a.SHA256] = blobNamed{a.Size, a.Name}
	return nil
}

// chunk checks one piece: of a content an attachment names, in order,
// within its size, the manifest's total and the limits.
func (d *decoder) chunk(c BlobChunk) error {
	b := &d.blobs
	n, ok := b.named[c.SHA256]
	if !ok {
		return contentErr(shortHash(c.SHA256), "a file no attachment of the bundle names")
	}
	if c.SHA256 != b.cur {
		if err := d.endBlob(); err != nil {
			return err
		}
		if b.seen[c.SHA256] {
			return contentErr(n.name, "the file appears twice")
		}
		b.seen[c.SHA256] = true
		b.cur, b.seq, b.size, b.h = c.SHA256, 0, 0, sha256.New()
	}
	if c.Seq != b.seq || len(c.Data) > model.BlobChunkBytes || (len(c.Data) == 0 && n.size != 0) {
		return contentErr(n.name, "the file's pieces are out of order or of the wrong size")
	}
	b.seq++
	b.size += int64(len(c.Data))
	b.total += int64(len(c.Data))
	if b.size > n.size || b.size > model.MaxEvidenceBytes {
		return model.NewError(model.EBlobHash, nil, n.name, shortHash(c.SHA256))
	}
	if b.total > d.f.Manifest.BlobBytes {
		return contentErr("blob_bytes", "the files are larger than the manifest says")
	}
	b.h.Write(c.Data)
	return nil
}

// endBlob checks the file whose pieces just ended against its hash.
func (d *decoder) endBlob() error {
	b := &d.blobs
	if b.cur == "" {
		return nil
	}
	n := b.named[b.cur]
	sum := hex.EncodeToString(b.h.Sum(nil))
	cur := b.cur
	b.cur = ""
	if b.size != n.size || sum != cur {
		return model.NewError(model.EBlobHash, nil, n.name, shortHash(cur))
	}
	return nil
}

// endBlobs ends the last file and checks the total the manifest declared.
func (d *decoder) endBlobs() error {
	if err := d.endBlob(); err != nil {
		return err
	}
	if d.blobs.total != d.f.Manifest.BlobBytes {
		return contentErr("blob_bytes", "the files are smaller than the manifest says")
	}
	return nil
}

// shortHash is the first digits of a hash, as messages show it.
func shortHash(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
