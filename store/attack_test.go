package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// The attacks of a hostile or broken laptop that holds a trusted key.
// Each failed on the code before bundle format 2 (accepted, or refused
// only after the damage or the cost).

// forge rewrites a bundle d wrote, as d could: mutate its payload, then
// sign it again with d's key. d cannot sign as another device.
func forge(t *testing.T, d *device, path, out string, mutate func(*Manifest, *Payload, *DeviceKey)) string {
	t.Helper()
	b, err := ReadBundleFile(path)
	check(t, err)
	key, err := d.db.DeviceKey(context.Background())
	check(t, err)
	m, p := b.Manifest, b.Payload
	mutate(&m, &p, key)
	var buf bytes.Buffer
	if _, _, err := bundle.Encode(&buf, key, m, &p); err != nil {
		t.Fatal(err)
	}
	o := filepath.Join(d.dir, out)
	check(t, os.WriteFile(o, buf.Bytes(), 0o600))
	return o
}

// resignFrom recomputes the hashes of dev's entries from index i on (in
// payload order, one chain) and signs them with key, as dev itself would
// after changing entry i.
func resignFrom(p *Payload, i int, key *DeviceKey) {
	dev := p.Audit[i].Device
	prev := -1
	for j := i; j < len(p.Audit); j++ {
		if p.Audit[j].Device != dev {
			continue
		}
		if prev >= 0 {
			p.Audit[j].PrevHash = p.Audit[prev].Hash
		}
		p.Audit[j].Hash = ChainHash(p.Audit[j])
		bundle.SignEntry(key, &p.Audit[j])
		prev = j
	}
	p.Links = nil
}

// lastEntryOf is the index of dev's last entry in the payload.
func lastEntryOf(p *Payload, dev string) int {
	idx := -1
	for i, e := range p.Audit {
		if e.Device == dev && (idx < 0 || e.DevSeq > p.Audit[idx].DevSeq) {
			idx = i
		}
	}
	return idx
}

func importResult(t *testing.T, d *device, path string) ImportResult {
	t.Helper()
	rep, err := d.db.Import(context.Background(), []string{path}, ImportOptions{})
	check(t, err)
	return rep.Results[0]
}

// TestForgedEntryInAnotherDevicesName: A unpacks its own bundle, appends a
// revision and audit entry naming device B and B's inspector, with B's
// next number and the right previous hash, and signs the bundle again.
// The office refuses it, naming B and the entry, and then accepts B's
// genuine next bundle (before, it accepted the forgery, showed it as B's
// work, and refused B's own bundle as "rewritten").
func TestForgedEntryInAnotherDevicesName(t *testing.T) {
	t.Parallel()
	a, b, c := newDevice(t, "A"), newDevice(t, "B"), newCentre(t, "C")
	trustAll(t, a, b, c)
	b.save(t, "1.1.1", pass)
	a.importFiles(t, b.bundle(t, "b1.ktb"))
	a.save(t, "1.1.2", partial)
	src := a.bundle(t, "a1.ktb")
	for name, sign := range map[string]func(*AuditEntry, *DeviceKey){
		"signed by the relay":     func(e *AuditEntry, k *DeviceKey) { bundle.SignEntry(k, e) },
		"unsigned":                func(e *AuditEntry, _ *DeviceKey) { e.Sig = "" },
		"with B's last signature": func(e *AuditEntry, _ *DeviceKey) {},
	} {
		f := forge(t, a, src, "forged.ktb", func(m *Manifest, p *Payload, key *DeviceKey) {
			i := lastEntryOf(p, b.db.Device())
			last := p.Audit[i]
			var prev model.Finding
			check(t, json.Unmarshal([]byte(last.New), &prev))
			nf := prev
			nf.Result, nf.Score, nf.Note = model.ResultFail, 0, "bịa đặt"
			nf.Revision, nf.BaseRevision, nf.UpdatedAt = model.NewID(), prev.Revision, last.At.Add(time.Second)
			e := AuditEntry{ID: model.NewID(), Device: b.db.Device(), DevSeq: last.DevSeq + 1, At: nf.UpdatedAt, Actor: "B",
				Entity: "finding", EntityID: nf.ID, Action: "save", Old: last.New, New: jsonOf(nf), Revision: nf.Revision,
				BaseRevision: prev.Revision, PrevHash: last.Hash, Sig: last.Sig}
			e.Hash = ChainHash(e)
			sign(&e, key)
			p.Audit = append(p.Audit, e)
			for j := range p.Findings {
				if p.Findings[j].ID == nf.ID {
					p.Findings[j] = nf
				}
			}
		})
		res := importResult(t, c, f)
		want := ErrEntrySignature
		if name == "unsigned" {
			want = ErrEntryUnsigned
		}
		if !errors.Is(res.Err, want) {
			t.Fatalf("%s: %v, want %v", name, res.Err, want)
		}
		if p := model.ErrorParams(res.Err); len(p) != 2 || p[0] != short(b.db.Device()) {
			t.Errorf("%s: params %q, want B's device and the entry", name, p)
		}
	}
	b.save(t, "2.1.1", lvlHalf)
	if res := importResult(t, c, b.bundle(t, "b2.ktb")); res.Err != nil {
		t.Fatalf("B's genuine bundle refused: %v", res.Err)
	}
}

