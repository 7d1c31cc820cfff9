package store

// A bundle is how work travels between laptops and Sở Nội vụ: one file,
// signed by the device that wrote it. See BUNDLE.md for the layout and the
// reasons behind it. In short:
//
//	"KIEMTRA-BUNDLE\n"              15 bytes, magic
//	version                          1 byte (1)
//	manifest length                  4 bytes, big-endian, at most 1 MiB
//	manifest                         JSON (Manifest)
//	signature                        64 bytes, ed25519 over magic+version+length+manifest
//	payload                          gzip of JSON lines; exactly manifest.PayloadBytes long,
//	                                 SHA-256 equal to manifest.PayloadSHA256; nothing after it
//
// The payload is canonical JSON lines rather than an SQLite file: it is
// hashed and signed as plain bytes, read by a streaming parser that cannot
// be made to allocate more than the limits below, fuzzed directly, and
// never opened by SQLite until every check has passed (an SQLite file from
// elsewhere needs quick_check, immutable=1 and defensive mode to be safe to
// open, and one changed text byte still passes integrity_check). Its order
// is deterministic, so the same data always makes the same payload.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"kiemtra/model"
)

// Bundle format constants.
const (
	bundleMagic      = "KIEMTRA-BUNDLE\n"
	BundleFormat     = 1
	maxManifestBytes = 1 << 20
	maxPayloadBytes  = 2 << 30 // compressed
	maxPayloadPlain  = 4 << 30 // decompressed
	maxLineBytes     = 64 << 20
	headerBytes      = len(bundleMagic) + 1 + 4
)

// AppVersion is written into every bundle's manifest; main may set it at
// build time (-ldflags "-X kiemtra/store.AppVersion=1.2.0").
var AppVersion = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "devel"
}()

// ChecklistRef names a checklist version a bundle's assessments use.
type ChecklistRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// BundleCounts counts a payload's records by kind.
type BundleCounts struct {
	Inspections int `json:"inspections"`
	Units       int `json:"units"`
	Assessments int `json:"assessments"`
	Findings    int `json:"findings"`
	Audit       int `json:"audit"`
	Links       int `json:"links"`
	Aliases     int `json:"aliases"`
	Received    int `json:"received"`
}

// Records is the number of records of every kind.
func (c BundleCounts) Records() int {
	return c.Inspections + c.Units + c.Assessments + c.Findings + c.Audit + c.Links + c.Aliases + c.Received
}

// Manifest describes a bundle; it is what the signature covers.
type Manifest struct {
	Format        int            `json:"format"`
	App           string         `json:"app"`
	Device        string         `json:"device"`
	PublicKey     string         `json:"public_key"` // base64 ed25519
	Inspector     string         `json:"inspector"`
	Created       time.Time      `json:"created"`
	Seq           int64          `json:"seq"` // this device's bundle number, from 1
	Inspection    string         `json:"inspection"`
	Title         string         `json:"title"`
	Units         []string       `json:"units"` // unit codes, sorted
	Counts        BundleCounts   `json:"counts"`
	Checklists    []ChecklistRef `json:"checklists"`
	PayloadBytes  int64          `json:"payload_bytes"`
	PayloadSHA256 string         `json:"payload_sha256"`
}

// InspectionRecord is an inspection with the time it was last changed,
// which decides between two differing copies.
type InspectionRecord struct {
	model.Inspection
	UpdatedAt time.Time `json:"updated_at"`
}

