package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store/bundle"
)

// device is one laptop (or Sở Nội vụ) in a sync test.
type device struct {
	fixture
	name string
	dir  string
}

func newDevice(t testing.TB, name string) *device { return newDeviceIDs(t, name, false) }

// newLegacyDevice is a laptop whose assessment has its own random ID (see
// newFixtureIDs), to exercise the merge's matching of one visit held under
// two IDs.
func newLegacyDevice(t *testing.T, name string) *device { return newDeviceIDs(t, name, true) }

func newDeviceIDs(t testing.TB, name string, ownIDs bool) *device {
	t.Helper()
	f := newFixtureIDs(t, ownIDs)
	ctx := context.Background()
	if err := f.db.SetSetting(ctx, SettingInspector, name); err != nil {
		t.Fatal(err)
	}
	return &device{fixture: f, name: name, dir: filepath.Dir(f.db.Path())}
}

// trustAll makes every device trust every other one.
func trustAll(t testing.TB, ds ...*device) {
	t.Helper()
	ctx := context.Background()
	for _, d := range ds {
		kf := filepath.Join(d.dir, "public.key")
		if _, err := d.db.ExportPublicKey(ctx, kf); err != nil {
			t.Fatal(err)
		}
		for _, o := range ds {
			if o != d {
				if _, err := o.db.TrustKeyFile(ctx, kf, d.name); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func (d *device) save(t *testing.T, item string, c model.Content) model.Finding {
	t.Helper()
	ctx := context.Background()
	a, err := d.db.Assessment(ctx, d.a.ID)
	if err != nil { // re-keyed by a merge: find it by inspection and unit
		a = d.assessment(t)
	}
	d.a = a
	base := ""
	fs, err := d.db.Findings(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.ItemCode == item {
			base = f.Revision
		}
	}
	f := model.Finding{AssessmentID: a.ID, ItemCode: item, UpdatedBy: d.name, BaseRevision: base}
	f.Apply(c)
	saved, err := d.db.SaveFinding(ctx, f)
	if err != nil {
		t.Fatalf("%s saves %s: %v", d.name, item, err)
	}
	return saved
}

// restore puts the laptop's database back as the backup holds it, the way
// a person restores a laptop: same device, same key, the newer work gone.
func (d *device) restore(t *testing.T, backup string) {
	t.Helper()
	check(t, d.db.Close())
	for _, side := range []string{"-wal", "-shm"} {
		if err := os.Remove(d.db.Path() + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(backup)
	check(t, err)
	check(t, os.WriteFile(d.db.Path(), raw, 0o600))
	d.db = openTest(t, d.db.Path())
}

func (d *device) assessment(t *testing.T) model.Assessment {
	t.Helper()
	ovs, err := d.db.Overviews(context.Background(), d.in.ID)
	if err != nil || len(ovs) != 1 {
		t.Fatalf("overviews: %v", err)
	}
	return ovs[0].Assessment
}

func (d *device) bundle(t *testing.T, name string) string {
	t.Helper()
	out := filepath.Join(d.dir, name)
	if _, err := d.db.WriteBundle(context.Background(), out, BundleOptions{Inspection: d.in.ID}); err != nil {
		t.Fatalf("%s bundles: %v", d.name, err)
	}
	return out
}

func (d *device) importFiles(t *testing.T, files ...string) ImportReport {
	t.Helper()
	rep, err := d.db.Import(context.Background(), files, ImportOptions{})
	if err != nil {
		t.Fatalf("%s imports: %v", d.name, err)
	}
	for _, r := range rep.Results {
		if r.Err != nil {
			t.Fatalf("%s imports %s: %v", d.name, filepath.Base(r.File), r.Err)
		}
	}
	return rep
}

// dump is every merged table in comparable form (local bookkeeping such as
// detection times and which files arrived is left out).
func dump(t *testing.T, db *DB) string {
	t.Helper()
	return dumpRows(t, db,
		"SELECT id, year, title, plan, team, updated_at FROM inspections ORDER BY id",
		"SELECT id, code, name, kind FROM units ORDER BY id",
		"SELECT "+assessmentCols+" FROM assessments ORDER BY id",
		"SELECT "+findingCols+" FROM findings ORDER BY id",
		"SELECT id, finding_id, current_revision, other_revision, resolved_at = '' FROM conflicts WHERE resolved_at = '' ORDER BY id",
		"SELECT id, device, dev_seq, hash FROM audit ORDER BY id",
	)
}

func findingsByItem(t *testing.T, d *device) map[string]model.Finding {
	t.Helper()
	fs, err := d.db.Findings(context.Background(), d.assessment(t).ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Finding{}
	for _, f := range fs {
		out[f.ItemCode] = f
	}
	return out
}

var (
	pass    = model.Content{Result: model.ResultPass, Score: 100}
	fail    = model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."}
	partial = model.Content{Result: model.ResultPartial, Score: 100}
	lvlHalf = model.Content{Result: model.ResultPartial, Score: 50}
)

func TestBundleRoundTripBothWays(t *testing.T) {
	t.Parallel()
	a, b := newLegacyDevice(t, "Lê Thu Trang"), newLegacyDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	if a.a.ID == b.a.ID {
		t.Fatal("fixture: the two laptops' assessment IDs should differ")
	}
	a.save(t, "1.1.1", pass)
	a.save(t, "1.1.2", partial)
	b.save(t, "2.1.1", lvlHalf)

	fa := a.bundle(t, "a1.ktb")
	fb := b.bundle(t, "b1.ktb")
	ra := b.importFiles(t, fa)
	rb := a.importFiles(t, fb)
	if r := ra.Results[0]; r.Accepted != 2 || r.Conflicts != 0 || r.Present != 0 {
		t.Errorf("B importing A: %+v", r)
	}
	if r := rb.Results[0]; r.Accepted != 1 || r.Conflicts != 0 {
		t.Errorf("A importing B: %+v", r)
	}
	// A has not yet seen its own answers come back through B; one more
	// exchange and both hold everything.
	a.importFiles(t, b.bundle(t, "b2.ktb"))
	b.importFiles(t, a.bundle(t, "a2.ktb"))
	da, db := dump(t, a.db), dump(t, b.db)
	if da != db {
		t.Fatalf("contents differ after a round trip:\nA:\n%s\nB:\n%s", da, db)
	}
	got := findingsByItem(t, a)
	if len(got) != 3 || got["1.1.1"].Result != model.ResultPass || got["2.1.1"].Score != 50 || got["1.1.2"].UpdatedBy != "Lê Thu Trang" {
		t.Fatalf("merged findings: %+v", got)
	}
	// The same assessment under two IDs became one, kept under the smaller.
	want := min(a.a.ID, b.a.ID)
	if id := a.assessment(t).ID; id != want {
		t.Errorf("assessment kept as %s, want %s", id, want)
	}
	// Every revision travelled with its audit history, under both names.
	h, err := b.db.FindingHistory(context.Background(), got["1.1.1"].ID)
	if err != nil || len(h) != 1 || h[0].Actor != "Lê Thu Trang" {
		t.Fatalf("history %v %+v", err, h)
	}
	// Everything again: nothing changes.
	rep := b.importFiles(t, fa, a.bundle(t, "a3.ktb"))
	if !rep.Results[0].Replay || rep.Results[1].Accepted != 0 || rep.Results[1].Present != 3 {
		t.Errorf("again: %+v", rep.Results)
	}
	if dump(t, b.db) != db {
		t.Error("importing again changed B")
	}
}

func TestBundleConflictKeptListedAndResolved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	a.save(t, "1.1.1", pass)
	b.importFiles(t, a.bundle(t, "a1.ktb"))
	// Both change the agreed answer offline.
	a.save(t, "1.1.1", fail)
	b.save(t, "1.1.1", model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	rb := b.importFiles(t, a.bundle(t, "a2.ktb"))
	ra := a.importFiles(t, b.bundle(t, "b1.ktb"))
	for _, r := range []ImportResult{ra.Results[0], rb.Results[0]} {
		if r.Conflicts != 1 || len(r.Items) != 1 || r.Items[0].ItemCode != "1.1.1" || r.Items[0].UnitCode != "STP" {
			t.Fatalf("import result: %+v", r)
		}
	}
	ca, err := a.db.Conflicts(ctx, ConflictFilter{})
	if err != nil || len(ca) != 1 {
		t.Fatalf("A conflicts: %v %d", err, len(ca))
	}
	cb, _ := b.db.Conflicts(ctx, ConflictFilter{})
	if len(cb) != 1 || cb[0].ID != ca[0].ID || cb[0].Current.Revision != ca[0].Current.Revision {
		t.Fatalf("conflicts differ: %+v vs %+v", ca, cb)
	}
	notes := []string{ca[0].Current.Note, ca[0].Other.Note}
	if !(contains(notes, "Chưa ban hành kế hoạch.") && contains(notes, "Kế hoạch ban hành chậm.")) {
		t.Fatalf("both values must be kept: %v", notes)
	}
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("A and B disagree on the conflicted state")
	}
	// Resolve on A with an edited value; the resolution travels to B.
	merged := model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm và thiếu nhiệm vụ."}
	f, err := a.db.ResolveConflict(ctx, "Trần Văn Minh", ca[0].ID, merged)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.ResolveConflict(ctx, "Trần Văn Minh", ca[0].ID, merged); !errors.Is(err, ErrConflictResolved) {
		t.Errorf("second resolution: %v", err)
	}
	if open, _ := a.db.Conflicts(ctx, ConflictFilter{}); len(open) != 0 {
		t.Fatalf("A still has %d open conflicts", len(open))
	}
	all, _ := a.db.Conflicts(ctx, ConflictFilter{Resolved: true})
	if len(all) != 1 || all[0].ResolvedBy != "Trần Văn Minh" || all[0].Resolution != f.Revision {
		t.Fatalf("resolved conflict: %+v", all)
	}
	h, _ := a.db.FindingHistory(ctx, f.ID)
	if last := h[len(h)-1]; last.Action != "resolve" || last.Actor != "Trần Văn Minh" {
		t.Fatalf("resolution not audited: %+v", last)
	}
	b.importFiles(t, a.bundle(t, "a3.ktb"))
	if open, _ := b.db.Conflicts(ctx, ConflictFilter{}); len(open) != 0 {
		t.Fatalf("B still has %d open conflicts", len(open))
	}
	if got := findingsByItem(t, b)["1.1.1"]; got.Note != merged.Note || got.Revision != f.Revision {
		t.Fatalf("B's finding after resolution: %+v", got)
	}
	a.importFiles(t, b.bundle(t, "b2.ktb"))
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("A and B disagree after the resolution")
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestBundleGapsAndReplay(t *testing.T) {
	t.Parallel()
	a, b := newDevice(t, "A"), newDevice(t, "B")
	trustAll(t, a, b)
	a.save(t, "1.1.1", pass)
	f1 := a.bundle(t, "1.ktb")
	a.save(t, "1.1.2", partial)
	f2 := a.bundle(t, "2.ktb")
	a.save(t, "1.1.1", fail)
	f3 := a.bundle(t, "3.ktb")
	rep := b.importFiles(t, f1, f3)
	// Bundles are cumulative: bundle 3 carries everything bundle 2 did (A's
	// signed statement of bundle 2 says which entries), so 2 is not missed.
	if len(rep.Gaps) != 0 {
		t.Fatalf("gaps: %+v, want none: bundle 3 carried bundle 2's work", rep.Gaps)
	}
	before := dump(t, b.db)
	rep = b.importFiles(t, f1)
	if !rep.Results[0].Replay || dump(t, b.db) != before {
		t.Fatalf("replay of bundle 1: %+v", rep.Results[0])
	}
	// Bundle 2 arriving late fills the gap and changes nothing: its
	// revisions are older than what bundle 3 brought.
	rep = b.importFiles(t, f2)
	if len(rep.Gaps) != 0 || rep.Results[0].Replay || dump(t, b.db) != before {
		t.Fatalf("late bundle 2: gaps %+v result %+v", rep.Gaps, rep.Results[0])
	}
	if got := findingsByItem(t, b)["1.1.1"]; got.Result != model.ResultFail {
		t.Fatalf("late old bundle overwrote a newer value: %+v", got)
	}
}

// tamperCase is a modified bundle and the error it must be refused with.
func importExpectingError(t *testing.T, d *device, path string, want error) {
	t.Helper()
	before := dump(t, d.db)
	backups, _ := d.db.Backups()
	rep, err := d.db.Import(context.Background(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := rep.Results[0].Err
	if got == nil || (want != nil && !errors.Is(got, want)) {
		t.Fatalf("%s: got error %v, want %v", filepath.Base(path), got, want)
	}
	if !strings.Contains(got.Error(), filepath.Base(path)) {
		t.Errorf("the message must name the file: %v", got)
	}
	requireWords(t, got)
	if dump(t, d.db) != before {
		t.Fatalf("%s: the refused bundle changed the database", filepath.Base(path))
	}
	if after, _ := d.db.Backups(); len(after) != len(backups) {
		t.Errorf("%s: a refused bundle made a backup", filepath.Base(path))
	}
}

func TestBundleTamperingRefused(t *testing.T) {
	t.Parallel()
	a, b := newDevice(t, "A"), newDevice(t, "B")
	trustAll(t, a, b)
	a.save(t, "1.1.1", pass)
	a.save(t, "2.1.1", lvlHalf)
	good := a.bundle(t, "good.ktb")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(b.dir, "bad.ktb")
	_, mraw, _ := splitForTest(data)
	manifestEnd := bundle.HeaderBytes + len(mraw)
	sigEnd := manifestEnd + ed25519.SignatureSize
	// Flip one bit in bytes spread over every part of the file.
	for i := 0; i < len(data); i += max(1, len(data)/300) {
		mod := append([]byte(nil), data...)
		mod[i] ^= 0x20
		check(t, os.WriteFile(bad, mod, 0o600))
		var want error
		switch {
		case i < len(bundle.Magic):
			want = ErrBundleFormat
		case i < bundle.HeaderBytes:
			want = nil // version or length: format or truncation
		case i < sigEnd:
			want = ErrBundleSignature
		default:
			want = ErrBundleHash
		}
		importExpectingError(t, b, bad, want)
	}
	for _, n := range []int{0, 5, bundle.HeaderBytes, manifestEnd, sigEnd, len(data) - 1} {
		check(t, os.WriteFile(bad, data[:n], 0o600))
		want := ErrBundleTruncated
		if n == 0 {
			want = ErrBundleFormat
		}
		importExpectingError(t, b, bad, want)
	}
	check(t, os.WriteFile(bad, append(append([]byte(nil), data...), 0), 0o600))
	importExpectingError(t, b, bad, ErrBundleFormat)

	// Re-signed with a key nobody trusts: refused, naming its fingerprint.
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	forged := resignForTest(t, data, pub, priv)
	check(t, os.WriteFile(bad, forged, 0o600))
	importExpectingError(t, b, bad, ErrUntrusted)
	rep, _ := b.db.Import(context.Background(), []string{bad}, ImportOptions{})
	if p := model.ErrorParams(rep.Results[0].Err); len(p) != 3 || p[0] != Fingerprint(pub) || p[2] != "A" {
		t.Errorf("untrusted error params %q, want the fingerprint, device and inspector: %v", p, rep.Results[0].Err)
	}
	// The good bundle still imports, then is a replay.
	b.importFiles(t, good)
	if rep := b.importFiles(t, good); !rep.Results[0].Replay {
		t.Error("second import is not a replay")
	}
}

func TestBundleSequenceReuseAndChangedRevisionRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "A"), newDevice(t, "B")
	trustAll(t, a, b)
	a.save(t, "1.1.1", pass)
	backup, err := a.db.Backup(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	f1 := a.bundle(t, "1.ktb")
	b.importFiles(t, f1)

	// Laptop A restored from a backup (same device, same key) re-issues
	// bundle 1 with other content.
	a.restore(t, backup)
	a.save(t, "1.1.2", partial)
	importExpectingError(t, b, a.bundle(t, "1-again.ktb"), ErrSeqReused)

	// A revision ID re-used with other content (a forged history) is refused.
	c := newDevice(t, "C")
	trustAll(t, a, c)
	f := findingsByItem(t, a)["1.1.1"]
	var rowid int64
	check(t, a.db.sql.QueryRow("SELECT seq FROM audit WHERE revision = ?", f.Revision).Scan(&rowid))
	c.importFiles(t, a.bundle(t, "2.ktb"))
	rewriteEntryForTest(t, a.db, rowid, func(e *AuditEntry) {
		e.New = strings.Replace(e.New, `"score":100`, `"score":0`, 1)
		e.New = strings.Replace(e.New, `"result":"pass"`, `"result":"fail"`, 1)
	})
	importExpectingError(t, c, a.bundle(t, "3.ktb"), ErrChainBroken)
}

func TestBundleBackdatedEntryRefused(t *testing.T) {
	t.Parallel()
	a, b := newDevice(t, "A"), newDevice(t, "B")
	trustAll(t, a, b)
	a.save(t, "1.1.1", pass)
	a.save(t, "1.1.2", partial)
	f := findingsByItem(t, a)["1.1.2"]
	var rowid int64
	check(t, a.db.sql.QueryRow("SELECT seq FROM audit WHERE revision = ?", f.Revision).Scan(&rowid))
	rewriteEntryForTest(t, a.db, rowid, func(e *AuditEntry) { e.At = e.At.AddDate(0, 0, -30) })
	// A's own check refuses to send it, naming the entry…
	_, err := a.db.WriteBundle(context.Background(), filepath.Join(a.dir, "1.ktb"), BundleOptions{Inspection: a.in.ID})
	if !errors.Is(err, &model.Error{Code: model.EDamagedEntry}) {
		t.Fatalf("bundling a back-dated history: %v, want the damaged entry named", err)
	}
	// …and a receiver refuses it from a kiemtra that does not check.
	importExpectingError(t, b, uncheckedBundle(t, a, "1.ktb"), ErrChainBroken)
}

func TestBundleUnknownChecklistRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "A"), newDevice(t, "B")
	trustAll(t, a, b)
	cl := testChecklist()
	cl.Version, cl.Hash = "2", "h2"
	if _, err := a.db.AddChecklists(ctx, false, cl); err != nil {
		t.Fatal(err)
	}
	u, _ := a.db.SaveUnit(ctx, "A", model.Unit{Code: "STC", Name: "Sở Tài chính", Kind: "so"})
	if _, err := a.db.AddAssessment(ctx, "A", model.Assessment{InspectionID: a.in.ID, UnitID: u.ID, ChecklistID: "test", ChecklistVersion: "2"}); err != nil {
		t.Fatal(err)
	}
	importExpectingError(t, b, a.bundle(t, "1.ktb"), ErrChecklistUnknown)
}

func TestKeysAndReceipts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "A"), newDevice(t, "Sở Nội vụ")
	k, err := a.db.DeviceKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(k.Path); err != nil || (!isWindows() && st.Mode().Perm() != 0o600) {
		t.Fatalf("key file: %v %v", err, st)
	}
	if len(k.Fingerprint) != 19 || k.Fingerprint[4] != '-' {
		t.Errorf("fingerprint %q", k.Fingerprint)
	}
	k2, _ := a.db.DeviceKey(ctx)
	if !k2.Public.Equal(k.Public) {
		t.Error("the key changed between uses")
	}
	a.save(t, "1.1.1", pass)
	f1 := a.bundle(t, "1.ktb")
	data, _ := os.ReadFile(f1)
	if strings.Contains(string(data), string(k.private.Seed())) {
		t.Fatal("the private key is inside the bundle")
	}
	// Unknown to Sở Nội vụ until trusted.
	importExpectingError(t, b, f1, ErrUntrusted)
	trustAll(t, a, b)
	rep := b.importFiles(t, f1)
	rp := rep.Results[0].Receipt
	if rp != f1+".receipt.json" {
		t.Fatalf("receipt path %q", rp)
	}
	r, err := a.db.AcceptReceipt(ctx, rp)
	if err != nil {
		t.Fatal(err)
	}
	if r.Accepted != 1 || len(r.Records) != 1 || r.Records[0].Status != model.DeliveryAccepted || r.SignerName != "Sở Nội vụ" {
		t.Fatalf("receipt: %+v", r)
	}
	sent, _ := a.db.SentBundles(ctx)
	if len(sent) != 1 || sent[0].Receipts != 1 {
		t.Fatalf("sent bundles: %+v", sent)
	}
	// A receipt altered in transit is refused.
	raw, _ := os.ReadFile(rp)
	alt := strings.Replace(string(raw), `"accepted":1`, `"accepted":2`, 1)
	check(t, os.WriteFile(rp+".bad", []byte(alt), 0o600))
	if _, err := a.db.AcceptReceipt(ctx, rp+".bad"); !errors.Is(err, ErrReceiptSignature) {
		t.Errorf("altered receipt: %v", err)
	}
	// A receipt for someone else's bundle is refused.
	c := newDevice(t, "C")
	trustAll(t, b, c)
	if _, err := c.db.AcceptReceipt(ctx, rp); !errors.Is(err, ErrReceiptNotOurs) {
		t.Errorf("foreign receipt: %v", err)
	}
}

func TestImportBackupRotates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newDevice(t, "A"), newDevice(t, "B")
	trustAll(t, a, b)
	var files []string
	for i := 0; i < 4; i++ {
		a.save(t, "1.1.1", []model.Content{pass, fail}[i%2])
		files = append(files, a.bundle(t, fmt.Sprintf("%d.ktb", i)))
	}
	for _, f := range files {
		rep, err := b.db.Import(ctx, []string{f}, ImportOptions{BackupKeep: 2})
		if err != nil || rep.Results[0].Err != nil || rep.Backup == "" {
			t.Fatalf("import: %v %+v", err, rep)
		}
	}
	bs, _ := b.db.Backups()
	if len(bs) != 2 {
		t.Fatalf("%d backups kept, want 2: %v", len(bs), bs)
	}
	// A backup is a complete database, openable, holding the state before
	// the last import (three bundles).
	bk, err := Open(ctx, bs[1])
	if err != nil {
		t.Fatal(err)
	}
	defer func() { check(t, bk.Close()) }()
	var n int
	check(t, bk.sql.QueryRow("SELECT count(*) FROM bundles_received").Scan(&n))
	if n != 3 {
		t.Errorf("last backup holds %d received bundles, want 3", n)
	}
}

// requireWords fails unless err has words in the catalogue in both
// languages with every param its message shows.
func requireWords(t *testing.T, err error) {
	t.Helper()
	if model.ErrorCode(err) == model.EInternal {
		t.Errorf("no model code: %v", err)
	}
	// A message with more placeholders than the error has params shows
	// the extra one given here.
	params := append(model.ErrorParams(err), "\x00missing")
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		if msg := i18n.New(lang).Code(model.ErrorCode(err), params...); strings.Contains(msg, "\x00missing") || strings.Contains(msg, "[e.") {
			t.Errorf("%s words for %v: %q", lang, err, msg)
		}
	}
}
