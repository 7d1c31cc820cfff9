package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
)

// testChecklist is a small hand-made checklist: field 1 (max 3) with items
// 1.1.1 (binary, 1) and 1.1.2 (partial, 2); field 2 (max 1) with 2.1.1
// (levels 1 / 0.5 / 0).
func testChecklist() *model.Checklist {
	c := &model.Checklist{
		ID: "test", Version: "1", Title: "Bộ tiêu chí thử", Kind: "so", Hash: "h1",
		Bands: []model.Band{{Label: "Tốt", MinPercent: 90}, {Label: "Khá", MinPercent: 80}, {Label: "Trung bình", MinPercent: 0}},
		Fields: []model.Field{
			{Code: "1", Title: "Chỉ đạo, điều hành", Max: 300, Criteria: []model.Criterion{{Code: "1.1", Title: "Kế hoạch", Items: []model.Item{
				{Code: "1.1.1", Text: "Có ban hành kế hoạch không?", Max: 100, Scoring: model.ScoringBinary},
				{Code: "1.1.2", Text: "Kế hoạch có đủ nhiệm vụ không?", Max: 200, Scoring: model.ScoringPartial},
			}}}},
			{Code: "2", Title: "Thủ tục hành chính", Max: 100, Criteria: []model.Criterion{{Code: "2.1", Title: "Niêm yết", Items: []model.Item{
				{Code: "2.1.1", Text: "Niêm yết đủ thủ tục không?", Max: 100, Scoring: model.ScoringLevels,
					Levels: []model.Level{{Score: 100, Label: "Đủ"}, {Score: 50, Label: "Thiếu ít"}, {Score: 0, Label: "Không"}}},
			}}}},
		},
	}
	c.Index()
	return c
}

type fixture struct {
	db  *DB
	a   model.Assessment
	in  model.Inspection
	clk *clock
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { c.t = c.t.Add(time.Second); return c.t }

func openTest(t *testing.T, path string) *DB {
	t.Helper()
	c := &clock{t: time.Date(2022, 10, 18, 8, 0, 0, 0, time.UTC)}
	db, err := Open(context.Background(), path, WithClock(c.now))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { check(t, db.Close()) })
	return db
}

func newFixture(t *testing.T) fixture { return newFixtureIDs(t, false) }

// newFixtureIDs makes a database with the test checklist and one inspection
// of Sở Tư pháp. With ownIDs the assessment gets a random ID, as databases
// written before assessment IDs were derived from the visit did: two such
// laptops hold the same visit under different IDs.
func newFixtureIDs(t testing.TB, ownIDs bool) fixture {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2022, 10, 18, 8, 0, 0, 0, time.UTC)}
	db, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"), WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { check(t, db.Close()) })
	if _, err := db.AddChecklists(ctx, true, testChecklist()); err != nil {
		t.Fatal(err)
	}
	unit := model.Unit{Code: "stp", Name: "Sở Tư pháp", Kind: "so"}
	plan := &model.Plan{
		Inspection: model.Inspection{Year: 2022, Title: "Kiểm tra CCHC năm 2022"},
		Visits:     []model.Visit{{Unit: unit, Date: model.NewDate(2022, 10, 18), ChecklistID: "test"}},
	}
	if ownIDs {
		plan.Visits = nil
	}
	res, err := db.ImportPlan(ctx, "Lê Thu Trang", plan)
	if err != nil {
		t.Fatal(err)
	}
	if ownIDs {
		u, err := db.SaveUnit(ctx, "Lê Thu Trang", unit)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddAssessment(ctx, "Lê Thu Trang", model.Assessment{ID: model.NewID(), InspectionID: res.Inspection.ID,
			UnitID: u.ID, ChecklistID: "test", ChecklistVersion: "1", Date: model.NewDate(2022, 10, 18)}); err != nil {
			t.Fatal(err)
		}
	}
	ovs, err := db.Overviews(ctx, res.Inspection.ID)
	if err != nil || len(ovs) != 1 {
		t.Fatalf("overviews: %v %d", err, len(ovs))
	}
	return fixture{db: db, a: ovs[0].Assessment, in: res.Inspection, clk: c}
}

