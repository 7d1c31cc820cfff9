package bundle

import (
	"bufio"
	"compress/gzip"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"kiemtra/model"
)

// Trust names the keys that speak for each device, as the reader's
// database holds them.
type Trust interface {
	// Keys returns the keys trusted for device; none if it is not trusted.
	Keys(device string) []ed25519.PublicKey
}

// Rules gives the checklist items imported findings are checked against,
// so a bundle obeys the rules the app's own save path enforces.
type Rules interface {
	// Item returns the item code of the checklist version ref ("id@version").
	Item(ref, code string) (model.Item, bool)
}

// Proof is what vouches for an audit entry or link.
type Proof int

// The proofs.
const (
	// ProofSigned: its own signature, by a key trusted for its device
	// (checked by the time Decode returns).
	ProofSigned Proof = iota
	// ProofBundle: a format 1 bundle's own entry, vouched for by the
	// bundle's signature (format 1 entries carry none of their own).
	ProofBundle
	// ProofNone: no signature. Acceptable only if the reader already holds
	// the very same entry.
	ProofNone
	// ProofUntrusted: signed, but by a device the reader does not trust.
	// Acceptable only if the reader already holds the very same entry.
	ProofUntrusted
)

// Entry is an audit entry as decoded: checked against its hash, with what
// vouches for it and the revision it describes, if any.
type Entry struct {
	AuditEntry
	Proof Proof
	// Revision is the finding revision the entry describes (entity
	// "finding" with a revision), else nil.
	Revision *Revision
	// Record is the inspection, unit or assessment revision the entry
	// describes, else nil.
	Record *RecordRevision
	// Stamped is the follow-up, fix report or self-score revision the
	// entry describes (stamped.go), else nil.
	Stamped *StampedRevision
	// Attachment is the evidence file revision the entry describes
	// (entity "attachment"), else nil.
	Attachment *model.Attachment
}

// Link is a chain link as decoded, with what vouches for it.
type Link struct {
	ChainLink
	Proof Proof
}

// Visitor receives each record of a payload, in payload order, once it
// has passed every check that needs nothing but the record itself and the
// records before it. A Visitor's error stops decoding and is returned.
type Visitor interface {
	Inspection(InspectionRecord) error
	Unit(model.Unit) error
	Assessment(model.Assessment) error
	Alias(Alias) error
	Finding(model.Finding) error
	Entry(Entry) error
	Link(Link) error
	// Blob is one piece of an evidence file; the file is checked against
	// its hash once its last piece has passed, before Decode returns.
	Blob(BlobChunk) error
	Statement(Statement) error
	Received(ReceivedRef) error
}

// DecodeOptions are what decoding checks against.
type DecodeOptions struct {
	Trust Trust // nil trusts nobody
	Rules Rules // nil skips the checks against checklist items (fuzzing)
	// OneCore checks the entries' signatures in the decoding goroutine
	// instead of on every core. A decode that runs beside other work
	// (the importer stages the next file while one merges) then takes one
	// core and leaves the other to that work: with both cores for the
	// signatures, the merge waits for the processor a third of the time.
	OneCore bool
}

// Decode inflates the payload and hands each record to v. It never holds
// more than one record (and the bundle's units and assessments, bounded by
// MaxUnits): the payload is read as a stream, each line at most
// MaxLineBytes, the whole at most the manifest's plain length (which Open
// checked against the ratio limit). Call VerifyPayload first: Decode
// trusts the compressed bytes to be the signed ones.
func (f *File) Decode(opt DecodeOptions, v Visitor) error {
	zr, err := gzip.NewReader(io.NewSectionReader(f.r, f.payloadOff, f.Manifest.PayloadBytes))
	if err != nil {
		return model.NewError(model.EBundleFormat, fmt.Errorf("payload: %w", err))
	}
	zr.Multistream(false)
	lim := &limitReader{r: zr, left: f.plainLimit()}
	d := newDecoder(f, opt, v)
	err = d.lines(lim)
	if err == nil {
		err = d.endBlobs()
	}
	if err == nil {
		// The gzip trailer (CRC, length) is checked when the stream ends;
		// nothing may follow the last line.
		var one [1]byte
		n, rerr := lim.Read(one[:])
		switch {
		case n > 0:
			err = refused(model.EBundleFormat, "data after the last record")
		case rerr != nil && !errors.Is(rerr, io.EOF):
			err = lim.wrap(rerr)
		}
	}
	if cerr := zr.Close(); err == nil && cerr != nil {
		err = model.NewError(model.EBundleFormat, fmt.Errorf("payload: %w", cerr))
	}
	if verr := d.sigs.wait(); err == nil {
		err = verr
	}
	if err != nil {
		return err
	}
	if f.Version >= 2 && lim.read != f.Manifest.PlainBytes {
		return refused(model.EBundleFormat, "payload of %d bytes, the manifest says %d", lim.read, f.Manifest.PlainBytes)
	}
	if d.counts != f.Manifest.Counts {
		return contentErr("counts", "the record counts differ from the manifest")
	}
	return nil
}

// limitReader passes at most left bytes and refuses the payload past that.
type limitReader struct {
	r          io.Reader
	left, read int64
	over       bool
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more than allowed is enough to know.
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			l.over = true
			return 0, errTooLarge
		}
		return l.r.Read(p[:0])
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	l.read += int64(n)
	return n, err
}

