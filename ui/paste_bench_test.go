package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"kiemtra/i18n"
)

// The paste benchmarks take text pasted into a note without brackets
// (many terminals, Windows consoles, remote sessions), as Bubble Tea
// delivers it: a message per word and per space. Each message goes
// through the program's Update and View, with a frame every
// frameInterval of the benchmark's own time as the program draws them;
// then esc commits the note and its save is stored. Time and memory per
// byte must stay flat from 10 KB to 1 MB:
//
//	go test ./ui/ -run '^$' -bench Paste -benchmem
func benchmarkPaste(b *testing.B, size int) {
	text := vietnamese(size, 3)
	msgs := pasteKeys(text)
	db := openStore(b, true, "Nguyễn Thị Hương")
	base := openDemoUnit(b, newTestApp(b, db, i18n.VI, 120, 40), "SYT")
	code := cursorItem(base).Code
	base = keys(b, base, "3")
	base.c.frameEvery = frameInterval
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p := base.Program()
		last := time.Now()
		for _, m := range msgs {
			p, _ = p.Update(m)
			_ = p.View()
			if time.Since(last) >= frameInterval {
				p, _ = p.Update(frameMsg{})
				_ = p.View()
				last = time.Now()
			}
		}
		p, cmd := p.Update(tea.KeyMsg{Type: tea.KeyEsc})
		a := drive(b, p.(*program).app, cmd)
		_ = a.View()
		b.StopTimer()
		if f, _ := storedFinding(b, db, a.sess.assessment.ID, code); f.Note != text {
			b.Fatalf("stored %d bytes, want %d", len(f.Note), len(text))
		}
		// The next round saves on top of what this one stored.
		base.sess = a.sess
		b.StartTimer()
	}
}

func BenchmarkPaste10KB(b *testing.B)  { benchmarkPaste(b, 10_000) }
func BenchmarkPaste100KB(b *testing.B) { benchmarkPaste(b, 100_000) }
func BenchmarkPaste1MB(b *testing.B)   { benchmarkPaste(b, 1_000_000) }
