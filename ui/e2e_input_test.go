package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store"
)

// paste writes b to the pane's terminal as one write, as a terminal
// writes what is typed or pasted (tmux paste-buffer without -p: no
// bracketed paste, whatever the app asked for).
func (s *tmuxSession) paste(b []byte) {
	s.t.Helper()
	cmd := exec.Command("tmux", "-L", s.socket, "load-buffer", "-b", "in", "-", ";",
		"paste-buffer", "-b", "in", "-d", "-t", s.name)
	cmd.Stdin = bytes.NewReader(b)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("paste %d bytes: %v\n%s", len(b), err, out)
	}
}

// TestEndToEndTypedTextIsStored drives the real binary in tmux: the
// 100 KB note typed in Telex (backspaces and recomposed letters, line
// breaks) is written to its terminal in chunks of every size from 1 to
// 200 bytes, each chunk a write of its own, so letters are split between
// the program's reads; then words that are key names, sent at once (one
// read), go into the evidence. Both reach the database byte for byte.
func TestEndToEndTypedTextIsStored(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped with -short")
	}
	t.Parallel()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed; the end-to-end test needs it (.ci/run installs it)")
	}
	bin := kiemtraBinary(t)
	db := filepath.Join(t.TempDir(), "input.db")
	if out, err := exec.Command(bin, "--db", db, "demo", "--seed-only").CombinedOutput(); err != nil {
		t.Fatalf("kiemtra demo --seed-only: %v\n%s", err, out)
	}
	syt, items := sytChecklist(t, db)
	code := items[0].Code
	s := &tmuxSession{t: t, socket: fmt.Sprintf("kiemtra-input-%d", os.Getpid()), name: "input"}
	t.Cleanup(func() { _, _ = s.tmux("kill-server") })
	s.start(fmt.Sprintf("%s --db %s", bin, db))
	s.waitFor("first launch", "Họ và tên:")
	s.literal("Trần Văn Minh")
	s.key("Enter")
	s.waitFor("start", "Sở Y tế (SYT)")
	s.key("Tab", "Down", "Down", "Down", "Down", "Enter")
	s.waitFor("checklist", "Sở Y tế", "·  "+code+" ")
	s.key("3")
	s.waitFor("editor", "Sở Y tế › "+code, "bắt buộc khi chưa đạt")

	for _, chunk := range cut(noteStream, "rising", false) {
		s.paste(chunk)
	}
	// Tab leaves the note after everything before it was read (the
	// terminal keeps the order); the evidence gets the key names in one
	// read; esc stores both.
	s.key("Tab")
	s.waitFor("evidence", "▶ Tài liệu kiểm chứng đã xem")
	s.literal(keyNameText)
	s.key("Escape")
	s.waitFor("stored", savedRow("✗", code), "Đã lưu ")
	s.key("q")
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := s.tmux("has-session", "-t", s.name); err != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	}()
	fs, err := st.Findings(context.Background(), syt.ID)
	if err != nil {
		t.Fatal(err)
	}
	var f model.Finding
	for _, x := range fs {
		if x.ItemCode == code {
			f = x
		}
	}
	if f.Note != noteText {
		t.Errorf("stored note differs: %d bytes, want %d; first difference at byte %d", len(f.Note), len(noteText), firstDiff(f.Note, noteText))
	}
	if f.Evidence != keyNameText {
		t.Errorf("stored evidence %q, want %q", f.Evidence, keyNameText)
	}
}
