package ui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"kiemtra/i18n"
	"kiemtra/model"
)

// runProgram feeds msg to a program model and every message its commands
// give, synchronously (a stand-in for Bubble Tea's loop); it reports
// whether the program asked to quit.
func runProgram(tb testing.TB, m tea.Model, msg tea.Msg) (quit bool) {
	tb.Helper()
	_, cmd := m.Update(msg)
	return runCmds(tb, m, cmd)
}

func runCmds(tb testing.TB, m tea.Model, cmd tea.Cmd) (quit bool) {
	tb.Helper()
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case nil:
		return false
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if runCmds(tb, m, c) {
				quit = true
			}
		}
		return quit
	case frameMsg, debounceMsg:
		return false // ticks: the test draws when it asks
	default:
		return runProgram(tb, m, msg)
	}
}

// Opening draws the loading screen before its database is open, and the
// App takes over with the store open gave, at the size the terminal told
// the program meanwhile.
func TestOpeningDrawsFirstThenHandsOver(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Trần Văn Minh")
	release := make(chan struct{})
	p := Opening(i18n.VI, func() (Deps, error) {
		<-release
		d := testDeps(t, db, i18n.VI)
		return d, nil
	})
	p.(*program).app.c.frameEvery = 0
	open := p.Init()
	runProgram(t, p, tea.WindowSizeMsg{Width: 120, Height: 40})
	first := ansi.Strip(p.View())
	if !strings.HasPrefix(first, "kiemtra") || len(strings.Split(first, "\n")) != 40 {
		t.Fatalf("before the database is open, the first frame:\n%s", first)
	}
	if runProgram(t, p, keyMsg("x")) || runProgram(t, p, keyMsg("down")) {
		t.Fatal("a key before the store quit the program")
	}
	close(release)
	if runCmds(t, p, open) {
		t.Fatal("the program quit once the database was open")
	}
	if err := OpenErr(p); err != nil {
		t.Fatalf("OpenErr after a good opening: %v", err)
	}
	got := ansi.Strip(p.View())
	for _, want := range []string{"Trần Văn Minh", "Đơn vị được kiểm tra", "UBND huyện Cẩm Giàng"} {
		if !strings.Contains(got, want) {
			t.Fatalf("after the opening the screen lacks %q:\n%s", want, got)
		}
	}
	if lines := strings.Split(got, "\n"); len(lines) != 40 {
		t.Errorf("after the opening the screen is %d lines, want the 40 the terminal has", len(lines))
	}
}

// A database that cannot be opened ends the program; OpenErr says why,
// for main to print once the terminal is back.
func TestOpeningFailsWithTheReason(t *testing.T) {
	t.Parallel()
	want := model.NewError(model.ENotDatabase, nil, "/tmp/x.db")
	p := Opening(i18n.VI, func() (Deps, error) { return Deps{}, want })
	open := p.Init()
	runProgram(t, p, tea.WindowSizeMsg{Width: 80, Height: 24})
	if !runCmds(t, p, open) {
		t.Fatal("the program goes on without its database")
	}
	if err := OpenErr(p); !errors.Is(err, want) {
		t.Fatalf("OpenErr %v, want %v", err, want)
	}
}

// While the database opens, q and ctrl+c end the program; nothing else
// reaches the App, which has no store yet.
func TestOpeningQuits(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"q", "ctrl+c"} {
		p := Opening(i18n.EN, func() (Deps, error) { select {} })
		runProgram(t, p, tea.WindowSizeMsg{Width: 80, Height: 24})
		if !runProgram(t, p, keyMsg(k)) {
			t.Errorf("%s while the database opens: the program goes on", k)
		}
		if OpenErr(p) != nil {
			t.Errorf("%s: OpenErr %v", k, OpenErr(p))
		}
	}
	p := Opening(i18n.EN, func() (Deps, error) { select {} })
	if runProgram(t, p, keyMsg("qq")) {
		t.Error("a run of letters read as q quit the program")
	}
}
