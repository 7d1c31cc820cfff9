package report

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // photos come as PNG too (screenshots)
	"io"
)

// Thumbnail limits: the longest side of a picture, the pixels an image may
// have to be decoded at all (a 48-megapixel phone photo; a file claiming
// more is not decoded, so a crafted one cannot exhaust memory), and the
// largest picture kept.
const (
	ThumbnailSide      = 320
	MaxThumbnailPixels = 50_000_000
	MaxThumbnailBytes  = 96 << 10
)

// Thumbnail makes the small JPEG picture of a JPEG or PNG image for the
// HTML record: at most ThumbnailSide pixels on its longest side and
// MaxThumbnailBytes long. An image it cannot read, or too large to decode,
// is an error: the record then only lists the file.
func Thumbnail(r io.Reader) ([]byte, error) {
	var head bytes.Buffer
	cfg, _, err := image.DecodeConfig(io.TeeReader(r, &head))
	if err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxThumbnailPixels {
		return nil, fmt.Errorf("thumbnail: %d×%d pixels", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(io.MultiReader(&head, r))
	if err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	small := shrink(img, ThumbnailSide)
	var out bytes.Buffer
	for _, q := range []int{75, 50, 30} {
		out.Reset()
		if err := jpeg.Encode(&out, small, &jpeg.Options{Quality: q}); err != nil {
			return nil, fmt.Errorf("thumbnail: %w", err)
		}
		if out.Len() <= MaxThumbnailBytes {
			return out.Bytes(), nil
		}
	}
	return nil, fmt.Errorf("thumbnail: %d bytes", out.Len())
}

// shrink scales img down so its longest side is at most side, each new
// pixel the average of the block of pixels it covers.
func shrink(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return img
	}
	nw, nh := side, h*side/w
	if h > w {
		nw, nh = w*side/h, side
	}
	nw, nh = max(nw, 1), max(nh, 1)
	out := image.NewRGBA(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		y0, y1 := b.Min.Y+y*h/nh, b.Min.Y+max((y+1)*h/nh, y*h/nh+1)
		for x := 0; x < nw; x++ {
			x0, x1 := b.Min.X+x*w/nw, b.Min.X+max((x+1)*w/nw, x*w/nw+1)
			// Sample at most 4×4 pixels of the block: enough for a picture
			// this small, and bounded whatever the photo's size.
			var r, g, bl, a, n uint64
			for sy := y0; sy < y1; sy += max((y1-y0)/4, 1) {
				for sx := x0; sx < x1; sx += max((x1-x0)/4, 1) {
					cr, cg, cb, ca := img.At(sx, sy).RGBA()
					r, g, bl, a, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), a+uint64(ca), n+1
				}
			}
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(r/n>>8), uint8(g/n>>8), uint8(bl/n>>8), uint8(a/n>>8)
		}
	}
	return out
}
