package report

import (
	"io"
)

// asyncWriter writes the buffers it is handed to w in a goroutine of its
// own, so that compressing a sheet (what w does) and making its XML share
// the processor's cores: a sheet of a hundred thousand rows spends about
// as long on each. It holds at most asyncBuffers buffers: send waits for a
// free one.
type asyncWriter struct {
	work   chan []byte
	free   chan []byte
	done   chan struct{} // closed when the goroutine has stopped
	failed chan struct{} // closed at the first failed write, err set before
	err    error
}

const asyncBuffers = 3 // one being written, one being filled, one waiting

func newAsyncWriter(w io.Writer, size int) *asyncWriter {
	a := &asyncWriter{work: make(chan []byte, asyncBuffers), free: make(chan []byte, asyncBuffers),
		done: make(chan struct{}), failed: make(chan struct{})}
	for range asyncBuffers - 1 {
		a.free <- make([]byte, 0, size)
	}
	go func() {
		defer close(a.done)
		ok := true
		for b := range a.work {
			if ok {
				if _, err := w.Write(b); err != nil {
					a.err, ok = err, false
					close(a.failed)
				}
			}
			a.free <- b[:0] // after a failure too: send must not wait for ever
		}
	}()
	return a
}

// send hands b over to be written and returns an empty buffer to fill
// next; b is not the caller's any more. The error is a write's that
// failed, from then on.
func (a *asyncWriter) send(b []byte) ([]byte, error) {
	select {
	case <-a.failed:
		return b[:0], a.err
	default:
	}
	a.work <- b
	return <-a.free, nil
}

// wait lets what was sent be written, stops the goroutine and returns the
// first write's error. Call it once, before using w again.
func (a *asyncWriter) wait() error {
	close(a.work)
	<-a.done
	return a.err
}
