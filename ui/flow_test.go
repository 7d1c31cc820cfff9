package ui

import (
	"context"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

func TestFirstLaunchAsksName(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "")
	a := newTestApp(t, db, i18n.VI, 100, 30)
	if a.screen != screenFirstRun {
		t.Fatalf("screen %s, want first-run", a.screen)
	}
	requireContains(t, a, "Chào mừng đến với kiemtra", "Họ và tên:")
	// q is a letter of a name here, not quit.
	a = keys(t, a, "enter")
	requireContains(t, a, "Cần nhập họ và tên.")
	a = keys(t, a, "Quách Thị Hương", "enter")
	if a.screen != screenStart {
		t.Fatalf("screen %s after the name, want start", a.screen)
	}
	got, err := db.Setting(context.Background(), store.SettingInspector)
	if err != nil || got != "Quách Thị Hương" {
		t.Fatalf("inspector setting %q, %v", got, err)
	}
	requireContains(t, a, "Xin chào Quách Thị Hương.", "Sở Tư pháp (STP)", "Quách Thị Hương")
}

func TestStartListsUnitsWithProgress(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	requireContains(t, a, "Đợt kiểm tra (1)", "Đơn vị được kiểm tra (12)", "Sở Tư pháp (STP)", "84/84", "Đã hoàn thành", "Bản nháp")
	var stp unitRow
	for _, r := range a.start.rows {
		if r.unit.Code == "STP" {
			stp = r
		}
	}
	if stp.progress.Answered != stp.progress.Total || stp.assessment.Status != model.StatusFinalized {
		t.Fatalf("STP row: %+v", stp.progress)
	}
}

func TestAnswerItemsSavesEachChange(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	aid := a.sess.assessment.ID
	first := a.sess.items[0]
	if a.checklist.cursor != 0 {
		t.Fatalf("untouched unit opened at item %d, want 0", a.checklist.cursor)
	}
	// 1 = đạt, saved at once, cursor moves on.
	a = keys(t, a, "1")
	f, ok := storedFinding(t, db, aid, first.Code)
	if !ok || f.Result != model.ResultPass || f.Score != first.Max || f.UpdatedBy != "Nguyễn Thị Hương" {
		t.Fatalf("after 1: stored %+v (found %v)", f, ok)
	}
	requireContains(t, a, "Đã lưu 14:32:05")
	if a.checklist.cursor != 1 {
		t.Fatalf("cursor %d after answering, want 1", a.checklist.cursor)
	}
	// 3 = chưa đạt: the editor opens on the note (the evidence rule).
	second := a.sess.items[1]
	a = keys(t, a, "3")
	if a.screen != screenEditor || a.editor.focus != focusNote {
		t.Fatalf("after 3: screen %s focus %d, want editor on note", a.screen, a.editor.focus)
	}
	requireContains(t, a, "(bắt buộc khi chưa đạt)")
	a = keys(t, a, "Chưa có kế hoạch kiểm tra năm 2022", "tab", "Kế hoạch số 149/KH-UBND ngày 14/01/2022", "tab",
		"Ban hành kế hoạch", "tab", "31/12/2022", "esc")
	if a.screen != screenChecklist {
		t.Fatalf("esc from the editor: screen %s", a.screen)
	}
	f, _ = storedFinding(t, db, aid, second.Code)
	want := model.Content{Result: model.ResultFail, Note: "Chưa có kế hoạch kiểm tra năm 2022",
		Evidence: "Kế hoạch số 149/KH-UBND ngày 14/01/2022", Recommendation: "Ban hành kế hoạch",
		Deadline: model.NewDate(2022, 12, 31)}
	if f.Content() != want {
		t.Fatalf("stored %+v\nwant   %+v", f.Content(), want)
	}
	// Changing it again is based on the stored revision (no ErrStale).
	a = keys(t, a, "enter", "1", "esc")
	f2, _ := storedFinding(t, db, aid, second.Code)
	if f2.Result != model.ResultPass || f2.BaseRevision != f.Revision || f2.Note != want.Note {
		t.Fatalf("second save: %+v (base %s, want %s)", f2, f2.BaseRevision, f.Revision)
	}
	if a.status.isErr {
		t.Fatalf("status error: %s", a.status.text)
	}
}

