package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/model"
)

// format1 copies a bundle written by kiemtra before format 2 into dir.
func format1(t *testing.T, dir, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "format1", name))
	check(t, err)
	out := filepath.Join(dir, name)
	check(t, os.WriteFile(out, raw, 0o600))
	return out
}

// TestFormat1BundlesStillImport: laptops upgrade at different times, so a
// bundle of the first format still imports: its own device's entries are
// vouched for by the bundle's signature. What it relays of other devices
// cannot be verified, so it is accepted only where it is already held;
// otherwise the bundle is refused, naming the device and the entry and
// saying what to do.
func TestFormat1BundlesStillImport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCentre(t, "Sở Nội vụ")
	for _, k := range []string{"a.pub", "l.pub"} {
		if _, err := c.db.TrustKeyFile(ctx, format1(t, c.dir, k), ""); err != nil {
			t.Fatal(err)
		}
	}
	// The leader's bundle alone relays the laptop's unsigned entries.
	res := importResult(t, c, format1(t, c.dir, "l1.ktb"))
	if !errors.Is(res.Err, ErrEntryUnsigned) || len(model.ErrorParams(res.Err)) != 2 {
		t.Fatalf("relayed format 1 entries: %v, want them refused as unsigned", res.Err)
	}
	rep := c.importFiles(t, format1(t, c.dir, "a1.ktb"), format1(t, c.dir, "l1.ktb"))
	if rep.Results[0].Accepted != 2 || rep.Results[1].Accepted != 1 || rep.Results[1].Present != 2 {
		t.Fatalf("results %+v", rep.Results)
	}
	fs, err := c.db.sql.Query("SELECT item_code, updated_by FROM findings ORDER BY item_code")
	check(t, err)
	var got []string
	for fs.Next() {
		var item, by string
		check(t, fs.Scan(&item, &by))
		got = append(got, item+" "+by)
	}
	check(t, fs.Err())
	closeRows(fs)
	if want := "[1.1.1 Nguyễn Thị Hương 1.1.2 Nguyễn Thị Hương 2.1.1 Trần Văn Nam]"; fmtList(got) != want {
		t.Fatalf("findings %v, want %s", got, want)
	}
	if gaps, err := c.db.Gaps(ctx); err != nil || len(gaps) != 0 {
		t.Fatalf("gaps %+v %v", gaps, err)
	}
}

func fmtList(ss []string) string {
	out := "["
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out + "]"
}

// TestUpgradeSignsTheOldHistory: a laptop's history made before entries
// were signed is signed by the laptop itself the first time it sends
// after the upgrade (once its chain is found intact); a team leader who
// holds that history unsigned fills in the signatures when the laptop's
// new bundle arrives, and can relay it from then on.
func TestUpgradeSignsTheOldHistory(t *testing.T) {
	t.Parallel()
	a, l, c := newDevice(t, "A"), newDevice(t, "L"), newCentre(t, "C")
	trustAll(t, a, l, c)
	a.save(t, "1.1.1", pass)
	l.importFiles(t, a.bundle(t, "a1.ktb"))
	// Both as an older kiemtra left them: no signatures, nothing checked.
	for _, d := range []*device{a, l} {
		_, err := d.db.sql.Exec("UPDATE audit SET sig = ''")
		check(t, err)
		_, err = d.db.sql.Exec("UPDATE audit_links SET sig = ''")
		check(t, err)
		_, err = d.db.sql.Exec("DELETE FROM settings WHERE key = ?", settingChainChecked)
		check(t, err)
	}
	l.save(t, "1.1.2", partial)
	if res := importResult(t, c, l.bundle(t, "l1.ktb")); !errors.Is(res.Err, ErrEntryUnsigned) {
		t.Fatalf("relaying unsigned history: %v, want it refused", res.Err)
	}
	a2 := a.bundle(t, "a2.ktb")
	var unsigned int
	check(t, a.db.sql.QueryRow("SELECT count(*) FROM audit WHERE sig = ''").Scan(&unsigned))
	if unsigned != 0 {
		t.Fatalf("%d of A's own entries still unsigned after it sent", unsigned)
	}
	l.importFiles(t, a2)
	c.importFiles(t, l.bundle(t, "l2.ktb"))
}

// TestUpgradedLaptop: a laptop's database written by the previous kiemtra
// opens (migrated), takes a receipt of the first format, checks clean,
// signs its history as it sends, and the office takes that bundle without
// reporting the bundle sent before the upgrade missing: the new bundle
// carries all of it.
func TestUpgradedLaptop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	for _, f := range []string{"laptop.db", "laptop.device.key", "leader.pub", "a1.ktb.receipt.json"} {
		format1(t, dir, f)
	}
	db, err := Open(ctx, filepath.Join(dir, "laptop.db"))
	check(t, err)
	t.Cleanup(func() { check(t, db.Close()) })
	if _, err := db.TrustKeyFile(ctx, filepath.Join(dir, "leader.pub"), ""); err != nil {
		t.Fatal(err)
	}
	r, err := db.AcceptReceipt(ctx, filepath.Join(dir, "a1.ktb.receipt.json"))
	if err != nil || r.Accepted != 2 {
		t.Fatalf("a receipt of the first format: %+v %v", r, err)
	}
	if rep, err := db.Check(ctx, false); err != nil || !rep.OK() {
		t.Fatalf("check of the upgraded database: %+v %v", rep, err)
	}
	in, err := db.FindInspection(ctx, "")
	check(t, err)
	out := filepath.Join(dir, "a2.ktb")
	if _, err := db.WriteBundle(ctx, out, BundleOptions{Inspection: in.ID}); err != nil {
		t.Fatal(err)
	}
	c := newCentre(t, "Sở Nội vụ")
	kf := filepath.Join(dir, "laptop.pub")
	_, err = db.ExportPublicKey(ctx, kf)
	check(t, err)
	_, err = c.db.TrustKeyFile(ctx, kf, "Máy chị Hương")
	check(t, err)
	rep := c.importFiles(t, out)
	if rep.Results[0].Accepted != 2 || len(rep.Gaps) != 0 {
		t.Fatalf("the upgraded laptop's bundle: %+v, gaps %+v", rep.Results[0], rep.Gaps)
	}
}

// TestReceiptOfAnyLengthStreams: receipts are signed over the SHA-512 of
// their bytes (format 2), so they are written as a stream; the laptop
// verifies and records them like the first format's.
func TestReceiptOfAnyLengthStreams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, c := newDevice(t, "A"), newCentre(t, "C")
	trustAll(t, a, c)
	a.save(t, "1.1.1", pass)
	a.save(t, "1.1.2", partial)
	f := a.bundle(t, "a1.ktb")
	c.importFiles(t, f)
	r, err := a.db.AcceptReceipt(ctx, f+".receipt.json")
	if err != nil || r.Format != receiptFormat || len(r.Records) != 2 || r.Accepted != 2 {
		t.Fatalf("receipt %+v %v", r, err)
	}
	raw, err := os.ReadFile(f + ".receipt.json")
	check(t, err)
	bad := bytes.Replace(raw, []byte(`"accepted":2`), []byte(`"accepted":3`), 1)
	check(t, os.WriteFile(f+".bad.json", bad, 0o600))
	if _, err := a.db.AcceptReceipt(ctx, f+".bad.json"); !errors.Is(err, ErrReceiptSignature) {
		t.Fatalf("an altered receipt: %v", err)
	}
}
