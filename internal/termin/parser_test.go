package termin

import (
	"bytes"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// typed collects what Bubble Tea's input parser makes of the bytes: the
// letters, spaces and Enters, and anything else it reports.
type typed struct {
	text  *strings.Builder
	other *[]string
}

func (m typed) Init() tea.Cmd { return nil }

func (m typed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	switch {
	case ok && km.Type == tea.KeyCtrlC:
		return m, tea.Quit
	case ok && (km.Type == tea.KeyRunes || km.Type == tea.KeySpace) && !km.Alt:
		m.text.WriteString(string(km.Runes))
	case ok && km.Type == tea.KeyEnter:
		m.text.WriteByte('\r')
	default:
		*m.other = append(*m.other, km.String())
	}
	return m, nil
}

func (m typed) View() string { return "" }

// parse runs Bubble Tea on in, read in chunks of size bytes through a
// Reader, until the ctrl+c at its end.
func parse(t *testing.T, in []byte, size int) (string, []string) {
	t.Helper()
	var cuts []int
	for i := size; i < len(in); i += size {
		cuts = append(cuts, i)
	}
	input := NewReader(&chunks{parts: split(append(bytes.Clone(in), 0x03), cuts...)}, nil)
	m := typed{text: &strings.Builder{}, other: new([]string)}
	p := tea.NewProgram(m, tea.WithInput(input), tea.WithOutput(io.Discard), tea.WithoutRenderer(),
		tea.WithoutSignalHandler())
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	return m.text.String(), *m.other
}

// TestBubbleTeaGetsWholeLetters: Vietnamese text with Enters, read in
// chunks of every size from 1 to 200 bytes, reaches Bubble Tea's parser
// through the Reader and comes out as the same text, every letter whole.
// (Read without the Reader, a letter split between two chunks becomes two
// invalid bytes and is lost.)
func TestBubbleTeaGetsWholeLetters(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("Kiểm tra tồn tại: hạn chót chưa đạt, Câu hỏi về thủ tục hành chính ở Sở Nội vụ.\r"+
		"Đề nghị đơn vị khắc phục trước ngày 31/12; ước tính 😀 ổn.\r", 8)
	for size := 1; size <= 200; size++ {
		got, other := parse(t, []byte(text), size)
		if got != text || len(other) > 0 {
			t.Fatalf("chunks of %d bytes: parsed %q and %v,\nwant %q", size, got, other, text)
		}
	}
}
