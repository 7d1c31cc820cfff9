package store

import (
	"bytes"
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"kiemtra/model"
)

// attach puts a file of data on d's finding of item.
func (d *device) attach(t *testing.T, item, name string, data []byte) model.Attachment {
	t.Helper()
	a, err := d.db.AttachEvidence(context.Background(), d.name, d.assessment(t).ID, item, writeTestFile(t, t.TempDir(), name, data))
	if err != nil {
		t.Fatalf("%s attaches %s: %v", d.name, name, err)
	}
	return a
}

// evidenceOf lists d's attachments as "item name received", sorted.
func evidenceOf(t *testing.T, d *device, removed bool) []string {
	t.Helper()
	rows, err := d.db.Evidence(context.Background(), EvidenceFilter{WithRemoved: removed})
	check(t, err)
	var out []string
	for _, r := range rows {
		s := r.ItemCode + " " + r.Name
		if !r.Received {
			s += " (not received)"
		}
		if r.Removed {
			s += " (removed)"
		}
		if r.Pending {
			s += " (pending)"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func dumpEvidence(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	rows, err := db.sql.Query("SELECT id, assessment_id, item_code, sha256, removed, pending, revision, body FROM attachments ORDER BY id")
	check(t, err)
	defer closeRows(rows)
	for rows.Next() {
		var id, as, item, sum, rev, body string
		var removed, pending bool
		check(t, rows.Scan(&id, &as, &item, &sum, &removed, &pending, &rev, &body))
		b.WriteString(strings.Join([]string{id, as, item, sum, rev, body}, "|"))
		if removed {
			b.WriteString("|removed")
		}
		if pending {
			b.WriteString("|pending")
		}
		b.WriteString("\n")
	}
	check(t, rows.Err())
	return b.String()
}

func TestEvidenceTravelsVerifiedAndListed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, office := newDevice(t, "Lê Thu Trang"), newDevice(t, "Sở Nội vụ")
	trustAll(t, a, office)
	photo := pngBytes(model.BlobChunkBytes+777, 3)
	at := a.attach(t, "1.1.1", "bảng niêm yết.png", photo)
	a.attach(t, "2.1.1", "trống.txt", nil) // an empty file arrives too

	// Without files: the attachments arrive, the bytes do not, and the
	// office sees which findings have files still to come.
	slim := filepath.Join(a.dir, "slim.ktb")
	info, err := a.db.WriteBundle(ctx, slim, BundleOptions{Inspection: a.in.ID, NoFiles: true})
	check(t, err)
	if info.Manifest.BlobBytes != 0 || info.Manifest.Counts.Blobs != 0 {
		t.Fatalf("--no-files carried files: %+v", info.Manifest)
	}
	rep := office.importFiles(t, slim)
	if r := rep.Results[0]; r.Files != 0 || r.FilesMissing != 2 {
		t.Errorf("a bundle without files: %d received, %d to come", r.Files, r.FilesMissing)
	}
	want := []string{"1.1.1 bảng niêm yết.png (not received)", "2.1.1 trống.txt (not received)"}
	if got := evidenceOf(t, office, false); strings.Join(got, ";") != strings.Join(want, ";") {
		t.Fatalf("office after a bundle without files: %q", got)
	}
	var buf bytes.Buffer
	if err := office.db.WriteEvidence(ctx, at.SHA256, at.Name, &buf); model.ErrorCode(err) != model.EEvidenceMissing {
		t.Errorf("reading a file not received: %v", err)
	}

	// With files: verified, listed, the same bytes.
	full := a.bundle(t, "full.ktb")
	if r := office.importFiles(t, full).Results[0]; r.Files != 2 || r.FilesMissing != 0 {
		t.Errorf("a bundle with files: %d received, %d to come", r.Files, r.FilesMissing)
	}
	want = []string{"1.1.1 bảng niêm yết.png", "2.1.1 trống.txt"}
	if got := evidenceOf(t, office, false); strings.Join(got, ";") != strings.Join(want, ";") {
		t.Fatalf("office after a bundle with files: %q", got)
	}
	if got := blobBytes(t, office.db, at.SHA256); !bytes.Equal(got, photo) {
		t.Errorf("the office holds %d bytes, differing from the %d attached", len(got), len(photo))
	}
	if dumpEvidence(t, office.db) != dumpEvidence(t, a.db) {
		t.Errorf("the office's attachments differ from the laptop's:\n%s\n%s", dumpEvidence(t, office.db), dumpEvidence(t, a.db))
	}
	// Importing the same again changes nothing.
	before := dump(t, office.db) + dumpEvidence(t, office.db)
	office.importFiles(t, full)
	if dump(t, office.db)+dumpEvidence(t, office.db) != before {
		t.Error("importing the same bundle again changed the office's database")
	}
}

func TestEvidenceFromTwoLaptopsMergesWithoutLoss(t *testing.T) {
	t.Parallel()
	a, b := newDevice(t, "Lê Thu Trang"), newDevice(t, "Phạm Đức Long")
	trustAll(t, a, b)
	x := a.attach(t, "1.1.1", "x.jpg", []byte("\xff\xd8\xff\xe0 x"))
	b.importFiles(t, a.bundle(t, "a1.ktb"))
	// Offline, each changes the same finding: A removes X and attaches Y;
	// B attaches Z and also removes X; A and B attach the same photo W.
	if _, err := a.db.RemoveEvidence(context.Background(), a.name, x.ID); err != nil {
		t.Fatal(err)
	}
	a.attach(t, "1.1.1", "y.jpg", []byte("\xff\xd8\xff\xe0 y"))
	b.attach(t, "1.1.1", "z.pdf", []byte("%PDF-1.4 z"))
	if _, err := b.db.RemoveEvidence(context.Background(), b.name, x.ID); err != nil {
		t.Fatal(err)
	}
	a.attach(t, "1.1.1", "w-a.png", pngBytes(10, 1))
	b.attach(t, "1.1.1", "w-b.png", pngBytes(10, 1))
	a2, b2 := a.bundle(t, "a2.ktb"), b.bundle(t, "b2.ktb")
	a.importFiles(t, b2)
	b.importFiles(t, a2)
	want := []string{"1.1.1 w-a.png", "1.1.1 w-b.png", "1.1.1 x.jpg (removed)", "1.1.1 y.jpg", "1.1.1 z.pdf"}
	for _, d := range []*device{a, b} {
		if got := evidenceOf(t, d, true); strings.Join(got, ";") != strings.Join(want, ";") {
			t.Errorf("%s holds %q, want %q", d.name, got, want)
		}
	}
	if dumpEvidence(t, a.db) != dumpEvidence(t, b.db) {
		t.Errorf("the laptops' attachments differ:\n%s\n%s", dumpEvidence(t, a.db), dumpEvidence(t, b.db))
	}
	if n := countRows(t, a.db, "SELECT count(*) FROM blobs"); n != 4 {
		t.Errorf("A holds %d contents, want 4 (the same photo once)", n)
	}
}

func TestForgedEvidenceRefused(t *testing.T) {
	t.Parallel()
	a, office := newDevice(t, "Lê Thu Trang"), newDevice(t, "Sở Nội vụ")
	trustAll(t, a, office)
	a.attach(t, "1.1.1", "thật.png", pngBytes(5000, 4))
	genuine := a.bundle(t, "a.ktb")
	// A laptop with a trusted key swaps the photo's bytes and signs the
	// bundle again: the attachment's signed hash no longer matches.
	swapped := forge(t, a, genuine, "swapped.ktb", func(_ *Manifest, p *Payload, _ *DeviceKey) {
		p.Blobs[0].Data = append([]byte(nil), p.Blobs[0].Data...)
		p.Blobs[0].Data[100] ^= 1
	})
	importExpectingError(t, office, swapped, model.NewError(model.EBlobHash, nil))
	// A file nobody attached, slipped in beside the genuine one.
	extra := forge(t, a, genuine, "extra.ktb", func(_ *Manifest, p *Payload, _ *DeviceKey) {
		p.Blobs = append(p.Blobs, BlobChunkForTest("00"+strings.Repeat("ab", 31), []byte("virus")))
	})
	importExpectingError(t, office, extra, model.NewError(model.EBundleContent, nil))
	// Pieces dropped: the file is shorter than signed.
	short := forge(t, a, genuine, "short.ktb", func(_ *Manifest, p *Payload, _ *DeviceKey) {
		p.Blobs[0].Data = p.Blobs[0].Data[:10]
	})
	importExpectingError(t, office, short, model.NewError(model.EBlobHash, nil))
	if n := countRows(t, office.db, "SELECT count(*) FROM blob_chunks"); n != 0 {
		t.Errorf("refused bundles left %d pieces", n)
	}
	office.importFiles(t, genuine)
	if got := evidenceOf(t, office, false); len(got) != 1 || got[0] != "1.1.1 thật.png" {
		t.Errorf("after the genuine bundle: %q", got)
	}
}