// ChainLink is one link of a device's audit chain, sent for entries whose
// content is outside the bundle so that the chain can still be followed.
type ChainLink struct {
	Device   string `json:"device"`
	DevSeq   int64  `json:"dev_seq"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// Alias says that a record created twice (two IDs) is one record.
type Alias struct {
	Kind      string `json:"kind"`
	Alias     string `json:"alias"`
	Canonical string `json:"canonical"`
}

// ReceivedRef is a bundle the sender had imported: its content travels on
// in this one, so the receiver need not report it missing.
type ReceivedRef struct {
	Device string `json:"device"`
	Seq    int64  `json:"seq"`
}

// Payload is a bundle's content.
type Payload struct {
	Inspections []InspectionRecord
	Units       []model.Unit
	Assessments []model.Assessment
	Findings    []model.Finding
	Audit       []AuditEntry
	Links       []ChainLink
	Aliases     []Alias
	Received    []ReceivedRef
}

func (p *Payload) counts() BundleCounts {
	return BundleCounts{len(p.Inspections), len(p.Units), len(p.Assessments), len(p.Findings), len(p.Audit),
		len(p.Links), len(p.Aliases), len(p.Received)}
}

// Bundle is a bundle read and checked by ReadBundle: well formed, signed by
// the key it names, its payload intact and consistent. Whether that key is
// trusted is for the importing database to decide.
type Bundle struct {
	Manifest    Manifest
	PublicKey   ed25519.PublicKey
	Fingerprint string
	Payload     Payload
	// revisions: finding revisions from the audit entries, by revision ID.
	revisions map[string]bundleRevision
}

type bundleRevision struct {
	Finding model.Finding
	Merged  []string // other parents of a resolve revision
	Entry   AuditEntry
}

// Errors a bundle is refused with; each names one problem. Test with
// errors.Is.
var (
	ErrBundleFormat    = &model.Error{Code: model.EBundleFormat}
	ErrBundleVersion   = &model.Error{Code: model.EBundleVersion}
	ErrBundleTruncated = &model.Error{Code: model.EBundleTruncated}
	ErrBundleSignature = &model.Error{Code: model.EBundleSignature}
	ErrBundleHash      = &model.Error{Code: model.EBundleHash}
	ErrBundleContent   = &model.Error{Code: model.EBundleContent}
)

// ReadBundleFile reads and checks a bundle file (see ReadBundle).
func ReadBundleFile(path string) (*Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read bundle %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("read bundle %s: %w: it is a folder", path, ErrBundleFormat)
	}
	b, err := ReadBundle(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", path, err)
	}
	return b, nil
}

// ReadBundle reads a bundle of the given size and checks everything that
// can be checked without a database: layout and limits, the signature
// against the key in the manifest, the payload hash, the records, and each
// device's audit chain. It never allocates more than the limits allow,
// whatever the lengths in the file say.
func ReadBundle(r io.ReaderAt, size int64) (*Bundle, error) {
	if size < int64(headerBytes) {
		if size >= 0 && size < int64(len(bundleMagic)) {
			head := make([]byte, size)
			if _, err := r.ReadAt(head, 0); err == nil && strings.HasPrefix(bundleMagic, string(head)) && size > 0 {
				return nil, ErrBundleTruncated
			}
		}
		return nil, ErrBundleFormat
	}
	head := make([]byte, headerBytes)
	if _, err := r.ReadAt(head, 0); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundleFormat, err)
	}
	if string(head[:len(bundleMagic)]) != bundleMagic {
		return nil, ErrBundleFormat
	}
	if v := head[len(bundleMagic)]; v != BundleFormat {
		if v > BundleFormat {
			return nil, fmt.Errorf("%w (format %d)", ErrBundleVersion, v)
		}
		return nil, fmt.Errorf("%w: format %d", ErrBundleFormat, v)
	}
	mlen := int64(binary.BigEndian.Uint32(head[len(bundleMagic)+1:]))
	if mlen == 0 || mlen > maxManifestBytes {
		return nil, fmt.Errorf("%w: manifest length %d", ErrBundleFormat, mlen)
	}
	if size < int64(headerBytes)+mlen+ed25519.SignatureSize {
		return nil, ErrBundleTruncated
	}
	signed := make([]byte, int64(headerBytes)+mlen)
	if _, err := r.ReadAt(signed, 0); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundleTruncated, err)
	}
	sig := make([]byte, ed25519.SignatureSize)
	if _, err := r.ReadAt(sig, int64(len(signed))); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundleTruncated, err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(signed[headerBytes:]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil || dec.More() {
		// An altered manifest usually fails here; say so plainly.
		return nil, fmt.Errorf("%w: the manifest cannot be read", ErrBundleSignature)
	}
	pub, err := base64.StdEncoding.DecodeString(m.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: no valid public key", ErrBundleSignature)
	}
	if !ed25519.Verify(pub, signed, sig) {
		return nil, ErrBundleSignature
	}
	// From here on the manifest is what the key holder wrote.
	if m.Format != BundleFormat || !model.ValidID(m.Device) || m.Seq < 1 || len(m.PayloadSHA256) != 64 ||
		m.PayloadBytes < 0 || m.PayloadBytes > maxPayloadBytes {
		return nil, fmt.Errorf("%w: invalid manifest", ErrBundleFormat)
	}
	off := int64(len(signed)) + ed25519.SignatureSize
	switch {
	case size-off < m.PayloadBytes:
		return nil, ErrBundleTruncated
	case size-off > m.PayloadBytes:
		return nil, fmt.Errorf("%w: %d bytes after the payload", ErrBundleFormat, size-off-m.PayloadBytes)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(r, off, m.PayloadBytes)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundleTruncated, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != m.PayloadSHA256 {
		return nil, ErrBundleHash
	}
	p, err := parsePayload(io.NewSectionReader(r, off, m.PayloadBytes))
	if err != nil {
		return nil, err
	}
	if p.counts() != m.Counts {
		return nil, fmt.Errorf("%w: the record counts differ from the manifest", ErrBundleContent)
	}
	b := &Bundle{Manifest: m, PublicKey: pub, Fingerprint: Fingerprint(pub), Payload: *p}
	if err := b.check(); err != nil {
		return nil, err
	}
	return b, nil
}

type payloadLine struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

// parsePayload decompresses and decodes the JSON lines, with bounded line
// and total sizes.
func parsePayload(r io.Reader) (*Payload, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrBundleFormat, err)
	}
	defer zr.Close()
	zr.Multistream(false)
	sc := bufio.NewScanner(io.LimitReader(zr, maxPayloadPlain+1))
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	p := &Payload{}
	var total int64
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		total += int64(len(line)) + 1
		if total > maxPayloadPlain {
			return nil, fmt.Errorf("%w: payload larger than %d bytes", ErrBundleFormat, int64(maxPayloadPlain))
		}
		var pl payloadLine
		if err := json.Unmarshal(line, &pl); err != nil {
			return nil, fmt.Errorf("%w: payload line %d: %v", ErrBundleContent, n, err)
		}
		var target any
		switch pl.T {
		case "inspection":
			p.Inspections = append(p.Inspections, InspectionRecord{})
			target = &p.Inspections[len(p.Inspections)-1]
		case "unit":
			p.Units = append(p.Units, model.Unit{})
			target = &p.Units[len(p.Units)-1]
		case "assessment":
			p.Assessments = append(p.Assessments, model.Assessment{})
			target = &p.Assessments[len(p.Assessments)-1]
		case "finding":
			p.Findings = append(p.Findings, model.Finding{})
			target = &p.Findings[len(p.Findings)-1]
		case "audit":
			p.Audit = append(p.Audit, AuditEntry{})
			target = &p.Audit[len(p.Audit)-1]
		case "link":
			p.Links = append(p.Links, ChainLink{})
			target = &p.Links[len(p.Links)-1]
		case "alias":
			p.Aliases = append(p.Aliases, Alias{})
			target = &p.Aliases[len(p.Aliases)-1]
		case "received":
			p.Received = append(p.Received, ReceivedRef{})
			target = &p.Received[len(p.Received)-1]
		default:
			return nil, fmt.Errorf("%w: payload line %d: unknown record type %q", ErrBundleContent, n, pl.T)
		}
		if err := json.Unmarshal(pl.V, target); err != nil {
			return nil, fmt.Errorf("%w: payload line %d (%s): %v", ErrBundleContent, n, pl.T, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrBundleFormat, err)
	}
	// The gzip trailer (CRC, length) is checked when the stream ends.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrBundleFormat, err)
	}
	return p, nil
}

// check verifies the payload's internal consistency: IDs, every finding
// revision present in the audit history, and each device's audit chain
// (hashes, links, dates).
func (b *Bundle) check() error {
	p := &b.Payload
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBundleContent, fmt.Sprintf(format, args...))
	}
	if len(p.Inspections) != 1 || p.Inspections[0].ID != b.Manifest.Inspection {
		return bad("it must hold exactly the inspection its manifest names")
	}
	refs := map[string]string{}
	for _, c := range b.Manifest.Checklists {
		refs[c.ID+"@"+c.Version] = c.Hash
	}
	assessments := map[string]bool{}
	units := map[string]bool{}
	for _, u := range p.Units {
		if !model.ValidID(u.ID) || u.Code == "" {
			return bad("unit %q has no valid ID or code", u.Code)
		}
		units[u.ID] = true
	}
	for _, a := range p.Assessments {
		if !model.ValidID(a.ID) || a.InspectionID != b.Manifest.Inspection || !units[a.UnitID] {
			return bad("assessment %s does not belong to the bundle's inspection and units", a.ID)
		}
		if _, ok := refs[a.ChecklistID+"@"+a.ChecklistVersion]; !ok {
			return bad("assessment %s uses checklist %s@%s, not listed in the manifest", a.ID, a.ChecklistID, a.ChecklistVersion)
		}
		if a.Status != model.StatusDraft && a.Status != model.StatusFinalized {
			return bad("assessment %s has status %q", a.ID, a.Status)
		}
		assessments[a.ID] = true
	}
	for _, al := range p.Aliases {
		if al.Kind != "unit" && al.Kind != "assessment" && al.Kind != "finding" || !model.ValidID(al.Alias) || !model.ValidID(al.Canonical) {
			return bad("invalid alias %+v", al)
		}
		if al.Kind == "assessment" && assessments[al.Canonical] {
			assessments[al.Alias] = true
		}
	}
	// Audit chains: every full entry must hash to itself; entries and links
	// of one device, in order, must each name the previous one's hash.
	type node struct {
		prev, hash string
		at         time.Time
		full       bool
	}
	chains := map[string]map[int64]node{}
	add := func(dev string, seq int64, n node) error {
		if !model.ValidID(dev) || seq < 1 {
			return bad("audit entry %d of device %q is invalid", seq, dev)
		}
		c := chains[dev]
		if c == nil {
			c = map[int64]node{}
			chains[dev] = c
		}
		if old, ok := c[seq]; ok {
			if old.hash != n.hash || old.prev != n.prev {
				return fmt.Errorf("%w: entry %d of device %s appears twice with different content", ErrChainBroken, seq, short(dev))
			}
			if n.full {
				c[seq] = n
			}
			return nil
		}
		c[seq] = n
		return nil
	}
	b.revisions = map[string]bundleRevision{}
	for _, e := range p.Audit {
		if ChainHash(e) != e.Hash {
			return fmt.Errorf("%w: entry %d of device %s does not match its hash", ErrChainBroken, e.DevSeq, short(e.Device))
		}
		if err := add(e.Device, e.DevSeq, node{e.PrevHash, e.Hash, e.At, true}); err != nil {
			return err
		}
		if e.Entity != "finding" || e.Revision == "" {
			continue
		}
		var f model.Finding
		if err := json.Unmarshal([]byte(e.New), &f); err != nil {
			return bad("audit entry %d of device %s: %v", e.DevSeq, short(e.Device), err)
		}
		if f.Revision != e.Revision || f.ID != e.EntityID || f.BaseRevision != e.BaseRevision || !model.ValidID(f.ID) ||
			!model.ValidID(f.Revision) || f.ItemCode == "" {
			return bad("audit entry %d of device %s does not describe its revision", e.DevSeq, short(e.Device))
		}
		if !assessments[f.AssessmentID] {
			return bad("revision %s belongs to assessment %s, which is not in the bundle", f.Revision, f.AssessmentID)
		}
		r := bundleRevision{Finding: f, Entry: e}
		if e.Action == "resolve" {
			var sides []model.Finding
			if err := json.Unmarshal([]byte(e.Old), &sides); err != nil {
				return bad("resolution %s: %v", f.Revision, err)
			}
			for _, s := range sides {
				r.Merged = append(r.Merged, s.Revision)
			}
		}
		if old, dup := b.revisions[f.Revision]; dup && model.RevisionHash(old.Finding) != model.RevisionHash(f) {
			return bad("revision %s appears twice with different content", f.Revision)
		}
		b.revisions[f.Revision] = r
	}
	for _, l := range p.Links {
		if err := add(l.Device, l.DevSeq, node{prev: l.PrevHash, hash: l.Hash}); err != nil {
			return err
		}
	}
	for dev, c := range chains {
		seqs := make([]int64, 0, len(c))
		for s := range c {
			seqs = append(seqs, s)
		}
		sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
		var lastFull node
		haveFull := false
		for i, s := range seqs {
			n := c[s]
			if s == 1 && n.prev != "" {
				return fmt.Errorf("%w: first entry of device %s names a predecessor", ErrChainBroken, short(dev))
			}
			if i > 0 && seqs[i-1] == s-1 && c[s-1].hash != n.prev {
				return fmt.Errorf("%w: entry %d of device %s does not follow entry %d", ErrChainBroken, s, short(dev), s-1)
			}
			if n.full {
				if haveFull && n.at.Before(lastFull.at.Add(-time.Minute)) {
					return fmt.Errorf("%w: entry %d of device %s is dated before an earlier entry", ErrChainBroken, s, short(dev))
				}
				lastFull, haveFull = n, true
			}
		}
	}
	for _, f := range p.Findings {
		// The row may be kept under another ID than the revision was made
		// with (a record created twice, see id_aliases); all else must match.
		r, ok := b.revisions[f.Revision]
		rf := r.Finding
		rf.ID, rf.AssessmentID = f.ID, f.AssessmentID
		if !ok || model.RevisionHash(rf) != model.RevisionHash(f) || !assessments[f.AssessmentID] {
			return bad("finding %s (item %s) is not backed by its audit history", f.ID, f.ItemCode)
		}
	}
	for _, in := range p.Received {
		if !model.ValidID(in.Device) || in.Seq < 1 {
			return bad("invalid received-bundle reference")
		}
	}
	return nil
}

// BundleOptions selects what a bundle holds.
type BundleOptions struct {
	Inspection string   // inspection ID (required)
	Units      []string // unit codes; empty means every unit of the inspection
}

// BundleInfo is what WriteBundle reports.
type BundleInfo struct {
	Path     string
	Manifest Manifest
	Bytes    int64
}

// ErrNothingToBundle is returned when the selection is empty.
var ErrNothingToBundle = &model.Error{Code: model.ENothingToBundle}

// WriteBundle writes the selected inspection, units, assessments, findings
// and their audit history to out, signed with this device's key, as the
// device's next bundle. The file appears complete or not at all.
func (db *DB) WriteBundle(ctx context.Context, out string, opt BundleOptions) (BundleInfo, error) {
	info := BundleInfo{Path: out}
	key, err := db.DeviceKey(ctx)
	if err != nil {
		return info, err
	}
	p, m, err := db.collect(ctx, opt)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	if err := db.sql.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) + 1 FROM bundles_sent").Scan(&m.Seq); err != nil {
		return info, fmt.Errorf("write bundle: %w", translate(err))
	}
	inspector, err := db.Setting(ctx, SettingInspector)
	if err != nil {
		return info, err
	}
	m.Format, m.App, m.Device, m.Inspector, m.Created = BundleFormat, AppVersion, db.device, inspector, db.Now()
	m.PublicKey = base64.StdEncoding.EncodeToString(key.Public)
	data, m, err := encodeBundle(key, m, p)
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	// Write and sync the file under a temporary name, record the sequence
	// number, then rename: a crash leaves either no bundle and no number
	// used, or (rarely) a used number with no file, never two bundles with
	// one number.
	dir := filepath.Dir(out)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(out)+".tmp-*")
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return info, fmt.Errorf("write bundle %s: %w", out, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return info, fmt.Errorf("write bundle %s: %w", out, err)
	}
	if err := tmp.Close(); err != nil {
		return info, fmt.Errorf("write bundle %s: %w", out, err)
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO bundles_sent(seq, hash, file, inspection, findings, created_at) VALUES (?,?,?,?,?,?)",
			m.Seq, m.PayloadSHA256, filepath.Base(out), m.Inspection, m.Counts.Findings, formatTime(m.Created))
		return err
	})
	if err != nil {
		return info, fmt.Errorf("write bundle: %w", err)
	}
	if err := os.Rename(tmpName, out); err != nil {
		return info, fmt.Errorf("write bundle %s: %w", out, err)
	}
	syncDir(dir)
	info.Manifest, info.Bytes = m, int64(len(data))
	return info, nil
}

// encodeBundle lays out and signs a bundle.
func encodeBundle(key *DeviceKey, m Manifest, p *Payload) ([]byte, Manifest, error) {
	data, err := encodeBundleData(key, &m, p)
	return data, m, err
}

func encodeBundleData(key *DeviceKey, mp *Manifest, p *Payload) ([]byte, error) {
	m := mp
	var pay bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&pay, gzip.DefaultCompression)
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	write := func(t string, v any) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return enc.Encode(payloadLine{T: t, V: raw})
	}
	for _, v := range p.Inspections {
		if err := write("inspection", v); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Units {
		if err := write("unit", v); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Assessments {
		if err := write("assessment", v); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Findings {
		if err := write("finding", v); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Audit {
		if err := write("audit", v); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Links {
		if err := write("link", v); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Aliases {
		if err := write("alias", v); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Received {
		if err := write("received", v); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(pay.Bytes())
	m.Counts = p.counts()
	m.PayloadBytes = int64(pay.Len())
	m.PayloadSHA256 = hex.EncodeToString(sum[:])
	mj, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	if len(mj) > maxManifestBytes {
		return nil, fmt.Errorf("manifest too large (%d bytes)", len(mj))
	}
	var out bytes.Buffer
	out.Grow(headerBytes + len(mj) + ed25519.SignatureSize + pay.Len())
	out.WriteString(bundleMagic)
	out.WriteByte(BundleFormat)
	var l [4]byte
	binary.BigEndian.PutUint32(l[:], uint32(len(mj)))
	out.Write(l[:])
	out.Write(mj)
	out.Write(key.Sign(out.Bytes()))
	out.Write(pay.Bytes())
	return out.Bytes(), nil
}

// collect reads the selected records, in a deterministic order.
func (db *DB) collect(ctx context.Context, opt BundleOptions) (*Payload, Manifest, error) {
	var m Manifest
	p := &Payload{}
	var ir InspectionRecord
	in, err := getInspection(ctx, db.sql, opt.Inspection)
	if err != nil {
		return nil, m, translate(err)
	}
	var upd string
	if err := db.sql.QueryRowContext(ctx, "SELECT updated_at FROM inspections WHERE id = ?", in.ID).Scan(&upd); err != nil {
		return nil, m, translate(err)
	}
	ir.Inspection, ir.UpdatedAt = in, parseTime(upd)
	p.Inspections = []InspectionRecord{ir}
	m.Inspection, m.Title = in.ID, in.Title

	want := map[string]bool{}
	for _, c := range opt.Units {
		want[upper(c)] = true
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT "+prefixCols("a.", assessmentCols)+", "+prefixCols("u.", unitCols)+
		" FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.inspection_id = ? ORDER BY u.code", in.ID)
	if err != nil {
		return nil, m, translate(err)
	}
	for rows.Next() {
		var a model.Assessment
		var u model.Unit
		var date, status, fin, upd, kind string
		if err := rows.Scan(&a.ID, &a.InspectionID, &a.UnitID, &a.ChecklistID, &a.ChecklistVersion, &date, &a.Place, &status,
			&a.Representative, &a.RepresentativePosition, &a.UnitComments, &a.Strengths, &fin, &a.FinalizedBy, &upd,
			&u.ID, &u.Code, &u.Name, &kind, &u.Address); err != nil {
			rows.Close()
			return nil, m, err
		}
		if len(want) > 0 && !want[u.Code] {
			continue
		}
		a.Date, _ = model.ParseDate(date)
		a.Status, a.FinalizedAt, a.UpdatedAt, u.Kind = model.Status(status), parseTime(fin), parseTime(upd), model.UnitKind(kind)
		p.Assessments = append(p.Assessments, a)
		p.Units = append(p.Units, u)
		m.Units = append(m.Units, u.Code)
	}
	if err := rows.Close(); err != nil {
		return nil, m, err
	}
	if len(want) > 0 {
		for c := range want {
			found := false
			for _, u := range m.Units {
				found = found || u == c
			}
			if !found {
				return nil, m, fmt.Errorf("unit %s in inspection %q: %w", c, in.Title, model.ErrNotFound)
			}
		}
	}
	if len(p.Assessments) == 0 {
		return nil, m, fmt.Errorf("%w: inspection %q has no units", ErrNothingToBundle, in.Title)
	}
	cls := map[string]bool{}
	var ids []string
	ids = append(ids, in.ID)
	for i, a := range p.Assessments {
		ids = append(ids, a.ID, p.Units[i].ID)
		k := a.ChecklistID + "@" + a.ChecklistVersion
		if !cls[k] {
			cls[k] = true
			var h string
			if err := db.sql.QueryRowContext(ctx, "SELECT hash FROM checklists WHERE id = ? AND version = ?", a.ChecklistID, a.ChecklistVersion).Scan(&h); err != nil {
				return nil, m, fmt.Errorf("checklist %s: %w", k, translate(err))
			}
			m.Checklists = append(m.Checklists, ChecklistRef{a.ChecklistID, a.ChecklistVersion, h})
		}
		fs, err := findingsOf(ctx, db.sql, a.ID)
		if err != nil {
			return nil, m, err
		}
		for _, f := range fs {
			p.Findings = append(p.Findings, f)
			ids = append(ids, f.ID)
		}
	}
	sort.Slice(m.Checklists, func(i, j int) bool {
		return m.Checklists[i].ID+"@"+m.Checklists[i].Version < m.Checklists[j].ID+"@"+m.Checklists[j].Version
	})
	sort.Slice(p.Findings, func(i, j int) bool { return p.Findings[i].ID < p.Findings[j].ID })
	// Aliases of the selected records, and their history under every name.
	idj, _ := json.Marshal(ids)
	arows, err := db.sql.QueryContext(ctx, `SELECT kind, alias, canonical FROM id_aliases
		WHERE canonical IN (SELECT value FROM json_each(?)) ORDER BY kind, alias`, string(idj))
	if err != nil {
		return nil, m, translate(err)
	}
	for arows.Next() {
		var al Alias
		if err := arows.Scan(&al.Kind, &al.Alias, &al.Canonical); err != nil {
			arows.Close()
			return nil, m, err
		}
		p.Aliases = append(p.Aliases, al)
		ids = append(ids, al.Alias)
	}
	if err := arows.Close(); err != nil {
		return nil, m, err
	}
	idj, _ = json.Marshal(ids)
	erows, err := db.sql.QueryContext(ctx, "SELECT "+auditCols+` FROM audit WHERE entity_id IN (SELECT value FROM json_each(?))
		ORDER BY device, dev_seq`, string(idj))
	if err != nil {
		return nil, m, translate(err)
	}
	devices := map[string]bool{}
	full := map[string]bool{}
	for erows.Next() {
		e, err := scanAudit(erows)
		if err != nil {
			erows.Close()
			return nil, m, err
		}
		p.Audit = append(p.Audit, e)
		devices[e.Device] = true
		full[fmt.Sprint(e.Device, "/", e.DevSeq)] = true
	}
	if err := erows.Close(); err != nil {
		return nil, m, err
	}
	// Links of the same devices' other entries, so the receiver can follow
	// each chain from its start.
	devs := make([]string, 0, len(devices))
	for d := range devices {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	dj, _ := json.Marshal(devs)
	lrows, err := db.sql.QueryContext(ctx, `SELECT device, dev_seq, prev_hash, hash FROM audit WHERE device IN (SELECT value FROM json_each(?1))
		UNION SELECT device, dev_seq, prev_hash, hash FROM audit_links WHERE device IN (SELECT value FROM json_each(?1))
		ORDER BY 1, 2`, string(dj))
	if err != nil {
		return nil, m, translate(err)
	}
	for lrows.Next() {
		var l ChainLink
		if err := lrows.Scan(&l.Device, &l.DevSeq, &l.PrevHash, &l.Hash); err != nil {
			lrows.Close()
			return nil, m, err
		}
		if !full[fmt.Sprint(l.Device, "/", l.DevSeq)] {
			p.Links = append(p.Links, l)
		}
	}
	if err := lrows.Close(); err != nil {
		return nil, m, err
	}
	rrows, err := db.sql.QueryContext(ctx, "SELECT device, seq FROM bundles_received ORDER BY device, seq")
	if err != nil {
		return nil, m, translate(err)
	}
	for rrows.Next() {
		var r ReceivedRef
		if err := rrows.Scan(&r.Device, &r.Seq); err != nil {
			rrows.Close()
			return nil, m, err
		}
		p.Received = append(p.Received, r)
	}
	if err := rrows.Close(); err != nil {
		return nil, m, err
	}
	return p, m, nil
}
