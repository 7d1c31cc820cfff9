package report

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

func TestThumbnailIsSmall(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for y := 0; y < 800; y++ {
		for x := 0; x < 1200; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var src bytes.Buffer
	if err := jpeg.Encode(&src, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	th, err := Thumbnail(bytes.NewReader(src.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(th))
	if err != nil || cfg.Width != ThumbnailSide || cfg.Height != ThumbnailSide*800/1200 || len(th) > MaxThumbnailBytes {
		t.Errorf("thumbnail %d×%d, %d bytes (%v)", cfg.Width, cfg.Height, len(th), err)
	}
}

func TestThumbnailRefusesAHugeImage(t *testing.T) {
	// A PNG header claiming 100,000 × 100,000 pixels: never decoded.
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 100000)
	binary.BigEndian.PutUint32(ihdr[4:], 100000)
	ihdr[8], ihdr[9] = 8, 6
	chunk := append([]byte("IHDR"), ihdr...)
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	if _, err := Thumbnail(&b); err == nil {
		t.Fatal("a 10-gigapixel image was decoded")
	}
	if _, err := Thumbnail(bytes.NewReader([]byte("%PDF-1.4"))); err == nil {
		t.Fatal("a PDF made a picture")
	}
}
