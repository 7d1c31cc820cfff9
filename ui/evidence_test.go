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
)

// TestEditorAttachesListsAndRemovesFiles: ctrl+o lists the item's
// evidence files; a takes a typed path (letters that name keys stay
// text) and attaches it; x removes the selected file only once confirmed.
func TestEditorAttachesListsAndRemovesFiles(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	dir := t.TempDir()
	photo := filepath.Join(dir, "kj bảng niêm yết.png")
	if err := os.WriteFile(photo, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"+strings.Repeat("x", 4000)), 0o600); err != nil {
		t.Fatal(err)
	}
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	aid, code := a.sess.assessment.ID, cursorItem(a).Code
	a = keys(t, a, "enter")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlO})
	if s := screen(a); !strings.Contains(s, "Tệp minh chứng của mục "+code+": 0 tệp") || !strings.Contains(s, "chưa có tệp minh chứng") {
		t.Fatalf("the files panel:\n%s", s)
	}
	a = keys(t, a, "a", photo, "enter")
	files, err := db.FindingEvidence(context.Background(), aid, code)
	if err != nil || len(files) != 1 || files[0].Name != "kj bảng niêm yết.png" || files[0].MediaType != "image/png" ||
		files[0].AddedBy != "Nguyễn Thị Hương" {
		t.Fatalf("stored %+v (%v)", files, err)
	}
	s := screen(a)
	if !strings.Contains(s, "kj bảng niêm yết.png · 3 KB · image/png · Nguyễn Thị Hương") || !strings.Contains(s, ": 1 tệp") {
		t.Fatalf("after attaching:\n%s", s)
	}
	requireStatus(t, a, "Đã đính kèm kj bảng niêm yết.png.")
	if n := a.sess.files[code]; n != 1 {
		t.Errorf("the checklist counts %d files on %s after attaching one", n, code)
	}

	// A path that is a folder: refused in words, nothing stored.
	a = keys(t, a, "a", dir, "enter")
	if files, _ := db.FindingEvidence(context.Background(), aid, code); len(files) != 1 {
		t.Fatalf("a folder was attached: %+v", files)
	}
	words := []rune(i18n.New(i18n.VI).Err(model.NewError(model.ENotRegular, nil, dir)))
	if !strings.Contains(screen(a), "✗ "+string(words[:len([]rune(dir))+20])) {
		t.Errorf("no words for a folder:\n%s", screen(a))
	}

	// x asks; n keeps the file; x then y removes it.
	a = keys(t, a, "x")
	if !strings.Contains(screen(a), "Gỡ kj bảng niêm yết.png khỏi mục này?") {
		t.Fatalf("no question before removing:\n%s", screen(a))
	}
	a = keys(t, a, "n")
	if files, _ := db.FindingEvidence(context.Background(), aid, code); len(files) != 1 {
		t.Fatal("n removed the file")
	}
	a = keys(t, a, "x", "y")
	if files, _ := db.FindingEvidence(context.Background(), aid, code); len(files) != 0 {
		t.Fatalf("y kept the file: %+v", files)
	}
	requireStatus(t, a, "Đã gỡ kj bảng niêm yết.png (vẫn giữ trong lịch sử).")
	if n := a.sess.files[code]; n != 0 {
		t.Errorf("the checklist counts %d files on %s after removing the one", n, code)
	}
	a = keys(t, a, "esc")
	if strings.Contains(screen(a), "Tệp minh chứng của mục") {
		t.Fatalf("esc left the panel open:\n%s", screen(a))
	}
}

// TestEditorPicksAFile: o opens the file picker on the folder of the last
// file attached; j moves to the next file, enter attaches it.
func TestEditorPicksAFile(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	dir := t.TempDir()
	for _, n := range []string{"a-first.pdf", "b-second.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("%PDF-1.4 "+n), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	a := openDemoUnit(t, newTestApp(t, db, i18n.EN, 120, 40), "SYT")
	aid, code := a.sess.assessment.ID, cursorItem(a).Code
	a = keys(t, a, "enter")
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlO})
	a = keys(t, a, "a", filepath.Join(dir, "a-first.pdf"), "enter", "o")
	s := screen(a)
	if !strings.Contains(s, "Pick an evidence file for item "+code) || !strings.Contains(s, "b-second.pdf") {
		t.Fatalf("the picker:\n%s", s)
	}
	a = keys(t, a, "j", "enter")
	files, err := db.FindingEvidence(context.Background(), aid, code)
	if err != nil || len(files) != 2 || files[1].Name != "b-second.pdf" {
		t.Fatalf("stored %+v (%v)", files, err)
	}
	if s := screen(a); !strings.Contains(s, "b-second.pdf · ") || strings.Contains(s, "Pick an evidence file") {
		t.Fatalf("after picking:\n%s", s)
	}
}
