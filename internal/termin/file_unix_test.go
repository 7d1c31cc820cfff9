//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package termin

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// pipeFile is a File reading the read end of a pipe, and the write end.
func pipeFile(t *testing.T) (*File, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = r.Close() // closed twice in one test; the error says nothing
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return NewFile(r), w
}

func write(t *testing.T, w *os.File, s string) {
	t.Helper()
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

// TestFileCompletesLetterFromDescriptor: on a real descriptor the File
// reads the rest of a letter its first read ended inside, once select
// says it is there; it keeps the file's descriptor and name, so Bubble
// Tea still sets raw mode and cancels reads on it.
func TestFileCompletesLetterFromDescriptor(t *testing.T) {
	t.Parallel()
	f, w := pipeFile(t)
	write(t, w, "xy\xe1\xbb\x87z")
	// A 6-byte buffer reads 3 bytes first: "xy" and the first of "ệ".
	buf := make([]byte, 6)
	n, err := f.Read(buf)
	if err != nil || string(buf[:n]) != "xyệ" {
		t.Fatalf("read %q, %v; want \"xyệ\"", buf[:n], err)
	}
	n, err = f.Read(buf)
	if err != nil || string(buf[:n]) != "z" {
		t.Fatalf("then %q, %v; want \"z\"", buf[:n], err)
	}
	if f.Fd() != f.f.Fd() || f.Name() != f.f.Name() || f.Name() == "" {
		t.Fatalf("descriptor %d name %q, want the file's", f.Fd(), f.Name())
	}
	if _, err := f.Write([]byte("x")); err == nil {
		t.Fatal("writing to a pipe's read end succeeded: the write did not reach the file")
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestFileGivesUpIncompleteLetter: when the rest of a letter does not
// come, the read does not hang: after the wait the bytes are handed over
// as they are, and what comes later is read as it comes.
func TestFileGivesUpIncompleteLetter(t *testing.T) {
	t.Parallel()
	f, w := pipeFile(t)
	f.r.wait = 50 * time.Millisecond // the test need not wait as long as a slow link
	write(t, w, "xy\xe1")
	buf := make([]byte, 256)
	n, err := f.Read(buf)
	if err != nil || string(buf[:n]) != "xy\xe1" {
		t.Fatalf("read %q, %v; want the bytes as they came", buf[:n], err)
	}
	write(t, w, "\xbb\x87ab")
	n, err = f.Read(buf)
	if err != nil || string(buf[:n]) != "\xbb\x87ab" {
		t.Fatalf("then %q, %v", buf[:n], err)
	}
}

// TestFileCompletesEscapeSequence: a read that would end inside an
// escape sequence (a key such as ctrl+→) takes the rest of it when it is
// there already, since a short read tells Bubble Tea the input ended; a
// lone Esc is handed over at once.
func TestFileCompletesEscapeSequence(t *testing.T) {
	t.Parallel()
	f, w := pipeFile(t)
	// A 64-byte buffer reads 45 bytes first: the a's, then Esc and [.
	write(t, w, strings.Repeat("a", 43)+"\x1b[1;5Cz")
	buf := make([]byte, 64)
	n, err := f.Read(buf)
	if err != nil || string(buf[:n]) != strings.Repeat("a", 43)+"\x1b[1;5C" {
		t.Fatalf("read %q, %v; want the a's and the whole sequence", buf[:n], err)
	}
	if n, err = f.Read(buf); err != nil || string(buf[:n]) != "z" {
		t.Fatalf("then %q, %v", buf[:n], err)
	}
	write(t, w, "ab\x1b")
	if n, err = f.Read(buf); err != nil || string(buf[:n]) != "ab\x1b" {
		t.Fatalf("a lone Esc: read %q, %v", buf[:n], err)
	}
}

// keys counts what Bubble Tea's parser makes of its input, until ctrl+c.
type keys struct{ got *[]string }

func (k keys) Init() tea.Cmd { return nil }

func (k keys) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyCtrlC {
		return k, tea.Quit
	}
	*k.got = append(*k.got, fmt.Sprint(msg))
	return k, nil
}

func (k keys) View() string { return "" }

// TestBubbleTeaGetsWholeKeysFromFile: keys pressed faster than the
// program reads (a held ctrl+→, letters after them) reach Bubble Tea
// through the File as the keys they were, never Esc and stray letters.
func TestBubbleTeaGetsWholeKeysFromFile(t *testing.T) {
	t.Parallel()
	f, w := pipeFile(t)
	in := strings.Repeat("\x1b[1;5C", 100) + strings.Repeat("ễ", 100) + "\x03"
	go func() {
		_, _ = w.Write([]byte(in)) // the test fails below if it did not arrive
	}()
	var got []string
	p := tea.NewProgram(keys{got: &got}, tea.WithInput(f), tea.WithOutput(io.Discard), tea.WithoutRenderer(),
		tea.WithoutSignalHandler())
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	letters := ""
	right := 0
	for _, g := range got {
		switch {
		case g == "ctrl+right":
			right++
		case strings.Trim(g, "ễ") == "":
			letters += g
		default:
			t.Fatalf("the parser made %q of the keys", g)
		}
	}
	if right != 100 || letters != strings.Repeat("ễ", 100) {
		t.Fatalf("%d ctrl+right and %q", right, letters)
	}
}