func TestEditorScoreIsBoundedAndKeptWhenInvalid(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	// Find a partial-scored item with a max above 1.
	idx := -1
	for i, it := range a.sess.items {
		if it.Scoring == model.ScoringPartial && it.Max >= 100 {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Fatal("no partial item with a maximum of 1 or more in the built-in checklist for sở")
	}
	it := a.sess.items[idx]
	a.checklist = a.checklist.jump(idx)
	a = keys(t, a, "enter", "2")
	if got := a.sess.content[it.Code]; got.Result != model.ResultPartial || got.Score != it.DefaultScore(model.ResultPartial) {
		t.Fatalf("partial default: %+v", got)
	}
	if a.editor.score.Value() != a.c.pts(it.DefaultScore(model.ResultPartial)) {
		t.Fatalf("score field %q", a.editor.score.Value())
	}
	// Type a score above the maximum: refused, kept on screen.
	a = keys(t, a, "tab")
	for range a.editor.score.Value() {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "99", "tab")
	if a.editor.score.Value() != "99" || a.editor.errs[focusScore] == "" {
		t.Fatalf("invalid score: value %q err %q", a.editor.score.Value(), a.editor.errs[focusScore])
	}
	requireContains(t, a, "99", "điểm không hợp lệ")
	f, _ := storedFinding(t, db, a.sess.assessment.ID, it.Code)
	if f.Score != it.DefaultScore(model.ResultPartial) {
		t.Fatalf("stored score %v, want the default", f.Score)
	}
	// A valid Vietnamese decimal is accepted.
	a = keys(t, a, "shift+tab", "backspace", "backspace", "0,5", "tab")
	f, _ = storedFinding(t, db, a.sess.assessment.ID, it.Code)
	if f.Score != 50 {
		t.Fatalf("stored score %v, want 0,5", f.Score)
	}
}

func TestFinalizeListsGapsThenLocks(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	aid := a.sess.assessment.ID
	// Two chưa đạt without a note: esc out of the editor each time.
	a = keys(t, a, "3", "esc", "down", "3", "esc")
	gap1, gap2 := a.sess.items[0].Code, a.sess.items[1].Code
	a = keys(t, a, "s", "f")
	if a.summary.mode != summaryGaps {
		t.Fatalf("finalize with gaps: mode %d", a.summary.mode)
	}
	requireContains(t, a, "2 mục chưa đạt thiếu ghi chú", gap1, gap2)
	// Enter goes to the first gap's note; write it.
	a = keys(t, a, "enter")
	if a.screen != screenEditor || a.sess.items[a.editor.index].Code != gap1 || a.editor.focus != focusNote {
		t.Fatalf("gap jump: screen %s item %s", a.screen, a.sess.items[a.editor.index].Code)
	}
	a = keys(t, a, "Thiếu hồ sơ", "pgdown", "Thiếu sổ theo dõi", "esc", "s")
	if g := a.sess.gaps(); len(g) != 0 {
		t.Fatalf("gaps left: %v", g)
	}
	// Record the biên bản's details: the unit's people, its comments.
	a = keys(t, a, "e", "tab", "tab", "tab", "tab", "tab", "tab", "Ông; Lê Văn Đức; Phó Giám đốc; Sở Y tế", "tab", "tab",
		"Đơn vị thống nhất.", "ctrl+s")
	got, err := db.Assessment(context.Background(), aid)
	if err != nil || len(got.Participants) != 1 || got.Participants[0] != (model.Participant{Honorific: "Ông", Name: "Lê Văn Đức",
		Position: "Phó Giám đốc", Unit: "Sở Y tế"}) || got.UnitComments != "Đơn vị thống nhất." || got.Copies != 2 {
		t.Fatalf("visit details stored: %+v %v", got, err)
	}
	if a.summary.mode != summaryBrowse {
		t.Fatalf("the form stayed open after saving: mode %s", a.summary.mode)
	}
	a = keys(t, a, "f")
	if a.summary.mode != summaryConfirmFinalize {
		t.Fatalf("mode %d, want confirm", a.summary.mode)
	}
	requireContains(t, a, "Hoàn thành đánh giá?", "mục chưa đánh giá")
	a = keys(t, a, "n")
	if got, _ := db.Assessment(context.Background(), aid); got.Status != model.StatusDraft {
		t.Fatal("cancel finalized anyway")
	}
	a = keys(t, a, "f", "y")
	if got, _ := db.Assessment(context.Background(), aid); got.Status != model.StatusFinalized || got.FinalizedBy != "Nguyễn Thị Hương" {
		t.Fatalf("not finalized: %+v", got)
	}
	requireContains(t, a, "Đã hoàn thành đánh giá.", "Hoàn thành bởi Nguyễn Thị Hương")
	// Read-only: result keys are disabled and the help says so.
	a = keys(t, a, "esc")
	before := a.sess.content[a.sess.items[a.checklist.cursor].Code]
	a = keys(t, a, "1")
	if a.sess.content[a.sess.items[a.checklist.cursor].Code] != before {
		t.Fatal("a result key changed a finalized assessment")
	}
	if strings.Contains(screen(a), "1 đạt") {
		t.Fatalf("help still offers result keys:\n%s", screen(a))
	}
	a = keys(t, a, "enter", "x")
	requireContains(t, a, "chỉ xem")
	// Reopen needs a reason and is audited.
	a = keys(t, a, "esc", "s", "o", "enter")
	requireContains(t, a, "Cần nhập lý do mở lại.")
	a = keys(t, a, "Đơn vị bổ sung hồ sơ", "enter")
	if got, _ := db.Assessment(context.Background(), aid); got.Status != model.StatusDraft {
		t.Fatal("not reopened")
	}
	hist, err := db.History(context.Background(), aid)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hist {
		if h.Action == "reopen-reason" && strings.Contains(h.New, "Đơn vị bổ sung hồ sơ") {
			found = true
		}
	}
	if !found {
		t.Fatalf("reopen reason not audited: %+v", hist)
	}
}

func TestNextUnansweredJumps(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "STTTT") // 60% answered, in checklist order
	start := a.checklist.cursor
	if a.sess.content[a.sess.items[start].Code].Result.Answered() {
		t.Fatalf("opened on answered item %d", start)
	}
	a = keys(t, a, "1", "n")
	if c := a.sess.content[a.sess.items[a.checklist.cursor].Code]; c.Result.Answered() || a.checklist.cursor <= start {
		t.Fatalf("n went to %d (answered %v)", a.checklist.cursor, c.Result.Answered())
	}
}

