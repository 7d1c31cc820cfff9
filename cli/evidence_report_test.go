package cli

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRecordListsEvidenceAndWritesItsFiles(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	dir := t.TempDir()
	if r := runCLI(t, nil, "--db", db, "config", "set", "inspector", "Vũ Hoàng Nam"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	// A real picture, larger than a thumbnail.
	img := image.NewRGBA(image.Rect(0, 0, 900, 600))
	for y := 0; y < 600; y++ {
		for x := 0; x < 900; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(dir, "bảng niêm yết.png")
	scan := filepath.Join(dir, "quyết định.pdf")
	if err := os.WriteFile(photo, pic.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scan, []byte("%PDF-1.4\n"+strings.Repeat("x", 3000)), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, nil, "--db", db, "evidence", "add", "--unit", "STC", "--item", "1.1.2", photo, scan); r.code != 0 {
		t.Fatal(r.stderr)
	}

	md := filepath.Join(dir, "stc.md")
	if r := runCLI(t, nil, "--db", db, "report", "unit", "--unit", "STC", "--format", "md", "--out", md); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DANH MỤC TỆP MINH CHỨNG", "| 1.1.2 | bảng niêm yết.png |", "Ảnh PNG", "| 2 KB | Tài liệu PDF |"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the record lacks %q", want)
		}
	}

	html := filepath.Join(dir, "stc.html")
	files := filepath.Join(dir, "tep")
	if r := runCLI(t, nil, "--db", db, "report", "unit", "--unit", "STC", "--format", "html", "--out", html, "--with-files", files); r.code != 0 {
		t.Fatal(r.stderr)
	}
	h, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(h), `src="data:image/jpeg;base64,`); n != 1 {
		t.Errorf("%d pictures in the HTML record, want the one photo", n)
	}
	if len(h) > 200<<10 {
		t.Errorf("the HTML record is %d bytes: the picture is not small", len(h))
	}
	got, err := os.ReadFile(filepath.Join(files, "STC", "1.1.2", "bảng niêm yết.png"))
	if err != nil || !bytes.Equal(got, pic.Bytes()) {
		t.Errorf("the photo beside the record: %v, %d bytes", err, len(got))
	}
	// A --with-files path that is a file is refused before anything is
	// written.
	if r := runCLI(t, nil, "--db", db, "report", "unit", "--unit", "STC", "--format", "md", "--out", filepath.Join(dir, "x.md"),
		"--with-files", md); r.code == 0 {
		t.Error("--with-files naming a file succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.md")); err == nil {
		t.Error("the record was written before --with-files was refused")
	}
}
