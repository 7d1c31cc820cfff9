package ui

import (
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"

	"kiemtra/internal/termin"
	"kiemtra/store"
)

// noteText is the 100 KB note the input tests type, and the bytes a
// terminal sends when it is typed in Telex.
var (
	noteText   = vietnamese(100_000, 1)
	noteStream = telexStream(noteText, 1)
)

// TestVietnameseTextGenerated keeps the input tests honest: the note is
// 100 KB of NFC Vietnamese with line breaks, and its Telex stream has
// backspaces and more than a thousand letters of three bytes.
func TestVietnameseTextGenerated(t *testing.T) {
	t.Parallel()
	if len(noteText) < 100_000 || !norm.NFC.IsNormalString(noteText) || !strings.Contains(noteText, "\n") {
		t.Fatalf("note: %d bytes, NFC %v", len(noteText), norm.NFC.IsNormalString(noteText))
	}
	if strings.TrimSpace(noteText) != noteText {
		t.Fatal("the note starts or ends with a space")
	}
	three, del := 0, strings.Count(string(noteStream), "\x7f")
	for _, r := range string(noteStream) {
		if len(string(r)) == 3 {
			three++
		}
	}
	if del < 5000 || three < 1000 {
		t.Fatalf("the stream has %d backspaces and %d three-byte letters", del, three)
	}
}

// noteApp is the App with Sở Y tế's first item marked chưa đạt and its
// note, empty, focused.
func noteApp(t *testing.T) (App, string) {
	t.Helper()
	a := openDemoUnit(t, demoApp(t), "SYT")
	code := cursorItem(a).Code
	a = keys(t, a, "3")
	if a.screen != screenEditor || a.editor.focus != focusNote || a.editor.note.Value() != "" {
		t.Fatalf("the note is not open and empty: %s", where(a))
	}
	return a, code
}

// requireStoredNote leaves the editor and checks the note reached the
// database byte for byte.
func requireStoredNote(t *testing.T, a App, code, want string) {
	t.Helper()
	a = keys(t, a, "esc")
	if a.screen != screenChecklist || a.status.isErr {
		t.Fatalf("esc: screen %s, status %q", a.screen, a.status.text)
	}
	f, _ := storedFinding(t, a.c.store.(*store.DB), a.sess.assessment.ID, code)
	if f.Note != want {
		t.Fatalf("stored note differs: %d bytes, want %d; first difference at byte %d", len(f.Note), len(want), firstDiff(f.Note, want))
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// feed sends msgs to the App in place, running the commands they return
// (the heavy input tests send hundreds of thousands of keys; copying the
// App for each was most of their time).
func feed(t *testing.T, a *App, msgs ...tea.Msg) {
	t.Helper()
	for _, m := range msgs {
		*a = drive(t, *a, a.step(m))
	}
}

// TestTelexNoteInChunks: the 100 KB note typed in Telex (backspaces and
// recomposed letters) arrives in chunks of every size from 1 to 200
// bytes, in three orders, each chunk's runes as key messages (an input
// method's commit, or a read the terminal reader handed over); the note
// is stored byte for byte.
func TestTelexNoteInChunks(t *testing.T) {
	t.Parallel()
	for _, order := range cutOrders {
		t.Run(order, func(t *testing.T) {
			t.Parallel()
			a, code := noteApp(t)
			chunks := cut(noteStream, order, true)
			for _, chunk := range chunks {
				for _, k := range chunkKeys(chunk) {
					feed(t, &a, k)
				}
			}
			requireStoredNote(t, a, code, noteText)
		})
	}
}

// chunkReader hands out one chunk per Read, as a terminal's reads come.
type chunkReader struct{ chunks [][]byte }

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.chunks) > 0 && len(c.chunks[0]) == 0 {
		c.chunks = c.chunks[1:]
	}
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	return n, nil
}

// keyRecorder keeps every message Bubble Tea's input parser makes, until
// the ctrl+c that ends the input.
type keyRecorder struct{ msgs *[]tea.Msg }

func (r keyRecorder) Init() tea.Cmd { return nil }

func (r keyRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyCtrlC {
		return r, tea.Quit
	}
	*r.msgs = append(*r.msgs, msg)
	return r, nil
}

func (r keyRecorder) View() string { return "" }

// parsed is what Bubble Tea's own input parser makes of the chunks read
// through the terminal reader (termin), as the real program reads them.
func parsed(t *testing.T, chunks [][]byte) []tea.Msg {
	t.Helper()
	var msgs []tea.Msg
	in := termin.NewReader(&chunkReader{chunks: append(chunks, []byte{0x03})}, nil)
	p := tea.NewProgram(keyRecorder{msgs: &msgs}, tea.WithInput(in), tea.WithOutput(io.Discard),
		tea.WithoutRenderer(), tea.WithoutSignalHandler())
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	return msgs
}

// TestTelexNoteThroughTheParser: the same 100 KB Telex stream, cut at any
// byte (letters split between chunks of every size from 1 to 200 bytes,
// in three orders), read through the terminal reader and Bubble Tea's own
// input parser as the program reads the terminal, then into the App: the
// note is stored byte for byte.
func TestTelexNoteThroughTheParser(t *testing.T) {
	t.Parallel()
	for _, order := range cutOrders {
		t.Run(order, func(t *testing.T) {
			t.Parallel()
			msgs := parsed(t, cut(noteStream, order, false))
			for _, m := range msgs {
				if _, ok := m.(tea.KeyMsg); !ok {
					t.Fatalf("the parser made a %T of the input: %v", m, m)
				}
			}
			a, code := noteApp(t)
			feed(t, &a, msgs...)
			requireStoredNote(t, a, code, noteText)
		})
	}
}
