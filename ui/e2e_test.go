package ui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store"
)

// tmuxSession drives the real binary in a detached tmux session on a
// private server socket.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

func (s *tmuxSession) start(cmd string) {
	s.t.Helper()
	if out, err := s.tmux("new-session", "-d", "-s", s.name, "-x", "120", "-y", "40",
		"-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "TZ=UTC", "exec "+cmd); err != nil {
		s.t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
}

// literal types text as UTF-8, the way a paste or an IME commit arrives.
func (s *tmuxSession) literal(text string) {
	s.t.Helper()
	if out, err := s.tmux("send-keys", "-t", s.name, "-l", text); err != nil {
		s.t.Fatalf("send-keys %q: %v\n%s", text, err, out)
	}
}

// key sends named keys (Enter, Escape, Tab, Down, BSpace…). Keys sent
// one after the other may reach the app in one read (Escape then j as
// alt+j, two letters as one key of two runes); the app reads them as the
// keys they were, but a test that waits for each to show says where it
// went wrong.
func (s *tmuxSession) key(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := s.tmux("send-keys", "-t", s.name, k); err != nil {
			s.t.Fatalf("send-keys %s: %v\n%s", k, err, out)
		}
	}
}

func (s *tmuxSession) capture() string {
	out, _ := s.tmux("capture-pane", "-p", "-t", s.name)
	return out
}

// waitFor polls the screen until every want is on it.
func (s *tmuxSession) waitFor(what string, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = s.capture()
		ok := true
		for _, w := range want {
			if !strings.Contains(screen, w) {
				ok = false
				break
			}
		}
		if ok {
			return screen
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("%s: screen never showed %q:\n%s", what, want, screen)
	return ""
}

func (s *tmuxSession) panePID() int {
	s.t.Helper()
	out, err := s.tmux("list-panes", "-t", s.name, "-F", "#{pane_pid}")
	if err != nil {
		s.t.Fatalf("list-panes: %v\n%s", err, out)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		s.t.Fatalf("pane pid %q", out)
	}
	return pid
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// kiemtraBinary builds the real binary once per test binary, for the
// end-to-end tests.
func kiemtraBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		builtBin = filepath.Join(templateDir, "kiemtra")
		build := exec.Command("go", "build", "-o", builtBin, ".")
		build.Dir = ".."
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// sytChecklist reads, from the database at path, Sở Y tế's assessment
// and the items of its checklist, in order.
func sytChecklist(t *testing.T, path string) (model.Assessment, []model.Item) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	}()
	in, err := st.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	as, err := st.InspectionAssessments(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	units, err := st.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		for _, u := range units {
			if u.ID == a.UnitID && u.Code == "SYT" {
				cl, err := st.Checklist(ctx, a.ChecklistID, a.ChecklistVersion)
				if err != nil {
					t.Fatal(err)
				}
				return a, cl.Items()
			}
		}
	}
	t.Fatal("the demo has no assessment of Sở Y tế")
	return model.Assessment{}, nil
}

// savedRow is how the checklist lists an item whose result r is stored:
// its marker, no "*" (changed, not stored yet) or "!" (not saved), its code.
func savedRow(marker, code string) string { return marker + "  " + code + " " }