// TestRevisionNamingAnotherDeviceRefused: the simpler forgery, a revision
// in A's own chain whose device and author say B.
func TestRevisionNamingAnotherDeviceRefused(t *testing.T) {
	t.Parallel()
	a, b, c := newDevice(t, "A"), newDevice(t, "B"), newCentre(t, "C")
	trustAll(t, a, b, c)
	a.save(t, "1.1.1", pass)
	f := forge(t, a, a.bundle(t, "a1.ktb"), "forged.ktb", func(m *Manifest, p *Payload, key *DeviceKey) {
		i := lastEntryOf(p, a.db.Device())
		var fd model.Finding
		check(t, json.Unmarshal([]byte(p.Audit[i].New), &fd))
		fd.Device, fd.UpdatedBy = b.db.Device(), "B"
		p.Audit[i].New = jsonOf(fd)
		for j := range p.Findings {
			if p.Findings[j].Revision == fd.Revision {
				p.Findings[j] = fd
			}
		}
		resignFrom(p, i, key)
	})
	if res := importResult(t, c, f); !errors.Is(res.Err, bundle.ErrAuthorship) {
		t.Fatalf("%v, want the authorship refused", res.Err)
	}
}

// TestUntrustedBundleRefusedBeforeItsPayload: a bundle from an untrusted
// key is refused before its payload is read: here the payload is not even
// gzip, and the refusal is still the trust one (before, the payload was
// inflated and decoded first, at any cost).
func TestUntrustedBundleRefusedBeforeItsPayload(t *testing.T) {
	t.Parallel()
	a, c := newDevice(t, "A"), newCentre(t, "C")
	a.save(t, "1.1.1", pass)
	raw, err := os.ReadFile(a.bundle(t, "a1.ktb"))
	check(t, err)
	_, mraw, _ := splitForTest(raw)
	var m Manifest
	check(t, json.Unmarshal(mraw, &m))
	junk := []byte("this is not gzip at all")
	sum := sha256.Sum256(junk)
	m.PayloadBytes, m.PayloadSHA256, m.PlainBytes = int64(len(junk)), hex.EncodeToString(sum[:]), 1
	key, err := a.db.DeviceKey(context.Background())
	check(t, err)
	var buf bytes.Buffer
	_, err = bundle.WriteHeader(&buf, key, m)
	check(t, err)
	buf.Write(junk)
	p := filepath.Join(a.dir, "u.ktb")
	check(t, os.WriteFile(p, buf.Bytes(), 0o600))
	if res := importResult(t, c, p); !errors.Is(res.Err, ErrUntrusted) {
		t.Fatalf("%v, want the trust refusal before the payload", res.Err)
	}
}

// TestBombFromTrustedDeviceRefused: a trusted laptop's bundle of 100,000
// links that compress a thousandfold is refused for its expansion, before
// it is inflated (before, it was accepted after seconds of work).
func TestBombFromTrustedDeviceRefused(t *testing.T) {
	t.Parallel()
	a, c := newDevice(t, "A"), newCentre(t, "C")
	trustAll(t, a, c)
	a.save(t, "1.1.1", pass)
	line := fmt.Sprintf(`{"t":"link","v":{"device":%q,"dev_seq":1,"prev_hash":"","hash":%q}}`+"\n",
		model.DerivedID("device", "bomb"), strings.Repeat("0", 64))
	plain := []byte(strings.Repeat(line, 600000))
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	_, _ = zw.Write(plain)
	check(t, zw.Close())
	raw, err := os.ReadFile(a.bundle(t, "a1.ktb"))
	check(t, err)
	_, mraw, _ := splitForTest(raw)
	var m Manifest
	check(t, json.Unmarshal(mraw, &m))
	sum := sha256.Sum256(z.Bytes())
	m.PayloadBytes, m.PayloadSHA256, m.PlainBytes = int64(z.Len()), hex.EncodeToString(sum[:]), int64(len(plain))
	key, err := a.db.DeviceKey(context.Background())
	check(t, err)
	var buf bytes.Buffer
	_, err = bundle.WriteHeader(&buf, key, m)
	check(t, err)
	buf.Write(z.Bytes())
	p := filepath.Join(a.dir, "bomb.ktb")
	check(t, os.WriteFile(p, buf.Bytes(), 0o600))
	if res := importResult(t, c, p); !errors.Is(res.Err, bundle.ErrTooLarge) {
		t.Fatalf("%v, want the bomb refused for its expansion", res.Err)
	}
}

