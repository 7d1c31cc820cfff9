package report_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demoDB opens this test's own copy of the demo database (built-in
// checklists + store.SeedDemo): the demo is seeded once per test run into
// a template, and each caller gets a copy of the file, so tests never share
// a database and may run in parallel.
func demoDB(t testing.TB) (*store.DB, []model.KindInfo) {
	t.Helper()
	ctx := context.Background()
	demoOnce.Do(func() {
		demoDir, demoErr = os.MkdirTemp("", "kiemtra-report-demo-")
		if demoErr == nil {
			demoErr = seedDemo(ctx, filepath.Join(demoDir, "demo.db"))
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := copyDB(filepath.Join(demoDir, "demo.db"), path); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	kinds, err := checklists.Kinds()
	if err != nil {
		t.Fatal(err)
	}
	return db, kinds
}

// seedDemo makes the template: the built-in checklists and the demo data,
// at a fixed time so the documents' dates never change.
func seedDemo(ctx context.Context, path string) error {
	db, err := store.Open(ctx, path,
		store.WithClock(func() time.Time { return time.Date(2022, 11, 30, 8, 0, 0, 0, time.UTC) }))
	if err != nil {
		return err
	}
	cls, err := checklists.Builtin()
	if err == nil {
		_, err = db.AddChecklists(ctx, true, cls...)
	}
	if err == nil {
		err = db.SeedDemo(ctx)
	}
	// Closing checkpoints the write-ahead log into the file copied.
	return errors.Join(err, db.Close())
}

// copyDB copies a closed database, with its write-ahead log if one was
// left behind.
func copyDB(from, to string) error {
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(to+suffix, b, 0o600); err != nil {
			return err
		}
	}
	return nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range append(benchDirs, demoDir) {
		if d == "" {
			continue
		}
		if err := os.RemoveAll(d); err != nil {
			fmt.Fprintln(os.Stderr, "remove test data:", err)
			code = max(code, 1)
		}
	}
	os.Exit(code)
}

func unitRecord(t testing.TB, db *store.DB, kinds []model.KindInfo, code string) *model.UnitRecord {
	t.Helper()
	ctx := context.Background()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.AssessmentOf(ctx, in.ID, code)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.UnitRecord(ctx, a.ID, kinds)
	if err != nil {
		t.Fatal(err)
	}
	return &r
}

func demoSummary(t testing.TB, db *store.DB, kinds []model.KindInfo) *model.Summary {
	t.Helper()
	ctx := context.Background()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Summary(ctx, kinds, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Overdue is counted at a fixed day, so the golden files do not
	// change with the calendar: some deadlines before it, some after.
	s.AsOf = model.NewDate(2023, time.June, 1)
	return &s
}

// withFindings is the summary with its findings read from its stream into
// Findings and Recommendations, for tests that look at them or change them.
func withFindings(t testing.TB, s *model.Summary) *model.Summary {
	t.Helper()
	if s.Stream == nil {
		t.Fatal("a summary from the store streams its findings")
	}
	c := *s
	c.Stream = nil
	err := s.Stream(false, func(f *model.FindingRow) error {
		c.Findings = append(c.Findings, *f)
		if strings.TrimSpace(f.Finding.Recommendation) != "" {
			c.Recommendations = append(c.Recommendations, *f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var recs []model.FindingRow
	if err := s.Stream(true, func(f *model.FindingRow) error { recs = append(recs, *f); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs, c.Recommendations) || len(c.Findings) != s.FindingStats.Rows || len(recs) != s.RecommendationStats.Rows {
		t.Fatalf("the stream's %d recommendations are not the %d of its %d findings (stats: %d, %d)", len(recs),
			len(c.Recommendations), len(c.Findings), s.FindingStats.Rows, s.RecommendationStats.Rows)
	}
	return &c
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report/ -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (%d bytes, want %d); first difference near: %s",
			name, len(got), len(want), firstDiff(string(got), string(want)))
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo, hi := max(0, i-60), min(len(a), i+60)
	return "…" + a[lo:hi] + "…"
}

func TestGoldenDemo(t *testing.T) {
	t.Parallel()
	db, kinds := demoDB(t)
	s := demoSummary(t, db, kinds)
	in, err := db.FindInspection(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := db.ReportData(context.Background(), kinds, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	unit := func(code string, f report.Format, lang i18n.Lang) func() ([]byte, error) {
		return func() ([]byte, error) { return report.UnitRecord(unitRecord(t, db, kinds, code), f, lang) }
	}
	conclusion := func(f report.Format) func() ([]byte, error) {
		return func() ([]byte, error) { return report.Conclusion(unitRecord(t, db, kinds, "STP"), f, i18n.VI) }
	}
	inspection := func(f report.Format, lang i18n.Lang) func() ([]byte, error) {
		return func() ([]byte, error) { return report.InspectionReport(&rd, f, lang) }
	}
	cases := []struct {
		name string
		fn   func() ([]byte, error)
	}{
		{"unit-STP.md", unit("STP", report.Markdown, i18n.VI)},
		{"unit-STP.html", unit("STP", report.HTML, i18n.VI)},
		{"unit-STP.docx", unit("STP", report.DOCX, i18n.VI)},
		{"unit-STP.en.md", unit("STP", report.Markdown, i18n.EN)},
		{"unit-CAMGIANG.md", unit("CAMGIANG", report.Markdown, i18n.VI)},
		{"unit-CAMGIANG.html", unit("CAMGIANG", report.HTML, i18n.VI)},
		{"conclusion-STP.md", conclusion(report.Markdown)},
		{"conclusion-STP.html", conclusion(report.HTML)},
		{"conclusion-STP.docx", conclusion(report.DOCX)},
		{"report.md", inspection(report.Markdown, i18n.VI)},
		{"report.html", inspection(report.HTML, i18n.VI)},
		{"report.docx", inspection(report.DOCX, i18n.VI)},
		{"report.en.md", inspection(report.Markdown, i18n.EN)},
		{"summary.md", func() ([]byte, error) { return report.Summary(s, report.Markdown, i18n.VI) }},
		{"summary.html", func() ([]byte, error) { return report.Summary(s, report.HTML, i18n.VI) }},
		{"summary.en.md", func() ([]byte, error) { return report.Summary(s, report.Markdown, i18n.EN) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.fn()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, got)
		})
	}
}