// TestEndToEndKill9 builds the real binary, answers items with Vietnamese
// notes in tmux, kills the process with SIGKILL, starts it again and finds
// every answer, on screen and in the database.
func TestEndToEndKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped with -short")
	}
	t.Parallel()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed; the end-to-end test needs it (.ci/run installs it)")
	}
	dir := t.TempDir()
	bin := kiemtraBinary(t)
	db := filepath.Join(dir, "e2e.db")
	if out, err := exec.Command(bin, "--db", db, "demo", "--seed-only").CombinedOutput(); err != nil {
		t.Fatalf("kiemtra demo --seed-only: %v\n%s", err, out)
	}
	syt, items := sytChecklist(t, db)
	code1, code2, code3 := items[0].Code, items[1].Code, items[2].Code
	s := &tmuxSession{t: t, socket: fmt.Sprintf("kiemtra-test-%d", os.Getpid()), name: "e2e"}
	t.Cleanup(func() { _, _ = s.tmux("kill-server") })
	cmd := fmt.Sprintf("%s --db %s", bin, db)

	// First launch: the name.
	s.start(cmd)
	s.waitFor("first launch", "Họ và tên:")
	s.literal("Trần Văn Minh")
	s.key("Enter")
	s.waitFor("start", "Đơn vị được kiểm tra (12)", "Sở Y tế (SYT)")

	// Open Sở Y tế (fifth in the list; untouched by the demo).
	s.key("Tab", "Down", "Down", "Down", "Down", "Enter")
	s.waitFor("checklist", "Sở Y tế", "Lĩnh vực", "·  "+code1+" ")

	// Item 1: đạt, stored. Item 2: chưa đạt with a note typed as UTF-8.
	// Item 3: chưa đạt with a note typed the way Telex IMEs send it
	// (backspaces, then the recomposed letters). Each wait is for that
	// item's own row to show it stored.
	s.key("1")
	s.waitFor("item 1 stored", savedRow("✓", code1))
	s.key("3")
	s.waitFor("editor 2", "Sở Y tế › "+code2, "bắt buộc khi chưa đạt")
	note2 := "Kiểm tra vết nứt tường, chưa có sổ theo dõi"
	s.literal(note2)
	s.key("Tab")
	s.literal("Kế hoạch số 149/KH-UBND ngày 14/01/2022")
	s.key("Escape")
	s.waitFor("item 2 stored", savedRow("✗", code2), "Ghi chú: "+note2)
	// Runes sent together can arrive in one read, as one key of two
	// letters, which no binding matches: wait for j to act before 3.
	s.key("j")
	s.waitFor("cursor on item 3", "› ·  "+code3+" ")
	s.key("3")
	s.waitFor("editor 3", "Sở Y tế › "+code3, "bắt buộc khi chưa đạt")
	for _, step := range []string{"t", "u", "\x7f", "ư", "o", "\x7f\x7f", "ươ", "n", "g", "\x7f\x7f\x7f\x7f", "ường"} {
		if strings.HasPrefix(step, "\x7f") {
			for range step {
				s.key("BSpace")
			}
			continue
		}
		s.literal(step)
	}
	s.literal(" nứt")
	note3 := "tường nứt"
	s.waitFor("note 3 typed", "│ "+note3)
	s.key("Escape")
	s.waitFor("item 3 stored", savedRow("✗", code3), "Ghi chú: "+note3)

	// Kill -9: no chance to flush anything more.
	pid := s.panePID()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9 %d: %v", pid, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for syscall.Kill(pid, 0) == nil && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	_, _ = s.tmux("kill-session", "-t", s.name)

	// Start again: no name asked, the app reopens where the inspector
	// stopped (the item saved last, after the place the app remembered on
	// opening the unit), the answers are there.
	s.start(cmd)
	s.waitFor("reopened checklist", "Sở Y tế", "Đã đánh giá 3/", "› ✗  "+code3+" ", "Mở lại nơi làm việc lần trước: Sở Y tế, mục "+code3)
	s.key("g")
	s.waitFor("first item", "› ✓  "+code1+" ")
	s.key("j")
	s.waitFor("item 2 detail", "Ghi chú: "+note2, "Tài liệu đã xem: Kế hoạch số 149/KH-UBND ngày 14/01/2022")
	s.key("j")
	s.waitFor("item 3 detail", "Ghi chú: "+note3)
	s.key("q")
	deadline = time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := s.tmux("has-session", "-t", s.name); err != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}

	// And in the database.
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
	got := map[string]model.Finding{}
	for _, f := range fs {
		got[f.ItemCode] = f
	}
	if f := got[code1]; f.Result != model.ResultPass || f.UpdatedBy != "Trần Văn Minh" {
		t.Errorf("item 1: %+v", f)
	}
	if f := got[code2]; f.Result != model.ResultFail || f.Note != note2 || f.Evidence != "Kế hoạch số 149/KH-UBND ngày 14/01/2022" {
		t.Errorf("item 2: %+v", f)
	}
	if f := got[code3]; f.Result != model.ResultFail || f.Note != note3 {
		t.Errorf("item 3: %+v", f)
	}
}
