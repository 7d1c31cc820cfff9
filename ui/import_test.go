package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// laptop is one computer of a sync test: its database and the assessment
// of Sở Tư pháp in the shared inspection plan.
type laptop struct {
	db   *store.DB
	name string
	aid  string
	dir  string
}

// twoLaptops makes two databases holding the same inspection plan (so the
// same inspection, unit and assessment IDs), each trusting the other's key.
func twoLaptops(t *testing.T) (*laptop, *laptop) {
	t.Helper()
	ctx := context.Background()
	mk := func(name string) *laptop {
		db := openStore(t, false, name)
		res, err := db.ImportPlan(ctx, name, &model.Plan{
			Inspection: model.Inspection{Year: 2022, Title: "Kiểm tra CCHC năm 2022"},
			Visits: []model.Visit{{Unit: model.Unit{Code: "STP", Name: "Sở Tư pháp", Kind: "so"},
				Date: model.NewDate(2022, 10, 18), ChecklistID: "so-ban-nganh"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		as, err := db.InspectionAssessments(ctx, res.Inspection.ID)
		if err != nil || len(as) != 1 {
			t.Fatalf("assessments: %v %d", err, len(as))
		}
		return &laptop{db: db, name: name, aid: as[0].ID, dir: t.TempDir()}
	}
	a, b := mk("Lê Thu Trang"), mk("Phạm Đức Long")
	for _, p := range [][2]*laptop{{a, b}, {b, a}} {
		kf := filepath.Join(p[0].dir, "public.key")
		if _, err := p[0].db.ExportPublicKey(ctx, kf); err != nil {
			t.Fatal(err)
		}
		if _, err := p[1].db.TrustKeyFile(ctx, kf, p[0].name); err != nil {
			t.Fatal(err)
		}
	}
	return a, b
}

// save stores a revision of item on the laptop, based on what it holds.
func (l *laptop) save(t *testing.T, item string, c model.Content) {
	t.Helper()
	ctx := context.Background()
	as, err := l.db.Assessment(ctx, l.aid)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.db.Checklist(ctx, as.ChecklistID, as.ChecklistVersion); err != nil {
		t.Fatal(err)
	}
	f, _ := storedFinding(t, l.db, l.aid, item)
	n := model.Finding{AssessmentID: l.aid, ItemCode: item, UpdatedBy: l.name, BaseRevision: f.Revision}
	n.Apply(c)
	if _, err := l.db.SaveFinding(ctx, n); err != nil {
		t.Fatalf("%s saves %s: %v", l.name, item, err)
	}
}

// bundle writes the laptop's bundle of the inspection into dir.
func (l *laptop) bundle(t *testing.T, dir, name string) string {
	t.Helper()
	ctx := context.Background()
	as, err := l.db.Assessment(ctx, l.aid)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	if _, err := l.db.WriteBundle(ctx, out, store.BundleOptions{Inspection: as.InspectionID}); err != nil {
		t.Fatal(err)
	}
	return out
}

// newSyncApp is the TUI on the laptop's database with the real import.
func newSyncApp(t *testing.T, l *laptop, lang i18n.Lang) App {
	t.Helper()
	return newSyncAppWith(t, l, lang, testImporter(l.db, lang))
}

func newSyncAppWith(t *testing.T, l *laptop, lang i18n.Lang, im Importer) App {
	t.Helper()
	deps := testDeps(t, l.db, lang)
	deps.Importer = im
	return startApp(t, deps, 120, 40)
}

// recordingImporter is the real importer keeping the last error of
// ImportPath, so a test can ask for the catalogue's words for it.
type recordingImporter struct {
	Importer
	last *error
}

func (r recordingImporter) ImportPath(ctx context.Context, path string) (model.ImportOutcome, error) {
	out, err := r.Importer.ImportPath(ctx, path)
	*r.last = err
	return out, err
}

// firstItem is the first item code of the built-in checklist for sở.
func firstItems(t *testing.T, l *laptop) (string, string) {
	t.Helper()
	ctx := context.Background()
	as, _ := l.db.Assessment(ctx, l.aid)
	cl, err := l.db.Checklist(ctx, as.ChecklistID, as.ChecklistVersion)
	if err != nil {
		t.Fatal(err)
	}
	items := cl.Fields[0].Criteria[0].Items
	return items[0].Code, items[1].Code
}

// conflicted makes A and B disagree on item: both agreed on đạt, then
// each wrote chưa đạt with a different note while apart. B has imported
// nothing of A's second change; A's bundle with it is left in usb.
func conflicted(t *testing.T, a, b *laptop, item, usb string) {
	t.Helper()
	a.save(t, item, model.Content{Result: model.ResultPass, Score: 100})
	rep, err := b.db.Import(context.Background(), []string{a.bundle(t, t.TempDir(), "a1.ktb")}, store.ImportOptions{})
	if err != nil || rep.Failed() != 0 {
		t.Fatalf("first exchange: %v %+v", err, rep)
	}
	a.save(t, item, model.Content{Result: model.ResultFail, Note: "Chưa ban hành kế hoạch."})
	b.save(t, item, model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	a.bundle(t, usb, "a2.ktb")
}

func TestImportWithConflictThenKeepIncoming(t *testing.T) {
	t.Parallel()
	a, b := twoLaptops(t)
	item, _ := firstItems(t, a)
	usb := t.TempDir()
	conflicted(t, a, b, item, usb)

	app := newSyncApp(t, b, i18n.VI)
	app = keys(t, app, "i")
	requireContains(t, app, "Nhập dữ liệu từ máy khác", "Tệp hoặc thư mục")
	// A folder, quoted as a terminal pastes a dragged path.
	app = keys(t, app, "'"+usb+"'", "enter")
	if app.screen != screenConflicts {
		t.Fatalf("after an import with a conflict: screen %s, status %q", app.screen, app.status.text)
	}
	requireContains(t, app, "Đã nhập 1/1 tệp", "a2.ktb (từ Lê Thu Trang)", "1 xung đột",
		"Xung đột chờ giải quyết (1)", "STP · "+item+" · Sở Tư pháp",
		"1 · Trên máy này", "Kế hoạch ban hành chậm.", "2 · Nhận về từ máy Lê Thu Trang", "Chưa ban hành kế hoạch.",
		"Khác nhau ở: ghi chú", "Người ghi: Lê Thu Trang")
	// A receipt was written beside the bundle, for A.
	if _, err := os.Stat(filepath.Join(usb, "a2.ktb.receipt.json")); err != nil {
		t.Fatalf("no receipt: %v", err)
	}

	// 2 keeps the incoming value, once confirmed: n cancels, y stores.
	before, _ := storedFinding(t, b.db, b.aid, item)
	app = keys(t, app, "2")
	requireContains(t, app, "Giữ giá trị 2 (Nhận về từ máy Lê Thu Trang) cho mục "+item+" · Sở Tư pháp?")
	app = keys(t, app, "n")
	if f, _ := storedFinding(t, b.db, b.aid, item); f != before || app.conflicts.asking != nil {
		t.Fatalf("n stored %+v", f)
	}
	app = keys(t, app, "2", "y")
	requireContains(t, app, "Đã giải quyết xung đột STP · "+item, "Không còn xung đột nào.")
	got, _ := storedFinding(t, b.db, b.aid, item)
	if got.Result != model.ResultFail || got.Note != "Chưa ban hành kế hoạch." || got.UpdatedBy != "Phạm Đức Long" {
		t.Fatalf("resolved finding: %+v", got)
	}
	if open, err := b.db.Conflicts(context.Background(), store.ConflictFilter{}); err != nil || len(open) != 0 {
		t.Fatalf("open conflicts after resolving: %d %v", len(open), err)
	}
	h, err := b.db.FindingHistory(context.Background(), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := h[len(h)-1]; last.Action != "resolve" || last.Actor != "Phạm Đức Long" {
		t.Fatalf("resolution not audited: %+v", last)
	}
	// esc goes back to the start screen; importing the same folder again
	// changes nothing and opens no conflicts screen.
	app = keys(t, app, "esc", "i", usb, "enter")
	if app.screen != screenStart || app.start.imports.step != importShowing {
		t.Fatalf("re-import: screen %s", app.screen)
	}
	requireContains(t, app, "Kết quả nhập dữ liệu", "a2.ktb (từ Lê Thu Trang): đã nhận trước đây")
	app = keys(t, app, "esc")
	requireContains(t, app, "Sở Tư pháp (STP)")
}

func TestResolveConflictWithMergedValue(t *testing.T) {
	t.Parallel()
	a, b := twoLaptops(t)
	item, _ := firstItems(t, a)
	usb := t.TempDir()
	conflicted(t, a, b, item, usb)
	app := newSyncApp(t, b, i18n.VI)
	app = keys(t, app, "i", usb, "enter")

	// e opens the finding editor on a value written from both sides.
	before, _ := storedFinding(t, b.db, b.aid, item)
	app = keys(t, app, "e")
	if app.screen != screenEditor || !app.editor.resolving {
		t.Fatalf("e on a conflict: screen %s", app.screen)
	}
	if got := app.editor.note.Value(); got != "Kế hoạch ban hành chậm.\nChưa ban hành kế hoạch." {
		t.Fatalf("merged note %q", got)
	}
	requireContains(t, app, "Giải quyết xung đột: sửa rồi ctrl+s", "ctrl+s lưu làm kết quả", "esc huỷ")
	// esc leaves without deciding: the conflict is still there.
	app = keys(t, app, "esc")
	if app.screen != screenConflicts || len(app.conflicts.conflicts) != 1 {
		t.Fatalf("esc from the merged value: screen %s, %d conflicts", app.screen, len(app.conflicts.conflicts))
	}
	if f, _ := storedFinding(t, b.db, b.aid, item); f != before {
		t.Fatalf("cancelling changed the finding: %+v", f)
	}

	// Edit the merged note: cut it to one sentence and add to it.
	app = keys(t, app, "e", "tab", "tab")
	for range len([]rune("\nChưa ban hành kế hoạch.")) {
		app = keys(t, app, "backspace")
	}
	app = keys(t, app, " Thiếu nhiệm vụ số hoá.", "ctrl+s")
	requireContains(t, app, "Lưu giá trị đang sửa làm kết quả của xung đột mục "+item+"?")
	app = keys(t, app, "y")
	if app.screen != screenConflicts {
		t.Fatalf("after ctrl+s: screen %s, status %q", app.screen, app.status.text)
	}
	requireContains(t, app, "Không còn xung đột nào.", "Đã giải quyết xung đột")
	got, _ := storedFinding(t, b.db, b.aid, item)
	if got.Result != model.ResultFail || got.Note != "Kế hoạch ban hành chậm. Thiếu nhiệm vụ số hoá." {
		t.Fatalf("resolved finding: %+v", got)
	}
	// Opening the unit shows the resolved value, and answering again saves
	// on top of it (the session was read again, not kept stale).
	app = keys(t, app, "esc")
	app = openDemoUnit(t, app, "STP")
	if c := app.sess.content[item]; c.Note != got.Note {
		t.Fatalf("unit shows %+v", c)
	}
	app.checklist = app.checklist.jump(app.sess.index[item])
	app = keys(t, app, "1")
	if f, _ := storedFinding(t, b.db, b.aid, item); f.Result != model.ResultPass || app.status.isErr {
		t.Fatalf("answer after resolving: %+v, status %q", f, app.status.text)
	}
}

func TestImportErrorsNameFileAndProblem(t *testing.T) {
	t.Parallel()
	a, b := twoLaptops(t)
	item, other := firstItems(t, a)
	a.save(t, item, model.Content{Result: model.ResultPass, Score: 100})
	usb := t.TempDir()
	good := a.bundle(t, usb, "a1.ktb")
	a.save(t, other, model.Content{Result: model.ResultPass, Score: 100})
	full := a.bundle(t, t.TempDir(), "a2.ktb")
	data, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	// A copy cut short, as when a USB drive is pulled out too early, and a
	// document that is not a bundle (skipped: files are picked by content).
	if err := os.WriteFile(filepath.Join(usb, "a2-cut.ktb"), data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(usb, "ghi-chu.txt"), []byte("không phải gói dữ liệu"), 0o644); err != nil {
		t.Fatal(err)
	}
	var last error
	app := newSyncAppWith(t, b, i18n.VI, recordingImporter{testImporter(b.db, i18n.VI), &last})

	missing := filepath.Join(usb, "khong-co.ktb")
	app = keys(t, app, "i", missing, "enter")
	requireContains(t, app, "✗ Chưa nhập được: không có tệp hoặc thư mục "+missing+".")

	app = keys(t, app, "i", "enter")
	requireContains(t, app, "Cần nhập đường dẫn tệp hoặc thư mục.")
	app = keys(t, app, "esc")

	// A folder without bundles: the importer's error, in the catalogue's
	// words for its code.
	empty := t.TempDir()
	app = keys(t, app, "i", empty, "enter")
	if last == nil {
		t.Fatal("importing an empty folder was not refused")
	}
	requireStatus(t, app, "✗ Chưa nhập được: "+i18n.New(i18n.VI).Err(last))

	app = keys(t, app, "i", usb, "enter")
	if app.screen != screenStart || app.start.imports.step != importShowing {
		t.Fatalf("import of the folder: screen %s", app.screen)
	}
	requireContains(t, app, "Đã nhập 1/2 tệp", "1 tệp không được nhận.",
		"a1.ktb (từ Lê Thu Trang)", "✗ a2-cut.ktb không được nhận: tệp gói không đầy đủ")
	if strings.Contains(screen(app), "ghi-chu.txt") {
		t.Fatal("a file that is not a bundle was offered to the import")
	}
	if !app.status.isErr {
		t.Fatal("a refused file is not flagged in the status line")
	}
	if f, ok := storedFinding(t, b.db, b.aid, item); !ok || f.Result != model.ResultPass {
		t.Fatalf("the good bundle was not imported: %+v", f)
	}
	if _, ok := storedFinding(t, b.db, b.aid, other); ok {
		t.Fatal("the cut bundle changed the database")
	}
	_ = good
}

func TestConflictsScreenFromStartAndEnglish(t *testing.T) {
	t.Parallel()
	a, b := twoLaptops(t)
	item, _ := firstItems(t, a)
	usb := t.TempDir()
	conflicted(t, a, b, item, usb)
	if _, err := b.db.Import(context.Background(), []string{filepath.Join(usb, "a2.ktb")}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	app := newSyncApp(t, b, i18n.EN)
	requireContains(t, app, "i import", "⚠ 1 conflict to resolve: press C to see it.")
	app = keys(t, app, "C")
	if app.screen != screenConflicts {
		t.Fatalf("C: screen %s", app.screen)
	}
	requireContains(t, app, "Conflicts to resolve (1)", "1 · On this computer", "2 · Received from Lê Thu Trang",
		"Differs in: note", "1 keep value 1", "2 keep value 2")
	// 1 keeps this computer's value.
	app = keys(t, app, "1", "y")
	requireContains(t, app, "No conflict left.")
	if f, _ := storedFinding(t, b.db, b.aid, item); f.Note != "Kế hoạch ban hành chậm." {
		t.Fatalf("kept value: %+v", f)
	}
	app = keys(t, app, "esc")
	if strings.Contains(screen(app), "conflicts to resolve") {
		t.Fatalf("the start screen still counts a resolved conflict:\n%s", screen(app))
	}

	// Without an importer there is no import and no conflicts screen.
	plain := newTestApp(t, b.db, i18n.VI, 120, 40)
	plain = keys(t, plain, "i", "C")
	if plain.screen != screenStart || plain.start.typing() {
		t.Fatalf("import keys active without an importer: screen %s", plain.screen)
	}
}

func TestCleanPath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"  /media/usb/a.ktb ":        "/media/usb/a.ktb",
		"'/media/usb/gói 1.ktb'":     "/media/usb/gói 1.ktb",
		`"C:\Users\Hương\a.ktb"`:     `C:\Users\Hương\a.ktb`,
		`/media/usb/Tai\ lieu/a.ktb`: "/media/usb/Tai lieu/a.ktb",
		"":                           "",
	} {
		if filepath.Separator != '/' && strings.Contains(in, `\ `) {
			continue
		}
		if got := cleanPath(in); got != want {
			t.Errorf("cleanPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMergedContent(t *testing.T) {
	t.Parallel()
	a := model.Content{Result: model.ResultFail, Note: "A", Evidence: "E"}
	b := model.Content{Result: model.ResultPartial, Score: 50, Note: "B", Evidence: "E", Recommendation: "R",
		Deadline: model.NewDate(2022, 12, 31)}
	got := mergedContent(a, b)
	want := model.Content{Result: model.ResultFail, Note: "A\nB", Evidence: "E", Recommendation: "R", Deadline: model.NewDate(2022, 12, 31)}
	if got != want {
		t.Fatalf("mergedContent = %+v, want %+v", got, want)
	}
}

func TestConflictOnFinalizedAssessmentAsksToReopen(t *testing.T) {
	t.Parallel()
	a, b := twoLaptops(t)
	item, _ := firstItems(t, a)
	usb := t.TempDir()
	conflicted(t, a, b, item, usb)
	ctx := context.Background()
	if _, err := b.db.Import(ctx, []string{filepath.Join(usb, "a2.ktb")}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.Finalize(ctx, b.name, b.aid); err != nil {
		t.Fatal(err)
	}
	app := newSyncApp(t, b, i18n.VI)
	before, _ := storedFinding(t, b.db, b.aid, item)
	app = keys(t, app, "C", "1")
	requireContains(t, app, "Đánh giá của đơn vị này đã hoàn thành: mở lại ở màn hình tổng hợp (o) rồi giải quyết.")
	app = keys(t, app, "e")
	if app.screen != screenConflicts {
		t.Fatalf("e on a finalized conflict opened %s", app.screen)
	}
	if f, _ := storedFinding(t, b.db, b.aid, item); f != before {
		t.Fatalf("a finalized finding changed: %+v", f)
	}
	if open, _ := b.db.Conflicts(ctx, store.ConflictFilter{}); len(open) != 1 {
		t.Fatalf("%d open conflicts, want 1", len(open))
	}
	// Every size draws without breaking the layout.
	for _, sz := range [][2]int{{60, 16}, {80, 24}, {99, 30}, {100, 30}, {200, 60}} {
		app = send(t, app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		lines := strings.Split(screen(app), "\n")
		if len(lines) != sz[1] {
			t.Fatalf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for i, l := range lines {
			if w := len([]rune(l)); w > sz[0] {
				t.Fatalf("%dx%d: line %d is %d wide: %q", sz[0], sz[1], i, w, l)
			}
		}
		if !strings.Contains(screen(app), "STP · "+item) {
			t.Fatalf("%dx%d: the conflict is not on screen:\n%s", sz[0], sz[1], screen(app))
		}
	}
}