func TestSameVisitSameIDsOnTwoLaptops(t *testing.T) {
	t.Parallel()
	a, b := newFixture(t), newFixture(t)
	if a.a.ID != b.a.ID || a.in.ID != b.in.ID {
		t.Fatalf("plan imported on two laptops: assessments %s / %s", a.a.ID, b.a.ID)
	}
	ctx := context.Background()
	fa, err := a.db.SaveFinding(ctx, model.Finding{AssessmentID: a.a.ID, ItemCode: "1.1.1", Result: model.ResultPass, Score: 100, UpdatedBy: "A"})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := b.db.SaveFinding(ctx, model.Finding{AssessmentID: b.a.ID, ItemCode: "1.1.1", Result: model.ResultFail, Note: "n", UpdatedBy: "B"})
	if err != nil {
		t.Fatal(err)
	}
	if fa.ID != fb.ID || fa.Revision == fb.Revision {
		t.Errorf("same item on two laptops: finding IDs %s / %s, revisions %s / %s", fa.ID, fb.ID, fa.Revision, fb.Revision)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenCreatesCheckedDatabase(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "k.db")
	db := openTest(t, path)
	ctx := context.Background()
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, want 0600", st.Mode().Perm())
		}
	}
	var mode string
	var syncMode, fk, appID int64
	check(t, db.sql.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode))
	check(t, db.sql.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&syncMode))
	check(t, db.sql.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk))
	check(t, db.sql.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID))
	if mode != "wal" || syncMode != 2 || fk != 1 || appID != ApplicationID {
		t.Errorf("journal=%s sync=%d fk=%d app=%#x", mode, syncMode, fk, appID)
	}
	var version int
	check(t, db.sql.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&version))
	if version != SchemaVersion() || version < 1 {
		t.Errorf("schema version %d, want %d", version, SchemaVersion())
	}
	if !model.ValidID(db.Device()) {
		t.Errorf("device %q", db.Device())
	}
	dev := db.Device()
	check(t, db.Close())
	db2 := openTest(t, path)
	if db2.Device() != dev {
		t.Errorf("device changed on reopen: %s → %s", dev, db2.Device())
	}
}

func TestOpenRefusesForeignFilesUnchanged(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	check(t, os.WriteFile(text, []byte("Biên bản kiểm tra — not a database"), 0o600))

	other := filepath.Join(dir, "other.db")
	{
		db := openTest(t, filepath.Join(dir, "seed.db"))
		// Make a plain SQLite file with someone else's table via VACUUM INTO
		// of a fresh connection's database.
		if _, err := db.sql.Exec("VACUUM INTO ?", other); err != nil {
			t.Fatal(err)
		}
		check(t, db.Close())
	}
	// Turn it into "another program's" database: clear our application_id.
	{
		b, _ := os.ReadFile(other)
		copy(b[68:72], []byte{0, 0, 0, 0})
		check(t, os.WriteFile(other, b, 0o600))
	}
	for _, tc := range []struct {
		path string
		want error
	}{{text, ErrNotDatabase}, {other, ErrNotDatabase}, {dir, ErrNotDatabase}} {
		var before [32]byte
		if tc.path != dir {
			before = fileHash(t, tc.path)
		}
		_, err := Open(context.Background(), tc.path)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", filepath.Base(tc.path), err, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.path) {
			t.Errorf("error does not name the file: %v", err)
		}
		if tc.path != dir && fileHash(t, tc.path) != before {
			t.Errorf("%s was modified", tc.path)
		}
	}
}

func TestOpenRefusesCorruptFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	path := f.db.Path()
	// Fill the database with enough rows to have several pages, then close
	// (checkpointing the WAL into the main file).
	for i := 0; i < 200; i++ {
		check(t, f.db.SetSetting(context.Background(), "k"+strings.Repeat("x", i%50)+string(rune('a'+i%26))+string(rune('a'+i/26)), strings.Repeat("giá trị ", 20)))
	}
	check(t, f.db.Close())
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 4096*4 {
		t.Fatalf("database only %d bytes", len(b))
	}
	// Break the page-type byte of every page after the first: b-tree pages
	// with an invalid type are structural damage quick_check must report.
	for p := 4096; p < len(b); p += 4096 {
		b[p] = 0xA5
	}
	check(t, os.WriteFile(path, b, 0o600))
	before := fileHash(t, path)
	_, err = Open(context.Background(), path)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error does not name the file: %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("corrupt file was modified")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	path := f.db.Path()
	if _, err := f.db.sql.Exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, '999_future.sql', 'x')"); err != nil {
		t.Fatal(err)
	}
	check(t, f.db.Close())
	before := fileHash(t, path)
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("err = %v, want ErrTooNew", err)
	}
	if !strings.Contains(err.Error(), "999") {
		t.Errorf("message lacks the schema number: %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("newer database was modified")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		if st, _ := os.Stat(path + "-wal"); st.Size() > 0 {
			t.Error("a WAL with content was left behind")
		}
	}
}

func TestRejectsPathWithQuery(t *testing.T) {
	t.Parallel()
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "a?mode=ro.db"))
	if !errors.Is(err, ErrBadPath) {
		t.Fatalf("err = %v", err)
	}
}

func TestSaveFindingRevisionsAndAudit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	nfd := "Thu\u0309 tu\u0323c chưa niêm yết" // decomposed, as macOS may send
	first, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.2", Result: model.ResultPartial,
		Score: 100, Note: nfd, UpdatedBy: "Lê Thu Trang"})
	if err != nil {
		t.Fatal(err)
	}
	if first.Note != "Thủ tục chưa niêm yết" {
		t.Errorf("note not NFC: %q", first.Note)
	}
	if first.BaseRevision != "" || !model.ValidID(first.Revision) || first.Device != f.db.Device() {
		t.Errorf("first revision: %+v", first)
	}
	// A second save must name the first as its base.
	second, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.2", Result: model.ResultPass,
		Score: 200, Note: "Đã bổ sung", BaseRevision: first.Revision, UpdatedBy: "Lê Thu Trang"})
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != first.ID || second.BaseRevision != first.Revision || second.Revision == first.Revision {
		t.Errorf("second revision: %+v", second)
	}
	// Stale base: refused, nothing written.
	_, err = f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.2", Result: model.ResultFail,
		Note: "x", BaseRevision: first.Revision, UpdatedBy: "Khác"})
	if !errors.Is(err, ErrStale) {
		t.Errorf("stale save: %v", err)
	}
	// Saving identical content writes nothing new.
	same, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.2", Result: model.ResultPass,
		Score: 200, Note: "Đã bổ sung", BaseRevision: second.Revision, UpdatedBy: "Lê Thu Trang"})
	if err != nil || same.Revision != second.Revision {
		t.Errorf("identical save: %v %s", err, same.Revision)
	}
	hist, err := f.db.History(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 {
		t.Fatalf("history has %d entries, want 2", len(hist))
	}
	if hist[0].Old != "" || !strings.Contains(hist[0].New, `"result":"partial"`) || hist[0].Actor != "Lê Thu Trang" {
		t.Errorf("entry 1: %+v", hist[0])
	}
	if !strings.Contains(hist[1].Old, `"score":100`) || !strings.Contains(hist[1].New, `"score":200`) ||
		hist[1].Revision != second.Revision || hist[1].BaseRevision != first.Revision {
		t.Errorf("entry 2: old=%s new=%s", hist[1].Old, hist[1].New)
	}
	if err := f.db.VerifyChain(ctx, f.db.Device()); err != nil {
		t.Errorf("chain: %v", err)
	}
	fs, _ := f.db.Findings(ctx, f.a.ID)
	if len(fs) != 1 || fs[0].Score != 200 || fs[0].Result != model.ResultPass {
		t.Errorf("findings: %+v", fs)
	}
}

