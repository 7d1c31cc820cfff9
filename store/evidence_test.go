package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"kiemtra/model"
)

// pngBytes is the start of a PNG file followed by n bytes of filler.
func pngBytes(n int, fill byte) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{fill}, n)...)
}

func writeTestFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func blobBytes(t *testing.T, db *DB, sum string) []byte {
	t.Helper()
	var b bytes.Buffer
	check(t, db.WriteEvidence(context.Background(), sum, "x", &b))
	return b.Bytes()
}

func countRows(t *testing.T, db *DB, q string, args ...any) int {
	t.Helper()
	var n int
	check(t, db.sql.QueryRow(q, args...).Scan(&n))
	return n
}

func TestAttachEvidenceStoresContentOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	dir := t.TempDir()
	// Over two chunks, so the pieces must be put back in order.
	photo := pngBytes(2*model.BlobChunkBytes+1234, 7)
	photo[len(photo)-1] = 9
	p1 := writeTestFile(t, dir, "bảng niêm yết.png", photo)
	p2 := writeTestFile(t, dir, "copy.png", photo)

	a1, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", p1)
	check(t, err)
	sum := sha256.Sum256(photo)
	if a1.SHA256 != hex.EncodeToString(sum[:]) || a1.Size != int64(len(photo)) || a1.MediaType != "image/png" ||
		a1.Name != "bảng niêm yết.png" || a1.AddedBy != "Lê Thu Trang" || a1.AddedDevice != f.db.device || a1.Removed {
		t.Fatalf("attached %+v", a1)
	}
	// The same photo on the same finding is the one attachment; on another
	// finding it is a second attachment of the same stored content.
	again, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", p2)
	check(t, err)
	if again.ID != a1.ID {
		t.Errorf("the same content attached twice to one finding made a second attachment %s", again.ID)
	}
	a2, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "2.1.1", p2)
	check(t, err)
	if a2.ID == a1.ID || a2.SHA256 != a1.SHA256 {
		t.Errorf("second finding's attachment %+v", a2)
	}
	if n := countRows(t, f.db, "SELECT count(*) FROM blobs"); n != 1 {
		t.Errorf("%d blobs, want the content once", n)
	}
	if n := countRows(t, f.db, "SELECT count(*) FROM blob_chunks"); n != 3 {
		t.Errorf("%d chunks, want 3", n)
	}
	if got := blobBytes(t, f.db, a1.SHA256); !bytes.Equal(got, photo) {
		t.Errorf("read back %d bytes, differing from the %d attached", len(got), len(photo))
	}
	rows, err := f.db.Evidence(ctx, EvidenceFilter{UnitCode: "stp"})
	check(t, err)
	if len(rows) != 2 || rows[0].ItemCode != "1.1.1" || rows[1].ItemCode != "2.1.1" || !rows[0].Received || rows[0].UnitCode != "STP" {
		t.Fatalf("listed %+v", rows)
	}
	if n := countRows(t, f.db, "SELECT count(*) FROM audit WHERE entity = 'attachment' AND action = 'attach' AND sig != ''"); n != 2 {
		t.Errorf("%d signed attach entries, want 2", n)
	}

	// Removal: a revision based on the addition, audited, listed no more.
	rm, err := f.db.RemoveEvidence(ctx, "Phạm Đức Long", model.ShortID(a2.ID))
	check(t, err)
	if !rm.Removed || rm.BaseRevision != a2.Revision || rm.UpdatedBy != "Phạm Đức Long" || rm.AddedBy != "Lê Thu Trang" {
		t.Errorf("removed %+v", rm)
	}
	rows, err = f.db.Evidence(ctx, EvidenceFilter{ItemCode: "2.1.1"})
	check(t, err)
	if len(rows) != 0 {
		t.Errorf("a removed file is still listed: %+v", rows)
	}
	rows, err = f.db.Evidence(ctx, EvidenceFilter{ItemCode: "2.1.1", WithRemoved: true})
	check(t, err)
	if len(rows) != 1 || !rows[0].Removed {
		t.Errorf("with removed: %+v", rows)
	}
	var old, nw string
	check(t, f.db.sql.QueryRow("SELECT old, new FROM audit WHERE entity = 'attachment' AND action = 'remove'").Scan(&old, &nw))
	if !strings.Contains(old, a2.Revision) || !strings.Contains(nw, `"removed":true`) {
		t.Errorf("removal entry old %s new %s", old, nw)
	}
	// Removing again changes nothing.
	before := countRows(t, f.db, "SELECT count(*) FROM audit")
	_, err = f.db.RemoveEvidence(ctx, "Phạm Đức Long", a2.ID)
	check(t, err)
	if after := countRows(t, f.db, "SELECT count(*) FROM audit"); after != before {
		t.Errorf("removing a removed file wrote %d entries", after-before)
	}
}

func TestAttachEvidenceRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	dir := t.TempDir()
	before := dump(t, f.db)

	big := writeTestFile(t, dir, "big.pdf", nil)
	check(t, os.Truncate(big, model.MaxEvidenceBytes+1))
	_, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", big)
	if model.ErrorCode(err) != model.EEvidenceTooLarge {
		t.Fatalf("a file over the limit: %v", err)
	}
	if p := model.ErrorParams(err); len(p) != 3 || p[0] != big || p[2] != "25.0 MB" {
		t.Errorf("too large params %q", p)
	}
	if _, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", dir); model.ErrorCode(err) != model.ENotRegular {
		t.Errorf("a folder: %v", err)
	}
	if runtime.GOOS != "windows" {
		link := filepath.Join(dir, "link.png")
		check(t, os.Symlink(big, link))
		if _, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", link); model.ErrorCode(err) != model.ENotRegular {
			t.Errorf("a link: %v", err)
		}
	}
	ok := writeTestFile(t, dir, "ok.jpg", []byte("\xff\xd8\xff\xe0 jpeg"))
	if _, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "9.9.9", ok); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("an item the checklist lacks: %v", err)
	}
	if _, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", filepath.Join(dir, "none.jpg")); model.ErrorCode(err) != model.EFileMissing {
		t.Errorf("a missing file: %v", err)
	}
	if dump(t, f.db) != before || countRows(t, f.db, "SELECT count(*) FROM blob_chunks") != 0 {
		t.Fatal("a refused file changed the database")
	}
	if _, err := f.db.Finalize(ctx, "Lê Thu Trang", f.a.ID); err == nil {
		if _, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", ok); !errors.Is(err, model.ErrFinalized) {
			t.Errorf("attaching to a finalized record: %v", err)
		}
	}
}

func TestMediaType(t *testing.T) {
	t.Parallel()
	zip := []byte("PK\x03\x04\x14\x00\x06\x00")
	for _, c := range []struct {
		name string
		head []byte
		want string
	}{
		{"a.pdf", []byte("%PDF-1.7\n"), "application/pdf"},
		{"a.JPG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "image/jpeg"},
		{"a.jpg", pngBytes(8, 0), "image/png"}, // the content decides
		{"IMG_0001.HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), "image/heic"},
		{"bb.docx", zip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"bang.xlsx", zip, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"a.zip", zip, "application/zip"},
		{"a.pdf", []byte{0, 1, 2, 3}, "application/octet-stream"}, // named .pdf, not one
	} {
		if got := mediaType(c.name, c.head); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestCheckNamesADamagedEvidenceFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	at, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", writeTestFile(t, t.TempDir(), "scan.pdf", []byte("%PDF-1.4 scan")))
	check(t, err)
	rep, err := f.db.Check(ctx, false)
	check(t, err)
	if !rep.OK() {
		t.Fatalf("a sound database: %+v", rep)
	}
	// One byte flipped on disk.
	_, err = f.db.sql.Exec("UPDATE blob_chunks SET data = CAST('%PDF-1.4 scam' AS BLOB) WHERE sha256 = ?", at.SHA256)
	check(t, err)
	rep, err = f.db.Check(ctx, true)
	check(t, err)
	if len(rep.Problems) != 1 || model.ErrorCode(rep.Problems[0]) != model.EDamagedFile || model.ErrorParams(rep.Problems[0])[0] != "scan.pdf" {
		t.Fatalf("check found %v", rep.Problems)
	}
	var b bytes.Buffer
	if err := f.db.WriteEvidence(ctx, at.SHA256, at.Name, &b); model.ErrorCode(err) != model.EDamagedFile {
		t.Errorf("reading the damaged file: %v", err)
	}
}

func TestDamagedEvidenceFileNotSent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	check(t, f.db.SetSetting(ctx, SettingInspector, "Lê Thu Trang"))
	at, err := f.db.AttachEvidence(ctx, "Lê Thu Trang", f.a.ID, "1.1.1", writeTestFile(t, t.TempDir(), "scan.pdf", []byte("%PDF-1.4 scan")))
	check(t, err)
	_, err = f.db.sql.Exec("UPDATE blob_chunks SET data = CAST('%PDF-1.4 scam' AS BLOB) WHERE sha256 = ?", at.SHA256)
	check(t, err)
	out := filepath.Join(t.TempDir(), "b.ktb")
	_, err = f.db.WriteBundle(ctx, out, BundleOptions{Inspection: f.in.ID})
	if model.ErrorCode(err) != model.EDamagedFile || model.ErrorParams(err)[0] != "scan.pdf" {
		t.Fatalf("bundling a damaged file: %v", err)
	}
	if _, serr := os.Stat(out); serr == nil {
		t.Error("a bundle was written with a damaged file")
	}
}
