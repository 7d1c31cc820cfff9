package report

import (
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// Every part of a workbook is deflated by klauspost's compressor at its
// fastest level (see newBook). One compressor holds half a megabyte of
// tables and takes 50 µs to make; a workbook has a score of parts, most
// of them a few hundred bytes. So compressors are kept between parts and
// workbooks, and reset for each.
var deflaters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		panic(err) // only for a level out of range: BestSpeed is not
	}
	return w
}}

// deflater is a zip compressor (zip.Compressor) from the pool.
func deflater(out io.Writer) (io.WriteCloser, error) {
	w := deflaters.Get().(*flate.Writer)
	w.Reset(out)
	return &pooledDeflater{w: w}, nil
}

// pooledDeflater gives its compressor back once closed.
type pooledDeflater struct{ w *flate.Writer }

func (d *pooledDeflater) Write(p []byte) (int, error) { return d.w.Write(p) }

func (d *pooledDeflater) Close() error {
	err := d.w.Close()
	d.w.Reset(io.Discard) // drop the reference to the part's writer
	deflaters.Put(d.w)
	d.w = nil
	return err
}