func TestSaveFindingRejectsBadContent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    model.Finding
		want error
	}{
		{"partial on binary", model.Finding{ItemCode: "1.1.1", Result: model.ResultPartial, Score: 50}, model.ErrScore},
		{"above max", model.Finding{ItemCode: "1.1.2", Result: model.ResultPartial, Score: 250}, model.ErrScore},
		{"not a level", model.Finding{ItemCode: "2.1.1", Result: model.ResultPartial, Score: 25}, model.ErrScore},
		{"unknown item", model.Finding{ItemCode: "9.9.9", Result: model.ResultPass}, model.ErrNotFound},
	} {
		tc.f.AssessmentID, tc.f.UpdatedBy = f.a.ID, "A"
		if _, err := f.db.SaveFinding(ctx, tc.f); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.1", Result: model.ResultPass, Score: 100}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("no actor: %v", err)
	}
	fs, _ := f.db.Findings(ctx, f.a.ID)
	if len(fs) != 0 {
		t.Errorf("rejected saves wrote %d findings", len(fs))
	}
}

func TestFinalizeEvidenceRuleAndReopen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	fail, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "2.1.1", Result: model.ResultFail, UpdatedBy: "A"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.db.Finalize(ctx, "A", f.a.ID)
	if p := model.ErrorParams(err); !errors.Is(err, ErrGaps) || len(p) != 1 || p[0] != "2.1.1" {
		t.Fatalf("finalize with gap: %v (params %q)", err, p)
	}
	if _, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "2.1.1", Result: model.ResultFail,
		Note: "Chưa niêm yết 7 thủ tục", BaseRevision: fail.Revision, UpdatedBy: "A"}); err != nil {
		t.Fatal(err)
	}
	a, err := f.db.Finalize(ctx, "Trần Văn Minh", f.a.ID)
	if err != nil || a.Status != model.StatusFinalized || a.FinalizedBy != "Trần Văn Minh" || a.FinalizedAt.IsZero() {
		t.Fatalf("finalize: %v %+v", err, a)
	}
	_, err = f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.1", Result: model.ResultPass, Score: 100, UpdatedBy: "A"})
	if !errors.Is(err, model.ErrFinalized) {
		t.Errorf("save on finalized: %v", err)
	}
	if _, err := f.db.SaveRemarks(ctx, "A", f.a.ID, AssessmentRemarks{Representative: "X"}); !errors.Is(err, model.ErrFinalized) {
		t.Errorf("remarks on finalized: %v", err)
	}
	a, err = f.db.Reopen(ctx, "Trần Văn Minh", f.a.ID, "Đơn vị bổ sung tài liệu")
	if err != nil || a.Status != model.StatusDraft || !a.FinalizedAt.IsZero() {
		t.Fatalf("reopen: %v %+v", err, a)
	}
	hist, _ := f.db.History(ctx, f.a.ID)
	var actions []string
	for _, h := range hist {
		actions = append(actions, h.Action)
	}
	if got := strings.Join(actions, ","); got != "create,finalize,reopen,reopen-reason" {
		t.Errorf("assessment history: %s", got)
	}
	if !strings.Contains(hist[3].New, "Đơn vị bổ sung tài liệu") {
		t.Errorf("reason not kept: %s", hist[3].New)
	}
}

