package report_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
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

// demoDB opens the demo database (built-in checklists + store.SeedDemo),
// made once per test run and copied for each caller.
func demoDB(t testing.TB) (*store.DB, []model.KindInfo) {
	t.Helper()
	ctx := context.Background()
	demoOnce.Do(func() {
		demoDir, demoErr = os.MkdirTemp("", "kiemtra-report-demo-")
		if demoErr != nil {
			return
		}
		var db *store.DB
		db, demoErr = store.Open(ctx, filepath.Join(demoDir, "demo.db"),
			store.WithClock(func() time.Time { return time.Date(2022, 11, 30, 8, 0, 0, 0, time.UTC) }))
		if demoErr != nil {
			return
		}
		defer db.Close()
		cls, err := checklists.Builtin()
		if err != nil {
			demoErr = err
			return
		}
		if _, demoErr = db.AddChecklists(ctx, true, cls...); demoErr != nil {
			return
		}
		demoErr = db.SeedDemo(ctx)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	db, err := store.Open(ctx, filepath.Join(demoDir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	kinds, err := checklists.Kinds()
	if err != nil {
		t.Fatal(err)
	}
	return db, kinds
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	for _, d := range benchDirs {
		os.RemoveAll(d)
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
	return &s
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
	db, kinds := demoDB(t)
	s := demoSummary(t, db, kinds)
	cases := []struct {
		name string
		fn   func() ([]byte, error)
	}{
		{"unit-STP.md", func() ([]byte, error) {
			return report.UnitRecord(unitRecord(t, db, kinds, "STP"), report.Markdown, i18n.VI)
		}},
		{"unit-STP.html", func() ([]byte, error) {
			return report.UnitRecord(unitRecord(t, db, kinds, "STP"), report.HTML, i18n.VI)
		}},
		{"unit-STP.en.md", func() ([]byte, error) {
			return report.UnitRecord(unitRecord(t, db, kinds, "STP"), report.Markdown, i18n.EN)
		}},
		{"unit-CAMGIANG.md", func() ([]byte, error) {
			return report.UnitRecord(unitRecord(t, db, kinds, "CAMGIANG"), report.Markdown, i18n.VI)
		}},
		{"unit-CAMGIANG.html", func() ([]byte, error) {
			return report.UnitRecord(unitRecord(t, db, kinds, "CAMGIANG"), report.HTML, i18n.VI)
		}},
		{"summary.md", func() ([]byte, error) { return report.Summary(s, report.Markdown, i18n.VI) }},
		{"summary.html", func() ([]byte, error) { return report.Summary(s, report.HTML, i18n.VI) }},
		{"summary.en.md", func() ([]byte, error) { return report.Summary(s, report.Markdown, i18n.EN) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fn()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, got)
		})
	}
}
