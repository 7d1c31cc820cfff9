package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// failingWriter takes limit bytes, then fails as a full disk does.
type failingWriter struct {
	bytes.Buffer
	limit int
}

var errFull = errors.New("no space left on device")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.Len()+len(p) > w.limit {
		return 0, errFull
	}
	return w.Buffer.Write(p)
}

// TestAsyncWriterWritesInOrder: what is sent arrives whole and in order,
// and the buffers handed back are empty.
func TestAsyncWriterWritesInOrder(t *testing.T) {
	var out, want bytes.Buffer
	a := newAsyncWriter(&out, 16)
	buf := make([]byte, 0, 16)
	for i := range 1000 {
		buf = fmt.Appendf(buf, "%d,", i)
		fmt.Fprintf(&want, "%d,", i)
		if len(buf) >= 10 {
			var err error
			if buf, err = a.send(buf); err != nil || len(buf) != 0 {
				t.Fatalf("send: %v, %d bytes in the next buffer", err, len(buf))
			}
		}
	}
	if _, err := a.send(buf); err != nil {
		t.Fatal(err)
	}
	if err := a.wait(); err != nil {
		t.Fatal(err)
	}
	if out.String() != want.String() {
		t.Errorf("wrote %d bytes, want %d: %.80q", out.Len(), want.Len(), out.String())
	}
}

// TestAsyncWriterStopsAtTheFirstFailure: after a write fails, send says
// so (the rows stop being made) and wait returns that error; nothing
// blocks.
func TestAsyncWriterStopsAtTheFirstFailure(t *testing.T) {
	w := &failingWriter{limit: 100}
	a := newAsyncWriter(w, 64)
	buf := make([]byte, 0, 64)
	var sendErr error
	for i := 0; i < 10000 && sendErr == nil; i++ {
		buf = append(buf, strings.Repeat("x", 50)...)
		buf, sendErr = a.send(buf)
	}
	if !errors.Is(sendErr, errFull) {
		t.Errorf("send kept going: %v", sendErr)
	}
	if err := a.wait(); !errors.Is(err, errFull) {
		t.Errorf("wait: %v, want the write's error", err)
	}
	if w.Len() != 100 {
		t.Errorf("%d bytes written, want the 100 before the failure", w.Len())
	}
}

// TestSummaryXLSXOnAFullDisk: a workbook whose sheet of findings cannot be
// written whole fails with the disk's error, wherever the disk fills.
func TestSummaryXLSXOnAFullDisk(t *testing.T) {
	s := bigSummary(3000)
	var whole bytes.Buffer
	if err := summaryXLSXTo(&whole, &s); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{0, 1000, whole.Len() / 3, whole.Len() - 10} {
		if err := summaryXLSXTo(&failingWriter{limit: limit}, &s); !errors.Is(err, errFull) {
			t.Errorf("full at %d of %d bytes: %v", limit, whole.Len(), err)
		}
	}
}

func summaryXLSXTo(w io.Writer, s *model.Summary) error { return summaryXLSX(w, s, i18n.New(i18n.VI)) }

// bigSummary is a summary of one unit with n findings, held.
func bigSummary(n int) model.Summary {
	kind := model.KindInfo{Code: "so", Name: "Sở, ban, ngành", Order: 1}
	s := model.Summary{Kinds: []model.KindInfo{kind}}
	for i := range n {
		f := model.FindingRow{UnitCode: "STP", UnitName: "Sở Tư pháp", Kind: kind, State: model.StateFinal, FieldCode: "1",
			ItemCode: fmt.Sprintf("1.1.%d", i), ItemText: fmt.Sprintf("Nội dung %d có đúng quy định không?", i), Max: 100,
			Finding: model.Finding{Result: model.ResultFail, Note: fmt.Sprintf("Ghi chú %d", i), Recommendation: "Khắc phục"}}
		s.Findings = append(s.Findings, f)
		if i%3 == 0 {
			s.Recommendations = append(s.Recommendations, f)
		} else {
			s.Findings[i].Finding.Recommendation = ""
		}
	}
	return s
}
