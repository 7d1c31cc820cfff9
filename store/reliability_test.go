package store

// Helpers shared by the reliability tests (disk full, read-only media) and
// the tests that need nothing but them. The reliability tests put the
// database on a real, small or read-only filesystem: a tmpfs mounted for the
// test. That needs Linux and root; elsewhere they skip, saying why.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
)

// mountTmpfs mounts a tmpfs of the given size (e.g. "2m") on a fresh folder
// and unmounts it when the test ends. It skips the test, with the reason,
// where that is impossible (not Linux, not root, no mount permission).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skipf("needs Linux to mount a tmpfs (this is %s)", runtime.GOOS)
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs; run as root (e.g. in CI's container) to include this test")
	}
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); the test needs mount permission", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		// Lazy unmount: a database handle a failed test left open must not
		// leave the mount behind.
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// remount remounts the tmpfs at dir with the given options ("ro", "rw").
func remount(t *testing.T, dir, opts string) {
	t.Helper()
	// A file closed here may still be open for a moment in a child process
	// another test is starting: between its fork and its exec it holds a
	// copy of every descriptor, and remounting read-only then says "busy".
	// Busy only for that moment, so the remount is tried again.
	var out []byte
	var err error
	for try := 0; try < 50; try++ {
		out, err = exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "busy") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("remount %s %s: %v: %s", dir, opts, err, out)
	}
}

// fixtureAt is newFixture with the database at path: the test checklist and
// one draft assessment of "Sở Tư pháp".
func fixtureAt(t *testing.T, path string) fixture {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2022, 10, 18, 8, 0, 0, 0, time.UTC)}
	db, err := Open(ctx, path, WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { check(t, db.Close()) })
	if _, err := db.AddChecklists(ctx, true, testChecklist()); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportPlan(ctx, "Lê Thu Trang", &model.Plan{
		Inspection: model.Inspection{Year: 2022, Title: "Kiểm tra CCHC năm 2022"},
		Visits: []model.Visit{{Unit: model.Unit{Code: "stp", Name: "Sở Tư pháp", Kind: "so"},
			Date: model.NewDate(2022, 10, 18), ChecklistID: "test"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ovs, err := db.Overviews(ctx, res.Inspection.ID)
	if err != nil || len(ovs) != 1 {
		t.Fatalf("overviews: %v %d", err, len(ovs))
	}
	return fixture{db: db, a: ovs[0].Assessment, in: res.Inspection, clk: c}
}

// integrityOK runs PRAGMA integrity_check and fails the test unless SQLite
// answers exactly "ok".
func integrityOK(t *testing.T, db *DB) {
	t.Helper()
	rows, err := db.sql.QueryContext(context.Background(), "PRAGMA integrity_check")
	if err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	defer func() { closeRows(rows) }()
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if len(got) != 1 || got[0] != "ok" {
		t.Fatalf("integrity_check = %q, want ok", got)
	}
}

// wantFindings fails the test unless db holds exactly the acknowledged
// content per item (the last save the store returned without error).
func wantFindings(t *testing.T, db *DB, assessmentID string, acked map[string]model.Finding) {
	t.Helper()
	fs, err := db.Findings(context.Background(), assessmentID)
	if err != nil {
		t.Fatalf("read findings: %v", err)
	}
	got := map[string]model.Finding{}
	for _, f := range fs {
		got[f.ItemCode] = f
	}
	for code, want := range acked {
		g, ok := got[code]
		switch {
		case !ok:
			t.Errorf("item %s: acknowledged answer lost (revision %s)", code, want.Revision)
		case g.Revision != want.Revision || g.Content() != want.Content():
			t.Errorf("item %s: have revision %s %s, acknowledged %s %s", code, g.Revision,
				describe(g), want.Revision, describe(want))
		}
	}
	if len(got) != len(acked) {
		t.Errorf("%d findings stored, %d acknowledged", len(got), len(acked))
	}
}

func describe(f model.Finding) string {
	n := f.Note
	if len(n) > 20 {
		n = n[:20] + "…"
	}
	return fmt.Sprintf("%s/%s %q", f.Result.Code(), f.Score.Format(','), n)
}

// TestBundleOnReadOnlyMedia proves that bundles on read-only media (a
// write-protected USB stick handed to Sở Nội vụ) are read and imported
// without error: nothing needs writing beside them, and the receipt that
// cannot be written there becomes a warning, not a failure.
func TestBundleOnReadOnlyMedia(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	team := fixtureAt(t, filepath.Join(t.TempDir(), "team.db"))
	office := fixtureAt(t, filepath.Join(t.TempDir(), "office.db"))
	if err := team.db.SetSetting(ctx, SettingInspector, "Lê Thu Trang"); err != nil {
		t.Fatal(err)
	}
	kf := filepath.Join(t.TempDir(), "team.key")
	if _, err := team.db.ExportPublicKey(ctx, kf); err != nil {
		t.Fatal(err)
	}
	if _, err := office.db.TrustKeyFile(ctx, kf, "Đoàn 1"); err != nil {
		t.Fatal(err)
	}
	want := map[string]model.Finding{}
	for _, a := range []model.Finding{
		{ItemCode: "1.1.1", Result: model.ResultPass, Score: 100, Note: "Có kế hoạch"},
		{ItemCode: "2.1.1", Result: model.ResultFail, Note: "Chưa niêm yết"},
	} {
		a.AssessmentID, a.UpdatedBy = team.a.ID, "Lê Thu Trang"
		got, err := team.db.SaveFinding(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		want[a.ItemCode] = got
	}

	dir := mountTmpfs(t, "4m")
	out := filepath.Join(dir, "doan1.ktb")
	info, err := team.db.WriteBundle(ctx, out, BundleOptions{Inspection: team.in.ID})
	if err != nil {
		t.Fatal(err)
	}
	remount(t, dir, "ro")
	before := dirState(t, dir)

	b, err := ReadBundleFile(out)
	if err != nil {
		t.Fatalf("read a bundle on read-only media: %v", err)
	}
	if b.Manifest.Counts.Findings != 2 || b.Manifest.PayloadSHA256 != info.Manifest.PayloadSHA256 {
		t.Errorf("bundle read back: %+v", b.Manifest.Counts)
	}
	rep, err := office.db.Import(ctx, []string{out}, ImportOptions{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Err != nil {
		t.Fatalf("import from read-only media: %+v", rep.Results)
	}
	r := rep.Results[0]
	if r.Receipt != "" || len(r.Warnings) == 0 {
		t.Errorf("receipt on read-only media: written to %q, warnings %q", r.Receipt, r.Warnings)
	}
	// The office now holds the team's answers, by the same revisions.
	got := map[string]string{}
	rows, err := office.db.sql.QueryContext(ctx, "SELECT item_code, revision FROM findings")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var code, rev string
		if err := rows.Scan(&code, &rev); err != nil {
			t.Fatal(err)
		}
		got[code] = rev
	}
	check(t, rows.Err())
	closeRows(rows)
	for code, f := range want {
		if got[code] != f.Revision {
			t.Errorf("item %s: office has revision %q, team saved %q", code, got[code], f.Revision)
		}
	}
	if after := dirState(t, dir); !reflect.DeepEqual(before, after) {
		t.Error("the read-only folder changed")
	}
}
