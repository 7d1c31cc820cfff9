package termin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// chunks hands out its chunks one per Read, as a terminal's reads come:
// a chunk longer than the buffer is handed out over several reads.
type chunks struct {
	parts [][]byte
	err   error // returned after the last chunk; io.EOF when nil
}

func (c *chunks) Read(p []byte) (int, error) {
	for len(c.parts) > 0 && len(c.parts[0]) == 0 {
		c.parts = c.parts[1:]
	}
	if len(c.parts) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		return 0, io.EOF
	}
	n := copy(p, c.parts[0])
	c.parts[0] = c.parts[0][n:]
	return n, nil
}

// split cuts b at the given offsets.
func split(b []byte, at ...int) [][]byte {
	var out [][]byte
	prev := 0
	for _, i := range at {
		out = append(out, bytes.Clone(b[prev:i]))
		prev = i
	}
	return append(out, bytes.Clone(b[prev:]))
}

// readAll reads r to the end with a buffer of size n and returns every
// read's bytes.
func readAll(t *testing.T, r io.Reader, n int) [][]byte {
	t.Helper()
	var reads [][]byte
	buf := make([]byte, n)
	for range 10000 {
		k, err := r.Read(buf)
		if k > 0 {
			reads = append(reads, bytes.Clone(buf[:k]))
		}
		if errors.Is(err, io.EOF) {
			return reads
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
	}
	t.Fatal("the reader never reached EOF")
	return nil
}

// sample has letters of one to four bytes, a combining mark, and the
// control bytes a terminal sends (Enter, backspace, Esc).
var sample = []byte("aĐễ ư\u0301ở😀\r\x7fz\x1bjtồn hạn Câu")

// TestReadsEndWithWholeLetters: wherever the terminal's reads split the
// input (at every point and every pair of points), every read the Reader
// hands over is valid UTF-8 and together they are the input, byte for
// byte, for buffers from the smallest that holds a letter to Bubble Tea's.
func TestReadsEndWithWholeLetters(t *testing.T) {
	t.Parallel()
	for _, size := range []int{utf8.UTFMax, 5, 7, 256} {
		for i := 0; i <= len(sample); i++ {
			for j := i; j <= len(sample); j++ {
				r := NewReader(&chunks{parts: split(sample, i, j)}, nil)
				reads := readAll(t, r, size)
				for _, rd := range reads {
					if !utf8.Valid(rd) {
						t.Fatalf("buffer %d, split at %d and %d: read %q is not valid UTF-8", size, i, j, rd)
					}
				}
				if got := bytes.Join(reads, nil); !bytes.Equal(got, sample) {
					t.Fatalf("buffer %d, split at %d and %d: read %q, want %q", size, i, j, got, sample)
				}
			}
		}
	}
}

// TestInvalidBytesPassThrough: bytes that are not UTF-8 (a Latin-1
// terminal, a truncated sequence) are handed over as they came, none
// lost and none added, wherever the reads split them.
func TestInvalidBytesPassThrough(t *testing.T) {
	t.Parallel()
	in := []byte("a\xe1A\xe1\xbbB\xff\xc0\xe9t\xf0\x9f\x98\xe1\xbb\x87")
	for i := 0; i <= len(in); i++ {
		for j := i; j <= len(in); j++ {
			r := NewReader(&chunks{parts: split(in, i, j)}, nil)
			if got := bytes.Join(readAll(t, r, 256), nil); !bytes.Equal(got, in) {
				t.Fatalf("split at %d and %d: read %q, want %q", i, j, got, in)
			}
		}
	}
}

// TestIncompleteTailAtEnd: a sequence the input ends inside is handed over
// at EOF, and an error met while waiting for the rest of a letter comes
// with the next read, after the bytes read before it (Bubble Tea drops a
// read's bytes when an error comes with them).
func TestIncompleteTailAtEnd(t *testing.T) {
	t.Parallel()
	r := NewReader(&chunks{parts: split([]byte("ab\xe1\xbb"), 3)}, nil)
	buf := make([]byte, 256)
	n, err := r.Read(buf)
	if err != nil || string(buf[:n]) != "ab\xe1\xbb" {
		t.Fatalf("read %q, %v; want the incomplete tail with no error", buf[:n], err)
	}
	if n, err := r.Read(buf); n != 0 || !errors.Is(err, io.EOF) {
		t.Fatalf("then %d bytes, %v; want EOF", n, err)
	}

	boom := errors.New("boom")
	r = NewReader(&chunks{parts: [][]byte{[]byte("xy\xe1")}, err: boom}, nil)
	n, err = r.Read(buf)
	if err != nil || string(buf[:n]) != "xy\xe1" {
		t.Fatalf("read %q, %v; want the bytes with no error", buf[:n], err)
	}
	if n, err := r.Read(buf); n != 0 || !errors.Is(err, boom) {
		t.Fatalf("then %d bytes, %v; want the error", n, err)
	}
}

// TestMissing: how many bytes a buffer's last sequence lacks.
func TestMissing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"a", 0}, {"ễ", 0}, {"\xe1", 2}, {"\xe1\xbb", 1}, {"a\xf0\x9f\x98", 1}, {"\xf0", 3},
		{"\xc4", 1}, {"\xbb", 0}, {"\xbb\xbb\xbb\xbb", 0}, {"\xe0\x80", 0}, {"\xff", 0}, {"\xe1A", 0},
	} {
		if got := missing([]byte(c.in)); got != c.want {
			t.Errorf("missing(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func ExampleReader() {
	// The terminal's reads split "ễ" (e1 bb 85) after its first byte.
	r := NewReader(&chunks{parts: [][]byte{[]byte("Đ\xe1"), []byte("\xbb\x85")}}, nil)
	buf := make([]byte, 256)
	n, _ := r.Read(buf)
	fmt.Printf("%q\n", buf[:n])
	// Output: "Đễ"
}

// TestUnfinishedEscape: which endings are the start of an escape sequence.
func TestUnfinishedEscape(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"a\x1b": true, "\x1b[": true, "\x1b[1;5": true, "\x1bO": true, "x\x1b[<35;10": true,
		"\x1b[A": false, "\x1b[1;5C": false, "\x1bOP": false, "\x1bj": false, "abc": false, "": false,
		"\x1b[200~" + strings.Repeat("x", 40): false,
	} {
		if got := unfinishedEscape([]byte(in)); got != want {
			t.Errorf("unfinishedEscape(%q) = %v, want %v", in, got, want)
		}
	}
}