// TestImportedFindingsObeyTheRules: a trusted device's bundle carrying
// what the app's own save path refuses is refused with the record and the
// reason, and nothing is written (before, each was accepted: a score of
// 999,999 printed as "10000,49/100 điểm").
func TestImportedFindingsObeyTheRules(t *testing.T) {
	t.Parallel()
	for name, mut := range map[string]func(*model.Finding){
		"score 999,999": func(f *model.Finding) { f.Score = 99999900 },
		"negative":      func(f *model.Finding) { f.Score = -100 },
		"unknown item":  func(f *model.Finding) { f.ItemCode = "9.9.9" },
		"đạt with 0":    func(f *model.Finding) { f.Score = 0 },
		"empty author":  func(f *model.Finding) { f.UpdatedBy = "" },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a, c := newDevice(t, "A"), newCentre(t, "C")
			trustAll(t, a, c)
			a.save(t, "1.1.1", pass)
			f := forge(t, a, a.bundle(t, "a1.ktb"), "bad.ktb", func(m *Manifest, p *Payload, key *DeviceKey) {
				i := lastEntryOf(p, a.db.Device())
				var fd model.Finding
				check(t, json.Unmarshal([]byte(p.Audit[i].New), &fd))
				mut(&fd)
				p.Audit[i].New, p.Audit[i].Actor = jsonOf(fd), fd.UpdatedBy
				p.Findings[0] = fd
				resignFrom(p, i, key)
			})
			before := dump(t, c.db)
			res := importResult(t, c, f)
			if !errors.Is(res.Err, ErrBundleContent) || len(model.ErrorParams(res.Err)) != 2 {
				t.Fatalf("%v, want the record and the reason", res.Err)
			}
			if dump(t, c.db) != before {
				t.Fatal("the refused bundle changed the database")
			}
		})
	}
}

// TestUnitIDClashRefusedBeforeBackup: a bundle whose unit has an ID held
// here under another code is refused before the backup and the write
// transaction, with the unit named (before: a raw "UNIQUE constraint
// failed: units.id (1555)" from inside the transaction, after the backup).
func TestUnitIDClashRefusedBeforeBackup(t *testing.T) {
	t.Parallel()
	a, c := newDevice(t, "A"), newCentre(t, "C")
	trustAll(t, a, c)
	a.save(t, "1.1.1", pass)
	c.importFiles(t, a.bundle(t, "a1.ktb"))
	f := forge(t, a, a.bundle(t, "a2.ktb"), "clash.ktb", func(m *Manifest, p *Payload, key *DeviceKey) {
		p.Units[0].Code = "STC"
		m.Units = []string{"STC"}
	})
	backups, err := c.db.Backups()
	check(t, err)
	rep, err := c.db.Import(context.Background(), []string{f}, ImportOptions{})
	check(t, err)
	if e := rep.Results[0].Err; !errors.Is(e, ErrBundleContent) || model.ErrorParams(e)[0] != "STC" {
		t.Fatalf("%v, want the unit refused by name", e)
	}
	after, err := c.db.Backups()
	check(t, err)
	if rep.Backup != "" || len(after) != len(backups) {
		t.Fatalf("a backup was made for a refused bundle: %q", rep.Backup)
	}
}

// TestCorrectedUnitNameNotReverted: a unit's name corrected on Sở Nội vụ's
// database survives the next import of a laptop's older copy (before, the
// greater string won: "Sở Tư pháp" over "Sở Tư Pháp tỉnh Hải Dương").
func TestCorrectedUnitNameNotReverted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, c := newDevice(t, "A"), newDevice(t, "C")
	trustAll(t, a, c)
	a.save(t, "1.1.1", pass)
	const fixed = "Sở Tư Pháp tỉnh Hải Dương"
	if _, err := c.db.RenameUnit(ctx, "C", "STP", fixed, "so"); err != nil {
		t.Fatal(err)
	}
	c.importFiles(t, a.bundle(t, "a1.ktb"))
	u, err := c.db.UnitByCode(ctx, "STP")
	check(t, err)
	if u.Name != fixed {
		t.Fatalf("the corrected name was reverted to %q", u.Name)
	}
	// The laptop takes the correction, and keeps it.
	a.importFiles(t, c.bundle(t, "c1.ktb"))
	if u, _ := a.db.UnitByCode(ctx, "STP"); u.Name != fixed {
		t.Fatalf("laptop: %q", u.Name)
	}
	c.importFiles(t, a.bundle(t, "a2.ktb"))
	if u, _ := c.db.UnitByCode(ctx, "STP"); u.Name != fixed {
		t.Fatalf("after the round trip: %q", u.Name)
	}
}