func TestImportPlanIdempotent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	plan := &model.Plan{
		Inspection: model.Inspection{Year: 2022, Title: "Kiểm tra CCHC năm 2022"},
		Visits: []model.Visit{
			{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"}, Date: model.NewDate(2022, 10, 18), ChecklistID: "test"},
			{Unit: model.Unit{Code: "STC", Name: "Sở Tài chính", Kind: "so"}, ChecklistID: "test"},
		},
	}
	var auditBefore int
	check(t, f.db.sql.QueryRow("SELECT count(*) FROM audit").Scan(&auditBefore))
	res, err := f.db.ImportPlan(ctx, "A", plan)
	if err != nil {
		t.Fatal(err)
	}
	if res.Inspection.ID != f.in.ID || res.Units != 2 || res.New != 1 {
		t.Errorf("first import: %+v", res)
	}
	res, err = f.db.ImportPlan(ctx, "A", plan)
	if err != nil || res.New != 0 || res.Assessments != 2 {
		t.Errorf("second import: %+v %v", res, err)
	}
	var n, audit int
	check(t, f.db.sql.QueryRow("SELECT count(*) FROM assessments").Scan(&n))
	check(t, f.db.sql.QueryRow("SELECT count(*) FROM audit").Scan(&audit))
	if n != 2 {
		t.Errorf("%d assessments", n)
	}
	// First import: unit STC + its assessment = 2 entries; second: none.
	if audit != auditBefore+2 {
		t.Errorf("audit grew by %d, want 2", audit-auditBefore)
	}
	plan.Visits[0].ChecklistID = "missing"
	if _, err := f.db.ImportPlan(ctx, "A", plan); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown checklist: %v", err)
	}
}

func TestAuditTamperingDetected(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: "1.1.1", Result: model.ResultPass, Score: 100, UpdatedBy: "A"}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.VerifyChain(ctx, f.db.Device()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.sql.Exec("UPDATE audit SET actor = 'Người khác' WHERE entity = 'finding'"); err != nil {
		t.Fatal(err)
	}
	if err := f.db.VerifyChain(ctx, f.db.Device()); !errors.Is(err, ErrChainBroken) {
		t.Errorf("rewritten actor: %v", err)
	}
}

func TestAddChecklistNeverReusesVersion(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	changed := testChecklist()
	changed.Hash = "h2"
	if _, err := f.db.AddChecklists(ctx, false, changed); !errors.Is(err, ErrChecklistChanged) {
		t.Errorf("changed content, same version: %v", err)
	}
	n, err := f.db.AddChecklists(ctx, false, testChecklist())
	if err != nil || n != 0 {
		t.Errorf("same checklist again: %d %v", n, err)
	}
	cl, err := f.db.Checklist(ctx, "test", "")
	if err != nil || cl.ItemCount() != 3 || cl.Max() != 400 {
		t.Errorf("checklist read back: %v", err)
	}
}

func TestOverviewScores(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	save := func(code string, r model.Result, score model.Points) {
		t.Helper()
		if _, err := f.db.SaveFinding(ctx, model.Finding{AssessmentID: f.a.ID, ItemCode: code, Result: r, Score: score, Note: "n", UpdatedBy: "A"}); err != nil {
			t.Fatal(err)
		}
	}
	save("1.1.1", model.ResultPass, 100)
	save("1.1.2", model.ResultPartial, 100)
	save("2.1.1", model.ResultNotApplicable, 0)
	ovs, err := f.db.Overviews(ctx, f.in.ID)
	if err != nil {
		t.Fatal(err)
	}
	o := ovs[0].Scorecard.Overall
	// 1 + 1 out of 3 (2.1.1 is không áp dụng, so its 1 point leaves the max).
	if o.Score != 200 || o.AdjustedMax != 300 || o.Max != 400 || o.Answered != 3 || o.Total != 3 {
		t.Errorf("overall %+v", o)
	}
	if ovs[0].Scorecard.Band.Label != "Trung bình" {
		t.Errorf("band %q for %.2f%%", ovs[0].Scorecard.Band.Label, o.Percent())
	}
}

func TestSettings(t *testing.T) {
	t.Parallel()
	db := openTest(t, filepath.Join(t.TempDir(), "k.db"))
	ctx := context.Background()
	if v, err := db.Setting(ctx, SettingInspector); err != nil || v != "" {
		t.Errorf("unset: %q %v", v, err)
	}
	if err := db.SetSetting(ctx, SettingInspector, "Nguye\u0302\u0303n Văn A"); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Setting(ctx, SettingInspector); v != "Nguyễn Văn A" {
		t.Errorf("got %q", v)
	}
}