var errTooLarge = fmt.Errorf("the payload expands beyond its limit")

// wrap names a failure while inflating: over the limit, or damaged.
func (l *limitReader) wrap(err error) error {
	if l.over {
		return model.NewError(model.EBundleTooLarge, err, sizeWords(l.read+1), sizeWords(l.read))
	}
	return model.NewError(model.EBundleFormat, fmt.Errorf("payload: %w", err))
}

// payloadLine is one line of the payload.
type payloadLine struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

// decoder holds what the per-record checks need of the records before:
// the manifest, the bundle's assessments and their checklists, the
// position in the payload order, and the running counts.
type decoder struct {
	f           *File
	opt         DecodeOptions
	v           Visitor
	order       map[string]int
	at          int // rank of the current kind
	line        int
	counts      Counts
	units       map[string]bool
	codes       map[string]bool
	assessments map[string]string // ID (and alias) → checklist ref
	refs        map[string]bool
	sigs        *verifier
	blobs       blobState
}

func newDecoder(f *File, opt DecodeOptions, v Visitor) *decoder {
	refs := map[string]bool{}
	for _, c := range f.Manifest.Checklists {
		refs[c.Ref()] = true
	}
	return &decoder{f: f, opt: opt, v: v, order: order(f.Version), at: -1, units: map[string]bool{}, codes: map[string]bool{},
		assessments: map[string]string{}, refs: refs, sigs: newVerifier(opt.OneCore)}
}

func (d *decoder) lines(r *limitReader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	for sc.Scan() {
		d.line++
		if err := d.record(sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return model.NewError(model.ERecordTooLarge, err, fmt.Sprintf("#%d", d.line+1), sizeWords(MaxLineBytes))
		}
		return r.wrap(err)
	}
	return nil
}

// record decodes one line, checks it, and hands it on.
func (d *decoder) record(line []byte) error {
	where := fmt.Sprintf("#%d", d.line)
	pl, ok := splitLine(line)
	if !ok {
		if err := json.Unmarshal(line, &pl); err != nil {
			return contentErrBy(err, where, "not a JSON record")
		}
	}
	rank, ok := d.order[pl.T]
	if !ok {
		return contentErr(where, "unknown record type")
	}
	if rank < d.at {
		return contentErr(where, "a "+pl.T+" record out of order")
	}
	d.at = rank
	*kindByName[pl.T].count(&d.counts)++
	switch pl.T {
	case kInspection:
		var r InspectionRecord
		if err := lenient(pl.V, &r); err != nil {
			return contentErrBy(err, where, "invalid inspection record")
		}
		if err := d.inspection(r); err != nil {
			return err
		}
		return d.v.Inspection(r)
	case kUnit:
		var u model.Unit
		if err := lenient(pl.V, &u); err != nil {
			return contentErrBy(err, where, "invalid unit record")
		}
		if err := d.unit(u); err != nil {
			return err
		}
		return d.v.Unit(u)
	case kAssessment:
		var a model.Assessment
		if err := lenient(pl.V, &a); err != nil {
			return contentErrBy(err, where, "invalid assessment record")
		}
		if err := d.assessment(a); err != nil {
			return err
		}
		return d.v.Assessment(a)
	case kAlias:
		var al Alias
		if err := strict(pl.V, &al); err != nil {
			return contentErrBy(err, where, "invalid alias record")
		}
		if err := d.alias(al); err != nil {
			return err
		}
		return d.v.Alias(al)
	case kFinding:
		var f model.Finding
		if err := lenient(pl.V, &f); err != nil {
			return contentErrBy(err, where, "invalid finding record")
		}
		if err := d.finding(f); err != nil {
			return err
		}
		return d.v.Finding(f)
	case kAudit:
		var e AuditEntry
		if err := strict(pl.V, &e); err != nil {
			return contentErrBy(err, where, "invalid audit record")
		}
		en, err := d.entry(e)
		if err != nil {
			return err
		}
		return d.v.Entry(en)
	case kLink:
		var l ChainLink
		if err := strict(pl.V, &l); err != nil {
			return contentErrBy(err, where, "invalid link record")
		}
		ln, err := d.link(l)
		if err != nil {
			return err
		}
		return d.v.Link(ln)
	case kBlob:
		var c BlobChunk
		if err := strict(pl.V, &c); err != nil {
			return contentErrBy(err, where, "invalid file record")
		}
		if err := d.chunk(c); err != nil {
			return err
		}
		return d.v.Blob(c)
	case kStatement:
		var st Statement
		if err := strict(pl.V, &st); err != nil {
			return contentErrBy(err, where, "invalid statement record")
		}
		ok, err := d.statement(st)
		if err != nil || !ok {
			return err
		}
		return d.v.Statement(st)
	case kReceived:
		var rr ReceivedRef
		if err := strict(pl.V, &rr); err != nil {
			return contentErrBy(err, where, "invalid received-bundle record")
		}
		if !model.ValidID(rr.Device) || rr.Seq < 1 {
			return contentErr(model.ShortID(rr.Device), "invalid received-bundle reference")
		}
		return d.v.Received(rr)
	}
	return contentErr(where, "unknown record type")
}

// lenient decodes a record of a model type. Fields this build does not
// know are left out of the record (a newer kiemtra may add some to the
// model); the history keeps them whole, in the audit entries' JSON.
func lenient(raw json.RawMessage, v any) error { return json.Unmarshal(raw, v) }
