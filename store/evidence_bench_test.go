package store

import (
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"

	"kiemtra/model"
)

// BenchmarkEvidenceBundle500MB attaches 20 photos of 25 MB (random bytes,
// which do not compress) on one laptop, writes its bundle and imports it
// at the office: 500 MB of files. Run it under /usr/bin/time -v to see the
// peak memory (store/BUNDLE.md, "Memory and speed"):
//
//	go test -c -o /tmp/store.test ./store && /usr/bin/time -v /tmp/store.test -test.run '^$' -test.bench EvidenceBundle500MB -test.benchtime 1x
func BenchmarkEvidenceBundle500MB(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, office := newDevice(b, "Lê Thu Trang"), newDevice(b, "Sở Nội vụ")
		trustAll(b, a, office)
		dir := b.TempDir()
		buf := make([]byte, model.MaxEvidenceBytes)
		items := []string{"1.1.1", "1.1.2", "2.1.1"}
		for f := 0; f < 20; f++ {
			if _, err := rand.Read(buf); err != nil {
				b.Fatal(err)
			}
			p := filepath.Join(dir, "anh.jpg")
			if err := os.WriteFile(p, buf, 0o600); err != nil {
				b.Fatal(err)
			}
			if _, err := a.db.AttachEvidence(ctx, a.name, a.a.ID, items[f%len(items)], p); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		var rep ImportReport
		out := filepath.Join(a.dir, "500mb.ktb")
		info, err := a.db.WriteBundle(ctx, out, BundleOptions{Inspection: a.in.ID})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(info.Bytes)/1e6, "bundle-MB")
		rep, err = office.db.Import(ctx, []string{out}, ImportOptions{NoBackup: true})
		if err != nil || rep.Results[0].Err != nil {
			b.Fatalf("import: %v %v", err, rep.Results[0].Err)
		}
		b.StopTimer()
		var n int64
		if err := office.db.sql.QueryRow("SELECT sum(size) FROM blobs").Scan(&n); err != nil || n != 20*model.MaxEvidenceBytes {
			b.Fatalf("the office holds %d bytes of files (%v)", n, err)
		}
	}
}
