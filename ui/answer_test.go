package ui

import (
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// TestKeysThatCannotActSayWhy: the cases of a key pressed where it
// cannot act, each answered in the status line, nothing changed.
func TestKeysThatCannotActSayWhy(t *testing.T) {
	t.Parallel()
	empty := newTestApp(t, openStore(t, false, "Nguyễn Thị Hương"), i18n.VI, 120, 40)
	empty.c.exporter = testExporter(t, openStore(t, false, "x"), t.TempDir(), i18n.VI)
	empty.start.c.exporter = empty.c.exporter
	for _, k := range []string{"a", "x"} {
		b := keys(t, empty, k)
		if b.start.formKind != noForm || b.start.export.open {
			t.Fatalf("%s with no inspection opened a form", k)
		}
		requireStatus(t, b, "Hãy tạo hoặc chọn một đợt kiểm tra trước.")
	}

	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "STP") // finalized
	code := cursorItem(a).Code
	before, _ := storedFinding(t, db, a.sess.assessment.ID, code)
	for _, k := range []string{"1", "2", "3", "4", "0"} {
		b := keys(t, a, k)
		requireStatus(t, b, "Đánh giá đã hoàn thành: chỉ xem. Mở lại ở màn hình tổng hợp (o) để sửa.")
		if b.screen != screenChecklist || b.sess.content[code] != a.sess.content[code] {
			t.Fatalf("%s on a finalized checklist changed it", k)
		}
	}
	if after, _ := storedFinding(t, db, a.sess.assessment.ID, code); after.Revision != before.Revision {
		t.Fatal("a result key wrote to a finalized assessment")
	}
}

// TestEscOverAnInvalidScoreSaysSo: esc with a score that cannot be stored
// stays in the editor and says why, what can be stored is stored; a
// second esc leaves without the score, which is not stored.
func TestEscOverAnInvalidScoreSaysSo(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	for cursorItem(a).Scoring != model.ScoringPartial {
		a = keys(t, a, "j")
	}
	it := cursorItem(a)
	aid := a.sess.assessment.ID
	a = keys(t, a, "enter", "2", "tab")
	for range a.editor.score.Value() {
		a = keys(t, a, "backspace")
	}
	a = keys(t, a, "99", "tab", "Thiếu biên bản họp", "esc")
	if a.screen != screenEditor {
		t.Fatalf("esc over an invalid score left the editor: %s", a.screen)
	}
	requireStatus(t, a, "✗ Điểm chưa được lưu: điểm không hợp lệ: "+a.c.scoringText(it.Item)+
		". Sửa lại, hoặc nhấn esc lần nữa để bỏ giá trị vừa nhập.")
	f, _ := storedFinding(t, db, aid, it.Code)
	if f.Note != "Thiếu biên bản họp" || f.Result != model.ResultPartial || f.Score != it.DefaultScore(model.ResultPartial) {
		t.Fatalf("stored %+v: want the note and the default score of đạt một phần", f)
	}
	a = keys(t, a, "esc")
	if a.screen != screenChecklist {
		t.Fatalf("a second esc did not leave: %s", a.screen)
	}
	if g, _ := storedFinding(t, db, aid, it.Code); g.Revision != f.Revision {
		t.Fatalf("the second esc stored %+v", g)
	}
}

// TestCreatingAnInspectionConfirmsIt: the status line names the new
// inspection.
func TestCreatingAnInspectionConfirmsIt(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, openStore(t, false, "Nguyễn Thị Hương"), i18n.VI, 120, 40)
	a = keys(t, a, "n", "Kiểm tra CCHC năm 2022 (đột xuất)", "ctrl+s")
	requireStatus(t, a, "Đã tạo đợt kiểm tra “Kiểm tra CCHC năm 2022 (đột xuất)” (năm 2022). Nhấn a để thêm đơn vị được kiểm tra.")
}
