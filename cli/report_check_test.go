package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// damageAudit breaks a page of the audit history's index in the database
// at path (cleanly closed): structural damage the integrity check finds
// and the summary never reads.
func damageAudit(t *testing.T, path string) {
	t.Helper()
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var page, size int64
	err = sdb.QueryRow("SELECT max(pageno) FROM dbstat WHERE name = 'audit_revision'").Scan(&page)
	if err == nil {
		err = sdb.QueryRow("PRAGMA page_size").Scan(&size)
	}
	if cerr := sdb.Close(); err != nil || cerr != nil || page == 0 {
		t.Fatalf("find the audit index's page: %v %v (page %d)", err, cerr, page)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0xA5}, (page-1)*size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// The summary of a damaged database is refused, naming the file, in every
// format, whether it is written to a file (read while the check runs
// beside it) or down standard output (checked first): no file is left.
func TestReportSummaryOfADamagedFile(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	damageAudit(t, db)
	dir := t.TempDir()
	for _, f := range []string{"md", "xlsx", "html", "csv", "json"} {
		out := filepath.Join(dir, "tong-hop."+f)
		for _, to := range []string{out, "-"} {
			if to == "-" && f == "xlsx" {
				continue // a workbook is never sent down standard output
			}
			r := runReport(t, "report", "summary", "--db", db, "--format", f, "--out", to)
			if r.code != 1 || !strings.Contains(r.stderr, "bị hỏng") || !strings.Contains(r.stderr, db) {
				t.Errorf("%s to %s: exit %d, %q", f, to, r.code, r.stderr)
			}
			if to == "-" && r.stdout != "" {
				t.Errorf("%s: %d bytes sent down standard output", f, len(r.stdout))
			}
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: the summary of a damaged file was written: %v", f, err)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left in the folder: %v", left)
	}
}
