package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// laptop prepares a database outside the CLI: the demo inspection plan,
// with the demo's findings when seed is true.
func laptop(t *testing.T, name string, seed bool) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiemtra.db")
	db, err := OpenDB(ctx, path, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	if seed {
		err = db.SeedDemo(ctx)
	} else {
		_, err = db.ImportPlan(ctx, name, store.DemoPlan())
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, store.SettingInspector, name); err != nil {
		t.Fatal(err)
	}
	return path
}

// answer saves one item of a unit's assessment directly in the database.
func answer(t *testing.T, path, unit, item string, c model.Content) {
	t.Helper()
	ctx := context.Background()
	db, err := OpenDB(ctx, path, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	in, _ := db.FindInspection(ctx, "")
	ovs, err := db.Overviews(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ovs {
		if o.Unit.Code != unit {
			continue
		}
		base := ""
		fs, _ := db.Findings(ctx, o.Assessment.ID)
		for _, f := range fs {
			if f.ItemCode == item {
				base = f.Revision
			}
		}
		f := model.Finding{AssessmentID: o.Assessment.ID, ItemCode: item, UpdatedBy: "x", BaseRevision: base}
		f.Apply(c)
		if _, err := db.SaveFinding(ctx, f); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no unit %s", unit)
}

// findingsTable is the findings table as text, for comparing databases.
func findingsTable(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	rows, err := db.SQL().Query(`SELECT f.id, u.code, f.item_code, f.result, f.score, f.note, f.revision, f.base_revision, f.updated_by
		FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN units u ON u.id = a.unit_id ORDER BY f.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rows.Close() }()
	var b strings.Builder
	n := 0
	for rows.Next() {
		var id, unit, item, res, note, rev, base, by string
		var score int64
		if err := rows.Scan(&id, &unit, &item, &res, &score, &note, &rev, &base, &by); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, id, unit, item, res, score, note, rev, base, by)
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d rows\n%s", n, b.String())
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := runCLI(t, nil, args...)
	if r.code != 0 {
		t.Fatalf("kiemtra %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

func TestSyncTwoLaptopsBothWays(t *testing.T) {
	a := laptop(t, "Nguyễn Thị Hương", true)
	b := laptop(t, "Phạm Đức Long", false)
	answer(t, b, "SKHDT", "1.1.2", model.Content{Result: model.ResultPass, Score: 100})
	dir := t.TempDir()
	ka, kb := filepath.Join(dir, "a.pub"), filepath.Join(dir, "b.pub")

	// Not yet trusted: refused, with the fingerprint and the command to run.
	mustRun(t, "--db", a, "bundle", "--out", filepath.Join(dir, "a0.ktb"))
	r := runCLI(t, nil, "--db", b, "import", filepath.Join(dir, "a0.ktb"))
	show := mustRun(t, "--db", a, "keys", "show")
	fp := regexp.MustCompile(`\b[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}\b`).FindString(show.stdout)
	if r.code != 1 || !strings.Contains(r.stderr, "a0.ktb") || !strings.Contains(r.stderr, fp) || !strings.Contains(r.stderr, "kiemtra keys trust") {
		t.Fatalf("untrusted import: %+v (fingerprint %s)", r, fp)
	}

	mustRun(t, "--db", a, "keys", "export", "--out", ka)
	mustRun(t, "--db", b, "keys", "export", "--out", kb)
	if r := mustRun(t, "--db", b, "keys", "trust", ka, "--name", "Máy chị Hương"); !strings.Contains(r.stdout, fp) {
		t.Errorf("trust output: %s", r.stdout)
	}
	mustRun(t, "--db", a, "keys", "trust", kb, "--name", "Máy anh Long")

	mustRun(t, "--db", a, "bundle", "--out", filepath.Join(dir, "a1.ktb"))
	mustRun(t, "--db", b, "bundle", "--out", filepath.Join(dir, "b1.ktb"))
	r = mustRun(t, "--db", b, "import", filepath.Join(dir, "a1.ktb"))
	if !strings.Contains(r.stdout, "a1.ktb: gói số 2 của Máy chị Hương") || !strings.Contains(r.stdout, "Biên nhận:") {
		t.Errorf("plain import output:\n%s", r.stdout)
	}
	// Bundle 1 of A was never imported here, but bundle 2 carries all it
	// did (bundles are cumulative, and A's signed statement says what 1
	// carried): nothing is reported missing.
	if strings.Contains(r.stdout, "chưa bao giờ đến") {
		t.Errorf("a gap reported that bundle 2 closed:\n%s", r.stdout)
	}
	r = mustRun(t, "--db", a, "import", "--json", filepath.Join(dir, "b1.ktb"))
	var rep store.ImportReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Results) != 1 || rep.Results[0].Accepted != 1 || rep.Backup == "" {
		t.Fatalf("json import: %v\n%s", err, r.stdout)
	}
	// Second round: each holds everything.
	mustRun(t, "--db", a, "bundle", "--out", filepath.Join(dir, "a2.ktb"))
	mustRun(t, "--db", b, "bundle", "--out", filepath.Join(dir, "b2.ktb"))
	mustRun(t, "--db", b, "import", filepath.Join(dir, "a2.ktb"))
	mustRun(t, "--db", a, "import", filepath.Join(dir, "b2.ktb"))
	ta, tb := findingsTable(t, a), findingsTable(t, b)
	if ta != tb {
		t.Fatalf("findings differ:\nA: %s\nB: %s", ta, tb)
	}
	if strings.HasPrefix(ta, "0 rows") {
		t.Fatal("no findings merged")
	}

	// The same item changed on both laptops: a conflict, listed.
	answer(t, a, "STC", "1.1.2", model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	answer(t, b, "STC", "1.1.2", model.Content{Result: model.ResultFail, Note: "Không có kế hoạch."})
	mustRun(t, "--db", a, "bundle", "--out", filepath.Join(dir, "a3.ktb"))
	mustRun(t, "--db", b, "bundle", "--out", filepath.Join(dir, "b3.ktb"))
	r = mustRun(t, "--db", b, "import", filepath.Join(dir, "a3.ktb"))
	if !strings.Contains(r.stdout, "1 xung đột") || !strings.Contains(r.stdout, "xung đột: đơn vị STC, mục 1.1.2") {
		t.Errorf("conflict not shown on import:\n%s", r.stdout)
	}
	mustRun(t, "--db", a, "import", filepath.Join(dir, "b3.ktb"))
	for _, db := range []string{a, b} {
		r := mustRun(t, "--db", db, "conflicts")
		if !strings.Contains(r.stdout, "1 xung đột") || !strings.Contains(r.stdout, "Kế hoạch ban hành chậm.") || !strings.Contains(r.stdout, "Không có kế hoạch.") {
			t.Errorf("conflicts:\n%s", r.stdout)
		}
		// The unit and item by their names, each side's time to the second.
		if !strings.Contains(r.stdout, "Đơn vị STC (Sở Tài chính), mục 1.1.2") || !regexp.MustCompile(`Chưa đạt, 0 điểm, .* \d\d/\d\d/\d{4} \d\d:\d\d:\d\d`).MatchString(r.stdout) {
			t.Errorf("conflicts do not name the unit and item, or the time to the second:\n%s", r.stdout)
		}
		var cs []store.Conflict
		r = mustRun(t, "--db", db, "--lang", "en", "conflicts", "--json")
		if err := json.Unmarshal([]byte(r.stdout), &cs); err != nil || len(cs) != 1 || cs[0].ItemCode != "1.1.2" || cs[0].UnitCode != "STC" {
			t.Errorf("conflicts --json: %v %s", err, r.stdout)
		}
	}
	if findingsTable(t, a) != findingsTable(t, b) {
		t.Fatal("the conflicted finding shows differently on the two laptops")
	}

	// A reads B's receipt for its fourth bundle (a0.ktb was the first).
	r = mustRun(t, "--db", a, "receipt", filepath.Join(dir, "a3.ktb.receipt.json"))
	if !strings.Contains(r.stdout, "Máy anh Long") || !strings.Contains(r.stdout, "1 xung đột") || !strings.Contains(r.stdout, "gói số 4") || !strings.Contains(r.stdout, "chưa có biên nhận: 1, 2, 3") {
		t.Errorf("receipt:\n%s", r.stdout)
	}
	// The conflict it reports is named by its unit and item, not an ID.
	if !strings.Contains(r.stdout, "xung đột: đơn vị STC (Sở Tài chính), mục 1.1.2") {
		t.Errorf("receipt does not name the conflict's unit and item:\n%s", r.stdout)
	}
	// B cannot use a receipt for A's bundle.
	if r := runCLI(t, nil, "--db", b, "receipt", filepath.Join(dir, "a3.ktb.receipt.json")); r.code != 1 || !strings.Contains(r.stderr, "không do máy này tạo") {
		t.Errorf("foreign receipt: %+v", r)
	}

	// An altered file is refused with its name and nothing changes.
	data, err := os.ReadFile(filepath.Join(dir, "a3.ktb"))
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-20] ^= 1
	bad := filepath.Join(dir, "altered.ktb")
	if err := os.WriteFile(bad, data, 0o600); err != nil {
		t.Fatal(err)
	}
	before := findingsTable(t, b)
	r = runCLI(t, nil, "--db", b, "--lang", "en", "import", bad)
	if r.code != 1 || !strings.Contains(r.stderr, "altered.ktb: the content does not match its signed hash") {
		t.Errorf("altered bundle: %+v", r)
	}
	if findingsTable(t, b) != before {
		t.Error("an altered bundle changed the database")
	}
	// Usage mistakes exit 2.
	if r := runCLI(t, nil, "--db", b, "bundle"); r.code != 2 {
		t.Errorf("bundle without --out: %+v", r)
	}
	if r := runCLI(t, nil, "--db", b, "import"); r.code != 2 {
		t.Errorf("import without files: %+v", r)
	}
}

func TestImportProgressBarOnTerminal(t *testing.T) {
	a := laptop(t, "A", false)
	answer(t, a, "STC", "1.1.2", model.Content{Result: model.ResultPass, Score: 100})
	dir := t.TempDir()
	f := filepath.Join(dir, "a.ktb")
	mustRun(t, "--db", a, "bundle", "--out", f)
	var out, errb strings.Builder
	g, rest, _ := ParseGlobal([]string{"--db", a, "import", f, f}, func(string) string { return "" })
	e := &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), T: i18n.New(g.Lang),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Global: g, StdoutIsTerminal: true}
	if code := Run(e, rest); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	s := out.String()
	if !strings.Contains(s, "\r[████████████████████████] 2/2 tệp") || !strings.Contains(s, "bản ghi/giây") {
		t.Errorf("no progress bar:\n%q", s)
	}
	if !strings.Contains(s, "đã được nhập trước đây") {
		t.Errorf("the second copy is not reported as already imported:\n%s", s)
	}
}

func TestFormatSeqs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   []int64
		want string
	}{
		{nil, ""},
		{[]int64{7}, "7"},
		{[]int64{3, 5, 6, 7}, "3, 5–7"},
		{[]int64{1, 2, 4, 5, 9}, "1–2, 4–5, 9"},
	} {
		if got := formatSeqs(c.in); got != c.want {
			t.Errorf("formatSeqs(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSyncRefusalsInTheCatalogueWords: keys and receipts that are not what
// they claim are refused with the catalogue's words, naming the file.
func TestSyncRefusalsInTheCatalogueWords(t *testing.T) {
	t.Parallel()
	a := laptop(t, "Nguyễn Thị Hương", false)
	dir := t.TempDir()
	notKey := filepath.Join(dir, "khoa.json")
	if err := os.WriteFile(notKey, []byte(`{"format":"something else"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "--db", a, "keys", "trust", notKey, "--name", "X")
	if r.code != 1 || !strings.Contains(r.stderr, notKey+" không phải tệp khóa công khai kiemtra") {
		t.Errorf("not a key file: %+v", r)
	}
	r = runCLI(t, nil, "--db", a, "--lang", "en", "receipt", notKey)
	if r.code != 1 || !strings.Contains(r.stderr, notKey+" is not a kiemtra receipt") {
		t.Errorf("not a receipt: %+v", r)
	}
	r = runCLI(t, nil, "--db", a, "--lang", "en", "import", filepath.Join(dir, "missing.ktb"))
	if r.code != 1 || !strings.Contains(r.stderr, "missing.ktb: there is no file or folder "+filepath.Join(dir, "missing.ktb")) {
		t.Errorf("missing bundle: %+v", r)
	}
}