func TestQuitFromAnywhere(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	a = keys(t, a, "enter", "1", "tab", "tab", "Ghi chú chưa rời ô")
	// ctrl+c inside a text field: the note is committed and saved first.
	a = keys(t, a, "ctrl+c")
	if !quit(a) {
		t.Fatalf("did not quit")
	}
	f, _ := storedFinding(t, db, a.sess.assessment.ID, a.sess.items[0].Code)
	if f.Note != "Ghi chú chưa rời ô" {
		t.Fatalf("note lost on quit: %q", f.Note)
	}
	// q types into a field, and quits outside one.
	b := newTestApp(t, db, i18n.VI, 120, 40)
	b = openDemoUnit(t, b, "SYT")
	b = keys(t, b, "enter", "tab", "tab", "q")
	if quit(b) || !strings.HasSuffix(b.editor.note.Value(), "q") {
		t.Fatalf("q in a note: quit=%v note %q", b.fatal == "quit", b.editor.note.Value())
	}
	b = keys(t, b, "esc", "q")
	if !quit(b) {
		t.Fatal("q on the checklist did not quit")
	}
}

func TestEnglish(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.EN, 120, 40)
	requireContains(t, a, "Inspections (1)", "Inspected units (12)", "Finalized", "Draft")
	a = openDemoUnit(t, a, "STP")
	requireContains(t, a, "Fields", "Total:", "points")
	a = keys(t, a, "?")
	requireContains(t, a, "Keys", "view the item", "search") // STP is finalized: nothing to answer
}

func TestHelpOverlayListsScreenKeys(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := newTestApp(t, db, i18n.VI, 120, 40)
	a = openDemoUnit(t, a, "SYT")
	a = keys(t, a, "?")
	requireContains(t, a, "Phím tắt", "mục chưa đánh giá", "tìm", "tổng hợp", "đạt một phần", "không áp dụng", "xoá kết quả", "thoát")
	a = keys(t, a, "?")
	if a.showHelp {
		t.Fatal("? did not close help")
	}
	a = keys(t, a, "enter", "?")
	requireContains(t, a, "lưu và quay lại", "mục sau")
}