// TestDamagedNoteNotSent: one flipped letter in a stored note (SQLite's
// checks pass) is found before a bundle is written, and named (before,
// the bundle was written, and every receiver refused it).
func TestDamagedNoteNotSent(t *testing.T) {
	t.Parallel()
	a := newDevice(t, "A")
	a.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."})
	if _, err := a.db.sql.Exec("UPDATE findings SET note = 'Chưa ban hành kế hoạcx.'"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(a.dir, "x.ktb")
	_, err := a.db.WriteBundle(context.Background(), out, BundleOptions{Inspection: a.in.ID})
	if !errors.Is(err, &model.Error{Code: model.EDamagedRecord}) || model.ErrorParams(err)[0] != "STP 1.1.1" {
		t.Fatalf("%v, want the damaged record named", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a bundle was left behind: %v", err)
	}
}

// TestBundleOutRefusesExistingFile: bundle --out over an existing file is
// refused without --force (before, the file was replaced).
func TestBundleOutRefusesExistingFile(t *testing.T) {
	t.Parallel()
	a := newDevice(t, "A")
	p := filepath.Join(a.dir, "x.ktb")
	check(t, os.WriteFile(p, []byte("báo cáo của tôi"), 0o600))
	_, err := a.db.WriteBundle(context.Background(), p, BundleOptions{Inspection: a.in.ID})
	if !errors.Is(err, &model.Error{Code: model.EExists}) {
		t.Fatalf("%v, want EExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "báo cáo của tôi" {
		t.Fatal("the existing file was changed")
	}
	if _, err := a.db.WriteBundle(context.Background(), p, BundleOptions{Inspection: a.in.ID, Replace: true}); err != nil {
		t.Fatalf("with --force: %v", err)
	}
}

// TestOverwrittenBundleDoesNotHaunt: bundle 1 was overwritten by bundle 2
// before anyone imported it; bundle 2 carries everything, so the office
// does not report bundle 1 as never arrived (before: forever).
func TestOverwrittenBundleDoesNotHaunt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, c := newDevice(t, "D"), newCentre(t, "C")
	trustAll(t, d, c)
	d.save(t, "1.1.1", pass)
	out := filepath.Join(d.dir, "x.ktb")
	_, err := d.db.WriteBundle(ctx, out, BundleOptions{Inspection: d.in.ID})
	check(t, err)
	d.save(t, "1.1.2", partial)
	_, err = d.db.WriteBundle(ctx, out, BundleOptions{Inspection: d.in.ID, Replace: true})
	check(t, err)
	if rep := c.importFiles(t, out); len(rep.Gaps) != 0 {
		t.Fatalf("gaps %+v: bundle 2 carried all of bundle 1", rep.Gaps)
	}
}

// TestRelayCannotHideAGap: D's bundle 1 (unit STP's work) went to the team
// leader L; D's bundle 2 (only unit STC) reached the office, which
// therefore knows bundle 1 exists. L's bundle carries only its own unit
// but claims to have received D's bundle 1: the office still reports it
// missing (before, the claim hid it). When L relays D's STP work, signed
// by D, the gap closes whoever brought it.
func TestRelayCannotHideAGap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, l, c := newDevice(t, "D"), newDevice(t, "L"), newCentre(t, "C")
	trustAll(t, d, l, c)
	for _, dev := range []*device{d, l, c} {
		if _, err := dev.db.SaveUnit(ctx, "X", model.Unit{Code: "STC", Name: "Sở Tài chính", Kind: "so"}); err != nil {
			t.Fatal(err)
		}
	}
	stc, err := d.db.UnitByCode(ctx, "STC")
	check(t, err)
	for _, dev := range []*device{d, l} {
		if _, err := dev.db.AddAssessment(ctx, "X", model.Assessment{InspectionID: dev.in.ID, UnitID: stc.ID, ChecklistID: "test",
			ChecklistVersion: "1"}); err != nil {
			t.Fatal(err)
		}
	}
	d.save(t, "1.1.1", pass) // STP
	out1 := filepath.Join(d.dir, "d1.ktb")
	_, err = d.db.WriteBundle(ctx, out1, BundleOptions{Inspection: d.in.ID, Units: []string{"STP"}})
	check(t, err)
	l.importFiles(t, out1)
	out2 := filepath.Join(d.dir, "d2.ktb")
	_, err = d.db.WriteBundle(ctx, out2, BundleOptions{Inspection: d.in.ID, Units: []string{"STC"}})
	check(t, err)
	if rep := c.importFiles(t, out2); len(rep.Gaps) != 1 || fmt.Sprint(rep.Gaps[0].Missing) != "[1]" {
		t.Fatalf("gaps %+v, want D's bundle 1", rep.Gaps)
	}
	partialOut := filepath.Join(l.dir, "l1.ktb")
	_, err = l.db.WriteBundle(ctx, partialOut, BundleOptions{Inspection: l.in.ID, Units: []string{"STC"}})
	check(t, err)
	rep := c.importFiles(t, partialOut)
	gaps, err := c.db.Gaps(ctx, d.db.Device())
	check(t, err)
	if len(gaps) != 1 || fmt.Sprint(gaps[0].Missing) != "[1]" {
		t.Fatalf("after the relay's claim: gaps %+v (report %+v), want D's bundle 1 still missing", gaps, rep.Gaps)
	}
	fullOut := filepath.Join(l.dir, "l2.ktb")
	_, err = l.db.WriteBundle(ctx, fullOut, BundleOptions{Inspection: l.in.ID})
	check(t, err)
	c.importFiles(t, fullOut)
	if gaps, _ := c.db.Gaps(ctx, d.db.Device()); len(gaps) != 0 {
		t.Fatalf("D's work relayed whole, yet gaps %+v", gaps)
	}
}

// TestCheckNamesTheDamageAndRepairsRecords: kiemtra check finds a flipped
// letter in a stored note (SQLite's own checks pass) and names the record;
// --repair restores it from its history, after which the laptop can send
// again. A flipped letter in the history itself is named by its entry, the
// record it is about, when and by whom it was saved.
func TestCheckNamesTheDamageAndRepairsRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := newDevice(t, "Nguyễn Thị Hương")
	a.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."})
	a.save(t, "1.1.2", partial)
	if rep, err := a.db.Check(ctx, false); err != nil || !rep.OK() || rep.Findings != 2 || rep.Entries == 0 {
		t.Fatalf("a sound database: %+v %v", rep, err)
	}
	_, err := a.db.sql.Exec("UPDATE findings SET note = 'Chưa ban hành kế hoạcx.' WHERE item_code = '1.1.1'")
	check(t, err)
	rep, err := a.db.Check(ctx, false)
	check(t, err)
	if len(rep.Integrity) != 0 || len(rep.Problems) != 1 || !errors.Is(rep.Problems[0], &model.Error{Code: model.EDamagedRecord}) ||
		model.ErrorParams(rep.Problems[0])[0] != "STP 1.1.1" {
		t.Fatalf("damaged note: %+v", rep)
	}
	if rep, err = a.db.Check(ctx, true); err != nil || rep.Repaired != 1 || !rep.OK() {
		t.Fatalf("repair: %+v %v", rep, err)
	}
	if f := findingsByItem(t, a)["1.1.1"]; f.Note != "Chưa ban hành kế hoạch." {
		t.Fatalf("repaired note %q", f.Note)
	}
	a.bundle(t, "after-repair.ktb")
	// Now the history: the entry of 1.1.2's answer.
	_, err = a.db.sql.Exec(`UPDATE audit SET new = replace(new, '"score":100', '"score":200') WHERE entity = 'finding' AND new LIKE '%1.1.2%'`)
	check(t, err)
	rep, err = a.db.Check(ctx, true)
	check(t, err)
	if len(rep.Problems) == 0 || !errors.Is(rep.Problems[0], &model.Error{Code: model.EDamagedEntry}) {
		t.Fatalf("damaged history: %+v", rep)
	}
	if p := model.ErrorParams(rep.Problems[0]); len(p) != 4 || p[1] != "STP 1.1.2" || p[3] != "Nguyễn Thị Hương" {
		t.Fatalf("params %q, want the entry, STP 1.1.2, when, by whom", p)
	}
	if _, err := a.db.WriteBundle(ctx, filepath.Join(a.dir, "x.ktb"), BundleOptions{Inspection: a.in.ID}); !errors.Is(err, &model.Error{Code: model.EDamagedEntry}) {
		t.Fatalf("bundling a damaged history: %v", err)
	}
}
